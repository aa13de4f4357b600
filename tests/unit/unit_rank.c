/* unit_rank.c: ranking of the catalogue for one person. Most tests use the bundled content
 * with answers built in code; where the bundled catalogue mixes several rules, the small
 * catalogue in tests/data/rank (activities that differ in one field, named so that the
 * alphabetical tie-break goes against the rule under test) shows one rule at a time. */
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
#include "rank.h"
#include "util.h"

#define MAXS TESTCONTENT_MAXS

typedef testcontent_fx fixture;

static int setup_small(void **state)
{
	return testcontent_setup_data(state, "rank");
}

static int today_2026(void)
{
	return date_days(2026, 11, 23);
}

static int facet_opt(const fixture *fx, ik_facet f, const char *id)
{
	int q = fx->c->facet_q[f];
	assert_true(q >= 0);
	int o = content_option_index(&fx->c->questions[q], id);
	if (o < 0)
		fail_msg("facet question '%s' has no option '%s'", fx->c->questions[q].id, id);
	return o;
}

static void set_single(fixture *fx, ik_facet f, const char *id)
{
	answers_set_single(fx->as, fx->c->facet_q[f], facet_opt(fx, f, id));
}

static void add_multi(fixture *fx, ik_facet f, const char *id)
{
	int o = facet_opt(fx, f, id);
	if (!answers_has_opt(fx->as, fx->c->facet_q[f], o))
		answers_toggle(fx->as, fx->c->facet_q[f], o);
}

/* Ranks the whole catalogue (no cut-off) with profile p. */
static void rank_all(fixture *fx, int profile)
{
	fx->n = rank_suggest(fx->c, fx->as, profile, today_2026(), fx->s, MAXS);
}

static int act(const fixture *fx, const char *id)
{
	int a = content_activity_index(fx->c, id);
	if (a < 0)
		fail_msg("no activity '%s'", id);
	return a;
}

/* Position of activity id in the last ranking, or -1 when it was left out. */
static int pos_of(const fixture *fx, const char *id)
{
	int a = act(fx, id);
	for (int i = 0; i < fx->n; i++)
		if (fx->s[i].activity == a)
			return i;
	return -1;
}

static const rank_reason *reason_of(const suggestion *s, rank_reason_kind k)
{
	for (int i = 0; i < s->nreasons; i++)
		if (s->reasons[i].kind == k)
			return &s->reasons[i];
	return NULL;
}

static void assert_before(const fixture *fx, const char *first, const char *second)
{
	int a = pos_of(fx, first), b = pos_of(fx, second);
	if (a < 0 || b < 0 || a >= b)
		fail_msg("expected %s (at %d) before %s (at %d)", first, a, second, b);
}

static bool has_human_route(const fixture *fx)
{
	for (int i = 0; i < fx->n; i++)
		if (fx->c->activities[fx->s[i].activity].human_route)
			return true;
	return false;
}

/* ---- wijk ---- */

static void own_wijk_ranks_above_an_equal_citywide_activity(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_WIJK, "noord");
	rank_all(fx, -1);
	assert_before(fx, "wijk_noord", "wijk_stad"); /* "Aa stad" would come first by name */
	const suggestion *s = &fx->s[pos_of(fx, "wijk_noord")];
	assert_non_null(reason_of(s, REASON_OWN_WIJK));
	assert_null(reason_of(s, REASON_CITYWIDE));
	assert_non_null(reason_of(&fx->s[pos_of(fx, "wijk_stad")], REASON_CITYWIDE));
}

static void own_wijk_ranks_above_citywide_in_bundled_catalogue(void **state)
{
	fixture *fx = *state;
	/* the walking groups in Overvecht and SportUtrecht's city-wide exercise broker fit a
	 * walker in Overvecht alike, but one is in the person's own wijk */
	set_single(fx, FACET_WIJK, "overvecht");
	add_multi(fx, FACET_INTERESTS, "wandelen_fietsen");
	rank_all(fx, -1);
	assert_before(fx, "wandelgroepen_overvecht", "beweegmakelaar_sportutrecht");
}

static void activities_only_in_other_wijken_are_left_out(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_WIJK, "zuid");
	rank_all(fx, -1);
	assert_int_equal(pos_of(fx, "wandelgroepen_overvecht"), -1);
	assert_int_equal(pos_of(fx, "krachtstation"), -1);
	int zuid = facet_opt(fx, FACET_WIJK, "zuid");
	for (int i = 0; i < fx->n; i++) {
		const ik_activity *a = &fx->c->activities[fx->s[i].activity];
		if (!a->citywide && !(a->wijken >> zuid & 1))
			fail_msg("%s is not in zuid and not city-wide", a->id);
	}
	assert_true(pos_of(fx, "burennetwerk_utrecht_zuid") >= 0);
}

static void other_wijk_is_left_out_in_small_catalogue(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_WIJK, "zuid");
	rank_all(fx, -1);
	assert_int_equal(pos_of(fx, "wijk_noord"), -1);
	assert_true(pos_of(fx, "wijk_stad") >= 0);
}

/* ---- age ---- */

static void ages_outside_the_limits_are_left_out(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_AGE, "ouder"); /* 55–64 */
	rank_all(fx, -1);
	assert_true(pos_of(fx, "leeftijd_55_64") >= 0);
	assert_int_equal(pos_of(fx, "leeftijd_tot_27"), -1);
	assert_int_equal(pos_of(fx, "leeftijd_vanaf_65"), -1);
	set_single(fx, FACET_AGE, "senior");
	rank_all(fx, -1);
	assert_true(pos_of(fx, "leeftijd_vanaf_65") >= 0);
	assert_int_equal(pos_of(fx, "leeftijd_55_64"), -1);
	assert_int_equal(pos_of(fx, "leeftijd_tot_27"), -1);
	set_single(fx, FACET_AGE, "midden");
	rank_all(fx, -1);
	assert_int_equal(pos_of(fx, "leeftijd_tot_27"), -1);
	assert_int_equal(pos_of(fx, "leeftijd_55_64"), -1);
	assert_int_equal(pos_of(fx, "leeftijd_vanaf_65"), -1);
}

static void unknown_age_leaves_every_age_in(void **state)
{
	fixture *fx = *state;
	rank_all(fx, -1);
	assert_true(pos_of(fx, "leeftijd_tot_27") >= 0);
	assert_true(pos_of(fx, "leeftijd_55_64") >= 0);
	assert_true(pos_of(fx, "leeftijd_vanaf_65") >= 0);
}

static void youth_groups_are_left_out_for_older_people_in_bundled_catalogue(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_WIJK, "binnenstad");
	set_single(fx, FACET_AGE, "age_65plus");
	rank_all(fx, -1);
	assert_int_equal(pos_of(fx, "join_us_jou"), -1);        /* 16–19 */
	assert_int_equal(pos_of(fx, "join_us_u_centraal"), -1); /* 20–24 */
	set_single(fx, FACET_AGE, "age_16_27");
	rank_all(fx, -1);
	assert_true(pos_of(fx, "join_us_jou") >= 0);
	assert_true(pos_of(fx, "join_us_u_centraal") >= 0);
}

/* ---- cost and mobility ---- */

static void money_barrier_puts_gratis_first_among_equals(void **state)
{
	fixture *fx = *state;
	add_multi(fx, FACET_BARRIERS, "geld");
	rank_all(fx, -1);
	/* by name the order would be betaald, onbekend, laag, gratis */
	assert_before(fx, "kosten_gratis", "kosten_laag");
	assert_before(fx, "kosten_laag", "kosten_onbekend");
	assert_before(fx, "kosten_onbekend", "kosten_betaald");
}

static void money_barrier_reason_says_gratis(void **state)
{
	fixture *fx = *state;
	add_multi(fx, FACET_BARRIERS, "geld");
	rank_all(fx, -1);
	const rank_reason *r = reason_of(&fx->s[pos_of(fx, "kosten_gratis")], REASON_FREE);
	assert_non_null(r);
	char buf[128];
	rank_reason_text(fx->c, r, LANG_NL, buf, sizeof buf);
	assert_string_equal(buf, "gratis");
	r = reason_of(&fx->s[pos_of(fx, "kosten_laag")], REASON_LOW_COST);
	assert_non_null(r);
	rank_reason_text(fx->c, r, LANG_NL, buf, sizeof buf);
	assert_string_equal(buf, "lage kosten");
}

static void mobility_barrier_puts_transport_and_home_visits_before_going_alone(void **state)
{
	fixture *fx = *state;
	add_multi(fx, FACET_BARRIERS, "mobiliteit");
	rank_all(fx, -1);
	/* someone who can go with help: transport first, then a visit; by name it would be the
	 * other way round (thuis, vervoer, zelf) */
	assert_before(fx, "mobiel_vervoer", "mobiel_thuis");
	assert_before(fx, "mobiel_thuis", "mobiel_zelf");
	assert_non_null(reason_of(&fx->s[pos_of(fx, "mobiel_thuis")], REASON_COMES_HOME));
	assert_non_null(reason_of(&fx->s[pos_of(fx, "mobiel_vervoer")], REASON_TRANSPORT));
	assert_non_null(reason_of(&fx->s[pos_of(fx, "mobiel_zelf")], REASON_MUST_GO));
}

static void only_at_home_puts_home_visits_first(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_MOBILITY, "thuis");
	rank_all(fx, -1);
	assert_before(fx, "mobiel_thuis", "mobiel_vervoer");
	assert_before(fx, "mobiel_vervoer", "mobiel_zelf");
}

/* A health barrier says nothing about getting out: someone who goes to the gym is not sent
 * home visits (issue 13). */
static void a_health_barrier_is_not_a_mobility_barrier(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_WIJK, "zuid");
	set_single(fx, FACET_CAPACITY, "zelf");
	add_multi(fx, FACET_BARRIERS, "gezondheid");
	add_multi(fx, FACET_INTERESTS, "sport_bewegen");
	rank_all(fx, -1);
	for (int i = 0; i < fx->n; i++)
		assert_null(reason_of(&fx->s[i], REASON_MUST_GO));
	assert_before(fx, "beweeggroep_hoograven", "humanitas_maatjes");
	assert_non_null(reason_of(&fx->s[pos_of(fx, "beweeggroep_hoograven")], REASON_HELPS)); /* helps_with gezondheid */
	int with_health = fx->s[pos_of(fx, "humanitas_maatjes")].score;
	answers_unset(fx->as, fx->c->facet_q[FACET_BARRIERS]);
	rank_all(fx, -1);
	assert_int_equal(fx->s[pos_of(fx, "humanitas_maatjes")].score, with_health); /* no weight for a visit */
}

static void mobility_barrier_gives_komt_aan_huis_reasons(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_WIJK, "overvecht");
	add_multi(fx, FACET_BARRIERS, "mobiliteit");
	rank_all(fx, -1);
	int home = 0;
	for (int i = 0; i < fx->n; i++) {
		const ik_activity *a = &fx->c->activities[fx->s[i].activity];
		if (a->mobility != MOB_KOMT_AAN_HUIS)
			continue;
		home++;
		const rank_reason *r = reason_of(&fx->s[i], REASON_COMES_HOME);
		if (!r)
			fail_msg("%s comes to the person's home but has no such reason", a->id);
		char buf[64];
		rank_reason_text(fx->c, r, LANG_NL, buf, sizeof buf);
		assert_string_equal(buf, "komt aan huis");
	}
	assert_true(home >= 3);
	/* and the first suggestion is one the person can reach without going out alone */
	ik_mobility m = fx->c->activities[fx->s[0].activity].mobility;
	assert_true(m != MOB_ZELF_GAAN);
}

/* ---- human route, order, staleness, reasons ---- */

static void a_human_route_is_kept_when_others_rank_higher(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_WIJK, "overvecht");
	add_multi(fx, FACET_INTERESTS, "sport_bewegen");
	add_multi(fx, FACET_INTERESTS, "wandelen_fietsen");
	add_multi(fx, FACET_INTERESTS, "natuur");
	/* precondition: without a cut-off no human route is among the first three */
	rank_all(fx, -1);
	for (int i = 0; i < 3; i++)
		assert_false(fx->c->activities[fx->s[i].activity].human_route);
	suggestion top[3];
	int n = rank_suggest(fx->c, fx->as, -1, today_2026(), top, 3);
	assert_int_equal(n, 3);
	int humans = 0;
	for (int i = 0; i < n; i++)
		humans += fx->c->activities[top[i].activity].human_route;
	assert_int_equal(humans, 1);
	/* the best two others stay, in order */
	assert_int_equal(top[0].activity, fx->s[0].activity);
	assert_int_equal(top[1].activity, fx->s[1].activity);
	assert_non_null(reason_of(&top[2], REASON_HUMAN));
}

static void a_human_route_is_kept_even_with_room_for_one(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_WIJK, "noord");
	add_multi(fx, FACET_BARRIERS, "mobiliteit");
	suggestion one[1];
	assert_int_equal(rank_suggest(fx->c, fx->as, -1, today_2026(), one, 1), 1);
	assert_int_equal(one[0].activity, act(fx, "mens_lijn"));
}

static void a_human_route_is_present_for_every_wijk(void **state)
{
	fixture *fx = *state;
	const ik_question *wq = &fx->c->questions[fx->c->facet_q[FACET_WIJK]];
	for (int w = 0; w < wq->nopts; w++) {
		answers_clear(fx->as);
		answers_set_single(fx->as, fx->c->facet_q[FACET_WIJK], w);
		fx->n = rank_suggest(fx->c, fx->as, -1, today_2026(), fx->s, 5);
		if (!has_human_route(fx))
			fail_msg("no human route for wijk %s", wq->opts[w].id);
	}
}

static void ranking_is_deterministic(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_WIJK, "zuidwest");
	set_single(fx, FACET_AGE, "age_65plus");
	add_multi(fx, FACET_LONELINESS, "sociaal");
	add_multi(fx, FACET_BARRIERS, "geld");
	suggestion a[10], b[10];
	int p = content_profile_index(fx->c, "aansluiting_zoeken");
	int na = rank_suggest(fx->c, fx->as, p, today_2026(), a, 10);
	int nb = rank_suggest(fx->c, fx->as, p, today_2026(), b, 10);
	assert_int_equal(na, nb);
	assert_int_equal(na, 10);
	for (int i = 0; i < na; i++) {
		assert_int_equal(a[i].activity, b[i].activity);
		assert_int_equal(a[i].score, b[i].score);
		assert_int_equal(a[i].stale, b[i].stale);
		assert_int_equal(a[i].nreasons, b[i].nreasons);
		for (int k = 0; k < a[i].nreasons; k++) {
			assert_int_equal(a[i].reasons[k].kind, b[i].reasons[k].kind);
			assert_true(a[i].reasons[k].arg == b[i].reasons[k].arg);
		}
		if (i > 0 && !a[i].route) /* best first; the human route comes apart, last */
			assert_true(a[i - 1].score >= a[i].score);
	}
}

static void equal_scores_are_ordered_by_name(void **state)
{
	fixture *fx = *state;
	rank_all(fx, -1);
	for (int i = 1; i < fx->n; i++)
		if (fx->s[i - 1].score == fx->s[i].score)
			assert_true(strcmp(fx->c->activities[fx->s[i - 1].activity].name,
					   fx->c->activities[fx->s[i].activity].name) <= 0);
}

static void stale_after_more_than_365_days(void **state)
{
	fixture *fx = *state;
	int a = act(fx, "mens_lijn");
	int assured = fx->c->activities[a].assured_days;
	assert_int_equal(assured, date_days(2024, 3, 1));
	/* 2024-03-01 to 2025-03-01 is 365 days: not yet stale; one day later it is */
	int day365 = date_days(2025, 3, 1), day366 = date_days(2025, 3, 2);
	assert_int_equal(day365 - assured, 365);
	suggestion s[MAXS];
	int n = rank_suggest(fx->c, fx->as, -1, day365, s, MAXS);
	bool seen = false;
	for (int i = 0; i < n; i++)
		if (s[i].activity == a) {
			assert_false(s[i].stale);
			seen = true;
		}
	assert_true(seen);
	n = rank_suggest(fx->c, fx->as, -1, day366, s, MAXS);
	for (int i = 0; i < n; i++)
		if (s[i].activity == a)
			assert_true(s[i].stale);
	/* checked this year: not stale */
	for (int i = 0; i < n; i++)
		if (s[i].activity == act(fx, "wijk_stad"))
			assert_false(s[i].stale);
	/* years later, an entry without phone, e-mail or opening times still needs no warning:
	 * there is nothing in it that goes out of date (its date is shown instead) */
	n = rank_suggest(fx->c, fx->as, -1, date_days(2030, 1, 1), s, MAXS);
	for (int i = 0; i < n; i++)
		if (s[i].activity == act(fx, "wijk_stad"))
			assert_false(s[i].stale);
}

/* "Stale" means something again: only entries with contact details or times, checked more
 * than a year ago, carry it in the bundled catalogue (before issue 13: 50 of 53). */
static void few_bundled_entries_are_stale(void **state)
{
	fixture *fx = *state;
	suggestion s[MAXS];
	int n = rank_suggest(fx->c, fx->as, -1, today_2026(), s, MAXS), stale = 0;
	for (int i = 0; i < n; i++) {
		const ik_activity *a = &fx->c->activities[s[i].activity];
		stale += s[i].stale;
		if (s[i].stale && !a->nphones && !a->email && !a->nschedule)
			fail_msg("%s is stale without details that go out of date", a->id);
	}
	assert_true(stale > 0 && stale * 5 < n);
}

static void stale_flag_on_bundled_entry_follows_its_assured_date(void **state)
{
	fixture *fx = *state;
	int a = act(fx, "nizu_infolijn");
	int assured = fx->c->activities[a].assured_days;
	suggestion s[MAXS];
	int n = rank_suggest(fx->c, fx->as, -1, assured + 365, s, MAXS);
	for (int i = 0; i < n; i++)
		if (s[i].activity == a)
			assert_false(s[i].stale);
	n = rank_suggest(fx->c, fx->as, -1, assured + 366, s, MAXS);
	for (int i = 0; i < n; i++)
		if (s[i].activity == a)
			assert_true(s[i].stale);
}

static void assert_every_suggestion_has_a_reason(fixture *fx, int profile, const char *who)
{
	fx->n = rank_suggest(fx->c, fx->as, profile, today_2026(), fx->s, MAXS);
	assert_true(fx->n > 0);
	for (int i = 0; i < fx->n; i++)
		if (fx->s[i].nreasons < 1)
			fail_msg("%s: %s is suggested without a reason", who,
				 fx->c->activities[fx->s[i].activity].id);
}

static void every_suggestion_has_a_reason(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_WIJK, "overvecht");
	assert_every_suggestion_has_a_reason(fx, -1, "overvecht, nothing else");
	answers_clear(fx->as);
	set_single(fx, FACET_WIJK, "buiten_utrecht");
	set_single(fx, FACET_AGE, "age_28_54");
	assert_every_suggestion_has_a_reason(fx, content_profile_index(fx->c, "vangnet"), "outside Utrecht, vangnet");
	answers_clear(fx->as);
	set_single(fx, FACET_WIJK, "zuidwest");
	add_multi(fx, FACET_LONELINESS, "existentieel");
	add_multi(fx, FACET_BARRIERS, "geld");
	assert_every_suggestion_has_a_reason(fx, content_profile_index(fx->c, "eigen_koers"), "zuidwest");
}

static void every_suggestion_has_a_reason_when_the_wijk_is_unknown(void **state)
{
	fixture *fx = *state;
	/* an answers file may leave the wijk out (infokaart suggest --answers); the person
	 * misses one close person */
	add_multi(fx, FACET_LONELINESS, "emotioneel");
	assert_every_suggestion_has_a_reason(fx, -1, "wijk unknown");
}

static void ranking_returns_at_most_max(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_WIJK, "oost");
	suggestion s[5];
	assert_int_equal(rank_suggest(fx->c, fx->as, -1, today_2026(), s, 5), 5);
	assert_int_equal(rank_suggest(fx->c, fx->as, -1, today_2026(), s, 0), 0);
}


/* ---- the whole person (issue 13) ---- */

static void set_years(fixture *fx, int years)
{
	answers_set_value(fx->as, fx->c->facet_q[FACET_AGE_YEARS], years);
}

/* In the last ranking, activity id has a reason of kind k that says want (in Dutch). */
static void assert_reason_says(const fixture *fx, const char *id, rank_reason_kind k, const char *want)
{
	const rank_reason *r = reason_of(&fx->s[pos_of(fx, id)], k);
	if (!r)
		fail_msg("%s has no reason of kind %d", id, (int)k);
	char buf[256];
	rank_reason_text(fx->c, r, LANG_NL, buf, sizeof buf);
	assert_string_equal(buf, want);
}

static void an_age_in_years_leaves_out_the_groups_it_is_not_for(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_AGE, "age_16_27");
	rank_all(fx, -1);
	/* only the band is known: both Join Us groups, each with the limits it covers */
	assert_reason_says(fx, "join_us_jou", REASON_AGE_PART, "alleen voor 16 tot en met 19 jaar: past de leeftijd?");
	assert_true(pos_of(fx, "join_us_u_centraal") >= 0);
	set_years(fx, 24);
	rank_all(fx, -1);
	assert_int_equal(pos_of(fx, "join_us_jou"), -1);
	assert_null(reason_of(&fx->s[pos_of(fx, "join_us_u_centraal")], REASON_AGE_PART));
}

static void groups_for_older_people_are_left_out_for_the_young(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_AGE, "age_16_27");
	add_multi(fx, FACET_GROUPS, "migranten");
	rank_all(fx, -1);
	/* one of the two groups (migranten) matches, but 65plus rules it out */
	assert_int_equal(pos_of(fx, "noom"), -1);
	assert_int_equal(pos_of(fx, "al_amal"), -1);
	assert_int_equal(pos_of(fx, "attifa"), -1);
	assert_int_equal(pos_of(fx, "sociaal_vitaal_in_kleur"), -1);
}

static void a_partial_group_match_says_which_group_is_not_known(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_AGE, "age_65plus"); /* 65plus matches; whether migranten does is not asked */
	rank_all(fx, -1);
	const suggestion *part = &fx->s[pos_of(fx, "noom")];
	assert_null(reason_of(part, REASON_GROUP));
	assert_reason_says(fx, "noom", REASON_GROUP_PART, "voor 65-plussers, migranten; niet bekend of de persoon hoort bij: migranten");
	int part_score = part->score;
	add_multi(fx, FACET_GROUPS, "migranten");
	rank_all(fx, -1);
	const suggestion *full = &fx->s[pos_of(fx, "noom")];
	assert_non_null(reason_of(full, REASON_GROUP));
	assert_true(full->score > part_score);
}

static int route_for(fixture *fx, const char *role)
{
	answers_clear(fx->as);
	set_single(fx, FACET_ROLE, role);
	set_single(fx, FACET_WIJK, "overvecht");
	suggestion s[10];
	int n = rank_suggest(fx->c, fx->as, -1, today_2026(), s, 10);
	assert_true(n > 0 && s[n - 1].route);
	for (int i = 0; i < n - 1; i++)
		if (fx->c->activities[s[i].activity].human_route || s[i].route)
			fail_msg("human route %s is ranked among the activities", fx->c->activities[s[i].activity].id);
	return s[n - 1].activity;
}

static void the_human_route_is_shown_apart_and_fits_the_role(void **state)
{
	fixture *fx = *state;
	assert_int_equal(route_for(fx, "huisarts"), act(fx, "welzijn_op_recept"));
	assert_int_equal(route_for(fx, "winkel"), act(fx, "nizu_infolijn"));
	assert_int_equal(route_for(fx, "wijkagent"), act(fx, "buurtteams"));
	assert_int_equal(route_for(fx, "infolijn"), act(fx, "buurtteams"));
}

static void a_role_never_gets_its_own_service(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_ROLE, "infolijn");
	rank_all(fx, -1);
	assert_int_equal(pos_of(fx, "nizu_infolijn"), -1);
	set_single(fx, FACET_ROLE, "vrijwilliger");
	rank_all(fx, -1);
	assert_true(pos_of(fx, "nizu_infolijn") >= 0);
}

static void ended_activities_are_not_suggested(void **state)
{
	fixture *fx = *state;
	int a = act(fx, "heel_overvecht_fietst");
	assert_true(fx->c->activities[a].ends_days >= 0);
	suggestion s[MAXS];
	int n = rank_suggest(fx->c, fx->as, -1, fx->c->activities[a].ends_days, s, MAXS);
	bool seen = false;
	for (int i = 0; i < n; i++)
		seen |= s[i].activity == a;
	assert_true(seen); /* on its last day it still runs */
	rank_all(fx, -1);
	assert_int_equal(pos_of(fx, "heel_overvecht_fietst"), -1);
	assert_int_equal(pos_of(fx, "gratis_sporten_de_dreef"), -1);
	assert_int_equal(pos_of(fx, "beter_horen_hoortest"), -1);
	assert_int_equal(pos_of(fx, "stut_theater"), -1);
}

static void interests_named_in_the_wishes_text_count(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_AGE, "age_65plus");
	answers_set_text(fx->as, fx->c->facet_q[FACET_WISHES], "Zou graag weer eens DANSEN, zoals vroeger.");
	rank_all(fx, -1);
	assert_reason_says(fx, "danspaleis", REASON_NAMED, "de persoon noemde: Dansen");
	assert_int_equal(pos_of(fx, "danspaleis"), 0);
	/* a word inside another word does not count */
	answers_set_text(fx->as, fx->c->facet_q[FACET_WISHES], "geen abondansen");
	rank_all(fx, -1);
	assert_null(reason_of(&fx->s[pos_of(fx, "danspaleis")], REASON_NAMED));
}

static void language_learning_is_for_those_who_learn_dutch(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_WIJK, "west");
	add_multi(fx, FACET_LANGUAGES, "ar");
	rank_all(fx, -1);
	assert_int_equal(pos_of(fx, "taalcafe_taal_doet_meer"), 0);
	answers_clear(fx->as);
	set_single(fx, FACET_WIJK, "west");
	add_multi(fx, FACET_LANGUAGES, "nl");
	rank_all(fx, -1);
	assert_non_null(reason_of(&fx->s[pos_of(fx, "taalcafe_taal_doet_meer")], REASON_FOR_LEARNERS));
}

static void no_new_people_now_puts_one_person_before_groups(void **state)
{
	fixture *fx = *state;
	set_single(fx, FACET_WISH, "niet_nu");
	rank_all(fx, -1);
	assert_before(fx, "zin_in_utrecht_luistermaatje", "zin_in_utrecht_groepen");
	assert_non_null(reason_of(&fx->s[pos_of(fx, "zin_in_utrecht_groepen")], REASON_WISH_GROUP));
	set_single(fx, FACET_WISH, "meer_contact");
	rank_all(fx, -1);
	assert_before(fx, "zin_in_utrecht_groepen", "zin_in_utrecht_luistermaatje");
}

static void life_events_ask_for_active_elements(void **state)
{
	fixture *fx = *state;
	int q = content_question_index(fx->c, "signals_events");
	answers_toggle(fx->as, q, content_option_index(&fx->c->questions[q], "pensioen"));
	rank_all(fx, -1);
	assert_reason_says(fx, "vcu_vrijwilligerswerk", REASON_SIGNAL, "past bij wat er speelt: Met pensioen gegaan");
	/* and money worries are a money barrier */
	answers_toggle(fx->as, q, content_option_index(&fx->c->questions[q], "geldzorgen"));
	rank_all(fx, -1);
	assert_non_null(reason_of(&fx->s[pos_of(fx, "dums_muzieklessen")], REASON_HELPS));
}

/* ---- reasons in words ---- */

static void assert_reason_text(const content *c, rank_reason_kind k, long long arg, const char *want)
{
	rank_reason r = {k, arg};
	char buf[256];
	memset(buf, 'x', sizeof buf);
	rank_reason_text(c, &r, LANG_NL, buf, sizeof buf);
	assert_string_equal(buf, want);
}

static void rank_reason_text_says_why_in_dutch(void **state)
{
	fixture *fx = *state;
	const content *c = fx->c;
	int wijk = c->facet_q[FACET_WIJK], ints = c->facet_q[FACET_INTERESTS], langs = c->facet_q[FACET_LANGUAGES];
	assert_reason_text(c, REASON_OWN_WIJK, content_option_index(&c->questions[wijk], "overvecht"),
			   "in uw wijk (Overvecht)");
	assert_reason_text(c, REASON_CITYWIDE, 0, "in heel Utrecht");
	assert_reason_text(c, REASON_FREE, 0, "gratis");
	assert_reason_text(c, REASON_LOW_COST, 0, "lage kosten");
	assert_reason_text(c, REASON_COMES_HOME, 0, "komt aan huis");
	assert_reason_text(c, REASON_TRANSPORT, 0, "vervoer geregeld");
	assert_reason_text(c, REASON_PROFILE, content_profile_index(c, "vangnet"), "past bij profiel Vangnet");
	assert_reason_text(c, REASON_LONELY, LONELY_SOCIAAL | LONELY_EXISTENTIEEL,
			   "helpt bij sociale eenzaamheid, existentiële eenzaamheid");
	assert_reason_text(c, REASON_LONELY, LONELY_EMOTIONEEL, "helpt bij emotionele eenzaamheid");
	assert_reason_text(c, REASON_LANGUAGE, content_option_index(&c->questions[langs], "tr"),
			   "in een taal die de persoon spreekt: Turks");
	long long in = 1LL << content_option_index(&c->questions[ints], "muziek") |
		       1LL << content_option_index(&c->questions[ints], "dieren");
	assert_reason_text(c, REASON_INTEREST, in, "sluit aan bij: Muziek, Dieren");
	assert_reason_text(c, REASON_GROUP, GROUP_65PLUS | GROUP_MANTELZORGERS, "speciaal voor 65-plussers, mantelzorgers");
	assert_reason_text(c, REASON_HELPS, 1 << BARRIER_GELD | 1 << BARRIER_MOBILITEIT, "helpt bij: geld, vervoer");
	assert_reason_text(c, REASON_HUMAN, 0, "iemand die met de persoon meedenkt");
}

static void rank_reason_text_uses_content_in_the_chosen_language(void **state)
{
	fixture *fx = *state;
	int o = content_option_index(&fx->c->questions[fx->c->facet_q[FACET_WIJK]], "binnenstad");
	rank_reason r = {REASON_OWN_WIJK, o};
	char buf[128];
	rank_reason_text(fx->c, &r, LANG_EN, buf, sizeof buf);
	assert_non_null(strstr(buf, "city centre"));
}

static void rank_reason_text_never_overruns_a_small_buffer(void **state)
{
	fixture *fx = *state;
	const ik_question *iq = &fx->c->questions[fx->c->facet_q[FACET_INTERESTS]];
	rank_reason r = {REASON_INTEREST, (long long)((UINT64_C(1) << iq->nopts) - 1)}; /* every interest */
	char buf[16 + 1];
	buf[16] = '#';
	rank_reason_text(fx->c, &r, LANG_NL, buf, 16);
	assert_int_equal(buf[16], '#');
	assert_int_equal(strlen(buf), 15);
	char big[1024];
	rank_reason_text(fx->c, &r, LANG_NL, big, sizeof big);
	assert_non_null(strstr(big, "sluit aan bij: Muziek, "));
}

#define B(f) cmocka_unit_test_setup_teardown(f, testcontent_setup, testcontent_teardown)
#define S(f) cmocka_unit_test_setup_teardown(f, setup_small, testcontent_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		S(own_wijk_ranks_above_an_equal_citywide_activity),
		B(own_wijk_ranks_above_citywide_in_bundled_catalogue),
		B(activities_only_in_other_wijken_are_left_out),
		S(other_wijk_is_left_out_in_small_catalogue),
		S(ages_outside_the_limits_are_left_out),
		S(unknown_age_leaves_every_age_in),
		B(youth_groups_are_left_out_for_older_people_in_bundled_catalogue),
		S(money_barrier_puts_gratis_first_among_equals),
		S(money_barrier_reason_says_gratis),
		S(mobility_barrier_puts_transport_and_home_visits_before_going_alone),
		S(only_at_home_puts_home_visits_first),
		B(a_health_barrier_is_not_a_mobility_barrier),
		B(mobility_barrier_gives_komt_aan_huis_reasons),
		B(a_human_route_is_kept_when_others_rank_higher),
		S(a_human_route_is_kept_even_with_room_for_one),
		B(a_human_route_is_present_for_every_wijk),
		B(ranking_is_deterministic),
		B(equal_scores_are_ordered_by_name),
		S(stale_after_more_than_365_days),
		B(stale_flag_on_bundled_entry_follows_its_assured_date),
		B(few_bundled_entries_are_stale),
		B(an_age_in_years_leaves_out_the_groups_it_is_not_for),
		B(groups_for_older_people_are_left_out_for_the_young),
		B(a_partial_group_match_says_which_group_is_not_known),
		B(the_human_route_is_shown_apart_and_fits_the_role),
		B(a_role_never_gets_its_own_service),
		B(ended_activities_are_not_suggested),
		B(interests_named_in_the_wishes_text_count),
		B(language_learning_is_for_those_who_learn_dutch),
		B(no_new_people_now_puts_one_person_before_groups),
		B(life_events_ask_for_active_elements),
		B(every_suggestion_has_a_reason),
		B(every_suggestion_has_a_reason_when_the_wijk_is_unknown),
		B(ranking_returns_at_most_max),
		B(rank_reason_text_says_why_in_dutch),
		B(rank_reason_text_uses_content_in_the_chosen_language),
		B(rank_reason_text_never_overruns_a_small_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
