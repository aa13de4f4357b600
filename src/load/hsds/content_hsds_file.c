/* content_hsds_file.c: one file of an HSDS publication (see hsds_file in
 * content_hsds_internal.h), read without holding it where its shape allows: a top-level list
 * or a page with its "contents" an element at a time (ld_open_list), NDJSON a line at a time.
 * Any other shape, a file that is no regular file, and one found broken half-way (what it
 * gave undone first) are read whole, as jsonscan and the tree builder need them: the notes and
 * entries are the same either way, in the same order, each at its file:line:col. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content_hsds_internal.h"
#include "i18n.h"

int hsds_open_text(ld *L, const char *file, char *text, size_t len, diags *report, arena *a)
{
	*L = (ld){.file = file, .d = report, .a = a, .text = text, .len = len, .fd = -1};
	int n = jsonscan_check(text, len, file, report);
	if (n) {
		L->nerr += n;
		return -1;
	}
	size_t pos = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	L->root = ld_tree_build(&L->pool, text, len, &pos, 0, NULL);
	if (!L->root) { /* jsonscan accepted it: a number cJSON would not read */
		diags_add(report, file, 0, 0, "%s", _("kan het bestand niet ontleden"));
		L->nerr++;
		return -1;
	}
	return 0;
}

static void set_source(hsds_imp *m, const char *path)
{
	const char *base = strrchr(path, '/');
	char *src = xasprintf("HSDS import: %s", base ? base + 1 : path);
	m->source = arena_strdup(m->keep, src);
	free(src);
	m->files++;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n > k && strcmp(s + n - k, tail) == 0;
}

static bool line_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Whether text is NDJSON: its first line is a whole JSON object on its own and more follows. */
static bool looks_ndjson(const char *text, size_t len)
{
	size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < len && line_blank(text[i]))
		i++;
	if (i >= len || text[i] != '{')
		return false;
	const char *nl = memchr(text + i, '\n', len - i);
	if (!nl)
		return false;
	size_t end = (size_t)(nl - text), rest = end + 1;
	while (rest < len && (line_blank(text[rest]) || text[rest] == '\n'))
		rest++;
	if (rest >= len || text[rest] != '{')
		return false;
	diags quiet = {0};
	bool whole = jsonscan_check(text + i, end - i, "", &quiet) == 0;
	diags_free(&quiet);
	return whole;
}

/* A file read from its start a piece at a time, without holding it. */
typedef struct {
	int fd;
	off_t at; /* where buf[0] is in the file */
	size_t len, pos;
	char buf[65536];
} probe;

/* The next byte, or -1 at the end; *where is its offset. */
static int probe_byte(probe *p, off_t *where)
{
	if (p->pos == p->len) {
		p->at += (off_t)p->len;
		ssize_t n = pread(p->fd, p->buf, sizeof p->buf, p->at);
		if (n <= 0)
			return -1;
		p->len = (size_t)n;
		p->pos = 0;
	}
	*where = p->at + (off_t)p->pos;
	return (unsigned char)p->buf[p->pos++];
}

/* looks_ndjson, for the file at fd, holding no more of it than its first line (and not even
 * that unless another line starting with '{' follows it). */
static bool ndjson_probe(int fd)
{
	probe *p = xcalloc(1, sizeof *p);
	p->fd = fd;
	off_t start = 0, nl = 0, next, at;
	int ch = probe_byte(p, &at);
	if (ch == 0xEF && p->len >= 3 && memcmp(p->buf, "\xEF\xBB\xBF", 3) == 0) {
		p->pos = 3;
		ch = probe_byte(p, &at);
	}
	while (ch >= 0 && line_blank((char)ch))
		ch = probe_byte(p, &at);
	bool yes = ch == '{';
	start = at;
	while (yes && (ch = probe_byte(p, &nl)) >= 0 && ch != '\n')
		;
	yes &= ch == '\n';
	while (yes && (ch = probe_byte(p, &next)) >= 0 && (line_blank((char)ch) || ch == '\n'))
		;
	yes &= ch == '{';
	free(p);
	if (!yes)
		return false;
	size_t n = (size_t)(nl - start);
	char *line = xmalloc(n + 1);
	yes = pread(fd, line, n, start) == (ssize_t)n;
	diags quiet = {0};
	yes = yes && jsonscan_check(line, n, "", &quiet) == 0;
	diags_free(&quiet);
	free(line);
	return yes;
}

/* Line number `line` of an NDJSON file: n bytes at s (no newline). Its notes get the line
 * number it has in the file. Returns 0, or -1 when it is no JSON. */
static int ndjson_line(hsds_imp *m, const char *path, const char *s, size_t n, int line)
{
	size_t k = 0;
	while (k < n && line_blank(s[k]))
		k++;
	if (k == n)
		return 0;
	diags *report = m->report;
	int rc = 0, before = report->n;
	ld L;
	char *one = xmalloc(n + 1);
	memcpy(one, s, n);
	one[n] = '\0';
	if (hsds_open_text(&L, path, one, n, report, m->a) == 0) {
		m->L = &L;
		hsds_item(m, L.root, NULL);
		m->L = NULL;
	} else {
		rc = -1;
	}
	ld_close(&L);
	for (int d = before; d < report->n; d++)
		if (report->v[d].line > 0 && report->v[d].file && strcmp(report->v[d].file, path) == 0)
			report->v[d].line += line - 1;
	hsds_settle(m);
	return rc;
}

/* NDJSON held whole: each line on its own. */
static int ndjson_text(hsds_imp *m, const char *path, const char *text, size_t len)
{
	int rc = 0, line = 1;
	size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		rc |= ndjson_line(m, path, text + i, end - i, line++);
		i = end + 1;
	}
	return rc;
}

/* NDJSON read a line at a time (f is closed). */
static int ndjson_stream(hsds_imp *m, const char *path, FILE *f)
{
	int rc = 0, line = 1;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&buf, &cap, f)) >= 0) {
		size_t skip = line == 1 && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		size_t len = (size_t)n - (n > 0 && buf[n - 1] == '\n');
		rc |= ndjson_line(m, path, buf + skip, len - skip, line++);
	}
	if (ferror(f)) {
		diags_add(m->report, path, 0, 0, _("kan het bestand niet lezen: %s"), strerror(errno));
		rc = -1;
	}
	free(buf);
	fclose(f);
	return rc;
}

/* The file held whole (counted: set_source was done). */
static int whole(hsds_imp *m, const char *path, bool counted)
{
	size_t len;
	char *text = read_file(path, &len);
	if (!text) {
		diags_add(m->report, path, 0, 0, _("kan het bestand niet lezen: %s"), strerror(errno));
		return -1;
	}
	if (!counted)
		set_source(m, path);
	if (ends_with(path, ".ndjson") || ends_with(path, ".jsonl") || looks_ndjson(text, len)) {
		int rc = ndjson_text(m, path, text, len);
		free(text);
		return rc;
	}
	ld L;
	int rc = hsds_open_text(&L, path, text, len, m->report, m->a);
	if (rc == 0) {
		m->L = &L;
		hsds_item(m, L.root, NULL);
		m->L = NULL;
	}
	ld_close(&L);
	return rc;
}

/* A top-level list, or a page with its "contents", an element at a time, as hsds_item reads
 * them. False when the file is not of that shape (or its list is empty), or was found broken
 * half-way (and what it gave undone): then it is to be read whole. */
static bool streamed(hsds_imp *m, const char *path)
{
	ld L;
	if (ld_open_list(&L, path, "contents", m->report, m->a) != 0 || !L.stream.count) {
		ld_close(&L);
		return false;
	}
	hsds_mark k;
	hsds_mark_set(m, &k);
	m->L = &L;
	bool page = !L.stream.bare;
	int at = m->npages, i = 0;
	char kind = 0;
	if (page)
		ld_push_key(&L, "contents");
	for (const cJSON *e = ld_first(&L, L.stream.node); e; e = ld_next(&L, L.stream.node, e), i++) {
		kind = kind ? kind : hsds_list_kind(e);
		ld_push_index(&L, i);
		hsds_item(m, e, NULL);
		ld_pop(&L);
		hsds_settle(m);
	}
	if (page)
		ld_pop(&L);
	bool broken = L.stream.failed;
	if (page && !broken)
		hsds_page_seen(m, L.root, kind, i, at);
	m->L = NULL;
	ld_close(&L);
	if (broken)
		hsds_mark_undo(m);
	else
		hsds_mark_keep(m);
	return !broken;
}

int hsds_file(hsds_imp *m, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		rc = whole(m, path, false);
	} else if (ends_with(path, ".ndjson") || ends_with(path, ".jsonl") || ndjson_probe(fd)) {
		set_source(m, path);
		FILE *f = fdopen(fd, "rb");
		rc = f ? ndjson_stream(m, path, f) : (close(fd), whole(m, path, true));
	} else {
		close(fd);
		set_source(m, path);
		rc = streamed(m, path) ? 0 : whole(m, path, true);
	}
	hsds_settle(m);
	return rc;
}
