/* rank_fit.c: the factors of the ranking that look at the whole person (see rank_internal.h
 * and content/RANKING.md): what is never suggested, age and target groups read strictly, the
 * person's wish, how far the person can go, language, interests (answered or named in the
 * wishes text), life events, living alone and the signaller's role. Each factor adds a plain
 * weight and says why, also when it counts against an activity. Pure logic. */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "rank_internal.h"

enum {
	W_AGE_PART = -10,     /* the age limits cover only part of the person's age band */
	W_GROUP = 15,         /* for groups the person belongs to, wholly: per group, at most two */
	W_GROUP_PART = 0,     /* partly, and the rest is not known */
	W_GROUP_UNKNOWN = -20, /* for a group the person is not known to belong to */
	W_GROUP_MISS = -20,   /* for a group the person does not belong to */
	W_WISH = 10,          /* fits the wish: meeting others, or one person */
	W_WISH_GROUP = -20,   /* a group for someone who wants no new people now */
	W_INTEREST = 15,      /* per interest, at most two counted */
	W_SIGNAL = 5,         /* per active element a life event asks for, at most two */
	W_ALONE = 5,          /* lives alone: a regular contact */
	W_ROLE = 30,          /* the natural next step for this signaller */
};

#define ELEMENT(name) (1u << (name))
enum { E_BEZIG, E_ONTMOETEN, E_PRAKTISCH, E_CONTACT, E_VAARDIG, E_VERWACHT, E_ROL };

/* A few weights that depend on how far the person can go, per mobility of the activity
 * (ik_mobility order: komt_aan_huis, vervoer_geregeld, zelf_gaan, op_afstand, onbekend). */
static const int reach_weight[3][5] = {
	[REACH_ANY] = {0, 0, 0, 0, 0},
	[REACH_WITH_HELP] = {10, 15, -15, 5, -5},
	[REACH_HOME] = {20, 5, -30, 15, -10},
};

bool rank_excluded(const rank_person *p, const ik_activity *a, int today)
{
	if (a->ends_days >= 0 && today > a->ends_days)
		return true;
	if (p->role >= 0 && (a->not_for_roles >> p->role & 1))
		return true;
	if (p->age_lo >= 0 && ((a->max_age >= 0 && p->age_lo > a->max_age) || (a->min_age >= 0 && p->age_hi < a->min_age)))
		return true;
	/* an age group (jongeren, 65plus) the person's age rules out is as strict as an age limit */
	return (a->groups & p->not_groups & (GROUP_JONGEREN | GROUP_65PLUS)) != 0;
}

void rank_fit_age_and_groups(const rank_person *p, const ik_activity *a, suggestion *s)
{
	bool covers = (a->min_age < 0 || a->min_age <= p->age_lo) && (a->max_age < 0 || a->max_age >= p->age_hi);
	if (p->age_lo >= 0 && !p->age_exact && !covers)
		rank_add(s, W_AGE_PART, REASON_AGE_PART, (long long)(a->min_age & 0xff) << 8 | (a->max_age & 0xff));
	if (!a->groups)
		return;
	unsigned held = a->groups & p->groups, missed = a->groups & p->not_groups & ~held;
	unsigned unknown = a->groups & ~held & ~missed;
	if (held == a->groups)
		rank_add(s, W_GROUP * (__builtin_popcount(held) > 1 ? 2 : 1), REASON_GROUP, held);
	else if (missed)
		rank_add(s, W_GROUP_MISS, REASON_GROUP_MISS, held | missed << 8);
	else
		rank_add(s, held ? W_GROUP_PART : W_GROUP_UNKNOWN, REASON_GROUP_PART, held | unknown << 8);
}

void rank_fit_wish(const rank_person *p, const ik_activity *a, suggestion *s)
{
	bool meets = a->elements & ELEMENT(E_ONTMOETEN), one = a->elements & (ELEMENT(E_CONTACT) | ELEMENT(E_PRAKTISCH));
	if (p->wish == MEANS_MORE_CONTACT && meets)
		rank_add(s, W_WISH, REASON_WISH_MORE, 0);
	else if (p->wish == MEANS_NOT_NOW && one && !meets)
		rank_add(s, W_WISH, REASON_WISH_ONE, 0);
	else if (p->wish == MEANS_NOT_NOW && meets) /* less so where one goes for the doing: a concert */
		rank_add(s, a->elements & ELEMENT(E_BEZIG) ? W_WISH_GROUP / 2 : W_WISH_GROUP, REASON_WISH_GROUP, 0);
}

void rank_fit_reach(const rank_person *p, const ik_activity *a, bool own_wijk, suggestion *s)
{
	enum { W_NEARBY = -5 }; /* "somewhere nearby, if someone goes along": the own wijk is near */
	static const rank_reason_kind kinds[] = {REASON_COMES_HOME, REASON_TRANSPORT, REASON_MUST_GO, REASON_REMOTE,
						 REASON_REACH_UNKNOWN};
	int w = reach_weight[p->reach][a->mobility];
	if (p->reach == REACH_WITH_HELP && a->mobility == MOB_ZELF_GAAN && own_wijk)
		w = W_NEARBY;
	if (p->reach != REACH_ANY)
		rank_add(s, w, kinds[a->mobility], 0);
	else if (a->mobility == MOB_KOMT_AAN_HUIS || a->mobility == MOB_OP_AFSTAND)
		rank_add(s, 0, kinds[a->mobility], 0); /* worth knowing, but no need */
}

/* Returns the first language option the person speaks that the activity offers, or -1. */
static int shared_language(const content *c, const rank_person *p, const ik_activity *a)
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

void rank_fit_language(const content *c, const rank_person *p, const ik_activity *a, suggestion *s)
{
	enum { W_LANG = 15, W_LANG_PENALTY = -25, W_NOT_LEARNING = -30 };
	bool learning = a->helps_with & 1u << BARRIER_TAAL;
	if (learning && p->dutch && !(p->barriers & 1u << BARRIER_TAAL)) {
		rank_add(s, W_NOT_LEARNING, REASON_FOR_LEARNERS, 0); /* made for people learning Dutch */
		return;
	}
	if (!p->foreign_only || a->nlanguages == 0)
		return;
	int l = shared_language(c, p, a);
	if (l >= 0)
		rank_add(s, W_LANG, REASON_LANGUAGE, l);
	else if (!learning) /* a place to learn Dutch is the exception */
		rank_add(s, W_LANG_PENALTY, REASON_OTHER_LANGS, 0);
}

void rank_fit_interests(const rank_person *p, const ik_activity *a, suggestion *s)
{
	uint64_t in = p->interests & a->interests, named = p->named & a->interests;
	int n = __builtin_popcountll(in), m = __builtin_popcountll(named);
	if (n)
		rank_add(s, W_INTEREST * (n > 2 ? 2 : n), REASON_INTEREST, (long long)in);
	if (m && n < 2)
		rank_add(s, W_INTEREST * (n + m > 2 ? 2 - n : m), REASON_NAMED, (long long)named);
}

/* Life events, living alone and the signaller's role. */
void rank_fit_situation(const rank_person *p, const ik_activity *a, suggestion *s)
{
	unsigned asked = p->elements & a->elements;
	if (asked) {
		int e = __builtin_ctz(asked), n = __builtin_popcount(asked);
		rank_add(s, W_SIGNAL * (n > 2 ? 2 : n), REASON_SIGNAL, (long long)p->element_q[e] << 8 | p->element_o[e]);
	}
	if (p->alone && (a->elements & ELEMENT(E_CONTACT)))
		rank_add(s, W_ALONE, REASON_ALONE, 0);
	if (p->role >= 0 && (a->for_roles >> p->role & 1))
		rank_add(s, W_ROLE, REASON_ROLE, p->role);
}

/* Joins the group names of bits into buf. */
static void group_list(unsigned bits, char *buf, size_t n)
{
	static const char *const groups[] = {N_("jongeren"), N_("studenten"), N_("65-plussers"), N_("migranten"),
					     N_("mantelzorgers"), N_("LHBTI+")};
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < 6 && used < n; i++)
		if (bits >> i & 1)
			used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? ", " : "", _(groups[i]));
}

static void age_range(long long arg, char *buf, size_t n)
{
	int lo = (int)(arg >> 8 & 0xff), hi = (int)(arg & 0xff);
	if (hi == 0xff)
		snprintf(buf, n, _("alleen vanaf %d jaar: past de leeftijd?"), lo);
	else if (lo == 0xff)
		snprintf(buf, n, _("alleen tot en met %d jaar: past de leeftijd?"), hi);
	else
		snprintf(buf, n, _("alleen voor %d tot en met %d jaar: past de leeftijd?"), lo, hi);
}

void rank_fit_reason_text(const content *c, const rank_reason *r, ik_lang lang, char *buf, size_t n)
{
	char all[160], part[160];
	const ik_question *q;
	switch (r->kind) {
	case REASON_COSTS: snprintf(buf, n, "%s", _("let op: kost geld")); break;
	case REASON_MUST_GO: snprintf(buf, n, "%s", _("let op: de persoon moet er zelf heen")); break;
	case REASON_REACH_UNKNOWN: snprintf(buf, n, "%s", _("niet bekend of het aan huis of per telefoon kan")); break;
	case REASON_OTHER_LANGS: snprintf(buf, n, "%s", _("let op: niet in een taal die de persoon goed spreekt")); break;
	case REASON_FOR_LEARNERS: snprintf(buf, n, "%s", _("voor wie Nederlands leert, en de persoon spreekt het al")); break;
	case REASON_GROUP:
		group_list((unsigned)r->arg, all, sizeof all);
		snprintf(buf, n, _("speciaal voor %s"), all);
		break;
	case REASON_GROUP_PART:
	case REASON_GROUP_MISS:
		group_list((unsigned)(r->arg & 0xff) | (unsigned)(r->arg >> 8), all, sizeof all);
		group_list((unsigned)(r->arg >> 8), part, sizeof part);
		snprintf(buf, n, r->kind == REASON_GROUP_MISS ? _("voor %s; de persoon hoort niet bij: %s")
							      : _("voor %s; niet bekend of de persoon hoort bij: %s"),
			 all, part);
		break;
	case REASON_AGE_PART: age_range(r->arg, buf, n); break;
	case REASON_WISH_MORE: snprintf(buf, n, "%s", _("past bij de wens: meer contact met anderen")); break;
	case REASON_WISH_ONE: snprintf(buf, n, "%s", _("één vast persoon of praktische hulp, geen groep")); break;
	case REASON_WISH_GROUP: snprintf(buf, n, "%s", _("let op: een groep, en de persoon wil nu geen nieuwe mensen")); break;
	case REASON_SIGNAL:
		q = &c->questions[r->arg >> 8];
		snprintf(buf, n, _("past bij wat er speelt: %s"), ik_tr(&q->opts[r->arg & 0xff].text, lang));
		break;
	case REASON_ALONE: snprintf(buf, n, "%s", _("woont alleen: een vast contact")); break;
	case REASON_ROLE:
		q = &c->questions[c->facet_q[FACET_ROLE]];
		snprintf(buf, n, _("de gebruikelijke route voor: %s"), ik_tr(&q->opts[r->arg].text, lang));
		break;
	default: snprintf(buf, n, "%s", ""); break;
	}
}
