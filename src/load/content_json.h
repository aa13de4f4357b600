/* content_json.h: the loader's private toolkit for reading one JSON file into content
 * structs: typed getters that check as they read and report mistakes with file:line:col and
 * the JSON path. Only the content_*.c files include this (and through it cJSON). */
#ifndef INFOKAART_CONTENT_JSON_H
#define INFOKAART_CONTENT_JSON_H

#include <cJSON.h>
#include <stdbool.h>

#include "content.h"
#include "jsonscan.h"

#define LD_MAX_PATH 32

/* Where cJSON trees are built (content_tree.c): freed at once, never value by value. */
typedef struct ld_pool ld_pool;

/* Reading one file: whole (ld_open), or, for a big catalogue, a window at a time (ld_open_stream). */
typedef struct {
	const char *file; /* as shown in messages */
	char *text;       /* owned: the file, or (streaming) the window of it read last */
	size_t len;
	size_t text_mapped; /* text is mapped memory of this size (0: malloc'd) */
	cJSON *root;      /* owned (by pool); NULL when the file did not parse */
	diags *d;
	arena *a;         /* where strings and arrays go */
	int nerr;         /* problems found in this file */
	jsonpath_step path[LD_MAX_PATH];
	int depth;
	ld_pool *pool;    /* root's tree */
	/* A top-level "activities" list is not in root's tree: root holds an empty list in its
	 * place (`node`), and ld_first/ld_next build one element at a time, so that a catalogue of
	 * 100,000 activities never exists as one tree. */
	struct {
		const cJSON *node;
		int count, next;  /* elements (streaming: 1 when there are any, 0 when none); the
				   * index of the next one to build */
		size_t pos;       /* where that one starts (streaming: where the one before ended) */
		ld_pool *pool;    /* the current element's tree */
		int diags_before; /* problems reported before this file's loader ran */
		bool failed;      /* an element cJSON could not have parsed: the file "cannot parse" */
		/* Streaming: where in the file other readers start (content_split.c), in order:
		 * the list ends for this one where an element starts exactly at one of them (then
		 * `reached`, and stop_at points to it); one found inside an element is passed
		 * over (stop_at moves on) and the list read on. */
		const size_t *stop_at;
		int nstop;
		bool reached;
		int depth;        /* the elements' nesting in the file (1: the file's own value) */
		/* A list read by ld_open_list (the HSDS import): */
		bool bare;        /* the list is the file's value, not a member of an object */
		bool tail;        /* members may follow the list in its object: read into root */
		int steps;        /* path steps (ld_push_*) from the top to an element of the list */
		bool track;       /* ld_err reports (not quiet), at its place in the element */
		size_t start, end; /* the current element, as offsets into the file */
		size_t lc_at;     /* an offset into the file whose line and column are known: */
		int line, col;    /* (the current element's start, once it is built) */
		int root_line, root_col; /* where the file's value starts */
	} stream;
	const cJSON *hint_obj, *hint; /* ld_get's last find, where the next search starts */
	char *slab;        /* where the next string goes (arena memory), */
	size_t slab_left;  /* and the bytes left there */
	/* Streaming (ld_open_stream): the file is read a window at a time and checked as it is
	 * built, without jsonscan first; a mistake is only counted (quiet): the caller then reads
	 * the file again with ld_open, which says what and where. */
	int fd;            /* the file being streamed, else -1 */
	size_t text_off;   /* where text[0] is in that file */
	size_t cap;        /* bytes allocated at text */
	bool eof;          /* nothing more to read */
	bool quiet;        /* count mistakes instead of reporting them */
	bool borrow;       /* getters hand out the strings of the element's tree itself (valid until
			    * ld_next) instead of copies: the caller copies what it keeps */
} ld;

/* The largest file of each kind that is read: a clear error past it, never gigabytes of
 * memory (a catalogue of 100,000 activities is about 160 MB; an answers file or a draft is
 * a few kB). */
#define LD_MAX_CONTENT ((size_t)512 << 20)
#define LD_MAX_ANSWERS ((size_t)1 << 20)

/* Reads and parses path (at most LD_MAX_CONTENT bytes; ld_open_max: at most max). Returns 0
 * with L->root set, or -1 after reporting why. */
int ld_open(ld *L, const char *path, diags *d, arena *a);
int ld_open_max(ld *L, const char *path, diags *d, arena *a, size_t max);
/* read_file of at most max bytes: NULL with errno EFBIG past it. */
char *ld_read_max(const char *path, size_t max, size_t *len);
/* Starts reading path a window at a time, quietly (see ld.quiet): its top level must be an
 * object whose last member is a list "activities", streamed by ld_first/ld_next; root holds the
 * members before it. Returns 0, or -1 (nothing reported) when it cannot be read this way: then
 * use ld_open. A mistake found later shows as L->nerr > 0 or L->stream.failed. */
int ld_open_stream(ld *L, const char *path, diags *d, arena *a);
/* Starts reading the streamed list of path (as ld_open_stream would reach it) at the element
 * that starts at offset `at`, quietly: its elements from there to the end of the list, through
 * ld_first/ld_next on L->root, and the file's end after it. 0, or -1 when it cannot be read. */
int ld_open_part(ld *L, const char *path, size_t at, diags *d);
void ld_close(ld *L);

/* content_list.c: a file whose big part is a list, as publishers make them: a top-level list,
 * or an object with a member `key` that is a list, members after it allowed (an HSDS page
 * {"total_items": …, "contents": […]}). The list is read a window at a time through
 * ld_first/ld_next on L->stream.node, each element checked as it is built; root holds the
 * object's other members (its "contents" an empty list), or the empty list itself. Unlike
 * ld_open_stream, ld_err reports, at file:line:col of the element being read (the path pushed
 * by the caller: L->stream.steps steps to an element, then into it). Any size of file.
 * Returns 0, or -1 (nothing reported; L ready for ld_close) when the file is not of this
 * shape or cannot be read this way: then read it whole. A mistake found later shows as
 * L->stream.failed: what came before it is to be undone, and the file read whole, which
 * says what and where. */
int ld_open_list(ld *L, const char *path, const char *key, diags *d, arena *a);
/* The line and column ld_err reports for the value at L's path (its key when at_key). */
void ld_where(const ld *L, bool at_key, int *line, int *col);

/* The window under ld_open_stream and ld_open_list (content_read.c). ld_window_open starts
 * reading path (at most max bytes; else -1, nothing said) and reads the first window;
 * ld_window_prefix builds the members of the top-level object before its list `key` into
 * root and sets stream.pos after the list's '['; ld_window_first sees whether the list has an
 * element. ld_refill keeps text[keep..len) and reads more after it (false at the end). For
 * ld_open_list (content_list.c): ld_track moves stream.line/col to offset `to` of the file;
 * ld_tail_members reads the members after the list, when there are (1: they and the object's
 * '}' were read, 0: none, -1: refused). */
int ld_window_open(ld *L, const char *path, diags *d, arena *a, size_t max);
bool ld_window_prefix(ld *L, const char *key);
void ld_window_first(ld *L);
bool ld_refill(ld *L, size_t keep);
void ld_track(ld *L, size_t to);
int ld_tail_members(ld *L);

/* A list's elements, also for the streamed "activities" list: its size, and its elements in
 * order (a streamed element lives until ld_next is called; strings must be copied). */
int ld_array_size(const ld *L, const cJSON *arr);
const cJSON *ld_first(ld *L, const cJSON *arr);
const cJSON *ld_next(ld *L, const cJSON *arr, const cJSON *v);

/* content_tree.c: builds the value at *pos into *pool (created when NULL) as
 * cJSON_ParseWithLength would, checking it as strictly as jsonscan_check does, and advances
 * *pos past it. depth is its nesting in the file (1: the file's own value). NULL where jsonscan
 * or cJSON would refuse it; *fail_at (fail_at may be NULL) is then where reading stopped (len
 * when the text ended first: a window of a streamed file may just be too short). */
cJSON *ld_tree_build(ld_pool **pool, const char *text, size_t len, size_t *pos, int depth, size_t *fail_at);
/* The whole text as one value, as above (a byte order mark first is skipped, white space
 * after it allowed); the value at offset skip (when skip_end > skip) becomes an empty list. */
cJSON *ld_tree_parse(ld_pool **pool, const char *text, size_t len, size_t skip, size_t skip_end);
/* The beginning of a file that is an object whose member `key` is a list: builds the members
 * before key into *root (an object), key's value as an empty list, and sets *pos after that
 * list's '['. False when the text is refused before that or key is not a list (*fail_at: where
 * reading stopped). */
bool ld_tree_prefix(ld_pool **pool, const char *text, size_t len, const char *key, cJSON **root, size_t *pos,
		    size_t *fail_at);
/* content_string.c: the offset of the closing quote of the JSON string whose opening quote is
 * at s[open], after checking it as jsonscan does; 0 when it is refused (*fail_at: where; len
 * when the text ended first). *escaped: it holds a backslash. */
size_t ld_string_end(const char *s, size_t len, size_t open, bool *escaped, size_t *fail_at);
/* Decodes the raw bytes of a checked string, start..end (quotes excluded), into out, which
 * has room for end - start + 1 bytes (decoding never lengthens). */
void ld_string_decode(const char *start, const char *end, char *out);
/* Set in an object's valueint (which cJSON leaves 0 there) when no two of its keys are equal. */
#define LD_KEYS_DISTINCT 1
/* Set in a string's valueint when it was written without an escape: it then holds no newline
 * or tab (raw ones are refused), which spares the getters a look. */
#define LD_STRING_PLAIN 1

/* strcmp(a, b) == 0 for the short strings of keys and ids, without a call. */
static inline bool ld_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* cJSON_GetObjectItemCaseSensitive, faster where keys are distinct: the search starts after the
 * member found last, so reading the keys in the order they are written costs one compare. */
const cJSON *ld_get(ld *L, const cJSON *obj, const char *key);
void ld_pool_reset(ld_pool *p); /* forgets every tree in it, keeping some memory */
void ld_pool_free(ld_pool *p);  /* accepts NULL */

/* Reports a problem at the current path (at the key itself when at_key). */
void ld_err(ld *L, bool at_key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

void ld_push_key(ld *L, const char *key);
void ld_push_index(ld *L, int i);
void ld_pop(ld *L);

/* Checks that obj is an object whose keys are all in `allowed` (NULL-terminated); keys
 * starting with '_' are notes and always allowed. False (after reporting) if not an object. */
bool ld_object(ld *L, const cJSON *obj, const char *const allowed[]);

/* Typed getters: each looks up key in obj, reports a missing required key or a wrong type,
 * and returns false when nothing usable was read. Optional keys that are absent (or null
 * where null is allowed) return false without a report. */
bool ld_string(ld *L, const cJSON *obj, const char *key, bool required, const char **out);
bool ld_id(ld *L, const cJSON *obj, const char *key, const char **out);
bool ld_text(ld *L, const cJSON *obj, const char *key, bool required, ik_text *out);
bool ld_text_ptr(ld *L, const cJSON *obj, const char *key, const ik_text **out); /* optional, null ok */
bool ld_int(ld *L, const cJSON *obj, const char *key, bool required, int lo, int hi, int *out);
bool ld_bool(ld *L, const cJSON *obj, const char *key, bool *out); /* optional */
const cJSON *ld_array(ld *L, const cJSON *obj, const char *key, bool required, int min_items);
bool ld_enum(ld *L, const cJSON *obj, const char *key, const char *const vals[], int *out);
bool ld_date(ld *L, const cJSON *obj, const char *key, int *days_out);
bool ld_version(ld *L); /* the top-level "version": 1 */

/* Checks one array element as a string id/enum value (path already pushed). */
bool ld_elem_enum(ld *L, const cJSON *v, const char *const vals[], int *out);
bool ld_elem_string(ld *L, const cJSON *v, const char **out);
bool ld_elem_text(ld *L, const cJSON *v, ik_text *out);

/* Reads a condition list (profile rules, question `when`) against the questions loaded so
 * far; `before` limits which questions may be named (-1: any). */
bool ld_conditions(ld *L, const content *c, const cJSON *arr, int before, ik_cond **out, int *n);

bool ld_is_id(const char *s);

#endif
