/* text_input.c: text as it comes in from a person (a terminal, a line of --plain, a setting)
 * made into valid UTF-8 before anything keeps it (see text.h). */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "util.h"

size_t text_utf8_encode(unsigned cp, char out[4])
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* s[0..n) decoded with the locale's character set (LC_CTYPE), encoded as UTF-8; NULL when a
 * byte sequence means nothing in that character set. */
static char *from_locale(const char *s, size_t n)
{
	strbuf b = {0};
	mbstate_t st = {0};
	while (n > 0) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, n, &st);
		char mb[4];
		size_t m = k == (size_t)-1 || k == (size_t)-2 || k == 0 ? 0 : text_utf8_encode((unsigned)wc, mb);
		if (!m) {
			sb_free(&b);
			return NULL;
		}
		sb_appendn(&b, mb, m);
		s += k;
		n -= k;
	}
	return sb_take(&b);
}

char *text_from_input(const char *s, size_t n)
{
	if (memchr(s, '\0', n))
		return NULL;
	if (text_utf8_valid(s, n, NULL))
		return xstrndup(s, n);
	return from_locale(s, n);
}
