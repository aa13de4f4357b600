/* search.h: operator search over the whole catalogue: every word of the query, folded like
 * the catalogue (text_fold: lower case, no diacritics), must occur in an activity's folded
 * search text (name, organisation, both descriptions, wijken, target groups). Pure logic: no
 * terminal, no JSON.
 *
 * The search texts are not part of the loaded catalogue: a command that does not search
 * (suggest, check, export) never makes them, and the catalogue image does not hold them (at
 * 100,000 activities they are 45 MB, a sixth of a cold start). They are made at the first
 * search, or ahead of it by search_prepare in a thread of their own. Not for two threads at
 * once (besides that one). */
#ifndef INFOKAART_SEARCH_H
#define INFOKAART_SEARCH_H

#include "content.h"

#define SEARCH_SHOWN_MAX 200 /* how many results the search window keeps */

/* Writes the indices of up to max matching activities, in catalogue order, into out and
 * returns how many. An empty query (or one of blanks only) matches every activity. Only the
 * first 16 words of the query count. Waits for search_prepare's thread, or makes the texts. */
int search_catalogue(const content *c, const char *query, int *out, int max);

/* Starts making c's search texts in a thread of their own (nothing when they are made or
 * being made, or c was not prepared by content_lookup_prepare). While it reads the
 * activities' texts it calls release(c) now and then when given (load.h:
 * content_release_strings), so that what it has read does not stay in the program's memory. */
void search_prepare(const content *c, void (*release)(const content *c));

/* Activity i's folded search text (made first, as by search_catalogue), for the loader's
 * content (content_lookup_prepare gave it room for them). */
const char *search_text(const content *c, int i);

/* For content.c: the room content_lookup_prepare gives a catalogue's search texts, and its
 * end (after waiting for search_prepare's thread). */
struct search_texts *search_texts_new(void);
void search_texts_free(struct search_texts *s); /* accepts NULL */

#endif
