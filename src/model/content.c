/* content.c: the content model's own helpers: text in a language, ids to indices, the fixed
 * id lists of the catalogue's bit fields, and freeing. Loading and checking the JSON files is
 * the loader's job (load/), which fills this model; nothing here reads a file. */
#include "content.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "search.h"

const char *ik_tr(const ik_text *t, ik_lang lang)
{
	if (!t)
		return "";
	const char *s = lang == LANG_EN ? t->en : t->nl;
	return s ? s : (t->nl ? t->nl : "");
}

int content_question_index(const content *c, const char *id)
{
	for (int i = 0; i < c->nquestions; i++)
		if (c->questions[i].id && strcmp(c->questions[i].id, id) == 0)
			return i;
	return -1;
}

int content_option_index(const ik_question *q, const char *id)
{
	for (int i = 0; i < q->nopts; i++) /* an option whose id had a mistake has none */
		if (q->opts[i].id && strcmp(q->opts[i].id, id) == 0)
			return i;
	return -1;
}

int content_profile_index(const content *c, const char *id)
{
	for (int i = 0; i < c->nprofiles; i++)
		if (c->profiles[i].id && strcmp(c->profiles[i].id, id) == 0)
			return i;
	return -1;
}

struct content_lookup {
	int *activity_order; /* activity indices sorted by id (bytes), NULL until first needed */
};

void content_lookup_prepare(content *c)
{
	c->lookup = arena_alloc(c->arena, sizeof *c->lookup);
	c->search = search_texts_new();
}

static int by_activity_id(const void *x, const void *y, void *cv)
{
	const ik_activity *a = ((const content *)cv)->activities;
	const char *p = a[*(const int *)x].id, *q = a[*(const int *)y].id;
	int d = strcmp(p ? p : "", q ? q : "");
	return d ? d : (*(const int *)x > *(const int *)y) - (*(const int *)x < *(const int *)y);
}

enum { LOOKUP_LINEAR_MAX = 64 }; /* up to this many activities a look through the list is as fast */

int content_activity_index(const content *c, const char *id)
{
	struct content_lookup *l = c->lookup;
	if (!l || c->nactivities <= LOOKUP_LINEAR_MAX) {
		for (int i = 0; i < c->nactivities; i++)
			if (c->activities[i].id && strcmp(c->activities[i].id, id) == 0)
				return i;
		return -1;
	}
	if (!l->activity_order) {
		l->activity_order = arena_alloc(c->arena, (size_t)c->nactivities * sizeof(int));
		for (int i = 0; i < c->nactivities; i++)
			l->activity_order[i] = i;
		qsort_r(l->activity_order, (size_t)c->nactivities, sizeof(int), by_activity_id, (void *)c);
	}
	int lo = 0, hi = c->nactivities; /* the first whose id is not below id */
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		const char *m = c->activities[l->activity_order[mid]].id;
		if (strcmp(m ? m : "", id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->nactivities) {
		int i = l->activity_order[lo];
		if (c->activities[i].id && strcmp(c->activities[i].id, id) == 0)
			return i;
	}
	return -1;
}

const char *const content_group_ids[] = {"jongeren", "studenten", "65plus", "migranten", "mantelzorgers", "lhbti", NULL};
const char *const content_lonely_ids[] = {"sociaal", "emotioneel", "existentieel", NULL};
const char *const content_element_ids[7] = {"bezigheden", "ontmoeten", "praktisch_ondersteunen",
					    "betekenisvol_contact", "sociale_vaardigheden",
					    "realistische_verwachtingen", "betekenisvolle_rol"};

void content_free(content *c)
{
	if (!c)
		return;
	search_texts_free(c->search); /* its thread reads the activities: first */
	if (c->image)
		munmap(c->image, c->image_size);
	arena_free(c->arena);
	free(c);
}
