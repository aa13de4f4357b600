/* e2e_keys.c: the keys a signaller uses besides answering: going back, resizing the window,
 * the crisis numbers from every kind of screen, stopping (and being asked first), a person who
 * wants no support, a database that cannot be written, searching the catalogue, and help.
 * Each test ends the program the way a person would and checks its exit status. */
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

#include "testdir.h"
#include "walk_internal.h"

static void expect_no_referral(walk_ctx *w)
{
	assert_int_equal(walk_db_read(w->db, NULL), 0);
}

/* A role (an option id), the signal questions that role is asked left empty, Enter on the
 * guide: on "wants support". */
static void walk_to_support_question(term *t, const char *role)
{
	char digit[16];
	snprintf(digit, sizeof digit, "%d", walk_option_index("role", role) + 1);
	EXPECT_TEXT(t, "Wat is uw rol?");
	walk_keys(t, digit);
	EXPECT_TEXT(t, "(•) ");
	walk_keys(t, "Enter");
	walk_spec who = {.answers = {{"role", role}, {NULL, NULL}}};
	static const char *const signals[] = {"signals_outside", "signals_away", "signals_contact",
	                                      "signals_social", "signals_events"};
	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
		if (!walk_question_asked(&who, walk_question_json(signals[i])))
			continue; /* e.g. a cashier is not asked about the house */
		char needle[64];
		walk_prefix(walk_question_text(signals[i]), 40, needle, sizeof needle);
		EXPECT_TEXT(t, needle);
		walk_keys(t, "Enter");
	}
	EXPECT_TEXT(t, "Zo kunt u beginnen:");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Wil de persoon steun, of meer contact");
}

static void going_back_keeps_the_earlier_answers_marked(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	EXPECT_TEXT(t, "Wat is uw rol?");
	walk_keys(t, "1");
	EXPECT_TEXT(t, "(•) Huisarts");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Wat ziet u aan het huis?");
	walk_keys(t, "1 3");
	EXPECT_TEXT(t, "[x] De brievenbus zit overvol");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Ziet u de persoon minder dan vroeger?");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Wat merkt u in het contact?");
	walk_keys(t, "2");
	EXPECT_TEXT(t, "[x] Is moe of heeft weinig trek");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Wat weet u over de contacten");

	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "Wat merkt u in het contact?");
	EXPECT_TEXT(t, "[x] Is moe of heeft weinig trek");
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "Ziet u de persoon minder dan vroeger?");
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "Wat ziet u aan het huis?");
	EXPECT_TEXT(t, "[x] De gordijnen zijn dagenlang dicht");
	EXPECT_TEXT(t, "[x] De brievenbus zit overvol");
	EXPECT_TEXT(t, "[ ] De tuin of de voorkant");
	walk_keys(t, "Backspace"); /* the other key for back */
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_TEXT(t, "(•) Huisarts");
	walk_keys(t, "Esc"); /* on the first question: nowhere to go */
	EXPECT_TEXT(t, "Dit is de eerste vraag.");
	EXPECT_TEXT(t, "(•) Huisarts");

	/* forward again: Enter keeps the answers as they are */
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Wat ziet u aan het huis?");
	EXPECT_TEXT(t, "[x] De gordijnen zijn dagenlang dicht");
	EXPECT_TEXT(t, "[x] De brievenbus zit overvol");
	walk_keys(t, "Enter Enter");
	EXPECT_TEXT(t, "Wat merkt u in het contact?");
	EXPECT_TEXT(t, "[x] Is moe of heeft weinig trek");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Wat weet u over de contacten");
	STOP_AND_CONFIRM(t);
	expect_no_referral(*state);
}

static void going_back_from_the_suggestions_keeps_the_chosen_profile_and_answers(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	walk_questions(t, &walk_wijkagent);
	EXPECT_TEXT(t, "(•) Vangnet");
	walk_keys(t, "Down"); /* highlight another profile and take it instead */
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Suggesties voor profiel Een nieuw begin");
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "(•) Een nieuw begin");
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "Wat zou de persoon graag willen?");
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "Met hoeveel mensen heeft de persoon");
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "Hoe tevreden is de persoon");
	EXPECT_TEXT(t, "(•) 1  heel ontevreden");
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "Welke talen spreekt de persoon goed?");
	EXPECT_TEXT(t, "[x] Nederlands");
	EXPECT_TEXT(t, "[x] Turks");
	STOP_AND_CONFIRM(t);
	expect_no_referral(*state);
}

static void none_of_these_clears_the_other_signals_and_is_cleared_by_them(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	EXPECT_TEXT(t, "Wat is uw rol?");
	walk_keys(t, "1 Enter");
	EXPECT_TEXT(t, "Wat ziet u aan het huis?");
	walk_keys(t, "1 3");
	EXPECT_TEXT(t, "[x] De brievenbus zit overvol");
	walk_keys(t, "5");
	EXPECT_TEXT(t, "[x] Geen van deze");
	EXPECT_TEXT(t, "[ ] De gordijnen zijn dagenlang dicht");
	EXPECT_TEXT(t, "[ ] De brievenbus zit overvol");
	walk_keys(t, "Space"); /* on "Geen van deze" (5 moved there): off again */
	EXPECT_TEXT(t, "[ ] Geen van deze");
	walk_keys(t, "5 2");
	EXPECT_TEXT(t, "[x] De tuin of de voorkant");
	EXPECT_TEXT(t, "[ ] Geen van deze");
	STOP_AND_CONFIRM(t);
}

static void a_required_question_says_what_is_missing(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	walk_to_support_question(t, "huisarts");
	walk_keys(t, "1 Enter");
	static const walk_spec situation = {.answers = {
		{"onset", "recent"},
		{"wish", "meer_contact"},
		{"capacity", "zelf"},
		{NULL, NULL},
	}};
	walk_questions_from(t, &situation, "onset", "loneliness_kind");
	EXPECT_TEXT(t, "Wat mist de persoon vooral?");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Kies ten minste één antwoord.");
	EXPECT_TEXT(t, "Wat mist de persoon vooral?");
	walk_keys(t, "2");
	EXPECT_GONE(t, "Kies ten minste één antwoord.");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Hoe oud is de persoon ongeveer?");
	STOP_AND_CONFIRM(t);
}

static void resizing_keeps_the_question_and_its_answer(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	walk_to_support_question(t, "huisarts");
	walk_keys(t, "1");
	EXPECT_TEXT(t, "(•) Ja, de persoon wil steun");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Sinds wanneer speelt dit?");
	walk_keys(t, "1");
	EXPECT_TEXT(t, "(•) Sinds kort");
	EXPECT_GONE(t, "q stoppen"); /* 80 columns: the footer has no room for it */

	term_resize(t, 30, 100);
	EXPECT_TEXT(t, "q stoppen"); /* laid out again for 100 columns */
	assert_true(term_row_contains(t, 29, "q stoppen"));
	EXPECT_TEXT(t, "Sinds wanneer speelt dit?");
	EXPECT_TEXT(t, "(•) Sinds kort");

	term_resize(t, 14, 50);
	EXPECT_TEXT(t, "Venster te klein");
	EXPECT_TEXT(t, "minimaal 60×18");
	EXPECT_GONE(t, "Sinds wanneer speelt dit?");

	term_resize(t, 24, 80);
	EXPECT_GONE(t, "Venster te klein");
	EXPECT_TEXT(t, "Sinds wanneer speelt dit?");
	EXPECT_TEXT(t, "(•) Sinds kort");
	EXPECT_GONE(t, "q stoppen");
	walk_keys(t, "Enter"); /* the kept answer takes us on */
	EXPECT_TEXT(t, "Wat wil de persoon zelf?");
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "(•) Sinds kort");
	STOP_AND_CONFIRM(t);
}

/* Opens the crisis numbers with key, checks them, closes with Esc and waits for `back`. */
static void check_crisis(term *t, const char *key, const char *back)
{
	walk_keys(t, key);
	EXPECT_TEXT(t, "Hulp bij nood");
	EXPECT_TEXT(t, "113 Zelfmoordpreventie — 113 of 0800-0113");
	EXPECT_TEXT(t, "112 Alarmnummer — 112");
	EXPECT_TEXT(t, "De Luisterlijn — 088 0767 000");
	walk_keys(t, "Esc");
	EXPECT_GONE(t, "113 Zelfmoordpreventie —"); /* the overlay's own line: the welcome text names the screen too */
	EXPECT_TEXT(t, back);
}

static void crisis_keys_show_the_numbers_on_a_question_the_guide_and_the_suggestions(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	EXPECT_TEXT(t, "Wat is uw rol?");
	check_crisis(t, "F2", "Wat is uw rol?");
	check_crisis(t, "!", "( ) Huisarts");
	walk_keys(t, "1");
	EXPECT_TEXT(t, "(•) Huisarts");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Wat ziet u aan het huis?");
	walk_keys(t, "2");
	EXPECT_TEXT(t, "[x] De tuin");
	check_crisis(t, "F2", "[x] De tuin"); /* the answer is still there */
	walk_keys(t, "Enter Enter Enter Enter");
	EXPECT_TEXT(t, "Is er iets ingrijpends gebeurd?");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Hoe gaat het écht met u, naast deze klachten?");
	check_crisis(t, "F2", "Hoe gaat het écht met u, naast deze klachten?");
	check_crisis(t, "!", "Zo kunt u beginnen:");
	walk_keys(t, "Enter");
	walk_questions_from(t, &walk_huisarts, "wants_support", NULL);
	EXPECT_TEXT(t, "(•) Een nieuw begin");
	check_crisis(t, "!", "(•) Een nieuw begin");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Suggesties voor profiel Een nieuw begin");
	check_crisis(t, "F2", "Suggesties voor profiel Een nieuw begin");
	check_crisis(t, "!", "Waarom deze suggestie:");
	STOP_AND_CONFIRM(t);
}

static void in_the_note_field_bang_is_typed_and_f2_opens_the_crisis_numbers(void **state)
{
	walk_ctx *w = *state;
	term *t = walk_spawn(w, 24, 80, NULL);
	walk_questions(t, &walk_huisarts);
	char activity[200], code[32];
	walk_choose(t, &walk_huisarts, activity, sizeof activity);
	check_crisis(t, "!", "Toestemming persoon:");
	walk_keys(t, "Left Enter Left Enter Enter"); /* ja, to how, mondeling, to date, to note */
	EXPECT_TEXT(t, "(•) mondeling");
	term_send(t, "z!e");
	EXPECT_TEXT(t, "Notitie (optioneel):    z!e");
	assert_false(term_wait_text(t, "113 Zelfmoordpreventie —", 0));
	check_crisis(t, "F2", "Notitie (optioneel):    z!e");
	walk_keys(t, "Enter Enter"); /* to [ Vastleggen ], store */
	walk_spec s = walk_huisarts;
	s.note = "z!e";
	walk_expect_done(t, &s, code, sizeof code);
	walk_check_last_record(w->db, 1, &s, activity, code);
	EXPECT_QUIT(t, "q");
}

static void stopping_with_answers_asks_first_and_records_nothing(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	EXPECT_TEXT(t, "Wat is uw rol?");
	walk_answer_two(t);
	walk_keys(t, "q");
	EXPECT_TEXT(t, "Wilt u stoppen?");
	EXPECT_TEXT(t, "j = ja, stoppen");
	walk_keys(t, "n");
	EXPECT_GONE(t, "Wilt u stoppen?");
	EXPECT_TEXT(t, "[x] De gordijnen zijn dagenlang dicht");
	walk_keys(t, "q");
	EXPECT_TEXT(t, "Wilt u stoppen?");
	walk_keys(t, "Esc"); /* Esc is "no" too */
	EXPECT_GONE(t, "Wilt u stoppen?");
	EXPECT_TEXT(t, "[x] De gordijnen zijn dagenlang dicht");
	STOP_AND_CONFIRM(t);
	expect_no_referral(*state);
}

static void stopping_before_any_answer_does_not_ask(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_QUIT(t, "q");
	expect_no_referral(*state);
}

static void ctrl_c_asks_before_stopping(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	EXPECT_TEXT(t, "Wat is uw rol?");
	walk_keys(t, "2");
	EXPECT_TEXT(t, "(•) Wijkagent");
	walk_keys(t, "C-c");
	EXPECT_TEXT(t, "Wilt u stoppen?");
	walk_keys(t, "n");
	EXPECT_GONE(t, "Wilt u stoppen?");
	EXPECT_TEXT(t, "(•) Wijkagent");
	walk_keys(t, "C-c");
	EXPECT_TEXT(t, "Wilt u stoppen?");
	EXPECT_QUIT(t, "j");
	expect_no_referral(*state);
}

static void support_nee_ends_with_information_only(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	walk_to_support_question(t, "winkel");
	walk_keys(t, "3");
	EXPECT_TEXT(t, "(•) Nee");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Geen verwijzing nu");
	EXPECT_TEXT(t, "Er is niets vastgelegd.");
	walk_keys(t, "PgDn"); /* the crisis lines come last: scrolled into view */
	EXPECT_TEXT(t, "De Luisterlijn: 088 0767 000");
	EXPECT_QUIT(t, "q"); /* nothing would be lost: no question */
	expect_no_referral(*state);
}

static void support_nu_niet_ends_with_information_and_esc_goes_back_to_change_it(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	walk_to_support_question(t, "vrijwilliger");
	walk_keys(t, "Down Enter"); /* "Nu (nog) niet", by the highlighted row */
	EXPECT_TEXT(t, "Geen verwijzing nu");
	EXPECT_TEXT(t, "Er is niets vastgelegd.");
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "Wil de persoon steun, of meer contact");
	EXPECT_TEXT(t, "(•) Nu (nog) niet");
	walk_keys(t, "1");
	EXPECT_TEXT(t, "(•) Ja, de persoon wil steun");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Sinds wanneer speelt dit?");
	STOP_AND_CONFIRM(t);
	expect_no_referral(*state);
}

static void unwritable_database_says_so_keeps_the_answers_and_stores_once_it_can(void **state)
{
	walk_ctx *w = *state;
	char file[600], db[700];
	snprintf(file, sizeof file, "%s/file", w->dir);
	testdir_put(file, "not a folder\n");
	snprintf(db, sizeof db, "%s/t.db", file);
	walk_ctx_set_db(w, db); /* under a regular file: cannot be made */

	term *t = walk_spawn(w, 24, 80, NULL);
	walk_questions(t, &walk_huisarts);
	char activity[200], code[32];
	walk_choose(t, &walk_huisarts, activity, sizeof activity);
	walk_record_form(t, &walk_huisarts);
	EXPECT_TEXT(t, "Niet vastgelegd");
	EXPECT_GONE(t, "Vastgelegd.");
	/* still the form, everything filled in */
	EXPECT_TEXT(t, "[ Vastleggen ]");
	EXPECT_TEXT(t, "(•) ja");
	EXPECT_TEXT(t, "(•) mondeling");
	EXPECT_TEXT(t, "Notitie (optioneel):    belt zelf na");

	walk_keys(t, "Down"); /* any key clears the message; Up comes back to [ Vastleggen ] */
	EXPECT_GONE(t, "Niet vastgelegd");
	walk_keys(t, "Up Enter");
	EXPECT_TEXT(t, "Niet vastgelegd");

	walk_keys(t, "q");
	EXPECT_TEXT(t, "Wilt u stoppen?");
	walk_keys(t, "n");
	EXPECT_GONE(t, "Wilt u stoppen?");
	EXPECT_TEXT(t, "Notitie (optioneel):    belt zelf na");

	/* the cause goes away: the same answers are stored on the next try */
	assert_int_equal(unlink(file), 0);
	walk_keys(t, "Enter");
	walk_expect_done(t, &walk_huisarts, code, sizeof code);
	walk_check_last_record(db, 1, &walk_huisarts, activity, code);
	EXPECT_QUIT(t, "q");
}

static void search_shows_matches_as_each_letter_is_typed(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	EXPECT_TEXT(t, "Wat is uw rol?");
	walk_keys(t, "/");
	EXPECT_TEXT(t, "Zoeken in het aanbod");
	EXPECT_TEXT(t, "Zoek: ▏");
	walk_keys(t, "l");
	EXPECT_TEXT(t, "Zoek: l▏");
	walk_keys(t, "u");
	EXPECT_TEXT(t, "Zoek: lu▏");
	EXPECT_TEXT(t, "Gelukscafés — Geluks BV"); /* "lu" is in "geluk" */
	walk_keys(t, "i");
	EXPECT_TEXT(t, "Zoek: lui▏");
	EXPECT_GONE(t, "Gelukscafés");
	walk_keys(t, "s");
	EXPECT_TEXT(t, "Zoek: luis▏");
	walk_keys(t, "t");
	EXPECT_TEXT(t, "Zoek: luist▏");
	walk_keys(t, "e");
	EXPECT_TEXT(t, "Zoek: luiste▏");
	walk_keys(t, "r");
	EXPECT_TEXT(t, "Zoek: luister▏");
	EXPECT_TEXT(t, "Luistermaatje — Zin in Utrecht");
	EXPECT_TEXT(t, "De Luisterlijn — De Luisterlijn");
	walk_keys(t, "q"); /* typed, not "stop" */
	EXPECT_TEXT(t, "Zoek: luisterq▏");
	EXPECT_TEXT(t, "Niets gevonden.");
	EXPECT_GONE(t, "Luistermaatje");
	walk_keys(t, "Backspace");
	EXPECT_TEXT(t, "Zoek: luister▏");
	EXPECT_TEXT(t, "Luistermaatje — Zin in Utrecht");
	walk_keys(t, "Enter"); /* the details of the highlighted match */
	EXPECT_TEXT(t, "─ Details ");
	EXPECT_TEXT(t, "Zin in Utrecht");
	walk_keys(t, "Esc"); /* back to the results */
	EXPECT_TEXT(t, "Zoek: luister▏");
	walk_keys(t, "Esc");
	EXPECT_GONE(t, "Zoeken in het aanbod");
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_TEXT(t, "( ) Huisarts"); /* nothing was chosen */
	EXPECT_QUIT(t, "q");
}

static void help_lists_the_keys_and_esc_closes_it(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	EXPECT_TEXT(t, "Wat is uw rol?");
	walk_keys(t, "F1");
	EXPECT_TEXT(t, "─ Hulp ");
	EXPECT_TEXT(t, "F2 !     crisishulp");
	EXPECT_TEXT(t, "/        zoeken");
	walk_keys(t, "Esc");
	EXPECT_GONE(t, "─ Hulp ");
	walk_keys(t, "?");
	EXPECT_TEXT(t, "─ Hulp ");
	walk_keys(t, "Esc");
	EXPECT_GONE(t, "─ Hulp ");
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_QUIT(t, "q");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		WALK_TEST(going_back_keeps_the_earlier_answers_marked),
		WALK_TEST(going_back_from_the_suggestions_keeps_the_chosen_profile_and_answers),
		WALK_TEST(none_of_these_clears_the_other_signals_and_is_cleared_by_them),
		WALK_TEST(a_required_question_says_what_is_missing),
		WALK_TEST(resizing_keeps_the_question_and_its_answer),
		WALK_TEST(crisis_keys_show_the_numbers_on_a_question_the_guide_and_the_suggestions),
		WALK_TEST(in_the_note_field_bang_is_typed_and_f2_opens_the_crisis_numbers),
		WALK_TEST(stopping_with_answers_asks_first_and_records_nothing),
		WALK_TEST(stopping_before_any_answer_does_not_ask),
		WALK_TEST(ctrl_c_asks_before_stopping),
		WALK_TEST(support_nee_ends_with_information_only),
		WALK_TEST(support_nu_niet_ends_with_information_and_esc_goes_back_to_change_it),
		WALK_TEST(unwritable_database_says_so_keeps_the_answers_and_stores_once_it_can),
		WALK_TEST(search_shows_matches_as_each_letter_is_typed),
		WALK_TEST(help_lists_the_keys_and_esc_closes_it),
	};
	return WALK_RUN(argc, argv, tests);
}
