/* store.c: the referral records in SQLite (see store.h): opening, checking and writing.
 * An existing file is checked (its header, then through a read-only connection) before anything
 * may write to it, so a damaged or newer database is refused untouched. All SQL is constant text
 * with bound parameters; every write is one BEGIN IMMEDIATE transaction, rolled back on any
 * error. It never prints or exits, save store_new_case_code when the kernel has no randomness. */
#include "store.h"

#include "store_internal.h"
#include "store_sqlite.h"
#include "util.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

enum { BUSY_TIMEOUT_MS = 5000 };
/* PRAGMA application_id: "IKRT" in ASCII, so another program's SQLite file is not taken for
 * ours. Written in decimal in the migration because that is what PRAGMA parses everywhere. */
#define STORE_APP_ID 1229673044
static const char first_status[] = "verwezen";
static const char invalid[] = N_("De gegevens van de verwijzing zijn ongeldig.");

/* Cached statements (enum in store_internal.h); the columns of INSERT and SELECT are in the same
 * order (see text_fields). A note's retention starts when it is written: note_set_at. */
static const char *const stmt_sql[ST_N] = {
	"INSERT INTO referral (case_code, created_at, role, profile, activity, wijk, age_group,"
	" loneliness, consent, consent_how, followup_date, note, status, note_set_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	" CASE WHEN ?12 IS NULL THEN NULL ELSE ?2 END)",
	"INSERT INTO referral_status (referral_id, status, at, role) VALUES (?1, ?2, ?3, ?4)",
	"SELECT " STORE_REFERRAL_COLUMNS " FROM referral WHERE id = ?1",
	"SELECT count(*) FROM referral",
};
/* 1-based positions in STORE_REFERRAL_COLUMNS and the INSERT. */
enum { POS_CREATED = 2, POS_ROLE = 3, POS_CONSENT = 9, POS_NOTE = 12, POS_STATUS = 13,
       POS_CLOSED = 14, POS_ID = 15 };

/* The fixed-size text fields of store_referral: 1-based position in the statements above. */
#define TEXT_FIELD(f, pos) {#f, pos, offsetof(store_referral, f), sizeof(((store_referral *)0)->f)}
static const struct text_field {
	const char *name;
	int pos;
	size_t off, size;
} text_fields[] = {
	TEXT_FIELD(case_code, 1), TEXT_FIELD(role, POS_ROLE), TEXT_FIELD(profile, 4),
	TEXT_FIELD(activity, 5),  TEXT_FIELD(wijk, 6),       TEXT_FIELD(age_group, 7),
	TEXT_FIELD(loneliness, 8), TEXT_FIELD(consent_how, 10), TEXT_FIELD(followup_date, 11),
	TEXT_FIELD(status, POS_STATUS),
};

/* --- errors: a Dutch sentence for the user, then the technical detail in brackets --- */

static const char *sentence(store_status st)
{
	switch (st) {
	case STORE_OK: return "";
	case STORE_ERR_OPEN: return N_("Het databasebestand kan niet worden geopend of aangemaakt.");
	case STORE_ERR_READONLY:
		return N_("Het bestand of de map kan niet worden beschreven (alleen-lezen).");
	case STORE_ERR_FULL: return N_("De schijf is vol.");
	case STORE_ERR_BUSY:
		return N_("De database is bezet door een ander infokaart-venster; "
			  "probeer het zo opnieuw.");
	case STORE_ERR_CORRUPT:
		return N_("Dit is geen infokaart-database of het bestand is beschadigd; "
			  "het is niet aangeraakt.");
	case STORE_ERR_TOO_NEW:
		return N_("Deze database is gemaakt door een nieuwere versie van infokaart; "
			  "het bestand is niet aangeraakt.");
	case STORE_ERR_OTHER: break;
	}
	return N_("Er ging iets mis met de database.");
}

/* what: an optional second sentence saying what did not happen. err may be NULL. */
void store_err_say(store_err *err, store_status st, const char *say, const char *what,
		   const char *detail)
{
	if (!err)
		return;
	err->status = st;
	/* say and what are N_() sentences: here they take the language of the run */
	snprintf(err->msg, sizeof err->msg, "%s%s%s [%s]", *say ? gettext(say) : "", what ? " " : "",
		 what ? gettext(what) : "", detail);
	/* One line: quick_check, for one, reports over several. */
	for (char *c = err->msg; *c; c++)
		if ((unsigned char)*c < ' ')
			*c = ' ';
}

void store_err_put(store_err *err, store_status st, const char *what, const char *detail)
{
	store_err_say(err, st, sentence(st), what, detail);
}

static store_status errno_status(int e, store_status otherwise)
{
	switch (e) {
	case EACCES: case EPERM: case EROFS: return STORE_ERR_READONLY;
	case ENOSPC: case EDQUOT: return STORE_ERR_FULL;
	default: return otherwise;
	}
}

static store_status rc_status(int rc, int sys_errno)
{
	switch (rc & 0xff) {
	case SQLITE_FULL: return STORE_ERR_FULL;
	case SQLITE_READONLY: case SQLITE_PERM: return STORE_ERR_READONLY;
	case SQLITE_BUSY: case SQLITE_LOCKED: return STORE_ERR_BUSY;
	case SQLITE_NOTADB: case SQLITE_CORRUPT: return STORE_ERR_CORRUPT;
	/* SQLite cannot open the file or its -wal/-shm: the OS error says why. */
	case SQLITE_CANTOPEN: return errno_status(sys_errno, STORE_ERR_OPEN);
	case SQLITE_IOERR: return errno_status(sys_errno, STORE_ERR_OTHER);
	default: return STORE_ERR_OTHER;
	}
}

/* Must be called right after the failing call: a later ROLLBACK replaces the message. */
void store_err_db(store_err *err, sqlite3 *db, int rc, const char *what)
{
	char detail[320];
	int prim = rc & 0xff, sys = db ? sqlite3_system_errno(db) : 0;
	/* The OS error is only meaningful after a failed file operation. */
	if (sys && (prim == SQLITE_IOERR || prim == SQLITE_CANTOPEN))
		snprintf(detail, sizeof detail, "SQLite %d: %s; %s", rc, sqlite3_errmsg(db),
			 strerror(sys));
	else
		snprintf(detail, sizeof detail, "SQLite %d: %s", rc,
			 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	if (prim == SQLITE_CONSTRAINT || prim == SQLITE_MISMATCH || prim == SQLITE_TOOBIG)
		store_err_say(err, STORE_ERR_OTHER, invalid, what, detail);
	else
		store_err_put(err, rc_status(rc, sys), what, detail);
}

static void err_sys(store_err *err, int e, const char *call, const char *path)
{
	char detail[320];
	snprintf(detail, sizeof detail, "%s %s: %s", call, path, strerror(e));
	store_err_put(err, errno_status(e, STORE_ERR_OPEN), NULL, detail);
}

/* --- small SQL helpers --- */

int store_exec(sqlite3 *db, const char *sql, store_err *err, const char *what)
{
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		store_err_db(err, db, rc, what);
	return rc == SQLITE_OK ? 0 : -1;
}

/* Ends a failed transaction. The error already reported is the one that matters; a ROLLBACK
 * of a WAL transaction only drops pages in memory. */
void store_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

int store_prepare(store *s, const char *sql, sqlite3_stmt **st, store_err *err, const char *what)
{
	int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
	if (rc != SQLITE_OK) {
		store_err_db(err, s->db, rc, what);
		sqlite3_finalize(*st);
		*st = NULL;
		return -1;
	}
	return 0;
}

/* Runs a one-row query of n integers. Returns 0 with out[] set, or -1 with err filled. */
static int query_ints(sqlite3 *db, const char *sql, int64_t *out, int n, store_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			out[i] = sqlite3_column_int64(st, i);
		rc = SQLITE_OK;
	} else {
		store_err_db(err, db, rc == SQLITE_DONE ? SQLITE_ERROR : rc, NULL);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : -1;
}

/* --- files and folders, before SQLite sees them --- */

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

/* fsyncs the folder holding path, so a new entry in it survives a power cut. Best effort: some
 * file systems refuse fsync on a folder, and SQLite syncs the data and the -wal entry itself. */
static void sync_dir_of(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Creates the missing folders above path, 0700 each: they will hold the records. Folders that
 * exist are left as they are. chmod because umask may have taken bits from mkdir's mode. */
static int make_parents(const char *path, store_err *err)
{
	char *dir = xstrdup(path);
	int ret = 0;
	for (char *p = strchr(dir + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(dir, 0700) == 0) {
			if (chmod(dir, 0700) != 0) {
				err_sys(err, errno, "chmod", dir);
				ret = -1;
				goto out;
			}
			sync_dir_of(dir);
		} else if (errno != EEXIST) {
			err_sys(err, errno, "mkdir", dir);
			ret = -1;
			goto out;
		}
		*p = '/';
	}
out:
	free(dir);
	return ret;
}

/* Creates the file 0600 if it is missing; *created tells whether we made it. An existing
 * file keeps its mode: it is not ours to change. */
static int create_file(const char *path, bool *created, store_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	*created = fd >= 0;
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		err_sys(err, errno, "open", path);
		return -1;
	}
	int ret = 0;
	if (fchmod(fd, 0600) != 0) { /* umask may have taken bits; 0600 is the promise */
		err_sys(err, errno, "fchmod", path);
		unlink(path);
		ret = -1;
	}
	close(fd);
	if (ret == 0)
		sync_dir_of(path);
	return ret;
}

static int64_t be32(const unsigned char *p)
{
	return (int32_t)((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]);
}

/* Judges user_version and application_id. Returns 0, or -1 with err filled. */
static int judge_ids(int64_t version, int64_t app_id, store_err *err)
{
	char detail[96];
	snprintf(detail, sizeof detail, "user_version %lld, application_id %lld",
		 (long long)version, (long long)app_id);
	if ((app_id != 0 && app_id != STORE_APP_ID) || version < 0)
		store_err_put(err, STORE_ERR_CORRUPT, NULL, detail);
	else if (version > store_schema_version())
		store_err_put(err, STORE_ERR_TOO_NEW, NULL, detail);
	else
		return 0;
	return -1;
}

/* Reads the first 100 bytes of path into h (zeros past the end) and its size. Through
 * SQLite's file layer, not open(2): closing a second descriptor of a file drops all of this
 * process's POSIX locks on it, those of another open store too; SQLite's layer keeps such a
 * descriptor open until those locks go. Returns an SQLite code. */
static int read_header(const char *path, unsigned char h[100], sqlite3_int64 *size)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
	sqlite3_file *f = xcalloc(1, (size_t)vfs->szOsFile);
	char *full = xcalloc(1, (size_t)vfs->mxPathname + 1);
	int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, got_flags = 0;
	int rc = vfs->xFullPathname(vfs, path, vfs->mxPathname + 1, full) & 0xff;
	if (rc == SQLITE_OK)
		rc = vfs->xOpen(vfs, full, f, flags, &got_flags);
	if (rc == SQLITE_OK)
		rc = f->pMethods->xFileSize(f, size);
	if (rc == SQLITE_OK && *size > 0)
		rc = f->pMethods->xRead(f, h, 100, 0); /* SHORT_READ for a tiny file */
	if (f->pMethods)
		f->pMethods->xClose(f);
	free(full);
	free(f);
	return rc;
}

/* Checks the 100-byte header, so a file that is not SQLite, or a newer database, is refused
 * before a connection opens it: even read-only, SQLite leaves -wal and -shm files beside a WAL
 * database. Returns 0 to go on, 1 for an empty file, -1 with err filled. */
static int check_header(const char *path, store_err *err)
{
	unsigned char h[100] = {0};
	sqlite3_int64 size = 0;
	int rc = read_header(path, h, &size);
	if (rc == SQLITE_OK && size == 0)
		return 1; /* SQLite makes an empty file a new database */
	bool sqlite = rc == SQLITE_OK && memcmp(h, "SQLite format 3", 16) == 0;
	if (rc == SQLITE_IOERR_SHORT_READ || (rc == SQLITE_OK && !sqlite)) {
		store_err_put(err, STORE_ERR_CORRUPT, NULL, _("geen SQLite-kop"));
		return -1;
	}
	if (rc != SQLITE_OK) {
		store_err_db(err, NULL, rc, NULL);
		return -1;
	}
	return judge_ids(be32(h + 60), be32(h + 68), err);
}

/* An existing file we may not write, or a folder where SQLite may not create its -wal and
 * -shm files, is refused before SQLite opens it: a read-only connection would leave those
 * files behind with the file's read-only mode, which would then hinder a later writer. */
static int check_writable(const char *path, store_err *err)
{
	char *dir = dir_of(path);
	int ret = 0;
	if (faccessat(AT_FDCWD, path, R_OK | W_OK, AT_EACCESS) != 0) {
		err_sys(err, errno, "access", path);
		ret = -1;
	} else if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) != 0) {
		err_sys(err, errno, "access", dir);
		ret = -1;
	}
	free(dir);
	return ret;
}

/* --- SQLite-level checks and setup --- */

/* Checks a database through db: versions, that it is ours, and quick_check. Returns 0, -1 with
 * err filled, or 1 when a read-only db cannot answer before a writer recovers it. */
static int verify(sqlite3 *db, store_err *err)
{
	/* One statement, so one snapshot: a program migrating the file meanwhile cannot make it
	 * look like version 0 with tables. */
	int64_t v[3]; /* user_version, application_id, objects in the schema */
	if (query_ints(db, "SELECT (SELECT user_version FROM pragma_user_version),"
			   " (SELECT application_id FROM pragma_application_id),"
			   " (SELECT count(*) FROM sqlite_schema)", v, 3, err) != 0) {
		/* A hot journal or WAL that only a writer may recover: check again read-write. */
		return sqlite3_db_readonly(db, "main") == 1 &&
				       (sqlite3_extended_errcode(db) & 0xff) == SQLITE_READONLY
			       ? 1 : -1;
	}
	if (judge_ids(v[0], v[1], err) != 0)
		return -1;
	if (v[0] == 0 && v[1] == 0 && v[2] > 0) {
		store_err_put(err, STORE_ERR_CORRUPT, NULL, _("tabellen van een ander programma"));
		return -1;
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *verdict = (const char *)sqlite3_column_text(st, 0);
		if (!verdict || strcmp(verdict, "ok") != 0)
			store_err_put(err, STORE_ERR_CORRUPT, NULL, verdict ? verdict : "quick_check");
		rc = verdict && strcmp(verdict, "ok") == 0 ? SQLITE_OK : SQLITE_CORRUPT;
	} else {
		store_err_db(err, db, rc, NULL);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : -1;
}

/* Checks an existing file without writing to it. Returns 0 to go on, 1 when the read-write
 * connection must verify it, -1 with err filled. */
static int check_existing(const char *path, store_err *err)
{
	int r = check_header(path, err);
	if (r != 0)
		return r < 0 ? -1 : 0;
	if (check_writable(path, err) != 0)
		return -1;
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_extended_result_codes(db, 1);
		sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
		r = verify(db, err);
	} else {
		store_err_db(err, db, rc, NULL);
		r = -1;
	}
	sqlite3_close(db);
	return r;
}

static int open_rw(const char *path, sqlite3 **out, store_err *err)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		store_err_db(err, db, rc, NULL);
		sqlite3_close(db);
		return -1;
	}
	/* SQLite quietly falls back to read-only when the OS refuses writing. */
	if (sqlite3_db_readonly(db, "main") == 1) {
		store_err_put(err, STORE_ERR_READONLY, NULL, _("SQLite opende het bestand alleen-lezen"));
		sqlite3_close(db);
		return -1;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	*out = db;
	return 0;
}

/* Returns an SQLite code; SQLITE_NOTFOUND when SQLite stayed in another journal mode. */
static int set_wal(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *mode = (const char *)sqlite3_column_text(st, 0);
		rc = mode && strcmp(mode, "wal") == 0 ? SQLITE_OK : SQLITE_NOTFOUND;
	}
	sqlite3_finalize(st); /* keeps the step's error message for store_err_db */
	return rc;
}

static int configure(sqlite3 *db, store_err *err)
{
	/* Switching a new file to WAL upgrades a read lock to a write lock, and there SQLite
	 * answers SQLITE_BUSY at once instead of calling the busy handler (two programs creating
	 * the file together), so wait here as busy_timeout would. */
	int rc, waited = 0;
	while (((rc = set_wal(db)) & 0xff) == SQLITE_BUSY && waited < BUSY_TIMEOUT_MS) {
		sqlite3_sleep(10);
		waited += 10;
	}
	if (rc == SQLITE_NOTFOUND) {
		store_err_put(err, STORE_ERR_OTHER, NULL, _("journal_mode WAL geweigerd"));
		return -1;
	}
	if (rc != SQLITE_OK) {
		store_err_db(err, db, rc, NULL);
		return -1;
	}
	return store_exec(db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
			      " PRAGMA secure_delete = ON;", err, NULL);
}

/* Brings the schema up to date. BEGIN IMMEDIATE takes the write lock before user_version is
 * read, so two programs starting together cannot both migrate. */
static int migrate(sqlite3 *db, store_err *err)
{
	int64_t version = 0; /* set by query_ints; -O3 cannot see that (-Werror=maybe-uninitialized) */
	if (store_exec(db, "BEGIN IMMEDIATE", err, NULL) != 0)
		return -1;
	if (query_ints(db, "PRAGMA user_version", &version, 1, err) != 0 ||
	    judge_ids(version, 0, err) != 0)
		goto fail;
	for (int64_t v = version; v < store_schema_version(); v++)
		if (store_exec(db, store_migration((int)v), err, NULL) != 0)
			goto fail;
	if (store_exec(db, "COMMIT", err, NULL) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return -1;
}

static int prepare_all(store *s, store_err *err)
{
	for (int i = 0; i < ST_N; i++) {
		int rc = sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
					    &s->st[i], NULL);
		if (rc != SQLITE_OK) {
			store_err_db(err, s->db, rc, NULL);
			return -1;
		}
	}
	return 0;
}

int store_open(const char *path, store **out, store_err *err)
{
	store *s = NULL;
	sqlite3 *db = NULL;
	bool created = false;
	int ret = -1, later = 0;
	*out = NULL;
	if (!path || !*path) {
		store_err_put(err, STORE_ERR_OPEN, NULL, _("leeg pad"));
		return -1;
	}
	if (store_sqlite_load(err) != 0)
		return -1; /* before anything of the file is touched */
	if (make_parents(path, err) != 0 || create_file(path, &created, err) != 0)
		goto out;
	struct stat fst; /* a FIFO or a device would hang or be clobbered: only a regular file */
	if (!created && stat(path, &fst) == 0 && !S_ISREG(fst.st_mode)) {
		store_err_put(err, STORE_ERR_OPEN, NULL, _("geen gewoon bestand"));
		goto out;
	}
	if (!created && (later = check_existing(path, err)) < 0)
		goto out;
	if (open_rw(path, &db, err) != 0 || (later && verify(db, err) != 0) ||
	    configure(db, err) != 0 || migrate(db, err) != 0)
		goto out;
	s = xcalloc(1, sizeof *s);
	s->db = db;
	db = NULL;
	if (prepare_all(s, err) != 0)
		goto out;
	*out = s;
	s = NULL;
	ret = 0;
out:
	store_close(s);
	sqlite3_close(db);
	return ret;
}

void store_close(store *s)
{
	if (!s)
		return;
	for (int i = 0; i < ST_N; i++)
		sqlite3_finalize(s->st[i]);
	/* The last connection to close checkpoints the WAL into the file and removes it. */
	sqlite3_close(s->db);
	free(s);
}

/* --- referrals --- */

/* Every fixed-size field must hold its NUL, or SQLite would read past it. */
static int check_fields(const store_referral *r, store_err *err, const char *what)
{
	for (size_t i = 0; i < ARRAY_LEN(text_fields); i++) {
		const struct text_field *f = &text_fields[i];
		if (f->pos != POS_STATUS && !memchr((const char *)r + f->off, '\0', f->size)) {
			store_err_say(err, STORE_ERR_OTHER, invalid, what, f->name);
			return -1;
		}
	}
	return 0;
}

/* The strings stay the caller's (SQLITE_STATIC): bindings are cleared before we return. */
static int bind_referral(sqlite3_stmt *st, const store_referral *r)
{
	int rc = SQLITE_OK;
	for (size_t i = 0; i < ARRAY_LEN(text_fields) && rc == SQLITE_OK; i++) {
		const struct text_field *f = &text_fields[i];
		const char *v = f->pos == POS_STATUS ? first_status : (const char *)r + f->off;
		rc = sqlite3_bind_text(st, f->pos, v, -1, SQLITE_STATIC);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, POS_CREATED, r->created_at);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, POS_CONSENT, r->consent ? 1 : 0);
	if (rc == SQLITE_OK)
		rc = r->note ? sqlite3_bind_text(st, POS_NOTE, r->note, -1, SQLITE_STATIC)
			     : sqlite3_bind_null(st, POS_NOTE);
	return rc;
}

/* Steps a statement that returns no rows. */
int store_step_done(sqlite3 *db, sqlite3_stmt *st, store_err *err, const char *what)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		store_err_db(err, db, rc, what);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_referral_insert(store *s, store_referral *r, store_err *err)
{
	static const char what[] = N_("De verwijzing is niet vastgelegd.");
	sqlite3_stmt *ins = s->st[ST_INSERT], *hist = s->st[ST_HISTORY];
	int64_t id = 0;
	int ret = -1, rc;
	if (check_fields(r, err, what) != 0 ||
	    store_exec(s->db, "BEGIN IMMEDIATE", err, what) != 0)
		return -1;
	if ((rc = bind_referral(ins, r)) != SQLITE_OK) {
		store_err_db(err, s->db, rc, what);
		goto out;
	}
	if (store_step_done(s->db, ins, err, what) != 0)
		goto out;
	id = sqlite3_last_insert_rowid(s->db);
	if ((rc = sqlite3_bind_int64(hist, 1, id)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(hist, 2, first_status, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_int64(hist, 3, r->created_at)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(hist, 4, r->role, -1, SQLITE_STATIC)) != SQLITE_OK) {
		store_err_db(err, s->db, rc, what);
		goto out;
	}
	if (store_step_done(s->db, hist, err, what) != 0 ||
	    store_exec(s->db, "COMMIT", err, what) != 0)
		goto out;
	r->id = id;
	snprintf(r->status, sizeof r->status, "%s", first_status);
	ret = 0;
out:
	sqlite3_reset(ins);
	sqlite3_clear_bindings(ins);
	sqlite3_reset(hist);
	sqlite3_clear_bindings(hist);
	if (ret != 0)
		store_rollback(s->db);
	return ret;
}

int store_read_row(sqlite3 *db, sqlite3_stmt *st, store_referral *out, store_err *err,
		   const char *what)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < ARRAY_LEN(text_fields); i++) {
		const struct text_field *f = &text_fields[i];
		const unsigned char *t = sqlite3_column_text(st, f->pos - 1);
		size_t n = (size_t)sqlite3_column_bytes(st, f->pos - 1);
		if (n >= f->size) {
			store_err_put(err, STORE_ERR_CORRUPT, what, f->name);
			return -1;
		}
		if (t)
			memcpy((char *)out + f->off, t, n);
	}
	out->created_at = sqlite3_column_int64(st, POS_CREATED - 1);
	out->consent = sqlite3_column_int(st, POS_CONSENT - 1) != 0;
	out->closed_at = sqlite3_column_int64(st, POS_CLOSED - 1); /* NULL reads as 0: open */
	out->id = sqlite3_column_int64(st, POS_ID - 1);
	if (sqlite3_column_type(st, POS_NOTE - 1) != SQLITE_NULL) {
		const char *t = (const char *)sqlite3_column_text(st, POS_NOTE - 1);
		out->note = xstrndup(t ? t : "", (size_t)sqlite3_column_bytes(st, POS_NOTE - 1));
	}
	/* The column functions report a failed allocation only here. */
	if (sqlite3_errcode(db) == SQLITE_NOMEM) {
		store_err_db(err, db, SQLITE_NOMEM, what);
		return -1;
	}
	return 0;
}

int store_referral_get(store *s, int64_t id, store_referral *out, store_err *err)
{
	static const char what[] = N_("De verwijzing kon niet worden gelezen.");
	sqlite3_stmt *st = s->st[ST_GET];
	int ret = -1;
	memset(out, 0, sizeof *out);
	int rc = sqlite3_bind_int64(st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		ret = 1;
	} else if (rc != SQLITE_ROW) {
		store_err_db(err, s->db, rc, what);
	} else if (store_read_row(s->db, st, out, err, what) != 0) {
		store_referral_clear(out);
	} else {
		ret = 0;
	}
	sqlite3_reset(st);
	return ret;
}

void store_referral_clear(store_referral *r)
{
	if (!r)
		return;
	free(r->note);
	memset(r, 0, sizeof *r);
}

int64_t store_referral_count(store *s, store_err *err)
{
	sqlite3_stmt *st = s->st[ST_COUNT];
	int64_t n = -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		store_err_db(err, s->db, rc, N_("De verwijzingen konden niet worden geteld."));
	sqlite3_reset(st);
	return n;
}

/* --- case codes --- */

/* Fills buf from the kernel. getrandom fails only on kernels before 3.17 or under a seccomp
 * filter; without randomness no honest code can be made, so, like xmalloc, this ends the
 * program (store_new_case_code has no error to return). */
static void random_bytes(unsigned char *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, _("infokaart: geen toeval beschikbaar (getrandom: %s)\n"),
				strerror(errno));
			exit(70);
		}
		got += (size_t)r;
	}
}

void store_new_case_code(char buf[16])
{
	/* No 0/O, 1/I/L: codes are read aloud and copied by hand. */
	static const char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
	enum { N = sizeof alphabet - 1, LIMIT = 256 - 256 % N };
	char code[8];
	size_t have = 0;
	while (have < sizeof code) {
		unsigned char raw[16];
		random_bytes(raw, sizeof raw);
		/* Bytes at or above LIMIT are dropped so every letter is equally likely. */
		for (size_t i = 0; i < sizeof raw && have < sizeof code; i++)
			if (raw[i] < LIMIT)
				code[have++] = alphabet[raw[i] % N];
	}
	snprintf(buf, 16, "%.3s-%.5s", code, code + 3);
}
