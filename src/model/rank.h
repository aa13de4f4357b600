/* rank.h: filters and orders the catalogue for one person: profile fit, kind of loneliness,
 * what the person wants and can do, age, wijk (own wijk first, then city-wide), cost, how far
 * the person can go, language, interests (also those named in the wishes text), target
 * groups, life events. Every suggestion carries its reasons and a stale flag. One human route
 * (someone who helps further) is always shown, apart from the ranked activities and chosen
 * for the signaller's role; ended activities and a role's own service are never suggested.
 * The factors and their weights are explained in content/RANKING.md. Pure logic,
 * deterministic. */
#ifndef INFOKAART_RANK_H
#define INFOKAART_RANK_H

#include <stddef.h>

#include "answers.h"

typedef enum {
	REASON_PROFILE,    /* arg: profile index */
	REASON_LONELY,     /* arg: ik_lonely bits matched */
	REASON_OWN_WIJK,   /* arg: wijk option index */
	REASON_CITYWIDE,
	REASON_ONLY_WIJK,  /* arg: wijk option index; shown when the person's wijk is unknown */
	REASON_FREE,
	REASON_LOW_COST,
	REASON_COMES_HOME,
	REASON_TRANSPORT,
	REASON_REMOTE,
	REASON_LANGUAGE,   /* arg: option index in the languages question */
	REASON_INTEREST,   /* arg: interests option bits matched (low 32) */
	REASON_GROUP,      /* arg: ik_group bits matched */
	REASON_HELPS,      /* arg: barrier bits matched */
	REASON_HUMAN,
	REASON_COSTS,         /* the person has money worries and it costs money */
	REASON_MUST_GO,       /* the person must go there, and cannot easily */
	REASON_REACH_UNKNOWN, /* not known whether it comes to the person */
	REASON_OTHER_LANGS,   /* offered only in languages the person does not speak */
	REASON_NAMED,         /* arg: interests option bits named in the wishes text */
	REASON_GROUP_PART,    /* arg: groups held | groups not known << 8 */
	REASON_GROUP_MISS,    /* arg: groups held | groups not held << 8 */
	REASON_AGE_PART,      /* arg: minimum_age << 8 | maximum_age (-1 as 255) */
	REASON_WISH_MORE,     /* wants more contact: a place to meet others */
	REASON_WISH_ONE,      /* wants no new people now: one person, or practical help */
	REASON_WISH_GROUP,    /* wants no new people now, and this is a group */
	REASON_SIGNAL,        /* arg: question index << 8 | option index of the life event */
	REASON_ALONE,         /* lives alone: a regular contact */
	REASON_ROLE,          /* arg: role option index: the natural next step for this role */
	REASON_FOR_LEARNERS   /* made for people learning Dutch, and the person speaks it */
} rank_reason_kind;

typedef struct {
	rank_reason_kind kind;
	long long arg;
} rank_reason;

#define RANK_MAX_REASONS 16

typedef struct {
	int activity; /* index into content.activities */
	int score;
	bool route;   /* the human route, shown apart after the ranked activities */
	bool stale;   /* checked more than 365 days ago, and has a phone, e-mail or schedule
			 that may have changed since: worth a warning before it is passed on */
	int nreasons;
	rank_reason reasons[RANK_MAX_REASONS];
} suggestion;

/* Writes up to max suggestions for the answers and profile (-1: none) into out and returns
 * how many: the best activities first, then (the last one, marked route) the human route that
 * fits best, when one applies. today is days since 1970-01-01. */
int rank_suggest(const content *c, const answers *as, int profile, int today, suggestion *out, int max);

/* One reason in words, e.g. "in uw wijk (Overvecht)", in lang. Writes into buf. */
void rank_reason_text(const content *c, const rank_reason *r, ik_lang lang, char *buf, size_t n);

#endif
