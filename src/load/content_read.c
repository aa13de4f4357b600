/* content_read.c: opening a content file for the getters (see content_json.h): read it whole,
 * check it with jsonscan, build its cJSON tree (content_tree.c), and hand out the elements of
 * a big top-level "activities" list one at a time instead of as one tree; or stream such a
 * file: read a window at a time and build each element as it comes, checked in the same pass.
 * Also the lookup of a key in an object that the getters use. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bytes8.h"
#include "content_json.h"
#include "i18n.h"

/* The top-level member that is read one element at a time (see ld.stream). */
static const char streamed_key[] = "activities";

enum { BIG_FILE = 1 << 20 };

char *ld_read_max(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK); /* a FIFO without a writer must not hang */
	if (fd < 0)
		return NULL;
	int flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	strbuf b = {0};
	char buf[65536];
	ssize_t n;
	int err = 0;
	while (b.len <= max && (n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			break;
		}
		sb_appendn(&b, buf, (size_t)n);
	}
	close(fd);
	if (!err && b.len > max)
		err = EFBIG;
	if (err) {
		sb_free(&b);
		errno = err;
		return NULL;
	}
	*len = b.len;
	return sb_take(&b);
}

/* read_file, in one read of the file's size where it has one. A big file (a catalogue can be
 * 100 MB) goes into memory mapped with MAP_POPULATE: its pages are made in one call instead of
 * one fault each, which halves the cost of reading it here. *mapped is then the size mapped
 * (free with munmap), else 0 (free with free). */
static char *read_whole(const char *path, size_t max, size_t *len, size_t *mapped)
{
	*mapped = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
		if (fd >= 0)
			close(fd);
		return ld_read_max(path, max, len);
	}
	if ((size_t)st.st_size > max) {
		close(fd);
		errno = EFBIG;
		return NULL;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	size_t want = (size_t)st.st_size, got = 0;
	char *text = NULL;
	if (want >= BIG_FILE) {
		text = mmap(NULL, want + 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (text == MAP_FAILED)
			text = NULL;
		else
			*mapped = want + 1;
	}
	if (!text)
		text = xmalloc(want + 1);
	while (got < want) {
		ssize_t n = read(fd, text + got, want - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	int err = errno;
	close(fd);
	if (got < want) { /* it shrank, or a read failed: read_file tells which */
		if (*mapped)
			munmap(text, *mapped);
		else
			free(text);
		*mapped = 0;
		errno = err;
		return ld_read_max(path, max, len);
	}
	text[got] = '\0';
	*len = got;
	return text;
}

/* jsonscan over the whole file: its mistakes reported (returns -1), or the span of a top-level
 * list "activities" with elements, which is streamed (ld.stream), in *skip.. *skip_end. */
static int top_members(ld *L, const char *path, size_t *skip, size_t *skip_end)
{
	jsonscan_member *m;
	int nm;
	int n = jsonscan_check_top(L->text, L->len, path, L->d, &m, &nm);
	if (n) {
		free(m);
		L->nerr += n;
		return -1;
	}
	for (int i = 0; i < nm; i++)
		if (m[i].key_end - m[i].key == sizeof streamed_key - 1 &&
		    memcmp(L->text + m[i].key, streamed_key, sizeof streamed_key - 1) == 0 &&
		    L->text[m[i].value] == '[' && m[i].count > 0) {
			*skip = m[i].value;
			*skip_end = m[i].value_end;
			L->stream.count = m[i].count;
			L->stream.pos = m[i].value + 1;
		}
	free(m);
	return 0;
}

int ld_open(ld *L, const char *path, diags *d, arena *a)
{
	return ld_open_max(L, path, d, a, LD_MAX_CONTENT);
}

int ld_open_max(ld *L, const char *path, diags *d, arena *a, size_t max)
{
	*L = (ld){.file = path, .d = d, .a = a, .fd = -1};
	L->text = read_whole(path, max, &L->len, &L->text_mapped);
	if (!L->text && errno == EFBIG) {
		diags_add(d, path, 0, 0, _("het bestand is groter dan de grens van %zu MB voor dit soort bestand"), max >> 20);
		L->nerr++;
		return -1;
	}
	if (!L->text) {
		diags_add(d, path, 0, 0, _("kan het bestand niet lezen: %s"), strerror(errno));
		L->nerr++;
		return -1;
	}
	/* Where the file may hold the list that is streamed, jsonscan first finds it (and checks
	 * the file); elsewhere the tree builder, which refuses what jsonscan refuses, checks it in
	 * the same pass, and jsonscan only runs on a refused file to say what and where. */
	bool may_stream = memmem(L->text, L->len, "\"activities\"", sizeof streamed_key + 1) != NULL;
	size_t skip = 0, skip_end = 0;
	if (may_stream && top_members(L, path, &skip, &skip_end) != 0)
		return -1;
	L->root = ld_tree_parse(&L->pool, L->text, L->len, skip, skip_end);
	if (!L->root && !may_stream && top_members(L, path, &skip, &skip_end) != 0)
		return -1;
	if (!L->root) {
		/* jsonscan accepted it, so this is a number cJSON would not read */
		diags_add(d, path, 0, 0, _("kan het bestand niet ontleden"));
		L->nerr++;
		return -1;
	}
	if (!cJSON_IsObject(L->root)) {
		diags_add(d, path, 1, 1, _("het bestand moet één JSON-object { … } bevatten"));
		L->nerr++;
		return -1;
	}
	if (skip_end > skip)
		L->stream.node = cJSON_GetObjectItemCaseSensitive(L->root, streamed_key);
	L->stream.diags_before = d->n;
	return 0;
}

void ld_close(ld *L)
{
	ld_pool_free(L->pool);
	ld_pool_free(L->stream.pool);
	if (L->text_mapped)
		munmap(L->text, L->text_mapped);
	else
		free(L->text);
	if (L->fd >= 0)
		close(L->fd);
	L->fd = -1;
	L->text_mapped = 0;
	L->pool = L->stream.pool = NULL;
	L->root = NULL;
	L->text = NULL;
}

static bool key_eq(const cJSON *k, const char *key)
{
	return k->string && k->string[0] == key[0] && ld_streq(k->string, key);
}

const cJSON *ld_get(ld *L, const cJSON *obj, const char *key)
{
	if (!cJSON_IsObject(obj) || obj->valueint != LD_KEYS_DISTINCT)
		return cJSON_GetObjectItemCaseSensitive(obj, key);
	/* the only match is the first one: search from the last find to the end, then the rest */
	const cJSON *from = L->hint_obj == obj && L->hint ? L->hint->next : obj->child;
	for (const cJSON *k = from; k; k = k->next)
		if (key_eq(k, key))
			return L->hint_obj = obj, L->hint = k;
	for (const cJSON *k = obj->child; k && k != from; k = k->next)
		if (key_eq(k, key))
			return L->hint_obj = obj, L->hint = k;
	return NULL;
}

int ld_array_size(const ld *L, const cJSON *arr)
{
	return arr && arr == L->stream.node ? L->stream.count : cJSON_GetArraySize(arr);
}

/* Builds the streamed list's next element in place of the one before. */
static const cJSON *stream_element(ld *L)
{
	if (L->stream.next >= L->stream.count)
		return NULL;
	ld_pool_reset(L->stream.pool);
	L->hint_obj = L->hint = NULL; /* the new tree reuses the old one's memory */
	size_t p = L->stream.pos, fail_at;
	const cJSON *v = ld_tree_build(&L->stream.pool, L->text, L->len, &p, 3, &fail_at);
	if (!v) {
		/* cJSON would have refused the whole file: say only that, as ld_open would have */
		L->nerr -= L->d->n - L->stream.diags_before;
		diags_truncate(L->d, L->stream.diags_before);
		diags_add(L->d, L->file, 0, 0, _("kan het bestand niet ontleden"));
		L->nerr++;
		L->stream.failed = true;
		L->stream.next = L->stream.count;
		return NULL;
	}
	while (p < L->len && (L->text[p] == ' ' || L->text[p] == '\t' || L->text[p] == '\n' || L->text[p] == '\r' || L->text[p] == ','))
		p++;
	L->stream.pos = p;
	L->stream.next++;
	return v;
}

/* --- streaming: a window of the file at a time --- */

/* A big list is read 512 kB at a time and more is read when less than 64 kB is left; a file
 * up to 512 kB, SMALL_WINDOW at a time (fresh pages cost more than a few more reads: 0.1 ms
 * each on the CI machine), more read when an eighth of the window is left. */
enum { WINDOW = 512 * 1024, LOW_WATER = 64 * 1024, SMALL_WINDOW = 32 * 1024 };

/* Bytes left in the window below which the streamed reading reads more first. */
static size_t low_water(const ld *L)
{
	return L->cap / 8 < LOW_WATER ? L->cap / 8 : LOW_WATER;
}

/* Keeps text[keep..len) (moved to the front) and reads more of the file after it; a window
 * that is full from its start grows. Positions into text move down by keep. False when there
 * was nothing more to read. */
bool ld_refill(ld *L, size_t keep)
{
	if (L->eof)
		return false;
	memmove(L->text, L->text + keep, L->len - keep);
	L->len -= keep;
	L->stream.pos -= keep;
	L->text_off += keep;
	if (L->len == L->cap) {
		L->cap *= 2;
		L->text = xrealloc(L->text, L->cap + 1);
	}
	size_t before = L->len;
	while (L->len < L->cap) {
		ssize_t n = read(L->fd, L->text + L->len, L->cap - L->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			L->eof = true; /* a read error ends it too: the text is then cut, and refused */
			break;
		}
		L->len += (size_t)n;
	}
	L->text[L->len] = '\0';
	return L->len > before;
}

/* The streamed file could not be read this way, or holds a mistake: the caller reads it again
 * whole, to report it. */
static const cJSON *window_failed(ld *L)
{
	L->stream.failed = true;
	L->nerr++;
	return NULL;
}

/* After the list's ']' at text[p]: only '}' and white space may follow, to the end (only
 * white space after a bare list; the members after it first, with stream.tail). */
static bool window_tail(ld *L, size_t p)
{
	L->stream.pos = p + 1;
	int members = L->stream.tail ? ld_tail_members(L) : 0;
	if (members < 0)
		return false;
	bool closed = L->stream.bare || members > 0;
	do {
		for (p = L->stream.pos; p < L->len; p++) {
			char ch = L->text[p];
			if (ch == '}' && !closed)
				closed = true;
			else if (!b_is_ws((unsigned char)ch))
				return false;
		}
		L->stream.pos = L->len;
	} while (ld_refill(L, L->len));
	return closed;
}

/* The streamed list's next element, built in place of the one before: checked while it is
 * built (there was no jsonscan over the whole file). A read that stops at the window's end
 * reads more and builds the element again. */
static const cJSON *window_element(ld *L)
{
	ld_pool_reset(L->stream.pool);
	L->hint_obj = L->hint = NULL; /* the new tree reuses the old one's memory */
	if (L->stream.track) /* past the element before, while it is in the window */
		ld_track(L, L->text_off + L->stream.pos);
	for (;;) {
		if (L->len - L->stream.pos < low_water(L) && ld_refill(L, L->stream.pos))
			continue;
		size_t p = b16_skip_ws(L->text, L->stream.pos, L->len), fail_at;
		if (p < L->len && L->text[p] == ']')
			return window_tail(L, p) ? NULL : window_failed(L);
		if (L->stream.next > 0) { /* the ',' after the element before */
			if (p >= L->len && ld_refill(L, L->stream.pos))
				continue;
			if (p >= L->len || L->text[p] != ',')
				return window_failed(L);
			p = b16_skip_ws(L->text, p + 1, L->len);
		}
		for (; L->stream.nstop && p < L->len && L->text_off + p >= *L->stream.stop_at;
		     L->stream.stop_at++, L->stream.nstop--)
			if (L->text_off + p == *L->stream.stop_at) {
				L->stream.reached = true; /* from here on the list is another reader's */
				return NULL;
			} /* else it was inside an element: no cut there */
		size_t at = p;
		const cJSON *v = ld_tree_build(&L->stream.pool, L->text, L->len, &p, L->stream.depth, &fail_at);
		if (v) {
			if (L->stream.track) {
				L->stream.start = L->text_off + at;
				L->stream.end = L->text_off + p;
				ld_track(L, L->stream.start);
			}
			L->stream.pos = p;
			L->stream.next++;
			return v;
		}
		ld_pool_reset(L->stream.pool);
		if (fail_at + 8 < L->len || !ld_refill(L, L->stream.pos))
			return window_failed(L);
	}
}

int ld_window_open(ld *L, const char *path, diags *d, arena *a, size_t max)
{
	*L = (ld){.file = path, .d = d, .a = a, .quiet = true, .cap = WINDOW, .stream.depth = 3};
	L->fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	bool known = L->fd >= 0 && fstat(L->fd, &st) == 0 && S_ISREG(st.st_mode);
	if (known && (size_t)st.st_size > max) { /* ld_open says why */
		close(L->fd);
		L->fd = -1;
	}
	if (known && (size_t)st.st_size < L->cap) /* a small file: no fresh pages for nothing */
		L->cap = (size_t)st.st_size < SMALL_WINDOW ? (size_t)st.st_size + 1 : SMALL_WINDOW;
	L->text = xmalloc(L->cap + 1);
	L->text[0] = '\0';
	if (L->fd < 0)
		return -1;
	ld_refill(L, 0);
	return 0;
}

bool ld_window_prefix(ld *L, const char *key)
{
	cJSON *root = NULL;
	size_t pos, fail_at;
	while (!ld_tree_prefix(&L->pool, L->text, L->len, key, &root, &pos, &fail_at)) {
		ld_pool_free(L->pool);
		L->pool = NULL;
		if (fail_at + 8 < L->len || !ld_refill(L, 0))
			return false;
	}
	L->root = root;
	L->stream.node = cJSON_GetObjectItemCaseSensitive(root, key);
	L->stream.pos = pos;
	return true;
}

void ld_window_first(ld *L)
{
	if (L->len - L->stream.pos < low_water(L))
		ld_refill(L, 0);
	size_t first = b16_skip_ws(L->text, L->stream.pos, L->len);
	L->stream.count = first < L->len && L->text[first] != ']';
	L->stream.diags_before = L->d->n;
}

int ld_open_stream(ld *L, const char *path, diags *d, arena *a)
{
	if (ld_window_open(L, path, d, a, LD_MAX_CONTENT) != 0 || !ld_window_prefix(L, streamed_key))
		return -1;
	ld_window_first(L);
	return 0;
}

int ld_open_part(ld *L, const char *path, size_t at, diags *d)
{
	*L = (ld){.file = path, .d = d, .quiet = true, .cap = WINDOW, .text_off = at, .stream.depth = 3};
	L->fd = open(path, O_RDONLY | O_CLOEXEC);
	L->text = xmalloc(L->cap + 1);
	L->text[0] = '\0';
	if (L->fd < 0 || lseek(L->fd, (off_t)at, SEEK_SET) != (off_t)at)
		return -1;
	ld_refill(L, 0);
	L->root = ld_tree_parse(&L->pool, "[]", 2, 0, 0); /* the list, its elements streamed */
	L->stream.node = L->root;
	L->stream.count = 1;
	L->stream.diags_before = d->n;
	return 0;
}

const cJSON *ld_first(ld *L, const cJSON *arr)
{
	if (!arr || arr != L->stream.node)
		return arr ? arr->child : NULL;
	L->stream.next = 0;
	return L->fd >= 0 ? window_element(L) : stream_element(L);
}

const cJSON *ld_next(ld *L, const cJSON *arr, const cJSON *v)
{
	if (!arr || arr != L->stream.node)
		return v->next;
	return L->fd >= 0 ? window_element(L) : stream_element(L);
}
