/* training.h: practice cases for signalling workshops. A case (content/training/<id>.json, see
 * content/SCHEMA.md, "Training cases") tells a situation; the trainee walks it with the normal
 * flow; training_compare then sets the trainee's answers, profile and activity beside the case's
 * reference, and training_feedback_text says in plain words what differed and why it matters.
 * A trainer can show the case and reveal its reasoning one step at a time.
 * Pure logic: no JSON, no terminal, no database. Training never records anything: nothing here
 * writes, and a front end in training mode must not call the store. The loading half
 * (content_load_cases, load/load.h) lives in the loader, load/content_training.c. */
/* Use in a front end (training mode), on top of the normal walk:
 *   ik_cases *cs; content_load_cases(c, "<content dir>/training", &cs, &d);
 *   show training_case_text(c, k, lang), then walk with flow_new(c, today) as usual, but
 *   never call store_*: stop at STEP_RECORD or STEP_END_INFO and
 *     const ik_activity *a = flow_chosen_activity(f);
 *     training_compare(c, k, f->ans, f->profile, a ? (int)(a - c->activities) : -1, &fb);
 *     char *text = training_feedback_text(c, k, &fb, f->ans, lang);  (free it)
 *   projector: training_reveal_text(c, k, shown, lang) for shown = 0, 1, … k->nexplanation. */
#ifndef INFOKAART_TRAINING_H
#define INFOKAART_TRAINING_H

#include <stdbool.h>

#include "answers.h"
#include "content.h"
#include "diag.h"

#define TRAINING_MAX_ACTIVITIES 5 /* good choices per case */
#define TRAINING_TOP 10           /* a good choice must be among this many suggestions */
#define TRAINING_MAX_ITEMS 128    /* questions compared; later ones are left out */

/* One practice case, as loaded and checked against the content. */
typedef struct {
	const char *id;       /* equals the file name without .json */
	ik_text title;
	const char *source;   /* where the story comes from: a seed (name changed) or "verzonnen" */
	ik_text story;        /* the situation as the trainee meets it */
	ik_text *signals;     /* what can be seen and heard; at least one */
	int nsignals;
	ik_text *says;        /* lines the person says in the conversation; may be none */
	int nsays;
	answers *answers;     /* the reference answers: a walk the program could make (owned) */
	int end_question;     /* question whose answer ends the walk (e.g. wants_support "nee"),
				 -1 when the walk goes on to a profile */
	int profile;          /* reference profile index; -1 exactly when end_question >= 0 */
	int activities[TRAINING_MAX_ACTIVITIES]; /* the good choices: activity indices */
	int nactivities;      /* 1 to 5; 0 exactly when profile is -1 */
	ik_text *explanation; /* the reasoning, one step each, to reveal one at a time */
	int nexplanation;     /* at least 1 */
} ik_case;

/* All cases of one folder, sorted by id. */
typedef struct {
	ik_case *v;
	int n;
	arena *arena; /* owns the texts and lists; content_cases_free frees the answers too */
} ik_cases;

void content_cases_free(ik_cases *cs); /* accepts NULL */

/* The case with this id, or NULL. */
const ik_case *training_find(const ik_cases *cs, const char *id);

/* The question whose answer ends the walk (a chosen option with `ends`, in a question that is
 * asked), or -1 when the walk goes on to the profile. */
int training_walk_end(const answers *as);

/* 1-based place of activity a among the first TRAINING_TOP suggestions for the case's answers
 * and reference profile; 0 when it is not among them or the case has no profile. */
int training_place(const content *c, const ik_case *k, int a);

/* ---- comparing a trainee's walk with the case ---- */

typedef enum {
	TRAINING_SAME,        /* the same answer as the case */
	TRAINING_DIFFERENT,   /* another answer, or none where the walk needs one */
	TRAINING_SKIPPED,     /* optional and left open by the trainee: not counted */
	TRAINING_NOT_REACHED  /* the trainee's walk ended before it: not counted as a difference */
} training_match;

/* Why a question matters, the strongest reason first. */
typedef enum {
	TRAINING_WEIGHS_WALK,        /* one of its options ends the walk */
	TRAINING_WEIGHS_PROFILE,     /* a rule of a profile names it */
	TRAINING_WEIGHS_SUGGESTIONS, /* the ranking reads it (a facet) */
	TRAINING_WEIGHS_CONVERSATION /* signals and notes: they shape the conversation */
} training_weight;

typedef struct {
	int question; /* index into content.questions */
	training_match match;
	training_weight weight;
} training_item;

/* The comparison. Only questions the case answers (and so asks) are compared; text answers
 * are free words and are not compared. */
typedef struct {
	training_item items[TRAINING_MAX_ITEMS]; /* the compared questions, in walk order */
	int nitems;
	int nsame, ndifferent, nskipped, nnot_reached;
	int trainee_end;       /* question where the trainee's walk ended, -1 when it went on */
	int reference_profile; /* the case's; -1: the case ends without a profile */
	int trainee_profile;   /* -1: none */
	bool profile_same;
	int trainee_activity;  /* -1: none chosen */
	bool activity_in_reference;
	int activity_place;    /* training_place of the trainee's activity; 0 when none */
} training_feedback;

/* Compares the trainee's answers (belonging to c), the profile the trainee ended with (index,
 * -1 none: e.g. flow.profile) and the activity chosen (index into c->activities, -1 none) with
 * case k. When the trainee's answers end the walk, profile and activity count as none (a
 * front end may pass what was left from before going back). Fills *out; never fails. */
void training_compare(const content *c, const ik_case *k, const answers *trainee, int trainee_profile,
		      int trainee_activity, training_feedback *out);

/* The feedback in plain words: how many answers matched; each difference with both answers
 * and why it matters; the case's profile with the answers that decide it, and the trainee's
 * if it differs; whether the chosen activity is among the good choices, and which they are.
 * UI words through gettext (Dutch B1 source), content in lang. malloc'd, never NULL. */
char *training_feedback_text(const content *c, const ik_case *k, const training_feedback *fb, const answers *trainee,
			     ik_lang lang);

/* What the trainee reads before walking: title, story, signals and what the person says, and
 * the source. malloc'd. */
char *training_case_text(const content *c, const ik_case *k, ik_lang lang);

/* For the projector: the first `shown` steps of the reasoning, numbered (shown is clamped to
 * 0..nexplanation). Once every step is shown, the reference follows: the profile with its
 * deciding answers (or the end of the walk) and the good choices. malloc'd. */
char *training_reveal_text(const content *c, const ik_case *k, int shown, ik_lang lang);

#endif
