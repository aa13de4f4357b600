/* cli_common.c: what the subcommands share (see cli_common.h): messages and exit codes, the
 * case code as typed, the content for names, opening the records with retention first, and
 * writing output that is safe on a terminal. */
#include "cli_common.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "i18n.h"
#include "text.h"

int cli_load_content(app *a)
{
	diags d = {0};
	if (app_load_content(a, &d) != 0) {
		fprintf(stderr, _("infokaart: de inhoud in %s bevat fouten; het programma start niet.\n"), a->content_dir);
		diags_print(&d, stderr);
		fprintf(stderr, _("infokaart: %d fout(en). Herstel ze en controleer met 'infokaart check'.\n"), d.n);
		diags_free(&d);
		return -1;
	}
	return 0;
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("infokaart: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", _("Zie 'infokaart --help'.\n"));
	return EXIT_USAGE;
}

int cli_db_error(const store_err *err)
{
	fprintf(stderr, "infokaart: %s\n", err->msg);
	return EXIT_DB;
}

/* "k7m 4qxrt", "K7M4QXRT" and "K7M-4QXRT" are the same code: codes are read aloud and typed. */
int cli_case_code(const char *in, char out[16])
{
	char raw[16];
	size_t n = 0;
	bool other = false;
	for (const char *p = in; *p; p++)
		if (isalnum((unsigned char)*p) && n < sizeof raw - 1)
			raw[n++] = (char)toupper((unsigned char)*p);
		else
			other |= isalnum((unsigned char)*p) || !(*p == ' ' || *p == '-');
	raw[n] = '\0';
	if (n != 8 || other) {
		out[0] = '\0';
		return cli_usage(_("'%s' is geen casuscode (drie en vijf letters of cijfers, zoals K7M-4QXRT)."), in);
	}
	snprintf(out, 16, "%.3s-%.5s", raw, raw + 3);
	return EXIT_OK;
}

int cli_terminal_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *env = getenv("COLUMNS");
	int cols = env ? atoi(env) : 0;
	return cols > 0 ? cols : 80;
}

/* Writes b to stdout (text made safe for a terminal first) and frees it. */
int cli_emit(strbuf *b, out_format f, int rc)
{
	const char *t = b->s ? b->s : "";
	char *out = f == FMT_TEXT ? text_sanitize(t, true) : isatty(STDOUT_FILENO) ? text_sanitize_table(t) : sb_take(b);
	fputs(out, stdout);
	free(out);
	sb_free(b);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror(_("infokaart: uitvoer"));
		return EXIT_NONE;
	}
	return rc;
}

void cli_csv_bom(strbuf *b, const cli_opts *o)
{
	if (!o->bom)
		return;
	strbuf with = {0};
	sb_append(&with, "\xef\xbb\xbf");
	sb_appendn(&with, b->s ? b->s : "", b->len);
	sb_free(b);
	*b = with;
}

void cli_erased_text(strbuf *b, const char *head, long long referrals, long long notes, long long history,
		     long long scores)
{
	sb_append(b, head);
	sb_printf(b, ngettext("%lld verwijzing", "%lld verwijzingen", (unsigned long)referrals), referrals);
	if (notes >= 0)
		sb_printf(b, ngettext(" (met %lld notitie)", " (met %lld notities)", (unsigned long)notes), notes);
	sb_printf(b, ngettext(", %lld statusregel", ", %lld statusregels", (unsigned long)history), history);
	sb_printf(b, ngettext(" en %lld De Jong Gierveld-score.\n", " en %lld De Jong Gierveld-scores.\n",
			      (unsigned long)scores),
		  scores);
}

/* Records outlive content: when it cannot be loaded, ids stand in for names. */
const content *cli_names(app *a)
{
	static bool tried;
	if (!a->c && !tried) {
		diags d = {0};
		tried = true;
		if (app_load_content(a, &d) != 0)
			fprintf(stderr, _("infokaart: de inhoud in %s kan niet worden geladen; "
					  "u ziet ids in plaats van namen.\n"), a->content_dir);
		diags_free(&d);
	}
	return a->c;
}

const char *cli_label(app *a, store_by by, const char *key)
{
	return store_label(cli_names(a), a->lang, by, key);
}

/* --- opening the records --- */

/* Opens the database and deletes the notes past the retention period, as every start of the
 * program does. A database that does not exist yet is not made: there is nothing to find. */
int cli_open_records(app *a, const cli_opts *o, store **s, int *purged)
{
	store_err err = {0};
	int removed = 0;
	*s = NULL;
	if (access(a->db_path, F_OK) != 0) {
		fprintf(stderr, _("infokaart: er zijn nog geen verwijzingen vastgelegd (geen database "
				  "op %s).\n"), a->db_path);
		return EXIT_NONE;
	}
	if (store_open(a->db_path, s, &err) != 0)
		return cli_db_error(&err);
	if (store_purge(*s, a->now, o->days, &removed, &err) != 0) {
		store_close(*s);
		*s = NULL;
		return cli_db_error(&err);
	}
	if (purged)
		*purged = removed;
	else if (removed > 0)
		fprintf(stderr, ngettext("infokaart: %d notitie ouder dan %d dagen verwijderd.\n",
					 "infokaart: %d notities ouder dan %d dagen verwijderd.\n",
					 (unsigned long)removed), removed, o->days);
	return EXIT_OK;
}

