/* e2e_valgrind.c: the end-to-end walks under valgrind (memcheck): a walk on screen to
 * "Vastgelegd", search, details, help, the crisis numbers and a resize; a --plain walk; a
 * --plain walk whose database cannot be made (the error and retry path); and the records and
 * check commands on good and broken input. Each run must end as it would without valgrind,
 * with no memory error and no definite leak (valgrind's --error-exitcode). Built only
 * without sanitizers (they cannot share a process with valgrind), and only when valgrind is
 * installed. VALGRIND names the program when it is not /usr/bin/valgrind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "term_raw.h"
#include "testdir.h"
#include "walk.h"

enum { VG_ERROR = 99, VG_WAIT_MS = 120000 };

static const char *valgrind = "/usr/bin/valgrind";

/* argv for `valgrind … infokaart args…` (args NULL-terminated). Static storage. */
static char *const *vg_argv(const char *const args[])
{
	static char *argv[24];
	int n = 0;
	argv[n++] = (char *)valgrind;
	argv[n++] = "-q";
	argv[n++] = "--error-exitcode=99";
	argv[n++] = "--leak-check=full";
	argv[n++] = "--show-leak-kinds=definite";
	argv[n++] = "--errors-for-leak-kinds=definite";
	argv[n++] = (char *)walk_program;
	for (int i = 0; args && args[i] && n < 23; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	return argv;
}

/* Waits for the end (valgrind is slow) and checks the status; on a valgrind error the report
 * is on the screen. */
#define EXPECT_VG_EXIT(t, status) expect_vg_exit((t), (status), __FILE__, __LINE__)
static void expect_vg_exit(term *t, int status, const char *file, int line)
{
	int got = term_wait_exit(t, VG_WAIT_MS);
	if (got == status)
		return;
	term_dump(t, stderr);
	print_error("status %d, expected %d%s\n", got, status,
	            got == VG_ERROR ? " (valgrind found an error: see above)" : "");
	_fail(file, line);
}

static term *vg_spawn(walk_ctx *w, const char *const args[], int rows, int cols)
{
	term_free(w->t);
	w->t = term_spawn(vg_argv(args), w->env, rows, cols);
	assert_non_null(w->t);
	return w->t;
}

/* The screen version under valgrind: a whole walk with search, details, help, crisis numbers
 * and a resize on the way. */
static void a_walk_on_screen_is_clean_under_valgrind(void **state)
{
	walk_ctx *w = *state;
	term *t = vg_spawn(w, NULL, 24, 80);
	EXPECT_TEXT(t, "Wat is uw rol?");
	walk_keys(t, "/");
	EXPECT_TEXT(t, "Zoeken in het aanbod");
	term_send(t, "luister");
	EXPECT_TEXT(t, "Zoek: luister▏");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "─ Details ");
	walk_keys(t, "Esc Esc F1");
	EXPECT_TEXT(t, "─ Hulp ");
	walk_keys(t, "Esc F2");
	EXPECT_TEXT(t, "113");
	walk_keys(t, "Esc");
	term_resize(t, 8, 20);
	EXPECT_TEXT(t, "Venster te klein");
	term_resize(t, 24, 80);
	EXPECT_TEXT(t, "Wat is uw rol?");
	walk_questions(t, &walk_vrijwilliger);
	char activity[200], code[32];
	walk_to_done(t, &walk_vrijwilliger, activity, sizeof activity, code, sizeof code);
	walk_keys(t, "q");
	EXPECT_VG_EXIT(t, 0);
	walk_check_last_record(w->db, 1, &walk_vrijwilliger, activity, code);
}

/* Runs `sh -c script` with $0 = valgrind's argv as words is awkward; instead the script gets
 * the input file as $1 and runs "$@" after shifting it off. */
static term *vg_plain(walk_ctx *w, const char *input, const char *outfile)
{
	char in[700];
	snprintf(in, sizeof in, "%s/input.txt", w->dir);
	FILE *f = fopen(in, "w");
	assert_non_null(f);
	fputs(input, f);
	fclose(f);
	static const char script[] = "in=$1; out=$2; shift 2; \"$@\" <\"$in\" >\"$out\"";
	char *const *vg = vg_argv((const char *const[]){"--plain", NULL});
	char *argv[32] = {"/bin/sh", "-c", (char *)script, "sh", in, (char *)outfile};
	int n = 6;
	for (int i = 0; vg[i]; i++)
		argv[n++] = vg[i];
	argv[n] = NULL;
	term_free(w->t);
	w->t = term_spawn(argv, w->env, 24, 132);
	assert_non_null(w->t);
	return w->t;
}

static void a_plain_walk_and_its_error_path_are_clean_under_valgrind(void **state)
{
	walk_ctx *w = *state;
	char out[700];
	snprintf(out, sizeof out, "%s/out.txt", w->dir);
	char *input = walk_plain_input(&walk_wijkagent);
	term *t = vg_plain(w, input, out);
	EXPECT_VG_EXIT(t, 0);
	char *text = testdir_read(out, NULL);
	assert_non_null(strstr(text, "Vastgelegd. Casuscode: "));
	free(text);

	/* the database cannot be made: refused, retried once, then stopped */
	char file[700], db[800];
	snprintf(file, sizeof file, "%s/file", w->dir);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(db, sizeof db, "%s/t.db", file);
	walk_ctx_set_db(w, db);
	char *again = malloc(strlen(input) + 8);
	assert_non_null(again);
	sprintf(again, "%s\nq\n", input);
	t = vg_plain(w, again, out);
	EXPECT_VG_EXIT(t, 1);
	text = testdir_read(out, NULL);
	assert_non_null(strstr(text, "Niet vastgelegd: "));
	assert_null(strstr(text, "Vastgelegd."));
	free(text);
	free(again);
	free(input);
}

/* The commands that read the records and the content, on good and on broken input. */
static void the_commands_are_clean_under_valgrind(void **state)
{
	walk_ctx *w = *state;
	char out[700];
	snprintf(out, sizeof out, "%s/out.txt", w->dir);
	char *input = walk_plain_input(&walk_huisarts);
	EXPECT_VG_EXIT(vg_plain(w, input, out), 0);
	free(input);
	char *text = testdir_read(out, NULL);
	char code[16];
	const char *c = strstr(text, "Casuscode: ");
	assert_non_null(c);
	snprintf(code, sizeof code, "%.9s", c + strlen("Casuscode: "));
	free(text);
	char broken[800];
	snprintf(broken, sizeof broken, "%s/broken/two_errors_in_one_file", getenv("INFOKAART_TEST_DATA"));
	struct {
		const char *args[6];
		int status;
	} runs[] = {
		{{"check", NULL}, 0},
		{{"check", broken, NULL}, 1},
		{{"followups", "--date", "2027-01-01", NULL}, 0},
		{{"stats", "--format", "json", NULL}, 0},
		{{"case", code, NULL}, 0},
		{{"outcome", code, "gestart", "--djg", "ja,nee,min_of_meer,ja,-,nee", NULL}, 0},
		{{"export", "--format", "csv", "--with-notes", NULL}, 0},
		{{"delete", code, NULL}, 0},
	};
	for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
		term *t = vg_spawn(w, runs[i].args, 24, 132);
		EXPECT_VG_EXIT(t, runs[i].status);
	}
	printf("# valgrind: %zu commands clean\n", sizeof runs / sizeof runs[0]);
}

int main(int argc, char **argv)
{
	const char *env = getenv("VALGRIND");
	if (env && *env)
		valgrind = env;
	const struct CMUnitTest tests[] = {
		WALK_TEST(a_walk_on_screen_is_clean_under_valgrind),
		WALK_TEST(a_plain_walk_and_its_error_path_are_clean_under_valgrind),
		WALK_TEST(the_commands_are_clean_under_valgrind),
	};
	return WALK_RUN(argc, argv, tests);
}
