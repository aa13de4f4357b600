/* unit_flow.c: the walk-through state machine on the bundled content, without a terminal,
 * with today pinned: where it starts, what it refuses and why, skip logic, the guide step,
 * the ends for "nee" and "nu niet", back keeping answers, profile and suggestion steps, the
 * record step, reset, and the slip the person takes home (never the note). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "content.h"
#include "testcontent.h"
#include "flow.h"
#include "summary.h"
#include "summary.h"
#include "util.h"

typedef struct {
	content *c;
	flow *f;
	int today;
} fixture;

static int setup(void **state)
{
	content *c = testcontent_load(NULL);
	if (!c)
		return -1;
	fixture *fx = xcalloc(1, sizeof *fx);
	fx->c = c;
	fx->today = date_days(2026, 11, 23);
	fx->f = flow_new(fx->c, fx->today);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	flow_free(fx->f);
	content_free(fx->c);
	free(fx);
	return 0;
}

static int q_of(const fixture *fx, const char *id)
{
	return testcontent_q(fx->c, id);
}

static int o_of(const fixture *fx, const char *qid, const char *oid)
{
	int o = content_option_index(&fx->c->questions[q_of(fx, qid)], oid);
	if (o < 0)
		fail_msg("question '%s' has no option '%s'", qid, oid);
	return o;
}

static const char *step_name(const fixture *fx, flow_step s)
{
	static const char *const kinds[] = {"guide", "question", "profile", "suggest", "record", "done", "end_info"};
	return s.kind == STEP_QUESTION ? fx->c->questions[s.index].id : kinds[s.kind];
}

static void assert_at_question(const fixture *fx, const char *id)
{
	flow_step s = flow_current(fx->f);
	if (s.kind != STEP_QUESTION || s.index != q_of(fx, id))
		fail_msg("expected question %s, at %s", id, step_name(fx, s));
}

static void assert_at(const fixture *fx, step_kind k)
{
	flow_step s = flow_current(fx->f);
	if (s.kind != k)
		fail_msg("expected step kind %d, at %s", k, step_name(fx, s));
}

static void next_ok(fixture *fx)
{
	const char *why = NULL;
	flow_step s = flow_current(fx->f);
	if (flow_next(fx->f, &why) != 0)
		fail_msg("flow_next refused at %s: %s", step_name(fx, s), why ? why : "(no reason)");
}

/* Answers single question qid with oid and goes on. */
static void answer_next(fixture *fx, const char *qid, const char *oid)
{
	answers_set_single(fx->f->ans, q_of(fx, qid), o_of(fx, qid, oid));
	next_ok(fx);
}

/* One step back, which comes to question id. */
static void back_to(fixture *fx, const char *id)
{
	assert_int_equal(flow_back(fx->f), 0);
	assert_at_question(fx, id);
}

/* Skip logic both ways: qid answered `first` goes on to question at_first; back, and answered
 * `second`, to at_second. */
static void assert_either_way(fixture *fx, const char *qid, const char *first, const char *at_first,
			      const char *second, const char *at_second)
{
	answer_next(fx, qid, first);
	assert_at_question(fx, at_first);
	assert_int_equal(flow_back(fx->f), 0);
	answer_next(fx, qid, second);
	assert_at_question(fx, at_second);
}

/* One answer in a script: option ids (single: the first; multi: all) for a question. */
typedef struct {
	const char *q;
	const char *opts[4];
} scripted;

/* A person who can be walked from start to profile: 80 in Overvecht, recent loss, wants
 * contact, goes out alone (nieuw_begin). */
static const scripted person[] = {
	{"role", {"vrijwilliger"}},
	{"wants_support", {"ja"}},
	{"onset", {"recent"}},
	{"wish", {"meer_contact"}},
	{"capacity", {"zelf"}},
	{"loneliness_kind", {"sociaal"}},
	{"age_group", {"age_65plus"}},
	{"living", {"ja"}},
	{"wijk", {"overvecht"}},
	{"languages", {"nl"}},
	{NULL, {NULL}},
};

static void apply(fixture *fx, const scripted *s)
{
	int q = q_of(fx, s->q);
	const ik_question *qq = &fx->c->questions[q];
	if (qq->type == Q_SINGLE) {
		answers_set_single(fx->f->ans, q, o_of(fx, s->q, s->opts[0]));
		return;
	}
	for (int i = 0; i < 4 && s->opts[i]; i++) {
		int o = o_of(fx, s->q, s->opts[i]);
		if (!answers_has_opt(fx->f->ans, q, o))
			answers_toggle(fx->f->ans, q, o);
	}
}

static const scripted *find(const scripted *script, const char *id)
{
	for (; script->q; script++)
		if (strcmp(script->q, id) == 0)
			return script;
	return NULL;
}

/* Walks on with script's answers (optional questions it does not name are skipped) until
 * question `stop` (not answered) or, with stop NULL, the first step after the questions. */
static void walk(fixture *fx, const scripted *script, const char *stop)
{
	for (int guard = 0; guard < 200; guard++) {
		flow_step s = flow_current(fx->f);
		if (s.kind == STEP_QUESTION) {
			const char *id = fx->c->questions[s.index].id;
			if (stop && strcmp(id, stop) == 0)
				return;
			const scripted *a = find(script, id);
			if (a)
				apply(fx, a);
		} else if (s.kind != STEP_GUIDE) {
			if (stop)
				fail_msg("walked past the questions without reaching %s", stop);
			return;
		}
		next_ok(fx);
	}
	fail_msg("the walk does not end");
}

/* ---- start, refusal, skipping, guide ---- */

static void flow_starts_at_the_role_question(void **state)
{
	fixture *fx = *state;
	assert_at_question(fx, "role");
	assert_int_equal(flow_current(fx->f).index, fx->c->facet_q[FACET_ROLE]);
	assert_int_equal(flow_phase(fx->f), 0);
	assert_int_equal(flow_back(fx->f), -1);
	assert_false(flow_dirty(fx->f));
}

static void flow_refuses_an_unanswered_required_question_with_a_reason(void **state)
{
	fixture *fx = *state;
	const char *why = NULL;
	assert_int_equal(flow_next(fx->f, &why), -1);
	assert_non_null(why);
	assert_true(strlen(why) > 0);
	assert_at_question(fx, "role");
	/* a required multi question says so too */
	walk(fx, person, "loneliness_kind");
	why = NULL;
	assert_int_equal(flow_next(fx->f, &why), -1);
	assert_non_null(why);
	assert_at_question(fx, "loneliness_kind");
}

static void flow_next_accepts_a_null_reason_pointer(void **state)
{
	fixture *fx = *state;
	assert_int_equal(flow_next(fx->f, NULL), -1);
}

static void flow_skips_optional_questions_without_an_answer(void **state)
{
	fixture *fx = *state;
	answer_next(fx, "role", "wijkagent");
	assert_at_question(fx, "signals_outside");
	assert_true(fx->c->questions[q_of(fx, "signals_outside")].optional);
	next_ok(fx);
	assert_at_question(fx, "signals_away");
	assert_false(fx->f->ans->a[q_of(fx, "signals_outside")].set);
}

/* A cashier sees the person in the shop: curtains, garden and letterbox are not asked. */
static void a_cashier_is_not_asked_about_the_house(void **state)
{
	fixture *fx = *state;
	assert_either_way(fx, "role", "winkel", "signals_away", "vrijwilliger", "signals_outside");
}

/* Talk of death or of not wanting to live: the front end is told once, on leaving the
 * question, to show the crisis numbers before anything else; other signals do not. */
static void a_crisis_signal_asks_for_the_crisis_screen_once(void **state)
{
	fixture *fx = *state;
	walk(fx, person, "signals_contact");
	int q = q_of(fx, "signals_contact");
	answers_toggle(fx->f->ans, q, o_of(fx, "signals_contact", "somber_boos"));
	next_ok(fx);
	assert_false(flow_take_crisis(fx->f));
	back_to(fx, "signals_contact");
	answers_toggle(fx->f->ans, q, o_of(fx, "signals_contact", "doodswens"));
	assert_false(flow_take_crisis(fx->f)); /* choosing it is not yet leaving the question */
	next_ok(fx);
	assert_true(flow_take_crisis(fx->f));
	assert_false(flow_take_crisis(fx->f));
	assert_true(answers_crisis(fx->f->ans));
}

/* Mobility is asked where it matters: not for someone who goes out on their own. */
static void mobility_is_asked_only_when_going_out_alone_is_hard(void **state)
{
	fixture *fx = *state;
	walk(fx, person, "capacity");
	assert_either_way(fx, "capacity", "zelf", "barriers", "met_hulp", "mobility");
	assert_true(fx->c->questions[q_of(fx, "mobility")].optional);
}

static void flow_shows_the_guide_in_the_gesprek_phase(void **state)
{
	fixture *fx = *state;
	answers_set_single(fx->f->ans, q_of(fx, "role"), 0);
	int guides = 0, gesprek = -1;
	for (int p = 0; p < fx->c->nphases; p++)
		if (strcmp(fx->c->phases[p].id, "gesprek") == 0)
			gesprek = p;
	assert_true(gesprek >= 0);
	while (flow_current(fx->f).kind != STEP_QUESTION || flow_current(fx->f).index != q_of(fx, "wants_support")) {
		flow_step s = flow_current(fx->f);
		if (s.kind == STEP_GUIDE) {
			guides++;
			assert_int_equal(s.index, gesprek);
			assert_int_equal(flow_phase(fx->f), gesprek);
		}
		next_ok(fx);
	}
	assert_int_equal(guides, 1);
}

/* ---- ending early ---- */

static void assert_support_answer_ends(fixture *fx, const char *option)
{
	walk(fx, person, "wants_support");
	answers_set_single(fx->f->ans, q_of(fx, "wants_support"), o_of(fx, "wants_support", option));
	next_ok(fx);
	assert_at(fx, STEP_END_INFO);
	assert_int_equal(fx->f->end_option, o_of(fx, "wants_support", option));
	const ik_question *q = &fx->c->questions[q_of(fx, "wants_support")];
	assert_non_null(q->opts[fx->f->end_option].ends);
	assert_int_equal(flow_next(fx->f, NULL), -1); /* information only: no way on */
	assert_at(fx, STEP_END_INFO);
}

static void nee_on_wants_support_ends_with_information(void **state)
{
	assert_support_answer_ends(*state, "nee");
}

static void nu_niet_on_wants_support_ends_with_information(void **state)
{
	assert_support_answer_ends(*state, "nu_niet");
}

static void back_from_end_info_returns_to_support_with_the_answer_kept(void **state)
{
	fixture *fx = *state;
	assert_support_answer_ends(fx, "nu_niet");
	back_to(fx, "wants_support");
	assert_int_equal(answers_single(fx->f->ans, q_of(fx, "wants_support")), o_of(fx, "wants_support", "nu_niet"));
	assert_int_equal(fx->f->end_option, -1);
	/* changing the mind goes on with the walk */
	answer_next(fx, "wants_support", "ja");
	assert_at_question(fx, "onset");
}

/* ---- back ---- */

static void back_keeps_every_earlier_answer(void **state)
{
	fixture *fx = *state;
	walk(fx, person, NULL);
	assert_at(fx, STEP_PROFILE);
	int backs = 0;
	while (flow_back(fx->f) == 0) {
		backs++;
		for (const scripted *s = person; s->q; s++) {
			int q = q_of(fx, s->q);
			if (!fx->f->ans->a[q].set)
				fail_msg("after %d steps back the answer to %s is gone", backs, s->q);
		}
	}
	assert_at_question(fx, "role");
	assert_true(backs > 10);
	/* and forward again without answering anything */
	for (int i = 0; i < backs; i++)
		next_ok(fx);
	assert_at(fx, STEP_PROFILE);
}

static void back_retraces_the_steps_taken(void **state)
{
	fixture *fx = *state;
	walk(fx, person, "wijk"); /* living was asked: 65+ */
	back_to(fx, "groups");
	back_to(fx, "living");
	back_to(fx, "age_group");
}

/* ---- skip logic ---- */

static void living_is_skipped_for_ages_under_55(void **state)
{
	fixture *fx = *state;
	walk(fx, person, "age_group");
	answer_next(fx, "age_group", "age_28_54");
	assert_at_question(fx, "age_years"); /* optional: some groups are for a few years only */
	next_ok(fx);
	assert_at_question(fx, "groups");
}

static void living_is_asked_for_ages_55_to_64_and_65_plus(void **state)
{
	fixture *fx = *state;
	walk(fx, person, "age_group");
	assert_either_way(fx, "age_group", "age_55_64", "living", "age_65plus", "living");
}

static void living_answer_is_dropped_when_age_changes_to_young(void **state)
{
	fixture *fx = *state;
	walk(fx, person, "groups");
	int living = q_of(fx, "living");
	assert_true(fx->f->ans->a[living].set);
	/* back to the age question, the person turns out to be 21 */
	assert_int_equal(flow_back(fx->f), 0);
	back_to(fx, "age_group");
	answer_next(fx, "age_group", "age_16_27");
	assert_at_question(fx, "age_years");
	next_ok(fx);
	assert_at_question(fx, "groups"); /* living skipped now */
	walk(fx, person, NULL);
	assert_at(fx, STEP_PROFILE);
	assert_false(fx->f->ans->a[living].set);
}

/* ---- profile, suggestions, record ---- */

static void profile_step_infers_the_expected_profile(void **state)
{
	fixture *fx = *state;
	walk(fx, person, NULL);
	assert_at(fx, STEP_PROFILE);
	assert_int_equal(fx->f->prof.state, PROFILE_SELECTED);
	assert_int_equal(fx->f->profile, content_profile_index(fx->c, "nieuw_begin"));
	assert_int_equal(flow_phase(fx->f), fx->c->nphases);
	char *why = summary_profile_why(fx->f, LANG_NL);
	assert_non_null(strstr(why, "Sinds kort")); /* the onset answer that decided it */
	free(why);
}

static void profile_step_refuses_to_go_on_without_a_profile(void **state)
{
	fixture *fx = *state;
	static const scripted unsure[] = {
		{"capacity", {"weet_niet"}},
		{NULL, {NULL}},
	};
	walk(fx, person, "capacity");
	apply(fx, &unsure[0]);
	next_ok(fx);
	walk(fx, person, NULL);
	assert_at(fx, STEP_PROFILE);
	assert_int_equal(fx->f->prof.state, PROFILE_UNKNOWN);
	assert_int_equal(fx->f->profile, -1);
	const char *why = NULL;
	assert_int_equal(flow_next(fx->f, &why), -1);
	assert_non_null(why);
	flow_set_profile(fx->f, content_profile_index(fx->c, "opstap_met_hulp"));
	next_ok(fx);
	assert_at(fx, STEP_SUGGEST);
}

static void suggest_step_has_suggestions_and_a_human_route(void **state)
{
	fixture *fx = *state;
	walk(fx, person, NULL);
	next_ok(fx);
	assert_at(fx, STEP_SUGGEST);
	assert_true(fx->f->nsugg > 0);
	assert_true(fx->f->nsugg <= FLOW_MAX_SUGGEST);
	bool human = false;
	for (int i = 0; i < fx->f->nsugg; i++)
		human |= fx->c->activities[fx->f->sugg[i].activity].human_route;
	assert_true(human);
	assert_null(flow_chosen_activity(fx->f));
	const char *why = NULL;
	assert_int_equal(flow_next(fx->f, &why), -1); /* nothing chosen yet */
	assert_non_null(why);
	flow_choose(fx->f, 1);
	assert_ptr_equal(flow_chosen_activity(fx->f), &fx->c->activities[fx->f->sugg[1].activity]);
}

/* The person's walk up to the record step, the first suggestion chosen. */
static void to_record_step(fixture *fx)
{
	walk(fx, person, NULL);
	next_ok(fx);
	flow_choose(fx->f, 0);
	next_ok(fx);
	assert_at(fx, STEP_RECORD);
}

static void record_step_refuses_flow_next(void **state)
{
	fixture *fx = *state;
	to_record_step(fx);
	const char *why = NULL;
	assert_int_equal(flow_next(fx->f, &why), -1);
	assert_non_null(why);
	assert_at(fx, STEP_RECORD);
}

/* The consent rule (flow_may_record): nothing is assumed; yes needs how; no ends the walk on
 * the record step with nothing to record, and leaves no note behind. */
static void the_consent_rule_asks_refers_or_records_nothing(void **state)
{
	fixture *fx = *state;
	to_record_step(fx);
	const char *why = NULL;
	assert_int_equal(flow_may_record(fx->f, &why), FLOW_RECORD_ASK);
	assert_string_equal(why, "Kies of de persoon toestemming geeft: ja of nee.");
	flow_set_consent(fx->f, CONSENT_YES);
	assert_int_equal(flow_may_record(fx->f, &why), FLOW_RECORD_ASK);
	assert_string_equal(why, "Kies hoe de persoon toestemming gaf: mondeling of schriftelijk.");
	assert_int_equal(flow_next(fx->f, &why), -1); /* the reason is the missing choice */
	assert_string_equal(why, "Kies hoe de persoon toestemming gaf: mondeling of schriftelijk.");
	fx->f->consent_how = 0;
	assert_int_equal(flow_may_record(fx->f, NULL), FLOW_RECORD_REFERRAL);
	flow_set_consent(fx->f, CONSENT_NO);
	assert_int_equal(fx->f->consent_how, -1);
	flow_set_note(fx->f, "belt terug");
	assert_int_equal(flow_may_record(fx->f, &why), FLOW_RECORD_NOTHING);
	assert_string_equal(why, "Zonder toestemming verwijst u niemand door. Er wordt niets vastgelegd.");
	next_ok(fx);
	assert_at(fx, STEP_END_INFO);
	assert_int_equal(fx->f->end_option, -1);
	assert_null(fx->f->note);
}

/* A free text answer (the wishes) is never in a draft; the other answers are. */
static void a_draft_never_holds_a_text_answer(void **state)
{
	fixture *fx = *state;
	walk(fx, person, NULL);
	int q = content_question_index(fx->c, "wishes");
	answers_set_text(fx->f->ans, q, "weer zingen");
	assert_false(flow_answer_kept(fx->f, q));
	assert_true(flow_answer_kept(fx->f, content_question_index(fx->c, "role")));
	char *text = flow_draft_text(fx->f);
	assert_null(strstr(text, "zingen"));
	assert_null(strstr(text, "\"wishes\""));
	assert_non_null(strstr(text, "\"role\""));
	free(text);
}

static void flow_recorded_moves_to_done_and_is_no_longer_dirty(void **state)
{
	fixture *fx = *state;
	to_record_step(fx);
	assert_true(flow_dirty(fx->f));
	flow_recorded(fx->f, 42, "K7M2-QX");
	assert_at(fx, STEP_DONE);
	assert_false(flow_dirty(fx->f));
	assert_true(fx->f->recorded);
	assert_true(fx->f->record_id == 42);
	assert_string_equal(fx->f->case_code, "K7M2-QX");
	assert_int_equal(flow_back(fx->f), -1); /* a recorded referral is not walked back into */
}

static void follow_up_is_two_weeks_after_today(void **state)
{
	fixture *fx = *state;
	assert_int_equal(fx->f->followup, date_days(2026, 12, 7));
}

/* ---- reset, note ---- */

static void flow_reset_wipes_answers_and_note(void **state)
{
	fixture *fx = *state;
	walk(fx, person, NULL);
	next_ok(fx);
	flow_choose(fx->f, 0);
	answers_set_text(fx->f->ans, q_of(fx, "wishes"), "weer dansen");
	flow_set_note(fx->f, "belt liever 's ochtends");
	flow_reset(fx->f);
	for (int q = 0; q < fx->c->nquestions; q++)
		assert_false(fx->f->ans->a[q].set);
	assert_null(fx->f->ans->a[q_of(fx, "wishes")].text);
	assert_null(fx->f->note);
	assert_at_question(fx, "role");
	assert_int_equal(flow_back(fx->f), -1);
	assert_int_equal(fx->f->profile, -1);
	assert_int_equal(fx->f->nsugg, 0);
	assert_int_equal(fx->f->chosen, -1);
	assert_false(flow_dirty(fx->f));
}

static void a_note_alone_makes_the_flow_dirty(void **state)
{
	fixture *fx = *state;
	flow_set_note(fx->f, "iets");
	assert_true(flow_dirty(fx->f));
	flow_set_note(fx->f, "");
	assert_null(fx->f->note);
	assert_false(flow_dirty(fx->f));
}

/* ---- the slip ---- */

static void summary_slip_names_the_activity_and_crisis_numbers_but_never_the_note(void **state)
{
	fixture *fx = *state;
	walk(fx, person, NULL);
	next_ok(fx);
	flow_choose(fx->f, 0);
	next_ok(fx);
	answers_set_text(fx->f->ans, q_of(fx, "wishes"), "Wil graag weer naar de kerk");
	flow_set_note(fx->f, "Mevrouw Jansen, Kanaalstraat 12");
	char *slip = summary_slip(fx->f, LANG_NL);
	assert_non_null(strstr(slip, flow_chosen_activity(fx->f)->name));
	static const char *const numbers[] = {"113", "0800-0113", "112", "088 0767 000", "030-2361745"};
	for (size_t i = 0; i < ARRAY_LEN(numbers); i++)
		if (!strstr(slip, numbers[i]))
			fail_msg("the slip lacks %s:\n%s", numbers[i], slip);
	assert_null(strstr(slip, "Jansen"));
	assert_null(strstr(slip, "Kanaalstraat"));
	assert_null(strstr(slip, "kerk"));
	free(slip);
	flow_recorded(fx->f, 7, "AB12-CD");
	slip = summary_slip(fx->f, LANG_NL);
	assert_non_null(strstr(slip, "AB12-CD"));
	assert_non_null(strstr(slip, "2026-12-07")); /* the follow-up date */
	assert_null(strstr(slip, "Jansen"));
	free(slip);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)


/* ---- texts that follow the answers ---- */

/* Every entry's details can be written in both languages, whatever its fields (mobility
 * 'onbekend' had no words once); an ended one says until when it ran. */
static void the_details_of_every_activity_can_be_written(void **state)
{
	fixture *fx = *state;
	for (int i = 0; i < fx->c->nactivities; i++)
		for (int lang = 0; lang < 2; lang++) {
			const ik_activity *a = &fx->c->activities[i];
			char *d = summary_activity(fx->c, a, lang == 0, (ik_lang)lang);
			assert_non_null(strstr(d, a->name));
			if (a->ends_days >= 0 && lang == 0)
				assert_non_null(strstr(d, "Loopt tot en met: "));
			free(d);
		}
}

/* Tips follow the role: the NIZU operator is not sent to the NIZU infolijn, a GP is not told
 * to suggest the GP; before the role is chosen, the general tip shows. */
static void tips_follow_the_role(void **state)
{
	fixture *fx = *state;
	int welkom = fx->c->questions[q_of(fx, "role")].phase, events = q_of(fx, "signals_events");
	char *t = summary_tips(fx->c, fx->f->ans, TIP_PHASE, welkom, LANG_NL);
	assert_non_null(strstr(t, "Tip: Twijfelt u? Bel de NIZU infolijn"));
	free(t);
	answers_set_single(fx->f->ans, q_of(fx, "role"), o_of(fx, "role", "infolijn"));
	t = summary_tips(fx->c, fx->f->ans, TIP_PHASE, welkom, LANG_NL);
	assert_null(strstr(t, "NIZU"));
	free(t);
	t = summary_tips(fx->c, fx->f->ans, TIP_SUGGEST, -1, LANG_NL);
	assert_null(strstr(t, "NIZU infolijn denkt mee"));
	free(t);
	answers_set_single(fx->f->ans, q_of(fx, "role"), o_of(fx, "role", "huisarts"));
	t = summary_tips(fx->c, fx->f->ans, TIP_QUESTION, events, LANG_NL);
	assert_null(strstr(t, "Raad dan de huisarts aan"));
	assert_non_null(strstr(t, "Tip: "));
	free(t);
	for (int i = 0; i < fx->c->nopeners; i++) /* openers are things to say, not advice */
		for (int k = 0; k < fx->c->openers[i].nlines; k++) {
			assert_null(strstr(fx->c->openers[i].lines[k].nl, "NIZU"));
			assert_null(strstr(fx->c->openers[i].lines[k].nl, "Welzijn op Recept"));
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(flow_starts_at_the_role_question),
		T(flow_refuses_an_unanswered_required_question_with_a_reason),
		T(flow_next_accepts_a_null_reason_pointer),
		T(flow_skips_optional_questions_without_an_answer),
		T(a_cashier_is_not_asked_about_the_house),
		T(a_crisis_signal_asks_for_the_crisis_screen_once),
		T(mobility_is_asked_only_when_going_out_alone_is_hard),
		T(the_details_of_every_activity_can_be_written),
		T(tips_follow_the_role),
		T(flow_shows_the_guide_in_the_gesprek_phase),
		T(nee_on_wants_support_ends_with_information),
		T(nu_niet_on_wants_support_ends_with_information),
		T(back_from_end_info_returns_to_support_with_the_answer_kept),
		T(back_keeps_every_earlier_answer),
		T(back_retraces_the_steps_taken),
		T(living_is_skipped_for_ages_under_55),
		T(living_is_asked_for_ages_55_to_64_and_65_plus),
		T(living_answer_is_dropped_when_age_changes_to_young),
		T(profile_step_infers_the_expected_profile),
		T(profile_step_refuses_to_go_on_without_a_profile),
		T(suggest_step_has_suggestions_and_a_human_route),
		T(record_step_refuses_flow_next),
		T(the_consent_rule_asks_refers_or_records_nothing),
		T(a_draft_never_holds_a_text_answer),
		T(flow_recorded_moves_to_done_and_is_no_longer_dirty),
		T(follow_up_is_two_weeks_after_today),
		T(flow_reset_wipes_answers_and_note),
		T(a_note_alone_makes_the_flow_dirty),
		T(summary_slip_names_the_activity_and_crisis_numbers_but_never_the_note),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
