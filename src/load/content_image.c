/* content_image.c: what the image's writer and reader share (see content_image.h): the
 * table of ik_activity's pointer members, the layout, the hash and the key. The layout, all
 * offsets from the file's start:
 *
 *   header   one page: magic, format, key, counts, offsets, which words of an activity are
 *            pointers, checksums (img_header)
 *   chunks   `chunk` bytes each: the strings and session lists, mapped and read only when
 *            something shows them
 *   ids      the activities' ids, end to end (a lookup by id reads only these)
 *   acts     the activities as ik_activity in memory, every pointer stored as an offset (0
 *            for NULL)
 *   ptrs     the pointer lists (phones, languages) and the texts (accessibility) the
 *            activities point to: every word there is an offset
 *   8 zero bytes
 *
 * From ids on, each piece starts on a page (an image written in parts by several threads:
 * each part's ids and pointer lists too, while the activities of all parts
 * follow each other as one array): that part is read into memory at every start
 * (content_image_map.c) and relocated there (the mapping's address added to each offset).
 * Which members of ik_activity point where is said once, in img_fields below; the reader needs
 * only the mask of pointer words derived from it. A pointer member missing there is found by
 * tests/scripts/image_fields.py. */
#include "content_image.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content_image_id.h"
#include "content_image_internal.h"

/* --- what an activity points to --- */

#define MEMBER_IS(m, T) __builtin_types_compatible_p(__typeof__(((ik_activity *)0)->m), T)
/* offsetof(ik_activity, m), which does not compile unless m has type T */
#define CHECKED(m, T) (offsetof(ik_activity, m) + 0 * sizeof(char[MEMBER_IS(m, T) ? 1 : -1]))
#define STR(m) {F_STR, CHECKED(m, const char *), 0, 0, LANE_STR}
#define ID(m) {F_STR, CHECKED(m, const char *), 0, 0, LANE_ID}
#define TEXT(m) {F_TEXT, CHECKED(m, ik_text), 0, 0, LANE_STR}
#define TEXT_PTR(m) {F_TEXT_PTR, CHECKED(m, const ik_text *), 0, 0, LANE_STR}
#define STRS(m, n) {F_STRS, CHECKED(m, const char **), CHECKED(n, int), 0, LANE_STR}
#define CODES(m, n) {F_STRS, CHECKED(m, const char **), CHECKED(n, int), 0, LANE_ID}
#define ARRAY(m, n) {F_ARRAY, offsetof(ik_activity, m), CHECKED(n, int), sizeof(*((ik_activity *)0)->m), LANE_STR}

/* Every member of ik_activity that is or holds a pointer. STR: a string; ID: the id; TEXT: an
 * ik_text; TEXT_PTR: a pointer to one (NULL allowed); STRS: a list
 * of strings with its count; CODES: one of short codes, kept with the ids in memory, because
 * ranking compares them for every activity (languages: in the chunks, a person who speaks no
 * Dutch made a suggestion read every page of them, 146 MB at 100,000 activities); ARRAY: a
 * list with its count, of elements that hold no pointer.
 * A new pointer member of ik_activity needs its line here. */
const img_field img_fields[] = {
	ID(id), STR(name), STR(organization), TEXT(description), STR(url), STR(email),
	STRS(phones, nphones), CODES(languages, nlanguages), ARRAY(schedule, nschedule),
	TEXT_PTR(accessibility), TEXT(application_process), STR(source), STR(hsds_id),
};
const int img_nfields = (int)ARRAY_LEN(img_fields);

_Static_assert(sizeof(ik_activity) % sizeof(uintptr_t) == 0, "activities follow each other word-aligned");
_Static_assert(sizeof(ik_activity) / sizeof(uintptr_t) <= 64 * IMG_MASK_WORDS, "IMG_MASK_WORDS is too small");

void img_layout(uint64_t mask[IMG_MASK_WORDS], uint64_t *id)
{
	memset(mask, 0, IMG_MASK_WORDS * sizeof *mask);
	uint64_t desc[6 + 5 * ARRAY_LEN(img_fields)], *d = desc;
	*d++ = IMG_FORMAT;
	*d++ = sizeof(uintptr_t);
	*d++ = sizeof(ik_activity);
	*d++ = sizeof(ik_text);
	*d++ = sizeof(ik_session);
	*d++ = UINT64_C(0x0102030405060708) >> 8; /* the byte order shows in the hash's input */
	for (int i = 0; i < img_nfields; i++) {
		const img_field *f = &img_fields[i];
		size_t w = f->off / sizeof(uintptr_t);
		mask[w / 64] |= UINT64_C(1) << w % 64;
		if (f->kind == F_TEXT) {
			w = (f->off + offsetof(ik_text, en)) / sizeof(uintptr_t);
			mask[w / 64] |= UINT64_C(1) << w % 64;
		}
		*d++ = f->kind;
		*d++ = f->off;
		*d++ = f->count_off;
		*d++ = f->size;
		*d++ = f->lane;
	}
	*id = img_hash(desc, (size_t)(d - desc) * sizeof *d, IMG_FORMAT);
}

/* --- the hash: XXH64's rounds (Yann Collet's public algorithm) --- */

static const uint64_t P1 = UINT64_C(0x9E3779B185EBCA87), P2 = UINT64_C(0xC2B2AE3D27D4EB4F),
		      P3 = UINT64_C(0x165667B19E3779F9), P4 = UINT64_C(0x85EBCA77C2B2AE63),
		      P5 = UINT64_C(0x27D4EB2F165667C5);

static inline uint64_t rotl(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

static inline uint64_t rd64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t round64(uint64_t acc, uint64_t in)
{
	return rotl(acc + in * P2, 31) * P1;
}

static inline uint64_t merge(uint64_t h, uint64_t v)
{
	return (h ^ round64(0, v)) * P1 + P4;
}

uint64_t img_hash(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p, *end = s + n;
	uint64_t h = seed + P5;
	if (n >= 32) {
		uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
		for (; end - s >= 32; s += 32) {
			v1 = round64(v1, rd64(s));
			v2 = round64(v2, rd64(s + 8));
			v3 = round64(v3, rd64(s + 16));
			v4 = round64(v4, rd64(s + 24));
		}
		h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
		h = merge(merge(merge(merge(h, v1), v2), v3), v4);
	}
	h += n;
	for (; end - s >= 8; s += 8)
		h = rotl(h ^ round64(0, rd64(s)), 27) * P1 + P4;
	if (end - s >= 4) {
		uint32_t w;
		memcpy(&w, s, 4);
		h = rotl(h ^ (uint64_t)w * P1, 23) * P2 + P3;
		s += 4;
	}
	for (; s < end; s++)
		h = rotl(h ^ *s * P5, 11) * P1;
	h = (h ^ h >> 33) * P2;
	h = (h ^ h >> 29) * P3;
	return h ^ h >> 32;
}

uint64_t img_loaded_sum(const img_run *run, int n, uint64_t ids, uint64_t from, uint64_t end)
{
	char buf[4096];
	uint64_t sum = 0, k = (from - ids) / sizeof buf;
	int i = 0;
	for (uint64_t page = from; page < end; page += sizeof buf, k++) {
		size_t len = end - page < sizeof buf ? (size_t)(end - page) : sizeof buf;
		while (i < n && run[i].at + run[i].len <= page)
			i++;
		if (i < n && run[i].at <= page && run[i].at + run[i].len >= page + len) {
			sum += img_hash(run[i].p + (page - run[i].at), len, k); /* the page lies in one run */
			continue;
		}
		memset(buf, 0, len);
		for (int j = i; j < n && run[j].at < page + len; j++) {
			uint64_t a = run[j].at > page ? run[j].at : page,
				 b = run[j].at + run[j].len < page + len ? run[j].at + run[j].len : page + len;
			if (b > a)
				memcpy(buf + (a - page), run[j].p + (a - run[j].at), (size_t)(b - a));
		}
		sum += img_hash(buf, len, k);
	}
	return sum;
}

/* --- the loaded part summed and written, by two threads --- */

int img_pwrite(int fd, const char *s, size_t n, size_t off)
{
	while (n) {
		ssize_t k = pwrite(fd, s, n, (off_t)off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k < 0 ? errno : EIO;
		s += k;
		n -= (size_t)k;
		off += (size_t)k;
	}
	return 0;
}

/* The loaded part written by a thread of its own while the finish sums it, moves it into
 * place and relocates it (writes to one file are one at a time in the kernel, its inode's
 * lock: two threads writing halves waited on each other for up to 80 ms of a 73 MB part).
 * The thread says how far it got, so that a run can move as soon as it is written. */
struct img_bg {
	int fd;
	const img_run *run;
	int nrun;
	pthread_mutex_t lock;
	pthread_cond_t moved_on;
	int done; /* runs written (under lock) */
	int err;  /* the errno of a write that failed; the runs after it are not written */
	bool threaded;
	pthread_t thread;
};

static void *write_runs(void *arg)
{
	img_bg *b = arg;
	for (int i = 0; i < b->nrun; i++) {
		int err = b->err ? b->err : img_pwrite(b->fd, b->run[i].p, b->run[i].len, (size_t)b->run[i].at);
		pthread_mutex_lock(&b->lock);
		b->err = err;
		b->done = i + 1;
		pthread_cond_signal(&b->moved_on);
		pthread_mutex_unlock(&b->lock);
	}
	return NULL;
}

img_bg *img_write_start(int fd, const img_run *run, int nrun)
{
	img_bg *b = xcalloc(1, sizeof *b);
	*b = (img_bg){.fd = fd, .run = run, .nrun = nrun};
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->moved_on, NULL);
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old); /* the program's signals stay with this thread */
	b->threaded = pthread_create(&b->thread, NULL, write_runs, b) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!b->threaded)
		write_runs(b);
	return b;
}

int img_write_wait(img_bg *b, int n)
{
	pthread_mutex_lock(&b->lock);
	while (b->done < n)
		pthread_cond_wait(&b->moved_on, &b->lock);
	int err = b->err;
	pthread_mutex_unlock(&b->lock);
	return err;
}

int img_write_end(img_bg *b)
{
	if (!b)
		return 0;
	if (b->threaded)
		pthread_join(b->thread, NULL);
	int err = b->err;
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->moved_on);
	free(b);
	return err;
}

/* --- the key --- */

void img_key_make(img_key *k, const uint64_t text_hash[2], const struct stat *st)
{
	/* Not the program's build id: the program and its helper (infokaart-sync) link the same
	 * loader and read each other's images; a change to its sources makes them again. */
	uint64_t mask[IMG_MASK_WORDS];
	memset(k, 0, sizeof *k);
	memcpy(k->program, "ik catalogue", 13);
	k->program[1] = IMG_SOURCES_ID0;
	k->program[2] = IMG_SOURCES_ID1;
	img_layout(mask, &k->program[3]);
	k->text[0] = text_hash[0];
	k->text[1] = text_hash[1];
	uint64_t f[] = {st->st_dev, st->st_ino, (uint64_t)st->st_size, (uint64_t)st->st_mtim.tv_sec,
			(uint64_t)st->st_mtim.tv_nsec, (uint64_t)st->st_ctim.tv_sec, (uint64_t)st->st_ctim.tv_nsec};
	memcpy(k->file, f, sizeof f);
}
