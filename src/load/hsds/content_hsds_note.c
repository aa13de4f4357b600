/* content_hsds_note.c: the import's report and the small helpers the other files share (see
 * content_hsds_internal.h). A note names its place: file:line:col in JSON (through ld_err), the
 * row and column of the table a part came from in a tabular package. Notes are in the language
 * of the run, like every other message. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_hsds_internal.h"
#include "i18n.h"
#include "text.h"

void hsds_vec_push(hsds_vec *x, const void *p)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 8;
		x->v = xrealloc(x->v, (size_t)x->cap * sizeof *x->v);
	}
	x->v[x->n++] = p;
}

const cJSON *hsds_get(const cJSON *obj, const char *key)
{
	return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

const char *hsds_str(const cJSON *obj, const char *key)
{
	const cJSON *v = hsds_get(obj, key);
	return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

bool hsds_present(const cJSON *v)
{
	if (!v || cJSON_IsNull(v))
		return false;
	if (cJSON_IsString(v))
		return v->valuestring[0] != '\0';
	if (cJSON_IsArray(v) || cJSON_IsObject(v))
		return v->child != NULL;
	return true;
}

/* A copy with tabs (and, on one line, newlines) made spaces and the ends trimmed. */
const char *hsds_clean(hsds_imp *m, const char *s, bool one_line)
{
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (!n)
		return NULL;
	char *t = arena_strndup(m->a, s, n);
	for (char *p = t; *p; p++)
		if (*p == '\t' || *p == '\r' || (one_line && *p == '\n'))
			*p = ' ';
	return t;
}

const char *hsds_line(hsds_imp *m, const char *s)
{
	return hsds_clean(m, s, true);
}

const char *hsds_snip(hsds_imp *m, const char *s, size_t max)
{
	if (!s)
		return "";
	strbuf b = {0};
	size_t n = strlen(s), i = 0;
	while (i < n) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);
		if (i + k > max) {
			sb_append(&b, "…");
			break;
		}
		if (cp < 0x20 || cp == 0x7f)
			sb_appendc(&b, ' ');
		else
			sb_appendn(&b, s + i, k);
		i += k;
	}
	const char *out = arena_strdup(m->a, b.s ? b.s : "");
	sb_free(&b);
	return out;
}

/* The path of the value at the top of L's stack, as ld_err writes it ("a.b[2].c"). */
static void path_text(const ld *L, strbuf *p)
{
	int n = L->depth < LD_MAX_PATH ? L->depth : LD_MAX_PATH;
	for (int i = 0; i < n; i++) {
		if (L->path[i].key)
			sb_printf(p, "%s%s", i ? "." : "", L->path[i].key);
		else
			sb_printf(p, "[%d]", L->path[i].index);
	}
}

/* A note in a tabular package: at the row the deepest known part of the path came from, and
 * at the column of the field the path then names (else the row's first). */
static void table_note(hsds_imp *m, const char *msg)
{
	strbuf p = {0};
	path_text(m->L, &p);
	const char *path = p.s ? p.s : "";
	const hsds_place *best = NULL;
	size_t best_len = 0;
	for (int i = 0; i < m->nplaces; i++) {
		size_t k = strlen(m->places[i].path);
		if ((!best || k > best_len) && strncmp(path, m->places[i].path, k) == 0 &&
		    (path[k] == '\0' || path[k] == '.' || path[k] == '[' || k == 0)) {
			best = &m->places[i];
			best_len = k;
		}
	}
	if (!best) { /* every service has its row: not reached */
		diags_add(m->L->d, m->L->file, 0, 0, "%s%s%s", path, *path ? ": " : "", msg);
		sb_free(&p);
		return;
	}
	const csv_table *t = best->table;
	int line = t->rows[best->row].line, col = 1;
	const char *rest = path + best_len + (path[best_len] == '.');
	char key[64];
	size_t kn = strcspn(rest, ".[");
	if (kn && kn < sizeof key) {
		memcpy(key, rest, kn);
		key[kn] = '\0';
		int c = csv_column(t, key);
		if (c >= 0) {
			line = t->rows[best->row].f[c].line;
			col = t->rows[best->row].f[c].col;
		}
	}
	diags_add(m->L->d, t->file, line, col, "%s%s%s", path, *path ? ": " : "", msg);
	sb_free(&p);
}

static void vnote(hsds_imp *m, const char *key, const char *fmt, va_list ap)
{
	strbuf s = {0};
	sb_vprintf(&s, fmt, ap);
	/* one line of valid UTF-8, whatever the publication held */
	char *safe = text_sanitize(hsds_snip(m, s.s, s.len), false);
	if (key)
		ld_push_key(m->L, key);
	strbuf msg = {0};
	if (m->name || m->number)
		sb_printf(&msg, _("dienst %d '%s': %s"), m->number, hsds_snip(m, m->name, 60), safe);
	else
		sb_append(&msg, safe);
	if (m->places)
		table_note(m, msg.s);
	else
		ld_err(m->L, false, "%s", msg.s);
	if (key)
		ld_pop(m->L);
	m->out->notes++;
	sb_free(&msg);
	free(safe);
	sb_free(&s);
}

void hsds_note(hsds_imp *m, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vnote(m, key, fmt, ap);
	va_end(ap);
}

void hsds_file_note(hsds_imp *m, const char *fmt, ...)
{
	int number = m->number;
	const char *name = m->name;
	m->number = 0;
	m->name = NULL;
	va_list ap;
	va_start(ap, fmt);
	vnote(m, NULL, fmt, ap);
	va_end(ap);
	m->number = number;
	m->name = name;
}
