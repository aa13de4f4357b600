/* e2e_trust.c: records you can trust (issue 14), on screen and on --plain. Consent is a choice
 * the user makes (Enter never makes it), "nee" ends the walk with nothing recorded, the wishes
 * text never reaches a draft, a typing error on --plain asks again keeping what was valid,
 * a note says its limit and stays readable, a window below the minimum lets no key act on
 * the screen it hides (F2 still shows the numbers), text that does not fit scrolls with a
 * "↓ meer", no source notes on user screens, and input that is not UTF-8 is converted with
 * the locale or refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "walk.h"

static const char *const plain_args[] = {"--plain", NULL};

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

static int referrals(walk_ctx *w)
{
	return walk_db_int(w->db, "SELECT count(*) FROM sqlite_schema WHERE name = 'referral'")
	               ? walk_db_int(w->db, "SELECT count(*) FROM referral")
	               : 0;
}

/* Up to the record form of walk_huisarts at rows x cols. */
static term *to_record_form(walk_ctx *w, int rows, int cols)
{
	term *t = walk_spawn(w, rows, cols, NULL);
	walk_questions(t, &walk_huisarts);
	char activity[200];
	walk_choose(t, &walk_huisarts, activity, sizeof activity);
	EXPECT_TEXT(t, "[ Vastleggen ]");
	return t;
}

static void enter_on_the_empty_consent_fields_chooses_nothing(void **state)
{
	walk_ctx *w = *state;
	term *t = to_record_form(w, 24, 80);
	EXPECT_TEXT(t, "( ) ja   ( ) nee");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Kies of de persoon toestemming geeft: ja of nee.");
	EXPECT_TEXT(t, "( ) ja   ( ) nee"); /* still nothing chosen */
	walk_keys(t, "Left");
	EXPECT_TEXT(t, "(•) ja   ( ) nee");
	walk_keys(t, "Enter"); /* to how */
	EXPECT_TEXT(t, "( ) mondeling   ( ) schriftelijk");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Kies hoe de persoon toestemming gaf: mondeling of schriftelijk.");
	EXPECT_TEXT(t, "( ) mondeling   ( ) schriftelijk");
	walk_keys(t, "Down Down Down Enter"); /* past date and note to [ Vastleggen ]: refused */
	EXPECT_TEXT(t, "Kies hoe de persoon toestemming gaf");
	EXPECT_ABSENT(t, "Vastgelegd.");
	assert_int_equal(referrals(w), 0);
	walk_keys(t, "Space"); /* the field with the question: now a choice of the user's own */
	EXPECT_TEXT(t, "(•) mondeling");
	walk_keys(t, "q");
	EXPECT_TEXT(t, "Wilt u stoppen?");
	walk_keys(t, "j");
	EXPECT_EXIT(t, 0);
	assert_int_equal(referrals(w), 0);
}

/* At 60x18 the record form packs its fields: the button stays above the status rows, so a
 * message never hides it. */
static void the_record_form_fits_60x18_with_its_message(void **state)
{
	walk_ctx *w = *state;
	term *t = to_record_form(w, 24, 80);
	term_resize(t, 18, 60);
	EXPECT_TEXT(t, "Notitie (optioneel):");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Kies of de persoon toestemming geeft: ja of nee.");
	int row = walk_find_row(t, "[ Vastleggen ]");
	assert_true(row >= 0 && row <= 18 - 5); /* the screen's own rows end there */
	walk_keys(t, "q j");
	EXPECT_EXIT(t, 0);
}

static void consent_nee_ends_the_walk_and_records_nothing(void **state)
{
	walk_ctx *w = *state;
	walk_spec s = walk_winkel;
	s.consent = false;
	term *t = walk_spawn(w, 24, 80, NULL);
	walk_questions(t, &s);
	char activity[200];
	walk_choose(t, &s, activity, sizeof activity);
	walk_record_form(t, &s); /* → nee: the form hides the rest; Enter twice */
	EXPECT_TEXT(t, "Zonder toestemming verwijst u niemand door. Er wordt niets vastgelegd.");
	EXPECT_TEXT(t, "Er is niets vastgelegd.");
	EXPECT_ABSENT(t, "Casuscode");
	assert_int_equal(referrals(w), 0);
	walk_keys(t, "q"); /* nothing to lose */
	EXPECT_EXIT(t, 0);
	assert_int_equal(referrals(w), 0);
}

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
	assert_int_equal(referrals(w), 0);
	free(input);
	free(all);
	free(out);
	free(err);
}

/* The wishes text (the help says "Deze tekst wordt niet bewaard") is in no draft: typed and
 * stopped (SIGHUP), or answered and stopped later (SIGTERM). */
static void the_wishes_text_is_never_kept_in_a_draft(void **state)
{
	walk_ctx *w = *state;
	const walk_spec *s = &walk_huisarts;
	for (int answered = 0; answered < 2; answered++) {
		term *t = walk_spawn(w, 24, 80, NULL);
		if (answered) {
			EXPECT_TEXT(t, "Er is een ronde die niet was afgemaakt");
			walk_keys(t, "n");
		}
		walk_questions_from(t, s, walk_first_question(), "wishes");
		EXPECT_TEXT(t, "Deze tekst wordt niet bewaard.");
		term_send(t, "weer zingen");
		EXPECT_TEXT(t, "Antwoord: weer zingen");
		if (answered) {
			walk_keys(t, "Enter");
			EXPECT_TEXT(t, "Voorstel op grond van uw antwoorden");
		}
		term_kill(t, answered ? SIGTERM : SIGHUP);
		term_wait_exit(t, WALK_WAIT_MS);
		assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM draft"), 1);
		assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM draft WHERE data LIKE '%signals_contact%'"), 1);
		assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM draft WHERE data LIKE '%zingen%'"
		                                    " OR data LIKE '%wishes%'"), 0);
	}
}

static void plain_a_typing_error_asks_again_keeping_the_valid_numbers(void **state)
{
	walk_ctx *w = *state;
	/* role 1 (huisarts), then the first signals question it gets (multiple choice): "1 x" */
	char *out, *err;
	int status = walk_run_piped(w, plain_args, "1\n\n1 x\n", &out, &err);
	EXPECT_IN(out, "Dat antwoord begrijp ik niet. Probeer het nog eens.");
	EXPECT_IN(out, "De nummers die wel klopten zijn gekozen.");
	const char *again = strstr(out, "De nummers die wel klopten");
	assert_non_null(again);
	char needle[300];
	snprintf(needle, sizeof needle, "   1) %s  [gekozen]", walk_option_text("signals_contact", "minder_zelfzorg"));
	EXPECT_IN(again, needle); /* the same question again, with what was understood */
	EXPECT_IN(again, walk_question_text("signals_contact"));
	assert_int_equal(status, 1); /* the input ended: nothing recorded */
	free(out);
	free(err);
}

static void a_full_note_says_its_limit_and_stays_readable(void **state)
{
	walk_ctx *w = *state;
	term *t = to_record_form(w, 24, 80);
	walk_keys(t, "Left Enter Left Enter Enter"); /* ja, mondeling, past the date to the note */
	EXPECT_TEXT(t, "hoogstens 500 tekens");
	char word[16];
	for (int i = 0; i < 100; i++) { /* 100 words of 5: 500 characters */
		snprintf(word, sizeof word, "w%03d ", i);
		term_send(t, word);
	}
	EXPECT_TEXT(t, "w099");
	EXPECT_TEXT(t, "↑ meer"); /* the start is above, and said so */
	EXPECT_TEXT(t, "w098 w099"); /* the end, where typing goes on, wrapped, not cut */
	for (int i = 0; i < 6; i++) /* PgUp reads back to the start */
		walk_keys(t, "PgUp");
	EXPECT_TEXT(t, "w000 w001");
	EXPECT_TEXT(t, "↓ meer (↓ PgDn)");
	EXPECT_GONE(t, "↑ meer");
	term_send(t, "x");
	EXPECT_TEXT(t, "Dit veld is vol: hoogstens 500 tekens.");
	term_send(t, "q"); /* typed into the full field: no "stop?" */
	EXPECT_ABSENT(t, "Wilt u stoppen?");
	walk_keys(t, "Enter Enter");
	EXPECT_TEXT(t, "Vastgelegd. Casuscode:");
	assert_int_equal(walk_db_int(w->db, "SELECT length(note) FROM referral"), 500);
	walk_keys(t, "q");
	EXPECT_EXIT(t, 0);
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

static void at_40x12_keys_do_not_act_on_the_hidden_screen_and_f2_shows_the_numbers(void **state)
{
	walk_ctx *w = *state;
	term *t = walk_spawn(w, 24, 80, NULL);
	walk_keys(t, "1 Enter");
	EXPECT_TEXT(t, "[ ] De gordijnen zijn dagenlang dicht");
	term_resize(t, 12, 40);
	EXPECT_TEXT(t, "Venster te klein");
	EXPECT_TEXT(t, "F2 = crisisnummers");
	walk_keys(t, "Space 1 2 Down Enter"); /* none of these may tick or move anything */
	walk_keys(t, "F2");
	EXPECT_TEXT(t, "113 Zelfmoordpreventie: 113 of 0800-0113");
	EXPECT_TEXT(t, "112");
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "Venster te klein");
	term_resize(t, 24, 80);
	EXPECT_TEXT(t, "Wat ziet u van buiten?"); /* the same question, nothing ticked */
	EXPECT_TEXT(t, "[ ] De gordijnen zijn dagenlang dicht");
	EXPECT_ABSENT(t, "[x]");
	walk_keys(t, "q");
	EXPECT_TEXT(t, "Wilt u stoppen?");
	walk_keys(t, "j");
	EXPECT_EXIT(t, 0);
}

/* The profile's explanation ("Waarom:") at 80x24 and 60x18: "↓ meer" says there is more,
 * PgDn brings its last line into view. */
static void the_profile_explanation_scrolls_and_says_there_is_more(void **state)
{
	walk_ctx *w = *state;
	static const int sizes[][2] = {{24, 80}, {18, 60}};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		term *t = walk_spawn(w, 24, 80, NULL);
		walk_questions(t, &walk_huisarts);
		EXPECT_TEXT(t, "Voorstel op grond van uw antwoorden");
		term_resize(t, sizes[i][0], sizes[i][1]);
		EXPECT_TEXT(t, "↓ meer (↓ PgDn)");
		EXPECT_ABSENT(t, "↑ meer");
		for (int k = 0; k < 4; k++)
			walk_keys(t, "PgDn");
		EXPECT_TEXT(t, "↑ meer (↑ PgUp)");
		EXPECT_GONE(t, "↓ meer");
		EXPECT_TEXT(t, "dat lukt zelf"); /* the last reason of "Waarom:" */
		walk_keys(t, "q j");
		EXPECT_EXIT(t, 0);
	}
}

/* At 60x18 in English no option is cut: a long one wraps onto the next row. */
static void long_options_wrap_instead_of_being_cut(void **state)
{
	walk_ctx *w = *state;
	static const char *const en[] = {"--lang", "en", NULL};
	term *t = walk_spawn(w, 18, 60, en);
	EXPECT_TEXT(t, "( ) Shop or service: cashier, hairdresser, courier and");
	EXPECT_TEXT(t, "       the like");
	walk_keys(t, "q");
	EXPECT_EXIT(t, 0);
}

/* Activity details show when they were checked, not the editors' source notes. */
static void details_show_no_source_notes(void **state)
{
	walk_ctx *w = *state;
	term *t = walk_spawn(w, 24, 80, NULL);
	walk_keys(t, "/");
	term_send(t, "infolijn");
	EXPECT_TEXT(t, "NIZU infolijn — Netwerk");
	walk_keys(t, "Down Enter");
	EXPECT_TEXT(t, "─ Details ");
	for (int k = 0; k < 3; k++)
		walk_keys(t, "PgDn");
	EXPECT_TEXT(t, "Gecontroleerd op:");
	EXPECT_ABSENT(t, "seeds/");
	EXPECT_ABSENT(t, "bron:");
	walk_keys(t, "Esc Esc q");
	EXPECT_EXIT(t, 0);
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
	FILE *f = fopen(supp, "w");
	assert_non_null(f);
	fputs("leak:__argz_add_sep\n", f);
	assert_int_equal(fclose(f), 0);
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

/* The same on screen (a UTF-8 terminal): a byte that is no UTF-8 never reaches the record; the
 * field goes on taking text after it. (Under a Latin-1 locale the screens themselves cannot
 * show the UTF-8 content: --plain is the way there, tested above.) */
static void screen_input_that_is_not_utf8_never_reaches_the_record(void **state)
{
	walk_ctx *w = *state;
	term *t = to_record_form(w, 24, 80);
	walk_keys(t, "Left Enter Left Enter Enter");
	term_send(t, "caf\xe9xx"); /* curses drops the bad byte and what it took to continue it */
	walk_keys(t, "F1");
	EXPECT_TEXT(t, "─ Hulp ");
	walk_keys(t, "Esc");
	EXPECT_GONE(t, "─ Hulp ");
	term_send(t, "cafe");
	EXPECT_TEXT(t, "cafe▏");
	walk_keys(t, "Enter Enter");
	EXPECT_TEXT(t, "Vastgelegd. Casuscode:");
	walk_keys(t, "q");
	EXPECT_EXIT(t, 0);
	/* valid UTF-8 only: no byte e9, and SQLite reads it back as the same text */
	assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM referral WHERE note LIKE 'caf%cafe'"
	                                    " AND instr(CAST(note AS BLOB), x'e9') = 0"),
	                 1);
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
	run_expect(w, zero, 1, "/dev/zero: the file is larger than the limit of 1 MB for this kind of file");
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
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("site_name = Bibliotheek Overvecht caf\xe9\n", f);
	assert_int_equal(fclose(f), 0);
	walk_ctx_setenv(w, "INFOKAART_CONFIG", path);
	static const char *const questions[] = {"questions", "--json", NULL};
	run_expect(w, questions, 2, "site_name: the value is not valid UTF-8");
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
	if (!walk_init(argc, argv))
		return 1;
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(enter_on_the_empty_consent_fields_chooses_nothing),
		T(the_record_form_fits_60x18_with_its_message),
		T(consent_nee_ends_the_walk_and_records_nothing),
		T(plain_nee_records_nothing_and_an_empty_line_chooses_nothing),
		T(the_wishes_text_is_never_kept_in_a_draft),
		T(plain_a_typing_error_asks_again_keeping_the_valid_numbers),
		T(a_full_note_says_its_limit_and_stays_readable),
		T(plain_a_note_too_long_is_refused_with_the_limit),
		T(at_40x12_keys_do_not_act_on_the_hidden_screen_and_f2_shows_the_numbers),
		T(the_profile_explanation_scrolls_and_says_there_is_more),
		T(long_options_wrap_instead_of_being_cut),
		T(details_show_no_source_notes),
		T(plain_input_that_is_not_utf8_is_converted_or_refused),
		T(screen_input_that_is_not_utf8_never_reaches_the_record),
		T(input_is_checked_at_every_door),
		T(output_to_a_full_disk_is_an_error),
	};
#undef T
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	walk_done();
	return rc;
}
