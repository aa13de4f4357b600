/* load.h: the content loader: reads and validates the JSON files of a content folder (and its
 * training cases) into the content model (model/content.h). Every mistake is reported with
 * file:line:col; nothing is ever half-loaded. The only layer that uses cJSON. */
#ifndef INFOKAART_LOAD_H
#define INFOKAART_LOAD_H

#include "content.h"
#include "diag.h"
#include "training.h"

/* Loads and validates every file of the content folder `dir`. On success returns 0 and sets
 * *out (free with content_free). On failure returns -1, *out stays NULL and every problem
 * found is appended to `d` with file:line:column. A bad folder never half-loads. */
int content_load(const char *dir, content **out, diags *d);

/* As content_load, with the activities read from the file `activities` instead of the
 * folder's activities.json (NULL: the folder's): a catalogue pulled from the central store is
 * checked against this folder's questions and profiles before it is used. */
int content_load_catalogue(const char *dir, const char *activities, content **out, diags *d);

/* Where content_load_from finds the catalogue, and where it keeps it between runs. */
typedef struct {
	const char *activities; /* the activities file instead of the folder's activities.json (NULL:
				 * that one) */
	/* The checked catalogue as an image in this file (made 0600 beside it; its folder must
	 * exist), mapped by later loads instead of reading the activities again for as long as
	 * the activities file (same inode, size and times), questions and profiles (same bytes)
	 * and the program are the same: a start then touches only what it shows. A cache that is
	 * stale, from another program or corrupt is made again; one that cannot be written is done
	 * without, silently. NULL: no cache. */
	const char *cache;
	size_t cache_min;       /* activities files smaller than this are not cached */
	bool from_cache;        /* out: the activities came from the cache */
	bool streamed;          /* out: they were read in one streamed pass (else whole: a file
				 * with a mistake, or one the streaming reader leaves to it) */
	int parts;              /* out: streamed in how many parts at once, by several threads
				 * (a list of 2 MB or more, on a machine with two processors or
				 * more); 1: by one; 0: not streamed */
	size_t split_at;        /* for tests: the list is cut at the first activity found from
				 * every split_at bytes of the file (at most 16 parts), whatever
				 * the sizes, and read by two threads (0: as the sizes and the
				 * processors say; SIZE_MAX: one thread) */
	/* Not cached, the activities are kept in an image in memory when their file has 1 MB or
	 * more (there it keeps the strings out of the process's own memory), else in the arena
	 * (cheaper to make). For tests: always in an image; and the references the fast paths
	 * are tested against: read whole, with jsonscan first, instead of streamed; in the arena. */
	bool in_image, whole, in_arena;
} content_source;

/* content_load, from the files src names. */
int content_load_from(const char *dir, content_source *src, content **out, diags *d);

/* Lets the kernel take back the pages of c's strings that were read (the chunks of the
 * catalogue image, mapped from its file): they are read again when next touched. For a
 * command that reads every string once (export-hsds), so that its memory does not grow by all
 * of them. Nothing else changes; a catalogue without an image is left as it is. */
void content_release_strings(const content *c);

/* Checks files or folders as `infokaart check` does: a folder is loaded whole; a single file
 * is checked with the files beside it (or, where those are missing, the ones in
 * fallback_dir, which may be NULL), because its cross-references need them. Returns the number of errors appended to d. */
int content_check_path(const char *path, const char *fallback_dir, diags *d);

/* Loads every <id>.json in dir (normally <content>/training) and checks each case against c,
 * which must outlive the cases. A missing folder is not an error: 0 cases. Other files (a
 * README) are ignored. On success returns 0 and sets *out (free with content_cases_free). On
 * failure returns -1, *out is NULL and every problem in every file is added to d as
 * file:line:col with the JSON path: the folder is never half-loaded. */
int content_load_cases(const content *c, const char *dir, ik_cases **out, diags *d);
/* Checks one case file as content_load_cases would (for `infokaart check FILE`). Returns the
 * number of problems added to d. */
int content_check_case(const content *c, const char *path, diags *d);

#endif
