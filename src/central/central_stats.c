/* central_stats.c: the network's statistics from the central store (see central.h): the same
 * store_statistics as store_stats, over every site, with the same orderings and the same
 * zero-filled months, and a series per site (named by the site's name). Reads in one
 * REPEATABLE READ transaction, so every number comes from the same moment. Keys are compared
 * byte by byte (COLLATE "C"), as SQLite does. */
#include "central_internal.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "i18n.h"

static const char what[] = N_("De overzichten van het netwerk konden niet worden gemaakt.");

/* The month is that of created_date: the date at the site, as store_stats uses local time. */
#define SINCE " FROM infokaart.referral r WHERE ($1::date IS NULL OR r.created_date >= $1::date)"
#define KEY(col) "coalesce(r." col ", '') COLLATE \"C\""
/* Largest first; among equals "not recorded" last, the rest by id. */
#define GROUPED(col)                                                                             \
	"SELECT " KEY(col) ", count(*)" SINCE " GROUP BY 1 ORDER BY 2 DESC, " KEY(col) " = '', 1"

static const char *const series_sql[STORE_BY_N] = {
	"SELECT to_char(r.created_date, 'YYYY-MM') COLLATE \"C\", count(*)" SINCE
	" GROUP BY 1 ORDER BY 1",
	STORE_BY_COLUMNS(GROUPED),
	/* each site once, also one without referrals, and referrals of a site that was never
	 * added (a schema 1 server): key, name, count */
	"SELECT coalesce(s.site_id, r.site_id)::text COLLATE \"C\","
	" coalesce(nullif(s.name, ''), s.role::text, r.site_id::text) COLLATE \"C\", count(r.id)"
	" FROM infokaart.site s FULL JOIN (SELECT r.id, r.site_id" SINCE ") r"
	" ON r.site_id = s.site_id GROUP BY 1, 2 ORDER BY 3 DESC, 2, 1",
};

/* What completed has also started, even when nobody recorded "gestart" on the way. */
static const char totals_sql[] =
	"SELECT count(*),"
	" count(*) FILTER (WHERE EXISTS (SELECT 1 FROM infokaart.referral_status h"
	"  WHERE h.referral_id = r.id AND h.site_id = r.site_id"
	"  AND h.status IN ('gestart', 'afgerond'))),"
	" count(*) FILTER (WHERE r.closed_at IS NULL)" SINCE;

static int read_series(central *c, const char *sql, const char *const *since, store_counts *out,
		       central_err *err)
{
	PGresult *r = central_exec(c, sql, 1, since, PGRES_TUPLES_OK, err, what);
	if (!r)
		return -1;
	int cap = 0, named = PQnfields(r) == 3; /* the sites come with their names */
	for (int i = 0; i < PQntuples(r); i++) {
		store_counts_push(out, &cap, PQgetvalue(r, i, 0),
				  strtoll(PQgetvalue(r, i, 1 + named), NULL, 10));
		if (named)
			snprintf(out->v[out->n - 1].name, sizeof out->v[0].name, "%s", PQgetvalue(r, i, 1));
	}
	PQclear(r);
	return 0;
}

static int read_totals(central *c, const char *const *since, store_statistics *out,
		       central_err *err)
{
	PGresult *r = central_exec(c, totals_sql, 1, since, PGRES_TUPLES_OK, err, what);
	if (!r)
		return -1;
	out->total = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	out->started = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
	out->open = strtoll(PQgetvalue(r, 0, 2), NULL, 10);
	PQclear(r);
	return 0;
}

int central_stats(central *c, const char *since, store_statistics *out, central_err *err)
{
	memset(out, 0, sizeof *out);
	int days;
	/* Checked here, so a mistyped date is told as one, and words like "today" are refused. */
	if (since && date_parse(since, &days) != 0) {
		central_err_say(err, N_("Deze datum bestaat niet."), what, since);
		return -1;
	}
	if (central_ready(c, err, what) != 0)
		return -1;
	PGresult *r = central_exec(c, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", 0, NULL,
				   PGRES_COMMAND_OK, err, what);
	if (!r)
		return -1;
	PQclear(r);
	const char *const p[1] = {since};
	int ret = read_totals(c, p, out, err);
	for (int b = 0; b < STORE_BY_N && ret == 0; b++)
		ret = read_series(c, series_sql[b], p, &out->by[b], err);
	central_rollback(c); /* a read: nothing to commit */
	if (ret != 0)
		store_statistics_free(out);
	else
		store_counts_fill_months(&out->by[STORE_BY_MONTH]);
	out->network = ret == 0;
	return ret;
}
