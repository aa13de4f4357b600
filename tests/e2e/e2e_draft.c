/* e2e_draft.c: a walk cut off by SIGTERM (a shutdown) or SIGHUP (the terminal window closed)
 * is kept as a draft and offered at the next start: j takes it up where it was (answers,
 * profile, choice and the record form with its note), n wipes it. A kiosk keeps nothing: the
 * next person starts on a clean welcome screen and the database holds no draft. The same on
 * --plain. A draft damaged in the database never crashes the program. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kill_check.h"
#include "plain_session.h"
#include "term_raw.h"
#include "walk.h"

static const char offer[] = "Er is een ronde die niet was afgemaakt";

/* Stopped by sig halfway through the situation questions; taken up again with j, the rest
 * answered, recorded: the record holds the answers from before the stop too. */
static void stopped_mid_walk_and_taken_up(walk_ctx *w, int sig, bool hangup)
{
	const walk_spec *s = &walk_huisarts;
	term *t = walk_spawn(w, 24, 80, NULL);
	walk_questions_from(t, s, walk_first_question(), "wish");
	EXPECT_TEXT(t, "Wat wil de persoon zelf?");
	if (hangup)
		term_hangup(t); /* the kernel sends SIGHUP */
	else
		term_kill(t, sig);
	int status = term_wait_exit(t, WALK_WAIT_MS);
	assert_true(status == 0 || status == 128 + sig || hangup);
	assert_int_equal(walk_db_rows(w->db, "draft"), 1);
	assert_int_equal(walk_db_int(w->db, "SELECT count(*) FROM referral"), 0);

	t = walk_spawn(w, 24, 80, NULL);
	EXPECT_TEXT(t, offer);
	EXPECT_TEXT(t, "j = verder gaan waar u was");
	walk_keys(t, "j");
	EXPECT_GONE(t, offer);
	EXPECT_TEXT(t, "Wat wil de persoon zelf?");
	assert_int_equal(walk_db_rows(w->db, "draft"), 0); /* taken: no copy stays */
	walk_questions_from(t, s, "wish", NULL);
	char activity[200], code[32];
	walk_to_done(t, s, activity, sizeof activity, code, sizeof code);
	walk_check_last_record(w->db, 1, s, activity, code); /* role, signals, onset: from before the stop */
	EXPECT_QUIT(t, "q");
}

static void sigterm_mid_walk_keeps_a_draft_that_j_takes_up(void **state)
{
	stopped_mid_walk_and_taken_up(*state, SIGTERM, false);
}

static void closing_the_terminal_mid_walk_keeps_a_draft_that_j_takes_up(void **state)
{
	stopped_mid_walk_and_taken_up(*state, SIGHUP, true);
}

/* On the record form, with consent, how, a later date and a note filled in: all of it comes
 * back. */
static void sighup_on_the_record_form_keeps_the_form_and_the_note(void **state)
{
	walk_ctx *w = *state;
	const walk_spec *s = &walk_wijkagent; /* schriftelijk, the date a week later */
	term *t = walk_spawn(w, 24, 80, NULL);
	walk_questions(t, s);
	char activity[200], code[32];
	walk_choose(t, s, activity, sizeof activity);
	walk_keys(t, "Left");
	EXPECT_TEXT(t, "(•) ja");
	walk_keys(t, "Enter Right");
	EXPECT_TEXT(t, "(•) schriftelijk");
	walk_keys(t, "Enter");
	walk_keys(t, s->date_keys);
	walk_keys(t, "Enter");
	term_send(t, "belt maandag");
	EXPECT_TEXT(t, "Notitie (optioneel):    belt maandag");
	term_kill(t, SIGHUP);
	term_wait_exit(t, WALK_WAIT_MS);
	assert_int_equal(walk_db_rows(w->db, "draft"), 1);

	t = walk_spawn(w, 24, 80, NULL);
	EXPECT_TEXT(t, offer);
	walk_keys(t, "j");
	char needle[300];
	snprintf(needle, sizeof needle, "Verwijzing naar: %s (", activity);
	EXPECT_TEXT(t, needle);
	EXPECT_TEXT(t, "(•) ja");
	EXPECT_TEXT(t, "(•) schriftelijk");
	snprintf(needle, sizeof needle, "Nagaan op:              %s", s->followup);
	EXPECT_TEXT(t, needle);
	EXPECT_TEXT(t, "Notitie (optioneel):    belt maandag");
	walk_keys(t, "Enter"); /* the form opens on [ Vastleggen ] when consent is given */
	walk_expect_done(t, s, code, sizeof code);
	walk_record r;
	assert_int_equal(walk_db_read(w->db, &r), 1);
	assert_string_equal(r.note, "belt maandag");
	assert_string_equal(r.consent_how, "schriftelijk");
	assert_string_equal(r.followup_date, s->followup);
	EXPECT_QUIT(t, "q");
}

/* n wipes the draft: a fresh walk, and the next start asks nothing. */
static void n_wipes_the_draft(void **state)
{
	walk_ctx *w = *state;
	term *t = walk_spawn(w, 24, 80, NULL);
	walk_questions_from(t, &walk_huisarts, walk_first_question(), "wish");
	term_kill(t, SIGTERM);
	term_wait_exit(t, WALK_WAIT_MS);
	assert_int_equal(walk_db_rows(w->db, "draft"), 1);
	t = walk_spawn(w, 24, 80, NULL);
	EXPECT_TEXT(t, offer);
	walk_keys(t, "n");
	EXPECT_GONE(t, offer);
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_TEXT(t, "( ) Huisarts");
	assert_int_equal(walk_db_rows(w->db, "draft"), 0);
	EXPECT_QUIT(t, "q");
	t = walk_spawn(w, 24, 80, NULL);
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_GONE(t, offer);
	EXPECT_QUIT(t, "q");
}

/* A kiosk stopped mid-walk keeps nothing, by SIGTERM or a closed terminal alike. */
static void a_kiosk_stopped_mid_walk_keeps_no_draft(void **state)
{
	walk_ctx *w = *state;
	const char *const kiosk[] = {"--mode", "kiosk", NULL};
	for (int round = 0; round < 2; round++) {
		term *t = walk_spawn(w, 24, 80, kiosk);
		walk_questions_from(t, &walk_winkel, walk_first_question(), "wish");
		if (round == 0)
			term_kill(t, SIGTERM);
		else
			term_hangup(t);
		assert_true(term_wait_exit(t, WALK_WAIT_MS) >= 0);
		assert_int_equal(walk_db_rows(w->db, "draft"), 0);
		t = walk_spawn(w, 24, 80, kiosk);
		EXPECT_TEXT(t, "Wat is uw rol?");
		EXPECT_TEXT(t, "( ) Winkel");
		EXPECT_GONE(t, offer);
		term_kill(t, SIGKILL);
	}
	/* and a standard start afterwards finds none either */
	term *t = walk_spawn(w, 24, 80, NULL);
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_GONE(t, offer);
}

/* --plain: SIGTERM while it waits for an answer keeps the draft and says so; the next start
 * offers it, j goes on at the same question with the rest of the lines. */
static void plain_sigterm_keeps_a_draft_that_j_takes_up(void **state)
{
	walk_ctx *w = *state;
	const walk_spec *s = &walk_vrijwilliger;
	char *script = walk_plain_input(s);
	int cut = 0, lines = 0;
	for (const char *p = script; *p; p++)
		lines += *p == '\n';
	cut = lines / 2;
	size_t head = 0;
	for (int i = 0; i < cut; i++)
		head += strcspn(script + head, "\n") + 1;
	char *first = strndup(script, head);
	psess *p = psess_start(w, NULL, first);
	p->hold = true;
	psess *v[1] = {p};
	while (p->prompts <= cut && (p->out >= 0 || p->err >= 0))
		psess_pump(v, 1, WALK_WAIT_MS);
	assert_int_equal(p->prompts, cut + 1); /* waiting for the next answer */
	psess_wait_asleep(p); /* in its read: see the report on a signal just before it */
	assert_true(psess_signal(p, SIGTERM));
	psess_wait(p, WALK_WAIT_MS);
	if (!strstr(p->text, "Gestopt: de onafgemaakte ronde is bewaard")) {
		print_error("%s\n", p->text + (p->len > 3000 ? p->len - 3000 : 0));
		fail_msg("--plain did not say it kept the unfinished walk");
	}
	psess_free(p);
	assert_int_equal(walk_db_rows(w->db, "draft"), 1);

	p = psess_start(w, NULL, script + head);
	p->draft_reply = "j";
	assert_int_equal(psess_wait(p, WALK_WAIT_MS), 0);
	assert_int_equal(p->drafts_offered, 1);
	char codes[1][16];
	assert_int_equal(psess_codes(p, codes, 1), 1);
	psess_free(p);
	walk_record r;
	assert_int_equal(walk_db_read(w->db, &r), 1);
	assert_string_equal(r.case_code, codes[0]);
	assert_string_equal(r.role, walk_spec_value(s, "role"));
	assert_string_equal(r.wijk, walk_spec_value(s, "wijk"));
	assert_string_equal(r.profile, walk_expected_profile(s));
	assert_int_equal(walk_db_rows(w->db, "draft"), 0);
	free(first);
	free(script);
}

/* A draft row damaged in the database (a consent method and a step out of range) is taken up
 * safely or refused: no crash when the form is stored. */
static void a_damaged_draft_never_crashes_the_program(void **state)
{
	walk_ctx *w = *state;
	const walk_spec *s = &walk_huisarts;
	term *t = walk_spawn(w, 24, 80, NULL);
	walk_questions(t, s);
	char activity[200];
	walk_choose(t, s, activity, sizeof activity);
	walk_keys(t, "Left");
	EXPECT_TEXT(t, "(•) ja");
	walk_keys(t, "Enter Left");
	EXPECT_TEXT(t, "(•) mondeling");
	term_kill(t, SIGTERM);
	term_wait_exit(t, WALK_WAIT_MS);
	assert_int_equal(walk_db_rows(w->db, "draft"), 1);
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(w->db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "UPDATE draft SET data = replace(data, '\"_consent_how\":0',"
	                                 " '\"_consent_how\":4000')", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_changes(h), 1);
	sqlite3_close(h);
	t = walk_spawn(w, 24, 80, NULL);
	EXPECT_TEXT(t, offer);
	walk_keys(t, "j");
	EXPECT_GONE(t, offer);
	walk_keys(t, "Enter"); /* on [ Vastleggen ], or on the first question when refused */
	assert_int_equal(term_wait_exit(t, 1000), -1); /* still running */
	STOP_AND_CONFIRM(t);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		WALK_TEST(sigterm_mid_walk_keeps_a_draft_that_j_takes_up),
		WALK_TEST(closing_the_terminal_mid_walk_keeps_a_draft_that_j_takes_up),
		WALK_TEST(sighup_on_the_record_form_keeps_the_form_and_the_note),
		WALK_TEST(n_wipes_the_draft),
		WALK_TEST(a_kiosk_stopped_mid_walk_keeps_no_draft),
		WALK_TEST(plain_sigterm_keeps_a_draft_that_j_takes_up),
		WALK_TEST(a_damaged_draft_never_crashes_the_program),
	};
	return WALK_RUN(argc, argv, tests);
}
