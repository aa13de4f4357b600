/* diag.h: a list of problems found in input, each with its place, printed as
 * "file:line:column: message". Errors are values: the loader appends, main decides. */
#ifndef INFOKAART_DIAG_H
#define INFOKAART_DIAG_H

#include <stdio.h>

typedef struct {
	char *file; /* owned; NULL when the problem has no file */
	int line, col; /* 1-based; 0 when unknown */
	char *msg;  /* owned */
} diag;

typedef struct {
	diag *v;
	int n, cap;
} diags;

void diags_add(diags *d, const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void diags_print(const diags *d, FILE *f); /* one line each */
void diags_truncate(diags *d, int n); /* forgets all but the first n */
void diags_free(diags *d); /* leaves d empty and reusable */

#endif
