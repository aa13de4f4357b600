/* e2e_terminal.c: what infokaart does with the terminal it is given: no screen at all (TERM=dumb,
 * an unknown TERM, output that is not a terminal) ends with status 2 and points to --plain;
 * NO_COLOR still marks the highlighted row, in reverse video, and colours are used otherwise.
 * No core dump holds what was typed. And abuse: a storm of resizes (down to 1×1) mid-walk, a
 * 20×8 window, no TERM at all, standard input or output closed: a clear message or plain
 * behaviour, never garbage or a hang. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "term_raw.h"
#include "walk.h"

static void term_dumb_exits_2_pointing_to_plain(void **state)
{
	walk_ctx *w = *state;
	walk_ctx_setenv(w, "TERM", "dumb");
	term *t = walk_spawn(w, 24, 132, NULL); /* wide: the message is one line, unbroken */
	EXPECT_TEXT(t, "kan geen schermen tonen");
	EXPECT_TEXT(t, "infokaart --plain");
	EXPECT_EXIT(t, 2);
}

static void unknown_term_exits_2_pointing_to_plain(void **state)
{
	walk_ctx *w = *state;
	walk_ctx_setenv(w, "TERM", "no-such-terminal-e2e");
	term *t = walk_spawn(w, 24, 132, NULL); /* wide: the message is one line, unbroken */
	EXPECT_TEXT(t, "no-such-terminal-e2e");
	EXPECT_TEXT(t, "infokaart --plain");
	EXPECT_EXIT(t, 2);
}

static void stdout_not_a_terminal_exits_2_pointing_to_plain(void **state)
{
	walk_ctx *w = *state;
	/* stdin and stderr on the terminal, stdout into a file */
	char out[600];
	snprintf(out, sizeof out, "%s/out.txt", w->dir);
	static const char script[] = "\"$0\" >\"$1\"; echo \"status=$?\"";
	char *const argv[] = {"/bin/sh", "-c", (char *)script, (char *)walk_program, out, NULL};
	w->t = term_spawn(argv, w->env, 24, 132);
	assert_non_null(w->t);
	EXPECT_TEXT(w->t, "dit is geen terminal");
	EXPECT_TEXT(w->t, "infokaart --plain");
	EXPECT_TEXT(w->t, "status=2");
	EXPECT_EXIT(w->t, 0); /* the shell's */
	FILE *f = fopen(out, "r");
	assert_non_null(f);
	assert_int_equal(fgetc(f), EOF); /* nothing written where a screen was expected */
	fclose(f);
}

static void pipes_without_plain_exit_2_pointing_to_plain(void **state)
{
	char *out, *err;
	int status = walk_run_piped(*state, NULL, "1\n", &out, &err);
	assert_int_equal(status, 2);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, "infokaart --plain"));
	free(out);
	free(err);
}

static void no_color_shows_the_highlighted_row_in_reverse_video(void **state)
{
	walk_ctx *w = *state;
	walk_ctx_setenv(w, "NO_COLOR", "1");
	term *t = walk_spawn(w, 24, 80, NULL);
	EXPECT_TEXT(t, "F1 ? hulp"); /* the footer, drawn last */
	int huisarts = walk_find_row(t, "( ) Huisarts");
	int wijkagent = walk_find_row(t, "( ) Wijkagent");
	assert_true(huisarts > 0 && wijkagent == huisarts + 1);
	EXPECT_ATTR(t, huisarts, 3, TERM_ATTR_REVERSE);
	EXPECT_ATTR(t, huisarts, 60, TERM_ATTR_REVERSE); /* the whole row, past the text */
	EXPECT_ATTR(t, wijkagent, 3, 0);
	EXPECT_ATTR(t, 0, 3, TERM_ATTR_REVERSE | TERM_ATTR_BOLD); /* the title bar */
	walk_keys(t, "Down");
	EXPECT_ATTR(t, wijkagent, 3, TERM_ATTR_REVERSE);
	EXPECT_ATTR(t, huisarts, 3, 0);
	EXPECT_QUIT(t, "q");
}

static void with_colours_the_highlighted_row_is_coloured_not_reversed(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	EXPECT_TEXT(t, "F1 ? hulp");
	int huisarts = walk_find_row(t, "( ) Huisarts");
	assert_true(huisarts > 0);
	EXPECT_ATTR(t, huisarts, 3, TERM_ATTR_FG);
	EXPECT_ATTR(t, huisarts + 1, 3, 0);
	EXPECT_QUIT(t, "q");
}

/* What was typed lives in the program's memory: a crash must not leave it in a core file.
 * While it runs, the program's core size limit is 0, soft and hard; and it is not dumpable
 * (its /proc entries then belong to root, which shows when the test is not root). */
static void a_running_program_keeps_no_core_dump(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	EXPECT_TEXT(t, "F1 ? hulp");
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/limits", (int)term_pid(t));
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	bool seen = false;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "Max core file size", 18) == 0) {
			unsigned long long soft = 1, hard = 1;
			seen = sscanf(line + 18, " %llu %llu", &soft, &hard) == 2;
			if (!seen || soft != 0 || hard != 0)
				fail_msg("the core size limit is not 0: %s", line);
		}
	fclose(f);
	assert_true(seen);
	if (getuid() != 0) {
		struct stat st;
		snprintf(path, sizeof path, "/proc/%d/status", (int)term_pid(t));
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_uid, 0); /* not dumpable */
	}
	EXPECT_QUIT(t, "q");
}

/* --- abuse --- */

/* 50 resizes in quick succession while the program redraws (sizes from 1×1 to 300×100, some
 * below the minimum), keys typed in between; then the screen is whole again at 80×24, the
 * answer chosen before the storm is still marked, and the program answers keys. */
static void a_resize_storm_leaves_a_sane_screen_and_a_responsive_program(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	EXPECT_TEXT(t, "Wat is uw rol?");
	walk_keys(t, "2");
	EXPECT_TEXT(t, "(•) Wijkagent");
	static const int sizes[][2] = {{1, 1}, {8, 20}, {100, 300}, {18, 60}, {17, 59}, {2, 200},
	                               {60, 10}, {24, 80}, {40, 132}, {5, 5}};
	for (int i = 0; i < 50; i++) {
		term_resize_now(t, sizes[i % 10][0], sizes[i % 10][1]);
		if (i % 7 == 3)
			walk_keys(t, "Down");
		if (i % 11 == 5)
			walk_keys(t, "Up");
	}
	term_resize(t, 24, 80);
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_TEXT(t, "(•) Wijkagent");
	EXPECT_TEXT(t, "F1 ? hulp"); /* the footer, drawn last: a whole frame */
	EXPECT_GONE(t, "Venster te klein");
	assert_true(term_row_contains(t, 0, "infokaart"));
	walk_keys(t, "F1");
	EXPECT_TEXT(t, "─ Hulp ");
	walk_keys(t, "Esc");
	EXPECT_GONE(t, "─ Hulp ");
	STOP_AND_CONFIRM(t);
}

/* 20×8 is below the minimum: the program says so (and how big it needs to be), keeps running,
 * draws the walk when the window grows and says it again when it shrinks. */
static void a_20x8_window_says_too_small_and_recovers_when_it_grows(void **state)
{
	term *t = walk_spawn(*state, 8, 20, NULL);
	EXPECT_TEXT(t, "Venster te klein");
	EXPECT_TEXT(t, "minimaal 60×18");
	term_resize(t, 24, 80);
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_GONE(t, "Venster te klein");
	term_resize(t, 8, 20);
	EXPECT_TEXT(t, "Venster te klein");
	term_resize(t, 1, 1);
	term_resize(t, 8, 20);
	EXPECT_TEXT(t, "Venster te klein");
	EXPECT_QUIT(t, "q"); /* nothing answered: stops at once, also in a small window */
}

/* No TERM at all: the same clear message as TERM=dumb. */
static void no_term_at_all_exits_2_pointing_to_plain(void **state)
{
	walk_ctx *w = *state;
	walk_ctx_setenv(w, "TERM", "");
	term *t = walk_spawn(w, 24, 132, NULL);
	EXPECT_TEXT(t, "infokaart --plain");
	EXPECT_EXIT(t, 2);
}

/* Runs `sh -c script` on the terminal with the program as $0, and waits for "status=N". */
static term *shell_on_terminal(walk_ctx *w, const char *script)
{
	char *const argv[] = {"/bin/sh", "-c", (char *)script, (char *)walk_program, NULL};
	w->t = term_spawn(argv, w->env, 24, 132);
	assert_non_null(w->t);
	return w->t;
}

/* Standard input closed (<&-) or not a terminal (</dev/null), on a real terminal otherwise:
 * the screen version says it needs a terminal, at once. */
static void stdin_closed_or_not_a_terminal_gives_a_message_not_a_hang(void **state)
{
	walk_ctx *w = *state;
	term *t = shell_on_terminal(w, "\"$0\" <&-; echo \"closed=$?\"; \"$0\" </dev/null; echo \"null=$?\"");
	EXPECT_TEXT(t, "dit is geen terminal");
	EXPECT_TEXT(t, "closed=2");
	EXPECT_TEXT(t, "null=2");
	EXPECT_EXIT(t, 0);
}

/* --plain with standard input closed: input has ended before the first answer, so nothing
 * is recorded and it ends with status 1; with standard output closed it ends too (no hang,
 * no crash). */
static void plain_with_stdin_or_stdout_closed_ends_without_recording(void **state)
{
	walk_ctx *w = *state;
	term *t = shell_on_terminal(w, "\"$0\" --plain <&-; echo \"closed=$?\"; "
	                               "\"$0\" --plain >&- </dev/null; echo \"noout=$?\"");
	EXPECT_TEXT(t, "Gestopt: er is niets vastgelegd.");
	EXPECT_TEXT(t, "closed=1");
	EXPECT_TEXT(t, "noout=1");
	EXPECT_EXIT(t, 0);
	assert_int_equal(walk_db_read(w->db, NULL), 0);
}

/* Standard output closed for the screen version: the message on standard error. */
static void stdout_closed_exits_2_pointing_to_plain(void **state)
{
	walk_ctx *w = *state;
	term *t = shell_on_terminal(w, "\"$0\" >&-; echo \"status=$?\"");
	EXPECT_TEXT(t, "infokaart --plain");
	EXPECT_TEXT(t, "status=2");
	EXPECT_EXIT(t, 0);
}

/* --plain needs no terminal type: TERM=dumb records a walk as usual. */
static void plain_works_with_term_dumb(void **state)
{
	walk_ctx *w = *state;
	walk_ctx_setenv(w, "TERM", "dumb");
	char *input = walk_plain_input(&walk_winkel), *out, *err;
	assert_int_equal(walk_run_piped(w, (const char *const[]){"--plain", NULL}, input, &out, &err), 0);
	assert_non_null(strstr(out, "Vastgelegd. Casuscode: "));
	assert_null(strchr(out, '\x1b')); /* no escape sequence in plain text */
	free(input);
	free(out);
	free(err);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		WALK_TEST(term_dumb_exits_2_pointing_to_plain),
		WALK_TEST(unknown_term_exits_2_pointing_to_plain),
		WALK_TEST(stdout_not_a_terminal_exits_2_pointing_to_plain),
		WALK_TEST(pipes_without_plain_exit_2_pointing_to_plain),
		WALK_TEST(no_color_shows_the_highlighted_row_in_reverse_video),
		WALK_TEST(with_colours_the_highlighted_row_is_coloured_not_reversed),
		WALK_TEST(a_running_program_keeps_no_core_dump),
		WALK_TEST(a_resize_storm_leaves_a_sane_screen_and_a_responsive_program),
		WALK_TEST(a_20x8_window_says_too_small_and_recovers_when_it_grows),
		WALK_TEST(no_term_at_all_exits_2_pointing_to_plain),
		WALK_TEST(stdin_closed_or_not_a_terminal_gives_a_message_not_a_hang),
		WALK_TEST(plain_with_stdin_or_stdout_closed_ends_without_recording),
		WALK_TEST(stdout_closed_exits_2_pointing_to_plain),
		WALK_TEST(plain_works_with_term_dumb),
	};
	return WALK_RUN(argc, argv, tests);
}
