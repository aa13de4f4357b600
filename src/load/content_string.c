/* content_string.c: JSON strings for the tree builder (content_tree.c): checked exactly as
 * jsonscan checks them (valid UTF-8; no control character, DEL or C1, raw or escaped other than
 * \n and \t; escapes that exist; surrogates in pairs), then decoded. Most of a catalogue is the
 * text inside its strings: plain runs go sixteen bytes at a time. */
#include <string.h>

#include "bytes8.h"
#include "content_json.h"
#include "text.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The four hex digits at p (p + 4 <= len checked by the caller); -1 when one is not. */
static long hex4(const char *p)
{
	long v = 0;
	for (int i = 0; i < 4; i++) {
		int d = hex_digit(p[i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* Checks the escape whose backslash is at s[p]: \" \\ \/ \n \t, and \u with four hex digits
 * naming no control character, DEL or C1, a high surrogate only with its low one. (\b, \f
 * and \r are control characters too.) Returns the offset after it, or 0 with *fail_at set. */
static size_t escape_end(const char *s, size_t len, size_t p, size_t *fail_at)
{
	if (len - p < 2)
		return *fail_at = len, 0;
	char e = s[p + 1];
	if (e == '"' || e == '\\' || e == '/' || e == 'n' || e == 't')
		return p + 2;
	if (e != 'u')
		return *fail_at = p, 0;
	if (len - p < 6)
		return *fail_at = len, 0;
	long v = hex4(s + p + 2);
	if (v < 0 || (v < 0x20 && v != '\n' && v != '\t') || (v >= 0x7F && v <= 0x9F) || (v >= 0xDC00 && v <= 0xDFFF))
		return *fail_at = p, 0;
	if (v < 0xD800 || v > 0xDBFF)
		return p + 6;
	if (len - p < 12)
		return *fail_at = len, 0;
	long lo = s[p + 6] == '\\' && s[p + 7] == 'u' ? hex4(s + p + 8) : -1;
	if (lo < 0xDC00 || lo > 0xDFFF)
		return *fail_at = p, 0;
	return p + 12;
}

size_t ld_string_end(const char *s, size_t len, size_t open, bool *escaped, size_t *fail_at)
{
	size_t p = open + 1;
	*escaped = false;
	for (;;) {
		while (len - p >= 16) {
			int k = b16_string_special(s + p);
			p += (size_t)k;
			if (k < 16)
				break;
		}
		if (p >= len)
			return *fail_at = len, 0;
		unsigned char c = (unsigned char)s[p];
		if (c == '"')
			return p;
		if (c == '\\') {
			*escaped = true;
			if (!(p = escape_end(s, len, p, fail_at)))
				return 0;
		} else if (c < 0x80) {
			if (c < 0x20 || c == 0x7F)
				return *fail_at = p, 0;
			p++;
		} else if (c >= 0xC3 && c <= 0xDF && p + 1 < len && (s[p + 1] & 0xC0) == 0x80) {
			p += 2; /* U+00C0 to U+07FF, most accented letters: always valid */
		} else {
			unsigned cp;
			size_t n = text_utf8_decode(s + p, len - p, &cp);
			if ((cp == 0xFFFD && n == 1) || (cp >= 0x80 && cp <= 0x9F))
				return *fail_at = p, 0;
			p += n;
		}
	}
}

void ld_string_decode(const char *start, const char *end, char *out)
{
	char *o = out;
	for (const char *p = start; p < end;) {
		if (*p != '\\') {
			*o++ = *p++;
			continue;
		}
		char e = p[1];
		p += 2;
		if (e == 'u') {
			unsigned cp = (unsigned)hex4(p);
			p += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned)hex4(p + 2) - 0xDC00);
				p += 6;
			}
			o = text_utf8_put(o, cp);
		} else {
			*o++ = e == 'n' ? '\n' : e == 't' ? '\t' : e;
		}
	}
	*o = '\0';
}
