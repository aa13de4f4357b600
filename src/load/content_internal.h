/* content_internal.h: what the loader's files share with each other (not for other modules). */
#ifndef INFOKAART_CONTENT_INTERNAL_H
#define INFOKAART_CONTENT_INTERNAL_H

#include "answers.h"
#include "content_json.h"
#include "load.h"

enum { CK_INFOKAART, CK_CRISIS, CK_PROFILES, CK_ACTIVITIES, CK_DJG, CK_COUNT };


bool content_load_profiles(ld *L, content *c);
/* content_walk.c: what an option may say beyond its text ("crisis", "elements", "words", and
 * its meaning for the wish, capacity, living and mobility facets), and the "tips". */
bool content_load_option_extras(ld *L, const ik_question *q, const cJSON *v, ik_option *o);
/* content_activities.c: a list of active element ids under key into bits (optional lists
 * may be absent but not empty); reports unknown ones. */
bool content_element_list(ld *L, const cJSON *v, const char *key, bool required, unsigned *bits);
bool content_load_tips(ld *L, content *c);
bool content_load_activities(ld *L, content *c);
bool content_load_djg(ld *L, content *c);

bool content_valid_phone(const char *s);
bool ld_phones(ld *L, const cJSON *v, bool required, const char ***out, int *n);
bool ld_url(ld *L, const cJSON *v, const char *key, const char **out); /* optional; null ok */
/* Reads an answers object (question id → answer, see SCHEMA.md "Answers files") into as,
 * which must belong to c; reports each mistake at its place. False when any was found. */
bool ld_answers(ld *L, const content *c, const cJSON *obj, answers *as);

#endif
