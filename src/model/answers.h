/* answers.h: the answers given so far in one walk-through, one slot per question of the
 * content. Pure logic: no terminal, no JSON, no database. Wiping is explicit (kiosk). */
#ifndef INFOKAART_ANSWERS_H
#define INFOKAART_ANSWERS_H

#include <stdbool.h>
#include <stdint.h>

#include "content.h"

typedef struct {
	bool set;      /* answered */
	uint64_t opts; /* single/multi: bit i = option i chosen */
	int value;     /* scale/number */
	char *text;    /* text: owned, NULL when unset */
} ik_answer;

typedef struct {
	const content *c;
	ik_answer *a; /* c->nquestions slots */
} answers;

answers *answers_new(const content *c);
void answers_free(answers *as);  /* accepts NULL; wipes free text first */
void answers_clear(answers *as); /* forgets every answer, overwriting free text */

bool answers_has_opt(const answers *as, int q, int opt);
int answers_single(const answers *as, int q); /* the chosen option, or -1 */
void answers_set_single(answers *as, int q, int opt);
void answers_toggle(answers *as, int q, int opt); /* multi; honours "exclusive" options */
void answers_set_value(answers *as, int q, int value);
void answers_set_text(answers *as, int q, const char *s); /* "" unsets */
void answers_unset(answers *as, int q);

/* Facet helpers: -1 / 0 when the facet's question is absent or unanswered. */
int answers_facet_single(const answers *as, ik_facet f);
uint64_t answers_facet_opts(const answers *as, ik_facet f);

bool answers_cond_holds(const answers *as, const ik_cond *cond);
bool answers_conds_hold(const answers *as, const ik_cond *conds, int n);
bool answers_applies(const answers *as, int q); /* the question's `when` holds */
/* Whether the answer to q (or, answers_crisis, any answer) holds an option marked "crisis":
 * talk of death or of not wanting to live. The crisis screen then comes first. */
bool answers_crisis_in(const answers *as, int q);
bool answers_crisis(const answers *as);
/* Whether the crisis line l is shown to this signaller: not when it is the service of the
 * role chosen (its "not_for_roles": no "call the NIZU infolijn" to its operator). Before a role
 * is chosen every line is shown. */
bool answers_crisis_line_shown(const answers *as, const ik_crisis_line *l);

/* Whether question q has an answer good enough to go on (optional questions always do). */
bool answers_complete(const answers *as, int q);

#endif
