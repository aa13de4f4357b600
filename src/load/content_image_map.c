/* content_image_map.c: the image reader (see content_image.h; the layout is in
 * content_image.c). The file is mapped privately: the activities and their pointer lists are
 * relocated in place (each offset plus the mapping's address), which copies just those pages;
 * the strings stay shared with the page cache and are read only when something shows them.
 * Whatever the file holds, nothing here reads outside it: every offset is checked before it
 * becomes a pointer, and the file ends in zero bytes, so a string always ends inside it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content_image_internal.h"
#include "load.h"

/* Whether the header is one this program wrote, for a file of size bytes. */
static bool header_ok(const img_header *h, const img_key *key, uint64_t size)
{
	uint64_t mask[IMG_MASK_WORDS], layout;
	img_layout(mask, &layout);
	const uint64_t page = 4096;
	return memcmp(h->magic, IMG_MAGIC, sizeof h->magic) == 0 && h->format == IMG_FORMAT &&
	       h->header_sum == img_hash(h, offsetof(img_header, header_sum), 3) && h->key.program[3] == layout &&
	       (!key || memcmp(&h->key, key, sizeof *key) == 0) && memcmp(h->mask, mask, sizeof mask) == 0 &&
	       h->chunk >= page && h->chunk % page == 0 && h->ids >= IMG_HEADER && (h->ids - IMG_HEADER) % h->chunk == 0 &&
	       h->acts >= h->ids && h->acts % page == 0 && h->end + 8 == size &&
	       h->nactivities <= size / sizeof(ik_activity) && h->nactivities <= INT32_MAX &&
	       h->ptrs >= h->acts + h->nactivities * sizeof(ik_activity) &&
	       h->ptrs - h->acts - h->nactivities * sizeof(ik_activity) < page && h->ptrs % page == 0 &&
	       h->end >= h->ptrs && (h->end - h->ptrs) % sizeof(uintptr_t) == 0;
}

/* Turns the offset at p into a pointer into the mapping at base: false when it is outside the
 * file (or in its header). */
static bool relocate_word(unsigned char *p, char *base, uint64_t end)
{
	uintptr_t v;
	memcpy(&v, p, sizeof v);
	if (!v)
		return true; /* NULL */
	if (v < IMG_HEADER || v >= end)
		return false;
	v += (uintptr_t)base;
	memcpy(p, &v, sizeof v);
	return true;
}

bool img_relocate(char *base, const img_header *h)
{
	int words[64 * IMG_MASK_WORDS], nwords = 0;
	for (int k = 0; k < (int)(sizeof(ik_activity) / sizeof(uintptr_t)); k++)
		if (h->mask[k / 64] >> k % 64 & 1)
			words[nwords++] = k;
	unsigned char *a = (unsigned char *)base + h->acts;
	for (uint64_t i = 0; i < h->nactivities; i++, a += sizeof(ik_activity))
		for (int k = 0; k < nwords; k++)
			if (!relocate_word(a + (size_t)words[k] * sizeof(uintptr_t), base, h->end))
				return false;
	for (uint64_t at = h->ptrs; at < h->end; at += sizeof(uintptr_t))
		if (!relocate_word((unsigned char *)base + at, base, h->end))
			return false;
	return true;
}

/* Checks every chunk against the header's sum, read into a buffer rather than through the
 * mapping: nothing is mapped that nothing shows, and on a virtual machine mapping a page
 * costs more than copying it. */
static bool chunks_ok(int fd, const img_header *h)
{
	char *buf = xmalloc(h->chunk);
	uint64_t sum = 0;
	bool ok = true;
	for (uint64_t k = 0; ok && k < (h->ids - IMG_HEADER) / h->chunk; k++) {
		size_t got = 0;
		while (got < h->chunk) {
			ssize_t n = pread(fd, buf + got, h->chunk - got, (off_t)(IMG_HEADER + k * h->chunk + got));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		ok = got == h->chunk;
		sum += img_hash(buf, h->chunk, k);
	}
	free(buf);
	return ok && sum == h->chunk_sum;
}

/* Reads len bytes at off into p. */
static bool read_all(int fd, char *p, size_t len, uint64_t off)
{
	while (len) {
		ssize_t n = pread(fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return true;
}

char *img_reserve(int fd, const img_header *h, size_t size)
{
	char *base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED)
		return NULL;
	if (size - h->ids >= IMG_HUGE_MIN)
		madvise(base + h->ids, size - h->ids, MADV_HUGEPAGE);
	if (mmap(base, h->ids, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
		munmap(base, size);
		return NULL;
	}
	return base;
}

int img_take(char *base, const img_header *h, size_t size, bool verify, bool relocated, content *c)
{
	static const char zeros[8];
	const img_run all = {h->ids, base + h->ids, h->end - h->ids};
	if (memcmp(base + h->end, zeros, 8) != 0 ||
	    (verify && h->loaded_sum != img_loaded_sum(&all, 1, h->ids, h->ids, h->end)) ||
	    (!relocated && !img_relocate(base, h))) {
		munmap(base, size);
		return -1;
	}
	c->activities = (ik_activity *)(base + h->acts);
	c->nactivities = (int)h->nactivities;
	c->image = base;
	c->image_size = size;
	return 0;
}

int img_map(int fd, const img_key *key, bool verify, content *c)
{
	struct stat st;
	img_header h;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < IMG_HEADER + 8 ||
	    pread(fd, &h, sizeof h, 0) != (ssize_t)sizeof h || !header_ok(&h, key, (uint64_t)st.st_size) ||
	    (verify && !chunks_ok(fd, &h)))
		return -1;
	size_t size = (size_t)st.st_size;
	char *base = img_reserve(fd, &h, size);
	if (!base)
		return -1;
	if (!read_all(fd, base + h.ids, size - h.ids, h.ids)) {
		munmap(base, size);
		return -1;
	}
	return img_take(base, &h, size, verify, false, c);
}

void content_release_strings(const content *c)
{
	if (!c->image)
		return;
	/* [0, ids): the header and the chunks, mapped read-only from the image's file (img_reserve),
	 * so never written: dropped pages are read again from it. What lies after is memory. */
	const img_header *h = c->image;
	madvise(c->image, (size_t)h->ids, MADV_DONTNEED);
}
