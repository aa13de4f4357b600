/* content_list.c: a JSON file whose big part is one list, read a window at a time with every
 * note at its file:line:col (see ld_open_list in content_json.h): the shapes of an HSDS
 * publication, whatever its size. The window itself is content_read.c's; this file adds the
 * bare list, the members after the list, and the line and column of the element being read,
 * counted as the window passes (a note then needs only the element, not the file). */
#include <stdint.h>
#include <string.h>

#include "bytes8.h"
#include "content_json.h"

/* Moves line and column over the n bytes at s, as jsonscan_linecol counts them: a newline
 * starts a line, every other character (not byte) is a column. */
static void lc_move(const char *s, size_t n, int *line, int *col)
{
	const char *end = s + n, *after_nl = NULL;
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(end - p))); p++) {
		++*line;
		after_nl = p + 1;
	}
	if (after_nl) {
		*col = 1;
		s = after_nl;
	}
	const uint64_t high = UINT64_C(0x8080808080808080);
	for (; end - s >= 8; s += 8) { /* continuation bytes are 10xxxxxx: not a character */
		uint64_t v = b8_load(s);
		*col += 8 - __builtin_popcountll(v & ~(v << 1) & high);
	}
	for (; s < end; s++)
		*col += ((unsigned char)*s & 0xC0) != 0x80;
}

void ld_track(ld *L, size_t to)
{
	if (to <= L->stream.lc_at || L->stream.lc_at < L->text_off)
		return; /* not reached: the bytes from lc_at on stay in the window until then */
	lc_move(L->text + (L->stream.lc_at - L->text_off), to - L->stream.lc_at, &L->stream.line, &L->stream.col);
	L->stream.lc_at = to;
}

void ld_where(const ld *L, bool at_key, int *line, int *col)
{
	int n = L->depth < LD_MAX_PATH ? L->depth : LD_MAX_PATH, e = L->stream.steps;
	if (!L->stream.track) {
		size_t off = jsonscan_locate(L->text, L->len, L->path, n, at_key);
		jsonscan_linecol(L->text, L->len, off, line, col);
		return;
	}
	if (n < e || L->stream.end <= L->stream.start || L->stream.start < L->text_off) {
		*line = L->stream.root_line; /* about the file, not an element */
		*col = L->stream.root_col;
		return;
	}
	const char *s = L->text + (L->stream.start - L->text_off);
	size_t off = jsonscan_locate(s, L->stream.end - L->stream.start, L->path + e, n - e, at_key);
	*line = L->stream.line;
	*col = L->stream.col;
	lc_move(s, off, line, col);
}

/* Puts the members of `more` after root's. False when a key is in both: jsonscan_check judges
 * that (on the keys as written), when the file is read whole. */
static bool merge(cJSON *root, cJSON *more)
{
	for (const cJSON *k = more->child; k; k = k->next)
		for (const cJSON *r = root->child; r; r = r->next)
			if (strcmp(k->string, r->string) == 0)
				return false;
	cJSON *first = more->child;
	if (!first)
		return true;
	if (!root->child) {
		root->child = first;
	} else {
		cJSON *last = root->child->prev, *tail = first->prev;
		last->next = first;
		first->prev = last;
		root->child->prev = tail;
	}
	more->child = NULL;
	if (more->valueint != LD_KEYS_DISTINCT)
		root->valueint = 0;
	return true;
}

int ld_tail_members(ld *L)
{
	while (ld_refill(L, L->stream.pos)) /* the rest of the file: a few members, as a rule */
		;
	size_t p = b16_skip_ws(L->text, L->stream.pos, L->len);
	if (p >= L->len || L->text[p] != ',')
		return 0;
	size_t q = b16_skip_ws(L->text, p + 1, L->len);
	if (q >= L->len || L->text[q] != '"')
		return -1;
	L->text[p] = '{'; /* the members and the object's '}', read as an object of their own */
	cJSON *more = ld_tree_build(&L->pool, L->text, L->len, &p, 1, NULL);
	if (!more || !merge(L->root, more))
		return -1;
	L->stream.pos = p;
	return 1;
}

int ld_open_list(ld *L, const char *path, const char *key, diags *d, arena *a)
{
	if (ld_window_open(L, path, d, a, SIZE_MAX) != 0)
		return -1;
	size_t bom = L->len >= 3 && memcmp(L->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, p;
	while ((p = b16_skip_ws(L->text, bom, L->len)) >= L->len && ld_refill(L, 0))
		;
	if (p >= L->len)
		return -1;
	jsonscan_linecol(L->text, L->len, p, &L->stream.root_line, &L->stream.root_col);
	if (L->text[p] == '[') {
		L->root = ld_tree_parse(&L->pool, "[]", 2, 0, 0);
		L->stream.node = L->root;
		L->stream.pos = p + 1;
		L->stream.bare = true;
		L->stream.depth = 2;
		L->stream.steps = 1;
	} else if (ld_window_prefix(L, key)) {
		L->stream.tail = true;
		L->stream.steps = 2;
	} else {
		return -1;
	}
	ld_window_first(L);
	L->quiet = false;
	L->stream.track = true;
	L->stream.line = L->stream.col = 1;
	return 0;
}
