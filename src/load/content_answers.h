/* content_answers.h: reading an answers file (see content/SCHEMA.md, "Answers files"). */
#ifndef INFOKAART_CONTENT_ANSWERS_H
#define INFOKAART_CONTENT_ANSWERS_H

#include "answers.h"
#include "flow.h"

/* Reads path into as (which must belong to c). Returns 0, or -1 after adding every problem
 * to d with file:line:col. On -1 the answers may be partly filled: do not use them. */
int content_read_answers(const content *c, const char *path, answers *as, diags *d);

/* What a draft keeps beside the answers: where the walk was and the choices made there. */
typedef struct {
	int step;        /* the flow position to return to */
	int profile;     /* profile index chosen, -1 none */
	int activity;    /* activity index chosen, -1 none */
	int consent;     /* consent_state */
	int consent_how; /* index into flow_consent_how_ids, -1 none */
	int followup;    /* days since 1970-01-01, 0 when not kept */
	char *note;      /* malloc'd or NULL */
} content_draft;

/* Reads a draft (see flow_draft_text in flow.h) into as and x. Returns 0, or -1 with the
 * problems in d (then use nothing of it). */
int content_read_draft(const content *c, const char *text, answers *as, content_draft *x, diags *d);

/* Puts f (whose answers content_read_draft filled) where the draft was: its step and choices,
 * its note (copied), and its follow-up date when that is not before f's today. */
void content_draft_resume(flow *f, const content_draft *x);

#endif
