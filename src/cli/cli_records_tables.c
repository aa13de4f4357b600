/* cli_records_tables.c: the record commands that print tables: `stats` (text bar charts, CSV,
 * JSON; from this machine or, with --from, the whole network) and `export` (the referrals as
 * CSV or JSON). CSV takes --csv-sep and --bom; what goes to a terminal is made safe first
 * (cli_emit). */
#include "cli_records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_common.h"
#include "cli_sync.h"
#include "i18n.h"
#include "stats_text.h"
#include "store_export.h"
#include "text.h"

static void stats_csv(strbuf *b, app *a, const cli_opts *o, const store_statistics *st)
{
	const struct {
		const char *key;
		int64_t count;
	} totals[] = {{"verwijzingen", st->total}, {"gestart", st->started}, {"open", st->open}};
	static const char *const header[] = {"reeks", "sleutel", "naam", "aantal"};
	char sep = o->csv_sep;
	for (size_t i = 0; i < ARRAY_LEN(header); i++)
		store_csv_field(b, sep, header[i]);
	sb_append(b, "\r\n");
	for (size_t i = 0; i < ARRAY_LEN(totals); i++) {
		store_csv_field(b, sep, "totaal");
		store_csv_field(b, sep, totals[i].key);
		store_csv_field(b, sep, "");
		store_csv_number(b, sep, (long long)totals[i].count);
		sb_append(b, "\r\n");
	}
	for (int by = 0; by < STORE_BY_N; by++)
		for (int i = 0; i < st->by[by].n; i++) {
			const store_count *c = &st->by[by].v[i];
			store_csv_field(b, sep, store_by_ids[by]);
			store_csv_field(b, sep, c->key);
			store_csv_field(b, sep, store_count_name(cli_names(a), a->lang, by, c));
			store_csv_number(b, sep, (long long)c->count);
			sb_append(b, "\r\n");
		}
	cli_csv_bom(b, o);
}

/* JSON keys are English snake_case (CSV keeps its Dutch series names, store_by_ids). */
static const char *const series_keys[STORE_BY_N] = {"month", "profile", "wijk", "activity",
						     "role",  "status",  "site"};

static void stats_json(strbuf *b, app *a, const store_statistics *st, const char *since)
{
	sb_append(b, "{\"version\":" STORE_JSON_VERSION);
	store_json_member(b, "since", since);
	sb_printf(b, ",\"referrals\":%lld,\"started\":%lld,\"open\":%lld,\"series\":{",
		  (long long)st->total, (long long)st->started, (long long)st->open);
	for (int by = 0; by < STORE_BY_N; by++) {
		if (!store_by_shown(st, by))
			continue;
		store_json_key(b, series_keys[by]);
		sb_appendc(b, '[');
		for (int i = 0; i < st->by[by].n; i++) {
			const store_count *c = &st->by[by].v[i];
			sb_append(b, i ? ",{" : "{");
			store_json_member(b, "key", c->key);
			store_json_member(b, "name", store_count_name(cli_names(a), a->lang, by, c));
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
		stats_csv(&b, a, o, &st);
	else if (o->format == FMT_JSON)
		stats_json(&b, a, &st, o->since);
	else
		report_stats_text(&b, cli_names(a), a->lang, &st, o->since, cli_terminal_width());
	rc = st.total ? EXIT_OK : EXIT_NONE;
	store_statistics_free(&st);
	return cli_emit(&b, o->format, rc);
}

/* --- export --- */

/* The export on stdout: straight into a file or pipe; to a terminal through a buffer, made
 * safe first. As store_export returns. */
static int export_to_stdout(store *s, const cli_opts *o, int *rows, store_err *err)
{
	store_format fmt = o->format == FMT_JSON ? STORE_JSON : STORE_CSV;
	bool tty = isatty(STDOUT_FILENO);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = tty ? open_memstream(&buf, &len) : stdout;
	if (!out)
		return -2;
	if (o->bom)
		fputs("\xef\xbb\xbf", out);
	int rc = store_export(s, out, fmt, o->csv_sep, o->since, o->with_notes, rows, err);
	if (tty) {
		fclose(out);
		strbuf b = {.s = buf, .len = len, .cap = len + 1};
		if (rc == 0 && cli_emit(&b, FMT_CSV, EXIT_OK) != EXIT_OK)
			rc = -2;
		else if (rc != 0)
			free(buf);
	}
	return rc;
}

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
	rc = export_to_stdout(s, o, &rows, &err);
	store_close(s);
	if (rc == -1)
		return cli_db_error(&err);
	if (rc == -2) {
		perror(_("infokaart: uitvoer"));
		return EXIT_NONE;
	}
	return rows ? EXIT_OK : EXIT_NONE;
}
