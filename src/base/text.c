/* text.c: UTF-8 for the screen and for search (see text.h). One strict decoder feeds
 * everything; columns come from wcwidth; nothing that could steer a terminal (ESC, C1, DEL,
 * broken sequences) survives text_sanitize or text_wrap. No curses here, and no allocation
 * per character: text_fold builds the search index over the whole catalogue. */
#include "text.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "bytes8.h"
#include "util.h"

enum { REPLACEMENT = 0xFFFD };
#define REPLACEMENT_UTF8 "\xEF\xBF\xBD"

/* Strict UTF-8 (RFC 3629): the allowed range of the second byte rules out overlongs
 * (C0, C1, E0 80-9F, F0 80-8F), surrogates (ED A0-BF) and code points past U+10FFFF
 * (F4 90-BF, F5-FF). Never reads past a byte that fails, so a NUL stops it. */
static size_t decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF, v;
	size_t len;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2, v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, v = c & 0x0F;
		lo = c == 0xE0 ? 0xA0 : 0x80;
		hi = c == 0xED ? 0x9F : 0xBF;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, v = c & 0x07;
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF;
	} else {
		goto bad;
	}
	if (n < len)
		goto bad;
	for (size_t i = 1; i < len; i++, lo = 0x80, hi = 0xBF) {
		if (s[i] < lo || s[i] > hi)
			goto bad;
		v = v << 6 | (s[i] & 0x3F);
	}
	*cp = v;
	return len;
bad:
	/* one byte at a time, so each bad byte becomes one U+FFFD */
	*cp = REPLACEMENT;
	return 1;
}

/* A real U+FFFD takes three bytes, so a one-byte U+FFFD can only be a decoding failure. */
static bool is_bad(unsigned cp, size_t len)
{
	return cp == REPLACEMENT && len == 1;
}

/* Decodes at p in a NUL-terminated string; strnlen keeps a truncated tail from being read
 * past its NUL. */
static size_t next_char(const char *p, unsigned *cp)
{
	return decode((const unsigned char *)p, strnlen(p, 4), cp);
}

static bool is_control(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* Columns of one code point as text_sanitize would leave it: controls become U+FFFD or a
 * space (both one column). */
static size_t cp_width(unsigned cp)
{
	if (cp < 0x7F)
		return 1;
	if (is_control(cp))
		return 1;
	int w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return (size_t)w;
	/* wcwidth knows nothing past ASCII in the C locale, nor unassigned code points; the
	 * terminal will still show something, so count a column (but keep accents at zero) */
	return cp >= 0x300 && cp <= 0x36F ? 0 : 1;
}

bool text_utf8_valid(const char *s, size_t n, size_t *bad_off)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		/* ASCII runs sixteen bytes at a time: a catalogue is mostly ASCII */
		while (n - i >= 16) {
			int k = b16_first((b16_flags)b16_load(s + i) < 0);
			i += (size_t)k;
			if (k < 16)
				break;
		}
		if (i == n)
			break;
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		unsigned cp;
		size_t len = decode(u + i, n - i, &cp);
		if (is_bad(cp, len)) {
			if (bad_off)
				*bad_off = i;
			return false;
		}
		i += len;
	}
	return true;
}

size_t text_utf8_decode(const char *s, size_t n, unsigned *cp)
{
	if (n == 0) {
		/* nothing to read: say so rather than step past the end */
		*cp = REPLACEMENT;
		return 0;
	}
	return decode((const unsigned char *)s, n, cp);
}

int text_width(const char *s)
{
	size_t w = 0;
	for (const char *p = s; *p;) {
		unsigned cp;
		p += next_char(p, &cp);
		w += cp_width(cp);
	}
	return w > INT_MAX ? INT_MAX : (int)w;
}

/* What to keep of the white space a terminal reads as layout. */
typedef enum { KEEP_NONE, KEEP_NEWLINES, KEEP_TABLE } keep_mode;

/* What text_sanitize puts in place of one character (next: the byte after it), or NULL to
 * keep its bytes. */
static const char *replacement_for(unsigned cp, size_t len, unsigned char next, keep_mode keep)
{
	if (cp == '\t')
		return keep == KEEP_TABLE ? NULL : " ";
	if (cp == '\n')
		return keep != KEEP_NONE ? NULL : " ";
	if (cp == '\r' && next == '\n' && keep == KEEP_TABLE) /* a CSV line end; a lone CR
								 * would overwrite the line */
		return NULL;
	if (is_control(cp) || is_bad(cp, len))
		return REPLACEMENT_UTF8;
	return NULL;
}

static char *sanitize(const char *s, keep_mode keep)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), kept = 0; /* s[kept..i) is safe and not yet copied */
	strbuf b = {0};
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = decode(u + i, n - i, &cp);
		const char *rep = replacement_for(cp, len, u[i + len], keep);
		if (rep) {
			sb_appendn(&b, s + kept, i - kept);
			sb_append(&b, rep);
			kept = i + len;
		}
		i += len;
	}
	sb_appendn(&b, s + kept, n - kept);
	return sb_take(&b);
}

char *text_sanitize(const char *s, bool keep_newlines)
{
	return sanitize(s, keep_newlines ? KEEP_NEWLINES : KEEP_NONE);
}

char *text_sanitize_table(const char *s)
{
	return sanitize(s, KEEP_TABLE);
}

/* The lines built so far and the one being filled. */
struct wrap {
	char **lines;
	int n, cap;
	strbuf line;    /* the current line */
	size_t line_w;  /* its width in columns */
	size_t width;   /* the limit, >= 1 */
	size_t indent;  /* the paragraph's leading spaces, repeated on each line it wraps onto */
};

static void emit_line(struct wrap *w)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 8;
		w->lines = xrealloc(w->lines, (size_t)w->cap * sizeof *w->lines);
	}
	w->lines[w->n++] = sb_take(&w->line);
	w->line_w = 0;
}

/* Ends a line inside a paragraph: the next starts with the paragraph's indent. */
static void break_line(struct wrap *w)
{
	emit_line(w);
	for (size_t k = 0; k < w->indent; k++)
		sb_appendc(&w->line, ' ');
	w->line_w = w->indent;
}

static size_t span_width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		i += decode((const unsigned char *)s + i, n - i, &cp);
		w += cp_width(cp);
	}
	return w;
}

/* A word wider than the line, cut between characters. Zero-width marks always fit, so they
 * stay with their letter. A character wider than the whole line (a CJK one at width 1) goes
 * on a line of its own rather than being lost. The tail stays open for the next word. */
static void break_word(struct wrap *w, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = decode((const unsigned char *)s + i, n - i, &cp);
		size_t cw = cp_width(cp);
		if (w->line_w + cw > w->width && w->line.len > w->indent)
			break_line(w);
		sb_appendn(&w->line, s + i, len);
		w->line_w += cw;
		i += len;
	}
}

/* Places one word and the spaces before it (gap, contiguous with the word). The spaces are
 * kept inside a line, dropped at a break. */
static void place_word(struct wrap *w, const char *gap, size_t gap_len, size_t word_len)
{
	const char *word = gap + gap_len;
	size_t ww = span_width(word, word_len);
	if (w->line_w + gap_len + ww <= w->width) {
		sb_appendn(&w->line, gap, gap_len + word_len);
		w->line_w += gap_len + ww;
		return;
	}
	if (w->line.len > w->indent) /* more on it than the indent */
		break_line(w);
	if (w->line_w + ww <= w->width) {
		sb_appendn(&w->line, word, word_len);
		w->line_w += ww;
	} else {
		break_word(w, word, word_len);
	}
}

/* One paragraph: s[0..n) is sanitized and holds no '\n', so ' ' is the only blank. Always
 * ends with a line, so an empty paragraph still takes one. */
static void wrap_paragraph(struct wrap *w, const char *s, size_t n)
{
	size_t i = 0, lead = strspn(s, " ");
	w->indent = lead < n && lead * 2 < w->width ? lead : 0;
	if (w->indent) { /* the first line as the others: its indent is not a gap to drop */
		sb_appendn(&w->line, s, w->indent);
		w->line_w = w->indent;
		i = w->indent;
	}
	for (;;) {
		size_t gap = i;
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break; /* trailing spaces would only pad the line */
		const char *sp = memchr(s + i, ' ', n - i);
		size_t end = sp ? (size_t)(sp - s) : n;
		place_word(w, s + gap, i - gap, end - i);
		i = end;
	}
	emit_line(w);
}

char **text_wrap(const char *s, int width, int *nlines)
{
	struct wrap w = {.width = width < 1 ? 1 : (size_t)width};
	char *clean = text_sanitize(s, true);
	for (const char *p = clean;;) {
		const char *nl = strchr(p, '\n');
		wrap_paragraph(&w, p, nl ? (size_t)(nl - p) : strlen(p));
		if (!nl)
			break;
		p = nl + 1;
	}
	free(clean);
	if (nlines)
		*nlines = w.n;
	return w.lines;
}

void text_lines_free(char **lines, int n)
{
	if (!lines)
		return;
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

size_t text_fit(const char *s, int width)
{
	size_t limit = width > 0 ? (size_t)width : 0, used = 0;
	const char *p = s;
	while (*p) {
		unsigned cp;
		size_t len = next_char(p, &cp);
		size_t cw = cp_width(cp);
		if (used + cw > limit)
			break;
		used += cw;
		p += len;
	}
	return (size_t)(p - s);
}

/* ASCII folds of U+00C0..U+017F, lower case; "" where there is none (× and ÷). Letters
 * with a diacritic lose it; ligatures and the like are spelt out (Ĳ "ij", ß "ss", Þ "th"). */
static const char latin_fold[0x180 - 0xC0][3] = {
	/* C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* D0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	/* E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* F0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
	/* 100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* 110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* 120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* 130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	/* 140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* 150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* 160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* 170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

char *text_utf8_put(char *o, unsigned cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xC0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xE0 | cp >> 12);
		*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (char)(0xF0 | cp >> 18);
		*o++ = (char)(0x80 | (cp >> 12 & 0x3F));
		*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	}
	return o;
}

/* Controls count as blanks too: they only ever separate words in catalogue text. glibc's
 * iswspace leaves out the no-break spaces, which do separate words. */
static bool is_fold_space(unsigned cp)
{
	return cp == ' ' || is_control(cp) || cp == 0xA0 || cp == 0x2007 || cp == 0x202F ||
	       (cp > 0x7F && iswspace((wint_t)cp));
}

/* Writes the fold of one non-blank, non-ASCII character. */
static char *fold_char(char *o, unsigned cp)
{
	if (cp >= 0xC0 && cp < 0x180 && latin_fold[cp - 0xC0][0]) {
		const char *f = latin_fold[cp - 0xC0];
		*o++ = f[0];
		if (f[1])
			*o++ = f[1];
		return o;
	}
	wint_t lc = towlower((wint_t)cp);
	return text_utf8_put(o, lc <= 0x10FFFF ? (unsigned)lc : cp);
}

/* Folds eight bytes of printable ASCII at once: capitals become small, a single space is kept
 * (a last one stays pending, as the next byte decides). Returns false, changing nothing, for
 * anything else: other bytes, two spaces in a row, a space where a blank is pending or where
 * nothing was written yet. */
static bool fold8(const char *p, char **o, bool *blank, bool at_start)
{
	uint64_t v = b8_load(p);
	if (b8_below(v, 0x20) | b8_high(v) | b8_eq(v, 0x7F))
		return false;
	uint64_t x = v ^ B8_ONES * ' '; /* bytes below 0x80, so this zero test is exact: */
	uint64_t sp = ~(((x & ~B8_HIGH) + ~B8_HIGH) | x) & B8_HIGH;
	if ((sp & sp << 8) || ((sp & 0x80) && (*blank || at_start)))
		return false;
	uint64_t upper = (v + B8_ONES * (0x80 - 'A')) & ~(v + B8_ONES * (0x80 - 'Z' - 1)) & B8_HIGH;
	if (*blank && !at_start)
		*(*o)++ = ' ';
	b8_store(*o, v | upper >> 2); /* 'A' | 0x20 == 'a' */
	*blank = sp >> 56 != 0;
	*o += *blank ? 7 : 8;
	return true;
}

size_t text_fold_into(char *out, const char *s, size_t n)
{
	char *o = out;
	const char *p = s, *end = s + n, *slow_until = s;
	bool blank = false; /* a blank is pending: written only before a following character */
	while (p < end) {
		if (p >= slow_until && end - p >= 8) {
			if (fold8(p, &o, &blank, o == out)) {
				p += 8;
				continue;
			}
			slow_until = p + 8; /* one character at a time for a while */
		}
		unsigned char c = (unsigned char)*p;
		unsigned cp = c;
		if (c > ' ' && c < 0x7F) {
			p++; /* the common case, without decoding */
		} else {
			p += decode((const unsigned char *)p, (size_t)(end - p), &cp);
			if (is_fold_space(cp)) {
				blank = true;
				continue;
			}
			if (cp >= 0x300 && cp <= 0x36F)
				continue; /* combining accent: "e\u0301" folds like "é" */
		}
		if (blank && o > out)
			*o++ = ' ';
		blank = false;
		if (cp < 0x80)
			*o++ = (char)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
		else
			o = fold_char(o, cp);
	}
	*o = '\0';
	return (size_t)(o - out);
}

char *text_fold(const char *s)
{
	/* One buffer of the worst case: a bad byte grows to U+FFFD (3 bytes); any other
	 * character yields at most 2 bytes per byte read (a folded ASCII letter, or a lower case
	 * of at most 4 bytes from at least 2). Shrunk to fit at the end. */
	size_t n = strlen(s);
	char *out = xmalloc(n * 3 + 1);
	return xrealloc(out, text_fold_into(out, s, n) + 1);
}
