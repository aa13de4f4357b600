/* unit_answers.c: the answer slots of one walk-through on the bundled content: single,
 * multi (with "geen van deze" options that exclude the others), text and number answers,
 * conditions (any / none), skip logic and completeness of optional and required questions. */
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

typedef testcontent_fx fixture;

static int q_of(const fixture *fx, const char *id)
{
	return testcontent_q(fx->c, id);
}

static int o_of(const fixture *fx, int q, const char *id)
{
	return testcontent_o(fx->c, q, id);
}

static uint64_t bit(int o)
{
	return UINT64_C(1) << o;
}

static void answers_start_unset(void **state)
{
	fixture *fx = *state;
	for (int q = 0; q < fx->c->nquestions; q++) {
		assert_false(fx->as->a[q].set);
		assert_int_equal(answers_single(fx->as, q), -1);
	}
}

static void single_answer_replaces_the_previous_one(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "wijk");
	answers_set_single(fx->as, q, o_of(fx, q, "overvecht"));
	assert_int_equal(answers_single(fx->as, q), o_of(fx, q, "overvecht"));
	answers_set_single(fx->as, q, o_of(fx, q, "zuid"));
	assert_int_equal(answers_single(fx->as, q), o_of(fx, q, "zuid"));
	assert_false(answers_has_opt(fx->as, q, o_of(fx, q, "overvecht")));
	assert_true(answers_has_opt(fx->as, q, o_of(fx, q, "zuid")));
}

static void unset_forgets_a_single_answer(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "wijk");
	answers_set_single(fx->as, q, 0);
	answers_unset(fx->as, q);
	assert_false(fx->as->a[q].set);
	assert_int_equal(answers_single(fx->as, q), -1);
	assert_false(answers_has_opt(fx->as, q, 0));
}

static void toggle_adds_and_removes_multi_options(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "interests");
	int muziek = o_of(fx, q, "muziek"), dieren = o_of(fx, q, "dieren");
	answers_toggle(fx->as, q, muziek);
	answers_toggle(fx->as, q, dieren);
	assert_true(fx->as->a[q].set);
	assert_true(fx->as->a[q].opts == (bit(muziek) | bit(dieren)));
	answers_toggle(fx->as, q, muziek);
	assert_true(fx->as->a[q].opts == bit(dieren));
	answers_toggle(fx->as, q, dieren);
	assert_false(fx->as->a[q].set); /* nothing chosen: unanswered again */
	assert_true(fx->as->a[q].opts == 0);
}

static void toggling_an_exclusive_option_clears_the_others(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "barriers");
	int geld = o_of(fx, q, "geld"), taal = o_of(fx, q, "taal"), geen = o_of(fx, q, "geen");
	assert_true(fx->c->questions[q].opts[geen].exclusive);
	answers_toggle(fx->as, q, geld);
	answers_toggle(fx->as, q, taal);
	answers_toggle(fx->as, q, geen);
	assert_true(fx->as->a[q].opts == bit(geen));
	assert_true(fx->as->a[q].set);
}

static void toggling_another_option_clears_the_exclusive_one(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "barriers");
	int geld = o_of(fx, q, "geld"), geen = o_of(fx, q, "geen");
	answers_toggle(fx->as, q, geen);
	answers_toggle(fx->as, q, geld);
	assert_true(fx->as->a[q].opts == bit(geld));
}

static void exclusive_option_toggles_off_like_any_other(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "loneliness_kind");
	int wn = o_of(fx, q, "weet_niet");
	answers_toggle(fx->as, q, wn);
	answers_toggle(fx->as, q, wn);
	assert_false(fx->as->a[q].set);
}

static void text_answer_is_copied_and_empty_text_unsets(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "wishes");
	char buf[] = "weer samen fietsen";
	answers_set_text(fx->as, q, buf);
	buf[0] = 'X'; /* the answer owns its copy */
	assert_true(fx->as->a[q].set);
	assert_string_equal(fx->as->a[q].text, "weer samen fietsen");
	answers_set_text(fx->as, q, "dansen");
	assert_string_equal(fx->as->a[q].text, "dansen");
	answers_set_text(fx->as, q, "");
	assert_false(fx->as->a[q].set);
	assert_null(fx->as->a[q].text);
	answers_set_text(fx->as, q, "iets");
	answers_set_text(fx->as, q, NULL);
	assert_false(fx->as->a[q].set);
	assert_null(fx->as->a[q].text);
}

static void number_answer_is_kept_and_zero_counts_as_answered(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "contacts_per_week");
	answers_set_value(fx->as, q, 0);
	assert_true(fx->as->a[q].set);
	assert_int_equal(fx->as->a[q].value, 0);
	answers_set_value(fx->as, q, 7);
	assert_int_equal(fx->as->a[q].value, 7);
	answers_unset(fx->as, q);
	assert_false(fx->as->a[q].set);
}

static void clear_forgets_every_answer(void **state)
{
	fixture *fx = *state;
	answers_set_single(fx->as, q_of(fx, "role"), 0);
	answers_set_text(fx->as, q_of(fx, "wishes"), "iets");
	answers_set_value(fx->as, q_of(fx, "contact_satisfaction"), 3);
	answers_clear(fx->as);
	for (int q = 0; q < fx->c->nquestions; q++)
		assert_false(fx->as->a[q].set);
	assert_null(fx->as->a[q_of(fx, "wishes")].text);
}

static void facet_helpers_read_the_facet_question(void **state)
{
	fixture *fx = *state;
	int w = q_of(fx, "wijk"), b = q_of(fx, "barriers");
	assert_int_equal(answers_facet_single(fx->as, FACET_WIJK), -1);
	assert_true(answers_facet_opts(fx->as, FACET_BARRIERS) == 0);
	answers_set_single(fx->as, w, o_of(fx, w, "oost"));
	answers_toggle(fx->as, b, o_of(fx, b, "gehoor"));
	assert_int_equal(answers_facet_single(fx->as, FACET_WIJK), o_of(fx, w, "oost"));
	assert_true(answers_facet_opts(fx->as, FACET_BARRIERS) == bit(o_of(fx, b, "gehoor")));
}

static void any_condition_holds_when_one_option_is_chosen(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "age_group");
	ik_cond cond = {q, bit(o_of(fx, q, "age_55_64")) | bit(o_of(fx, q, "age_65plus")), false};
	assert_false(answers_cond_holds(fx->as, &cond)); /* unanswered */
	answers_set_single(fx->as, q, o_of(fx, q, "age_28_54"));
	assert_false(answers_cond_holds(fx->as, &cond));
	answers_set_single(fx->as, q, o_of(fx, q, "age_65plus"));
	assert_true(answers_cond_holds(fx->as, &cond));
}

static void none_condition_holds_when_no_listed_option_is_chosen(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "barriers");
	ik_cond cond = {q, bit(o_of(fx, q, "geld")) | bit(o_of(fx, q, "taal")), true};
	assert_true(answers_cond_holds(fx->as, &cond)); /* an unanswered question includes none */
	answers_toggle(fx->as, q, o_of(fx, q, "gehoor"));
	assert_true(answers_cond_holds(fx->as, &cond));
	answers_toggle(fx->as, q, o_of(fx, q, "taal"));
	assert_false(answers_cond_holds(fx->as, &cond));
}

static void all_conditions_must_hold(void **state)
{
	fixture *fx = *state;
	int a = q_of(fx, "age_group"), w = q_of(fx, "wijk");
	ik_cond conds[2] = {{a, bit(o_of(fx, a, "age_65plus")), false}, {w, bit(o_of(fx, w, "zuid")), true}};
	answers_set_single(fx->as, a, o_of(fx, a, "age_65plus"));
	assert_true(answers_conds_hold(fx->as, conds, 2));
	answers_set_single(fx->as, w, o_of(fx, w, "zuid"));
	assert_false(answers_conds_hold(fx->as, conds, 2));
	assert_true(answers_conds_hold(fx->as, conds, 0)); /* no conditions: always */
}

static void living_applies_only_for_ages_55_and_up(void **state)
{
	fixture *fx = *state;
	int living = q_of(fx, "living"), age = q_of(fx, "age_group");
	assert_false(answers_applies(fx->as, living)); /* age not known yet */
	answers_set_single(fx->as, age, o_of(fx, age, "age_16_27"));
	assert_false(answers_applies(fx->as, living));
	answers_set_single(fx->as, age, o_of(fx, age, "age_55_64"));
	assert_true(answers_applies(fx->as, living));
	answers_set_single(fx->as, age, o_of(fx, age, "age_65plus"));
	assert_true(answers_applies(fx->as, living));
	assert_true(answers_applies(fx->as, age)); /* no `when`: always asked */
}

static void optional_question_is_complete_without_an_answer(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "signals_outside");
	assert_true(fx->c->questions[q].optional);
	assert_true(answers_complete(fx->as, q));
	assert_true(answers_complete(fx->as, q_of(fx, "wishes")));
	assert_true(answers_complete(fx->as, q_of(fx, "contacts_per_week")));
}

static void required_single_needs_an_option(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "role");
	assert_false(fx->c->questions[q].optional);
	assert_false(answers_complete(fx->as, q));
	answers_set_single(fx->as, q, 0);
	assert_true(answers_complete(fx->as, q));
}

static void required_multi_needs_at_least_one_option(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "loneliness_kind");
	assert_false(fx->c->questions[q].optional);
	assert_false(answers_complete(fx->as, q));
	answers_toggle(fx->as, q, o_of(fx, q, "sociaal"));
	assert_true(answers_complete(fx->as, q));
	answers_toggle(fx->as, q, o_of(fx, q, "sociaal"));
	assert_false(answers_complete(fx->as, q));
}

/* The bundled content has no required text or number question; the content struct is plain
 * data, so the test makes one required to check the rule. */
static void required_text_needs_non_empty_text(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "wishes");
	fx->c->questions[q].optional = false;
	assert_false(answers_complete(fx->as, q));
	answers_set_text(fx->as, q, "");
	assert_false(answers_complete(fx->as, q));
	answers_set_text(fx->as, q, "samen koken");
	assert_true(answers_complete(fx->as, q));
}

static void required_number_needs_a_value(void **state)
{
	fixture *fx = *state;
	int q = q_of(fx, "contacts_per_week");
	fx->c->questions[q].optional = false;
	assert_false(answers_complete(fx->as, q));
	answers_set_value(fx->as, q, 0);
	assert_true(answers_complete(fx->as, q));
}

static void answers_free_accepts_null(void **state)
{
	(void)state;
	answers_free(NULL);
}

#define T(f) cmocka_unit_test_setup_teardown(f, testcontent_setup, testcontent_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(answers_start_unset),
		T(single_answer_replaces_the_previous_one),
		T(unset_forgets_a_single_answer),
		T(toggle_adds_and_removes_multi_options),
		T(toggling_an_exclusive_option_clears_the_others),
		T(toggling_another_option_clears_the_exclusive_one),
		T(exclusive_option_toggles_off_like_any_other),
		T(text_answer_is_copied_and_empty_text_unsets),
		T(number_answer_is_kept_and_zero_counts_as_answered),
		T(clear_forgets_every_answer),
		T(facet_helpers_read_the_facet_question),
		T(any_condition_holds_when_one_option_is_chosen),
		T(none_condition_holds_when_no_listed_option_is_chosen),
		T(all_conditions_must_hold),
		T(living_applies_only_for_ages_55_and_up),
		T(optional_question_is_complete_without_an_answer),
		T(required_single_needs_an_option),
		T(required_multi_needs_at_least_one_option),
		T(required_text_needs_non_empty_text),
		T(required_number_needs_a_value),
		cmocka_unit_test(answers_free_accepts_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
