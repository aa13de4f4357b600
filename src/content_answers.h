/* content_answers.h: reading an answers file (see content/SCHEMA.md, "Answers files"). */
#ifndef INFOKAART_CONTENT_ANSWERS_H
#define INFOKAART_CONTENT_ANSWERS_H

#include "answers.h"

/* Reads path into as (which must belong to c). Returns 0, or -1 after adding every problem
 * to d with file:line:col. On -1 the answers may be partly filled: do not use them. */
int content_read_answers(const content *c, const char *path, answers *as, diags *d);

#endif
