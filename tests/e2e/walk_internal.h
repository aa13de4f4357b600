/* walk_internal.h: what the walk*.c files share among themselves (see walk.h): the clock,
 * and the content as the test reads it with cJSON. Not for tests: they use walk.h. */
#ifndef INFOKAART_E2E_WALK_INTERNAL_H
#define INFOKAART_E2E_WALK_INTERNAL_H

#include <cJSON.h>
#include <sys/types.h>

#include "walk.h"

/* A member of a JSON object (NULL when missing), and a string member (fails the test when it
 * is missing or not a string). */
cJSON *walk_json(const cJSON *obj, const char *key);
const char *walk_json_str(const cJSON *obj, const char *key);

/* CLOCK_MONOTONIC in ms. */
long long walk_now_ms(void);

/* Reads infokaart.json, profiles.json and activities.json from dir; false if one is missing
 * or not JSON. walk_content_free accepts what was not loaded. */
bool walk_content_load(const char *dir);
void walk_content_free(void);
const char *walk_content_dir(void);

/* The content's questions (a JSON array, in walk order), one question by id (fails the test
 * when unknown) and its type ("single", "multi", "scale", "number", "text"). */
cJSON *walk_questions_json(void);
cJSON *walk_question_json(const char *qid);
const char *walk_question_type(const char *qid);

/* Whether question q (from walk_questions_json) is asked for the spec's answers: every
 * condition of its "when" holds ("any": the answer holds one of the options; "none": it holds
 * none of them, which an unanswered question never does). */
bool walk_question_asked(const walk_spec *s, const cJSON *q);
/* Whether the space-separated list holds word. */
bool walk_has_word(const char *list, const char *word);
/* The first opener line the conversation guide shows for a role. */
const char *walk_first_opener(const char *role);
/* How many phases with the conversation guide come after phase `from` (exclusive; NULL: from
 * the start) up to and including phase `to`: the flow shows each guide before its phase's
 * questions, also for a phase without questions. */
int walk_guides_between(const char *from, const char *to);

/* argv for infokaart with args (NULL-terminated, may be NULL): the program, then args, then
 * NULL. Fails the test when they do not fit. */
enum { WALK_MAX_ARGS = 16 };
void walk_argv(const char *const args[], char *argv[WALK_MAX_ARGS]);

/* Starts infokaart (with args, NULL-terminated, may be NULL) and the context's environment,
 * its standard input, output and error on pipes: fds[0] writes to its input, fds[1] and fds[2]
 * read its output and error (all non-blocking). */
pid_t walk_spawn_piped(walk_ctx *w, const char *const args[], int fds[3]);

#endif
