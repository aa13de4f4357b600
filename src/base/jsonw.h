/* jsonw.h: a minimal JSON writer for machine-readable output (questions --json,
 * suggest --json). Writes into a strbuf; the caller keeps commas and nesting in order. */
#ifndef INFOKAART_JSONW_H
#define INFOKAART_JSONW_H

#include "util.h"

void jsonw_str(strbuf *b, const char *s); /* a quoted, escaped string; NULL → null */
void jsonw_key(strbuf *b, const char *key); /* "key": */

#endif
