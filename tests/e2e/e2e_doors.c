/* e2e_doors.c: input checked at every door (issue 14), on --plain and the command line: "nee"
 * records nothing and an empty line chooses nothing, a typing error asks again keeping what
 * was valid, a note past its limit is refused with the limit, a line that is not UTF-8 is
 * converted with the locale or refused, dates, the clock, the database path, the size of an
 * answers file, names and settings are checked, and output to a full disk is an error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "testdir.h"
#include "walk.h"

static const char *const plain_args[] = {"--plain", NULL};

static void plain_nee_records_nothing_and_an_empty_line_chooses_nothing(void **state)
{
	walk_ctx *w = *state;
	walk_spec s = walk_winkel;
	s.consent = false;
	char *input = walk_plain_input(&s);
	/* an empty line at the consent question first: it must be asked again */
	char *at = strstr(input, "\n2\n");
	while (at && strstr(at + 1, "\n2\n"))
		at = strstr(at + 1, "\n2\n");
	assert_non_null(at);
	char *all = NULL;
	assert_true(asprintf(&all, "%.*s\n\n2\n", (int)(at - input), input) > 0);
	char *out, *err;
	int status = walk_run_piped(w, plain_args, all, &out, &err);
	EXPECT_IN(out, "Typ 1 of 2.");
	EXPECT_IN(out, "Zonder toestemming verwijst u niemand door. Er wordt niets vastgelegd.");
	EXPECT_IN(out, "Er is niets vastgelegd.");
	EXPECT_NOT_IN(out, "Casuscode");
	EXPECT_NOT_IN(out, "Datum om na te vragen"); /* nothing more is asked */
	assert_int_equal(status, 0);
	assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM referral"), 0);
	free(input);
	free(all);
	free(out);
	free(err);
}

static void plain_a_typing_error_asks_again_keeping_the_valid_numbers(void **state)
{
	walk_ctx *w = *state;
	/* role 1 (huisarts), Enter skips the first signals question (what can be seen outside),
	 * then the next one (multiple choice) gets "1 x" */
	char *out, *err;
	int status = walk_run_piped(w, plain_args, "1\n\n1 x\n", &out, &err);
	EXPECT_IN(out, "Dat antwoord begrijp ik niet. Probeer het nog eens.");
	EXPECT_IN(out, "De nummers die wel klopten zijn gekozen.");
	const char *again = strstr(out, "De nummers die wel klopten");
	assert_non_null(again);
	char needle[300];
	snprintf(needle, sizeof needle, "   1) %s  [gekozen]", walk_option_text("signals_away", "komt_niet_meer"));
	EXPECT_IN(again, needle); /* the same question again, with what was understood */
	EXPECT_IN(again, walk_question_text("signals_away"));
	assert_int_equal(status, 1); /* the input ended: nothing recorded */
	free(out);
	free(err);
}

static void plain_a_note_too_long_is_refused_with_the_limit(void **state)
{
	walk_ctx *w = *state;
	walk_spec s = walk_huisarts;
	char long_note[620];
	memset(long_note, 'a', 600);
	long_note[600] = '\0';
	s.note = long_note;
	char *input = walk_plain_input(&s);
	char *all = NULL;
	assert_true(asprintf(&all, "%skort\n", input) > 0);
	char *out, *err;
	int status = walk_run_piped(w, plain_args, all, &out, &err);
	EXPECT_IN(out, "Dat is te lang: hoogstens 500 tekens, u typte er 600.");
	EXPECT_IN(out, "Vastgelegd. Casuscode:");
	assert_int_equal(status, 0);
	assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM referral WHERE note = 'kort'"), 1);
	free(input);
	free(all);
	free(out);
	free(err);
}

/* A Latin-1 locale made for the test (localedef into the test's folder, LOCPATH); false when
 * this machine cannot make one. */
static bool latin1_locale(walk_ctx *w)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "localedef -i nl_NL -f ISO-8859-1 '%s/nl_NL.ISO-8859-1' >/dev/null 2>&1", w->dir);
	if (system(cmd) != 0)
		return false;
	walk_ctx_setenv(w, "LOCPATH", w->dir);
	walk_ctx_setenv(w, "LC_ALL", "nl_NL.ISO-8859-1");
	/* glibc keeps the LOCPATH it parsed for good: not a leak of infokaart's (sanitizer build) */
	char supp[700], opt[800];
	snprintf(supp, sizeof supp, "%s/lsan.supp", w->dir);
	testdir_put(supp, "leak:__argz_add_sep\n");
	snprintf(opt, sizeof opt, "suppressions=%s:print_suppressions=0", supp);
	walk_ctx_setenv(w, "LSAN_OPTIONS", opt);
	return true;
}

/* A note typed in Latin-1 ("caf\xe9"): refused under a UTF-8 locale, converted to UTF-8 under
 * a Latin-1 one; never stored as it came. */
static void plain_input_that_is_not_utf8_is_converted_or_refused(void **state)
{
	walk_ctx *w = *state;
	walk_spec s = walk_huisarts;
	s.note = "caf\xe9";
	char *input = walk_plain_input(&s);
	char *all = NULL;
	assert_true(asprintf(&all, "%scafe\n", input) > 0);
	char *out, *err;
	int status = walk_run_piped(w, plain_args, all, &out, &err);
	EXPECT_IN(out, "Die tekst is geen UTF-8");
	assert_int_equal(status, 0);
	assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM referral WHERE note = 'cafe'"), 1);
	free(out);
	free(err);
	if (!latin1_locale(w)) {
		free(input);
		free(all);
		skip();
	}
	status = walk_run_piped(w, plain_args, input, &out, &err);
	assert_int_equal(status, 0);
	assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM referral WHERE note = 'caf\xc3\xa9'"), 1);
	assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM referral WHERE note = 'caf\xe9'"), 0);
	free(input);
	free(all);
	free(out);
	free(err);
}

/* Runs infokaart with args; expects exit status `status` and needle on standard error. */
static void run_expect(walk_ctx *w, const char *const args[], int status, const char *needle)
{
	char *out, *err;
	int got = walk_run_piped(w, args, "", &out, &err);
	if (got != status || !strstr(err, needle))
		print_error("status %d\nstdout:\n%s\nstderr:\n%s\n", got, out, err);
	assert_int_equal(got, status);
	EXPECT_IN(err, needle);
	free(out);
	free(err);
}

/* Every door checks what comes in: dates, the clock, the database path, the size of an
 * answers file, names and settings; and output that cannot be written is an error. */
static void input_is_checked_at_every_door(void **state)
{
	walk_ctx *w = *state;
	static const char *const next_1900[] = {"outcome", "ABC-DEFGH", "gestart", "--next", "1900-01-01", NULL};
	run_expect(w, next_1900, 2, "--next wil een datum van vandaag tot over tien jaar, niet '1900-01-01'.");
	static const char *const plus_month[] = {"followups", "--date", "2026-+1-01", NULL};
	run_expect(w, plus_month, 2, "--date wil een datum als JJJJ-MM-DD.");
	static const char *const bad_site[] = {"sync", "--site-name", "caf\xe9", "--status", NULL};
	run_expect(w, bad_site, 2, "--site-name wil een naam in UTF-8");
	static const char *const zero[] = {"suggest", "--answers", "/dev/zero", NULL};
	run_expect(w, zero, 1, "/dev/zero: het bestand is groter dan de grens van 1 MB voor dit soort bestand");
	static const char *const stats[] = {"stats", NULL};
	walk_ctx_setenv(w, "INFOKAART_NOW", "abc");
	run_expect(w, stats, 2, "INFOKAART_NOW='abc' is geen tijd");
	walk_ctx_setenv(w, "INFOKAART_NOW", WALK_NOW);

	char path[700];
	snprintf(path, sizeof path, "%s/fifo.db", w->dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	walk_ctx_set_db(w, path); /* a FIFO: refused at once, never waited on */
	run_expect(w, stats, 3, "geen gewoon bestand");

	snprintf(path, sizeof path, "%s/latin1.conf", w->dir);
	testdir_put(path, "site_name = Bibliotheek Overvecht caf\xe9\n");
	walk_ctx_setenv(w, "INFOKAART_CONFIG", path);
	static const char *const questions[] = {"questions", "--json", NULL};
	run_expect(w, questions, 2, "site_name: de waarde is geen geldige UTF-8");
}

/* Output to a full disk fails with a message, not exit 0. */
static void output_to_a_full_disk_is_an_error(void **state)
{
	(void)state;
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "'%s' questions --json >/dev/full 2>/dev/null", walk_program);
	int rc = system(cmd);
	assert_true(WIFEXITED(rc));
	assert_int_equal(WEXITSTATUS(rc), 1);
	snprintf(cmd, sizeof cmd, "'%s' --help >/dev/full 2>/dev/null", walk_program);
	rc = system(cmd);
	assert_int_equal(WEXITSTATUS(rc), 1);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		WALK_TEST(plain_nee_records_nothing_and_an_empty_line_chooses_nothing),
		WALK_TEST(plain_a_typing_error_asks_again_keeping_the_valid_numbers),
		WALK_TEST(plain_a_note_too_long_is_refused_with_the_limit),
		WALK_TEST(plain_input_that_is_not_utf8_is_converted_or_refused),
		WALK_TEST(input_is_checked_at_every_door),
		WALK_TEST(output_to_a_full_disk_is_an_error),
	};
	return WALK_RUN(argc, argv, tests);
}
