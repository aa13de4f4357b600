/* jsonw.c: JSON string escaping (see jsonw.h). Every control character is escaped, C1 too
 * (a terminal takes U+009B for CSI), and a byte that is no UTF-8 becomes U+FFFD: the output
 * is valid JSON in valid UTF-8 whatever the input. */
#include "jsonw.h"

#include <stdio.h>
#include <string.h>

#include "text.h"

void jsonw_str(strbuf *b, const char *s)
{
	if (!s) {
		sb_append(b, "null");
		return;
	}
	sb_appendc(b, '"');
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t plain = i; /* printable ASCII but '"' and '\\' goes as it is, a run at a time */
		while (plain < n && (unsigned char)s[plain] >= 0x20 && (unsigned char)s[plain] < 0x7F && s[plain] != '"' &&
		       s[plain] != '\\')
			plain++;
		if (plain > i) {
			sb_appendn(b, s + i, plain - i);
			i = plain;
			continue;
		}
		unsigned cp;
		size_t len = text_utf8_decode(s + i, n - i, &cp);
		if (cp == 0xFFFD && len == 1)
			sb_append(b, "\\ufffd");
		else if (cp == '"')
			sb_append(b, "\\\"");
		else if (cp == '\\')
			sb_append(b, "\\\\");
		else if (cp == '\n')
			sb_append(b, "\\n");
		else if (cp == '\t')
			sb_append(b, "\\t");
		else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			sb_printf(b, "\\u%04x", cp);
		else
			sb_appendn(b, s + i, len);
		i += len;
	}
	sb_appendc(b, '"');
}

void jsonw_key(strbuf *b, const char *key)
{
	jsonw_str(b, key);
	sb_appendc(b, ':');
}
