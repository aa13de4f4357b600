/* rank.h: filters and orders the catalogue for one person: profile fit, kind of loneliness,
 * age, wijk (own wijk first, then city-wide), cost, mobility, language, interests, target
 * groups. Every suggestion carries its reasons and a stale flag; at least one human route
 * (someone who helps further) is always among the suggestions. Pure logic, deterministic. */
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
	REASON_HUMAN
} rank_reason_kind;

typedef struct {
	rank_reason_kind kind;
	long long arg;
} rank_reason;

#define RANK_MAX_REASONS 12

typedef struct {
	int activity; /* index into content.activities */
	int score;
	bool stale;   /* assured_date more than 365 days before today */
	int nreasons;
	rank_reason reasons[RANK_MAX_REASONS];
} suggestion;

/* Writes up to max suggestions (best first) for the answers and profile (-1: none) into out
 * and returns how many. today is days since 1970-01-01. */
int rank_suggest(const content *c, const answers *as, int profile, int today, suggestion *out, int max);

/* One reason in words, e.g. "in uw wijk (Overvecht)", in lang. Writes into buf. */
void rank_reason_text(const content *c, const rank_reason *r, ik_lang lang, char *buf, size_t n);

#endif
