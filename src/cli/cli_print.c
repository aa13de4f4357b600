/* cli_print.c: print-slip (see cli_print.h): finds a recorded referral by its case code and
 * shows or prints the slip for the person. Reads the records; never changes them (apart from
 * the retention every start applies). */
#include "cli_print.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "print.h"
#include "text.h"

/* "k7m 4qxrt" and "K7M4QXRT" are "K7M-4QXRT": codes are read aloud and typed. */
static void normal_code(const char *in, char out[16])
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

static int usage(const char *what)
{
	fprintf(stderr, "infokaart: %s\n%s", what, _("Zie 'infokaart --help'.\n"));
	return 2;
}

int cli_print_slip(app *a, char **args, int n)
{
	const char *code_in = NULL;
	bool to_printer = false;
	for (int i = 0; i < n; i++) {
		if (strcmp(args[i], "--print") == 0)
			to_printer = true;
		else if (args[i][0] == '-' || code_in)
			return usage(_("print-slip wil één casuscode en eventueel --print."));
		else
			code_in = args[i];
	}
	if (!code_in)
		return usage(_("print-slip wil een casuscode, bijvoorbeeld K7M-4QXRT."));
	if (cli_load_content(a) != 0)
		return 1;
	if (access(a->db_path, F_OK) != 0) {
		fprintf(stderr, _("infokaart: er zijn nog geen verwijzingen vastgelegd (geen database "
				  "op %s).\n"), a->db_path);
		return 1;
	}
	app_purge_on_start(a);
	char code[16];
	normal_code(code_in, code);
	store *s = NULL;
	store_err err = {0};
	store_referral *v = NULL;
	int nv = 0, rc = 1;
	if (store_open(a->db_path, &s, &err) != 0 || store_referrals_by_case(s, code, &v, &nv, &err) != 0) {
		fprintf(stderr, "infokaart: %s\n", err.msg);
		store_close(s);
		return 3;
	}
	store_close(s);
	if (nv == 0) {
		fprintf(stderr, _("infokaart: geen verwijzing met code %s.\n"), code);
		return 1;
	}
	/* the newest referral of this person: the one the slip is for */
	char *slip = print_slip_text(a->c, &v[nv - 1], a->lang);
	if (to_printer) {
		char msg[512];
		rc = print_text(slip, a->cfg.printer, msg, sizeof msg) == 0 ? 0 : 1;
		fprintf(rc ? stderr : stdout, "%s%s\n", rc ? "infokaart: " : "", msg);
	} else {
		char *safe = text_sanitize(slip, true);
		fputs(safe, stdout);
		free(safe);
		rc = 0;
	}
	free(slip);
	store_referrals_free(v, nv);
	return rc;
}
