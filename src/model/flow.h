/* flow.h: the walk-through as a state machine that knows nothing of terminals. Front ends
 * (the ncurses TUI, the --plain line mode) show flow_current() and call flow_next /
 * flow_back; going back keeps every answer. The steps come from the content: for each
 * phase its guide (if any) and its questions, then profile, suggestions, record and done. */
#ifndef INFOKAART_FLOW_H
#define INFOKAART_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "answers.h"
#include "profile.h"
#include "rank.h"

typedef enum {
	STEP_GUIDE,    /* index: phase with the conversation guide */
	STEP_QUESTION, /* index: question */
	STEP_PROFILE,
	STEP_SUGGEST,
	STEP_RECORD,
	STEP_DONE,
	STEP_END_INFO  /* the person does not want support now: information only */
} step_kind;

typedef struct {
	step_kind kind;
	int index;
} flow_step;

#define FLOW_MAX_SUGGEST 12
#define FLOW_FOLLOWUP_DAYS 14
#define FLOW_TEXT_MAX 500 /* characters of a note or a text answer; front ends say so */

typedef enum { CONSENT_UNSET, CONSENT_YES, CONSENT_NO } consent_state;
extern const char *const flow_consent_how_ids[]; /* NULL-terminated: "mondeling", "schriftelijk" */

typedef struct flow {
	const content *c;
	answers *ans;
	flow_step *steps; /* every possible step in order; built once */
	int nsteps;
	int pos;          /* index into steps of the current step */
	int *hist;        /* positions visited before pos, for back */
	int nhist;
	int today;        /* days since 1970-01-01 (injected clock) */
	int end_option;   /* STEP_END_INFO: the support option that ended the walk */

	profile_result prof; /* computed on entering the profile step */
	int profile;         /* chosen profile (inferred or overridden), -1 none */
	suggestion sugg[FLOW_MAX_SUGGEST];
	int nsugg;
	int chosen;          /* index into sugg, -1 none */

	consent_state consent;
	int consent_how;     /* index into flow_consent_how_ids, -1 none */
	int followup;        /* follow-up date, days since 1970-01-01 */
	char *note;          /* optional free text; never in kiosk mode */
	int preset_q[4], preset_o[4]; /* answers every walk starts with (config defaults) */
	int npresets;
	bool crisis_due;     /* a crisis signal was just answered: show the crisis numbers first */
	bool recorded;       /* the referral was committed */
	char case_code[16];
	int64_t record_id;
} flow;

flow *flow_new(const content *c, int today);
void flow_free(flow *f);  /* accepts NULL */
void flow_reset(flow *f); /* wipes every answer and choice: back to the first step */
/* Every walk starts with option `id` chosen for the question with facet `facet` (e.g. the
 * default wijk of a kiosk). Returns -1 when there is no such question or option. */
int flow_preset(flow *f, ik_facet facet, const char *id);

flow_step flow_current(const flow *f);

/* Goes on. Returns 0, or -1 with a user-facing reason in why (Dutch, gettext) when the
 * current step is not complete. The record step cannot be left with flow_next: the front end
 * stores the referral and calls flow_recorded; only without consent (FLOW_RECORD_NOTHING)
 * does flow_next leave it, to the end of the walk, with nothing recorded. */
int flow_next(flow *f, const char **why);
/* True once after flow_next left a question whose answer holds a crisis signal (talk of
 * death or of not wanting to live): the front end shows the crisis numbers before anything
 * else. */
bool flow_take_crisis(flow *f);
/* Goes back one step, keeping answers. Returns -1 at the first step. */
int flow_back(flow *f);

/* The consent rule, in one place for every front end: what may be recorded of this walk.
 * FLOW_RECORD_ASK: consent, or how it was given, is not chosen yet (why says which; an
 * explicit choice is needed, nothing is assumed); FLOW_RECORD_REFERRAL: the person
 * consented and how is known: the referral may be stored; FLOW_RECORD_NOTHING: no consent:
 * nobody is referred and nothing of the person is stored (flow_next on the record step then
 * ends the walk with information only). why may be NULL. */
typedef enum { FLOW_RECORD_ASK, FLOW_RECORD_REFERRAL, FLOW_RECORD_NOTHING } flow_record_kind;
flow_record_kind flow_may_record(const flow *f, const char **why);
/* Chooses consent (CONSENT_YES or CONSENT_NO); anything but yes forgets how it was given. */
void flow_set_consent(flow *f, consent_state c);
/* Whether the answer to question q may be kept anywhere (a draft, a record, an export):
 * free text answers (e.g. the wishes) are only shown during the walk and never stored, as
 * the screen promises. */
bool flow_answer_kept(const flow *f, int q);

/* True when leaving now would lose answers that were not recorded. */
bool flow_dirty(const flow *f);

/* Profile step: choose another profile (index) than the inferred one. */
void flow_set_profile(flow *f, int profile);
/* Suggestion step: choose suggestion i (index into f->sugg). */
void flow_choose(flow *f, int i);
const ik_activity *flow_chosen_activity(const flow *f); /* NULL when none */

void flow_set_note(flow *f, const char *note); /* NULL or "" clears; wipes the old text */
/* The referral was committed with this id and case code: go to the done step. */
void flow_recorded(flow *f, int64_t id, const char *case_code);

/* The walk so far as text, to keep as a draft when the program is stopped: an answers-file
 * object (SCHEMA.md) of the answers flow_answer_kept allows (never free text), plus "_step", "_profile", "_activity", "_consent", "_consent_how",
 * "_followup" and "_note". malloc'd. */
char *flow_draft_text(const flow *f);

/* Returns a fresh flow (answers already filled in) to position `step`, as far as the answers
 * allow, choosing `profile` and `activity` (indices, -1 none) on the way. */
void flow_resume(flow *f, int step, int profile, int activity);

/* Position in the walk for a progress line: phase index of the current step, or nphases for
 * the steps after the phases. */
int flow_phase(const flow *f);

#endif
