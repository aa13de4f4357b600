/* search.h: operator search over the whole catalogue: every word of the query, folded like
 * the catalogue (text_fold: lower case, no diacritics), must occur in an activity's folded
 * search_text. Pure logic: no terminal, no JSON. */
#ifndef INFOKAART_SEARCH_H
#define INFOKAART_SEARCH_H

#include "content.h"

#define SEARCH_SHOWN_MAX 200 /* how many results the search window keeps */

/* Writes the indices of up to max matching activities, in catalogue order, into out and
 * returns how many. An empty query (or one of blanks only) matches every activity. Only the
 * first 16 words of the query count. */
int search_catalogue(const content *c, const char *query, int *out, int max);

#endif
