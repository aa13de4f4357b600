/* store_query.c: reading referrals in bulk (see store.h): what follow-up is due, one case's
 * referrals, and a walk over all of them for export. Reads only; dates are compared as
 * YYYY-MM-DD text, local time, as the program's clock gives them. */
#include "store_internal.h"
#include "store_sqlite.h"

#include <stdlib.h>

#include "util.h"
#include "i18n.h"

static const char read_what[] = N_("De verwijzingen konden niet worden gelezen.");

int store_check_date(const char *date, bool allow_null, store_err *err, const char *what)
{
	int days;
	if ((!date && allow_null) || (date && date_parse(date, &days) == 0))
		return 0;
	store_err_say(err, STORE_ERR_OTHER, N_("Deze datum bestaat niet."), what, date ? date : "NULL");
	return -1;
}

/* Steps st (parameters bound), collecting every row into a malloc'd array. */
static int collect(store *s, sqlite3_stmt *st, store_referral **out, int *n, store_err *err)
{
	store_referral *v = NULL;
	int used = 0, cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (used == cap) {
			cap = cap ? 2 * cap : 8;
			v = xrealloc(v, (size_t)cap * sizeof *v);
		}
		if (store_read_row(s->db, st, &v[used], err, read_what) != 0) {
			store_referral_clear(&v[used]);
			store_referrals_free(v, used);
			return -1;
		}
		used++;
	}
	if (rc != SQLITE_DONE) {
		store_err_db(err, s->db, rc, read_what);
		store_referrals_free(v, used);
		return -1;
	}
	*out = v;
	*n = used;
	return 0;
}

/* Runs sql with one text parameter and collects the referrals. */
static int list_by_text(store *s, const char *sql, const char *param, store_referral **out,
			int *n, store_err *err)
{
	sqlite3_stmt *st = NULL;
	*out = NULL;
	*n = 0;
	if (store_prepare(s, sql, &st, err, read_what) != 0)
		return -1;
	int rc = sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC), ret = -1;
	if (rc != SQLITE_OK)
		store_err_db(err, s->db, rc, read_what);
	else
		ret = collect(s, st, out, n, err);
	sqlite3_finalize(st);
	return ret;
}

int store_followups(store *s, const char *until, store_referral **out, int *n, store_err *err)
{
	*out = NULL;
	*n = 0;
	if (store_check_date(until, false, err, read_what) != 0)
		return -1;
	return list_by_text(s,
			    "SELECT " STORE_REFERRAL_COLUMNS " FROM referral"
			    " WHERE closed_at IS NULL AND followup_date <= ?1"
			    " ORDER BY followup_date, created_at, id",
			    until, out, n, err);
}

int store_referrals_by_case(store *s, const char *case_code, store_referral **out, int *n,
			    store_err *err)
{
	return list_by_text(s,
			    "SELECT " STORE_REFERRAL_COLUMNS " FROM referral WHERE case_code = ?1"
			    " ORDER BY created_at, id",
			    case_code ? case_code : "", out, n, err);
}

void store_referrals_free(store_referral *v, int n)
{
	for (int i = 0; v && i < n; i++)
		store_referral_clear(&v[i]);
	free(v);
}

int store_referrals_each(store *s, const char *since, store_referral_fn fn, void *ctx,
			 store_err *err)
{
	sqlite3_stmt *st = NULL;
	if (store_check_date(since, true, err, read_what) != 0 ||
	    store_prepare(s,
			  "SELECT " STORE_REFERRAL_COLUMNS " FROM referral"
			  " WHERE ?1 IS NULL OR date(created_at, 'unixepoch', 'localtime') >= ?1"
			  " ORDER BY created_at, id",
			  &st, err, read_what) != 0)
		return -1;
	int rc = since ? sqlite3_bind_text(st, 1, since, -1, SQLITE_STATIC) : SQLITE_OK;
	int ret = 0;
	while (ret == 0 && rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_referral r;
		if (store_read_row(s->db, st, &r, err, read_what) != 0)
			ret = -1;
		else
			ret = fn(&r, ctx);
		store_referral_clear(&r);
		rc = SQLITE_OK;
	}
	if (ret == 0 && rc != SQLITE_DONE) {
		store_err_db(err, s->db, rc, read_what);
		ret = -1;
	}
	sqlite3_finalize(st);
	return ret;
}
