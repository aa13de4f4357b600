/* unit_store.c: the SQLite store, one behaviour per test, each in a fresh mkdtemp folder under
 * $TMPDIR (or /tmp), never $HOME. The tests look at the file with sqlite3 directly. A full disk
 * is a VFS that passes everything to the real one but refuses WAL writes past a limit, as
 * ENOSPC would; an auto-extension hands over the store's own connection to read its settings;
 * read-only cases run in a child that drops root (where chmod stops nothing) to nobody. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "store.h"
#include "testdir.h"
#include "teststore.h"
#include "util.h"

enum { SKIP_EXIT = 77 };

/* --- fixture: a fresh folder per test (tests/fixtures/teststore.c) --- */

typedef teststore fixture;

static sqlite3_int64 wal_limit = -1; /* see the disk-full VFS below */
static mode_t start_umask;

static int setup(void **state)
{
	wal_limit = -1; /* a failed test may have left these changed */
	umask(start_umask);
	return teststore_setup(state);
}

static char *path_in(const fixture *f, const char *name)
{
	return xasprintf("%s/%s", f->dir, name);
}

static char *sidecar(const fixture *f, const char *suffix)
{
	return xasprintf("%s%s", f->db, suffix);
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* --- records --- */

static store_referral sample(int n)
{
	return teststore_sample_multi(NULL, 1700000000 + n, "2024-03-15");
}

static int64_t count_ok(store *s)
{
	store_err err = {0};
	int64_t n = store_referral_count(s, &err);
	if (n < 0)
		fail_msg("count: %s", err.msg);
	return n;
}

/* Asserts err: this status, a message that starts with want and ends in a bracketed detail. */
static void assert_err(const store_err *err, store_status status, const char *want)
{
	assert_int_equal(err->status, status);
	if (strncmp(err->msg, want, strlen(want)) != 0)
		fail_msg("message \"%s\" does not start with \"%s\"", err->msg, want);
	const char *open = strstr(err->msg, " [");
	assert_non_null(open);
	assert_true(strlen(err->msg) < sizeof err->msg);
	assert_int_equal(err->msg[strlen(err->msg) - 1], ']');
}

/* --- sqlite3 directly: teststore_db, teststore_db_int, teststore_db_exec --- */

/* Asserts the file is sound and every referral has exactly its one history row. */
static void assert_consistent(const char *path, int64_t referrals)
{
	sqlite3 *db = teststore_db(path);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	assert_int_equal(teststore_db_int(db, "SELECT count(*) FROM referral"), referrals);
	assert_int_equal(teststore_db_int(db, "SELECT count(*) FROM referral_status"), referrals);
	assert_int_equal(teststore_db_int(db, "SELECT count(*) FROM referral r WHERE (SELECT count(*) FROM"
				    " referral_status h WHERE h.referral_id = r.id) != 1"), 0);
	sqlite3_close(db);
}

/* The store holds n referrals; closed, the file is sound with one history row each. */
static void close_consistent(store *s, const char *path, int64_t n)
{
	assert_int_equal(count_ok(s), n);
	store_close(s);
	assert_consistent(path, n);
}

/* --- the file's bytes and mtime, to prove a refused file was not touched --- */

typedef struct {
	char *bytes;
	size_t len;
	struct timespec mtime;
} snapshot;

static snapshot snap(const char *path)
{
	snapshot s = {0};
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	s.mtime = st.st_mtim;
	s.bytes = read_file(path, &s.len);
	assert_non_null(s.bytes);
	return s;
}

static void assert_unchanged(snapshot *before, const char *path)
{
	snapshot now = snap(path);
	assert_int_equal(now.len, before->len);
	assert_memory_equal(now.bytes, before->bytes, now.len);
	assert_int_equal(now.mtime.tv_sec, before->mtime.tv_sec);
	assert_int_equal(now.mtime.tv_nsec, before->mtime.tv_nsec);
	free(now.bytes);
	free(before->bytes);
}

/* Makes a store file with n referrals and closes it (the WAL is checkpointed). */
static void make_db(const char *path, int n)
{
	store *s = teststore_open(path);
	for (int i = 0; i < n; i++) {
		store_referral r = sample(i);
		teststore_insert(s, &r);
	}
	store_close(s);
}

/* Opens path expecting failure with status; returns after checking the message start. */
static void assert_open_fails(const char *path, store_status status, const char *want)
{
	store *s = (store *)&s; /* not NULL, to see store_open clear it */
	store_err err = {0};
	assert_int_equal(store_open(path, &s, &err), -1);
	assert_null(s);
	assert_err(&err, status, want);
}

/* --- a disk that fills up: WAL writes past wal_limit fail as ENOSPC would --- */

static sqlite3_vfs *real_vfs;
/* wal_limit (above): bytes a -wal file may reach; -1: no limit */

typedef struct {
	sqlite3_file base;
	sqlite3_file *real; /* the real VFS's file, in the same allocation, after this struct */
	bool wal;
} full_file;

#define REAL(f) (((full_file *)(f))->real)
#define PASS(f, method, ...) REAL(f)->pMethods->method(REAL(f), __VA_ARGS__)

static int ff_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int ff_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{
	return PASS(f, xRead, b, n, o);
}
static int ff_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
	if (((full_file *)f)->wal && wal_limit >= 0 && o + n > wal_limit)
		return SQLITE_FULL;
	return PASS(f, xWrite, b, n, o);
}
static int ff_truncate(sqlite3_file *f, sqlite3_int64 n) { return PASS(f, xTruncate, n); }
static int ff_sync(sqlite3_file *f, int flags) { return PASS(f, xSync, flags); }
static int ff_size(sqlite3_file *f, sqlite3_int64 *n) { return PASS(f, xFileSize, n); }
static int ff_lock(sqlite3_file *f, int l) { return PASS(f, xLock, l); }
static int ff_unlock(sqlite3_file *f, int l) { return PASS(f, xUnlock, l); }
static int ff_reserved(sqlite3_file *f, int *out) { return PASS(f, xCheckReservedLock, out); }
static int ff_fcntl(sqlite3_file *f, int op, void *arg) { return PASS(f, xFileControl, op, arg); }
static int ff_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int ff_devchar(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int ff_shm_map(sqlite3_file *f, int pg, int size, int extend, void volatile **pp)
{
	return PASS(f, xShmMap, pg, size, extend, pp);
}
static int ff_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return PASS(f, xShmLock, off, n, flags);
}
static void ff_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int ff_shm_unmap(sqlite3_file *f, int del) { return PASS(f, xShmUnmap, del); }
static int ff_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **pp)
{
	return PASS(f, xFetch, o, n, pp);
}
static int ff_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p) { return PASS(f, xUnfetch, o, p); }

static const sqlite3_io_methods ff_methods = {
	3, ff_close, ff_read, ff_write, ff_truncate, ff_sync, ff_size, ff_lock, ff_unlock,
	ff_reserved, ff_fcntl, ff_sector, ff_devchar, ff_shm_map, ff_shm_lock, ff_shm_barrier,
	ff_shm_unmap, ff_fetch, ff_unfetch,
};

static int ff_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *out)
{
	full_file *ff = (full_file *)f;
	ff->real = (sqlite3_file *)(ff + 1);
	ff->wal = (flags & SQLITE_OPEN_WAL) != 0;
	int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out);
	f->pMethods = ff->real->pMethods ? &ff_methods : NULL;
	return rc;
}

/* Makes the disk-full VFS the default, so store_open uses it without knowing. */
static void install_full_vfs(void)
{
	static sqlite3_vfs vfs;
	real_vfs = sqlite3_vfs_find(NULL);
	vfs = *real_vfs;
	vfs.zName = "infokaart-test-full";
	vfs.szOsFile = (int)sizeof(full_file) + real_vfs->szOsFile;
	vfs.xOpen = ff_open;
	vfs.pNext = NULL;
	sqlite3_vfs_register(&vfs, 1);
}

/* The connection opened last in this process (an auto-extension sees every open), so a test
 * can ask the store's own connection for its per-connection settings. */
static sqlite3 *last_db;
static int remember_db(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api)
{
	last_db = db;
	return SQLITE_OK;
}

/* --- children: crashes, concurrency, and dropping root for the read-only cases --- */

/* Runs fn(path) in a child and returns its exit status. With as_nobody the child first drops
 * root (where chmod stops nothing) to nobody; SKIP_EXIT when it cannot. */
static int in_child(bool as_nobody, int (*fn)(const char *), const char *path)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (as_nobody && !(setgroups(0, NULL) == 0 && setgid(65534) == 0 &&
				   setuid(65534) == 0))
			_exit(SKIP_EXIT);
		_exit(fn(path));
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static int child_expects_readonly(const char *path)
{
	if (access(path, R_OK) != 0)
		return SKIP_EXIT; /* nobody cannot reach $TMPDIR */
	store *s = NULL;
	store_err err = {0};
	if (store_open(path, &s, &err) == 0) {
		fprintf(stderr, "store_open succeeded on a read-only database\n");
		store_close(s);
		return 1;
	}
	fprintf(stderr, "store_open: %d %s\n", err.status, err.msg);
	static const char want[] = "Het bestand of de map kan niet worden beschreven";
	bool ok = err.status == STORE_ERR_READONLY && strncmp(err.msg, want, strlen(want)) == 0;
	return ok ? 0 : 2;
}

static int child_insert_and_crash(const char *path)
{
	store *s = NULL;
	store_err err = {0};
	store_referral r = sample(7);
	if (store_open(path, &s, &err) != 0 || store_referral_insert(s, &r, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	_exit(0); /* no store_close, so no checkpoint: as if the program were killed */
}

static int child_insert_50(const char *path, int who)
{
	(void)who;
	store *s = NULL;
	store_err err = {0};
	int ret = 0;
	if (store_open(path, &s, &err) != 0) {
		fprintf(stderr, "open: %s\n", err.msg);
		return 1;
	}
	for (int i = 0; i < 50 && ret == 0; i++) {
		store_referral r = sample(i);
		if (store_referral_insert(s, &r, &err) != 0) {
			fprintf(stderr, "insert %d: %s\n", i, err.msg);
			ret = 2;
		}
	}
	store_close(s);
	return ret;
}

/* --- tests: records --- */

static void assert_same_referral(const store_referral *a, const store_referral *b)
{
	assert_int_equal(a->id, b->id);
	assert_string_equal(a->case_code, b->case_code);
	assert_int_equal(a->created_at, b->created_at);
	assert_string_equal(a->role, b->role);
	assert_string_equal(a->profile, b->profile);
	assert_string_equal(a->activity, b->activity);
	assert_string_equal(a->wijk, b->wijk);
	assert_string_equal(a->age_group, b->age_group);
	assert_string_equal(a->loneliness, b->loneliness);
	assert_int_equal(a->consent, b->consent);
	assert_string_equal(a->consent_how, b->consent_how);
	assert_string_equal(a->followup_date, b->followup_date);
	assert_string_equal(a->status, b->status);
	if (!a->note || !b->note)
		assert_ptr_equal(a->note, b->note);
	else
		assert_string_equal(a->note, b->note);
}

static void insert_then_get_round_trips_every_field(void **state)
{
	fixture *f = *state;
	char note[] = "Één keer per week koffie; ĳs, 咖啡, cafe\xcc\x81 — 'n \"gesprek\";"
		      " DROP TABLE referral;";
	store *s = teststore_open(f->db);
	store_referral r = sample(1), got;
	r.note = note;
	int64_t id = teststore_insert(s, &r);
	assert_true(id > 0);
	assert_string_equal(r.status, "verwezen");
	store_err err = {0};
	assert_int_equal(store_referral_get(s, id, &got, &err), 0);
	assert_same_referral(&got, &r);
	assert_ptr_not_equal(got.note, note); /* the caller owns its copy */
	store_referral_clear(&got);
	store_close(s);
}

static void insert_then_get_keeps_null_note_and_no_consent(void **state)
{
	fixture *f = *state;
	store *s = teststore_open(f->db);
	store_referral r = sample(2), got;
	r.consent = false;
	r.consent_how[0] = '\0';
	r.wijk[0] = '\0';
	store_err err = {0};
	assert_int_equal(store_referral_get(s, teststore_insert(s, &r), &got, &err), 0);
	assert_null(got.note);
	assert_same_referral(&got, &r);
	store_referral_clear(&got);
	store_close(s);
}

static void get_reports_missing_id_as_not_found(void **state)
{
	fixture *f = *state;
	store *s = teststore_open(f->db);
	store_referral got;
	store_err err = {0};
	assert_int_equal(store_referral_get(s, 42, &got, &err), 1);
	assert_null(got.note);
	store_referral_clear(&got);
	store_close(s);
}

static void insert_writes_first_status_history_row(void **state)
{
	fixture *f = *state;
	store *s = teststore_open(f->db);
	store_referral r = sample(3);
	int64_t id = teststore_insert(s, &r);
	sqlite3 *db = teststore_db(f->db);
	sqlite3_stmt *st = NULL;
	static const char sql[] = "SELECT referral_id, status, at FROM referral_status";
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int64(st, 0), id);
	assert_string_equal((const char *)sqlite3_column_text(st, 1), "verwezen");
	assert_int_equal(sqlite3_column_int64(st, 2), r.created_at);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(db);
	store_close(s);
}

static void invalid_followup_date_is_rejected_whole(void **state)
{
	fixture *f = *state;
	store *s = teststore_open(f->db);
	store_referral r = sample(4);
	strcpy(r.followup_date, "15-03-2024");
	r.id = -7;
	store_err err = {0};
	assert_int_equal(store_referral_insert(s, &r, &err), -1);
	assert_err(&err, STORE_ERR_OTHER, "De gegevens van de verwijzing zijn ongeldig.");
	assert_int_equal(r.id, -7);
	close_consistent(s, f->db, 0);
}

static void unterminated_field_is_rejected(void **state)
{
	fixture *f = *state;
	store *s = teststore_open(f->db);
	store_referral r = sample(5);
	memset(r.wijk, 'x', sizeof r.wijk);
	store_err err = {0};
	assert_int_equal(store_referral_insert(s, &r, &err), -1);
	assert_err(&err, STORE_ERR_OTHER, "De gegevens van de verwijzing zijn ongeldig.");
	assert_non_null(strstr(err.msg, "[wijk]"));
	assert_int_equal(count_ok(s), 0);
	store_close(s);
}

static void failed_history_write_rolls_back_referral(void **state)
{
	fixture *f = *state;
	store *s = teststore_open(f->db);
	sqlite3 *db = teststore_db(f->db);
	teststore_db_exec(db, "CREATE TRIGGER refuse BEFORE INSERT ON referral_status"
		    " BEGIN SELECT RAISE(ABORT, 'history refused'); END");
	store_referral r = sample(6);
	r.id = -7;
	store_err err = {0};
	assert_int_equal(store_referral_insert(s, &r, &err), -1);
	assert_non_null(strstr(err.msg, "history refused"));
	assert_int_equal(r.id, -7);
	assert_int_equal(count_ok(s), 0);
	teststore_db_exec(db, "DROP TRIGGER refuse");
	sqlite3_close(db);
	teststore_insert(s, &r); /* the connection is usable again */
	store_close(s);
	assert_consistent(f->db, 1);
}

/* --- tests: the file --- */

static void new_file_is_0600_in_new_0700_folders(void **state)
{
	fixture *f = *state;
	char *a = path_in(f, "a"), *b = path_in(f, "a/b"), *db = path_in(f, "a/b/records.db");
	assert_int_equal(chmod(f->dir, 0755), 0);
	mode_t old = umask(0); /* the modes must not come from a careful umask */
	store *s = teststore_open(db);
	umask(old);
	store_close(s);
	assert_int_equal(mode_of(a), 0700);
	assert_int_equal(mode_of(b), 0700);
	assert_int_equal(mode_of(db), 0600);
	assert_int_equal(mode_of(f->dir), 0755); /* a folder that existed keeps its mode */
	free(a);
	free(b);
	free(db);
}

static void wal_and_shm_files_are_0600(void **state)
{
	fixture *f = *state;
	char *wal = sidecar(f, "-wal"), *shm = sidecar(f, "-shm");
	mode_t old = umask(0);
	store *s = teststore_open(f->db);
	store_referral r = sample(1);
	teststore_insert(s, &r);
	umask(old);
	assert_int_equal(mode_of(wal), 0600);
	assert_int_equal(mode_of(shm), 0600);
	store_close(s);
	free(wal);
	free(shm);
}

static void open_sets_durability_pragmas(void **state)
{
	fixture *f = *state;
	last_db = NULL;
	store *s = teststore_open(f->db); /* a new file: the store opens just its own connection */
	assert_non_null(last_db);
	assert_int_equal(teststore_db_int(last_db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"),
			 1);
	assert_int_equal(teststore_db_int(last_db, "PRAGMA synchronous"), 2); /* FULL */
	assert_int_equal(teststore_db_int(last_db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(teststore_db_int(last_db, "PRAGMA secure_delete"), 1);
	assert_int_equal(teststore_db_int(last_db, "PRAGMA busy_timeout"), 5000);
	store_close(s);
}

static void reopen_keeps_data_and_schema_version(void **state)
{
	fixture *f = *state;
	make_db(f->db, 3);
	store *s = teststore_open(f->db);
	assert_int_equal(count_ok(s), 3);
	store_referral got;
	store_err err = {0};
	assert_int_equal(store_referral_get(s, 3, &got, &err), 0);
	assert_int_equal(got.created_at, 1700000002);
	store_referral_clear(&got);
	store_close(s);
	sqlite3 *db = teststore_db(f->db);
	assert_int_equal(teststore_db_int(db, "PRAGMA user_version"), store_schema_version());
	assert_int_equal(teststore_db_int(db, "SELECT count(*) FROM sqlite_schema"
				    " WHERE sql LIKE '%STRICT'"), 7);
	/* referral, history, djg_score, draft, erasure, sync_state, sync_refused */
	sqlite3_close(db);
}

static void committed_insert_survives_crash_before_checkpoint(void **state)
{
	fixture *f = *state;
	char *wal = sidecar(f, "-wal");
	assert_int_equal(in_child(false, child_insert_and_crash, f->db), 0);
	struct stat st;
	assert_int_equal(stat(wal, &st), 0);
	assert_true(st.st_size > 0); /* the record is only in the WAL */
	store *s = teststore_open(f->db);
	assert_int_equal(count_ok(s), 1);
	store_referral got;
	store_err err = {0};
	assert_int_equal(store_referral_get(s, 1, &got, &err), 0);
	assert_int_equal(got.created_at, 1700000007);
	store_referral_clear(&got);
	store_close(s);
	free(wal);
}

static void random_bytes_file_is_refused_untouched(void **state)
{
	fixture *f = *state;
	unsigned char junk[8192];
	assert_int_equal(getrandom(junk, sizeof junk, 0), (ssize_t)sizeof junk);
	testdir_write(f->db, (const char *)junk, sizeof junk);
	snapshot before = snap(f->db);
	assert_open_fails(f->db, STORE_ERR_CORRUPT,
			  "Dit is geen infokaart-database of het bestand is beschadigd; "
			  "het is niet aangeraakt.");
	assert_unchanged(&before, f->db);
	char *wal = sidecar(f, "-wal"), *shm = sidecar(f, "-shm"), *jrn = sidecar(f, "-journal");
	assert_false(exists(wal) || exists(shm) || exists(jrn));
	free(wal);
	free(shm);
	free(jrn);
}

static void damaged_database_is_refused_untouched(void **state)
{
	fixture *f = *state;
	make_db(f->db, 5);
	sqlite3 *db = teststore_db(f->db);
	int64_t page = teststore_db_int(db, "PRAGMA page_size");
	int64_t root = teststore_db_int(db, "SELECT rootpage FROM sqlite_schema WHERE name = 'referral'");
	sqlite3_close(db);
	/* Spoil the referral table's page header; the file header stays valid. */
	int fd = open(f->db, O_WRONLY);
	assert_true(fd >= 0);
	static const unsigned char bad[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	assert_int_equal(pwrite(fd, bad, sizeof bad, (root - 1) * page), (ssize_t)sizeof bad);
	assert_int_equal(close(fd), 0);
	snapshot before = snap(f->db);
	assert_open_fails(f->db, STORE_ERR_CORRUPT, "Dit is geen infokaart-database");
	assert_unchanged(&before, f->db);
}

static void other_programs_database_is_refused_untouched(void **state)
{
	fixture *f = *state;
	static const char *const setups[] = {
		"CREATE TABLE patient (name TEXT)", /* no ids at all */
		"CREATE TABLE patient (name TEXT); PRAGMA application_id = 42",
	};
	for (size_t i = 0; i < ARRAY_LEN(setups); i++) {
		unlink(f->db);
		sqlite3 *db = NULL;
		assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
		teststore_db_exec(db, setups[i]);
		sqlite3_close(db);
		snapshot before = snap(f->db);
		assert_open_fails(f->db, STORE_ERR_CORRUPT, "Dit is geen infokaart-database");
		assert_unchanged(&before, f->db);
	}
}

static void newer_schema_is_refused_untouched(void **state)
{
	fixture *f = *state;
	make_db(f->db, 1);
	sqlite3 *db = teststore_db(f->db);
	teststore_db_exec(db, "PRAGMA user_version = 99");
	sqlite3_close(db);
	snapshot before = snap(f->db);
	assert_open_fails(f->db, STORE_ERR_TOO_NEW,
			  "Deze database is gemaakt door een nieuwere versie van infokaart; "
			  "het bestand is niet aangeraakt.");
	assert_unchanged(&before, f->db);
	char *wal = sidecar(f, "-wal");
	assert_false(exists(wal));
	free(wal);
}

/* The newer version sits only in the WAL, so the header looks current: the read-only
 * connection must find it without checkpointing anything. */
static void newer_schema_in_wal_is_refused_untouched(void **state)
{
	fixture *f = *state;
	make_db(f->db, 1);
	sqlite3 *db = teststore_db(f->db);
	assert_int_equal(sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL),
			 SQLITE_OK);
	teststore_db_exec(db, "PRAGMA user_version = 99");
	sqlite3_close(db);
	char *wal = sidecar(f, "-wal");
	snapshot before = snap(f->db), wal_before = snap(wal);
	assert_true(wal_before.len > 0);
	assert_open_fails(f->db, STORE_ERR_TOO_NEW, "Deze database is gemaakt door een nieuwere");
	assert_unchanged(&before, f->db);
	assert_unchanged(&wal_before, wal);
	free(wal);
}

/* A database (mode file_mode, in its folder with dir_mode) that the child may not write is
 * refused as read-only; root drops to nobody for it (where chmod stops nothing). */
static void assert_readonly_refused(fixture *f, mode_t file_mode, mode_t dir_mode)
{
	make_db(f->db, 1);
	assert_int_equal(chmod(f->db, file_mode), 0);
	assert_int_equal(chmod(f->dir, dir_mode), 0);
	int rc = in_child(geteuid() == 0, child_expects_readonly, f->db);
	assert_int_equal(chmod(f->dir, 0700), 0);
	if (rc == SKIP_EXIT) {
		print_message("root could not become nobody or reach $TMPDIR: no read-only test\n");
		skip();
	}
	assert_int_equal(rc, 0);
}

static void readonly_file_is_refused(void **state)
{
	fixture *f = *state;
	/* Only the file forbids writing: nobody may write the folder. */
	assert_readonly_refused(f, 0444, geteuid() == 0 ? 0777 : 0700);
	char *wal = sidecar(f, "-wal");
	assert_false(exists(wal)); /* refused before SQLite could leave a -wal behind */
	free(wal);
}

static void readonly_folder_is_refused(void **state)
{
	assert_readonly_refused(*state, 0666, 0555); /* SQLite cannot create -wal and -shm here */
}

/* --- tests: failures while writing --- */

static void full_disk_fails_insert_without_half_write(void **state)
{
	fixture *f = *state;
	char *wal = sidecar(f, "-wal");
	store *s = teststore_open(f->db);
	struct stat st;
	assert_int_equal(stat(wal, &st), 0);
	wal_limit = st.st_size + 100 * 1024; /* room for a few referrals */
	store_err err = {0};
	int64_t done = 0;
	int rc = 0;
	for (int i = 0; i < 1000 && rc == 0; i++) {
		store_referral r = sample(i);
		r.id = -7;
		rc = store_referral_insert(s, &r, &err);
		if (rc == 0)
			done++;
		else
			assert_int_equal(r.id, -7);
	}
	wal_limit = -1;
	assert_int_equal(rc, -1);
	assert_true(done > 0);
	assert_err(&err, STORE_ERR_FULL, "De schijf is vol. De verwijzing is niet vastgelegd.");
	close_consistent(s, f->db, done);
	free(wal);
}

static void insert_succeeds_again_when_space_returns(void **state)
{
	fixture *f = *state;
	store *s = teststore_open(f->db);
	store_referral r = sample(1), got;
	store_err err = {0};
	wal_limit = 0;
	int rc = store_referral_insert(s, &r, &err);
	wal_limit = -1;
	assert_int_equal(rc, -1);
	assert_int_equal(err.status, STORE_ERR_FULL);
	int64_t id = teststore_insert(s, &r); /* the same data, kept by the caller */
	assert_int_equal(store_referral_get(s, id, &got, &err), 0);
	assert_same_referral(&got, &r);
	store_referral_clear(&got);
	close_consistent(s, f->db, 1);
}

static void held_lock_reports_busy_after_timeout(void **state)
{
	fixture *f = *state;
	store *s = teststore_open(f->db);
	sqlite3 *db = teststore_db(f->db);
	teststore_db_exec(db, "BEGIN IMMEDIATE");
	store_referral r = sample(1);
	store_err err = {0};
	assert_int_equal(store_referral_insert(s, &r, &err), -1); /* after the 5 s busy timeout */
	assert_err(&err, STORE_ERR_BUSY, "De database is bezet");
	teststore_db_exec(db, "ROLLBACK");
	sqlite3_close(db);
	teststore_insert(s, &r);
	store_close(s);
}

/* --- tests: more than one writer --- */

static void two_connections_insert_alternately(void **state)
{
	fixture *f = *state;
	store *a = teststore_open(f->db), *b = teststore_open(f->db);
	for (int i = 0; i < 10; i++) {
		store_referral r = sample(i);
		teststore_insert(i % 2 ? b : a, &r);
	}
	assert_int_equal(count_ok(a), 10);
	assert_int_equal(count_ok(b), 10);
	store_close(a);
	store_close(b);
	assert_consistent(f->db, 10);
}

/* What the test binary does when run as "unit_store --open-close PATH". */
static int open_and_close(const char *path)
{
	store *s = NULL;
	store_err err = {0};
	if (store_open(path, &s, &err) != 0) {
		fprintf(stderr, "open: %s\n", err.msg);
		return 1;
	}
	store_close(s);
	return 0;
}

/* Runs open_and_close(path) in a new process. Not a plain fork: a child that inherits this
 * process's open connections also inherits SQLite's record of the locks they hold. */
static int in_fresh_process(const char *path)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		execl("/proc/self/exe", "unit_store", "--open-close", path, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* Opening a second store must not drop the first one's file locks (closing any descriptor of
 * a file drops all of a process's POSIX locks on it): else another program, closing, takes
 * itself for the last user and deletes the -wal and -shm that this process still writes. */
static void second_open_keeps_the_first_stores_locks(void **state)
{
	fixture *f = *state;
	char *wal = sidecar(f, "-wal");
	make_db(f->db, 1);
	store *a = teststore_open(f->db), *b = teststore_open(f->db);
	assert_int_equal(in_fresh_process(f->db), 0);
	assert_true(exists(wal));
	store_referral r = sample(2);
	teststore_insert(a, &r);
	store_close(a);
	store_close(b);
	store *s = teststore_open(f->db);
	assert_int_equal(count_ok(s), 2);
	store_close(s);
	free(wal);
}

/* Another program holds the write lock on a database still in rollback mode while store_open
 * switches it to WAL: SQLite answers that switch with SQLITE_BUSY at once, without its busy
 * handler, so store_open must wait by itself. */
static void open_waits_for_lock_while_switching_to_wal(void **state)
{
	fixture *f = *state;
	int ready[2];
	assert_int_equal(pipe(ready), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *db = NULL;
		int ok = sqlite3_open(f->db, &db) == SQLITE_OK &&
			 sqlite3_exec(db, "CREATE TABLE t (x); DROP TABLE t; BEGIN IMMEDIATE", NULL,
				      NULL, NULL) == SQLITE_OK;
		(void)!write(ready[1], "x", 1);
		usleep(300 * 1000);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(db);
		_exit(ok ? 0 : 1);
	}
	char c;
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	store *s = teststore_open(f->db);
	store_close(s);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void four_processes_insert_concurrently(void **state)
{
	fixture *f = *state;
	teststore_race(f->db, 4, child_insert_50);
	store *s = teststore_open(f->db);
	close_consistent(s, f->db, 200);
}

/* --- tests: case codes and small contracts --- */

static const char code_alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

static void case_code_has_three_dash_five_unambiguous_letters(void **state)
{
	bool seen[256] = {false};
	for (int n = 0; n < 1000; n++) {
		char code[16];
		memset(code, '#', sizeof code);
		store_new_case_code(code);
		assert_int_equal(strlen(code), 9);
		assert_int_equal(code[3], '-');
		for (int i = 0; i < 9; i++) {
			if (i == 3)
				continue;
			assert_non_null(strchr(code_alphabet, code[i]));
			seen[(unsigned char)code[i]] = true;
		}
	}
	for (const char *c = code_alphabet; *c; c++) /* 8000 draws reach every letter */
		assert_true(seen[(unsigned char)*c]);
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void thousand_case_codes_are_distinct(void **state)
{
	static char codes[1000][16];
	for (int i = 0; i < 1000; i++)
		store_new_case_code(codes[i]);
	qsort(codes, 1000, sizeof codes[0], cmp_code);
	for (int i = 1; i < 1000; i++)
		assert_string_not_equal(codes[i - 1], codes[i]);
}

static void close_accepts_null(void **state)
{
	store_close(NULL);
	store_referral_clear(NULL);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teststore_teardown)

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--open-close") == 0)
		return open_and_close(argv[2]);
	start_umask = umask(077);
	umask(start_umask);
	install_full_vfs();
	sqlite3_auto_extension((void (*)(void))remember_db);
	const struct CMUnitTest tests[] = {
		T(insert_then_get_round_trips_every_field),
		T(insert_then_get_keeps_null_note_and_no_consent),
		T(get_reports_missing_id_as_not_found),
		T(insert_writes_first_status_history_row),
		T(invalid_followup_date_is_rejected_whole),
		T(unterminated_field_is_rejected),
		T(failed_history_write_rolls_back_referral),
		T(new_file_is_0600_in_new_0700_folders),
		T(wal_and_shm_files_are_0600),
		T(open_sets_durability_pragmas),
		T(reopen_keeps_data_and_schema_version),
		T(committed_insert_survives_crash_before_checkpoint),
		T(random_bytes_file_is_refused_untouched),
		T(damaged_database_is_refused_untouched),
		T(other_programs_database_is_refused_untouched),
		T(newer_schema_is_refused_untouched),
		T(newer_schema_in_wal_is_refused_untouched),
		T(readonly_file_is_refused),
		T(readonly_folder_is_refused),
		T(full_disk_fails_insert_without_half_write),
		T(insert_succeeds_again_when_space_returns),
		T(held_lock_reports_busy_after_timeout),
		T(two_connections_insert_alternately),
		T(second_open_keeps_the_first_stores_locks),
		T(open_waits_for_lock_while_switching_to_wal),
		T(four_processes_insert_concurrently),
		T(case_code_has_three_dash_five_unambiguous_letters),
		T(thousand_case_codes_are_distinct),
		T(close_accepts_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
