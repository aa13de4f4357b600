/* walk.c: the shared part of the infokaart end-to-end tests (see walk.h): the temporary world
 * of one test, starting the program on a terminal, waits that fail with the screen shown, keys
 * written as words, and looking at rows and their attributes. The content, the walks, the
 * database and pipes are in walk_content.c, walk_screen.c, walk_db.c and walk_pipe.c.
 * Test code: a failure fails the running cmocka test at the caller's line. */
#include "walk_internal.h"

#include "testdir.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *walk_program;

static char *xasprintf_or_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf_or_die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	return s;
}

long long walk_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool walk_init(int argc, char **argv)
{
	static char program[4096];
	const char *arg = argc > 1 ? argv[1] : getenv("INFOKAART_EXE");
	const char *content = getenv("INFOKAART_CONTENT");
	if (!arg || !content || !realpath(arg, program)) {
		fputs("Bail out! usage: INFOKAART_CONTENT=DIR e2e_test INFOKAART\n", stdout);
		return false;
	}
	walk_program = program; /* absolute: a test may start it from elsewhere */
	if (!walk_content_load(content)) {
		printf("Bail out! cannot read the content in %s\n", content);
		return false;
	}
	signal(SIGPIPE, SIG_IGN); /* a child that stops reading must not kill the test */
	return true;
}

void walk_done(void)
{
	walk_content_free();
}

int walk_setup(void **state)
{
	walk_ctx *w = walk_ctx_new();
	w->arg = *state;
	*state = w;
	return 0;
}

int walk_teardown(void **state)
{
	walk_ctx_free(*state);
	return 0;
}

int walk_main(int argc, char **argv, const struct CMUnitTest *tests, size_t n,
              int (*group_setup)(void **), int (*group_teardown)(void **))
{
	if (!walk_init(argc, argv))
		return 1;
	int rc = _cmocka_run_group_tests("tests", tests, n, group_setup, group_teardown);
	walk_done();
	return rc;
}

void walk_ctx_setenv(walk_ctx *w, const char *name, const char *value)
{
	size_t nl = strlen(name);
	char *entry = xasprintf_or_die("%s=%s", name, value);
	for (int i = 0; i < w->nenv; i++)
		if (strncmp(w->env[i], name, nl) == 0 && w->env[i][nl] == '=') {
			free(w->env[i]);
			w->env[i] = entry;
			return;
		}
	assert_true(w->nenv + 1 < (int)(sizeof w->env / sizeof w->env[0]));
	w->env[w->nenv++] = entry;
	w->env[w->nenv] = NULL;
}

void walk_ctx_set_db(walk_ctx *w, const char *path)
{
	snprintf(w->db, sizeof w->db, "%s", path);
	walk_ctx_setenv(w, "INFOKAART_DB", path);
}

walk_ctx *walk_ctx_new(void)
{
	walk_ctx *w = calloc(1, sizeof *w);
	assert_non_null(w);
	char *dir = testdir_make();
	assert_non_null(dir);
	snprintf(w->dir, sizeof w->dir, "%s", dir);
	free(dir);
	char db[sizeof w->db];
	snprintf(db, sizeof db, "%s/t.db", w->dir);
	walk_ctx_set_db(w, db);
	walk_ctx_setenv(w, "INFOKAART_NOW", WALK_NOW);
	walk_ctx_setenv(w, "ESCDELAY", "25");
	walk_ctx_setenv(w, "LC_ALL", "C.UTF-8");
	walk_ctx_setenv(w, "INFOKAART_CONTENT", walk_content_dir());
	walk_ctx_setenv(w, "HOME", w->dir);
	walk_ctx_setenv(w, "XDG_DATA_HOME", w->dir);
	walk_ctx_setenv(w, "XDG_CONFIG_HOME", w->dir); /* no user settings (kiosk mode and such) */
	walk_ctx_setenv(w, "NO_COLOR", "");
	walk_ctx_setenv(w, "LANG", "");
	walk_ctx_setenv(w, "LANGUAGE", "");
	walk_ctx_setenv(w, "LC_MESSAGES", "");
	return w;
}

void walk_ctx_free(walk_ctx *w)
{
	if (!w)
		return;
	term_free(w->t);
	if (w->dir[0])
		testdir_clear(w->dir);
	for (int i = 0; i < w->nenv; i++)
		free(w->env[i]);
	free(w);
}

void walk_argv(const char *const args[], char *argv[WALK_MAX_ARGS])
{
	int n = 0;
	argv[n++] = (char *)walk_program;
	for (int i = 0; args && args[i]; i++) {
		assert_true(n + 1 < WALK_MAX_ARGS);
		argv[n++] = (char *)args[i];
	}
	argv[n] = NULL;
}

term *walk_spawn(walk_ctx *w, int rows, int cols, const char *const args[])
{
	char *argv[WALK_MAX_ARGS];
	walk_argv(args, argv);
	term_free(w->t);
	w->t = term_spawn(argv, w->env, rows, cols);
	assert_non_null(w->t);
	return w->t;
}

/* --- waiting and looking --- */

void walk_expect(term *t, const char *needle, bool present, const char *file, int line)
{
	if (present ? term_wait_text(t, needle, WALK_WAIT_MS)
	            : term_wait_gone(t, needle, WALK_WAIT_MS))
		return;
	term_dump(t, stderr);
	print_error("\"%s\" %s within %d ms\n", needle, present ? "did not appear" : "did not go",
	            WALK_WAIT_MS);
	_fail(file, line);
}

void walk_expect_absent(term *t, const char *needle, const char *file, int line)
{
	char *screen = term_screen(t);
	bool there = strstr(screen, needle) != NULL;
	free(screen);
	if (!there)
		return;
	term_dump(t, stderr);
	print_error("\"%s\" is on the screen\n", needle);
	_fail(file, line);
}

void walk_expect_exit(term *t, int status, const char *file, int line)
{
	int got = term_wait_exit(t, WALK_WAIT_MS);
	char *screen = term_screen(t);
	bool sanitizer = strstr(screen, "Sanitizer") || strstr(screen, "runtime error");
	free(screen);
	if (got == status && !sanitizer)
		return;
	term_dump(t, stderr);
	if (sanitizer)
		print_error("a sanitizer reported on the screen\n");
	else
		print_error("exit status %d, expected %d\n", got, status);
	_fail(file, line);
}

void walk_expect_quit(term *t, const char *keys, const char *file, int line)
{
	walk_keys(t, keys);
	walk_expect_exit(t, 0, file, line);
}

void walk_stop_and_confirm(term *t, const char *file, int line)
{
	walk_keys(t, "q");
	walk_expect(t, "Wilt u stoppen?", true, file, line);
	walk_expect_quit(t, "j", file, line);
}

void walk_keys(term *t, const char *keys)
{
	char word[64];
	const char *p = keys;
	while (*p) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (!n)
			break;
		assert_true(n < sizeof word);
		memcpy(word, p, n);
		word[n] = '\0';
		p += n;
		/* a single character (or one UTF-8 character) is typed; longer words are key names
		 */
		if (n == 1 || (unsigned char)word[0] >= 0x80)
			term_send(t, word);
		else
			term_key(t, word);
	}
}

void walk_row_text(term *t, int row, char *out, size_t n)
{
	char *screen = term_screen(t);
	const char *p = screen;
	for (int r = 0; r < row && p; r++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	size_t len = p ? strcspn(p, "\n") : 0;
	if (len >= n)
		len = n - 1;
	memcpy(out, p ? p : "", len);
	out[len] = '\0';
	free(screen);
}

void walk_expect_attr(term *t, int row, int col, int want, const char *file, int line)
{
	long long deadline = walk_now_ms() + WALK_WAIT_MS;
	int got;
	while ((got = term_attr_at(t, row, col)) != want && walk_now_ms() < deadline)
		if (!term_wait_text(t, "\x01", 20) && term_wait_exit(t, 0) >= 0)
			break; /* "\x01" is never on screen: this reads output for 20 ms */
	if (got == want)
		return;
	term_dump(t, stderr);
	print_error("attributes at row %d col %d are %d, expected %d\n", row, col, got, want);
	_fail(file, line);
}

int walk_find_row(term *t, const char *needle)
{
	for (int row = 0; row < 200; row++) {
		if (term_attr_at(t, row, 0) < 0)
			return -1;
		if (term_row_contains(t, row, needle))
			return row;
	}
	return -1;
}

int walk_expect_selected(term *t, const char *needle, int col, const char *file, int line)
{
	long long deadline = walk_now_ms() + WALK_WAIT_MS;
	for (;;) {
		int row = walk_find_row(t, needle);
		if (row >= 0 && term_attr_at(t, row, col) & (TERM_ATTR_REVERSE | TERM_ATTR_FG))
			return row;
		if (walk_now_ms() >= deadline)
			break;
		/* read output for a moment: "\x01" is never on screen, so this waits 20 ms, or
		 * returns at once when the program has ended */
		if (!term_wait_text(t, "\x01", 20) && term_wait_exit(t, 0) >= 0)
			break;
	}
	term_dump(t, stderr);
	print_error("the row with \"%s\" was not highlighted within %d ms\n", needle, WALK_WAIT_MS);
	_fail(file, line);
	return -1;
}

void walk_expect_in(const char *out, const char *needle, bool present, const char *file, int line)
{
	if ((out && strstr(out, needle)) == present)
		return;
	print_error("%s\n\"%s\" is %s the output above\n", out ? out : "(no output)", needle,
	            present ? "not in" : "in");
	_fail(file, line);
}
