/* unit_profile.c: profile inference. On the bundled content each of the eight profiles is
 * selected by its own onset × wish × capacity answers (content/profiles.json) and names those
 * three questions as deciding; "weet ik niet" selects nothing and lists every profile, nearest
 * first; on the tiny content in tests/data/tie two profiles hold at once: a tie. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "answers.h"
#include "content.h"
#include "testcontent.h"
#include "profile.h"
#include "util.h"

typedef testcontent_fx fixture;

static int setup_tie(void **state)
{
	return testcontent_setup_data(state, "tie");
}

static int q_of(const fixture *fx, const char *id)
{
	return testcontent_q(fx->c, id);
}

static int p_of(const fixture *fx, const char *id)
{
	int p = content_profile_index(fx->c, id);
	if (p < 0)
		fail_msg("no profile '%s'", id);
	return p;
}

/* Answers onset, wish and capacity and checks that exactly `profile` is selected, decided by
 * those three questions in walk order. */
static void assert_selects(fixture *fx, const char *profile, const char *onset, const char *wish, const char *capacity)
{
	answers_clear(fx->as);
	testcontent_answer(fx, "onset", onset);
	testcontent_answer(fx, "wish", wish);
	testcontent_answer(fx, "capacity", capacity);
	profile_result r;
	profile_infer(fx->c, fx->as, &r);
	if (r.state != PROFILE_SELECTED || r.chosen != p_of(fx, profile))
		fail_msg("%s × %s × %s: expected %s, got state %d chosen %s", onset, wish, capacity, profile, r.state,
			 r.chosen >= 0 ? fx->c->profiles[r.chosen].id : "(none)");
	assert_int_equal(r.ncandidates, 1);
	assert_int_equal(r.candidates[0], r.chosen);
	assert_int_equal(r.held[r.chosen], fx->c->profiles[r.chosen].nrules);
	assert_int_equal(r.ndeciding, 3);
	assert_int_equal(r.deciding[0], q_of(fx, "onset"));
	assert_int_equal(r.deciding[1], q_of(fx, "wish"));
	assert_int_equal(r.deciding[2], q_of(fx, "capacity"));
}

/* Each profile of content/profiles.json with the answers its rules name; where a rule allows
 * two capacity options, both are tried. */
static void profile_selects_nieuw_begin(void **state)
{
	assert_selects(*state, "nieuw_begin", "recent", "meer_contact", "zelf");
}

static void profile_selects_opstap_met_hulp(void **state)
{
	assert_selects(*state, "opstap_met_hulp", "recent", "meer_contact", "met_hulp");
	assert_selects(*state, "opstap_met_hulp", "recent", "meer_contact", "beperkt");
}

static void profile_selects_ruimte_voor_verlies(void **state)
{
	assert_selects(*state, "ruimte_voor_verlies", "recent", "niet_nu", "zelf");
}

static void profile_selects_steun_na_verlies(void **state)
{
	assert_selects(*state, "steun_na_verlies", "recent", "niet_nu", "met_hulp");
	assert_selects(*state, "steun_na_verlies", "recent", "niet_nu", "beperkt");
}

static void profile_selects_aansluiting_zoeken(void **state)
{
	assert_selects(*state, "aansluiting_zoeken", "lang", "meer_contact", "zelf");
}

static void profile_selects_contact_aan_huis(void **state)
{
	assert_selects(*state, "contact_aan_huis", "lang", "meer_contact", "met_hulp");
	assert_selects(*state, "contact_aan_huis", "lang", "meer_contact", "beperkt");
}

static void profile_selects_eigen_koers(void **state)
{
	assert_selects(*state, "eigen_koers", "lang", "niet_nu", "zelf");
}

static void profile_selects_vangnet(void **state)
{
	assert_selects(*state, "vangnet", "lang", "niet_nu", "met_hulp");
	assert_selects(*state, "vangnet", "lang", "niet_nu", "beperkt");
}

static void profile_ignores_answers_its_rules_do_not_name(void **state)
{
	fixture *fx = *state;
	testcontent_answer(fx, "wijk", "overvecht");
	testcontent_answer(fx, "age_group", "age_65plus");
	answers_toggle(fx->as, q_of(fx, "loneliness_kind"), 0);
	testcontent_answer(fx, "onset", "lang");
	testcontent_answer(fx, "wish", "niet_nu");
	testcontent_answer(fx, "capacity", "zelf");
	profile_result r;
	profile_infer(fx->c, fx->as, &r);
	assert_int_equal(r.state, PROFILE_SELECTED);
	assert_int_equal(r.chosen, p_of(fx, "eigen_koers"));
	assert_int_equal(r.ndeciding, 3);
}

static void assert_lists_every_profile_nearest_first(const fixture *fx, const profile_result *r)
{
	assert_int_equal(r->state, PROFILE_UNKNOWN);
	assert_int_equal(r->chosen, -1);
	assert_int_equal(r->ncandidates, fx->c->nprofiles);
	uint64_t seen = 0;
	for (int i = 0; i < r->ncandidates; i++) {
		int p = r->candidates[i];
		assert_true(p >= 0 && p < fx->c->nprofiles);
		assert_false(seen >> p & 1);
		seen |= UINT64_C(1) << p;
		if (i > 0)
			assert_true(r->held[r->candidates[i - 1]] >= r->held[p]);
		assert_true(r->held[p] < fx->c->profiles[p].nrules);
	}
}

static void weet_niet_on_onset_selects_no_profile_and_lists_the_nearest_first(void **state)
{
	fixture *fx = *state;
	testcontent_answer(fx, "onset", "weet_niet");
	testcontent_answer(fx, "wish", "meer_contact");
	testcontent_answer(fx, "capacity", "zelf");
	profile_result r;
	profile_infer(fx->c, fx->as, &r);
	assert_lists_every_profile_nearest_first(fx, &r);
	/* wish and capacity hold for exactly these two: they come first, in file order */
	assert_int_equal(r.candidates[0], p_of(fx, "nieuw_begin"));
	assert_int_equal(r.candidates[1], p_of(fx, "aansluiting_zoeken"));
	assert_int_equal(r.held[r.candidates[0]], 2);
	assert_int_equal(r.held[r.candidates[2]], 1);
}

static void weet_niet_on_capacity_selects_no_profile(void **state)
{
	fixture *fx = *state;
	testcontent_answer(fx, "onset", "recent");
	testcontent_answer(fx, "wish", "niet_nu");
	testcontent_answer(fx, "capacity", "weet_niet");
	profile_result r;
	profile_infer(fx->c, fx->as, &r);
	assert_lists_every_profile_nearest_first(fx, &r);
	assert_int_equal(r.candidates[0], p_of(fx, "ruimte_voor_verlies"));
	assert_int_equal(r.candidates[1], p_of(fx, "steun_na_verlies"));
}

static void no_answers_select_no_profile(void **state)
{
	fixture *fx = *state;
	profile_result r;
	profile_infer(fx->c, fx->as, &r);
	assert_lists_every_profile_nearest_first(fx, &r);
	assert_int_equal(r.ndeciding, 0);
	for (int i = 0; i < r.ncandidates; i++)
		assert_int_equal(r.candidates[i], i); /* all equally far: file order */
}

/* ---- tests/data/tie ---- */

static void two_profiles_holding_is_a_tie_with_both_candidates(void **state)
{
	fixture *fx = *state;
	testcontent_answer(fx, "duur", "kort");
	testcontent_answer(fx, "wens", "meer");
	profile_result r;
	profile_infer(fx->c, fx->as, &r);
	assert_int_equal(r.state, PROFILE_TIE);
	assert_int_equal(r.chosen, -1);
	assert_int_equal(r.ncandidates, 2);
	assert_int_equal(r.candidates[0], p_of(fx, "kort_meer")); /* file order */
	assert_int_equal(r.candidates[1], p_of(fx, "kort"));
	assert_int_equal(r.held[p_of(fx, "lang")], 0);
}

static void tie_lists_the_deciding_questions_of_all_candidates_in_walk_order(void **state)
{
	fixture *fx = *state;
	testcontent_answer(fx, "duur", "kort");
	testcontent_answer(fx, "wens", "meer");
	profile_result r;
	profile_infer(fx->c, fx->as, &r);
	/* kort_meer (listed first) names wens before duur; the walk asks duur first */
	assert_int_equal(r.ndeciding, 2);
	assert_int_equal(r.deciding[0], q_of(fx, "duur"));
	assert_int_equal(r.deciding[1], q_of(fx, "wens"));
}

static void one_profile_holding_in_the_tie_content_is_selected(void **state)
{
	fixture *fx = *state;
	testcontent_answer(fx, "duur", "kort");
	testcontent_answer(fx, "wens", "rust");
	profile_result r;
	profile_infer(fx->c, fx->as, &r);
	assert_int_equal(r.state, PROFILE_SELECTED);
	assert_int_equal(r.chosen, p_of(fx, "kort"));
	assert_int_equal(r.ndeciding, 1);
	assert_int_equal(r.deciding[0], q_of(fx, "duur"));
}

#define B(f) cmocka_unit_test_setup_teardown(f, testcontent_setup, testcontent_teardown)
#define TIE(f) cmocka_unit_test_setup_teardown(f, setup_tie, testcontent_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		B(profile_selects_nieuw_begin),
		B(profile_selects_opstap_met_hulp),
		B(profile_selects_ruimte_voor_verlies),
		B(profile_selects_steun_na_verlies),
		B(profile_selects_aansluiting_zoeken),
		B(profile_selects_contact_aan_huis),
		B(profile_selects_eigen_koers),
		B(profile_selects_vangnet),
		B(profile_ignores_answers_its_rules_do_not_name),
		B(weet_niet_on_onset_selects_no_profile_and_lists_the_nearest_first),
		B(weet_niet_on_capacity_selects_no_profile),
		B(no_answers_select_no_profile),
		TIE(two_profiles_holding_is_a_tie_with_both_candidates),
		TIE(tie_lists_the_deciding_questions_of_all_candidates_in_walk_order),
		TIE(one_profile_holding_in_the_tie_content_is_selected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
