/* term_selftest.c: proves the e2e terminal (term.h) works, without infokaart: a shell for
 * text, input, exit codes and terminal queries, and fixture_curses (path in argv[1] or
 * $E2E_FIXTURE) for curses drawing, attributes, keys and resizes. Every wait has a deadline;
 * a failed wait prints the screen. A frame may arrive in several writes, so before looking at
 * a screen the tests wait for the last thing its frame draws. */
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

#include "term.h"

enum { WAIT_MS = 5000 };

static const char *fixture_path;

/* The fixture needs a UTF-8 locale whoever runs us, and a short ESCDELAY for "Esc". */
static char *const fixture_env[] = {"LC_ALL=C.UTF-8", "ESCDELAY=25", NULL};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for needle (to appear, or to go) or fails the test at the caller's line, showing the
 * screen. */
#define EXPECT_TEXT(t, needle) expect_screen((t), (needle), true, __FILE__, __LINE__)
#define EXPECT_GONE(t, needle) expect_screen((t), (needle), false, __FILE__, __LINE__)

static void expect_screen(term *t, const char *needle, bool present, const char *file, int line)
{
	if (present ? term_wait_text(t, needle, WAIT_MS) : term_wait_gone(t, needle, WAIT_MS))
		return;
	term_dump(t, stderr);
	print_error("\"%s\" %s within %d ms\n", needle, present ? "did not appear" : "did not go",
	            WAIT_MS);
	_fail(file, line);
}

/* Starts /bin/sh -c script in a 24x80 terminal; the teardown frees it. */
static term *spawn_sh(void **state, const char *script, char *const extra_env[])
{
	char *const argv[] = {"/bin/sh", "-c", (char *)script, NULL};
	term *t = term_spawn(argv, extra_env, 24, 80);
	assert_non_null(t);
	*state = t;
	return t;
}

static term *spawn_fixture(void **state, int rows, int cols)
{
	char *const argv[] = {(char *)fixture_path, NULL};
	term *t = term_spawn(argv, fixture_env, rows, cols);
	assert_non_null(t);
	*state = t;
	EXPECT_TEXT(t, "漢字|"); /* the last row the fixture draws: the frame is complete */
	return t;
}

static int free_term(void **state)
{
	term_free(*state);
	*state = NULL;
	return 0;
}

static void shell_reads_a_line_and_prints_utf8(void **state)
{
	term *t = spawn_sh(state, "printf \"héllo ĳs Één\\n\"; read x; echo \"got:$x\"", NULL);
	EXPECT_TEXT(t, "héllo ĳs Één");
	term_send(t, "abc\r");
	EXPECT_TEXT(t, "got:abc");
	assert_int_equal(term_wait_exit(t, WAIT_MS), 0);
	char *screen = term_screen(t);
	const char *top = "héllo ĳs Één\nabc\ngot:abc\n";
	assert_memory_equal(screen, top, strlen(top));
	size_t newlines = 0;
	for (const char *p = screen; *p; p++)
		newlines += *p == '\n';
	assert_int_equal(newlines, 23); /* 24 rows; the empty ones trimmed to nothing */
	free(screen);
}

static void wide_and_combining_characters_appear_once(void **state)
{
	/* e + U+0301 COMBINING ACUTE: one cell holding two code points */
	term *t = spawn_sh(state, "printf '漢字|xe\xcc\x81|\\n'", NULL);
	assert_int_equal(term_wait_exit(t, WAIT_MS), 0); /* output written just before the exit */
	assert_true(term_row_contains(t, 0, "漢字|xe\xcc\x81|"));
	char *screen = term_screen(t);
	assert_memory_equal(screen, "漢字|xe\xcc\x81|\n", strlen("漢字|xe\xcc\x81|\n"));
	free(screen);
	assert_int_equal(term_attr_at(t, 0, 1), 0); /* right half of 漢 */
}

static void extra_env_is_added_and_term_defaults_to_xterm(void **state)
{
	char *const extra[] = {"E2E_PROBE=ĳ", NULL};
	term *t = spawn_sh(state, "echo \"T=$TERM P=$E2E_PROBE L=${LINES-unset}\"", extra);
	EXPECT_TEXT(t, "T=xterm-256color P=ĳ L=unset");
	assert_int_equal(term_wait_exit(t, WAIT_MS), 0);
	term_free(t);
	*state = NULL;
	char *const dumb[] = {"TERM=dumb", NULL};
	t = spawn_sh(state, "echo \"T=$TERM\"", dumb);
	EXPECT_TEXT(t, "T=dumb");
}

/* The start a benchmark times from: after the terminal was made, before the child ran. */
static void spawned_at_is_between_the_call_and_its_return(void **state)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	double before = (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
	term *t = spawn_sh(state, "echo started", NULL);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	double after = (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
	assert_true(term_spawned_at(t) >= before);
	assert_true(term_spawned_at(t) <= after);
	EXPECT_TEXT(t, "started");
}

static void missing_program_is_refused(void **state)
{
	(void)state;
	char *const argv[] = {"/nonexistent/e2e-program", NULL};
	assert_null(term_spawn(argv, NULL, 24, 80));
}

static void fixture_follows_resizes(void **state)
{
	term *t = spawn_fixture(state, 24, 80);
	EXPECT_TEXT(t, "24x80");
	term_resize(t, 30, 100);
	EXPECT_TEXT(t, "30x100");
	assert_false(term_row_contains(t, 0, "24x80"));
	term_resize(t, 10, 40);
	EXPECT_TEXT(t, "10x40");
	/* A frame can reach us in several writes: "10x40" may be all of it so far. */
	EXPECT_TEXT(t, "漢字|");
	assert_true(term_row_contains(t, 2, "SELECTED"));
	term_send(t, "q");
	assert_int_equal(term_wait_exit(t, WAIT_MS), 3);
}

static void fixture_attributes_are_reported(void **state)
{
	term *t = spawn_fixture(state, 24, 80);
	EXPECT_TEXT(t, "SELECTED");
	assert_true(term_row_contains(t, 2, "    SELECTED  BOLD  UNDER  GREEN"));
	assert_int_equal(term_attr_at(t, 2, 3), 0);
	assert_int_equal(term_attr_at(t, 2, 4), TERM_ATTR_REVERSE);
	assert_int_equal(term_attr_at(t, 2, 11), TERM_ATTR_REVERSE);
	assert_int_equal(term_attr_at(t, 2, 12), 0);
	assert_int_equal(term_attr_at(t, 2, 14), TERM_ATTR_BOLD);
	assert_int_equal(term_attr_at(t, 2, 20), TERM_ATTR_UNDERLINE);
	assert_int_equal(term_attr_at(t, 2, 27), TERM_ATTR_FG);
	assert_int_equal(term_attr_at(t, 2, 26), 0);
	assert_int_equal(term_attr_at(t, 24, 0), -1);
	assert_int_equal(term_attr_at(t, 0, 80), -1);
	/* "Één ĳs 漢字|": 漢 fills columns 7 and 8, so '|' is at 11 */
	assert_true(term_row_contains(t, 6, "Één ĳs 漢字|"));
	char *screen = term_screen(t);
	assert_non_null(strstr(screen, "\nÉén ĳs 漢字|\n"));
	free(screen);
	term_send(t, "q");
	assert_int_equal(term_wait_exit(t, WAIT_MS), 3);
}

static void named_keys_arrive_as_curses_keys(void **state)
{
	static const struct {
		const char *key, *shown;
	} keys[] = {
		{"Up", "key:[KEY_UP]"},       {"Down", "key:[KEY_DOWN]"},
		{"Left", "key:[KEY_LEFT]"},   {"Right", "key:[KEY_RIGHT]"},
		{"Home", "key:[KEY_HOME]"},   {"End", "key:[KEY_END]"},
		{"PgUp", "key:[KEY_PPAGE]"},  {"PgDn", "key:[KEY_NPAGE]"},
		{"F1", "key:[KEY_F(1)]"},     {"F2", "key:[KEY_F(2)]"},
		{"Enter", "key:[^J]"},        {"Backspace", "key:[KEY_BACKSPACE]"},
		{"Tab", "key:[^I]"},          {"S-Tab", "key:[KEY_BTAB]"},
		{"Esc", "key:[^[]"},          {"Space", "key:[ ]"},
		{"Delete", "key:[KEY_DC]"},   {"C-a", "key:[^A]"},
	};
	term *t = spawn_fixture(state, 24, 80);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		term_key(t, keys[i].key);
		EXPECT_TEXT(t, keys[i].shown);
	}
	term_send(t, "j");
	EXPECT_TEXT(t, "key:[j]");
	EXPECT_GONE(t, "key:[^A]");
	term_send(t, "q");
	assert_int_equal(term_wait_exit(t, WAIT_MS), 3);
}

static void control_keys_send_control_bytes(void **state)
{
	/* Raw mode, so ^C, ^Z and ^\ are bytes, not signals; the cursor keys are in normal mode. */
	term *t = spawn_sh(state,
	                   "stty raw -echo; echo ready; x=$(head -c 6 | od -An -tx1); stty sane; "
	                   "echo \"bytes:$x\"",
	                   NULL);
	EXPECT_TEXT(t, "ready");
	term_key(t, "C-c");
	term_key(t, "C-z");
	term_key(t, "C-\\");
	term_key(t, "Up");
	EXPECT_TEXT(t, "bytes: 03 1a 1c 1b 5b 41");
	assert_int_equal(term_wait_exit(t, WAIT_MS), 0);
}

static void ctrl_c_interrupts_the_foreground_process(void **state)
{
	term *t = spawn_sh(state, "echo ready; read x", NULL);
	EXPECT_TEXT(t, "ready");
	term_key(t, "C-c"); /* the tty turns ^C into SIGINT for the child */
	assert_int_equal(term_wait_exit(t, WAIT_MS), 128 + SIGINT);
}

static void ctrl_c_ends_curses_through_its_handler(void **state)
{
	/* ncurses catches SIGINT (when it was SIG_DFL at initscr), restores the terminal and
	 * exits with status 1: a program that keeps the default sees 1, not 128 + SIGINT. */
	term *t = spawn_fixture(state, 24, 80);
	term_key(t, "C-c");
	assert_int_equal(term_wait_exit(t, WAIT_MS), 1);
}

static void terminal_answers_queries(void **state)
{
	/* cursor position report (u7, as ncurses may send it) and primary device attributes */
	term *t = spawn_sh(state,
	                   "stty raw -echo; printf '\\033[2;7H\\033[6n\\033[c'; r=$(head -c 13); "
	                   "stty sane; printf '\\ngot:%s\\n' \"$r\" | cat -v",
	                   NULL);
	EXPECT_TEXT(t, "got:^[[2;7R^[[?1;2c");
	assert_int_equal(term_wait_exit(t, WAIT_MS), 0);
}

static void waiting_for_absent_text_stops_at_the_deadline(void **state)
{
	term *t = spawn_sh(state, "echo ready; read x", NULL);
	EXPECT_TEXT(t, "ready");
	long long t0 = now_ms();
	assert_false(term_wait_text(t, "never shown", 300));
	long long waited = now_ms() - t0;
	print_message("# term_wait_text for absent text, 300 ms timeout: returned after %lld ms\n",
	              waited);
	assert_in_range(waited, 300, 1000);
	assert_false(term_wait_gone(t, "ready", 100));
	term_send(t, "\r");
	assert_int_equal(term_wait_exit(t, WAIT_MS), 0);
	t0 = now_ms();
	assert_false(term_wait_text(t, "never shown", WAIT_MS)); /* nobody is left to show it */
	assert_in_range(now_ms() - t0, 0, 200);
}

static void killed_child_reports_128_plus_signal(void **state)
{
	term *t = spawn_sh(state, "echo ready; read x", NULL);
	EXPECT_TEXT(t, "ready");
	assert_int_equal(term_wait_exit(t, 50), -1); /* still running */
	term_kill(t, SIGKILL);
	assert_int_equal(term_wait_exit(t, WAIT_MS), 128 + SIGKILL);
	assert_int_equal(term_wait_exit(t, 0), 128 + SIGKILL); /* asked again */
}

static void a_flood_of_output_does_not_block_the_child(void **state)
{
	/* About 1.3 MB, far more than a pty buffers: the child ends only if we keep reading.
	 * '\r', not '\n': a scroll makes libvterm memmove the whole screen, which ASan's memmove
	 * does byte by byte (15 s for 200000 lines instead of 0.5 s). */
	term *t = spawn_sh(state, "seq 1 200000 | tr '\\n' '\\r'; echo; echo END", NULL);
	long long t0 = now_ms();
	assert_int_equal(term_wait_exit(t, 30000), 0);
	print_message("# 1.3 MB through the pty and libvterm: %lld ms\n", now_ms() - t0);
	assert_true(term_wait_text(t, "200000\nEND", 0));
}

static void deadlines_hold_while_the_child_floods(void **state)
{
	term *t = spawn_sh(state, "yes 'endless output'", NULL);
	EXPECT_TEXT(t, "endless output");
	long long t0 = now_ms();
	assert_false(term_wait_text(t, "never shown", 300));
	long long waited = now_ms() - t0;
	print_message("# term_wait_text during a flood, 300 ms timeout: returned after %lld ms\n",
	              waited);
	assert_in_range(waited, 300, 1000);
	/* the teardown kills it */
}

int main(int argc, char **argv)
{
	fixture_path = argc > 1 ? argv[1] : getenv("E2E_FIXTURE");
	if (!fixture_path) {
		fputs("Bail out! usage: term_selftest FIXTURE (or set E2E_FIXTURE)\n", stdout);
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(shell_reads_a_line_and_prints_utf8, free_term),
		cmocka_unit_test_teardown(wide_and_combining_characters_appear_once, free_term),
		cmocka_unit_test_teardown(extra_env_is_added_and_term_defaults_to_xterm, free_term),
		cmocka_unit_test_teardown(spawned_at_is_between_the_call_and_its_return, free_term),
		cmocka_unit_test(missing_program_is_refused),
		cmocka_unit_test_teardown(fixture_follows_resizes, free_term),
		cmocka_unit_test_teardown(fixture_attributes_are_reported, free_term),
		cmocka_unit_test_teardown(named_keys_arrive_as_curses_keys, free_term),
		cmocka_unit_test_teardown(control_keys_send_control_bytes, free_term),
		cmocka_unit_test_teardown(ctrl_c_interrupts_the_foreground_process, free_term),
		cmocka_unit_test_teardown(ctrl_c_ends_curses_through_its_handler, free_term),
		cmocka_unit_test_teardown(terminal_answers_queries, free_term),
		cmocka_unit_test_teardown(waiting_for_absent_text_stops_at_the_deadline, free_term),
		cmocka_unit_test_teardown(killed_child_reports_128_plus_signal, free_term),
		cmocka_unit_test_teardown(a_flood_of_output_does_not_block_the_child, free_term),
		cmocka_unit_test_teardown(deadlines_hold_while_the_child_floods, free_term),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
