/* search.c: catalogue search (see search.h). Each keystroke searches the whole catalogue, so
 * the inner test is a substring search that looks at sixteen positions at once: a position can
 * only start a match where the term's first and last bytes both fit, and only those positions
 * are compared in full. The longest term goes first: it rules out most activities soonest. */
#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "bytes8.h"
#include "text.h"

#define SEARCH_MAX_TERMS 16

typedef struct {
	const char *s;
	size_t len;
} term;

/* Whether t occurs in the n bytes at hay. */
static bool contains(const char *hay, size_t n, const term *t)
{
	size_t m = t->len;
	if (m > n)
		return false;
	if (m == 1)
		return memchr(hay, t->s[0], n) != NULL;
	size_t last = n - m; /* the last position where a match can start */
	size_t i = 0;
	if (last >= 16) {
		b16_bytes first = (b16_bytes){0} + (unsigned char)t->s[0], end = (b16_bytes){0} + (unsigned char)t->s[m - 1];
		for (; i + 15 <= last; i += 16) {
			b16_flags hit = (b16_load(hay + i) == first) & (b16_load(hay + i + m - 1) == end);
			for (int k = b16_first(hit); k < 16; k = b16_first(hit)) {
				if (memcmp(hay + i + (size_t)k + 1, t->s + 1, m - 2) == 0)
					return true;
				hit[k] = 0;
			}
		}
	}
	for (; i <= last; i++)
		if (hay[i] == t->s[0] && hay[i + m - 1] == t->s[m - 1] && memcmp(hay + i + 1, t->s + 1, m - 2) == 0)
			return true;
	return false;
}

static int longer_first(const void *a, const void *b)
{
	const term *x = a, *y = b;
	return x->len != y->len ? (x->len > y->len ? -1 : 1) : (x->s < y->s ? -1 : x->s > y->s);
}

int search_catalogue(const content *c, const char *query, int *out, int max)
{
	char *q = text_fold(query); /* folded text has single spaces, none at either end */
	term terms[SEARCH_MAX_TERMS];
	int nt = 0;
	for (char *p = q; *p && nt < SEARCH_MAX_TERMS;) {
		char *sp = strchr(p, ' ');
		terms[nt++] = (term){p, sp ? (size_t)(sp - p) : strlen(p)};
		p = sp ? sp + 1 : p + strlen(p);
	}
	qsort(terms, (size_t)nt, sizeof *terms, longer_first);
	int n = 0;
	for (int i = 0; i < c->nactivities && n < max; i++) {
		const char *text = c->activities[i].search_text;
		size_t len = strlen(text);
		bool all = true;
		for (int k = 0; k < nt && all; k++)
			all = contains(text, len, &terms[k]);
		if (all)
			out[n++] = i;
	}
	free(q);
	return n;
}
