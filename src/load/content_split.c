/* content_split.c: a big catalogue read by several threads at once (see content_internal.h).
 * The streamed list of activities is cut into segments, each cut at what looks like the start
 * of an element: the first element's first key, after a ',' and a '{'. Threads (the loader's
 * own among them) take the segments in order and read each from its cut until they arrive at
 * a later cut, so a slower processor simply reads fewer of them. A segment is used only when
 * the reader of the one before it arrives at exactly its cut between two elements: reading
 * from there then gives what reading through it gives. A cut found inside an element (a
 * note's list of objects can look the same) is passed over by that reader, which reads on to
 * the next cut, and its segment is dropped. Nothing here reports: the readers are quiet, and a
 * mistake in any segment used makes the caller read the file again whole, which says what and
 * where. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content_image.h"
#include "content_internal.h"

enum {
	SPLIT_MIN = 2 << 20, /* a smaller list is read by one thread: more would cost more than they save */
	SEGMENT_MIN = 1 << 20,
	SEGMENTS_PER_THREAD = 4, /* so that a slower processor reads fewer */
	MAX_THREADS = 4,
	MAX_SEGMENTS = SEGMENTS_PER_THREAD * MAX_THREADS,
	CUT_SEARCH = 64 << 10, /* how far from where a cut is wanted one is looked for */
	KEY_MAX = 64,
};

typedef struct {
	size_t at; /* where it starts in the file: its cut */
	ld L;
	act_out out;  /* its part of the image, or nothing (a check) */
	act_run *run; /* NULL until it was read */
	int next;     /* the segment whose cut its reader arrived at; 0: it read to the end */
	bool used;
} segment;

struct ld_split {
	const content *c;
	const char *path;
	int nseg; /* segment 0 is the loader's own reading */
	segment seg[MAX_SEGMENTS];
	size_t cut[MAX_SEGMENTS]; /* seg[k].at, in order: where each reader may stop */
	atomic_int next;          /* the next segment to read */
	int nthreads;
	pthread_t thread[MAX_THREADS];
	diags none; /* a quiet reader reports nothing; ld wants somewhere */
};

static bool is_ws(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* The first key of the list's first element, quoted, where L stands (at that element). */
static bool first_key(const ld *L, char key[KEY_MAX + 3])
{
	size_t p = L->stream.pos;
	while (p < L->len && is_ws(L->text[p]))
		p++;
	if (p >= L->len || L->text[p++] != '{')
		return false;
	while (p < L->len && is_ws(L->text[p]))
		p++;
	if (p >= L->len || L->text[p++] != '"')
		return false;
	size_t n = 0;
	while (p + n < L->len && L->text[p + n] != '"' && L->text[p + n] != '\\' && n < KEY_MAX)
		n++;
	if (!n || p + n >= L->len || L->text[p + n] != '"')
		return false;
	key[0] = '"';
	memcpy(key + 1, L->text + p, n);
	key[n + 1] = '"';
	key[n + 2] = '\0';
	return true;
}

/* In buf (n bytes, read from the file at offset from): the first '{' that has a ',' before it
 * and the quoted key and a ':' after it, white space between; its offset in the file, or 0. */
static size_t find_cut(const char *buf, size_t n, size_t from, const char *key)
{
	size_t k = strlen(key);
	for (const char *q = memmem(buf, n, key, k); q; q = memmem(q + 1, n - (size_t)(q + 1 - buf), key, k)) {
		size_t open = (size_t)(q - buf), after = open + k, comma;
		while (open > 0 && is_ws(buf[open - 1]))
			open--;
		if (open < 2 || buf[--open] != '{')
			continue;
		for (comma = open; comma > 0 && is_ws(buf[comma - 1]);)
			comma--;
		while (after < n && is_ws(buf[after]))
			after++;
		if (comma > 0 && buf[comma - 1] == ',' && after < n && buf[after] == ':')
			return from + open;
	}
	return 0;
}

/* Where cut k of n is wanted in a file of size bytes. With `every` (tests) every that many
 * bytes; else segments that get smaller towards the end, the last a quarter of the first: a
 * thread that finds no segment left then waits for a short one at most (with equal ones, one
 * of two threads waited 20 ms on average, up to 66, of a 100k catalogue's 350). The wanted
 * size falls evenly, w(x) = 2 - 1.5x over x in [0, 1]: the share up to x is
 * (2x - 0.75x²) / 1.25. */
static size_t cut_wanted(size_t size, size_t every, int k, int n)
{
	if (every)
		return every * (size_t)k;
	double x = (double)k / n;
	return (size_t)((double)size * (2 * x - 0.75 * x * x) / 1.25);
}

/* Cuts near the wanted places (cut_wanted) of L's file of size bytes, after what L has read:
 * into s->cut from 1 on; sets s->nseg. */
static void choose_cuts(ld_split *s, const ld *L, size_t size, size_t every, int n)
{
	char key[KEY_MAX + 3];
	s->nseg = 1;
	if (!first_key(L, key))
		return;
	char *buf = xmalloc(CUT_SEARCH);
	for (int k = 1; s->nseg < MAX_SEGMENTS && (every || k < n); k++) {
		size_t from = cut_wanted(size, every, k, n);
		if (from >= size)
			break;
		ssize_t got;
		do
			got = pread(L->fd, buf, CUT_SEARCH, (off_t)from);
		while (got < 0 && errno == EINTR);
		size_t cut = got > 0 ? find_cut(buf, (size_t)got, from, key) : 0;
		if (cut > L->text_off + L->stream.pos && cut > s->cut[s->nseg - 1])
			s->cut[s->nseg++] = cut;
	}
	free(buf);
}

static int cpus(void)
{
	cpu_set_t set;
	return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
}

/* Reads segment k from its cut until the list ends or a later cut. */
static void read_segment(ld_split *s, int k)
{
	segment *g = &s->seg[k];
	if (ld_open_part(&g->L, s->path, g->at, &s->none) == 0) {
		g->L.stream.stop_at = s->cut + k + 1;
		g->L.stream.nstop = s->nseg - k - 1;
		g->run = act_run_new(&g->L, &g->out);
		act_read(g->run, &g->L, s->c, g->L.root, &g->out);
		g->next = g->L.stream.reached ? (int)(g->L.stream.stop_at - s->cut) : 0;
	}
	ld_close(&g->L); /* its window and tree; what it found stays in run */
}

/* Reads the segments nobody has taken yet. prev: the part of the image this thread filled
 * last (NULL: none), whose chunk buffer the next one takes over. */
static void read_segments(ld_split *s, img_writer *prev)
{
	for (int k; (k = atomic_fetch_add(&s->next, 1)) < s->nseg;) {
		img_writer_pass(prev, s->seg[k].out.image);
		read_segment(s, k);
		prev = s->seg[k].out.image;
	}
	img_writer_pass(prev, NULL);
}

static void *reader(void *arg)
{
	read_segments(arg, NULL);
	return NULL;
}

ld_split *ld_split_start(ld *L, const content *c, const act_out *out)
{
	struct stat st;
	if (L->fd < 0 || out->keep || out->split_at == SIZE_MAX || fstat(L->fd, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	size_t size = (size_t)st.st_size;
	int threads = out->split_at ? 2 : cpus() < MAX_THREADS ? cpus() : MAX_THREADS;
	if (!out->split_at && (size < SPLIT_MIN || threads < 2))
		return NULL;
	size_t n = size / SEGMENT_MIN < (size_t)threads * SEGMENTS_PER_THREAD ? size / SEGMENT_MIN
									      : (size_t)threads * SEGMENTS_PER_THREAD;
	ld_split *s = xcalloc(1, sizeof *s);
	choose_cuts(s, L, size, out->split_at, n ? (int)n : 1);
	if (s->nseg < 2) {
		free(s);
		return NULL;
	}
	s->c = c;
	s->path = L->file;
	atomic_init(&s->next, 1);
	for (int k = 1; k < s->nseg; k++) {
		s->seg[k].at = s->cut[k];
		if (out->image)
			s->seg[k].out.image = img_writer_part(out->image, size / (size_t)s->nseg);
	}
	L->stream.stop_at = s->cut + 1;
	L->stream.nstop = s->nseg - 1;
	/* the program's signals stay with the thread that handles them */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	for (; s->nthreads < threads - 1; s->nthreads++)
		if (pthread_create(&s->thread[s->nthreads], NULL, reader, s) != 0)
			break; /* the others read more */
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return s;
}

void ld_split_end(ld_split *s, ld *L, act_run *r, const act_out *out)
{
	if (!s)
		return;
	read_segments(s, out->image);
	for (int i = 0; i < s->nthreads; i++)
		pthread_join(s->thread[i], NULL);
	/* the list goes on in the segment whose cut the reader before arrived at */
	for (int k = L->stream.reached ? (int)(L->stream.stop_at - s->cut) : 0; k; k = s->seg[k].next) {
		segment *g = &s->seg[k];
		if (!g->run) { /* it could not be read: the caller reads the whole file */
			L->stream.failed = true;
			break;
		}
		act_run_append(r, g->run);
		L->nerr += g->L.nerr;
		L->stream.failed |= g->L.stream.failed;
		g->used = true;
		if (out->parts)
			++*out->parts;
	}
	L->stream.stop_at = NULL;
	L->stream.nstop = 0;
	L->stream.reached = false;
	for (int k = 1; k < s->nseg; k++) {
		segment *g = &s->seg[k];
		if (!g->used && g->out.image)
			img_writer_drop(out->image, g->out.image);
		act_run_free(g->run, &g->L);
	}
	diags_free(&s->none);
	free(s);
}
