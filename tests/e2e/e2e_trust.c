/* e2e_trust.c: records you can trust (issue 14), on screen. Consent is a choice the user
 * makes (Enter never makes it), "nee" ends the walk with nothing recorded, the wishes text
 * never reaches a draft, a note says its limit and can be read back, a window below the
 * minimum lets no key act on the screen it hides (F2 still shows the numbers), text that
 * does not fit scrolls with a "↓ meer", no source notes on user screens, and a byte that is
 * no UTF-8 never reaches the record. (--plain and the command line: e2e_doors.c.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walk.h"

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
	assert_int_equal(walk_db_rows(w->db, "referral"), 0);
	walk_keys(t, "Space"); /* the field with the question: now a choice of the user's own */
	EXPECT_TEXT(t, "(•) mondeling");
	STOP_AND_CONFIRM(t);
	assert_int_equal(walk_db_rows(w->db, "referral"), 0);
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
	EXPECT_QUIT(t, "q j");
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
	assert_int_equal(walk_db_rows(w->db, "referral"), 0);
	EXPECT_QUIT(t, "q"); /* nothing to lose */
	assert_int_equal(walk_db_rows(w->db, "referral"), 0);
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
		assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM draft WHERE data LIKE '%signals_contact%'"),
				 1);
		assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM draft WHERE data LIKE '%zingen%'"
						    " OR data LIKE '%wishes%'"),
				 0);
	}
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
	EXPECT_TEXT(t, "↑ meer");    /* the start is above, and said so */
	EXPECT_TEXT(t, "w098 w099"); /* the end, where typing goes on, wrapped, not cut */
	for (int i = 0; i < 6; i++)  /* PgUp reads back to the start */
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
	EXPECT_QUIT(t, "q");
}

static void at_40x12_keys_do_not_act_on_the_hidden_screen_and_f2_shows_the_numbers(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
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
	EXPECT_TEXT(t, walk_question_text("signals_outside")); /* the same question, nothing ticked */
	EXPECT_TEXT(t, "[ ] De gordijnen zijn dagenlang dicht");
	EXPECT_ABSENT(t, "[x]");
	STOP_AND_CONFIRM(t);
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
		EXPECT_QUIT(t, "q j");
	}
}

/* At 60x18 in English no option is cut: a long one wraps onto the next row. */
static void long_options_wrap_instead_of_being_cut(void **state)
{
	walk_ctx *w = *state;
	static const char *const en[] = {"--lang", "en", NULL};
	term *t = walk_spawn(w, 18, 60, en);
	EXPECT_TEXT(t, "What is your role?");
	walk_keys(t, "Down Down"); /* to the third option: the list scrolls it whole into view */
	EXPECT_TEXT(t, "( ) Shop or service: cashier, hairdresser, courier and");
	EXPECT_TEXT(t, "       the like");
	EXPECT_QUIT(t, "q");
}

/* Activity details show when they were checked, not the editors' source notes. */
static void details_show_no_source_notes(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
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
	EXPECT_QUIT(t, "Esc Esc q");
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
	EXPECT_QUIT(t, "q");
	/* valid UTF-8 only: no byte e9, and SQLite reads it back as the same text */
	assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM referral WHERE note LIKE 'caf%cafe'"
					    " AND instr(CAST(note AS BLOB), x'e9') = 0"),
			 1);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		WALK_TEST(enter_on_the_empty_consent_fields_chooses_nothing),
		WALK_TEST(the_record_form_fits_60x18_with_its_message),
		WALK_TEST(consent_nee_ends_the_walk_and_records_nothing),
		WALK_TEST(the_wishes_text_is_never_kept_in_a_draft),
		WALK_TEST(a_full_note_says_its_limit_and_stays_readable),
		WALK_TEST(at_40x12_keys_do_not_act_on_the_hidden_screen_and_f2_shows_the_numbers),
		WALK_TEST(the_profile_explanation_scrolls_and_says_there_is_more),
		WALK_TEST(long_options_wrap_instead_of_being_cut),
		WALK_TEST(details_show_no_source_notes),
		WALK_TEST(screen_input_that_is_not_utf8_never_reaches_the_record),
	};
	return WALK_RUN(argc, argv, tests);
}
