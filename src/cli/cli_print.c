/* cli_print.c: print-slip (see cli_print.h): finds a recorded referral by its case code and
 * shows or prints the slip for the person. Reads the records; never changes them (apart from
 * the retention every start applies). */
#include "cli_print.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "print.h"
#include "text.h"

int cli_print_slip(app *a, const cli_opts *o)
{
	const char *code_in = o->arg[0];
	bool to_printer = o->print;
	char code[16];
	if (cli_case_code(code_in, code) != EXIT_OK)
		return EXIT_USAGE;
	if (cli_load_content(a) != 0)
		return 1;
	if (access(a->db_path, F_OK) != 0) {
		fprintf(stderr, _("infokaart: er zijn nog geen verwijzingen vastgelegd (geen database "
				  "op %s).\n"), a->db_path);
		return 1;
	}
	app_purge_on_start(a);
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
