/* cli_records.c: the record subcommands (see cli_records.h): the option table and its
 * checks, opening the store (retention first), output; and the retention and erasure
 * commands. The tables (stats, export) live in cli_records_tables.c, the follow-up commands
 * in cli_records_followup.c. Every change to a record goes through one of the store's
 * one-transaction calls. */
#include "cli_records.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_records_internal.h"
#include "i18n.h"
#include "text.h"

enum { MAX_DAYS = 3650 /* as retention_days in the config */ };

/* Options, as bits of what a command accepts. */
enum { O_DATE = 1, O_FORMAT = 2, O_ROLE = 4, O_DJG = 8, O_SINCE = 16, O_NOTES = 32, O_NEXT = 64,
       O_DAYS = 128, O_TO = 256, O_FROM = 512, O_SITE = 1024, O_STATUS = 2048,
       O_WORD = 4096 /* one word more than it needs may follow */, O_CSV = 8192 /* --csv-sep, --bom */,
       O_BOM = 16384 };

typedef struct {
	const char *name;
	unsigned options; /* O_* it accepts besides --days */
	int nargs;        /* words it needs */
	int (*run)(app *a, const cli_records_opts *o);
} command;

static const struct {
	const char *name;
	unsigned bit;
} option_table[] = {
	{"--date", O_DATE}, {"--format", O_FORMAT},  {"--role", O_ROLE}, {"--djg", O_DJG},
	{"--since", O_SINCE}, {"--with-notes", O_NOTES}, {"--next", O_NEXT}, {"--days", O_DAYS},
	{"--to", O_TO},       {"--from", O_FROM},        {"--site-name", O_SITE},
	{"--status", O_STATUS}, {"--csv-sep", O_CSV}, {"--bom", O_BOM},
};

/* --- small helpers --- */

int cli_records_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("infokaart: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", _("Zie 'infokaart --help'.\n"));
	return EXIT_USAGE;
}

int cli_records_db_error(const store_err *err)
{
	fprintf(stderr, "infokaart: %s\n", err->msg);
	return EXIT_DB;
}

/* "k7m 4qxrt", "K7M4QXRT" and "K7M-4QXRT" are the same code: codes are read aloud and typed. */
void cli_records_code(const char *in, char out[16])
{
	char raw[16];
	size_t n = 0;
	for (const char *p = in; *p && n < sizeof raw - 1; p++)
		if (isalnum((unsigned char)*p))
			raw[n++] = (char)toupper((unsigned char)*p);
	raw[n] = '\0';
	if (n == 8)
		snprintf(out, 16, "%.3s-%.5s", raw, raw + 3);
	else
		snprintf(out, 16, "%s", in);
}

/* Writes b to stdout (made safe for a terminal first: text always, tables on a terminal) and
 * frees it. */
int cli_records_emit(strbuf *b, out_format f, int rc)
{
	const char *s = b->s ? b->s : "";
	char *out = f == FMT_TEXT		 ? text_sanitize(s, true)
		    : isatty(STDOUT_FILENO) ? text_sanitize_table(s)
					     : sb_take(b);
	fputs(out, stdout);
	free(out);
	sb_free(b);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("infokaart: uitvoer");
		return EXIT_NONE;
	}
	return rc;
}

void cli_records_csv_bom(strbuf *b, const cli_records_opts *o)
{
	if (!o->bom)
		return;
	strbuf with = {0};
	sb_append(&with, "\xef\xbb\xbf");
	sb_appendn(&with, b->s ? b->s : "", b->len);
	sb_free(b);
	*b = with;
}

/* Records outlive content: when it cannot be loaded, ids stand in for names. */
const content *cli_records_names(app *a)
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

const char *cli_records_label(app *a, store_by by, const char *key)
{
	return store_label(cli_records_names(a), a->lang, by, key);
}

/* --- opening the records --- */

/* Opens the database and deletes the notes past the retention period, as every start of the
 * program does. A database that does not exist yet is not made: there is nothing to find. */
int cli_records_open(app *a, const cli_records_opts *o, store **s, int *purged)
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
		return cli_records_db_error(&err);
	if (store_purge(*s, a->now, o->days, &removed, &err) != 0) {
		store_close(*s);
		*s = NULL;
		return cli_records_db_error(&err);
	}
	if (purged)
		*purged = removed;
	else if (removed > 0)
		fprintf(stderr, ngettext("infokaart: %d notitie ouder dan %d dagen verwijderd.\n",
					 "infokaart: %d notities ouder dan %d dagen verwijderd.\n",
					 (unsigned long)removed), removed, o->days);
	return EXIT_OK;
}

/* --- retention and erasure --- */

static int run_purge(app *a, const cli_records_opts *o)
{
	store *s = NULL;
	int removed = 0, rc = cli_records_open(a, o, &s, &removed);
	if (rc != EXIT_OK)
		return rc;
	store_close(s);
	if (removed)
		printf(ngettext("%d notitie ouder dan %d dagen verwijderd; de andere gegevens zijn "
				"bewaard.\n",
				"%d notities ouder dan %d dagen verwijderd; de andere gegevens zijn "
				"bewaard.\n", (unsigned long)removed), removed, o->days);
	else
		printf(_("Geen notities ouder dan %d dagen; niets verwijderd.\n"), o->days);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_NONE;
}

static int run_delete(app *a, const cli_records_opts *o)
{
	char code[16];
	cli_records_code(o->arg[0], code);
	store *s = NULL;
	store_delete_report rep;
	store_err err = {0};
	int rc = cli_records_open(a, o, &s, NULL);
	if (rc != EXIT_OK)
		return rc;
	rc = store_delete_case(s, code, &rep, &err);
	store_close(s);
	if (rc < 0)
		return cli_records_db_error(&err);
	if (rc > 0) {
		fprintf(stderr, _("infokaart: geen verwijzing met code %s; niets gewist.\n"), code);
		if (a->cfg.sync_url[0]) /* in a network: the case may be another site's */
			fprintf(stderr, _("infokaart: is de verwijzing op een andere plek vastgelegd? Wis "
					  "hem daar, of laat de coördinator hem in het hele netwerk wissen "
					  "met: infokaart central erase %s\n"),
				code);
		return EXIT_NONE;
	}
	strbuf b = {0};
	sb_printf(&b, _("Gewist voor code %s: "), code);
	sb_printf(&b, ngettext("%d verwijzing", "%d verwijzingen", (unsigned long)rep.referrals),
		  rep.referrals);
	sb_printf(&b, ngettext(" (met %d notitie)", " (met %d notities)", (unsigned long)rep.notes),
		  rep.notes);
	sb_printf(&b, ngettext(", %d statusregel", ", %d statusregels", (unsigned long)rep.history),
		  rep.history);
	sb_printf(&b, ngettext(" en %d De Jong Gierveld-score.\n",
			       " en %d De Jong Gierveld-scores.\n", (unsigned long)rep.djg), rep.djg);
	sb_append(&b, _("Dit kan niet ongedaan worden gemaakt.\n"));
	if (!rep.wal_cleared)
		sb_printf(&b, _("Een ander programma heeft de database nog open. Sluit het: pas dan "
				"verdwijnen de laatste sporen uit %s-wal.\n"), a->db_path);
	return cli_records_emit(&b, FMT_TEXT, EXIT_OK);
}

/* --- the commands and their options --- */

static const command commands[] = {
	{"followups", O_DATE | O_FORMAT | O_CSV | O_BOM, 0, cli_records_followups},
	{"outcome", O_ROLE | O_DJG | O_NEXT, 2, cli_records_outcome},
	{"case", O_FORMAT | O_NOTES | O_CSV | O_BOM, 1, cli_records_case},
	{"stats", O_SINCE | O_FORMAT | O_FROM | O_CSV | O_BOM, 0, cli_records_stats},
	{"export", O_FORMAT | O_SINCE | O_NOTES | O_CSV | O_BOM, 0, cli_records_export},
	{"purge", 0, 0, run_purge},
	{"delete", 0, 1, run_delete},
	{"sync", O_TO | O_SITE | O_STATUS, 0, cli_sync},
	{"catalogue", O_TO, 1, cli_sync_catalogue},
	{"central", O_TO | O_WORD, 1, cli_central},
};

static const command *find_command(const char *word)
{
	for (size_t i = 0; word && i < ARRAY_LEN(commands); i++)
		if (strcmp(word, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

bool cli_records_is_command(const char *word)
{
	return find_command(word) != NULL;
}

/* Checks and stores the value of one option. Returns 0 or an exit code. */
static int take_value(const command *c, cli_records_opts *o, unsigned bit, const char *name,
		      const char *v)
{
	int days;
	char *end;
	switch (bit) {
	case O_DATE:
	case O_SINCE:
	case O_NEXT:
		if (date_parse(v, &days) != 0)
			return cli_records_usage(_("%s wil een datum als JJJJ-MM-DD."), name);
		*(bit == O_DATE ? &o->date : bit == O_SINCE ? &o->since : &o->next) = v;
		return 0;
	case O_FORMAT:
		if (strcmp(v, "csv") == 0)
			o->format = FMT_CSV;
		else if (strcmp(v, "json") == 0)
			o->format = FMT_JSON;
		else if (strcmp(v, "text") == 0 && strcmp(c->name, "export") != 0)
			o->format = FMT_TEXT;
		else
			return cli_records_usage(_("--format '%s' ken ik hier niet."), v);
		return 0;
	case O_DAYS:
		o->days = (int)strtol(v, &end, 10);
		if (!*v || *end || o->days < 1 || o->days > MAX_DAYS)
			return cli_records_usage(_("--days wil een aantal dagen (1 tot 3650), niet '%s'."), v);
		return 0;
	case O_TO:
	case O_FROM: o->url = v; return 0;
	case O_SITE: o->site_name = v; return 0;
	case O_CSV:
		if ((v[0] != ',' && v[0] != ';') || v[1])
			return cli_records_usage(_("--csv-sep wil ',' of ';', niet '%s'."), v);
		o->csv_sep = v[0];
		return 0;
	case O_ROLE: o->role = v; return 0;
	case O_DJG: o->djg = v; return 0;
	}
	return 0;
}

static int parse(const app *a, const command *c, char **args, int n, bool json, cli_records_opts *o)
{
	memset(o, 0, sizeof *o);
	o->csv_sep = ',';
	o->days = a->cfg.retention_days >= 1 ? a->cfg.retention_days : CLI_RETENTION_DAYS_DEFAULT;
	o->format = json ? FMT_JSON : strcmp(c->name, "export") == 0 ? FMT_CSV : FMT_TEXT;
	for (int i = 0; i < n; i++) {
		unsigned bit = 0;
		for (size_t k = 0; k < ARRAY_LEN(option_table); k++)
			if (strcmp(args[i], option_table[k].name) == 0)
				bit = option_table[k].bit;
		if (args[i][0] == '-' && args[i][1] && !(bit & (c->options | O_DAYS)))
			return cli_records_usage(_("onbekende optie '%s' bij deze opdracht."), args[i]);
		if (bit == O_NOTES || bit == O_STATUS || bit == O_BOM) {
			*(bit == O_NOTES ? &o->with_notes : bit == O_BOM ? &o->bom : &o->status) = true;
		} else if (bit) {
			if (i + 1 == n)
				return cli_records_usage(_("optie %s heeft een waarde nodig."), args[i]);
			int rc = take_value(c, o, bit, args[i], args[i + 1]);
			if (rc)
				return rc;
			i++;
		} else if (o->narg == c->nargs + ((c->options & O_WORD) != 0)) {
			return cli_records_usage(_("te veel woorden: '%s'."), args[i]);
		} else {
			o->arg[o->narg++] = args[i];
		}
	}
	if (o->narg < c->nargs)
		return cli_records_usage(_("%s wil meer woorden; zie de hulp."), c->name);
	if ((o->bom || o->csv_sep != ',') && o->format != FMT_CSV)
		return cli_records_usage("%s", _("--bom en --csv-sep horen bij --format csv."));
	return 0;
}

int cli_records_run(app *a, char **args, int n, bool json)
{
	const command *c = find_command(args[0]);
	cli_records_opts o;
	if (!c)
		return cli_records_usage(_("onbekende opdracht '%s'."), args[0]);
	int rc = parse(a, c, args + 1, n - 1, json, &o);
	return rc ? rc : c->run(a, &o);
}
