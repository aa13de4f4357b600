/* store_retention.c: forgetting on purpose (see store.h). Retention deletes free-text notes
 * after a period and keeps the categorical data for statistics; erasure removes one person's
 * records entirely (AVG art. 17). secure_delete (set in store_open) overwrites the freed bytes
 * in the file; afterwards the write-ahead log, which still holds the old pages, is emptied. */
#include "store_internal.h"
#include "store_sqlite.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

enum { DAY_SECONDS = 86400, MAX_RETENTION_DAYS = 100 * 366 };

bool store_clear_wal(store *s)
{
	/* TRUNCATE waits (busy handler) for readers to leave the log, then empties the file. */
	int log = -1, done = -1;
	int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
	return rc == SQLITE_OK && log == 0;
}

int store_purge(store *s, int64_t now, int retention_days, int *removed, store_err *err)
{
	static const char what[] = N_("De oude notities zijn niet verwijderd.");
	if (removed)
		*removed = 0;
	if (retention_days < 0 || retention_days > MAX_RETENTION_DAYS) {
		char detail[64];
		snprintf(detail, sizeof detail, _("bewaartermijn %d dagen"), retention_days);
		store_err_say(err, STORE_ERR_OTHER, N_("Deze bewaartermijn kan niet."), what, detail);
		return -1;
	}
	sqlite3_stmt *st = NULL;
	int ret = -1, rc, n = 0;
	if (store_exec(s->db, "BEGIN IMMEDIATE", err, what) != 0)
		return -1;
	/* The WHERE matches the partial index referral_note_age, so a start with nothing to
	 * delete reads no rows. */
	if (store_prepare(s, "UPDATE referral SET note = NULL, note_set_at = NULL"
			     " WHERE note IS NOT NULL AND coalesce(note_set_at, created_at) < ?1",
			  &st, err, what) != 0)
		goto out;
	if ((rc = sqlite3_bind_int64(st, 1, now - (int64_t)retention_days * DAY_SECONDS)) !=
	    SQLITE_OK) {
		store_err_db(err, s->db, rc, what);
		goto out;
	}
	if (store_step_done(s->db, st, err, what) != 0)
		goto out;
	n = sqlite3_changes(s->db);
	/* a draft left behind past the retention period goes too: it may hold a note */
	sqlite3_finalize(st);
	st = NULL;
	if (store_prepare(s, "DELETE FROM draft WHERE saved_at < ?1", &st, err, what) != 0 ||
	    (rc = sqlite3_bind_int64(st, 1, now - (int64_t)retention_days * DAY_SECONDS)) != SQLITE_OK) {
		if (st)
			store_err_db(err, s->db, rc, what);
		goto out;
	}
	if (store_step_done(s->db, st, err, what) != 0)
		goto out;
	n += sqlite3_changes(s->db);
	if (store_exec(s->db, "COMMIT", err, what) == 0)
		ret = 0;
out:
	sqlite3_finalize(st);
	if (ret != 0) {
		store_rollback(s->db);
		return -1;
	}
	if (n > 0)
		store_clear_wal(s);
	if (removed)
		*removed = n;
	return 0;
}

/* Counts what erasing case_code will remove, in the open transaction. */
static int count_case(store *s, const char *code, store_delete_report *rep, store_err *err,
		      const char *what)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(s,
			  "SELECT count(*), coalesce(sum(note IS NOT NULL), 0),"
			  " (SELECT count(*) FROM referral_status WHERE referral_id IN"
			  "  (SELECT id FROM referral WHERE case_code = ?1)),"
			  " (SELECT count(*) FROM djg_score WHERE referral_id IN"
			  "  (SELECT id FROM referral WHERE case_code = ?1))"
			  " FROM referral WHERE case_code = ?1",
			  &st, err, what) != 0)
		return -1;
	int rc = sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rep->referrals = sqlite3_column_int(st, 0);
		rep->notes = sqlite3_column_int(st, 1);
		rep->history = sqlite3_column_int(st, 2);
		rep->djg = sqlite3_column_int(st, 3);
		rc = SQLITE_OK;
	} else {
		store_err_db(err, s->db, rc, what);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : -1;
}

/* The children first, by name: an erasure must not depend on foreign_keys being on. Each
 * statement must remove exactly what was counted. */
static int delete_rows(store *s, const char *code, const store_delete_report *rep,
		       store_err *err, const char *what)
{
	static const char *const sql[] = {
		"DELETE FROM djg_score WHERE referral_id IN"
		" (SELECT id FROM referral WHERE case_code = ?1)",
		"DELETE FROM referral_status WHERE referral_id IN"
		" (SELECT id FROM referral WHERE case_code = ?1)",
		"DELETE FROM referral WHERE case_code = ?1",
	};
	const int want[] = {rep->djg, rep->history, rep->referrals};
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		sqlite3_stmt *st = NULL;
		if (store_prepare(s, sql[i], &st, err, what) != 0)
			return -1;
		int rc = sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC), ret = -1;
		if (rc != SQLITE_OK) {
			store_err_db(err, s->db, rc, what);
		} else if (store_step_done(s->db, st, err, what) == 0) {
			if (sqlite3_changes(s->db) == want[i])
				ret = 0;
			else
				store_err_put(err, STORE_ERR_OTHER, what, _("andere aantallen dan geteld"));
		}
		sqlite3_finalize(st);
		if (ret != 0)
			return -1;
	}
	return 0;
}

int store_delete_case(store *s, const char *case_code, store_delete_report *rep, store_err *err)
{
	static const char what[] = N_("Er is niets gewist.");
	store_delete_report r = {0};
	if (rep)
		*rep = r;
	if (!case_code || !*case_code)
		return 1;
	if (store_exec(s->db, "BEGIN IMMEDIATE", err, what) != 0)
		return -1;
	int ret = count_case(s, case_code, &r, err, what);
	if (ret == 0 && r.referrals == 0)
		ret = 1;
	if (ret == 0 && (delete_rows(s, case_code, &r, err, what) != 0 ||
			 store_exec(s->db, "COMMIT", err, what) != 0))
		ret = -1;
	if (ret != 0) {
		store_rollback(s->db);
		return ret;
	}
	r.wal_cleared = store_clear_wal(s);
	if (rep)
		*rep = r;
	return 0;
}
