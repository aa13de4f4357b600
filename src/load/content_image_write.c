/* content_image_write.c: the image writer (see content_image.h; the layout is in
 * content_image.c). Strings go into chunks as they come and are written out a chunk at a
 * time; what a start reads into memory (ids, the activities, pointer lists) is
 * gathered in memory and written last. So the catalogue's text is never held whole. Parts of
 * one image (img_writer_part) are filled by several threads at once: each takes its chunks
 * from one shared count, and the finish lays their pieces out one after the other. (Keeping
 * a repeated string once saved a sixth of a generated image, but cost a sixth of the time to
 * make it: every string looked up; not done.) */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <unistd.h>

#include "content_image_internal.h"

/* Offsets into what is gathered in memory are tagged in their top two bits with the piece
 * they point into, until its place in the file is known. */
enum { IN_FILE, IN_PTRS, IN_IDS };
#define TAG_SHIFT (sizeof(uintptr_t) * 8 - 2)
#define TAGGED(piece, off) ((uintptr_t)(piece) << TAG_SHIFT | (off))

/* A buffer that grows in place: a mapping of its own, reserved big (address space only) and
 * grown by mremap, never copied; for a big catalogue in huge pages where the kernel has them,
 * so that filling it takes few page faults (a small one would only waste most of one). */
typedef struct {
	char *p;
	size_t len, cap;
} region;

static void region_init(region *r, size_t reserve)
{
	r->cap = (reserve + (2 << 20) - 1) & ~(size_t)((2 << 20) - 1);
	r->p = mmap(NULL, r->cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (r->p == MAP_FAILED) {
		fputs("infokaart: onvoldoende geheugen (out of memory)\n", stderr);
		exit(70);
	}
	if (reserve >= 2 * IMG_HUGE_MIN) /* its size is a guess: at most one huge page goes unused */
		madvise(r->p, r->cap, MADV_HUGEPAGE);
	r->len = 0;
}

static void region_append(region *r, const void *p, size_t n)
{
	if (r->len + n > r->cap) {
		size_t cap = (r->len + n) * 2;
		char *q = mremap(r->p, r->cap, cap, MREMAP_MAYMOVE);
		if (q == MAP_FAILED) {
			fputs("infokaart: onvoldoende geheugen (out of memory)\n", stderr);
			exit(70);
		}
		r->p = q;
		r->cap = cap;
	}
	memcpy(r->p + r->len, p, n);
	r->len += n;
}

static void region_free(region *r)
{
	if (r->p)
		munmap(r->p, r->cap);
	r->p = NULL;
}

/* The chunk being filled. */
typedef struct {
	char *buf;   /* chunk bytes; NULL before the first */
	size_t off;  /* where it goes in the file; 0: no chunk is open */
	size_t used;
} lane;

/* The three pieces of a part that a start reads into memory, in file order (lay_out). */
enum { P_IDS, P_ACTS, P_PTRS, PIECES };

struct img_writer {
	int fd;
	int err;           /* the first write's errno that failed */
	size_t chunk;
	_Atomic size_t *next; /* the offset of the next chunk to start: the parts share it */
	_Atomic size_t own_next;
	img_writer *part; /* the activities after these, written by another thread */
	uint64_t at[PIECES]; /* where its pieces go (lay_out) */
	uint64_t chunk_sum;
	lane str;          /* strings and lists without pointers, in chunks */
	region ids;        /* the ids */
	region acts;       /* the activities, pointers as (tagged) offsets */
	region ptrs;       /* the pointer lists, words */
	uint64_t n;
	uint64_t mask[IMG_MASK_WORDS];
	uint64_t layout;
};

static img_writer *writer_new(int fd, size_t size_hint, size_t chunk, _Atomic size_t *next)
{
	img_writer *w = xcalloc(1, sizeof *w);
	w->fd = fd;
	w->chunk = chunk;
	w->next = next ? next : &w->own_next;
	img_layout(w->mask, &w->layout);
	region_init(&w->acts, size_hint + (1 << 20)); /* an activity takes more JSON than memory */
	region_init(&w->ptrs, size_hint / 8 + (1 << 20));
	region_init(&w->ids, size_hint / 8 + (1 << 20));
	return w;
}

img_writer *img_writer_new(int fd, size_t size_hint)
{
	size_t chunk = 16 * 1024;
	while (chunk < (1 << 20) && chunk < size_hint / 16)
		chunk *= 2;
	img_writer *w = writer_new(fd, size_hint, chunk, NULL);
	atomic_init(&w->own_next, IMG_HEADER);
	return w;
}

img_writer *img_writer_part(img_writer *w, size_t size_hint)
{
	while (w->part)
		w = w->part;
	return w->part = writer_new(w->fd, size_hint, w->chunk, w->next);
}

void img_writer_free(img_writer *w)
{
	if (!w)
		return;
	img_writer_free(w->part);
	free(w->str.buf);
	region_free(&w->ids);
	region_free(&w->acts);
	region_free(&w->ptrs);
	free(w);
}

static void write_at(img_writer *w, const void *p, size_t n, size_t off)
{
	if (!w->err)
		w->err = img_pwrite(w->fd, p, n, off);
}

/* Writes one whole chunk (zeros after what was used) at off. */
static void write_chunk(img_writer *w, const char *buf, size_t off)
{
	w->chunk_sum += img_hash(buf, w->chunk, (off - IMG_HEADER) / w->chunk);
	write_at(w, buf, w->chunk, off);
}

/* Writes the open chunk, zeros after what was used, and closes it. */
static void lane_flush(img_writer *w, lane *l)
{
	if (!l->off)
		return;
	memset(l->buf + l->used, 0, w->chunk - l->used);
	write_chunk(w, l->buf, l->off);
	l->off = l->used = 0;
}

/* Bytes bigger than a chunk: whole chunks of their own, one after the other. */
static uintptr_t put_big(img_writer *w, const char *p, size_t n)
{
	char *buf = xmalloc(w->chunk);
	uintptr_t at = atomic_fetch_add(w->next, (n + w->chunk - 1) / w->chunk * w->chunk);
	for (size_t done = 0; done < n; done += w->chunk) {
		size_t k = n - done < w->chunk ? n - done : w->chunk;
		memcpy(buf, p + done, k);
		memset(buf + k, 0, w->chunk - k);
		write_chunk(w, buf, at + done);
	}
	free(buf);
	return at;
}

/* Puts n bytes into the chunks, aligned; returns their offset in the file. */
static uintptr_t put_bytes(img_writer *w, const void *p, size_t n, size_t align)
{
	if (n > w->chunk)
		return put_big(w, p, n);
	lane *l = &w->str;
	size_t at = (l->used + align - 1) / align * align;
	if (!l->off || at + n > w->chunk) {
		lane_flush(w, l);
		if (!l->buf)
			l->buf = xmalloc(w->chunk);
		l->off = atomic_fetch_add(w->next, w->chunk);
		at = 0;
	}
	memset(l->buf + l->used, 0, at - l->used); /* the alignment's padding */
	memcpy(l->buf + at, p, n);
	l->used = at + n;
	return l->off + at;
}

/* A string's offset in the file, or tagged (0 for NULL). */
static uintptr_t put_str(img_writer *w, const char *s, img_lane where)
{
	if (!s)
		return 0;
	size_t n = strlen(s) + 1;
	if (where == LANE_STR)
		return put_bytes(w, s, n, 1);
	uintptr_t at = TAGGED(IN_IDS, w->ids.len);
	region_append(&w->ids, s, n);
	return at;
}

/* Appends n words to the pointer lists; returns their tagged offset there. */
static uintptr_t put_words(img_writer *w, const uintptr_t *v, size_t n)
{
	uintptr_t at = TAGGED(IN_PTRS, w->ptrs.len);
	region_append(&w->ptrs, v, n * sizeof *v);
	return at;
}

static void set_word(unsigned char *slot, uintptr_t v)
{
	memcpy(slot, &v, sizeof v);
}

static const void *get_ptr(const unsigned char *slot)
{
	const void *p;
	memcpy(&p, slot, sizeof p);
	return p;
}

/* One member of the copy r of an activity: what it points to is written, and the pointer
 * becomes its offset. */
static void put_field(img_writer *w, const img_field *f, unsigned char *r)
{
	unsigned char *slot = r + f->off;
	const void *p = get_ptr(slot);
	int n = 0;
	if (f->kind == F_STRS || f->kind == F_ARRAY)
		memcpy(&n, r + f->count_off, sizeof n);
	switch (f->kind) {
	case F_STR: set_word(slot, put_str(w, p, f->lane)); break;
	case F_TEXT: {
		ik_text *t = (ik_text *)slot;
		set_word(slot + offsetof(ik_text, nl), put_str(w, t->nl, f->lane));
		set_word(slot + offsetof(ik_text, en), put_str(w, t->en, f->lane));
		break;
	}
	case F_TEXT_PTR: {
		const ik_text *t = p;
		uintptr_t v[2] = {t ? put_str(w, t->nl, f->lane) : 0, t ? put_str(w, t->en, f->lane) : 0};
		set_word(slot, t ? put_words(w, v, 2) : 0);
		break;
	}
	case F_STRS: {
		const char *const *s = p;
		uintptr_t *v = xmalloc((size_t)(n > 0 ? n : 1) * sizeof *v);
		for (int i = 0; i < n; i++)
			v[i] = put_str(w, s[i], f->lane);
		set_word(slot, n > 0 ? put_words(w, v, (size_t)n) : 0);
		free(v);
		break;
	}
	case F_ARRAY: set_word(slot, n > 0 ? put_bytes(w, p, (size_t)n * f->size, 8) : 0); break;
	}
}

void img_writer_put(img_writer *w, const ik_activity *a)
{
	unsigned char r[sizeof *a];
	memcpy(r, a, sizeof r);
	for (int i = 0; i < img_nfields; i++)
		put_field(w, &img_fields[i], r);
	region_append(&w->acts, r, sizeof r);
	w->n++;
}

/* A tagged offset becomes the offset in the file. */
static void place_word(unsigned char *slot, const uint64_t base[3])
{
	uintptr_t v;
	memcpy(&v, slot, sizeof v);
	unsigned piece = (unsigned)(v >> TAG_SHIFT);
	if (piece != IN_FILE)
		set_word(slot, base[piece] + (v & (((uintptr_t)1 << TAG_SHIFT) - 1)));
}

/* Once the parts are laid out (lay_out): w's offsets become offsets in the file. */
static void place(img_writer *w)
{
	const uint64_t base[3] = {[IN_FILE] = 0, [IN_PTRS] = w->at[P_PTRS], [IN_IDS] = w->at[P_IDS]};
	for (size_t at = 0; at < w->acts.len; at += sizeof(ik_activity))
		for (size_t k = 0; k < sizeof(ik_activity) / sizeof(uintptr_t); k++)
			if (w->mask[k / 64] >> k % 64 & 1)
				place_word((unsigned char *)w->acts.p + at + k * sizeof(uintptr_t), base);
	for (size_t at = 0; at < w->ptrs.len; at += sizeof(uintptr_t))
		place_word((unsigned char *)w->ptrs.p + at, base);
}

/* Moves what r holds to `to` (in an image's range, see img_reserve): the pages themselves
 * where `to` is on a page (the memory is not held twice), else a copy. */
static void region_move(region *r, char *to)
{
	size_t n = (r->len + 4095) & ~(size_t)4095;
	if (n && mremap(r->p, n, n, MREMAP_MAYMOVE | MREMAP_FIXED, to) == MAP_FAILED)
		memcpy(to, r->p, r->len);
	else
		r->p += n, r->cap -= n; /* what is left of the reservation */
	if (r->cap)
		munmap(r->p, r->cap);
	*r = (region){0};
}

void img_writer_pass(img_writer *from, img_writer *to)
{
	if (!from)
		return;
	lane_flush(from, &from->str);
	if (to && !to->str.buf) {
		to->str.buf = from->str.buf;
		from->str.buf = NULL;
	}
}

void img_writer_drop(img_writer *w, img_writer *part)
{
	img_writer **at = &w->part;
	while (*at && *at != part)
		at = &(*at)->part;
	if (!*at)
		return;
	*at = part->part;
	part->part = NULL;
	lane_flush(part, &part->str); /* every chunk it took is written and counted, unused */
	w->chunk_sum += part->chunk_sum;
	w->err = w->err ? w->err : part->err;
	img_writer_free(part);
}

static const int in_file_order[PIECES] = {P_IDS, P_ACTS, P_PTRS};
/* The order they are written in: what is relocated first, so that it can move and be
 * relocated while the ids are still being written. */
static const int in_write_order[PIECES] = {P_ACTS, P_PTRS, P_IDS};

static region *piece(img_writer *p, int i)
{
	return i == P_IDS ? &p->ids : i == P_ACTS ? &p->acts : &p->ptrs;
}

/* Where the parts' pieces go, from off (after the chunks): the ids of each part, each padded
 * to a page (so that they move there as pages); the activities of all parts end to end (one
 * array), padded; the pointer lists, all but the last padded. Returns where the image's end
 * is. */
static uint64_t lay_out(img_writer *w, img_header *h)
{
	static const char zeros[4096];
	uint64_t off = h->ids, *start[PIECES] = {&h->ids, &h->acts, &h->ptrs};
	for (int i = 0; i < PIECES; i++) {
		off = i == P_PTRS ? (off + 4095) & ~(uint64_t)4095 : off;
		*start[i] = off;
		for (img_writer *p = w; p; p = p->part) {
			region *r = piece(p, i);
			if (i < P_ACTS || (i == P_PTRS && p->part))
				region_append(r, zeros, (4096 - r->len % 4096) % 4096);
			p->at[i] = off;
			off += r->len;
		}
	}
	return off;
}

/* The writers' pieces, of each kind in turn in `order`, the parts in order (see lay_out); n
 * at most PIECES times the parts. */
static int runs_of(img_writer *w, const int order[PIECES], img_run *run)
{
	int n = 0;
	for (int i = 0; i < PIECES; i++)
		for (img_writer *p = w; p; p = p->part) {
			region *r = piece(p, order[i]);
			run[n++] = (img_run){p->at[order[i]], r->p, r->len};
		}
	return n;
}

/* Moves the pieces of the kinds kinds[0..n) of every part to base. */
static void move_pieces(img_writer *w, const int *kinds, int n, char *base)
{
	for (img_writer *p = w; p; p = p->part)
		for (int i = 0; i < n; i++)
			region_move(piece(p, kinds[i]), base + p->at[kinds[i]]);
}

/* The loaded part of a whole image (for a file), in runs in file order and in the order they
 * are written (see in_write_order): written by a thread of its own while this one sums it,
 * moves into place and relocates. On this virtual machine a cold 100k start spent 90 ms
 * writing it (fresh pages for the file) and 30 ms moving and relocating after that. */
typedef struct {
	img_run *file, *order;
	int nrun;
	img_bg *bg;
} loaded_write;

static void loaded_start(img_writer *w, img_header *h, int nparts, loaded_write *lw)
{
	lw->file = xmalloc((size_t)nparts * PIECES * sizeof *lw->file);
	lw->order = xmalloc((size_t)nparts * PIECES * sizeof *lw->order);
	lw->nrun = runs_of(w, in_file_order, lw->file);
	runs_of(w, in_write_order, lw->order);
	lw->bg = img_write_start(w->fd, lw->order, lw->nrun);
	h->loaded_sum = img_loaded_sum(lw->file, lw->nrun, h->ids, h->ids, h->end);
}

/* Waits for the writing and moves every piece to base (NULL: nowhere) as soon as it is
 * written, relocating the activities and pointer lists. Returns an errno, or 0. */
static int loaded_finish(img_writer *w, const img_header *h, int nparts, loaded_write *lw, char *base)
{
	int err = img_write_wait(lw->bg, 2 * nparts); /* the activities and pointer lists */
	if (!err && base) {
		move_pieces(w, in_write_order, 2, base);
		err = img_relocate(base, h) ? 0 : EINVAL;
	}
	int wrote = img_write_end(lw->bg);
	err = err ? err : wrote;
	if (!err && base)
		move_pieces(w, in_write_order + 2, PIECES - 2, base);
	free(lw->file);
	free(lw->order);
	return err;
}

int img_writer_finish(img_writer *w, const img_key *key, bool whole, content *c)
{
	static const char zeros[8];
	img_header h = {.magic = IMG_MAGIC, .format = IMG_FORMAT, .key = *key, .chunk = w->chunk};
	int err = 0, nparts = 0;
	for (img_writer *p = w; p; p = p->part, nparts++) {
		lane_flush(p, &p->str);
		h.nactivities += p->n;
		h.chunk_sum += p->chunk_sum;
		err = err ? err : p->err;
	}
	h.ids = atomic_load(w->next);
	h.end = lay_out(w, &h);
	memcpy(h.mask, w->mask, sizeof h.mask);
	for (img_writer *p = w; p; p = p->part)
		place(p);
	loaded_write lw = {0};
	if (whole) { /* (an image only in memory, a memfd, is not summed: nothing reads it again) */
		loaded_start(w, &h, nparts, &lw);
		write_at(w, zeros, 8, h.end);
	}
	h.header_sum = img_hash(&h, offsetof(img_header, header_sum), 3);
	char page[IMG_HEADER] = {0};
	memcpy(page, &h, sizeof h);
	write_at(w, page, sizeof page, 0);
	err = err ? err : w->err;
	char *base = err ? NULL : img_reserve(w->fd, &h, h.end + 8);
	if (!err && !base)
		err = errno ? errno : ENOMEM;
	if (whole) {
		int wrote = loaded_finish(w, &h, nparts, &lw, base);
		err = err ? err : wrote;
	} else if (base) {
		move_pieces(w, in_file_order, PIECES, base);
	}
	if (base && err)
		munmap(base, h.end + 8);
	else if (base)
		err = img_take(base, &h, h.end + 8, false, whole, c) == 0 ? 0 : EINVAL;
	img_writer_free(w);
	errno = err;
	return err ? -1 : 0;
}
