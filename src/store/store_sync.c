/* store_sync.c: the local half of the sync (see store_sync.h): schema v4 gives every row a
 * UUID and a rev, and triggers keep the revs, so a write path written later cannot forget to
 * mark its change. Reading changes never holds the write lock: the kiosk keeps recording while
 * a sync talks to the network. Writing the sync's own state is in store_sync_state.c. Nothing
 * here knows of PostgreSQL. */
#include "store_sync.h"

#include "store_internal.h"
#include "store_sqlite.h"
#include "util.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char what_state[] = N_("De synchronisatiegegevens konden niet worden gelezen.");

void store_sync_copy_text(char *dst, size_t n, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

int store_sync_state_get(store *s, store_sync_state *out, store_err *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = NULL;
	if (store_prepare(s,
			  "SELECT site_id, rev, pushed_rev, coalesce(last_ok_at, 0),"
			  " coalesce(last_try_at, 0), coalesce(last_sent, 0), coalesce(last_error, ''),"
			  " catalogue_version, coalesce(catalogue_published_at, 0),"
			  " (SELECT count(*) FROM referral WHERE rev > pushed_rev) +"
			  " (SELECT count(*) FROM referral_status WHERE rev > pushed_rev) +"
			  " (SELECT count(*) FROM djg_score WHERE rev > pushed_rev) +"
			  " (SELECT count(*) FROM erasure WHERE rev > pushed_rev),"
			  " bound, coalesce(generation, ''), catalogue_refused, erasure_seq,"
			  " (SELECT count(*) FROM sync_refused),"
			  " (SELECT " STORE_SYNC_REFUSAL_CODE " FROM sync_refused f"
			  "  ORDER BY f.at DESC, f.rev DESC LIMIT 1),"
			  " (SELECT f.why FROM sync_refused f ORDER BY f.at DESC, f.rev DESC LIMIT 1)"
			  " FROM sync_state WHERE id = 1",
			  &st, err, what_state) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_sync_copy_text(out->site_id, sizeof out->site_id, st, 0);
		out->rev = sqlite3_column_int64(st, 1);
		out->pushed_rev = sqlite3_column_int64(st, 2);
		out->last_ok_at = sqlite3_column_int64(st, 3);
		out->last_try_at = sqlite3_column_int64(st, 4);
		out->last_sent = sqlite3_column_int64(st, 5);
		store_sync_copy_text(out->last_error, sizeof out->last_error, st, 6);
		out->catalogue_version = sqlite3_column_int64(st, 7);
		out->catalogue_published_at = sqlite3_column_int64(st, 8);
		out->pending = sqlite3_column_int64(st, 9);
		out->bound = sqlite3_column_int(st, 10) != 0;
		store_sync_copy_text(out->generation, sizeof out->generation, st, 11);
		out->catalogue_refused = sqlite3_column_int64(st, 12);
		out->erasure_seq = sqlite3_column_int64(st, 13);
		out->refused = sqlite3_column_int64(st, 14);
		store_sync_copy_text(out->last_refusal_code, sizeof out->last_refusal_code, st, 15);
		store_sync_copy_text(out->last_refusal, sizeof out->last_refusal, st, 16);
	} else if (rc == SQLITE_DONE) {
		store_err_put(err, STORE_ERR_CORRUPT, what_state, _("sync_state is leeg"));
	} else {
		store_err_db(err, s->db, rc, what_state);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* --- reading changes --- */

static const char what_read[] = N_("De wijzigingen konden niet worden gelezen.");

enum { Q_LIST, Q_REFERRAL, Q_STATUS, Q_DJG, Q_ERASURE, Q_N };
static const char *const read_sql[Q_N] = {
	"SELECT kind, rev, id FROM ("
	" SELECT 0 AS kind, rev, id FROM referral WHERE rev > ?1"
	" UNION ALL SELECT 1, rev, id FROM referral_status WHERE rev > ?1"
	" UNION ALL SELECT 2, rev, id FROM djg_score WHERE rev > ?1"
	" UNION ALL SELECT 3, rev, rowid FROM erasure WHERE rev > ?1)"
	" ORDER BY rev LIMIT ?2",
	/* STORE_REFERRAL_COLUMNS first: store_read_row reads them by position. */
	"SELECT " STORE_REFERRAL_COLUMNS ", uuid, coalesce(note_set_at, 0),"
	" date(created_at, 'unixepoch', 'localtime') FROM referral WHERE id = ?1",
	"SELECT s.uuid, r.uuid, s.status, s.role, s.at FROM referral_status s"
	" JOIN referral r ON r.id = s.referral_id WHERE s.id = ?1",
	"SELECT d.uuid, r.uuid, d.at, coalesce(d.total, -1), coalesce(d.emotional, -1),"
	" coalesce(d.social, -1) FROM djg_score d JOIN referral r ON r.id = d.referral_id"
	" WHERE d.id = ?1",
	"SELECT uuid, at FROM erasure WHERE rowid = ?1",
};
enum { COL_UUID = 15, COL_NOTE_SET = 16, COL_DATE = 17 }; /* after STORE_REFERRAL_COLUMNS */

/* Fills item from its row (statement q, bound to id and stepped once). 0, or -1 with err. */
static int read_item(store *s, sqlite3_stmt *st, store_sync_item *it, store_err *err)
{
	store_err e = {0};
	switch (it->kind) {
	case SYNC_REFERRAL:
		if (store_read_row(s->db, st, &it->r, &e, what_read) != 0) {
			if (e.status != STORE_ERR_CORRUPT) { /* else a value too long for its field */
				if (err)
					*err = e;
				return -1;
			}
			snprintf(it->bad, sizeof it->bad, "%s", N_("een waarde is te lang"));
		}
		store_sync_copy_text(it->uuid, sizeof it->uuid, st, COL_UUID);
		it->note_set_at = sqlite3_column_int64(st, COL_NOTE_SET);
		store_sync_copy_text(it->created_date, sizeof it->created_date, st, COL_DATE);
		break;
	case SYNC_STATUS:
		store_sync_copy_text(it->uuid, sizeof it->uuid, st, 0);
		store_sync_copy_text(it->parent, sizeof it->parent, st, 1);
		store_sync_copy_text(it->h.status, sizeof it->h.status, st, 2);
		store_sync_copy_text(it->h.role, sizeof it->h.role, st, 3);
		if ((size_t)sqlite3_column_bytes(st, 2) >= sizeof it->h.status ||
		    (size_t)sqlite3_column_bytes(st, 3) >= sizeof it->h.role)
			snprintf(it->bad, sizeof it->bad, "%s", N_("een waarde is te lang"));
		it->h.at = it->at = sqlite3_column_int64(st, 4);
		break;
	case SYNC_DJG:
		store_sync_copy_text(it->uuid, sizeof it->uuid, st, 0);
		store_sync_copy_text(it->parent, sizeof it->parent, st, 1);
		it->djg.at = it->at = sqlite3_column_int64(st, 2);
		it->djg.total = sqlite3_column_int(st, 3);
		it->djg.emotional = sqlite3_column_int(st, 4);
		it->djg.social = sqlite3_column_int(st, 5);
		break;
	case SYNC_ERASURE:
		store_sync_copy_text(it->uuid, sizeof it->uuid, st, 0);
		it->at = sqlite3_column_int64(st, 1);
		break;
	}
	if (strlen(it->uuid) != STORE_UUID_LEN) {
		store_err_put(err, STORE_ERR_CORRUPT, what_read, _("uuid ontbreekt"));
		return -1;
	}
	return 0;
}

/* The list of (kind, rev, id) above after, then each row by its id. */
static int read_changes(store *s, sqlite3_stmt **q, int64_t after, int max,
			store_sync_item *v, int *n, store_err *err)
{
	int rc = sqlite3_bind_int64(q[Q_LIST], 1, after);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(q[Q_LIST], 2, max);
	int64_t *ids = xcalloc((size_t)max + 1, sizeof *ids);
	while (rc == SQLITE_OK && (rc = sqlite3_step(q[Q_LIST])) == SQLITE_ROW && *n < max) {
		store_sync_item *it = &v[*n];
		it->kind = (store_sync_kind)sqlite3_column_int(q[Q_LIST], 0);
		it->rev = sqlite3_column_int64(q[Q_LIST], 1);
		ids[(*n)++] = sqlite3_column_int64(q[Q_LIST], 2);
		rc = SQLITE_OK;
	}
	int ret = -1;
	if (rc != SQLITE_DONE && rc != SQLITE_OK) {
		store_err_db(err, s->db, rc, what_read);
		goto out;
	}
	for (int i = 0; i < *n; i++) {
		sqlite3_stmt *st = q[Q_REFERRAL + v[i].kind];
		rc = sqlite3_bind_int64(st, 1, ids[i]);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			store_err_db(err, s->db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, what_read);
			goto out;
		}
		if (read_item(s, st, &v[i], err) != 0)
			goto out;
		sqlite3_reset(st);
	}
	ret = 0;
out:
	free(ids);
	return ret;
}

int store_sync_changes(store *s, int64_t after, int max, store_sync_item **out, int *n,
		       int64_t *upto, store_err *err)
{
	*out = NULL;
	*n = 0;
	*upto = after;
	if (max < 1)
		max = 1;
	sqlite3_stmt *q[Q_N] = {0};
	store_sync_item *v = xcalloc((size_t)max, sizeof *v);
	store_sync_state state;
	int ret = -1;
	/* One read transaction: the counter and the rows come from the same moment. */
	if (store_exec(s->db, "BEGIN", err, what_read) != 0)
		goto out;
	for (int i = 0; i < Q_N; i++)
		if (store_prepare(s, read_sql[i], &q[i], err, what_read) != 0)
			goto out;
	if (store_sync_state_get(s, &state, err) != 0 ||
	    read_changes(s, q, after, max, v, n, err) != 0)
		goto out;
	*upto = state.rev;
	ret = 0;
out:
	store_rollback(s->db); /* a read: nothing to commit */
	for (int i = 0; i < Q_N; i++)
		sqlite3_finalize(q[i]);
	if (ret != 0) {
		store_sync_items_free(v, *n);
		v = NULL;
		*n = 0;
		*upto = after;
	}
	*out = v;
	return ret;
}

void store_sync_items_free(store_sync_item *v, int n)
{
	if (!v)
		return;
	for (int i = 0; i < n; i++)
		store_referral_clear(&v[i].r);
	free(v);
}
