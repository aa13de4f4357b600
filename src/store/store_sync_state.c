/* store_sync_state.c: what the local database writes about its own sync (see store_sync.h):
 * the start of a sync (binding to the central site, telling a restored copy by its
 * generation), confirming what the central store took and noting what it refused, the
 * coordinator's erasures, and the outcome of each attempt. Every call is one durable
 * transaction. Nothing here knows of PostgreSQL. */
#include "store_sync.h"

#include "store_internal.h"
#include "store_sqlite.h"
#include "i18n.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>



/* Runs sql with int64 parameters ints[0..nint) and then the text parameters texts[0..ntext)
 * (NULL binds NULL), inside the caller's transaction. 0, or -1 with err filled. */
static int run(store *s, const char *sql, int nint, const int64_t *ints, int ntext,
	       const char *const *texts, store_err *err, const char *what)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(s, sql, &st, err, what) != 0)
		return -1;
	int rc = SQLITE_OK;
	for (int i = 0; i < nint && rc == SQLITE_OK; i++)
		rc = sqlite3_bind_int64(st, i + 1, ints[i]);
	for (int i = 0; i < ntext && rc == SQLITE_OK; i++)
		rc = sqlite3_bind_text(st, nint + i + 1, texts[i], -1, SQLITE_TRANSIENT);
	int ret = -1;
	if (rc != SQLITE_OK)
		store_err_db(err, s->db, rc, what);
	else
		ret = store_step_done(s->db, st, err, what);
	sqlite3_finalize(st);
	return ret;
}

/* The first column of the one row of sql into buf (size n). 0, or -1 with err filled. */
static int read_text(store *s, const char *sql, char *buf, size_t n, store_err *err,
		     const char *what)
{
	sqlite3_stmt *st = NULL;
	buf[0] = '\0';
	if (store_prepare(s, sql, &st, err, what) != 0)
		return -1;
	int rc = sqlite3_step(st), ret = 0;
	if (rc == SQLITE_ROW)
		store_sync_copy_text(buf, n, st, 0);
	if (rc != SQLITE_ROW || (rc = sqlite3_step(st)) != SQLITE_DONE) {
		store_err_db(err, s->db, rc == SQLITE_ROW ? SQLITE_MISMATCH : rc, what);
		ret = -1;
	}
	sqlite3_finalize(st);
	return ret;
}

/* Commits when ret is 0, else rolls back; returns 0 when committed. */
static int finish_tx(store *s, int ret, store_err *err, const char *what)
{
	if (ret == 0 && store_exec(s->db, "COMMIT", err, what) == 0)
		return 0;
	store_rollback(s->db);
	return -1;
}

/* One UPDATE of the state with the given values bound, in a durable transaction. */
static int write_state(store *s, const char *sql, const char *what, int nint,
		       const int64_t *ints, const char *text, store_err *err)
{
	if (store_exec(s->db, "BEGIN IMMEDIATE", err, what) != 0)
		return -1;
	return finish_tx(s, run(s, sql, nint, ints, text ? 1 : 0, &text, err, what), err, what);
}

/* Gives the changes above pushed_rev new revs above both central_rev and the counter, in the
 * same order: a restored copy's new changes would otherwise sit at or below revs the central
 * store has from the copy that pushed last, and be taken for old ones. */
static int move_pending(store *s, const store_sync_state *st, int64_t central_rev,
			store_sync_start *out, store_err *err, const char *what)
{
	static const char *const tables[] = {"referral", "referral_status", "djg_score", "erasure"};
	int64_t top = central_rev > st->rev ? central_rev : st->rev;
	const int64_t v[2] = {top - st->pushed_rev, st->pushed_rev};
	out->moved = st->pending;
	for (size_t i = 0; i < ARRAY_LEN(tables); i++) {
		char *sql = xasprintf("UPDATE %s SET rev = rev + ?1 WHERE rev > ?2", tables[i]);
		int rc = run(s, sql, 2, v, 0, NULL, err, what);
		free(sql);
		if (rc != 0)
			return -1;
	}
	return run(s, "UPDATE sync_state SET rev = rev + ?1", 1, v, 0, NULL, err, what);
}

int store_sync_begin(store *s, const char *site_id, const char *central_gen, int64_t central_rev,
		     store_sync_start *out, store_err *err)
{
	static const char what[] = N_("De synchronisatie kon niet beginnen.");
	memset(out, 0, sizeof *out);
	store_sync_state st;
	char pushing[STORE_UUID_LEN + 1];
	if (store_exec(s->db, "BEGIN IMMEDIATE", err, what) != 0)
		return -1;
	int ret = store_sync_state_get(s, &st, err);
	if (ret == 0)
		ret = read_text(s, "SELECT coalesce(generation_next, '') FROM sync_state", pushing,
				sizeof pushing, err, what);
	if (ret == 0 && st.bound && strcmp(st.site_id, site_id) != 0) {
		store_rollback(s->db);
		return 1;
	}
	if (ret == 0 && !st.bound) {
		out->adopted = strcmp(st.site_id, site_id) != 0;
		ret = run(s, "UPDATE sync_state SET site_id = ?1, bound = 1", 0, NULL, 1, &site_id,
			  err, what);
	}
	/* The central store's last push came from neither this copy's last sync nor the one it
	 * was making (cut off before it could note it here). */
	out->restored = central_gen && *central_gen && strcmp(central_gen, st.generation) != 0 &&
			strcmp(central_gen, pushing) != 0;
	if (ret == 0 && out->restored)
		ret = move_pending(s, &st, central_rev, out, err, what);
	if (ret == 0)
		ret = run(s, "UPDATE sync_state SET generation_next = " STORE_SQL_UUID, 0, NULL, 0, NULL, err,
			  what);
	if (ret == 0)
		ret = read_text(s, "SELECT generation_next FROM sync_state", out->generation,
				sizeof out->generation, err, what);
	return finish_tx(s, ret, err, what);
}

/* Refusals that no longer hold: a referral since taken at a newer rev (refused again, it was
 * noted again with that rev), or a row that is gone. An erasure's stays: its tombstone is
 * dropped, but the central store still has the row. */
static const char drop_settled_sql[] =
	"DELETE FROM sync_refused WHERE"
	" (kind = 0 AND coalesce((SELECT r.rev FROM referral r WHERE r.uuid = sync_refused.uuid"
	"  AND r.rev <= ?1), rev + 1) > rev)"
	" OR (kind = 1 AND NOT EXISTS (SELECT 1 FROM referral_status h"
	"  WHERE h.uuid = sync_refused.uuid))"
	" OR (kind = 2 AND NOT EXISTS (SELECT 1 FROM djg_score d WHERE d.uuid = sync_refused.uuid))";

int store_sync_confirm(store *s, int64_t rev, const store_sync_refusal *v, int n,
		       store_err *err)
{
	static const char what[] = N_("Het verstuurde is niet als verstuurd genoteerd.");
	if (store_exec(s->db, "BEGIN IMMEDIATE", err, what) != 0)
		return -1;
	int ret = 0;
	for (int i = 0; i < n && ret == 0; i++) {
		const int64_t k[2] = {v[i].kind, v[i].rev};
		const char *txt[2] = {v[i].uuid, v[i].why};
		ret = run(s,
			  "INSERT OR REPLACE INTO sync_refused (kind, rev, uuid, why, at)"
			  " VALUES (?1, ?2, ?3, ?4, CAST(strftime('%s', 'now') AS INTEGER))",
			  2, k, 2, txt, err, what);
	}
	const int64_t r[1] = {rev};
	if (ret == 0)
		ret = run(s,
			  "UPDATE sync_state SET pushed_rev = max(pushed_rev, ?1),"
			  " generation = coalesce(generation_next, generation)",
			  1, r, 0, NULL, err, what);
	if (ret == 0)
		ret = run(s, "DELETE FROM erasure WHERE rev <= ?1", 1, r, 0, NULL, err, what);
	if (ret == 0)
		ret = run(s, drop_settled_sql, 1, r, 0, NULL, err, what);
	return finish_tx(s, ret, err, what);
}

int store_sync_erased(store *s, const char (*uuids)[STORE_UUID_LEN + 1], int n, int64_t last,
		      int *gone, store_err *err)
{
	static const char what[] = N_("De centrale wissing is hier niet uitgevoerd.");
	static const char *const sql[] = {
		"DELETE FROM djg_score WHERE referral_id IN (SELECT id FROM referral WHERE uuid = ?1)",
		("DELETE FROM referral_status WHERE referral_id IN"
		 " (SELECT id FROM referral WHERE uuid = ?1)"),
		"DELETE FROM referral WHERE uuid = ?1",
	};
	int count = 0;
	if (gone)
		*gone = 0;
	if (store_exec(s->db, "BEGIN IMMEDIATE", err, what) != 0)
		return -1;
	int ret = 0;
	for (int i = 0; i < n && ret == 0; i++)
		for (size_t k = 0; k < ARRAY_LEN(sql) && ret == 0; k++) {
			const char *u = uuids[i];
			ret = run(s, sql[k], 0, NULL, 1, &u, err, what);
			if (ret == 0 && k == ARRAY_LEN(sql) - 1)
				count += sqlite3_changes(s->db);
		}
	const int64_t v[1] = {last};
	if (ret == 0)
		ret = run(s, "UPDATE sync_state SET erasure_seq = max(erasure_seq, ?1)", 1, v, 0,
			  NULL, err, what);
	if (finish_tx(s, ret, err, what) != 0)
		return -1;
	if (count > 0)
		store_clear_wal(s);
	if (gone)
		*gone = count;
	return 0;
}

int store_sync_finish(store *s, int64_t at, bool ok, int64_t sent, const char *why,
		      store_err *err)
{
	static const char what[] = N_("De uitkomst van de synchronisatie is niet genoteerd.");
	if (ok) {
		const int64_t v[] = {at, sent};
		return write_state(s, "UPDATE sync_state SET last_try_at = ?1, last_ok_at = ?1,"
				      " last_sent = ?2, last_error = NULL",
				   what, 2, v, NULL, err);
	}
	const int64_t v[] = {at};
	return write_state(s, "UPDATE sync_state SET last_try_at = ?1, last_error = ?2", what, 1, v,
			   why && *why ? why : "?", err);
}

int store_sync_catalogue(store *s, int64_t version, int64_t published_at, store_err *err)
{
	static const char what[] = N_("De nieuwe catalogus is niet genoteerd.");
	const int64_t v[] = {version, published_at};
	return write_state(s, "UPDATE sync_state SET catalogue_version = ?1,"
			      " catalogue_published_at = ?2",
			   what, 2, v, NULL, err);
}

int store_sync_catalogue_refused(store *s, int64_t version, store_err *err)
{
	static const char what[] = N_("De geweigerde catalogus is niet genoteerd.");
	const int64_t v[] = {version};
	return write_state(s, "UPDATE sync_state SET catalogue_refused = max(catalogue_refused, ?1)",
			   what, 1, v, NULL, err);
}
