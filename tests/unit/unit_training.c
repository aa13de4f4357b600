/* unit_training.c: the practice cases. Every bundled case in content/training/ loads, and its
 * reference follows from the content: the profile from the rules in profiles.json, every good
 * choice among the first ten suggestions; so a change to the content can never leave a case
 * teaching something the program would not do. The comparison counts only what the case asks,
 * and its text names what differed, both profiles and the good choices. Every case under
 * tests/data/training_broken/<case>/ is refused whole, with each line of its expected.txt
 * (FILE:LINE:COL: substring) and nothing else. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "answers.h"
#include "content.h"
#include "load.h"
#include "profile.h"
#include "rank.h"
#include "training.h"
#include "testdata.h"
#include "util.h"

static content *C;  /* the bundled content */
static ik_cases *K; /* the bundled cases */

static int load_bundled(void **state)
{
	(void)state;
	diags d = {0};
	const char *dir = getenv("INFOKAART_CONTENT");
	if (!dir || content_load(dir, &C, &d) != 0) {
		diags_print(&d, stderr);
		diags_free(&d);
		return -1;
	}
	char *tdir = xasprintf("%s/training", dir);
	int r = content_load_cases(C, tdir, &K, &d);
	free(tdir);
	if (r != 0)
		diags_print(&d, stderr); /* the first test reports it */
	diags_free(&d);
	return 0;
}

static int free_bundled(void **state)
{
	(void)state;
	content_cases_free(K);
	content_free(C);
	K = NULL;
	C = NULL;
	return 0;
}

static const ik_case *need_cases(void)
{
	if (!K)
		fail_msg("the bundled training cases do not load (see the messages above)");
	return K->v;
}

/* A copy of the case's answers, for a trainee who answered exactly the same. */
static answers *copy_answers(const answers *from)
{
	answers *as = answers_new(C);
	for (int q = 0; q < C->nquestions; q++) {
		as->a[q] = from->a[q];
		as->a[q].text = from->a[q].text ? xstrdup(from->a[q].text) : NULL;
	}
	return as;
}

static void assert_contains(const char *text, const char *want)
{
	if (!text || !want || !strstr(text, want))
		fail_msg("'%s' is missing from:\n%s", want ? want : "(null)", text ? text : "(null)");
}

static int q_index(const char *id)
{
	int q = content_question_index(C, id);
	if (q < 0)
		fail_msg("the content has no question '%s'", id);
	return q;
}

/* The first case with a profile whose answer to `question` is `option`. */
static const ik_case *case_answering(const char *question, const char *option)
{
	need_cases();
	int q = q_index(question);
	int o = content_option_index(&C->questions[q], option);
	for (int i = 0; i < K->n; i++)
		if (K->v[i].profile >= 0 && answers_has_opt(K->v[i].answers, q, o))
			return &K->v[i];
	fail_msg("no bundled case answers %s with %s", question, option);
	return NULL;
}

static const ik_case *case_without_profile(void)
{
	need_cases();
	for (int i = 0; i < K->n; i++)
		if (K->v[i].profile < 0)
			return &K->v[i];
	fail_msg("no bundled case ends without support");
	return NULL;
}

/* ---- the bundled cases ---- */

static void bundled_cases_load_without_errors(void **state)
{
	(void)state;
	need_cases();
	assert_true(K->n >= 9);
	for (int i = 0; i < K->n; i++) {
		const ik_case *k = &K->v[i];
		assert_non_null(k->id);
		assert_true(k->nsignals >= 1);
		assert_true(k->nexplanation >= 1);
		assert_true(k->nactivities <= TRAINING_MAX_ACTIVITIES);
		assert_ptr_equal(training_find(K, k->id), k);
		if (i > 0)
			assert_true(strcmp(K->v[i - 1].id, k->id) < 0);
	}
	assert_null(training_find(K, "no_such_case"));
}

static void every_reference_profile_follows_from_the_answers(void **state)
{
	(void)state;
	need_cases();
	for (int i = 0; i < K->n; i++) {
		const ik_case *k = &K->v[i];
		profile_result r;
		profile_infer(C, k->answers, &r);
		if (k->profile < 0) {
			assert_true(training_walk_end(k->answers) >= 0);
			continue;
		}
		if (r.state != PROFILE_SELECTED || r.chosen != k->profile)
			fail_msg("case %s: the rules give %s, the case says %s", k->id,
				 r.state == PROFILE_SELECTED ? C->profiles[r.chosen].id : "no single profile", C->profiles[k->profile].id);
	}
}

static void every_good_choice_is_among_the_first_ten_suggestions(void **state)
{
	(void)state;
	need_cases();
	for (int i = 0; i < K->n; i++) {
		const ik_case *k = &K->v[i];
		if (k->profile < 0) {
			assert_int_equal(k->nactivities, 0);
			continue;
		}
		suggestion s[TRAINING_TOP];
		int n = rank_suggest(C, k->answers, k->profile, 0, s, TRAINING_TOP);
		for (int j = 0; j < k->nactivities; j++) {
			bool found = false;
			for (int m = 0; m < n; m++)
				found |= s[m].activity == k->activities[j];
			if (!found)
				fail_msg("case %s: good choice %s is not among the first %d suggestions", k->id,
					 C->activities[k->activities[j]].id, TRAINING_TOP);
			assert_true(training_place(C, k, k->activities[j]) >= 1);
		}
	}
}

static void bundled_cases_cover_every_profile_every_role_and_a_no(void **state)
{
	(void)state;
	need_cases();
	uint64_t profiles = 0, roles = 0;
	bool no = false;
	int rq = C->facet_q[FACET_ROLE], sq = C->facet_q[FACET_SUPPORT];
	for (int i = 0; i < K->n; i++) {
		const ik_case *k = &K->v[i];
		if (k->profile >= 0)
			profiles |= UINT64_C(1) << k->profile;
		roles |= UINT64_C(1) << answers_single(k->answers, rq);
		no |= k->end_question == sq && k->nactivities == 0;
	}
	for (int p = 0; p < C->nprofiles; p++)
		if (!(profiles >> p & 1))
			fail_msg("no case teaches profile %s", C->profiles[p].id);
	for (int o = 0; o < C->questions[rq].nopts; o++)
		if (!(roles >> o & 1))
			fail_msg("no case is signalled by role %s", C->questions[rq].opts[o].id);
	assert_true(no);
}

/* ---- comparing ---- */

static void identical_answers_give_no_differences_and_say_so(void **state)
{
	(void)state;
	need_cases();
	for (int i = 0; i < K->n; i++) {
		const ik_case *k = &K->v[i];
		answers *t = copy_answers(k->answers);
		int act = k->nactivities ? k->activities[0] : -1;
		training_feedback fb;
		training_compare(C, k, t, k->profile, act, &fb);
		assert_int_equal(fb.ndifferent, 0);
		assert_int_equal(fb.nskipped, 0);
		assert_int_equal(fb.nnot_reached, 0);
		assert_true(fb.nsame > 0);
		assert_true(fb.profile_same);
		assert_int_equal(fb.activity_in_reference, k->nactivities > 0);
		char *text = training_feedback_text(C, k, &fb, t, LANG_NL);
		assert_contains(text, "Geen verschillen");
		assert_null(strstr(text, "Wat anders was"));
		free(text);
		answers_free(t);
	}
}

static void a_different_onset_is_a_difference_and_both_profiles_are_named(void **state)
{
	(void)state;
	const ik_case *k = case_answering("onset", "recent");
	int onset = q_index("onset");
	answers *t = copy_answers(k->answers);
	answers_set_single(t, onset, content_option_index(&C->questions[onset], "lang"));
	profile_result r;
	profile_infer(C, t, &r);
	assert_int_equal(r.state, PROFILE_SELECTED);
	assert_int_not_equal(r.chosen, k->profile);

	training_feedback fb;
	training_compare(C, k, t, r.chosen, k->activities[0], &fb);
	assert_int_equal(fb.ndifferent, 1);
	bool seen = false;
	for (int i = 0; i < fb.nitems; i++)
		if (fb.items[i].question == onset) {
			assert_int_equal(fb.items[i].match, TRAINING_DIFFERENT);
			assert_int_equal(fb.items[i].weight, TRAINING_WEIGHS_PROFILE);
			seen = true;
		}
	assert_true(seen);
	assert_false(fb.profile_same);
	assert_int_equal(fb.reference_profile, k->profile);
	assert_int_equal(fb.trainee_profile, r.chosen);

	char *text = training_feedback_text(C, k, &fb, t, LANG_NL);
	assert_contains(text, "Wat anders was");
	assert_contains(text, C->questions[onset].text.nl);
	assert_contains(text, C->questions[onset].opts[content_option_index(&C->questions[onset], "lang")].text.nl);
	assert_contains(text, C->profiles[k->profile].name.nl);
	assert_contains(text, C->profiles[r.chosen].name.nl);
	assert_contains(text, "bepaalt mee welk profiel past");
	free(text);
	text = training_feedback_text(C, k, &fb, t, LANG_EN);
	assert_contains(text, C->profiles[k->profile].name.en);
	assert_contains(text, C->profiles[r.chosen].name.en);
	free(text);
	answers_free(t);
}

static void an_activity_outside_the_reference_is_reported_with_the_good_choices(void **state)
{
	(void)state;
	const ik_case *k = case_answering("wants_support", "ja");
	int other = -1;
	for (int a = 0; a < C->nactivities && other < 0; a++) {
		bool ref = false;
		for (int j = 0; j < k->nactivities; j++)
			ref |= k->activities[j] == a;
		if (!ref)
			other = a;
	}
	answers *t = copy_answers(k->answers);
	training_feedback fb;
	training_compare(C, k, t, k->profile, other, &fb);
	assert_false(fb.activity_in_reference);
	assert_int_equal(fb.trainee_activity, other);
	char *text = training_feedback_text(C, k, &fb, t, LANG_NL);
	assert_contains(text, C->activities[other].name);
	assert_contains(text, "staat niet bij de goede keuzes");
	assert_contains(text, "Goede keuzes in deze casus:");
	for (int j = 0; j < k->nactivities; j++)
		assert_contains(text, C->activities[k->activities[j]].name);
	free(text);
	answers_free(t);
}

static void an_activity_in_the_reference_is_called_a_good_choice(void **state)
{
	(void)state;
	const ik_case *k = case_answering("wants_support", "ja");
	answers *t = copy_answers(k->answers);
	training_feedback fb;
	training_compare(C, k, t, k->profile, k->activities[k->nactivities - 1], &fb);
	assert_true(fb.activity_in_reference);
	assert_true(fb.activity_place >= 1 && fb.activity_place <= TRAINING_TOP);
	char *text = training_feedback_text(C, k, &fb, t, LANG_NL);
	assert_contains(text, "Dat is een van de goede keuzes");
	free(text);
	answers_free(t);
}

static void the_no_case_compares_without_a_profile(void **state)
{
	(void)state;
	const ik_case *k = case_without_profile();
	int sq = C->facet_q[FACET_SUPPORT];
	assert_int_equal(k->end_question, sq);
	answers *t = copy_answers(k->answers);
	training_feedback fb;
	training_compare(C, k, t, -1, -1, &fb);
	assert_int_equal(fb.ndifferent, 0);
	assert_int_equal(fb.reference_profile, -1);
	assert_true(fb.profile_same);
	assert_false(fb.activity_in_reference);
	assert_int_equal(fb.activity_place, 0);
	char *text = training_feedback_text(C, k, &fb, t, LANG_NL);
	assert_contains(text, "Geen verschillen");
	assert_contains(text, "geen profiel");
	assert_contains(text, "Uw route eindigde ook met alleen informatie");
	assert_contains(text, "U koos geen activiteit. Dat klopt");
	free(text);

	/* a trainee who goes on anyway: the support question differs, and the text says to respect "nee" */
	answers_set_single(t, sq, content_option_index(&C->questions[sq], "ja"));
	int any_activity = 0;
	training_compare(C, k, t, 0, any_activity, &fb);
	assert_int_equal(fb.ndifferent, 1);
	assert_false(fb.profile_same);
	text = training_feedback_text(C, k, &fb, t, LANG_NL);
	assert_contains(text, C->questions[sq].text.nl);
	assert_contains(text, "Respecteer de keuze van de persoon");
	assert_contains(text, "in deze casus past geen activiteit");
	free(text);
	answers_free(t);
}

static void a_trainee_who_stops_early_hears_what_was_not_reached(void **state)
{
	(void)state;
	const ik_case *k = case_answering("wants_support", "ja");
	int sq = C->facet_q[FACET_SUPPORT];
	answers *t = answers_new(C);
	for (int q = 0; q < sq; q++)
		if (k->answers->a[q].set && C->questions[q].type != Q_TEXT)
			t->a[q] = k->answers->a[q];
	answers_set_single(t, sq, content_option_index(&C->questions[sq], "nu_niet"));
	training_feedback fb;
	/* a profile and activity left over from before the trainee went back do not count */
	training_compare(C, k, t, k->profile, k->activities[0], &fb);
	assert_int_equal(fb.trainee_end, sq);
	assert_int_equal(fb.trainee_profile, -1);
	assert_int_equal(fb.trainee_activity, -1);
	assert_false(fb.activity_in_reference);
	assert_int_equal(fb.ndifferent, 1);
	assert_true(fb.nnot_reached > 0);
	char *text = training_feedback_text(C, k, &fb, t, LANG_NL);
	assert_contains(text, "Uw route stopte bij de vraag");
	assert_contains(text, "niet aan bod");
	assert_contains(text, "Uw route eindigde zonder profiel");
	assert_contains(text, C->profiles[k->profile].name.nl);
	free(text);
	answers_free(t);
}

static void an_optional_question_left_open_is_not_a_difference(void **state)
{
	(void)state;
	need_cases();
	const ik_case *k = NULL;
	int opt = -1;
	for (int i = 0; i < K->n && !k; i++)
		for (int q = 0; q < C->nquestions && !k; q++)
			if (C->questions[q].optional && C->questions[q].type != Q_TEXT && K->v[i].answers->a[q].set) {
				k = &K->v[i];
				opt = q;
			}
	assert_non_null(k);
	answers *t = copy_answers(k->answers);
	answers_unset(t, opt);
	training_feedback fb;
	training_compare(C, k, t, k->profile, -1, &fb);
	assert_int_equal(fb.ndifferent, 0);
	assert_int_equal(fb.nskipped, 1);
	char *text = training_feedback_text(C, k, &fb, t, LANG_NL);
	assert_contains(text, "telt niet mee");
	assert_contains(text, "U koos geen activiteit.");
	free(text);

	/* a required one left open is a difference */
	int wijk = C->facet_q[FACET_WIJK];
	answers_unset(t, wijk);
	training_compare(C, k, t, k->profile, -1, &fb);
	assert_int_equal(fb.ndifferent, 1);
	text = training_feedback_text(C, k, &fb, t, LANG_NL);
	assert_contains(text, "(geen antwoord)");
	assert_contains(text, "bepaalt mee welke activiteiten passen");
	free(text);
	answers_free(t);
}

static void a_chosen_profile_against_the_answers_is_named_as_the_trainees_choice(void **state)
{
	(void)state;
	const ik_case *k = case_answering("wants_support", "ja");
	answers *t = copy_answers(k->answers);
	int other = k->profile == 0 ? 1 : 0;
	training_feedback fb;
	training_compare(C, k, t, other, -1, &fb);
	assert_int_equal(fb.ndifferent, 0);
	assert_false(fb.profile_same);
	char *text = training_feedback_text(C, k, &fb, t, LANG_NL);
	assert_contains(text, "u koos zelf een ander profiel");
	assert_contains(text, C->profiles[other].name.nl);
	free(text);
	answers_free(t);
}

/* ---- showing a case ---- */

static void the_case_text_shows_story_signals_and_words_but_not_the_source(void **state)
{
	(void)state;
	need_cases();
	const ik_case *k = &K->v[0];
	char *text = training_case_text(C, k, LANG_NL);
	assert_contains(text, k->title.nl);
	assert_contains(text, k->story.nl);
	for (int i = 0; i < k->nsignals; i++)
		assert_contains(text, k->signals[i].nl);
	for (int i = 0; i < k->nsays; i++)
		assert_contains(text, k->says[i].nl);
	assert_null(strstr(text, k->source)); /* an editor's note, not for the trainee */
	assert_null(strstr(text, "Bron:"));
	assert_null(strstr(text, k->explanation[0].nl)); /* the reasoning is not given away */
	free(text);
	text = training_case_text(C, k, LANG_EN);
	assert_contains(text, k->story.en);
	free(text);
}

static void the_reasoning_is_revealed_one_step_at_a_time(void **state)
{
	(void)state;
	const ik_case *k = case_answering("wants_support", "ja");
	assert_true(k->nexplanation >= 2);
	char *text = training_reveal_text(C, k, 0, LANG_NL);
	assert_null(strstr(text, k->explanation[0].nl));
	free(text);
	text = training_reveal_text(C, k, 1, LANG_NL);
	assert_contains(text, k->explanation[0].nl);
	assert_null(strstr(text, k->explanation[1].nl));
	assert_null(strstr(text, "Goede keuzes in deze casus"));
	free(text);
	text = training_reveal_text(C, k, k->nexplanation + 5, LANG_NL); /* clamped */
	for (int i = 0; i < k->nexplanation; i++)
		assert_contains(text, k->explanation[i].nl);
	assert_contains(text, C->profiles[k->profile].name.nl);
	assert_contains(text, "Goede keuzes in deze casus");
	for (int j = 0; j < k->nactivities; j++)
		assert_contains(text, C->activities[k->activities[j]].name);
	free(text);
	text = training_reveal_text(C, case_without_profile(), 99, LANG_NL);
	assert_contains(text, "geen profiel");
	free(text);
}

/* ---- loading ---- */

static void a_missing_training_folder_gives_zero_cases(void **state)
{
	(void)state;
	diags d = {0};
	ik_cases *cs = NULL;
	assert_int_equal(content_load_cases(C, "/nonexistent/infokaart-unit/training", &cs, &d), 0);
	assert_int_equal(d.n, 0);
	assert_non_null(cs);
	assert_int_equal(cs->n, 0);
	assert_null(training_find(cs, "leeg_huis"));
	content_cases_free(cs);
	content_cases_free(NULL);
}

static void a_file_in_place_of_the_folder_is_an_error(void **state)
{
	(void)state;
	diags d = {0};
	ik_cases *cs = (ik_cases *)&d;
	char *f = xasprintf("%s/infokaart.json", testdata_env("INFOKAART_CONTENT"));
	assert_int_equal(content_load_cases(C, f, &cs, &d), -1);
	assert_null(cs);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "kan de map met oefencasussen niet lezen"));
	diags_free(&d);
	free(f);
}

static void check_case_accepts_a_bundled_case_and_locates_a_broken_one(void **state)
{
	(void)state;
	need_cases();
	diags d = {0};
	char *good = xasprintf("%s/training/%s.json", testdata_env("INFOKAART_CONTENT"), K->v[0].id);
	assert_int_equal(content_check_case(C, good, &d), 0);
	char *bad = xasprintf("%s/training_broken/unknown_profile/basis.json", testdata_env("INFOKAART_TEST_DATA"));
	assert_int_equal(content_check_case(C, bad, &d), 1);
	assert_true(d.v[0].line > 0 && d.v[0].col > 0);
	assert_non_null(strstr(d.v[0].msg, "reference.profile"));
	diags_free(&d);
	free(good);
	free(bad);
}

/* ---- the broken cases ---- */

static void broken_training_case(void **state)
{
	const char *name = *state;
	char *dir = xasprintf("%s/training_broken/%s", testdata_env("INFOKAART_TEST_DATA"), name);
	ik_cases *cs = (ik_cases *)&dir; /* must come back NULL, whatever it held */
	diags d = {0};
	int r = content_load_cases(C, dir, &cs, &d);
	bool none = cs == NULL;
	if (r == 0)
		content_cases_free(cs);
	testdata_expect_refused(dir, "content_load_cases", r, none, &d);
	free(dir);
}

static testdata_cases broken = {"training_broken", true, NULL, "broken_training_", broken_training_case,
				NULL, NULL, .at_least = 15};

int main(void)
{
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(bundled_cases_load_without_errors),
		cmocka_unit_test(every_reference_profile_follows_from_the_answers),
		cmocka_unit_test(every_good_choice_is_among_the_first_ten_suggestions),
		cmocka_unit_test(bundled_cases_cover_every_profile_every_role_and_a_no),
		cmocka_unit_test(identical_answers_give_no_differences_and_say_so),
		cmocka_unit_test(a_different_onset_is_a_difference_and_both_profiles_are_named),
		cmocka_unit_test(an_activity_outside_the_reference_is_reported_with_the_good_choices),
		cmocka_unit_test(an_activity_in_the_reference_is_called_a_good_choice),
		cmocka_unit_test(the_no_case_compares_without_a_profile),
		cmocka_unit_test(a_trainee_who_stops_early_hears_what_was_not_reached),
		cmocka_unit_test(an_optional_question_left_open_is_not_a_difference),
		cmocka_unit_test(a_chosen_profile_against_the_answers_is_named_as_the_trainees_choice),
		cmocka_unit_test(the_case_text_shows_story_signals_and_words_but_not_the_source),
		cmocka_unit_test(the_reasoning_is_revealed_one_step_at_a_time),
		cmocka_unit_test(a_missing_training_folder_gives_zero_cases),
		cmocka_unit_test(a_file_in_place_of_the_folder_is_an_error),
		cmocka_unit_test(check_case_accepts_a_bundled_case_and_locates_a_broken_one),
		TESTDATA_ENOUGH(broken_training_cases_are_present, &broken),
	};
	return testdata_run("training", fixed, ARRAY_LEN(fixed), &broken, load_bundled, free_bundled);
}
