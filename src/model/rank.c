/* rank.c: scoring of catalogue entries for one person (see rank.h). The weights are plain
 * numbers on purpose: a reviewer can read why one activity comes before another. */
#include "rank.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

enum {
	W_PROFILE = 40,
	W_OWN_WIJK = 30,
	W_CITYWIDE = 10,
	W_LONELY = 15,
	W_FREE_NEEDED = 12,
	W_LOW_NEEDED = 6,
	W_PAID_PENALTY = -20,
	W_FREE = 2,
	W_COMES_HOME = 15,
	W_TRANSPORT = 10,
	W_REMOTE = 10,
	W_GO_PENALTY = -15,
	W_LANG = 15,
	W_LANG_PENALTY = -25,
	W_INTEREST = 5,
	W_GROUP = 10,
	W_OTHER_GROUP = -10,
	W_HELPS = 10,
	W_HUMAN = 1,
};

/* What the ranking knows of the person, read once from the answers. */
typedef struct {
	int age_lo, age_hi;   /* -1: unknown */
	int wijk;             /* option index, -1 unknown */
	unsigned lonely;      /* ik_lonely bits */
	unsigned barriers;    /* bit per ik_barrier */
	uint64_t interests;   /* option bits */
	unsigned groups;      /* ik_group bits */
	uint64_t langs;       /* option bits of the languages question */
	bool foreign_only;    /* speaks languages, none of them Dutch */
} person;

static void read_person(const content *c, const answers *as, person *p)
{
	memset(p, 0, sizeof *p);
	p->age_lo = p->age_hi = -1;
	int age = answers_facet_single(as, FACET_AGE);
	if (age >= 0) {
		const ik_option *o = &c->questions[c->facet_q[FACET_AGE]].opts[age];
		p->age_lo = o->min_age;
		p->age_hi = o->max_age;
		p->groups |= o->groups;
	}
	p->wijk = answers_facet_single(as, FACET_WIJK);
	static const ik_facet multi[] = {FACET_LONELINESS, FACET_BARRIERS, FACET_GROUPS};
	for (size_t f = 0; f < ARRAY_LEN(multi); f++) {
		uint64_t opts = answers_facet_opts(as, multi[f]);
		const ik_question *q = opts ? &c->questions[c->facet_q[multi[f]]] : NULL;
		for (int i = 0; q && i < q->nopts; i++) {
			if (!(opts >> i & 1))
				continue;
			const ik_option *o = &q->opts[i];
			p->lonely |= o->lonely;
			p->barriers |= o->barrier ? 1u << o->barrier : 0;
			p->groups |= multi[f] == FACET_GROUPS ? o->groups : 0;
		}
	}
	p->interests = answers_facet_opts(as, FACET_INTERESTS);
	p->langs = answers_facet_opts(as, FACET_LANGUAGES);
	if (p->langs) {
		const ik_question *lq = &c->questions[c->facet_q[FACET_LANGUAGES]];
		int nl = content_option_index(lq, "nl");
		p->foreign_only = nl < 0 || !(p->langs >> nl & 1);
	}
}

static void add(suggestion *s, int w, rank_reason_kind k, long long arg)
{
	s->score += w;
	if (s->nreasons < RANK_MAX_REASONS)
		s->reasons[s->nreasons++] = (rank_reason){k, arg};
}

/* Returns the first language option the person speaks that the activity offers, or -1. */
static int shared_language(const content *c, const person *p, const ik_activity *a)
{
	const ik_question *lq = &c->questions[c->facet_q[FACET_LANGUAGES]];
	for (int i = 0; i < lq->nopts; i++) {
		if (!(p->langs >> i & 1) || strcmp(lq->opts[i].id, "nl") == 0)
			continue;
		for (int k = 0; k < a->nlanguages; k++)
			if (strcmp(a->languages[k], lq->opts[i].id) == 0)
				return i;
	}
	return -1;
}

/* Scores one activity; returns false when it does not fit at all (age, other wijk). */
static bool score(const content *c, const person *p, int profile, const ik_activity *a, suggestion *s)
{
	if (p->age_lo >= 0 && ((a->max_age >= 0 && p->age_lo > a->max_age) || (a->min_age >= 0 && p->age_hi < a->min_age)))
		return false;
	bool own = p->wijk >= 0 && (a->wijken >> p->wijk & 1);
	if (!own && !a->citywide && p->wijk >= 0)
		return false;
	/* reasons in the order a person weighs them: fit first, then place and practicalities */
	if (profile >= 0 && (a->profiles >> profile & 1))
		add(s, W_PROFILE, REASON_PROFILE, profile);
	if (p->lonely & a->lonely)
		add(s, W_LONELY * __builtin_popcount(p->lonely & a->lonely), REASON_LONELY, p->lonely & a->lonely);
	if (own)
		add(s, W_OWN_WIJK, REASON_OWN_WIJK, p->wijk);
	else if (a->citywide)
		add(s, W_CITYWIDE, REASON_CITYWIDE, 0);
	else /* the person's wijk is unknown: say where it is */
		add(s, 0, REASON_ONLY_WIJK, __builtin_ctzll(a->wijken));
	bool money = p->barriers & (1u << BARRIER_GELD);
	if (a->cost == COST_GRATIS)
		add(s, money ? W_FREE_NEEDED : W_FREE, REASON_FREE, 0);
	else if (a->cost == COST_LAAG && money)
		add(s, W_LOW_NEEDED, REASON_LOW_COST, 0);
	else if (a->cost == COST_BETAALD && money)
		s->score += W_PAID_PENALTY;
	if (p->barriers & (1u << BARRIER_MOBILITEIT | 1u << BARRIER_GEZONDHEID)) {
		if (a->mobility == MOB_KOMT_AAN_HUIS)
			add(s, W_COMES_HOME, REASON_COMES_HOME, 0);
		else if (a->mobility == MOB_VERVOER_GEREGELD)
			add(s, W_TRANSPORT, REASON_TRANSPORT, 0);
		else if (a->mobility == MOB_OP_AFSTAND)
			add(s, W_REMOTE, REASON_REMOTE, 0);
		else
			s->score += W_GO_PENALTY;
	} else if (a->mobility == MOB_KOMT_AAN_HUIS) {
		add(s, 0, REASON_COMES_HOME, 0);
	} else if (a->mobility == MOB_OP_AFSTAND) {
		add(s, 0, REASON_REMOTE, 0);
	}
	if (p->foreign_only && a->nlanguages > 0) {
		int l = shared_language(c, p, a);
		if (l >= 0)
			add(s, W_LANG, REASON_LANGUAGE, l);
		else
			s->score += W_LANG_PENALTY;
	}
	uint64_t in = p->interests & a->interests;
	if (in)
		add(s, W_INTEREST * (__builtin_popcountll(in) > 3 ? 3 : __builtin_popcountll(in)), REASON_INTEREST, (long long)in);
	if (p->groups & a->groups)
		add(s, W_GROUP, REASON_GROUP, p->groups & a->groups);
	else if (a->groups)
		s->score += W_OTHER_GROUP;
	unsigned helps = (p->barriers & a->helps_with);
	if (helps)
		add(s, W_HELPS, REASON_HELPS, helps);
	if (a->human_route)
		add(s, W_HUMAN, REASON_HUMAN, 0);
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
	dst->stale = s->stale;
	dst->nreasons = s->nreasons;
	memcpy(dst->reasons, s->reasons, (size_t)s->nreasons * sizeof *s->reasons);
}

/* Puts s into top (best first, *k of at most max kept) if it belongs there. */
static void keep_if_top(const content *c, suggestion *top, int *k, int max, const suggestion *s)
{
	if (*k == max && !ranks_before(c, s, &top[max - 1]))
		return;
	int at = *k < max ? (*k)++ : max - 1;
	while (at > 0 && ranks_before(c, s, &top[at - 1])) {
		top[at] = top[at - 1];
		at--;
	}
	clean_copy(&top[at], s);
}

/* One pass over the catalogue keeps only the best max (and the best human route), so the cost
 * grows with the catalogue but the memory does not. */
int rank_suggest(const content *c, const answers *as, int profile, int today, suggestion *out, int max)
{
	if (max <= 0)
		return 0;
	person p;
	read_person(c, as, &p);
	int k = 0;
	suggestion human = {.activity = -1};
	suggestion s;
	for (int i = 0; i < c->nactivities; i++) {
		s.activity = i;
		s.score = s.nreasons = 0;
		if (!score(c, &p, profile, &c->activities[i], &s))
			continue;
		s.stale = today - c->activities[i].assured_days > 365;
		keep_if_top(c, out, &k, max, &s);
		if (c->activities[i].human_route && (human.activity < 0 || ranks_before(c, &s, &human)))
			clean_copy(&human, &s);
	}
	/* Nobody leaves with nothing: keep the best human route among the suggestions. */
	bool shown = false;
	for (int i = 0; i < k; i++)
		shown |= c->activities[out[i].activity].human_route;
	if (!shown && human.activity >= 0)
		out[k - 1] = human; /* k == max here: with room to spare, every fit is already shown */
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
	static const char *const groups[] = {N_("jongeren"), N_("studenten"), N_("65-plussers"), N_("migranten"), N_("mantelzorgers"), N_("LHBTI+")};
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
	case REASON_GROUP:
		for (int i = 0; i < 6; i++)
			if (r->arg >> i & 1)
				used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", _(groups[i]));
		snprintf(buf, n, _("speciaal voor %s"), list);
		break;
	case REASON_HELPS:
		for (int i = 1; i < 6; i++)
			if (r->arg >> i & 1)
				used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", _(barriers[i]));
		snprintf(buf, n, _("helpt bij: %s"), list);
		break;
	case REASON_HUMAN: snprintf(buf, n, "%s", _("iemand die met de persoon meedenkt")); break;
	}
}
