/* profile.c: rule evaluation for profiles (see profile.h). */
#include "profile.h"

#include <string.h>

static void add_deciding(profile_result *r, const ik_profile *p)
{
	for (int k = 0; k < p->nrules; k++) {
		int q = p->rules[k].question;
		bool seen = false;
		for (int j = 0; j < r->ndeciding; j++)
			seen |= r->deciding[j] == q;
		if (!seen && r->ndeciding < (int)ARRAY_LEN(r->deciding))
			r->deciding[r->ndeciding++] = q;
	}
	/* walk order: insertion sort by question index */
	for (int i = 1; i < r->ndeciding; i++)
		for (int j = i; j > 0 && r->deciding[j - 1] > r->deciding[j]; j--) {
			int t = r->deciding[j];
			r->deciding[j] = r->deciding[j - 1];
			r->deciding[j - 1] = t;
		}
}

void profile_infer(const content *c, const answers *as, profile_result *r)
{
	memset(r, 0, sizeof *r);
	r->chosen = -1;
	for (int i = 0; i < c->nprofiles && i < 64; i++) {
		const ik_profile *p = &c->profiles[i];
		for (int k = 0; k < p->nrules; k++)
			r->held[i] += answers_cond_holds(as, &p->rules[k]);
		if (r->held[i] == p->nrules)
			r->candidates[r->ncandidates++] = i;
	}
	if (r->ncandidates == 1) {
		r->state = PROFILE_SELECTED;
		r->chosen = r->candidates[0];
		add_deciding(r, &c->profiles[r->chosen]);
		return;
	}
	if (r->ncandidates > 1) {
		r->state = PROFILE_TIE;
		for (int i = 0; i < r->ncandidates; i++)
			add_deciding(r, &c->profiles[r->candidates[i]]);
		return;
	}
	/* nothing holds: list every profile, the nearest (most rules holding) first; stable */
	r->state = PROFILE_UNKNOWN;
	for (int i = 0; i < c->nprofiles && i < 64; i++) {
		int j = r->ncandidates++;
		while (j > 0 && r->held[r->candidates[j - 1]] < r->held[i]) {
			r->candidates[j] = r->candidates[j - 1];
			j--;
		}
		r->candidates[j] = i;
	}
}
