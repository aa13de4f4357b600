/* cli_records.c: the record subcommands (see cli_records.h): the monitoring, export, retention
 * and erasure commands. The follow-up commands live in cli_records_followup.c. Every change to
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

static void stats_csv(strbuf *b, app *a, const store_statistics *st)
{
	const struct {
		const char *key;
		int64_t count;
	} totals[] = {{"verwijzingen", st->total}, {"gestart", st->started}, {"open", st->open}};
	sb_append(b, "reeks,sleutel,naam,aantal\r\n");
	for (size_t i = 0; i < ARRAY_LEN(totals); i++)
		sb_printf(b, "totaal,%s,,%lld\r\n", totals[i].key, (long long)totals[i].count);
	for (int by = 0; by < STORE_BY_N; by++)
		for (int i = 0; i < st->by[by].n; i++) {
			const store_count *c = &st->by[by].v[i];
			store_csv_field(b, store_by_ids[by]);
			store_csv_field(b, c->key);
			store_csv_field(b, cli_label(a, by, c->key));
			sb_printf(b, ",%lld\r\n", (long long)c->count);
		}
}

/* JSON keys are English snake_case (CSV keeps its Dutch series names, store_by_ids). */
static const char *const series_keys[STORE_BY_N] = {"month", "profile", "wijk", "activity", "role", "status"};

static void stats_json(strbuf *b, app *a, const store_statistics *st, const char *since)
{
	sb_append(b, "{\"version\":" STORE_JSON_VERSION);
	store_json_member(b, "since", since);
	sb_printf(b, ",\"referrals\":%lld,\"started\":%lld,\"open\":%lld,\"series\":{",
		  (long long)st->total, (long long)st->started, (long long)st->open);
	for (int by = 0; by < STORE_BY_N; by++) {
		store_json_key(b, series_keys[by]);
		sb_appendc(b, '[');
		for (int i = 0; i < st->by[by].n; i++) {
			const store_count *c = &st->by[by].v[i];
			sb_append(b, i ? ",{" : "{");
			store_json_member(b, "key", c->key);
			store_json_member(b, "name", cli_label(a, by, c->key));
			sb_printf(b, ",\"count\":%lld}", (long long)c->count);
		}
		sb_appendc(b, ']');
	}
	sb_append(b, "}}\n");
}

int cli_records_stats(app *a, const cli_opts *o)
{
	store *s = NULL;
	store_statistics st;
	store_err err = {0};
	int rc;
	if (o->url) { /* the whole network, from the central store */
		if (cli_sync_central_stats(o->url, o->since, &st) != 0)
			return EXIT_NONE;
	} else {
		rc = cli_open_records(a, o, &s, NULL);
		if (rc != EXIT_OK)
			return rc;
		if (store_stats(s, o->since, &st, &err) != 0) {
			store_close(s);
			return cli_db_error(&err);
		}
		store_close(s);
	}
	strbuf b = {0};
	if (o->format == FMT_CSV)
		stats_csv(&b, a, &st);
	else if (o->format == FMT_JSON)
		stats_json(&b, a, &st, o->since);
	else
		report_stats_text(&b, cli_names(a), a->lang, &st, o->since, cli_terminal_width());
	rc = st.total ? EXIT_OK : EXIT_NONE;
	store_statistics_free(&st);
	return cli_emit(&b, o->format, rc);
}

/* --- export --- */

int cli_records_export(app *a, const cli_opts *o)
{
	store *s = NULL;
	store_err err = {0};
	int rows = 0, rc = cli_open_records(a, o, &s, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (o->with_notes)
		fprintf(stderr, "%s", _("infokaart: let op, deze export bevat de notities (vrije "
					"tekst). Bewaar het bestand veilig en verwijder het na "
					"gebruik.\n"));
	rc = store_export(s, stdout, o->format == FMT_JSON ? STORE_JSON : STORE_CSV, o->since,
			  o->with_notes, &rows, &err);
	store_close(s);
	if (rc == -1)
		return cli_db_error(&err);
	if (rc == -2) {
		perror(_("infokaart: uitvoer"));
		return EXIT_NONE;
	}
	return rows ? EXIT_OK : EXIT_NONE;
}

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
	return cli_emit(&b, FMT_TEXT, EXIT_OK);
}
