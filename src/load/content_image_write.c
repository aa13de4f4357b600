/* content_image_write.c: the image writer (see content_image.h; the layout is in
 * content_image.c). Strings go into chunks as they come and are written out a chunk at a
 * time, so memory holds a chunk per lane and the activities themselves, never the catalogue's
 * text. (Keeping a repeated string once saved a sixth of a generated image, but cost a sixth
 * of the time to make it: every string looked up; not done.) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <unistd.h>

#include "content_image_internal.h"

#define TAG ((uintptr_t)1 << (sizeof(uintptr_t) * 8 - 1)) /* an offset into the pointer lists */

/* A buffer that grows in place: a mapping of its own, reserved big (address space only) and
 * grown by mremap, never copied; in huge pages where the kernel has them, so that filling it
 * takes few page faults. */
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

/* A chunk being filled. */
typedef struct {
	char *buf;   /* chunk bytes; NULL before the first */
	size_t off;  /* where it goes in the file */
	size_t used;
} lane;

struct img_writer {
	int fd;
	int err;           /* the first write's errno that failed */
	size_t chunk;
	size_t next;       /* the offset of the next chunk to start */
	uint64_t chunk_sum;
	lane lanes[LANES];
	region acts;       /* the activities, pointers as offsets (into the pointer lists: TAG) */
	region ptrs;       /* the pointer lists, words */
	uint64_t n;
	uint64_t mask[IMG_MASK_WORDS];
	uint64_t layout;
};

img_writer *img_writer_new(int fd, size_t size_hint)
{
	img_writer *w = xcalloc(1, sizeof *w);
	w->fd = fd;
	w->chunk = 16 * 1024;
	while (w->chunk < (1 << 20) && w->chunk < size_hint / 16)
		w->chunk *= 2;
	w->next = IMG_HEADER;
	img_layout(w->mask, &w->layout);
	region_init(&w->acts, size_hint + (1 << 20)); /* an activity takes more JSON than memory */
	region_init(&w->ptrs, size_hint / 8 + (1 << 20));
	return w;
}

void img_writer_free(img_writer *w)
{
	if (!w)
		return;
	for (int i = 0; i < LANES; i++)
		free(w->lanes[i].buf);
	region_free(&w->acts);
	region_free(&w->ptrs);
	free(w);
}

static void write_at(img_writer *w, const void *p, size_t n, size_t off)
{
	const char *s = p;
	while (n && !w->err) {
		ssize_t k = pwrite(w->fd, s, n, (off_t)off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			w->err = k < 0 ? errno : EIO;
			break;
		}
		s += k;
		n -= (size_t)k;
		off += (size_t)k;
	}
}

/* Writes one whole chunk (zeros after what was used) at off. */
static void write_chunk(img_writer *w, const char *buf, size_t off)
{
	w->chunk_sum += img_hash(buf, w->chunk, (off - IMG_HEADER) / w->chunk);
	write_at(w, buf, w->chunk, off);
}

static void lane_flush(img_writer *w, lane *l)
{
	if (l->buf)
		write_chunk(w, l->buf, l->off);
}

/* Bytes bigger than a chunk: whole chunks of their own. */
static uintptr_t put_big(img_writer *w, const char *p, size_t n)
{
	char *buf = xmalloc(w->chunk);
	uintptr_t at = w->next;
	for (size_t done = 0; done < n; done += w->chunk) {
		size_t k = n - done < w->chunk ? n - done : w->chunk;
		memcpy(buf, p + done, k);
		memset(buf + k, 0, w->chunk - k);
		write_chunk(w, buf, w->next);
		w->next += w->chunk;
	}
	free(buf);
	return at;
}

/* Puts n bytes into a lane's chunk, aligned; returns their offset in the file. */
static uintptr_t put_bytes(img_writer *w, int which, const void *p, size_t n, size_t align)
{
	if (n > w->chunk)
		return put_big(w, p, n);
	lane *l = &w->lanes[which];
	size_t at = (l->used + align - 1) / align * align;
	if (!l->buf || at + n > w->chunk) {
		lane_flush(w, l);
		if (!l->buf)
			l->buf = xmalloc(w->chunk);
		memset(l->buf, 0, w->chunk);
		l->off = w->next;
		w->next += w->chunk;
		at = 0;
	}
	memcpy(l->buf + at, p, n);
	l->used = at + n;
	return l->off + at;
}

/* A string's offset in the file (0 for NULL). */
static uintptr_t put_str(img_writer *w, const char *s, img_lane where)
{
	return s ? put_bytes(w, where, s, strlen(s) + 1, 1) : 0;
}

/* Appends n words to the pointer lists; returns their tagged offset there. */
static uintptr_t put_words(img_writer *w, const uintptr_t *v, size_t n)
{
	uintptr_t at = w->ptrs.len | TAG;
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
	case F_ARRAY: set_word(slot, n > 0 ? put_bytes(w, LANE_STR, p, (size_t)n * f->size, 8) : 0); break;
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

/* The pointers into the pointer lists get their place in the file: after the activities. */
static void place_ptrs(img_writer *w, size_t ptrs)
{
	for (size_t at = 0; at < w->acts.len; at += sizeof(ik_activity))
		for (size_t k = 0; k < sizeof(ik_activity) / sizeof(uintptr_t); k++) {
			if (!(w->mask[k / 64] >> k % 64 & 1))
				continue;
			unsigned char *slot = (unsigned char *)w->acts.p + at + k * sizeof(uintptr_t);
			uintptr_t v;
			memcpy(&v, slot, sizeof v);
			if (v & TAG)
				set_word(slot, ptrs + (v & ~TAG));
		}
}

uint64_t img_reloc_sum(const void *acts, size_t nacts, const void *ptrs, size_t nptrs)
{
	return img_hash(nacts ? acts : "", nacts, 1) + 3 * img_hash(nptrs ? ptrs : "", nptrs, 2);
}

int img_writer_finish(img_writer *w, const img_key *key)
{
	for (int i = 0; i < LANES; i++)
		lane_flush(w, &w->lanes[i]);
	img_header h = {.magic = IMG_MAGIC, .format = IMG_FORMAT, .key = *key, .nactivities = w->n,
			.chunk = w->chunk, .acts = w->next, .chunk_sum = w->chunk_sum};
	h.ptrs = h.acts + w->acts.len;
	h.end = h.ptrs + w->ptrs.len;
	memcpy(h.mask, w->mask, sizeof h.mask);
	place_ptrs(w, h.ptrs);
	h.reloc_sum = img_reloc_sum(w->acts.p, w->acts.len, w->ptrs.p, w->ptrs.len);
	h.header_sum = img_hash(&h, offsetof(img_header, header_sum), 3);
	static const char zeros[8];
	write_at(w, w->acts.p, w->acts.len, h.acts);
	write_at(w, w->ptrs.p, w->ptrs.len, h.ptrs);
	write_at(w, zeros, sizeof zeros, h.end);
	char page[IMG_HEADER] = {0};
	memcpy(page, &h, sizeof h);
	write_at(w, page, sizeof page, 0);
	int err = w->err;
	img_writer_free(w);
	errno = err;
	return err ? -1 : 0;
}
