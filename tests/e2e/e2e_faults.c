/* e2e_faults.c: what the user sees when the records database cannot take a referral. A full
 * disk (a small tmpfs, filled up, in a mount namespace of this test's own), a database the
 * user may read but not write (the program run as nobody), and a file that is not ours (text,
 * random bytes, another program's SQLite, a truncated or damaged infokaart database, a newer
 * schema). Each time the program says so in plain words, keeps the answers on the form, lets
 * the user retry, never shows "Vastgelegd" for what was not stored, and leaves a foreign file
 * byte for byte as it was. Tests that need root or namespaces skip without them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kill_check.h"
#include "plain_session.h"
#include "testdir.h"
#include "walk.h"

/* walk_teardown, after the disk-full tests' tmpfs (if any) is gone. */
static int teardown(void **state)
{
	walk_ctx *w = *state;
	char mnt[600];
	snprintf(mnt, sizeof mnt, "%s/full", w->dir);
	umount2(mnt, MNT_DETACH);
	return walk_teardown(state);
}

/* One walk with --plain: the database then exists and holds one referral. */
static void record_one(walk_ctx *w)
{
	char *input = walk_plain_input(&walk_winkel), *out, *err;
	assert_int_equal(walk_run_piped(w, (const char *const[]){"--plain", NULL}, input, &out, &err), 0);
	assert_non_null(strstr(out, "Vastgelegd. Casuscode: "));
	free(input);
	free(out);
	free(err);
}

/* On screen: the whole walk, and Enter on [ Vastleggen ]. With argv_prefix, the program
 * (program, or walk_program when NULL) is started through it. */
static term *walk_to_storing(walk_ctx *w, char *const argv_prefix[], const char *program,
                             char *activity, size_t an)
{
	if (argv_prefix) {
		char *argv[8];
		int n = 0;
		for (; argv_prefix[n]; n++)
			argv[n] = argv_prefix[n];
		argv[n++] = (char *)(program ? program : walk_program);
		argv[n] = NULL;
		term_free(w->t);
		w->t = term_spawn(argv, w->env, 24, 80);
		assert_non_null(w->t);
	} else {
		walk_spawn(w, 24, 80, NULL);
	}
	walk_questions(w->t, &walk_huisarts);
	walk_choose(w->t, &walk_huisarts, activity, an);
	walk_record_form(w->t, &walk_huisarts);
	return w->t;
}

/* The refusal on screen: the reason in words, the form still filled in, no "Vastgelegd." */
static void expect_refused_on_form(term *t, const char *reason)
{
	EXPECT_TEXT(t, "Niet vastgelegd");
	EXPECT_TEXT(t, reason);
	EXPECT_TEXT(t, "[ Vastleggen ]");
	EXPECT_TEXT(t, "(•) ja");
	EXPECT_TEXT(t, "(•) mondeling");
	EXPECT_TEXT(t, "Notitie (optioneel):    belt zelf na");
	EXPECT_GONE(t, "Vastgelegd.");
}

/* Tries [ Vastleggen ] again and waits for the refusal: Down clears the message (any key
 * does) and moves off the button, Up comes back, Enter stores. */
static void retry_refused(term *t, const char *reason)
{
	walk_keys(t, "Down");
	EXPECT_GONE(t, "Niet vastgelegd");
	walk_keys(t, "Up Enter");
	expect_refused_on_form(t, reason);
}

/* --- disk full --- */

/* A mount namespace of this process (and its children): as root, or else as root of a new
 * user namespace. The tmpfs mounted there vanishes with the process. */
static bool own_mount_namespace(void)
{
	static int done; /* 1 yes, -1 no */
	if (done)
		return done > 0;
	done = -1;
	uid_t uid = geteuid();
	gid_t gid = getegid();
	if (uid != 0 && unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0) {
		char map[64];
		int fd = open("/proc/self/setgroups", O_WRONLY);
		if (fd >= 0) {
			ssize_t ignored = write(fd, "deny", 4);
			(void)ignored;
			close(fd);
		}
		snprintf(map, sizeof map, "0 %u 1", (unsigned)uid);
		fd = open("/proc/self/uid_map", O_WRONLY);
		bool ok = fd >= 0 && write(fd, map, strlen(map)) > 0;
		if (fd >= 0)
			close(fd);
		snprintf(map, sizeof map, "0 %u 1", (unsigned)gid);
		fd = open("/proc/self/gid_map", O_WRONLY);
		ok = ok && fd >= 0 && write(fd, map, strlen(map)) > 0;
		if (fd >= 0)
			close(fd);
		if (!ok)
			return false;
	} else if (uid != 0 || unshare(CLONE_NEWNS) != 0) {
		return false;
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
		return false;
	done = 1;
	return true;
}

/* A 1 MB tmpfs at dir/full holding the database, one referral recorded in it; then a file
 * fills every block that is left. Writes the filler's path into filler. False (the test
 * skips) when no tmpfs can be mounted here. */
static bool full_disk(walk_ctx *w, char *filler, size_t n)
{
	char mnt[600], db[700];
	snprintf(mnt, sizeof mnt, "%s/full", w->dir);
	assert_int_equal(mkdir(mnt, 0700), 0);
	if (!own_mount_namespace() || mount("tmpfs", mnt, "tmpfs", 0, "size=1m,mode=0700") != 0) {
		printf("# no tmpfs can be mounted here (%s): the disk-full test skips\n", strerror(errno));
		return false;
	}
	snprintf(db, sizeof db, "%s/t.db", mnt);
	walk_ctx_set_db(w, db);
	record_one(w);
	snprintf(filler, n, "%s/filler", mnt);
	int fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	static const char block[4096];
	while (write(fd, block, sizeof block) > 0)
		;
	assert_int_equal(errno, ENOSPC);
	while (write(fd, block, 1) > 0) /* the last bytes of a partly used block */
		;
	close(fd);
	return true;
}

static void disk_full_on_screen_says_so_keeps_the_answers_and_stores_after_space_is_made(void **state)
{
	walk_ctx *w = *state;
	char filler[700], activity[200], code[32];
	if (!full_disk(w, filler, sizeof filler))
		skip();
	term *t = walk_to_storing(w, NULL, NULL, activity, sizeof activity);
	expect_refused_on_form(t, "De schijf is vol.");
	retry_refused(t, "De schijf is vol."); /* still full: refused again */

	assert_int_equal(unlink(filler), 0); /* space is made: the same answers are stored */
	walk_keys(t, "Enter");
	walk_expect_done(t, &walk_huisarts, code, sizeof code);
	walk_check_last_record(w->db, 2, &walk_huisarts, activity, code);
	char codes[1][16];
	snprintf(codes[0], sizeof codes[0], "%.15s", code);
	assert_int_equal(kill_check_db(w->db, codes, 1), 2);
	EXPECT_QUIT(t, "q");
}

static void disk_full_in_plain_mode_says_so_and_a_retry_stores_after_space_is_made(void **state)
{
	walk_ctx *w = *state;
	char filler[700];
	if (!full_disk(w, filler, sizeof filler))
		skip();
	char *script = walk_plain_input(&walk_huisarts);
	psess *p = psess_start(w, NULL, script);
	free(script);
	p->hold = true;
	static const char retry[] = "Enter = opnieuw proberen, q = stoppen zonder vastleggen.\n> ";
	assert_true(psess_wait_text(p, 0, retry, WALK_WAIT_MS));
	assert_non_null(strstr(p->text, "Niet vastgelegd: De schijf is vol."));
	assert_non_null(strstr(p->text, "Uw antwoorden zijn bewaard."));
	size_t first = p->len;
	psess_say(p, ""); /* retry, still full */
	assert_true(psess_wait_text(p, first, retry, WALK_WAIT_MS));
	assert_non_null(strstr(p->text + first, "Niet vastgelegd: De schijf is vol."));
	assert_null(strstr(p->text, "Vastgelegd."));
	assert_int_equal(unlink(filler), 0);
	psess_say(p, "");
	close(p->in);
	p->in = -1;
	assert_int_equal(psess_wait(p, WALK_WAIT_MS), 0);
	char codes[1][16];
	assert_int_equal(psess_codes(p, codes, 1), 1);
	assert_int_equal(kill_check_db(w->db, codes, 1), 2);
	psess_free(p);
}

/* --- the message itself --- */

/* However long the database's own detail, the user reads that the answers are kept and that
 * Enter tries again, in an 80×24 terminal. */
static void a_refusal_says_the_answers_are_kept_and_how_to_retry(void **state)
{
	walk_ctx *w = *state;
	char file[600], db[700], activity[200];
	snprintf(file, sizeof file, "%s/file", w->dir);
	testdir_write(file, "not a folder\n", 13);
	snprintf(db, sizeof db, "%s/t.db", file);
	walk_ctx_set_db(w, db); /* under a regular file: cannot be made */
	term *t = walk_to_storing(w, NULL, NULL, activity, sizeof activity);
	expect_refused_on_form(t, "kan niet worden geopend of aangemaakt");
	EXPECT_TEXT(t, "Uw antwoorden zijn bewaard");
	EXPECT_TEXT(t, "Enter");
	EXPECT_TEXT(t, "opnieuw te proberen");
}

/* --- read-only --- */

/* The program as user nobody on a database owned by root with mode 0644, in a folder nobody
 * may not write: it can read the file, not write it. */
static void read_only_database_says_so_keeps_the_answers_and_stores_once_writable(void **state)
{
	walk_ctx *w = *state;
	if (geteuid() != 0 || access("/usr/bin/setpriv", X_OK) != 0) {
		printf("# not root, or no setpriv: the read-only test skips\n");
		skip();
	}
	record_one(w);
	assert_int_equal(chmod(w->dir, 0755), 0);
	assert_int_equal(chmod(w->db, 0644), 0);
	/* nobody may not reach the build folder (a clone in a private temporary folder): the
	 * program and its content go beside the database */
	char program[700], content[700];
	snprintf(program, sizeof program, "%s/infokaart", w->dir);
	testdir_copy_file(walk_program, program);
	assert_int_equal(chmod(program, 0755), 0);
	snprintf(content, sizeof content, "%s/content", w->dir);
	assert_int_equal(mkdir(content, 0755), 0);
	static const char *const files[] = {"infokaart.json", "crisis.json", "profiles.json",
	                                    "activities.json", "djg6.json"};
	for (int i = 0; i < 5; i++) {
		char from[800], to[800];
		snprintf(from, sizeof from, "%s/%s", getenv("INFOKAART_CONTENT"), files[i]);
		snprintf(to, sizeof to, "%s/%s", content, files[i]);
		testdir_copy_file(from, to);
		assert_int_equal(chmod(to, 0644), 0);
	}
	walk_ctx_setenv(w, "INFOKAART_CONTENT", content);
	char probe[1600];
	snprintf(probe, sizeof probe, "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups "
	                              "/bin/sh -c 'test -x \"%s\" && test -r \"%s\"'", program, w->db);
	if (system(probe) != 0) {
		printf("# user nobody cannot reach %s (a private TMPDIR?): the read-only test skips\n", w->dir);
		skip();
	}
	size_t before_len;
	char *before = testdir_read(w->db, &before_len);
	char *const as_nobody[] = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
	                           "--clear-groups", NULL};
	char activity[200], code[32];
	term *t = walk_to_storing(w, as_nobody, program, activity, sizeof activity);
	expect_refused_on_form(t, "kan niet worden beschreven");
	retry_refused(t, "kan niet worden beschreven");
	size_t after_len;
	char *after = testdir_read(w->db, &after_len);
	assert_memory_equal(before, after, before_len < after_len ? after_len : before_len);
	free(before);
	free(after);
	char wal[800];
	snprintf(wal, sizeof wal, "%s-wal", w->db);
	assert_int_not_equal(access(wal, F_OK), 0); /* nothing left beside it */

	/* made writable for nobody: the same answers are stored on the next Enter */
	assert_int_equal(chown(w->dir, 65534, 65534), 0);
	assert_int_equal(chown(w->db, 65534, 65534), 0);
	walk_keys(t, "Enter");
	walk_expect_done(t, &walk_huisarts, code, sizeof code);
	walk_check_last_record(w->db, 2, &walk_huisarts, activity, code);
	EXPECT_QUIT(t, "q");
}

/* --- files that are not ours --- */

typedef enum { F_TEXT, F_RANDOM, F_OTHER_SQLITE, F_TRUNCATED, F_DAMAGED, F_NEWER } foreign_kind;

static const char *const foreign_names[] = {"a text file", "random bytes", "another program's SQLite",
                                            "a truncated infokaart database",
                                            "an infokaart database with a damaged page",
                                            "a database of a newer infokaart"};

static void sql(const char *db, const char *text)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(h, text, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", text, msg);
	sqlite3_close(h);
}

/* Makes w->db one of the foreign kinds. */
static void make_foreign(walk_ctx *w, foreign_kind k)
{
	size_t n;
	char *bytes;
	switch (k) {
	case F_TEXT:
		testdir_write(w->db, "Boodschappen: melk, brood, kaas.\n", 33);
		break;
	case F_RANDOM:
		bytes = malloc(8192);
		assert_non_null(bytes);
		for (int i = 0; i < 8192; i++)
			bytes[i] = (char)(rand() & 0xff);
		testdir_write(w->db, bytes, 8192);
		free(bytes);
		break;
	case F_OTHER_SQLITE:
		sql(w->db, "CREATE TABLE recipe (name TEXT, minutes INTEGER);"
		           "INSERT INTO recipe VALUES ('stamppot', 40);");
		break;
	case F_TRUNCATED:
	case F_DAMAGED:
		record_one(w);
		record_one(w);
		sql(w->db, "PRAGMA journal_mode = DELETE"); /* one file holds everything */
		bytes = testdir_read(w->db, &n);
		assert_true(n >= 4 * 4096);
		if (k == F_TRUNCATED) {
			testdir_write(w->db, bytes, n / 2);
		} else {
			for (size_t i = 4096 + 100; i < 3 * 4096; i++) /* pages 2 and 3 */
				bytes[i] = (char)(i * 7 + 3);
			testdir_write(w->db, bytes, n);
		}
		free(bytes);
		break;
	case F_NEWER:
		record_one(w);
		sql(w->db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
		break;
	}
}

/* The file byte for byte as it was, with nothing left beside it. */
static void check_untouched(walk_ctx *w, foreign_kind k, const char *before, size_t before_len)
{
	size_t after_len;
	char *after = testdir_read(w->db, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	free(after);
	static const char *const beside[] = {"-wal", "-shm", "-journal"};
	for (int i = 0; i < 3; i++) {
		char path[800];
		snprintf(path, sizeof path, "%s%s", w->db, beside[i]);
		if (access(path, F_OK) == 0)
			fail_msg("%s: %s was left beside it", foreign_names[k], beside[i]);
	}
}

/* The message for each kind, and the file untouched. */
static void check_foreign(walk_ctx *w, foreign_kind k, const char *got, const char *before,
                          size_t before_len)
{
	const char *want = k == F_NEWER ? "nieuwere versie van infokaart"
	                                : "Dit is geen infokaart-database of het bestand is beschadigd";
	if (!strstr(got, want) || !strstr(got, "niet aangeraakt")) {
		print_error("%s\n", got);
		fail_msg("%s: no clear message", foreign_names[k]);
	}
	check_untouched(w, k, before, before_len);
}

/* Each kind of foreign file, with --plain (the walk, then "q" at the retry) and with a
 * records command (followups): a clear message, exit status not 0 for the command, and the
 * file untouched. */
static void foreign_or_damaged_files_get_a_clear_message_and_are_left_untouched(void **state)
{
	walk_ctx *w = *state;
	for (foreign_kind k = F_TEXT; k <= F_NEWER; k++) {
		unlink(w->db);
		make_foreign(w, k);
		size_t len;
		char *before = testdir_read(w->db, &len);
		char *script = walk_plain_input(&walk_huisarts);
		char *input = malloc(strlen(script) + 3);
		assert_non_null(input);
		sprintf(input, "%sq\n", script);
		char *out, *err;
		int status = walk_run_piped(w, (const char *const[]){"--plain", NULL}, input, &out, &err);
		assert_null(strstr(out, "Vastgelegd."));
		assert_non_null(strstr(out, "Niet vastgelegd: "));
		assert_int_not_equal(status, 0);
		check_foreign(w, k, out, before, len);
		free(out);
		free(err);
		status = walk_run_piped(w, (const char *const[]){"followups", NULL}, "", &out, &err);
		assert_int_not_equal(status, 0);
		check_foreign(w, k, err, before, len);
		printf("# %s: --plain and followups refuse it with a clear message; file unchanged\n",
		       foreign_names[k]);
		free(out);
		free(err);
		free(script);
		free(input);
		free(before);
	}
}

/* On screen, once: the message on the record form, the answers kept. */
static void a_foreign_file_on_screen_is_refused_on_the_form_and_left_untouched(void **state)
{
	walk_ctx *w = *state;
	make_foreign(w, F_OTHER_SQLITE);
	size_t len;
	char *before = testdir_read(w->db, &len);
	char activity[200];
	term *t = walk_to_storing(w, NULL, NULL, activity, sizeof activity);
	expect_refused_on_form(t, "Dit is geen infokaart-database");
	STOP_AND_CONFIRM(t);
	check_untouched(w, F_OTHER_SQLITE, before, len);
	free(before);
}

int main(int argc, char **argv)
{
#define T(name) cmocka_unit_test_setup_teardown(name, walk_setup, teardown)
	const struct CMUnitTest tests[] = {
		T(disk_full_on_screen_says_so_keeps_the_answers_and_stores_after_space_is_made),
		T(disk_full_in_plain_mode_says_so_and_a_retry_stores_after_space_is_made),
		T(a_refusal_says_the_answers_are_kept_and_how_to_retry),
		T(read_only_database_says_so_keeps_the_answers_and_stores_once_writable),
		T(foreign_or_damaged_files_get_a_clear_message_and_are_left_untouched),
		T(a_foreign_file_on_screen_is_refused_on_the_form_and_left_untouched),
	};
#undef T
	return WALK_RUN(argc, argv, tests);
}
