/* rank_person.c: reads what the ranking needs to know of the person from the answers, once
 * per ranking: age (band and, when given, years), wijk, role, kinds of loneliness, barriers,
 * interests (also those named in the free wishes text), groups the person belongs to or is
 * known not to belong to, languages, wish, how far the person can go, living alone, and the
 * active elements that life events ask for. Pure logic. */
#include <stdlib.h>
#include <string.h>

#include "rank_internal.h"
#include "text.h"

static const ik_question *facet_question(const content *c, ik_facet f)
{
	return c->facet_q[f] >= 0 ? &c->questions[c->facet_q[f]] : NULL;
}

static const ik_option *facet_choice(const content *c, const answers *as, ik_facet f)
{
	int o = answers_facet_single(as, f);
	return o >= 0 ? &facet_question(c, f)->opts[o] : NULL;
}

/* Whether `word` (folded) starts a word of the folded text. */
static bool names(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *t = text; (t = strstr(t, word)) != NULL; t++) {
		unsigned char before = t == text ? ' ' : (unsigned char)t[-1];
		if (!(before >= 'a' && before <= 'z') && !(before >= '0' && before <= '9') && before < 0x80)
			return true;
		if (!t[n])
			break;
	}
	return false;
}

/* Interests the person named in the wishes text, by the words the content gives for each. */
static uint64_t named_interests(const content *c, const answers *as)
{
	const ik_question *iq = facet_question(c, FACET_INTERESTS);
	int wq = c->facet_q[FACET_WISHES];
	if (!iq || wq < 0 || !as->a[wq].set || !as->a[wq].text)
		return 0;
	char *text = text_fold(as->a[wq].text);
	uint64_t bits = 0;
	for (int i = 0; i < iq->nopts; i++)
		for (int k = 0; k < iq->opts[i].nwords && !(bits >> i & 1); k++)
			if (names(text, iq->opts[i].words[k]))
				bits |= UINT64_C(1) << i;
	free(text);
	return bits;
}

/* Age band, years and the groups the age decides (jongeren, 65plus). */
static void read_age(const content *c, const answers *as, rank_person *p)
{
	const ik_option *o = facet_choice(c, as, FACET_AGE);
	p->age_lo = p->age_hi = -1;
	if (!o)
		return;
	p->age_lo = o->min_age;
	p->age_hi = o->max_age;
	p->groups |= o->groups;
	p->not_groups |= (GROUP_JONGEREN | GROUP_65PLUS) & ~o->groups;
	int yq = c->facet_q[FACET_AGE_YEARS];
	if (yq >= 0 && as->a[yq].set && answers_applies(as, yq)) {
		int y = as->a[yq].value;
		if (y >= p->age_lo && y <= p->age_hi) { /* a slip against the band is not used */
			p->age_lo = p->age_hi = y;
			p->age_exact = true;
		}
	}
}

/* Every chosen option of questions without a facet (the signals) and of the barriers and
 * groups questions: barriers, groups and active elements it implies. */
static void read_choices(const content *c, const answers *as, rank_person *p)
{
	for (int q = 0; q < c->nquestions; q++) {
		const ik_question *qq = &c->questions[q];
		bool facet_ok = qq->facet == FACET_NONE || qq->facet == FACET_BARRIERS || qq->facet == FACET_GROUPS ||
				qq->facet == FACET_LONELINESS;
		if (!facet_ok || !as->a[q].set || (qq->type != Q_SINGLE && qq->type != Q_MULTI))
			continue;
		for (int i = 0; i < qq->nopts; i++) {
			if (!(as->a[q].opts >> i & 1))
				continue;
			const ik_option *o = &qq->opts[i];
			p->lonely |= o->lonely;
			p->barriers |= o->barrier ? 1u << o->barrier : 0;
			p->groups |= o->groups;
			for (int e = 0; e < 7; e++)
				if ((o->elements >> e & 1) && !(p->elements >> e & 1)) {
					p->elements |= 1u << e;
					p->element_q[e] = q;
					p->element_o[e] = i;
				}
		}
	}
	const ik_question *gq = facet_question(c, FACET_GROUPS);
	if (gq && as->a[c->facet_q[FACET_GROUPS]].set) /* the signaller went through the groups */
		for (int i = 0; i < gq->nopts; i++)
			p->not_groups |= gq->opts[i].groups & ~p->groups;
}

/* How far the person can go: the mobility answer where it was asked, else the capacity
 * answer; a transport or walking barrier means at least "with help". */
static rank_reach read_reach(const content *c, const answers *as, const rank_person *p)
{
	const ik_option *m = facet_choice(c, as, FACET_MOBILITY);
	const ik_option *cap = facet_choice(c, as, FACET_CAPACITY);
	ik_means means = m && m->means ? m->means : cap ? cap->means : MEANS_NONE;
	rank_reach r = means == MEANS_HOME ? REACH_HOME : means == MEANS_WITH_HELP ? REACH_WITH_HELP : REACH_ANY;
	if (r == REACH_ANY && (p->barriers & 1u << BARRIER_MOBILITEIT))
		r = REACH_WITH_HELP;
	return r;
}

void rank_read_person(const content *c, const answers *as, rank_person *p)
{
	memset(p, 0, sizeof *p);
	read_age(c, as, p);
	p->wijk = answers_facet_single(as, FACET_WIJK);
	p->role = answers_facet_single(as, FACET_ROLE);
	read_choices(c, as, p);
	p->interests = answers_facet_opts(as, FACET_INTERESTS);
	p->named = named_interests(c, as) & ~p->interests;
	p->langs = answers_facet_opts(as, FACET_LANGUAGES);
	if (p->langs) {
		const ik_question *lq = facet_question(c, FACET_LANGUAGES);
		int nl = content_option_index(lq, "nl");
		p->dutch = nl >= 0 && (p->langs >> nl & 1);
		p->foreign_only = !p->dutch;
	}
	if (p->foreign_only) /* speaking no Dutch is a language barrier, asked or not */
		p->barriers |= 1u << BARRIER_TAAL;
	const ik_option *w = facet_choice(c, as, FACET_WISH);
	p->wish = w ? w->means : MEANS_NONE;
	const ik_option *l = facet_choice(c, as, FACET_LIVING);
	p->alone = l && l->means == MEANS_ALONE;
	p->reach = read_reach(c, as, p);
}
