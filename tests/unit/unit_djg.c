/* unit_djg.c: De Jong Gierveld 6-item scoring with the bundled content/djg6.json, checked
 * against the manual: emotional items score "ja" and "min of meer", social items (worded
 * positively) "nee" and "min of meer"; total 0–1 not lonely, 2–4 moderate, 5–6 severe; one
 * missing item leaves a total of five, two leave none; a subscale with a missing item is
 * missing. Items are found by subscale, not by position, so a reordered file still tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "content.h"
#include "load.h"
#include "djg.h"

enum { EMO = 0, SOC = 1 };

typedef struct {
	content *c;
	const ik_djg *g;
	int ja, mom, nee;  /* answer indices */
	int emo[3], soc[3];/* item indices per subscale */
} fixture;

static int answer_index(const ik_djg *g, const char *id)
{
	for (int i = 0; i < 3; i++)
		if (g->answer_ids[i] && strcmp(g->answer_ids[i], id) == 0)
			return i;
	return -1;
}

static int setup(void **state)
{
	const char *dir = getenv("INFOKAART_CONTENT");
	if (!dir)
		return -1;
	fixture *fx = calloc(1, sizeof *fx);
	diags d = {0};
	if (content_load(dir, &fx->c, &d) != 0 || !fx->c->djg.present) {
		diags_print(&d, stderr);
		diags_free(&d);
		content_free(fx->c);
		free(fx);
		return -1;
	}
	fx->g = &fx->c->djg;
	fx->ja = answer_index(fx->g, "ja");
	fx->mom = answer_index(fx->g, "min_of_meer");
	fx->nee = answer_index(fx->g, "nee");
	int ne = 0, ns = 0;
	for (int i = 0; i < 6; i++) {
		if (fx->g->items[i].subscale == EMO && ne < 3)
			fx->emo[ne++] = i;
		else if (fx->g->items[i].subscale == SOC && ns < 3)
			fx->soc[ns++] = i;
	}
	if (fx->ja < 0 || fx->mom < 0 || fx->nee < 0 || ne != 3 || ns != 3) {
		content_free(fx->c);
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	content_free(fx->c);
	free(fx);
	return 0;
}

/* Answers for `e` scoring emotional items and `s` scoring social items; the rest answered so
 * that they do not score. */
static void answers_for(const fixture *fx, int e, int s, int out[6])
{
	for (int k = 0; k < 3; k++) {
		out[fx->emo[k]] = k < e ? fx->ja : fx->nee;
		out[fx->soc[k]] = k < s ? fx->nee : fx->ja;
	}
}

static djg_score score_of(const fixture *fx, int e, int s)
{
	int a[6];
	answers_for(fx, e, s, a);
	return djg_compute(fx->g, a);
}

/* e emotional and s social points: the total, at this level. */
static void assert_score(const fixture *fx, int e, int s, int total, djg_level level)
{
	djg_score r = score_of(fx, e, s);
	assert_int_equal(r.total, total);
	assert_int_equal(r.level, level);
}

static void djg_total_0_and_1_are_not_lonely(void **state)
{
	assert_score(*state, 0, 0, 0, DJG_NOT_LONELY);
	assert_score(*state, 1, 0, 1, DJG_NOT_LONELY);
	assert_score(*state, 0, 1, 1, DJG_NOT_LONELY);
}

static void djg_total_2_to_4_is_moderate(void **state)
{
	assert_score(*state, 1, 1, 2, DJG_MODERATE);
	assert_score(*state, 3, 0, 3, DJG_MODERATE);
	assert_score(*state, 2, 2, 4, DJG_MODERATE);
}

static void djg_total_5_and_6_are_severe(void **state)
{
	assert_score(*state, 3, 2, 5, DJG_SEVERE);
	assert_score(*state, 3, 3, 6, DJG_SEVERE);
}

static void djg_subscales_count_0_to_3_each(void **state)
{
	fixture *fx = *state;
	for (int e = 0; e <= 3; e++)
		for (int s = 0; s <= 3; s++) {
			djg_score r = score_of(fx, e, s);
			assert_int_equal(r.emotional, e);
			assert_int_equal(r.social, s);
			assert_int_equal(r.total, e + s);
		}
}

/* One item answered `ans`, the others not scoring: the score of that item alone. */
static int item_point(const fixture *fx, int item, int ans)
{
	int a[6];
	answers_for(fx, 0, 0, a);
	a[item] = ans;
	return djg_compute(fx->g, a).total;
}

/* Each of three items alone scores a point when answered `scores` or "min of meer", none when
 * answered `none`. */
static void assert_items_score(const fixture *fx, const int items[3], int scores, int none)
{
	for (int k = 0; k < 3; k++) {
		assert_int_equal(item_point(fx, items[k], scores), 1);
		assert_int_equal(item_point(fx, items[k], fx->mom), 1);
		assert_int_equal(item_point(fx, items[k], none), 0);
	}
}

static void djg_emotional_items_score_ja_and_min_of_meer(void **state)
{
	const fixture *fx = *state;
	assert_items_score(fx, fx->emo, fx->ja, fx->nee);
}

static void djg_social_items_score_nee_and_min_of_meer(void **state)
{
	const fixture *fx = *state;
	assert_items_score(fx, fx->soc, fx->nee, fx->ja);
}

static void djg_all_min_of_meer_is_six(void **state)
{
	fixture *fx = *state;
	int a[6];
	for (int i = 0; i < 6; i++)
		a[i] = fx->mom;
	djg_score s = djg_compute(fx->g, a);
	assert_int_equal(s.total, 6);
	assert_int_equal(s.emotional, 3);
	assert_int_equal(s.social, 3);
}

/* e emotional and s social points, with item `gone` (and `gone2` unless -1) not answered:
 * the score is want, field by field. */
static void assert_without(const fixture *fx, int e, int s, int gone, int gone2, djg_score want)
{
	int a[6];
	answers_for(fx, e, s, a);
	a[gone] = DJG_MISSING;
	if (gone2 >= 0)
		a[gone2] = DJG_MISSING;
	djg_score got = djg_compute(fx->g, a);
	assert_int_equal(got.total, want.total);
	assert_int_equal(got.level, want.level);
	assert_int_equal(got.emotional, want.emotional);
	assert_int_equal(got.social, want.social);
}

static void djg_one_missing_item_counts_the_other_five(void **state)
{
	const fixture *fx = *state; /* 5 points in all; one scoring emotional item dropped */
	assert_without(fx, 3, 2, fx->emo[0], -1, (djg_score){4, DJG_MISSING, 2, DJG_MODERATE});
}

static void djg_one_missing_social_item_leaves_emotional_present(void **state)
{
	const fixture *fx = *state;
	assert_without(fx, 2, 3, fx->soc[2], -1, (djg_score){4, 2, DJG_MISSING, DJG_MODERATE});
}

static void djg_two_missing_items_leave_no_total(void **state)
{
	const fixture *fx = *state;
	assert_without(fx, 3, 3, fx->emo[0], fx->soc[0], (djg_score){DJG_MISSING, DJG_MISSING, DJG_MISSING, DJG_UNKNOWN});
}

static void djg_two_missing_in_one_subscale_keep_the_other(void **state)
{
	const fixture *fx = *state;
	assert_without(fx, 1, 3, fx->emo[1], fx->emo[2], (djg_score){DJG_MISSING, DJG_MISSING, 3, DJG_UNKNOWN});
}

static void djg_bundled_items_follow_the_published_scale(void **state)
{
	fixture *fx = *state;
	/* the order of the published 6-item scale: E S S E S E */
	static const int sub[6] = {EMO, SOC, SOC, EMO, SOC, EMO};
	for (int i = 0; i < 6; i++)
		assert_int_equal(fx->g->items[i].subscale, sub[i]);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(djg_total_0_and_1_are_not_lonely),
		T(djg_total_2_to_4_is_moderate),
		T(djg_total_5_and_6_are_severe),
		T(djg_subscales_count_0_to_3_each),
		T(djg_emotional_items_score_ja_and_min_of_meer),
		T(djg_social_items_score_nee_and_min_of_meer),
		T(djg_all_min_of_meer_is_six),
		T(djg_one_missing_item_counts_the_other_five),
		T(djg_one_missing_social_item_leaves_emotional_present),
		T(djg_two_missing_items_leave_no_total),
		T(djg_two_missing_in_one_subscale_keep_the_other),
		T(djg_bundled_items_follow_the_published_scale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
