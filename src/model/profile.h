/* profile.h: infers the intervention profile from the answers with the rules in
 * profiles.json, and says which answers decided it. A tie and "not enough information" are
 * states of their own, never a silent default. Pure logic. */
#ifndef INFOKAART_PROFILE_H
#define INFOKAART_PROFILE_H

#include "answers.h"

typedef enum {
	PROFILE_SELECTED, /* exactly one profile's rules all hold */
	PROFILE_TIE,      /* more than one: the signaller chooses among candidates */
	PROFILE_UNKNOWN   /* none: not enough information; nearest are listed */
} profile_state;

typedef struct {
	profile_state state;
	int chosen;          /* profile index when SELECTED, else -1 */
	int candidates[64];  /* SELECTED/TIE: profiles whose rules all hold; UNKNOWN: all
				profiles, most rules holding first */
	int ncandidates;
	int held[64];        /* per profile index: how many of its rules hold */
	int deciding[16];    /* question indices of the chosen profile's rules (SELECTED) or
				of the candidates' rules (TIE), each once, in walk order */
	int ndeciding;
} profile_result;

void profile_infer(const content *c, const answers *as, profile_result *r);

#endif
