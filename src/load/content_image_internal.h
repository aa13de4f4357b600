/* content_image_internal.h: what the image's writer (content_image_write.c), reader
 * (content_image_map.c) and content_image.c share: the header, the table of ik_activity's
 * pointer members, the layout derived from it. Nothing else includes it. */
#ifndef INFOKAART_CONTENT_IMAGE_INTERNAL_H
#define INFOKAART_CONTENT_IMAGE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "content_image.h"

enum {
	IMG_FORMAT = 3,         /* raise when the layout below changes */
	IMG_HEADER = 4096,      /* the chunks start here */
	IMG_MASK_WORDS = 8,     /* ik_activity may have up to 512 words */
	IMG_HUGE_MIN = 2 << 20, /* memory of this size and more is asked for in huge pages: on a
				 * virtual machine a fault costs about as much as copying a few pages */
};

typedef enum { F_STR, F_TEXT, F_TEXT_PTR, F_STRS, F_ARRAY } img_kind;
/* Where strings go: most in one run of chunks; ids in their own, which a lookup by id then
 * reads end to end. */
typedef enum { LANE_STR, LANE_ID } img_lane;

/* A member of ik_activity that is or holds a pointer (content_image.c, img_fields). */
typedef struct {
	img_kind kind;
	size_t off;       /* offsetof the member */
	size_t count_off; /* F_STRS, F_ARRAY: offsetof its count (an int) */
	size_t size;      /* F_ARRAY: of one element */
	img_lane lane;    /* where its strings go */
} img_field;
extern const img_field img_fields[];
extern const int img_nfields;

/* Which words of an ik_activity hold pointers (bit w of mask[w / 64]), and an id of the whole
 * layout: format, word size, struct sizes, the table. */
void img_layout(uint64_t mask[IMG_MASK_WORDS], uint64_t *id);

/* The first page of an image. Offsets from the start of the file. */
typedef struct {
	char magic[8];       /* IMG_MAGIC */
	uint64_t format;     /* IMG_FORMAT */
	img_key key;
	uint64_t nactivities;
	uint64_t chunk;      /* bytes in a chunk: a multiple of the page size */
	uint64_t ids;        /* the ids (the chunks end here, and the part read into memory starts) */
	uint64_t acts;       /* the activities */
	uint64_t ptrs;       /* the pointer lists (the activities end in the page before) */
	uint64_t end;        /* the 8 zero bytes that end the file */
	uint64_t mask[IMG_MASK_WORDS]; /* img_layout's mask */
	uint64_t chunk_sum;  /* the sum of img_hash(chunk k, seed k) over the chunks */
	uint64_t loaded_sum; /* img_loaded_sum of the part from ids to end */
	uint64_t header_sum; /* img_hash of the header up to here */
} img_header;
#define IMG_MAGIC "IKIMAGE"

/* content_image_map.c: the address range of an image of size bytes: the file's header and
 * chunks mapped over its beginning, the rest memory for the part from h->ids on. NULL when
 * that fails. */
char *img_reserve(int fd, const img_header *h, size_t size);
/* Turns the offsets in the activities and pointer lists at base into pointers (base added):
 * false when one lies outside the image. */
bool img_relocate(char *base, const img_header *h);
/* With that part in place at base: checks it (its end; with verify its sum), relocates it
 * unless relocated, and points c into it. 0, or -1 after unmapping base. */
int img_take(char *base, const img_header *h, size_t size, bool verify, bool relocated, content *c);

/* Some of an image's bytes in memory, and where in the file they lie. */
typedef struct {
	uint64_t at;
	const char *p;
	size_t len;
} img_run;
/* The checksum of the part read into memory, the file's bytes [ids, end): the sum, over its
 * pages (4 KB each from `ids`, the last maybe shorter), of img_hash(page, its length, its
 * number), the bytes taken from runs (in file order, not overlapping; a byte in none is 0).
 * Page by page, so that a writer can sum what it holds in several places, and several
 * threads each some of the pages: here those from `from` (a page's start) to `end`. */
uint64_t img_loaded_sum(const img_run *runs, int n, uint64_t ids, uint64_t from, uint64_t end);
/* The runs (in the order given) written to fd where they lie, by a thread of its own (here,
 * before returning, when no thread can be started). img_write_wait waits until the first n
 * of them are written; img_write_end until all are, and frees b (accepts NULL). Both return
 * 0, or the errno of a write that failed. The runs' bytes must stay where they are until
 * they are written. */
typedef struct img_bg img_bg;
img_bg *img_write_start(int fd, const img_run *run, int nrun);
int img_write_wait(img_bg *b, int n);
int img_write_end(img_bg *b);
/* Writes n bytes at off: 0, or an errno. */
int img_pwrite(int fd, const char *s, size_t n, size_t off);

#endif
