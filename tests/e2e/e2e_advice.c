/* e2e_advice.c: issue 13 through the real program: talk of death opens the crisis screen
 * before anything else (on the screen and in --plain), the texts fit the signaller's role
 * (no "call the NIZU infolijn" to its operator, nor its line among the crisis numbers, no
 * "suggest the GP" to a GP, no "sit beside the person" on the phone, tips never printed as
 * openers), and the human route is shown apart from the ranked activities, each row with the
 * date it was checked instead of a warning. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walk_internal.h"

/* The digit (1-based, as typed) of an option. */
static const char *digit(const char *qid, const char *opt)
{
	static char buf[4][16];
	static int k;
	char *b = buf[k++ % 4];
	snprintf(b, sizeof buf[0], "%d", walk_option_index(qid, opt) + 1);
	return b;
}

/* On the screen: a GP, no signals until the contact question. */
static void to_contact_signals(term *t)
{
	EXPECT_QUESTION(t, "role");
	walk_keys(t, digit("role", "huisarts"));
	EXPECT_TEXT(t, "(•) Huisarts");
	walk_keys(t, "Enter");
	EXPECT_QUESTION(t, "signals_outside");
	walk_keys(t, "Enter");
	EXPECT_QUESTION(t, "signals_away");
	walk_keys(t, "Enter");
	EXPECT_QUESTION(t, "signals_contact");
}

static void a_crisis_signal_opens_the_crisis_screen_before_the_next_question(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	to_contact_signals(t);
	walk_keys(t, digit("signals_contact", "somber_boos"));
	EXPECT_TEXT(t, "[x] Is somber");
	walk_keys(t, "Enter"); /* an ordinary signal: on to the next question, no crisis screen */
	EXPECT_QUESTION(t, "signals_social");
	EXPECT_ABSENT(t, "113 Zelfmoordpreventie —");
	walk_keys(t, "Esc");
	EXPECT_QUESTION(t, "signals_contact");
	walk_keys(t, digit("signals_contact", "doodswens"));
	EXPECT_TEXT(t, "[x] Praat over de dood");
	EXPECT_ABSENT(t, "113 Zelfmoordpreventie —"); /* choosing it is not yet going on */
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Hulp bij nood");
	EXPECT_TEXT(t, "113 Zelfmoordpreventie — 113 of 0800-0113");
	EXPECT_TEXT(t, "112 Alarmnummer — 112");
	walk_keys(t, "Esc"); /* then the walk goes on where it was */
	EXPECT_GONE(t, "113 Zelfmoordpreventie —");
	EXPECT_QUESTION(t, "signals_social");
	STOP_AND_CONFIRM(t);
}

static void plain_a_crisis_signal_prints_the_crisis_numbers_before_the_next_question(void **state)
{
	char input[64];
	snprintf(input, sizeof input, "%s\n\n\n%s\n", digit("role", "huisarts"), digit("signals_contact", "doodswens"));
	char *out;
	walk_run_plain(*state, input, &out);
	const char *asked = strstr(out, walk_question_text("signals_contact"));
	assert_non_null(asked);
	const char *crisis = strstr(asked, "== Hulp bij nood ==");
	const char *next = strstr(asked, walk_question_text("signals_social"));
	if (!crisis || !next || crisis > next) {
		print_error("%s\n", out);
		fail_msg("the crisis numbers do not come between the signal and the next question");
	}
	EXPECT_IN(crisis, "- 113 Zelfmoordpreventie: 113 of 0800-0113");
	free(out);
}

static void the_nizu_operator_is_not_told_to_call_the_nizu_infolijn(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL);
	EXPECT_QUESTION(t, "role");
	EXPECT_TEXT(t, "Tip: Twijfelt u? Bel de NIZU infolijn"); /* the role is not known yet */
	walk_keys(t, digit("role", "infolijn"));
	EXPECT_TEXT(t, "(•) Medewerker van de NIZU infolijn");
	EXPECT_GONE(t, "Bel de NIZU infolijn");
	walk_keys(t, "Enter Enter Enter Enter Enter Enter"); /* the five signal questions */
	EXPECT_TEXT(t, "Zo kunt u beginnen:");
	EXPECT_TEXT(t, "Tip: Aan de telefoon");
	EXPECT_ABSENT(t, "naast de persoon zitten"); /* not on the phone */
	walk_keys(t, "Enter");
	EXPECT_QUESTION(t, "wants_support");
	walk_keys(t, digit("wants_support", "nee"));
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Geen verwijzing nu");
	EXPECT_TEXT(t, "Tip: Zeg dat de persoon altijd zelf kan terugbellen");
	EXPECT_ABSENT(t, "nummer van de NIZU infolijn");
	EXPECT_ABSENT(t, "NIZU infolijn: 030-2361745"); /* nor among the numbers at the end */
	EXPECT_QUIT(t, "q");
}

/* The crisis numbers leave out the signaller's own service (crisis.json, "not_for_roles"):
 * the NIZU operator is not shown the NIZU infolijn, on the crisis screen and in the small
 * window's form of it; before a role is chosen, and to a GP, it is there. */
static void the_crisis_screen_leaves_out_the_nizu_infolijn_for_its_operator(void **state)
{
	term *t = walk_spawn(*state, 40, 100, NULL); /* room for every line */
	EXPECT_QUESTION(t, "role");
	walk_keys(t, "F2");
	EXPECT_TEXT(t, "NIZU infolijn — 030-2361745"); /* no role yet: every line */
	walk_keys(t, "Esc");
	EXPECT_GONE(t, "113 Zelfmoordpreventie —");
	walk_keys(t, digit("role", "infolijn"));
	EXPECT_TEXT(t, "(•) Medewerker van de NIZU infolijn");
	walk_keys(t, "F2");
	EXPECT_TEXT(t, "De Luisterlijn — 088 0767 000"); /* the line before it, in the same frame */
	EXPECT_TEXT(t, "113 Zelfmoordpreventie — 113 of 0800-0113");
	EXPECT_ABSENT(t, "NIZU infolijn —");
	walk_keys(t, "Esc");
	EXPECT_GONE(t, "113 Zelfmoordpreventie —");
	term_resize(t, 14, 50);
	EXPECT_TEXT(t, "Venster te klein");
	walk_keys(t, "F2");
	EXPECT_TEXT(t, "De Luisterlijn: 088 0767 000");
	EXPECT_ABSENT(t, "NIZU infolijn:");
	walk_keys(t, "Esc");
	term_resize(t, 40, 100);
	EXPECT_GONE(t, "Venster te klein");
	walk_keys(t, digit("role", "huisarts"));
	EXPECT_TEXT(t, "(•) Huisarts");
	walk_keys(t, "F2");
	EXPECT_TEXT(t, "NIZU infolijn — 030-2361745"); /* a GP may call it */
	walk_keys(t, "Esc");
	EXPECT_GONE(t, "113 Zelfmoordpreventie —");
	STOP_AND_CONFIRM(t);
}

static void plain_the_crisis_numbers_leave_out_the_nizu_infolijn_for_its_operator(void **state)
{
	char input[32];
	snprintf(input, sizeof input, "!\n%s\n!\n", digit("role", "infolijn"));
	char *out;
	walk_run_plain(*state, input, &out);
	const char *first = strstr(out, "== Hulp bij nood ==");
	assert_non_null(first);
	const char *second = strstr(first + 1, "== Hulp bij nood ==");
	assert_non_null(second);
	EXPECT_IN(first, "- NIZU infolijn: 030-2361745"); /* before the role: every line */
	EXPECT_IN(second, "- De Luisterlijn: 088 0767 000");
	EXPECT_NOT_IN(second, "NIZU infolijn: 030-2361745");
	free(out);
}

static void a_gp_is_not_told_to_suggest_the_gp_and_tips_are_no_openers(void **state)
{
	walk_ctx *w = *state;
	char input[64];
	snprintf(input, sizeof input, "%s\n\n\n\n\n\n\n", digit("role", "huisarts"));
	char *out;
	walk_run_plain(w, input, &out);
	EXPECT_NOT_IN(out, "Raad dan de huisarts aan");
	EXPECT_IN(out, "Tip: Denk bij deze signalen ook aan");
	EXPECT_IN(out, "Tip: Wil de persoon steun? Dan kan Welzijn op Recept");
	EXPECT_NOT_IN(out, "\"Wil de persoon steun?"); /* a tip, not a line to say */
	EXPECT_IN(out, "Tip: Ga naast de persoon zitten");
	free(out);
	snprintf(input, sizeof input, "%s\n\n\n\n\n\n\n", digit("role", "vrijwilliger"));
	walk_run_plain(w, input, &out);
	EXPECT_IN(out, "Tip: Maakt u zich zorgen over depressie, dementie of ziekte? Raad dan de huisarts aan.");
	EXPECT_NOT_IN(out, "Welzijn op Recept");
	free(out);
}

static void the_human_route_is_shown_apart_with_dates_instead_of_warnings(void **state)
{
	term *t = walk_spawn(*state, 24, 80, NULL); /* the route stays in view on a small screen */
	walk_questions(t, &walk_huisarts);
	EXPECT_TEXT(t, "Voorstel op grond van uw antwoorden");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Suggesties voor profiel");
	EXPECT_TEXT(t, "Iemand die verder helpt:");
	EXPECT_TEXT(t, "Welzijn op Recept · 2021-06 — DOCK Utrecht en huisartsen"); /* the GP's route */
	EXPECT_TEXT(t, "/ zoeken");
	int route = walk_find_row(t, "Iemand die verder helpt:");
	for (int row = 0; row < route; row++) { /* the ranked rows come first, each with its date */
		char text[200];
		walk_row_text(t, row, text, sizeof text);
		if (strstr(text, ". ") && strstr(text, " — "))
			assert_non_null(strstr(text, " · 20")); /* "Name · 2021-06 — Organisation" */
	}
	EXPECT_ABSENT(t, "[controleren]");
	STOP_AND_CONFIRM(t);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		WALK_TEST(a_crisis_signal_opens_the_crisis_screen_before_the_next_question),
		WALK_TEST(plain_a_crisis_signal_prints_the_crisis_numbers_before_the_next_question),
		WALK_TEST(the_nizu_operator_is_not_told_to_call_the_nizu_infolijn),
		WALK_TEST(the_crisis_screen_leaves_out_the_nizu_infolijn_for_its_operator),
		WALK_TEST(plain_the_crisis_numbers_leave_out_the_nizu_infolijn_for_its_operator),
		WALK_TEST(a_gp_is_not_told_to_suggest_the_gp_and_tips_are_no_openers),
		WALK_TEST(the_human_route_is_shown_apart_with_dates_instead_of_warnings),
	};
	return WALK_RUN(argc, argv, tests);
}
