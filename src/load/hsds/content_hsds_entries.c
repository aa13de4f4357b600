/* content_hsds_entries.c: the entries an import has made (see content_hsds_internal.h): kept
 * in memory (hsds_import) or handed to the sink as they are made (hsds_import_to), found by id
 * and by HSDS id in hash tables (a publication of 100,000 services asks for each id 100,000
 * times), and undone when a streamed file turns out broken half-way. Also the notes of a
 * streamed import, printed as soon as no undo can take them back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content_hsds_internal.h"

/* Notes of a marked file kept in memory before they are put aside in a temporary file. */
enum { SPILL_AT = 512 };

/* An entry replaced while a marked file was read. */
struct hsds_undo {
	int i;         /* the entry */
	hsds_entry e;  /* as it was */
	ik_activity a; /* in memory: the activity as it was */
};

static size_t str_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return (size_t)(h ^ h >> 29);
}

static void slot_put(int *slots, size_t nslots, const char *key, int i)
{
	for (size_t j = str_hash(key) & (nslots - 1);; j = (j + 1) & (nslots - 1))
		if (!slots[j]) {
			slots[j] = i + 1;
			return;
		}
}

/* The entry whose id (or, with hid, HSDS id) is key; -1 when none. */
static int slot_find(const hsds_entries *E, const int *slots, const char *key, bool hid)
{
	if (!key || !E->nslots)
		return -1;
	for (size_t j = str_hash(key) & (E->nslots - 1); slots[j]; j = (j + 1) & (E->nslots - 1)) {
		const hsds_entry *e = &E->v[slots[j] - 1];
		const char *k = hid ? e->hid : e->id;
		if (k && strcmp(k, key) == 0)
			return slots[j] - 1;
	}
	return -1;
}

/* Makes both tables again for the n entries, at most half full. */
static void rehash(hsds_entries *E)
{
	size_t want = 64;
	while (want < (size_t)E->n * 2 + 2)
		want *= 2;
	if (want != E->nslots) {
		E->nslots = want;
		E->by_id = xrealloc(E->by_id, want * sizeof *E->by_id);
		E->by_hid = xrealloc(E->by_hid, want * sizeof *E->by_hid);
	}
	memset(E->by_id, 0, want * sizeof *E->by_id);
	memset(E->by_hid, 0, want * sizeof *E->by_hid);
	for (int i = 0; i < E->n; i++) {
		slot_put(E->by_id, want, E->v[i].id, i);
		if (E->v[i].hid)
			slot_put(E->by_hid, want, E->v[i].hid, i);
	}
}

int hsds_entry_by_id(const hsds_imp *m, const char *id)
{
	return slot_find(&m->E, m->E.by_id, id, false);
}

int hsds_entry_by_hid(const hsds_imp *m, const char *hid)
{
	return slot_find(&m->E, m->E.by_hid, hid, true);
}

static void log_undo(hsds_imp *m, int i)
{
	hsds_entries *E = &m->E;
	if (E->nundo == E->capundo) {
		E->capundo = E->capundo ? E->capundo * 2 : 16;
		E->undo = xrealloc(E->undo, (size_t)E->capundo * sizeof *E->undo);
	}
	E->undo[E->nundo++] = (hsds_undo){i, E->v[i], m->sink ? (ik_activity){0} : m->out->activities[i]};
}

void hsds_entry_keep(hsds_imp *m, int replace, const ik_activity *a, const char *hid, int rich)
{
	hsds_entries *E = &m->E;
	hsds_import_result *out = m->out;
	long handle = m->sink ? m->sink->put(m->sink->ctx, a) : -1;
	if (replace >= 0) { /* the same id and HSDS id */
		if (E->logging)
			log_undo(m, replace);
		hsds_entry *e = &E->v[replace];
		e->rich = rich;
		e->human_route = a->human_route;
		e->handle = handle;
		if (!m->sink)
			out->activities[replace] = *a;
		return;
	}
	if (E->n == E->cap) {
		E->cap = E->cap ? E->cap * 2 : 64;
		E->v = xrealloc(E->v, (size_t)E->cap * sizeof *E->v);
		if (!m->sink)
			out->activities = xrealloc(out->activities, (size_t)E->cap * sizeof *out->activities);
	}
	hsds_entry *e = &E->v[E->n];
	*e = (hsds_entry){arena_strdup(m->keep, a->id), hid ? arena_strdup(m->keep, hid) : NULL, rich,
			  a->human_route, handle};
	if (!m->sink)
		out->activities[E->n] = *a;
	out->n = ++E->n;
	if ((size_t)E->n * 2 + 2 > E->nslots) {
		rehash(E);
	} else {
		slot_put(E->by_id, E->nslots, e->id, E->n - 1);
		if (e->hid)
			slot_put(E->by_hid, E->nslots, e->hid, E->n - 1);
	}
}

void hsds_mark_set(hsds_imp *m, hsds_mark *k)
{
	hsds_settle(m); /* what came before is final */
	hsds_import_result *out = m->out;
	*k = (hsds_mark){out->n, out->services, out->skipped, out->notes, m->number, m->npages, m->report->n, NULL, 0};
	m->mark = k;
	m->E.logging = true;
	m->E.nundo = 0;
}

static void mark_end(hsds_imp *m)
{
	if (m->mark->spill)
		fclose(m->mark->spill);
	m->mark = NULL;
	m->E.logging = false;
	m->E.nundo = 0;
}

void hsds_mark_keep(hsds_imp *m)
{
	hsds_mark *k = m->mark;
	if (k->spill && m->sink && m->sink->notes) {
		char buf[65536];
		size_t got;
		rewind(k->spill);
		while ((got = fread(buf, 1, sizeof buf, k->spill)) > 0)
			fwrite(buf, 1, got, m->sink->notes);
		m->out->printed += k->spilled;
	}
	mark_end(m);
	hsds_settle(m);
}

void hsds_mark_undo(hsds_imp *m)
{
	hsds_mark *k = m->mark;
	hsds_entries *E = &m->E;
	hsds_import_result *out = m->out;
	for (int u = E->nundo - 1; u >= 0; u--) {
		E->v[E->undo[u].i] = E->undo[u].e;
		if (!m->sink)
			out->activities[E->undo[u].i] = E->undo[u].a;
	}
	E->n = out->n = k->n;
	rehash(E);
	out->services = k->services;
	out->skipped = k->skipped;
	out->notes = k->notes;
	m->number = k->number;
	m->npages = k->npages;
	diags_truncate(m->report, k->diags);
	mark_end(m);
}

/* Prints report->v[from..n) to f and forgets them. */
static void print_from(diags *r, int from, FILE *f)
{
	diags rest = {r->v + from, r->n - from, 0};
	diags_print(&rest, f);
	diags_truncate(r, from);
}

void hsds_settle(hsds_imp *m)
{
	if (!m->sink)
		return;
	diags *r = m->report;
	hsds_mark *k = m->mark;
	if (k && r->n - k->diags >= SPILL_AT && (k->spill || (k->spill = tmpfile()))) {
		k->spilled += r->n - k->diags;
		print_from(r, k->diags, k->spill);
	} else if (!k && m->sink->notes && r->n) {
		m->out->printed += r->n;
		print_from(r, 0, m->sink->notes);
	}
	if (m->scratch)
		arena_reset(m->scratch);
}

void hsds_entries_free(hsds_imp *m)
{
	free(m->E.v);
	free(m->E.by_id);
	free(m->E.by_hid);
	free(m->E.undo);
	m->E = (hsds_entries){0};
}
