/* jsonscan.c: strict JSON syntax check with positions, and path-to-position lookup (see
 * jsonscan.h). Recursive descent, bounded by JSONSCAN_MAX_DEPTH. */
#include "jsonscan.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bytes8.h"
#include "text.h"
#include "util.h"
#include "i18n.h"

typedef struct {
	const char *s;
	size_t len, pos;
	const char *file;
	diags *d;
	int nerr;
	bool fatal;
	bool want_top;        /* record the members of the top-level object: */
	jsonscan_member *top; /* here (malloc'd) */
	int ntop, captop;
	int count; /* elements of the array scanned last */
} scanner;

static void report(scanner *sc, size_t off, const char *msg, const char *arg)
{
	int line, col;
	jsonscan_linecol(sc->s, sc->len, off, &line, &col);
	if (arg)
		diags_add(sc->d, sc->file, line, col, "%s '%s'", msg, arg);
	else
		diags_add(sc->d, sc->file, line, col, "%s", msg);
	sc->nerr++;
}

static void fail(scanner *sc, size_t off, const char *msg)
{
	if (!sc->fatal)
		report(sc, off, msg, NULL);
	sc->fatal = true;
}

static void skip_ws(scanner *sc)
{
	sc->pos = b16_skip_ws(sc->s, sc->pos, sc->len);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Scans a string starting at the opening quote. Sets *start and *end to the raw bytes between
 * the quotes (escapes not decoded). Plain runs go sixteen bytes at a time: most of a catalogue
 * is the text inside its strings. */
static void scan_string(scanner *sc, size_t *start, size_t *end)
{
	size_t open = sc->pos++;
	*start = sc->pos;
	while (sc->pos < sc->len) {
		while (sc->len - sc->pos >= 16) {
			int k = b16_string_special(sc->s + sc->pos);
			sc->pos += (size_t)k;
			if (k < 16)
				break;
		}
		if (sc->pos >= sc->len)
			break;
		unsigned char c = (unsigned char)sc->s[sc->pos];
		if (c == '"') {
			*end = sc->pos++;
			return;
		}
		if (c < 0x20) {
			report(sc, sc->pos, c == '\n' ? _("een tekst loopt door na het einde van de regel (\" ontbreekt)")
						      : _("stuurteken in een tekst"), NULL);
			if (c == '\n') {
				sc->fatal = true;
				return;
			}
			sc->pos++;
		} else if (c == '\\') {
			size_t esc = sc->pos++;
			char e = sc->pos < sc->len ? sc->s[sc->pos] : 0;
			if (e == 'u') {
				unsigned v = 0;
				for (int i = 1; i <= 4; i++) {
					int h = sc->pos + i < sc->len ? hexval(sc->s[sc->pos + i]) : -1;
					if (h < 0)
						{ fail(sc, esc, _("foute \\u-escape: vier hexadecimale cijfers verwacht")); return; }
					v = v * 16 + (unsigned)h;
				}
				sc->pos += 5;
				/* C1 and DEL too: "\u009b" is CSI, as raw bytes are refused below */
				if ((v < 0x20 && v != '\n' && v != '\t') || (v >= 0x7F && v <= 0x9F))
					report(sc, esc, _("stuurteken als escape in een tekst"), NULL);
				if (v >= 0xD800 && v <= 0xDBFF) {
					/* a high surrogate needs its low partner */
					unsigned lo = 0;
					bool ok = sc->pos + 6 <= sc->len && sc->s[sc->pos] == '\\' && sc->s[sc->pos + 1] == 'u';
					for (int i = 2; ok && i < 6; i++) {
						int h = hexval(sc->s[sc->pos + i]);
						ok = h >= 0;
						lo = lo * 16 + (unsigned)(h < 0 ? 0 : h);
					}
					if (!ok || lo < 0xDC00 || lo > 0xDFFF)
						report(sc, esc, _("losse surrogaat in \\u-escape"), NULL);
					else
						sc->pos += 6;
				} else if (v >= 0xDC00 && v <= 0xDFFF) {
					report(sc, esc, _("losse surrogaat in \\u-escape"), NULL);
				}
			} else if (e && strchr("\"\\/bfnrt", e)) {
				if (e == 'b' || e == 'f' || e == 'r')
					report(sc, esc, _("stuurteken als escape in een tekst"), NULL);
				sc->pos++;
			} else {
				{ fail(sc, esc, _("foute escape in een tekst")); return; }
			}
		} else if (c == 0x7F) {
			report(sc, sc->pos, _("stuurteken in een tekst"), NULL);
			sc->pos++;
		} else if (c < 0x80) {
			sc->pos++;
		} else {
			unsigned cp;
			size_t n = text_utf8_decode(sc->s + sc->pos, sc->len - sc->pos, &cp);
			if (cp == 0xFFFD && !text_utf8_valid(sc->s + sc->pos, n, NULL))
				report(sc, sc->pos, _("ongeldige UTF-8 in een tekst"), NULL);
			else if (cp >= 0x80 && cp <= 0x9F)
				report(sc, sc->pos, _("stuurteken in een tekst"), NULL);
			sc->pos += n;
		}
	}
	fail(sc, open, _("tekst niet afgesloten (\" ontbreekt)"));
}

static void scan_value(scanner *sc, int depth);

typedef jsonscan_span span;

static int span_cmp(const void *a, const void *b, void *text)
{
	const span *x = a, *y = b;
	const char *span_text = text;
	size_t lx = x->end - x->start, ly = y->end - y->start;
	int c = memcmp(span_text + x->start, span_text + y->start, lx < ly ? lx : ly);
	if (c)
		return c;
	if (lx != ly)
		return lx < ly ? -1 : 1;
	return x->start < y->start ? -1 : 1;
}

/* A hash of raw key bytes, eight at a time. */
static uint64_t key_hash(const char *p, size_t n)
{
	const uint64_t k = UINT64_C(0x9E3779B97F4A7C15);
	uint64_t h = n * k, w;
	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, p, n);
	h = (h ^ w) * k;
	return h ^ h >> 32;
}

static bool same_key(const char *s, span a, span b)
{
	size_t l = a.end - a.start;
	return l == b.end - b.start && memcmp(s + a.start, s + b.start, l) == 0;
}

/* Whether any two of the n keys are equal: pairwise for a few keys, else through a small hash
 * table. Most objects have none, and this is much cheaper than the sort below. */
static bool any_duplicate(const char *s, const span *keys, int n)
{
	if (n <= 4) {
		for (int i = 1; i < n; i++)
			for (int j = 0; j < i; j++)
				if (same_key(s, keys[i], keys[j]))
					return true;
		return false;
	}
	if (n > 64)
		return true; /* let the sort decide */
	uint8_t slot[128] = {0}; /* key index + 1 */
	uint64_t hash[64];
	for (int i = 0; i < n; i++) {
		hash[i] = key_hash(s + keys[i].start, keys[i].end - keys[i].start);
		for (unsigned j = (unsigned)hash[i] & 127;; j = (j + 1) & 127) {
			if (!slot[j]) {
				slot[j] = (uint8_t)(i + 1);
				break;
			}
			int k = slot[j] - 1;
			if (hash[k] == hash[i] && same_key(s, keys[i], keys[k]))
				return true;
		}
	}
	return false;
}

/* Reports duplicate keys: sorts the key spans so equal keys sit side by side. Keys are
 * compared as raw bytes, which catches every duplicate written the same way. */
static void check_duplicates(scanner *sc, span *keys, int n)
{
	if (n < 2 || !any_duplicate(sc->s, keys, n))
		return;
	qsort_r(keys, (size_t)n, sizeof *keys, span_cmp, (void *)sc->s);
	for (int i = 1; i < n; i++) {
		size_t l = keys[i].end - keys[i].start;
		if (l == keys[i - 1].end - keys[i - 1].start &&
		    memcmp(sc->s + keys[i].start, sc->s + keys[i - 1].start, l) == 0) {
			char *k = xstrndup(sc->s + keys[i].start, l < 60 ? l : 60);
			report(sc, keys[i].start - 1, _("dubbele sleutel"), k);
			free(k);
		}
	}
}

bool jsonscan_keys_distinct(const char *text, jsonscan_span *keys, int n)
{
	if (n < 2 || !any_duplicate(text, keys, n))
		return true;
	qsort_r(keys, (size_t)n, sizeof *keys, span_cmp, (void *)text);
	for (int i = 1; i < n; i++)
		if (same_key(text, keys[i], keys[i - 1]))
			return false;
	return true;
}

/* Notes one member of the top-level object for jsonscan_check_top. */
static void note_member(scanner *sc, span k, size_t value, int count)
{
	if (sc->ntop == sc->captop) {
		sc->captop = sc->captop ? sc->captop * 2 : 8;
		sc->top = xrealloc(sc->top, (size_t)sc->captop * sizeof *sc->top);
	}
	sc->top[sc->ntop++] = (jsonscan_member){k.start, k.end, value, sc->pos, count};
}

static void scan_object(scanner *sc, int depth)
{
	span small[32], *keys = small;
	int n = 0, cap = 32;
	sc->pos++; /* { */
	skip_ws(sc);
	if (sc->pos < sc->len && sc->s[sc->pos] == '}') {
		sc->pos++;
		return;
	}
	while (!sc->fatal) {
		skip_ws(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] != '"') {
			fail(sc, sc->pos, _("sleutel van een object verwacht (een tekst tussen dubbele aanhalingstekens)"));
			break;
		}
		span k;
		scan_string(sc, &k.start, &k.end);
		if (sc->fatal)
			break;
		if (n == cap) {
			cap *= 2;
			if (keys == small) {
				keys = xmalloc((size_t)cap * sizeof *keys);
				memcpy(keys, small, sizeof small);
			} else {
				keys = xrealloc(keys, (size_t)cap * sizeof *keys);
			}
		}
		keys[n++] = k;
		skip_ws(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] != ':') {
			fail(sc, sc->pos, _("':' verwacht na een sleutel"));
			break;
		}
		sc->pos++;
		skip_ws(sc);
		size_t value = sc->pos;
		sc->count = 0;
		scan_value(sc, depth + 1);
		if (depth == 1 && sc->want_top && !sc->fatal)
			note_member(sc, k, value, sc->s[value] == '[' ? sc->count : 0);
		skip_ws(sc);
		if (sc->fatal)
			break;
		if (sc->pos < sc->len && sc->s[sc->pos] == ',') {
			sc->pos++;
			skip_ws(sc);
			if (sc->pos < sc->len && sc->s[sc->pos] == '}')
				fail(sc, sc->pos, _("komma voor '}' te veel"));
			continue;
		}
		if (sc->pos < sc->len && sc->s[sc->pos] == '}') {
			sc->pos++;
			break;
		}
		fail(sc, sc->pos, _("',' of '}' verwacht in een object"));
	}
	if (!sc->fatal)
		check_duplicates(sc, keys, n);
	if (keys != small)
		free(keys);
}

static void scan_array(scanner *sc, int depth)
{
	int n = 0;
	sc->pos++; /* [ */
	skip_ws(sc);
	if (sc->pos < sc->len && sc->s[sc->pos] == ']') {
		sc->pos++;
		sc->count = 0;
		return;
	}
	while (!sc->fatal) {
		scan_value(sc, depth + 1);
		n++;
		skip_ws(sc);
		if (sc->fatal)
			return;
		if (sc->pos < sc->len && sc->s[sc->pos] == ',') {
			sc->pos++;
			skip_ws(sc);
			if (sc->pos < sc->len && sc->s[sc->pos] == ']')
				fail(sc, sc->pos, _("komma voor ']' te veel"));
			continue;
		}
		if (sc->pos < sc->len && sc->s[sc->pos] == ']') {
			sc->pos++;
			sc->count = n;
			return;
		}
		fail(sc, sc->pos, _("',' of ']' verwacht in een lijst"));
	}
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void scan_number(scanner *sc)
{
	size_t p = sc->pos, start = p;
	if (p < sc->len && sc->s[p] == '-')
		p++;
	if (p < sc->len && sc->s[p] == '0') {
		p++;
	} else if (p < sc->len && is_digit(sc->s[p])) {
		while (p < sc->len && is_digit(sc->s[p]))
			p++;
	} else {
		{ fail(sc, start, _("een waarde verwacht (tekst, getal, object, lijst, true, false of null)")); return; }
	}
	if (p < sc->len && sc->s[p] == '.') {
		p++;
		if (p >= sc->len || !is_digit(sc->s[p]))
			{ fail(sc, start, _("fout getal: cijfers verwacht na '.'")); return; }
		while (p < sc->len && is_digit(sc->s[p]))
			p++;
	}
	if (p < sc->len && (sc->s[p] == 'e' || sc->s[p] == 'E')) {
		p++;
		if (p < sc->len && (sc->s[p] == '+' || sc->s[p] == '-'))
			p++;
		if (p >= sc->len || !is_digit(sc->s[p]))
			{ fail(sc, start, _("fout getal: cijfers verwacht in de exponent")); return; }
		while (p < sc->len && is_digit(sc->s[p]))
			p++;
	}
	sc->pos = p;
}

static void scan_value(scanner *sc, int depth)
{
	skip_ws(sc);
	if (sc->pos >= sc->len)
		{ fail(sc, sc->pos, _("onverwacht einde van het bestand: een waarde verwacht")); return; }
	if (depth > JSONSCAN_MAX_DEPTH)
		{ fail(sc, sc->pos, _("te diep genest")); return; }
	char c = sc->s[sc->pos];
	size_t a, b;
	switch (c) {
	case '{':
		scan_object(sc, depth);
		return;
	case '[':
		scan_array(sc, depth);
		return;
	case '"':
		scan_string(sc, &a, &b);
		return;
	case 't':
	case 'f':
	case 'n': {
		const char *w = c == 't' ? "true" : c == 'f' ? "false" : "null";
		size_t l = strlen(w);
		if (sc->len - sc->pos >= l && memcmp(sc->s + sc->pos, w, l) == 0) {
			sc->pos += l;
			return;
		}
		{ fail(sc, sc->pos, _("een waarde verwacht (tekst, getal, object, lijst, true, false of null)")); return; }
	}
	default:
		scan_number(sc);
		return;
	}
}

int jsonscan_check(const char *text, size_t len, const char *file, diags *d)
{
	jsonscan_member *m = NULL;
	int n = 0, r = jsonscan_check_top(text, len, file, d, &m, &n);
	free(m);
	return r;
}

int jsonscan_check_top(const char *text, size_t len, const char *file, diags *d, jsonscan_member **members, int *nmembers)
{
	scanner sc = {.s = text, .len = len, .file = file, .d = d, .want_top = true};
	*members = NULL;
	*nmembers = 0;
	size_t bad;
	if (!text_utf8_valid(text, len, &bad)) {
		report(&sc, bad, _("ongeldige UTF-8"), NULL);
		return sc.nerr;
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		sc.pos = 3; /* tolerate a byte order mark, as editors write one */
	scan_value(&sc, 1);
	skip_ws(&sc);
	if (!sc.fatal && sc.pos < len)
		report(&sc, sc.pos, _("onverwachte tekst na het einde van de JSON-waarde"), NULL);
	*members = sc.top;
	*nmembers = sc.ntop;
	return sc.nerr;
}

/* Skips one value (text is known to be valid) and returns the offset after it. */
static size_t skip_value(const char *s, size_t len, size_t p)
{
	scanner sc = {.s = s, .len = len, .pos = p};
	diags quiet = {0};
	sc.d = &quiet;
	scan_value(&sc, 1);
	diags_free(&quiet);
	return sc.pos;
}

static size_t skip_ws_at(const char *s, size_t len, size_t p)
{
	while (p < len && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
		p++;
	return p;
}

/* Compares the raw key at s[p] (after the quote) with `key` (keys with escapes never match,
 * which only makes the position less precise). */
static bool key_is(const char *s, size_t len, size_t p, const char *key)
{
	size_t l = strlen(key);
	return p + l < len && memcmp(s + p, key, l) == 0 && s[p + l] == '"';
}

size_t jsonscan_locate(const char *s, size_t len, const jsonpath_step *path, int n, int want_key)
{
	size_t p = skip_ws_at(s, len, 0);
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		p = skip_ws_at(s, len, 3);
	for (int i = 0; i < n; i++) {
		if (p >= len)
			return len;
		size_t found = (size_t)-1, keypos = 0;
		if (path[i].key && s[p] == '{') {
			size_t q = skip_ws_at(s, len, p + 1);
			while (q < len && s[q] == '"') {
				size_t k = q;
				bool match = key_is(s, len, q + 1, path[i].key);
				q = skip_value(s, len, q);
				q = skip_ws_at(s, len, q) + 1; /* ':' */
				q = skip_ws_at(s, len, q);
				if (match) {
					found = q;
					keypos = k;
					break;
				}
				q = skip_ws_at(s, len, skip_value(s, len, q));
				if (q < len && s[q] == ',')
					q = skip_ws_at(s, len, q + 1);
			}
		} else if (!path[i].key && s[p] == '[') {
			size_t q = skip_ws_at(s, len, p + 1);
			for (int j = 0; q < len && s[q] != ']'; j++) {
				if (j == path[i].index) {
					found = q;
					break;
				}
				q = skip_ws_at(s, len, skip_value(s, len, q));
				if (q < len && s[q] == ',')
					q = skip_ws_at(s, len, q + 1);
			}
		}
		if (found == (size_t)-1)
			return p;
		if (want_key && i == n - 1 && path[i].key)
			return keypos;
		p = found;
	}
	return p;
}

void jsonscan_linecol(const char *s, size_t len, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++; /* count characters, not bytes */
		}
	}
	*line = l;
	*col = c;
}
