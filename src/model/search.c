/* search.c: catalogue search (see search.h). Each keystroke searches the whole catalogue, so
 * the folded texts lie end to end (a search that streams through memory is several times
 * faster than one that hops), and the inner test is a substring search that looks at sixteen
 * positions at once: a position can only start a match where the term's first and last bytes
 * both fit, and only those positions are compared in full. The longest term goes first: it
 * rules out most activities soonest. */
#include "search.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "bytes8.h"
#include "text.h"

#define SEARCH_MAX_TERMS 16

/* --- the search texts --- */

struct search_texts {
	char *text;  /* the texts end to end, each ending in '\0' */
	size_t *at;  /* activity i's starts at text + at[i]; at[nactivities] is where they end */
	bool made;
	bool running; /* search_prepare's thread, until it is joined */
	pthread_t thread;
	const content *c;
	void (*release)(const content *c);
};

enum {
	RELEASE_EVERY = 16 << 20, /* bytes of the activities' texts read between two release calls */
	PREPARE_INLINE = 1000,    /* up to this many activities search_prepare makes them at once */
};

static void add_part(strbuf *b, const char *s)
{
	sb_appendn(b, " | ", 3);
	sb_append(b, s ? s : "");
}

/* Name, organisation, both descriptions, the wijken, the target groups, folded as one text, so
 * blanks around the separators fold the same way wherever they are. */
static void make(struct search_texts *s, const content *c, void (*release)(const content *c))
{
	const ik_question *wq = c->facet_q[FACET_WIJK] >= 0 ? &c->questions[c->facet_q[FACET_WIJK]] : NULL;
	strbuf raw = {0};
	size_t len = 0, cap = 1 << 16, read = 0;
	char *text = xmalloc(cap);
	size_t *at = xmalloc(((size_t)c->nactivities + 1) * sizeof *at);
	for (int i = 0; i < c->nactivities; i++) {
		const ik_activity *a = &c->activities[i];
		raw.len = 0;
		sb_append(&raw, a->name ? a->name : "");
		add_part(&raw, a->organization);
		add_part(&raw, a->description.nl);
		add_part(&raw, a->description.en);
		for (int k = 0; wq && k < wq->nopts; k++)
			if (a->wijken >> k & 1)
				add_part(&raw, wq->opts[k].text.nl);
		if (a->citywide)
			sb_append(&raw, " | heel utrecht stad");
		for (int k = 0; content_group_ids[k]; k++)
			if (a->groups >> k & 1)
				add_part(&raw, content_group_ids[k]);
		if (cap - len < raw.len * 3 + 1) { /* text_fold_into's room */
			while (cap - len < raw.len * 3 + 1)
				cap *= 2;
			text = xrealloc(text, cap);
		}
		at[i] = len;
		len += text_fold_into(text + len, raw.s, raw.len) + 1;
		read += raw.len;
		if (release && read >= RELEASE_EVERY) {
			release(c);
			read = 0;
		}
	}
	at[c->nactivities] = len;
	if (release)
		release(c);
	sb_free(&raw);
	s->text = text;
	s->at = at;
	s->made = true;
}

static void *make_in_thread(void *arg)
{
	struct search_texts *s = arg;
	make(s, s->c, s->release);
	return NULL;
}

/* The texts made: by the thread (waited for), or here. */
static struct search_texts *made(struct search_texts *s, const content *c)
{
	if (s->running) {
		pthread_join(s->thread, NULL);
		s->running = false;
	}
	if (!s->made)
		make(s, c, NULL);
	return s;
}

void search_prepare(const content *c, void (*release)(const content *c))
{
	struct search_texts *s = c->search;
	if (!s || s->made || s->running)
		return;
	if (c->nactivities <= PREPARE_INLINE) {
		make(s, c, release);
		return;
	}
	s->c = c;
	s->release = release;
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old); /* the program's signals stay with its own thread */
	s->running = pthread_create(&s->thread, NULL, make_in_thread, s) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL); /* (not started: made at the first search) */
}

const char *search_text(const content *c, int i)
{
	const struct search_texts *s = made(c->search, c);
	return s->text + s->at[i];
}

struct search_texts *search_texts_new(void)
{
	return xcalloc(1, sizeof(struct search_texts));
}

void search_texts_free(struct search_texts *s)
{
	if (!s)
		return;
	if (s->running)
		pthread_join(s->thread, NULL);
	free(s->text);
	free(s->at);
	free(s);
}

/* --- the search --- */

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
	if (nt == 0) { /* every activity (the operator's first screen: the texts need not be there yet) */
		for (; n < c->nactivities && n < max; n++)
			out[n] = n;
		free(q);
		return n;
	}
	struct search_texts own = {0}, *s = made(c->search ? c->search : &own, c); /* own: content made by hand */
	for (int i = 0; i < c->nactivities && n < max; i++) {
		const char *text = s->text + s->at[i];
		size_t len = s->at[i + 1] - s->at[i] - 1;
		bool all = true;
		for (int k = 0; k < nt && all; k++)
			all = contains(text, len, &terms[k]);
		if (all)
			out[n++] = i;
	}
	free(own.text);
	free(own.at);
	free(q);
	return n;
}
