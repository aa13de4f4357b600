/* search.c: catalogue search (see search.h). */
#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

int search_catalogue(const content *c, const char *query, int *out, int max)
{
	char *q = text_fold(query);
	char *terms[16], *save = NULL;
	int nt = 0;
	for (char *t = strtok_r(q, " ", &save); t && nt < 16; t = strtok_r(NULL, " ", &save))
		terms[nt++] = t;
	int n = 0;
	for (int i = 0; i < c->nactivities && n < max; i++) {
		bool all = true;
		for (int k = 0; k < nt && all; k++)
			all = strstr(c->activities[i].search_text, terms[k]) != NULL;
		if (all)
			out[n++] = i;
	}
	free(q);
	return n;
}
