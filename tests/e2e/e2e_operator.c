/* e2e_operator.c: infokaart --mode operator, as a NIZU infolijn operator uses it during a
 * call: the home screen with search that narrows with every key (diacritics forgiven), the
 * follow-ups due today and recording how one went, a case code typed to see its referrals,
 * F3 between the walk and home, a quick note (F6) that goes with the referral, and the call
 * timer that F5 starts again (asking first when answers would be lost). */
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

/* WALK_NOW minus 14 days: a referral made then is due today. */
#define FOURTEEN_DAYS_AGO "1794236381"

static const char *const operator_args[] = {"--mode", "operator", NULL};

static term *start_operator_sized(walk_ctx *w, int rows, int cols)
{
	term *t = walk_spawn(w, rows, cols, operator_args);
	EXPECT_TEXT(t, "Zoek in het aanbod, of typ een casuscode:");
	return t;
}

static term *start_operator(walk_ctx *w)
{
	return start_operator_sized(w, 24, 80);
}

/* Records walk_huisarts with --plain at `now` (the follow-up comes 14 days later); writes the
 * case code. */
static void seed_referral(walk_ctx *w, const char *now, char *code, size_t n)
{
	static const char *const plain_args[] = {"--plain", NULL};
	walk_ctx_setenv(w, "INFOKAART_NOW", now);
	char *input = walk_plain_input(&walk_huisarts);
	char *out, *err;
	int status = walk_run_piped(w, plain_args, input, &out, &err);
	if (status != 0)
		print_error("stdout:\n%s\nstderr:\n%s\n", out, err);
	free(input);
	free(out);
	free(err);
	assert_int_equal(status, 0);
	walk_ctx_setenv(w, "INFOKAART_NOW", WALK_NOW);
	walk_record r;
	assert_int_equal(walk_db_read(w->db, &r), 1);
	snprintf(code, n, "%s", r.case_code);
}

static void home_search_narrows_with_every_key_and_forgives_diacritics(void **state)
{
	term *t = start_operator(*state);
	EXPECT_TEXT(t, "Na te gaan (vandaag of eerder): 0");
	EXPECT_TEXT(t, "NIZU infolijn — Netwerk Informele Zorg Utrecht (NIZU)");
	walk_keys(t, "l");
	EXPECT_TEXT(t, "  l▏");
	EXPECT_TEXT(t, "NIZU infolijn — Netwerk Informele Zorg Utrecht (NIZU)");
	walk_keys(t, "u");
	EXPECT_TEXT(t, "  lu▏");
	EXPECT_GONE(t, "NIZU infolijn — Netwerk");
	EXPECT_TEXT(t, "Gelukscafés — Geluks BV"); /* "lu" is in "geluk" */
	EXPECT_TEXT(t, "Handjehelpen — Handjehelpen");
	walk_keys(t, "i");
	EXPECT_TEXT(t, "  lui▏");
	EXPECT_GONE(t, "Gelukscafés");
	EXPECT_GONE(t, "Handjehelpen");
	EXPECT_TEXT(t, "Luistermaatje — Zin in Utrecht");
	EXPECT_TEXT(t, "De Luisterlijn — De Luisterlijn");
	walk_keys(t, "s");
	EXPECT_TEXT(t, "  luis▏");
	EXPECT_TEXT(t, "Luistermaatje — Zin in Utrecht");
	EXPECT_TEXT(t, "De Luisterlijn — De Luisterlijn");
	walk_keys(t, "q"); /* typed into the search, not "stop" */
	EXPECT_TEXT(t, "  luisq▏");
	EXPECT_TEXT(t, "Niets gevonden.");
	EXPECT_GONE(t, "Luistermaatje");

	walk_keys(t, "Esc"); /* clears the search */
	EXPECT_GONE(t, "luisq");
	EXPECT_TEXT(t, "NIZU infolijn — Netwerk Informele Zorg Utrecht (NIZU)");
	term_send(t, "cafe"); /* the catalogue writes "Gelukscafés" */
	EXPECT_TEXT(t, "  cafe▏");
	EXPECT_TEXT(t, "Gelukscafés — Geluks BV");
	EXPECT_GONE(t, "NIZU infolijn — Netwerk");
	EXPECT_QUIT(t, "Esc Esc"); /* the search, then (empty) stop: nothing to lose */
}

static void a_follow_up_due_today_is_listed_and_its_outcome_recorded(void **state)
{
	walk_ctx *w = *state;
	char code[32], needle[200];
	seed_referral(w, FOURTEEN_DAYS_AGO, code, sizeof code);
	walk_record r;
	walk_db_read(w->db, &r);
	assert_string_equal(r.followup_date, WALK_TODAY);

	term *t = start_operator(w);
	EXPECT_TEXT(t, "Na te gaan (vandaag of eerder): 1");
	snprintf(needle, sizeof needle, "%s  %s  ", code, WALK_TODAY);
	EXPECT_TEXT(t, needle);
	EXPECT_TEXT(t, "(Verwezen)");
	walk_keys(t, "Tab");
	EXPECT_SELECTED(t, needle, 4);
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "─ Hoe ging het? ");
	snprintf(needle, sizeof needle, "%s, verwezen naar ", code);
	EXPECT_TEXT(t, needle);
	EXPECT_TEXT(t, "(•) Verwezen");
	walk_keys(t, "Down Down");
	EXPECT_SELECTED(t, "( ) Gestart", 4);
	walk_keys(t, "Enter");
	snprintf(needle, sizeof needle, "Vastgelegd: %s is nu 'Gestart'; nagaan op 2026-12-07.", code);
	EXPECT_TEXT(t, needle);
	EXPECT_GONE(t, "─ Hoe ging het? ");
	EXPECT_TEXT(t, "Na te gaan (vandaag of eerder): 0"); /* its next date is two weeks on */
	assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM referral_status s JOIN referral r"
	                                    " ON r.id = s.referral_id WHERE s.status = 'gestart'"
	                                    " AND s.role = 'infolijn' AND r.followup_date = '2026-12-07'"),
	                 1);
	EXPECT_QUIT(t, "Esc"); /* on home, q is typed into the search; Esc on it empty stops */
}

/* The outcome dialog: a digit chooses a status, the next date is the operator's to set, Enter
 * on what is already recorded adds no second history row, and every row carries a role. */
static void an_outcome_is_chosen_by_digit_with_a_next_date_and_never_saved_twice(void **state)
{
	walk_ctx *w = *state;
	char code[32], needle[200];
	seed_referral(w, FOURTEEN_DAYS_AGO, code, sizeof code);
	term *t = start_operator(w);
	EXPECT_TEXT(t, "Na te gaan (vandaag of eerder): 1");
	walk_keys(t, "Tab Enter");
	EXPECT_TEXT(t, "─ Hoe ging het? ");
	EXPECT_TEXT(t, "Volgende keer nagaan: 2026-12-07");
	walk_keys(t, "3");
	EXPECT_SELECTED(t, "3 ( ) Gestart", 4);
	walk_keys(t, "Right");
	EXPECT_TEXT(t, "Volgende keer nagaan: 2026-12-08");
	walk_keys(t, "Enter");
	snprintf(needle, sizeof needle, "Vastgelegd: %s is nu 'Gestart'; nagaan op 2026-12-08.", code);
	EXPECT_TEXT(t, needle);
	term_send(t, code); /* its referrals: open the same one again */
	snprintf(needle, sizeof needle, "Casus %s: 1 verwijzing(en)", code);
	EXPECT_TEXT(t, needle);
	walk_keys(t, "Tab Enter");
	EXPECT_TEXT(t, "3 (•) Gestart");
	EXPECT_TEXT(t, "Volgende keer nagaan: 2026-12-08"); /* the date it has */
	walk_keys(t, "Enter");
	snprintf(needle, sizeof needle, "Niets veranderd: %s is al 'Gestart'.", code);
	EXPECT_TEXT(t, needle);
	assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM referral_status WHERE status = 'gestart'"), 1);
	assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM referral_status WHERE role = ''"), 0);
	assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM referral WHERE followup_date = '2026-12-08'"), 1);
	EXPECT_QUIT(t, "Esc Esc");
}

/* A follow-up whose date has passed is listed as late, not as today's. */
static void an_overdue_follow_up_is_marked_late(void **state)
{
	walk_ctx *w = *state;
	char code[32], needle[200];
	seed_referral(w, "1794149981", code, sizeof code); /* 15 days ago: due yesterday */
	term *t = start_operator(w);
	snprintf(needle, sizeof needle, "%s  2026-11-22 te laat  ", code);
	EXPECT_TEXT(t, needle);
	walk_keys(t, "Tab Enter");
	EXPECT_TEXT(t, "na te gaan op 2026-11-22 (te");
	EXPECT_TEXT(t, "laat).");
	EXPECT_TEXT(t, "Volgende keer nagaan: 2026-12-07"); /* a new date, from today */
	EXPECT_QUIT(t, "Esc Esc");
}

/* Ctrl-C while a note is typed (not yet confirmed) asks before anything is lost. */
static void ctrl_c_with_a_note_being_typed_asks_first(void **state)
{
	term *t = start_operator(*state);
	walk_keys(t, "F6");
	EXPECT_TEXT(t, "─ Notitie bij dit gesprek ");
	term_send(t, "belt vrijdag terug");
	EXPECT_TEXT(t, "belt vrijdag terug▏");
	term_kill(t, SIGINT);
	EXPECT_TEXT(t, "Wilt u stoppen?");
	EXPECT_TEXT(t, "j = ja, stoppen");
	assert_int_equal(term_wait_exit(t, 300), -1);
	walk_keys(t, "n");
	EXPECT_GONE(t, "Wilt u stoppen?");
	walk_keys(t, "F6"); /* the note is still there */
	EXPECT_TEXT(t, "belt vrijdag terug▏");
	walk_keys(t, "Esc");
	term_kill(t, SIGINT);
	EXPECT_TEXT(t, "Wilt u stoppen?");
	EXPECT_QUIT(t, "j");
}

static void typing_a_case_code_shows_that_cases_referrals(void **state)
{
	walk_ctx *w = *state;
	char code[32], needle[200];
	seed_referral(w, WALK_NOW, code, sizeof code); /* due in 14 days: not listed today */
	term *t = start_operator(w);
	EXPECT_TEXT(t, "Na te gaan (vandaag of eerder): 0");
	term_send(t, code);
	snprintf(needle, sizeof needle, "Casus %s: 1 verwijzing(en)", code);
	EXPECT_TEXT(t, needle);
	snprintf(needle, sizeof needle, "%s  %s  ", code, WALK_DEFAULT_FOLLOWUP);
	EXPECT_TEXT(t, needle);
	EXPECT_TEXT(t, "(Verwezen)");
	walk_keys(t, "Backspace"); /* no longer a code: today's list again */
	EXPECT_TEXT(t, "Na te gaan (vandaag of eerder): 0");
	EXPECT_GONE(t, needle);
	EXPECT_QUIT(t, "Esc Esc");
}

static void f3_starts_the_walk_and_f3_returns_home_keeping_the_answers(void **state)
{
	term *t = start_operator(*state);
	walk_keys(t, "F3");
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_GONE(t, "Zoek in het aanbod");
	walk_keys(t, "1");
	EXPECT_TEXT(t, "(•) Huisarts");
	walk_keys(t, "F3");
	EXPECT_TEXT(t, "Zoek in het aanbod, of typ een casuscode:");
	EXPECT_TEXT(t, "Na te gaan (vandaag of eerder): 0");
	EXPECT_GONE(t, "Wat is uw rol?");
	walk_keys(t, "F3");
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_TEXT(t, "(•) Huisarts");
	STOP_AND_CONFIRM(t);
}

static void an_f6_note_is_stored_with_the_referral(void **state)
{
	walk_ctx *w = *state;
	term *t = start_operator(w);
	walk_keys(t, "F6");
	EXPECT_TEXT(t, "─ Notitie bij dit gesprek ");
	term_send(t, "belt vrijdag terug");
	EXPECT_TEXT(t, "belt vrijdag terug▏");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Notitie bewaard; ze komt bij de verwijzing.");
	EXPECT_GONE(t, "─ Notitie bij dit gesprek ");
	walk_keys(t, "F3");
	walk_spec s = walk_huisarts;
	s.note = NULL; /* nothing typed on the form: the note is there already */
	walk_questions(t, &s);
	char activity[200], code[32];
	walk_choose(t, &s, activity, sizeof activity);
	EXPECT_TEXT(t, "Notitie (optioneel):    belt vrijdag terug");
	walk_record_form(t, &s);
	walk_expect_done(t, &s, code, sizeof code);
	walk_record r;
	assert_int_equal(walk_db_read(w->db, &r), 1);
	s.note = "belt vrijdag terug";
	walk_check_record(&r, &s, activity, code);
	EXPECT_QUIT(t, "q");
}

static void the_call_timer_runs_and_f5_twice_starts_a_new_call_without_the_answers(void **state)
{
	/* 80 columns: the warning fits the status line whole */
	term *t = start_operator_sized(*state, 24, 80);
	EXPECT_TEXT(t, "gesprek 00:0");
	walk_keys(t, "F3");
	EXPECT_TEXT(t, "Wat is uw rol?");
	walk_keys(t, "2");
	EXPECT_TEXT(t, "(•) Wijkagent");
	EXPECT_GONE(t, "gesprek 00:00"); /* the clock runs while nothing is typed */
	EXPECT_TEXT(t, "gesprek 00:");
	walk_keys(t, "F5");
	EXPECT_TEXT(t, "Niet vastgelegde antwoorden: nog eens F5 wist ze.");
	EXPECT_TEXT(t, "(•) Wijkagent"); /* not yet */
	EXPECT_ABSENT(t, "gesprek 00:00");
	walk_keys(t, "F5");
	EXPECT_TEXT(t, "Nieuw gesprek: de tijd loopt vanaf nu.");
	EXPECT_TEXT(t, "gesprek 00:00");
	EXPECT_TEXT(t, "Zoek in het aanbod, of typ een casuscode:");
	walk_keys(t, "F3");
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_TEXT(t, "( ) Wijkagent");
	EXPECT_GONE(t, "(•)");
	EXPECT_QUIT(t, "q"); /* nothing to lose */
}

static void f5_without_answers_restarts_the_timer_at_once(void **state)
{
	term *t = start_operator(*state);
	EXPECT_TEXT(t, "gesprek 00:0");
	EXPECT_GONE(t, "gesprek 00:00");
	walk_keys(t, "F5");
	EXPECT_TEXT(t, "Nieuw gesprek: de tijd loopt vanaf nu.");
	EXPECT_TEXT(t, "gesprek 00:00");
	EXPECT_QUIT(t, "Esc");
}

/* The home screen reads how the last sync went from the database (it never touches the
 * network): nothing while no sync is set up, and after a failed attempt what is still to send
 * and a warning. */
static void the_home_screen_says_how_the_last_sync_went(void **state)
{
	walk_ctx *w = *state;
	char code[16];
	seed_referral(w, FOURTEEN_DAYS_AGO, code, sizeof code);
	term *t = start_operator(w);
	EXPECT_ABSENT(t, "ynchronisatie");
	EXPECT_QUIT(t, "Esc");
	/* nothing listens on port 1: the attempt fails at once */
	static const char *const sync_args[] = {"sync", "--to", "postgresql://infokaart@127.0.0.1:1/x", NULL};
	char *out, *err;
	int status = walk_run_piped(w, sync_args, "", &out, &err);
	assert_int_equal(status, 1);
	assert_non_null(strstr(err, "synchroniseren is mislukt"));
	free(out);
	free(err);
	t = start_operator(w);
	/* the referral and its first status row wait */
	EXPECT_TEXT(t, "Synchronisatie mislukt (laatst gelukt: nog nooit) · 2 te versturen");
	EXPECT_QUIT(t, "Esc");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		WALK_TEST(home_search_narrows_with_every_key_and_forgives_diacritics),
		WALK_TEST(a_follow_up_due_today_is_listed_and_its_outcome_recorded),
		WALK_TEST(typing_a_case_code_shows_that_cases_referrals),
		WALK_TEST(f3_starts_the_walk_and_f3_returns_home_keeping_the_answers),
		WALK_TEST(an_f6_note_is_stored_with_the_referral),
		WALK_TEST(the_call_timer_runs_and_f5_twice_starts_a_new_call_without_the_answers),
		WALK_TEST(an_outcome_is_chosen_by_digit_with_a_next_date_and_never_saved_twice),
		WALK_TEST(an_overdue_follow_up_is_marked_late),
		WALK_TEST(ctrl_c_with_a_note_being_typed_asks_first),
		WALK_TEST(f5_without_answers_restarts_the_timer_at_once),
		WALK_TEST(the_home_screen_says_how_the_last_sync_went),
	};
	return WALK_RUN(argc, argv, tests);
}
