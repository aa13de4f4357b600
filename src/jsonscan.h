/* jsonscan.h: a strict JSON reader that knows where everything is. cJSON (in the loader)
 * builds the tree but forgets positions and accepts duplicate keys, trailing junk and invalid
 * UTF-8; this scanner checks those first, and later turns a JSON path back into
 * line:column for error messages. No allocation per value; no third-party headers. */
#ifndef INFOKAART_JSONSCAN_H
#define INFOKAART_JSONSCAN_H

#include <stddef.h>

#include "diag.h"

#define JSONSCAN_MAX_DEPTH 64

/* Checks text[0..len) for RFC 8259 JSON with one top-level value, valid UTF-8 everywhere,
 * no raw control characters in strings, no escaped control characters other than \n and \t,
 * no duplicate keys in an object, nesting at most JSONSCAN_MAX_DEPTH. Each problem goes to d
 * as file:line:col; a syntax error ends the scan. Returns the number of problems added. */
int jsonscan_check(const char *text, size_t len, const char *file, diags *d);

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
