/* store_stats.c: counts for monitoring (see store.h): referrals per month, profile, wijk,
 * activity, signaller role and current status, and how many reached "gestart". Reads in one
 * transaction, so every number comes from the same moment. Ids only: turning them into names
 * is for whoever shows them (they know the content). */
#include "store_internal.h"
#include "store_sqlite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "i18n.h"

const char *const store_by_ids[STORE_BY_N] = {"maand", "profiel", "wijk", "activiteit",
					      "rol",   "status",  "site"};

static const char what[] = N_("De overzichten konden niet worden gemaakt.");

#define SINCE                                                                                    \
	" FROM referral r WHERE (?1 IS NULL OR date(created_at, 'unixepoch', 'localtime') >= ?1)"
/* Largest first; among equals "not recorded" last, the rest by id. */
#define GROUPED(col) "SELECT " col ", count(*)" SINCE " GROUP BY 1 ORDER BY 2 DESC, " col " = '', 1"

static const char *const series_sql[STORE_BY_N] = {
	"SELECT strftime('%Y-%m', created_at, 'unixepoch', 'localtime'), count(*)" SINCE
	" GROUP BY 1 ORDER BY 1",
	STORE_BY_COLUMNS(GROUPED),
	NULL, /* sites: one machine is one site */
};

/* What completed has also started, even when nobody recorded "gestart" on the way. */
static const char totals_sql[] =
	"SELECT count(*),"
	" coalesce(sum(EXISTS (SELECT 1 FROM referral_status h WHERE h.referral_id = r.id"
	"  AND h.status IN ('gestart', 'afgerond'))), 0),"
	" coalesce(sum(closed_at IS NULL), 0)" SINCE;

static sqlite3_stmt *prepare_since(store *s, const char *sql, const char *since, store_err *err)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(s, sql, &st, err, what) != 0)
		return NULL;
	int rc = since ? sqlite3_bind_text(st, 1, since, -1, SQLITE_STATIC) : SQLITE_OK;
	if (rc != SQLITE_OK) {
		store_err_db(err, s->db, rc, what);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

void store_counts_push(store_counts *c, int *cap, const char *key, int64_t count)
{
	if (c->n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		c->v = xrealloc(c->v, (size_t)*cap * sizeof *c->v);
	}
	store_count *e = &c->v[c->n++];
	snprintf(e->key, sizeof e->key, "%s", key);
	e->name[0] = '\0';
	e->count = count;
}

static int read_series(store *s, const char *sql, const char *since, store_counts *out,
		       store_err *err)
{
	sqlite3_stmt *st = prepare_since(s, sql, since, err);
	if (!st)
		return -1;
	int rc, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		store_counts_push(out, &cap, key ? key : "", sqlite3_column_int64(st, 1));
	}
	if (rc != SQLITE_DONE)
		store_err_db(err, s->db, rc, what);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Puts zero months in the gaps between the first and last month, so a chart shows a quiet
 * month as a quiet month rather than leaving it out. months is in order. */
void store_counts_fill_months(store_counts *months)
{
	if (months->n < 2)
		return;
	int y, m, ly, lm;
	if (sscanf(months->v[0].key, "%4d-%2d", &y, &m) != 2 ||
	    sscanf(months->v[months->n - 1].key, "%4d-%2d", &ly, &lm) != 2)
		return;
	store_counts all = {0};
	int cap = 0, k = 0;
	for (; y * 12 + m <= ly * 12 + lm; m = m == 12 ? 1 : m + 1, y += m == 1) {
		char key[16];
		snprintf(key, sizeof key, "%04d-%02d", y, m);
		bool have = k < months->n && strcmp(months->v[k].key, key) == 0;
		store_counts_push(&all, &cap, key, have ? months->v[k++].count : 0);
	}
	free(months->v);
	*months = all;
}

static int read_totals(store *s, const char *since, store_statistics *out, store_err *err)
{
	sqlite3_stmt *st = prepare_since(s, totals_sql, since, err);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->total = sqlite3_column_int64(st, 0);
		out->started = sqlite3_column_int64(st, 1);
		out->open = sqlite3_column_int64(st, 2);
	} else {
		store_err_db(err, s->db, rc, what);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int store_stats(store *s, const char *since, store_statistics *out, store_err *err)
{
	memset(out, 0, sizeof *out);
	if (store_check_date(since, true, err, what) != 0 ||
	    store_exec(s->db, "BEGIN", err, what) != 0)
		return -1;
	int ret = read_totals(s, since, out, err);
	for (int b = 0; b < STORE_BY_N && ret == 0; b++)
		if (series_sql[b])
			ret = read_series(s, series_sql[b], since, &out->by[b], err);
	store_rollback(s->db); /* a read: nothing to commit */
	if (ret != 0)
		store_statistics_free(out);
	else
		store_counts_fill_months(&out->by[STORE_BY_MONTH]);
	return ret;
}

void store_statistics_free(store_statistics *st)
{
	if (!st)
		return;
	for (int b = 0; b < STORE_BY_N; b++)
		free(st->by[b].v);
	memset(st, 0, sizeof *st);
}
