/* content_activity_ids.c: the ids of a catalogue's activities as they stream past, to find
 * one used twice in one pass (see content_internal.h). The ids are copied: an element's
 * strings go with it. They are only gathered as they come (by each thread that reads a part,
 * then put end to end); the table that finds one used twice is made once, when all are in. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content_internal.h"
#include "i18n.h"

/* The ids as they came; the hash table of indices into `at` is made once they are all in.
 * Another reader's ids, for the activities after these, are linked on (`more`), not copied:
 * a copy of 100,000 ids took 10 ms of fresh pages while the other processor waited. */
struct ld_ids {
	strbuf text;   /* the ids, each with its NUL */
	size_t *at;    /* per activity: where its id starts in text; SIZE_MAX when it has none */
	uint32_t *hash; /* per activity: its id's hash */
	int n, cap;
	ld_ids *more;   /* the ids of the activities after these; NULL at the end */
	uint64_t *slot; /* an id's hash << 32 | its activity's index + 1; 0 when free */
	size_t nslots;
	int *dup;      /* activities whose id an earlier one has */
	int ndup;
};

static uint64_t id_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return h ^ h >> 29;
}

/* The id of activity i, counted from the first of the chain. */
static const char *id_at(const ld_ids *ids, int i)
{
	while (i >= ids->n) {
		i -= ids->n;
		ids = ids->more;
	}
	return ids->text.s + ids->at[i];
}

/* Puts activity i's id (id, its hash) in the table; an id already there is noted as a
 * duplicate. */
static void id_insert(ld_ids *ids, int i, const char *id, uint32_t hash)
{
	uint64_t h = (uint64_t)hash << 32;
	for (size_t j = hash & (ids->nslots - 1);; j = (j + 1) & (ids->nslots - 1)) {
		if (!ids->slot[j]) {
			ids->slot[j] = h | (uint32_t)(i + 1);
			return;
		}
		int k = (int)(uint32_t)ids->slot[j] - 1;
		if ((ids->slot[j] & ~UINT64_C(0xFFFFFFFF)) == h && strcmp(id_at(ids, k), id) == 0) {
			ids->dup = xrealloc(ids->dup, (size_t)(ids->ndup + 1) * sizeof *ids->dup);
			ids->dup[ids->ndup++] = i;
			return;
		}
	}
}

/* Room for n ids in all. */
static void ids_reserve(ld_ids *ids, int n)
{
	if (n <= ids->cap)
		return;
	while (ids->cap < n)
		ids->cap = ids->cap ? ids->cap * 2 : 64;
	ids->at = xrealloc(ids->at, (size_t)ids->cap * sizeof *ids->at);
	ids->hash = xrealloc(ids->hash, (size_t)ids->cap * sizeof *ids->hash);
}

void ld_ids_add(ld_ids *ids, const char *id)
{
	ids_reserve(ids, ids->n + 1);
	int i = ids->n++;
	ids->at[i] = SIZE_MAX;
	if (!id)
		return;
	ids->at[i] = ids->text.len;
	ids->hash[i] = (uint32_t)id_hash(id);
	sb_appendn(&ids->text, id, strlen(id) + 1);
}

void ld_ids_append(ld_ids *ids, ld_ids *more)
{
	while (ids->more)
		ids = ids->more;
	ids->more = more;
}

ld_ids *ld_ids_new(void)
{
	return xcalloc(1, sizeof(ld_ids));
}

void ld_ids_free(ld_ids *ids)
{
	if (!ids)
		return;
	ld_ids_free(ids->more);
	sb_free(&ids->text);
	free(ids->at);
	free(ids->hash);
	free(ids->slot);
	free(ids->dup);
	free(ids);
}

static int dup_cmp(const void *x, const void *y, void *ids)
{
	int a = *(const int *)x, b = *(const int *)y, c = strcmp(id_at(ids, a), id_at(ids, b));
	return c ? c : a - b;
}

bool ld_ids_report_twice(ld_ids *ids, ld *L)
{
	size_t n = 0;
	for (const ld_ids *p = ids; p; p = p->more)
		n += (size_t)p->n;
	free(ids->slot);
	/* at most half full; no bigger than that: fresh pages cost more than the hashing (the
	 * bundled catalogue's 71 ids took 32 kB, 8 page faults of 0.1 ms on the CI machine) */
	for (ids->nslots = 64; ids->nslots < n * 2;)
		ids->nslots *= 2;
	ids->slot = xcalloc(ids->nslots, sizeof *ids->slot);
	ids->ndup = 0;
	int base = 0;
	for (const ld_ids *p = ids; p; base += p->n, p = p->more)
		for (int i = 0; i < p->n; i++)
			if (p->at[i] != SIZE_MAX)
				id_insert(ids, base + i, p->text.s + p->at[i], p->hash[i]);
	if (ids->ndup)
		qsort_r(ids->dup, (size_t)ids->ndup, sizeof *ids->dup, dup_cmp, ids);
	for (int k = 0; k < ids->ndup; k++) {
		ld_push_index(L, ids->dup[k]);
		ld_push_key(L, "id");
		ld_err(L, false, _("activiteit-id '%s' komt twee keer voor"), id_at(ids, ids->dup[k]));
		ld_pop(L);
		ld_pop(L);
	}
	return ids->ndup == 0;
}
