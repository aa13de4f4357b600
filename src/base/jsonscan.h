/* jsonscan.h: a strict JSON reader that knows where everything is. cJSON (in the loader)
 * builds the tree but forgets positions and accepts duplicate keys, trailing junk and invalid
 * UTF-8; this scanner checks those first, and later turns a JSON path back into
 * line:column for error messages. No allocation per value; no third-party headers. */
#ifndef INFOKAART_JSONSCAN_H
#define INFOKAART_JSONSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define JSONSCAN_MAX_DEPTH 64

/* Checks text[0..len) for RFC 8259 JSON with one top-level value, valid UTF-8 everywhere,
 * no raw control characters in strings, no escaped control characters other than \n and \t,
 * no duplicate keys in an object, nesting at most JSONSCAN_MAX_DEPTH. Each problem goes to d
 * as file:line:col; a syntax error ends the scan. Returns the number of problems added. */
int jsonscan_check(const char *text, size_t len, const char *file, diags *d);

/* A member of the top-level object, as jsonscan_check_top found it (byte offsets). */
typedef struct {
	size_t key, key_end;     /* the raw key, between its quotes (escapes not decoded) */
	size_t value, value_end; /* the value: its first byte and the byte after its last */
	int count;               /* the number of elements when the value is an array */
} jsonscan_member;

/* As jsonscan_check, and when the text is one object, also sets *members (malloc'd, free()
 * it; NULL when there are none) and *n to its members in order, so that a loader can read a
 * big list one element at a time. Meaningful only when it returns 0. */
int jsonscan_check_top(const char *text, size_t len, const char *file, diags *d, jsonscan_member **members, int *n);

/* The raw bytes of an object key, between its quotes (escapes not decoded): byte offsets. */
typedef struct {
	size_t start, end;
} jsonscan_span;

/* Whether the n keys of one object, as raw bytes of text, are all different, as
 * jsonscan_check judges duplicates (for a reader that checks on its own: the loader's tree
 * builder). May reorder keys. */
bool jsonscan_keys_distinct(const char *text, jsonscan_span *keys, int n);

/* One step of a path into a JSON value: an object key, or an array index when key is NULL. */
typedef struct {
	const char *key;
	int index;
} jsonpath_step;

/* Returns the byte offset of the value at path (of its key instead, when want_key and the
 * last step is a key). Where the path does not exist, the offset of the deepest value that
 * does. Assumes text passed jsonscan_check. */
size_t jsonscan_locate(const char *text, size_t len, const jsonpath_step *path, int n, int want_key);

/* 1-based line and column (in characters) of byte offset off. */
void jsonscan_linecol(const char *text, size_t len, size_t off, int *line, int *col);

#endif
