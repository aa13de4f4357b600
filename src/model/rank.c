/* rank.c: scoring of catalogue entries for one person (see rank.h), and the order. The
 * weights are plain numbers on purpose: a reviewer can read why one activity comes before
 * another (content/RANKING.md lists them all). The person is read in rank_person.c; the
 * factors that look at the whole person are in rank_fit.c. */
#include "rank.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rank_internal.h"

enum {
	W_PROFILE = 40,
	W_OWN_WIJK = 30,
	W_CITYWIDE = 10,
	W_LONELY = 15,
	W_FREE_NEEDED = 12,
	W_LOW_NEEDED = 6,
	W_PAID_PENALTY = -20,
	W_FREE = 2,
	W_HELPS = 10,
	W_HELPS_TAAL = 20,
	W_HUMAN = 1,
};

void rank_add(suggestion *s, int w, rank_reason_kind k, long long arg)
{
	s->score += w;
	if (s->nreasons < RANK_MAX_REASONS)
		s->reasons[s->nreasons++] = (rank_reason){k, arg};
}

/* Scores one activity; returns false when it does not fit at all (ended, the signaller's
 * own service, age, other wijk). */
static bool score(const content *c, const rank_person *p, int profile, const ik_activity *a, int today, suggestion *s)
{
	if (rank_excluded(p, a, today))
		return false;
	bool own = p->wijk >= 0 && (a->wijken >> p->wijk & 1);
	if (!own && !a->citywide && p->wijk >= 0)
		return false;
	/* reasons in the order a person weighs them: fit first, then place and practicalities */
	if (profile >= 0 && (a->profiles >> profile & 1))
		rank_add(s, W_PROFILE, REASON_PROFILE, profile);
	if (p->lonely & a->lonely)
		rank_add(s, W_LONELY * __builtin_popcount(p->lonely & a->lonely), REASON_LONELY, p->lonely & a->lonely);
	rank_fit_wish(p, a, s);
	rank_fit_interests(p, a, s);
	if (own)
		rank_add(s, W_OWN_WIJK, REASON_OWN_WIJK, p->wijk);
	else if (a->citywide)
		rank_add(s, W_CITYWIDE, REASON_CITYWIDE, 0);
	else /* the person's wijk is unknown: say where it is */
		rank_add(s, 0, REASON_ONLY_WIJK, __builtin_ctzll(a->wijken));
	rank_fit_age_and_groups(p, a, s);
	bool money = p->barriers & (1u << BARRIER_GELD);
	if (a->cost == COST_GRATIS)
		rank_add(s, money ? W_FREE_NEEDED : W_FREE, REASON_FREE, 0);
	else if (a->cost == COST_LAAG && money)
		rank_add(s, W_LOW_NEEDED, REASON_LOW_COST, 0);
	else if (a->cost == COST_BETAALD && money)
		rank_add(s, W_PAID_PENALTY, REASON_COSTS, 0);
	rank_fit_reach(p, a, own, s);
	rank_fit_language(c, p, a, s);
	unsigned helps = (p->barriers & a->helps_with);
	if (helps) /* per barrier, at most two; language counts double: without it nothing else works */
		rank_add(s, (__builtin_popcount(helps) > 1 ? 2 * W_HELPS : W_HELPS) + (helps & 1u << BARRIER_TAAL ? W_HELPS_TAAL - W_HELPS : 0),
			 REASON_HELPS, helps);
	rank_fit_situation(p, a, s);
	if (a->human_route)
		rank_add(s, W_HUMAN, REASON_HUMAN, 0);
	return true;
}

/* Whether a ranks before b: the higher score, then by name, then by id (ids are unique, so
 * this is a total order and the ranking is deterministic). */
static bool ranks_before(const content *c, const suggestion *a, const suggestion *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	const ik_activity *x = &c->activities[a->activity], *y = &c->activities[b->activity];
	int r = strcmp(x->name, y->name);
	return (r ? r : strcmp(x->id, y->id)) < 0;
}

/* A copy of s with nothing but its reasons in use: the loop scores into a scratch suggestion
 * without clearing all of it for each of 100,000 activities. */
static void clean_copy(suggestion *dst, const suggestion *s)
{
	memset(dst, 0, sizeof *dst);
	dst->activity = s->activity;
	dst->score = s->score;
	dst->route = s->route;
	dst->stale = s->stale;
	dst->nreasons = s->nreasons;
	memcpy(dst->reasons, s->reasons, (size_t)s->nreasons * sizeof *s->reasons);
}

/* Puts s into top (best first, *k of at most max kept) if it belongs there. */
static void keep_if_top(const content *c, suggestion *top, int *k, int max, const suggestion *s)
{
	if (max <= 0 || (*k == max && !ranks_before(c, s, &top[max - 1])))
		return;
	int at = *k < max ? (*k)++ : max - 1;
	while (at > 0 && ranks_before(c, s, &top[at - 1])) {
		top[at] = top[at - 1];
		at--;
	}
	clean_copy(&top[at], s);
}

/* Whether an entry checked more than a year ago gives details that go out of date (a phone
 * number, an e-mail address, opening times): only then is a warning worth showing. */
static bool stale(const ik_activity *a, int today)
{
	return today - a->assured_days > 365 && (a->nphones || a->email || a->nschedule);
}

/* One pass over the catalogue keeps only the best max - 1 activities and the best human
 * route, so the cost grows with the catalogue but the memory does not. The human route is not
 * ranked among the activities (it would crowd them out): it comes after them, apart. */
int rank_suggest(const content *c, const answers *as, int profile, int today, suggestion *out, int max)
{
	if (max <= 0)
		return 0;
	rank_person p;
	rank_read_person(c, as, &p);
	int k = 0;
	suggestion human = {.activity = -1};
	suggestion s;
	for (int i = 0; i < c->nactivities; i++) {
		s.activity = i;
		s.score = s.nreasons = 0;
		s.route = false;
		if (!score(c, &p, profile, &c->activities[i], today, &s))
			continue;
		s.stale = stale(&c->activities[i], today);
		if (!c->activities[i].human_route)
			keep_if_top(c, out, &k, max - 1, &s);
		else if (human.activity < 0 || ranks_before(c, &s, &human))
			clean_copy(&human, &s);
	}
	if (human.activity >= 0) {
		human.route = true;
		out[k++] = human;
	}
	return k;
}

static void join_option_texts(const content *c, ik_facet f, uint64_t bits, ik_lang lang, char *buf, size_t n)
{
	const ik_question *q = &c->questions[c->facet_q[f]];
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < q->nopts && used < n; i++)
		if (bits >> i & 1)
			used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? ", " : "", ik_tr(&q->opts[i].text, lang));
}

void rank_reason_text(const content *c, const rank_reason *r, ik_lang lang, char *buf, size_t n)
{
	char list[256];
	static const char *const lonely[] = {N_("sociale eenzaamheid"), N_("emotionele eenzaamheid"), N_("existentiële eenzaamheid")};
	static const char *const barriers[] = {"", N_("geld"), N_("vervoer"), N_("gehoor"), N_("taal"), N_("gezondheid")};
	size_t used = 0;
	list[0] = '\0';
	switch (r->kind) {
	case REASON_PROFILE:
		snprintf(buf, n, _("past bij profiel %s"), ik_tr(&c->profiles[r->arg].name, lang));
		break;
	case REASON_LONELY:
		for (int i = 0; i < 3; i++)
			if (r->arg >> i & 1)
				used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", _(lonely[i]));
		snprintf(buf, n, _("helpt bij %s"), list);
		break;
	case REASON_OWN_WIJK:
		snprintf(buf, n, _("in uw wijk (%s)"), ik_tr(&c->questions[c->facet_q[FACET_WIJK]].opts[r->arg].text, lang));
		break;
	case REASON_CITYWIDE: snprintf(buf, n, "%s", _("in heel Utrecht")); break;
	case REASON_ONLY_WIJK:
		snprintf(buf, n, _("alleen in wijk %s"), ik_tr(&c->questions[c->facet_q[FACET_WIJK]].opts[r->arg].text, lang));
		break;
	case REASON_FREE: snprintf(buf, n, "%s", _("gratis")); break;
	case REASON_LOW_COST: snprintf(buf, n, "%s", _("lage kosten")); break;
	case REASON_COMES_HOME: snprintf(buf, n, "%s", _("komt aan huis")); break;
	case REASON_TRANSPORT: snprintf(buf, n, "%s", _("vervoer geregeld")); break;
	case REASON_REMOTE: snprintf(buf, n, "%s", _("per telefoon of online")); break;
	case REASON_LANGUAGE:
		snprintf(buf, n, _("in een taal die de persoon spreekt: %s"),
			 ik_tr(&c->questions[c->facet_q[FACET_LANGUAGES]].opts[r->arg].text, lang));
		break;
	case REASON_INTEREST:
		join_option_texts(c, FACET_INTERESTS, (uint64_t)r->arg, lang, list, sizeof list);
		snprintf(buf, n, _("sluit aan bij: %s"), list);
		break;
	case REASON_NAMED:
		join_option_texts(c, FACET_INTERESTS, (uint64_t)r->arg, lang, list, sizeof list);
		snprintf(buf, n, _("de persoon noemde: %s"), list);
		break;
	case REASON_HELPS:
		for (int i = 1; i < 6; i++)
			if (r->arg >> i & 1)
				used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", _(barriers[i]));
		snprintf(buf, n, _("helpt bij: %s"), list);
		break;
	case REASON_HUMAN: snprintf(buf, n, "%s", _("iemand die met de persoon meedenkt")); break;
	default: rank_fit_reason_text(c, r, lang, buf, n); break;
	}
}
