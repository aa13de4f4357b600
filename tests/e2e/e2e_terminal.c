/* e2e_terminal.c: what infokaart does with the terminal it is given: no screen at all (TERM=dumb,
 * an unknown TERM, output that is not a terminal) ends with status 2 and points to --plain;
 * NO_COLOR still marks the highlighted row, in reverse video, and colours are used otherwise. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walk.h"

static int setup(void **state)
{
	*state = walk_ctx_new();
	return 0;
}

static int teardown(void **state)
{
	walk_ctx_free(*state);
	return 0;
}

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
	walk_keys(t, "q");
	EXPECT_EXIT(t, 0);
}

static void with_colours_the_highlighted_row_is_coloured_not_reversed(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	EXPECT_TEXT(t, "F1 ? hulp");
	int huisarts = walk_find_row(t, "( ) Huisarts");
	assert_true(huisarts > 0);
	EXPECT_ATTR(t, huisarts, 3, TERM_ATTR_FG);
	EXPECT_ATTR(t, huisarts + 1, 3, 0);
	walk_keys(t, "q");
	EXPECT_EXIT(t, 0);
}

int main(int argc, char **argv)
{
	if (!walk_init(argc, argv))
		return 1;
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(term_dumb_exits_2_pointing_to_plain),
		T(unknown_term_exits_2_pointing_to_plain),
		T(stdout_not_a_terminal_exits_2_pointing_to_plain),
		T(pipes_without_plain_exit_2_pointing_to_plain),
		T(no_color_shows_the_highlighted_row_in_reverse_video),
		T(with_colours_the_highlighted_row_is_coloured_not_reversed),
	};
#undef T
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	walk_done();
	return rc;
}
