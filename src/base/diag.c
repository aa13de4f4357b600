/* diag.c: the list of located problems (see diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "text.h"
#include "util.h"

void diags_add(diags *d, const char *file, int line, int col, const char *fmt, ...)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = xrealloc(d->v, (size_t)d->cap * sizeof *d->v);
	}
	strbuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	/* One line, safe to print: a message may quote a key or value from the input, which can
	 * hold "\n" or broken UTF-8 (found by tests/fuzz). */
	char *raw = sb_take(&b);
	d->v[d->n++] = (diag){file ? xstrdup(file) : NULL, line, col, text_sanitize(raw, false)};
	free(raw);
}

void diags_print(const diags *d, FILE *f)
{
	for (int i = 0; i < d->n; i++) {
		const diag *e = &d->v[i];
		/* A message may quote the file (a catalogue from the server): no escape sequence. */
		char *msg = text_sanitize(e->msg, false);
		if (e->file && e->line)
			fprintf(f, "%s:%d:%d: %s\n", e->file, e->line, e->col, msg);
		else if (e->file)
			fprintf(f, "%s: %s\n", e->file, msg);
		else
			fprintf(f, "%s\n", msg);
		free(msg);
	}
}

void diags_truncate(diags *d, int n)
{
	for (int i = n; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	if (n < d->n)
		d->n = n;
}

void diags_free(diags *d)
{
	diags_truncate(d, 0);
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}
