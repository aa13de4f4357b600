/* cli_records.c: the record subcommands (see cli_records.h): retention and erasure. The tables
 * (stats, export) live in cli_records_tables.c, the follow-up commands in
 * cli_records_followup.c. Every change to
 * a record goes through one of the store's one-transaction calls. */
#include "cli_records.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "chart.h"
#include "cli_common.h"
#include "cli_sync.h"
#include "i18n.h"
#include "stats_text.h"
#include "store_export.h"
#include "text.h"

/* --- stats --- */

/* --- retention and erasure --- */

int cli_records_purge(app *a, const cli_opts *o)
{
	store *s = NULL;
	int removed = 0, rc = cli_open_records(a, o, &s, &removed);
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

int cli_records_delete(app *a, const cli_opts *o)
{
	char code[16];
	store *s = NULL;
	store_delete_report rep;
	store_err err = {0};
	int rc = cli_case_code(o->arg[0], code);
	if (rc == EXIT_OK)
		rc = cli_open_records(a, o, &s, NULL);
	if (rc != EXIT_OK)
		return rc;
	rc = store_delete_case(s, code, &rep, &err);
	store_close(s);
	if (rc < 0)
		return cli_db_error(&err);
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
	char *head = xasprintf(_("Gewist voor code %s: "), code);
	cli_erased_text(&b, head, rep.referrals, rep.notes, rep.history, rep.djg);
	free(head);
	sb_append(&b, _("Dit kan niet ongedaan worden gemaakt.\n"));
	if (!rep.wal_cleared)
		sb_printf(&b, _("Een ander programma heeft de database nog open. Sluit het: pas dan "
				"verdwijnen de laatste sporen uit %s-wal.\n"), a->db_path);
	return cli_emit(&b, FMT_TEXT, EXIT_OK);
}
