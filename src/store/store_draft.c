/* store_draft.c: the one draft, a walk that was interrupted by SIGTERM or SIGHUP (see
 * store.h). It may hold a note, so it is deleted as soon as it is taken, and retention
 * deletes one older than the notes' retention period (store_retention.c). */
#include "store_internal.h"
#include "store_sqlite.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "i18n.h"

int store_draft_save(store *s, const char *data, int64_t at, store_err *err)
{
	static const char what[] = N_("De onafgemaakte ronde is niet bewaard.");
	sqlite3_stmt *st = NULL;
	int rc, ret = -1;
	if (store_prepare(s, "INSERT OR REPLACE INTO draft (id, saved_at, data) VALUES (1, ?1, ?2)", &st, err,
			  what) != 0)
		return -1;
	if ((rc = sqlite3_bind_int64(st, 1, at)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 2, data, -1, SQLITE_STATIC)) != SQLITE_OK) {
		store_err_db(err, s->db, rc, what);
		goto out;
	}
	ret = store_step_done(s->db, st, err, what);
out:
	sqlite3_finalize(st);
	return ret;
}

int store_draft_take(store *s, char **data, int64_t *at, store_err *err)
{
	static const char what[] = N_("De onafgemaakte ronde is niet gelezen.");
	sqlite3_stmt *st = NULL;
	int rc, ret = -1;
	*data = NULL;
	if (store_exec(s->db, "BEGIN IMMEDIATE", err, what) != 0)
		return -1;
	if (store_prepare(s, "SELECT saved_at, data FROM draft WHERE id = 1", &st, err, what) != 0)
		goto out;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		ret = 1;
		goto out;
	}
	if (rc != SQLITE_ROW) {
		store_err_db(err, s->db, rc, what);
		goto out;
	}
	*at = sqlite3_column_int64(st, 0);
	const unsigned char *text = sqlite3_column_text(st, 1);
	*data = xstrdup(text ? (const char *)text : "");
	sqlite3_finalize(st);
	st = NULL;
	if (store_exec(s->db, "DELETE FROM draft", err, what) != 0 || store_exec(s->db, "COMMIT", err, what) != 0)
		goto out;
	store_clear_wal(s); /* the draft may hold a note: no copy stays in the log */
	return 0;
out:
	sqlite3_finalize(st);
	store_rollback(s->db);
	if (ret != 1) {
		free(*data);
		*data = NULL;
	}
	return ret;
}

bool store_draft_exists(store *s, int64_t *at)
{
	sqlite3_stmt *st = NULL;
	bool yes = false;
	if (sqlite3_prepare_v2(s->db, "SELECT saved_at FROM draft", -1, &st, NULL) == SQLITE_OK)
		yes = sqlite3_step(st) == SQLITE_ROW;
	if (yes && at)
		*at = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return yes;
}
