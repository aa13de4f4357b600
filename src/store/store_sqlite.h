/* store_sqlite.h: the SQLite API as the store's files call it, loaded when the records are
 * first opened (store_sqlite_load, from store_open) instead of when the program starts: a start
 * that touches no database (the first screen, --version, check, suggest) does not map
 * libsqlite3 and libm, nor resolve the 1,300 symbols Debian's libsqlite3 binds at once (-z now):
 * 0.9 ms of every start on the CI machine (README, Performance). Include it instead of
 * <sqlite3.h>: after it the usual names call through a table, as sqlite3ext.h does for
 * extensions. Only src/store/ includes it; a call before store_sqlite_load succeeded is a bug. */
#ifndef INFOKAART_STORE_SQLITE_H
#define INFOKAART_STORE_SQLITE_H

#include <sqlite3.h>

#include "store.h"

/* Every SQLite function the store calls (without its sqlite3_ prefix). */
#define STORE_SQLITE_API(X)      \
	X(bind_int)              \
	X(bind_int64)            \
	X(bind_null)             \
	X(bind_parameter_count)  \
	X(bind_text)             \
	X(busy_timeout)          \
	X(changes)               \
	X(clear_bindings)        \
	X(close)                 \
	X(column_bytes)          \
	X(column_int)            \
	X(column_int64)          \
	X(column_text)           \
	X(column_type)           \
	X(config)                \
	X(db_readonly)           \
	X(errcode)               \
	X(errmsg)                \
	X(errstr)                \
	X(exec)                  \
	X(extended_errcode)      \
	X(extended_result_codes) \
	X(finalize)              \
	X(get_autocommit)        \
	X(last_insert_rowid)     \
	X(open_v2)               \
	X(prepare_v2)            \
	X(prepare_v3)            \
	X(reset)                 \
	X(sleep)                 \
	X(step)                  \
	X(system_errno)          \
	X(vfs_find)              \
	X(wal_checkpoint_v2)

/* The functions of the loaded library, each with its sqlite3.h type. */
typedef struct {
#define STORE_SQLITE_FIELD(name) __typeof__(sqlite3_##name) *name;
	STORE_SQLITE_API(STORE_SQLITE_FIELD)
#undef STORE_SQLITE_FIELD
} store_sqlite_api;

extern store_sqlite_api store_sqlite;

/* Loads libsqlite3 and fills store_sqlite, once per process (the first call; safe from several
 * threads). Returns 0, or -1 with err filled (STORE_ERR_OPEN, the loader's reason in brackets)
 * when the library or one of its functions is missing; every later call says the same. */
int store_sqlite_load(store_err *err);

#define sqlite3_bind_int              store_sqlite.bind_int
#define sqlite3_bind_int64            store_sqlite.bind_int64
#define sqlite3_bind_null             store_sqlite.bind_null
#define sqlite3_bind_parameter_count  store_sqlite.bind_parameter_count
#define sqlite3_bind_text             store_sqlite.bind_text
#define sqlite3_busy_timeout          store_sqlite.busy_timeout
#define sqlite3_changes               store_sqlite.changes
#define sqlite3_clear_bindings        store_sqlite.clear_bindings
#define sqlite3_close                 store_sqlite.close
#define sqlite3_column_bytes          store_sqlite.column_bytes
#define sqlite3_column_int            store_sqlite.column_int
#define sqlite3_column_int64          store_sqlite.column_int64
#define sqlite3_column_text           store_sqlite.column_text
#define sqlite3_column_type           store_sqlite.column_type
#define sqlite3_config                store_sqlite.config
#define sqlite3_db_readonly           store_sqlite.db_readonly
#define sqlite3_errcode               store_sqlite.errcode
#define sqlite3_errmsg                store_sqlite.errmsg
#define sqlite3_errstr                store_sqlite.errstr
#define sqlite3_exec                  store_sqlite.exec
#define sqlite3_extended_errcode      store_sqlite.extended_errcode
#define sqlite3_extended_result_codes store_sqlite.extended_result_codes
#define sqlite3_finalize              store_sqlite.finalize
#define sqlite3_get_autocommit        store_sqlite.get_autocommit
#define sqlite3_last_insert_rowid     store_sqlite.last_insert_rowid
#define sqlite3_open_v2               store_sqlite.open_v2
#define sqlite3_prepare_v2            store_sqlite.prepare_v2
#define sqlite3_prepare_v3            store_sqlite.prepare_v3
#define sqlite3_reset                 store_sqlite.reset
#define sqlite3_sleep                 store_sqlite.sleep
#define sqlite3_step                  store_sqlite.step
#define sqlite3_system_errno          store_sqlite.system_errno
#define sqlite3_vfs_find              store_sqlite.vfs_find
#define sqlite3_wal_checkpoint_v2     store_sqlite.wal_checkpoint_v2

#endif
