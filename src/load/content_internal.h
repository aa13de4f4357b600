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
/* A list of option ids of the role question under key into bits (optional: may be absent or
 * empty); reports unknown ones. */
bool content_role_list(ld *L, const content *c, const cJSON *v, const char *key, uint64_t *bits);
bool content_load_tips(ld *L, content *c);

/* Where the activities go as they pass their checks: into an image, or (keep) into the arena
 * as c->activities; neither: only checked (c->activities stays NULL). */
typedef struct img_writer img_writer;
typedef struct {
	img_writer *image;
	bool keep;
	size_t split_at; /* see content_source */
	int *parts;      /* set to how many parts of the list were read at once (content_split.c) */
} act_out;
bool content_load_activities(ld *L, content *c, const act_out *out);

/* One reader's pass over the list of activities (content_activities.c): act_run_new sets L up
 * for it (its arena, borrowed strings) and act_run_free puts L back. act_read reads the
 * elements from ld_first(L, arr) on, checks each and delivers it to out, until the list
 * ends for L. act_run_append adds what another reader found in the elements after these (its
 * ids move to r). */
typedef struct act_run act_run;
act_run *act_run_new(ld *L, const act_out *out);
void act_read(act_run *r, ld *L, const content *c, const cJSON *arr, const act_out *out);
void act_run_append(act_run *r, act_run *more);
void act_run_free(act_run *r, ld *L); /* accepts NULL */

/* content_split.c: a big list read by several threads at once. ld_split_start cuts L's
 * streamed list (as out says) into segments, starts threads that read the later ones, and
 * makes L stop at the first cut; NULL when L reads alone. ld_split_end, once L has read its
 * part, reads segments with the others until all are read, then adds to r (their image parts
 * to out's) those that continue the list, in order, and drops the others; it frees s
 * (accepts NULL). Neither reports anything: a mistake in a segment used shows in L (nerr,
 * stream.failed) as one in a single reading would. */
typedef struct ld_split ld_split;
ld_split *ld_split_start(ld *L, const content *c, const act_out *out);
void ld_split_end(ld_split *s, ld *L, act_run *r, const act_out *out);

/* content_activity_ids.c: the activities' ids, one at a time in order (NULL for one without a
 * usable id); then each activity whose id an earlier one has is reported at its own id, in
 * the order of the ids. False when there was one. */
typedef struct ld_ids ld_ids;
ld_ids *ld_ids_new(void);
void ld_ids_add(ld_ids *ids, const char *id);
/* more's ids, in order, after ids' (and those appended before): more now belongs to ids.
 * Nothing is added to ids after. */
void ld_ids_append(ld_ids *ids, ld_ids *more);
bool ld_ids_report_twice(ld_ids *ids, ld *L);
void ld_ids_free(ld_ids *ids); /* accepts NULL */

/* How load.c loads a folder. */
typedef struct {
	bool check_only;  /* the activities are checked, not kept */
	const char *cache; /* see content_source */
	size_t cache_min;
	bool *from_cache;  /* set when the activities came from the cache */
	bool *streamed;    /* set when they were read streamed */
	int *parts;        /* set to how many parts of the list were read at once */
	size_t split_at;
	bool in_image, whole, in_arena;
} load_opts;
/* content_cache.c: reads the activities file at path into c (its questions and profiles
 * loaded), as o says; text_hash: of infokaart.json's and profiles.json's bytes. Mistakes go
 * to d with their places. */
void content_activities_file(const char *path, content *c, diags *d, const load_opts *o, const uint64_t text_hash[2]);
bool content_load_djg(ld *L, content *c);

bool content_valid_phone(const char *s);
bool ld_phones(ld *L, const cJSON *v, bool required, const char ***out, int *n);
bool ld_url(ld *L, const cJSON *v, const char *key, const char **out); /* optional; null ok */
/* Reads an answers object (question id → answer, see SCHEMA.md "Answers files") into as,
 * which must belong to c; reports each mistake at its place. False when any was found. */
bool ld_answers(ld *L, const content *c, const cJSON *obj, answers *as);

#endif
