/* jsonw.c: JSON string escaping (see jsonw.h). */
#include "jsonw.h"

#include <stdio.h>

void jsonw_str(strbuf *b, const char *s)
{
	if (!s) {
		sb_append(b, "null");
		return;
	}
	sb_appendc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': sb_append(b, "\\\""); break;
		case '\\': sb_append(b, "\\\\"); break;
		case '\n': sb_append(b, "\\n"); break;
		case '\t': sb_append(b, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				sb_printf(b, "\\u%04x", *p);
			else
				sb_appendc(b, (char)*p);
		}
	}
	sb_appendc(b, '"');
}

void jsonw_key(strbuf *b, const char *key)
{
	jsonw_str(b, key);
	sb_appendc(b, ':');
}
