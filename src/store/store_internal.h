/* store_internal.h: what the store's own files (store*.c) share: the handle, the error helpers
 * and the referral columns. Nothing outside src/store/ includes it. It names SQLite's types as
 * incomplete structs instead of including sqlite3.h, so the header itself drags nothing in. */
#ifndef INFOKAART_STORE_INTERNAL_H
#define INFOKAART_STORE_INTERNAL_H

#include <stddef.h>

#include "store.h"

struct sqlite3;
struct sqlite3_stmt;

/* Statements prepared once in store_open (see stmt_sql in store.c). */
enum { ST_INSERT, ST_HISTORY, ST_GET, ST_COUNT, ST_N };

struct store {
	struct sqlite3 *db;            /* the one read-write connection */
	struct sqlite3_stmt *st[ST_N]; /* prepared once in store_open */
};

/* The referral columns every SELECT of whole referrals names, in this order; read them back
 * with store_read_row. */
#define STORE_REFERRAL_COLUMNS                                                                   \
	"case_code, created_at, role, profile, activity, wijk, age_group, loneliness, consent,"  \
	" consent_how, followup_date, note, status, closed_at, id"

/* The SQL that brings user_version from_version to from_version + 1 (schema.c), for
 * 0 <= from_version < store_schema_version(). */
const char *store_migration(int from_version);

/* A random (version 4) UUID in SQL, evaluated per row: migration v4 gives every existing row
 * its own, and the sync triggers give new rows theirs without any C write path knowing. */
#define STORE_SQL_UUID                                                                           \
	"lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||"                       \
	" substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) ||"     \
	" substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"

/* The text of column col of st into dst (size n), "" for NULL. */
void store_sync_copy_text(char *dst, size_t n, struct sqlite3_stmt *st, int col);
/* The case code of a refused change's referral, else "?", as SQL over sync_refused f. */
#define STORE_SYNC_REFUSAL_CODE                                                                  \
	"coalesce((SELECT r.case_code FROM referral r WHERE r.uuid = f.uuid"                     \
	" OR r.id = (SELECT s.referral_id FROM referral_status s WHERE s.uuid = f.uuid)"        \
	" OR r.id = (SELECT d.referral_id FROM djg_score d WHERE d.uuid = f.uuid)), '?')"

/* Copies a row of STORE_REFERRAL_COLUMNS into out, overwriting it (out->note malloc'd or NULL).
 * A value longer than its field is an error, never cut. Returns 0, or -1 with err filled; in
 * both cases free with store_referral_clear. */
int store_read_row(struct sqlite3 *db, struct sqlite3_stmt *st, store_referral *out,
		   store_err *err, const char *what);

/* err: a Dutch sentence (say, or the one for st), what did not happen, then the detail in
 * brackets. err may be NULL. */
void store_err_say(store_err *err, store_status st, const char *say, const char *what,
		   const char *detail);
void store_err_put(store_err *err, store_status st, const char *what, const char *detail);
/* From an SQLite result code; call right after the failing call (db may be NULL). */
void store_err_db(store_err *err, struct sqlite3 *db, int rc, const char *what);

/* Runs constant SQL; 0, or -1 with err filled. */
int store_exec(struct sqlite3 *db, const char *sql, store_err *err, const char *what);
/* Ends a failed transaction, if one is open. */
void store_rollback(struct sqlite3 *db);
/* Steps a statement that returns no rows: 0, or -1 with err filled. */
int store_step_done(struct sqlite3 *db, struct sqlite3_stmt *st, store_err *err,
		    const char *what);
/* Prepares constant SQL: 0, or -1 with err filled (and *st NULL). */
int store_prepare(store *s, const char *sql, struct sqlite3_stmt **st, store_err *err,
		  const char *what);
/* A date argument (YYYY-MM-DD) must exist in the calendar: comparing anything else as text
 * would quietly select the wrong rows. NULL passes where allow_null. 0, or -1 with err. */
int store_check_date(const char *date, bool allow_null, store_err *err, const char *what);
/* After an erasure: moves the write-ahead log into the file and empties it, so no old page
 * with erased text stays in the -wal file. Best effort: returns true when the log is empty,
 * false when another connection still reads (SQLite then keeps the log). */
bool store_clear_wal(store *s);

#endif
