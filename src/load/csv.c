/* csv.c: the RFC 4180 reader (see csv.h). One pass over the bytes keeps the line and the
 * column; field texts go end to end into one buffer and become pointers at the end, so a
 * table of 10,000 rows is three allocations. */
#include "csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

/* A field while the table is read: its text is at store offset `at`. */
typedef struct {
	size_t at;
	int line, col;
} pending;

typedef struct {
	const char *s;
	size_t len, pos;
	int line, col;     /* of s[pos] */
	const char *file;
	diags *d;
	int problems;
	strbuf store;      /* field texts, each NUL-terminated */
	pending *f;        /* every field read, row after row */
	size_t nf, capf;
	size_t *row_first; /* index into f of each row's first field; one extra at the end */
	int *row_line;
	int nrows, caprows;
} reader;

static void problem(reader *r, int line, int col, const char *msg)
{
	diags_add(r->d, r->file, line, col, "%s", msg);
	r->problems++;
}

/* Moves past one byte, keeping line and column (a column is a character, not a byte). */
static void step(reader *r)
{
	unsigned char c = (unsigned char)r->s[r->pos++];
	if (c == '\n') {
		r->line++;
		r->col = 1;
	} else if ((c & 0xC0) != 0x80) {
		r->col++;
	}
}

static bool at_row_end(const reader *r)
{
	return r->pos >= r->len || r->s[r->pos] == '\n' ||
	       (r->s[r->pos] == '\r' && r->pos + 1 < r->len && r->s[r->pos + 1] == '\n');
}

static void start_row(reader *r)
{
	if (r->nrows + 1 >= r->caprows) {
		r->caprows = r->caprows ? r->caprows * 2 : 64;
		r->row_first = xrealloc(r->row_first, (size_t)r->caprows * sizeof *r->row_first);
		r->row_line = xrealloc(r->row_line, (size_t)r->caprows * sizeof *r->row_line);
	}
	r->row_first[r->nrows] = r->nf;
	r->row_line[r->nrows++] = r->line;
}

/* Reads one field at pos; false when an unclosed quote ended the text. */
static bool field(reader *r)
{
	if (r->nf == r->capf) {
		r->capf = r->capf ? r->capf * 2 : 256;
		r->f = xrealloc(r->f, r->capf * sizeof *r->f);
	}
	pending *p = &r->f[r->nf++];
	*p = (pending){r->store.len, r->line, r->col};
	if (r->pos < r->len && r->s[r->pos] == '"') {
		int qline = r->line, qcol = r->col;
		step(r);
		for (;;) {
			if (r->pos >= r->len) {
				problem(r, qline, qcol, _("aanhalingsteken niet gesloten: het veld loopt tot het einde van het bestand"));
				return false;
			}
			if (r->s[r->pos] == '"' && r->pos + 1 < r->len && r->s[r->pos + 1] == '"') {
				sb_appendc(&r->store, '"');
				step(r);
				step(r);
			} else if (r->s[r->pos] == '"') {
				step(r);
				break;
			} else {
				sb_appendc(&r->store, r->s[r->pos]);
				step(r);
			}
		}
		if (!at_row_end(r) && r->s[r->pos] != ',') {
			problem(r, r->line, r->col, _("tekst na het sluitende aanhalingsteken van een veld (verdubbel een \" in een veld)"));
			while (!at_row_end(r) && r->s[r->pos] != ',')
				step(r);
		}
	} else {
		size_t from = r->pos;
		while (!at_row_end(r) && r->s[r->pos] != ',')
			step(r);
		sb_appendn(&r->store, r->s + from, r->pos - from);
	}
	sb_appendc(&r->store, '\0');
	return true;
}

/* Reads the rows; a blank line is no row. */
static void rows(reader *r)
{
	while (r->pos < r->len) {
		if (at_row_end(r)) { /* a blank line */
			while (r->pos < r->len && r->s[r->pos] != '\n')
				step(r);
			if (r->pos < r->len)
				step(r);
			continue;
		}
		start_row(r);
		for (;;) {
			if (!field(r)) { /* the row the quote opened in is not kept */
				r->nf = r->row_first[--r->nrows];
				return;
			}
			if (r->pos < r->len && r->s[r->pos] == ',') {
				step(r);
				continue;
			}
			break;
		}
		if (r->pos < r->len && r->s[r->pos] == '\r')
			step(r);
		if (r->pos < r->len)
			step(r); /* the '\n' */
	}
}

/* Turns what was read into t: the first row is the header; every other row gets exactly
 * ncols fields. */
static void build(reader *r, csv_table *t)
{
	t->store = sb_take(&r->store);
	r->row_first[r->nrows] = r->nf;
	t->ncols = r->nrows ? (int)(r->row_first[1] - r->row_first[0]) : 0;
	t->nrows = r->nrows ? r->nrows - 1 : 0;
	t->cells = xcalloc((size_t)(t->nrows + 1) * (size_t)(t->ncols ? t->ncols : 1), sizeof *t->cells);
	t->rows = xcalloc((size_t)t->nrows + 1, sizeof *t->rows);
	t->head = t->cells;
	for (int i = 0; i < r->nrows; i++) {
		csv_field *out = t->cells + (size_t)i * (size_t)t->ncols;
		int have = (int)(r->row_first[i + 1] - r->row_first[i]);
		for (int k = 0; k < t->ncols; k++) {
			const pending *p = k < have ? &r->f[r->row_first[i] + (size_t)k] : NULL;
			out[k] = p ? (csv_field){t->store + p->at, p->line, p->col}
				   : (csv_field){"", r->row_line[i], 1};
		}
		if (i > 0) {
			t->rows[i - 1] = (csv_row){out, r->row_line[i]};
			if (have != t->ncols) {
				char msg[160];
				snprintf(msg, sizeof msg, _("deze rij heeft %d velden, de kopregel %d: %s"), have, t->ncols,
					 have < t->ncols ? _("de ontbrekende zijn leeg") : _("de overtollige zijn weggelaten"));
				problem(r, r->row_line[i], 1, msg);
			}
		}
	}
}

int csv_parse(const char *text, size_t len, const char *file, csv_table *t, diags *d)
{
	*t = (csv_table){.file = xstrdup(file ? file : "")};
	reader r = {.s = text, .len = len, .line = 1, .col = 1, .file = t->file, .d = d};
	size_t bad;
	if (!text_utf8_valid(text, len, &bad)) {
		/* the place of the bad byte: count lines and characters up to it */
		for (r.pos = 0; r.pos < bad;)
			step(&r);
		problem(&r, r.line, r.col, _("ongeldige UTF-8"));
		t->head = t->cells = xcalloc(1, sizeof *t->cells);
		t->rows = xcalloc(1, sizeof *t->rows);
		t->store = xstrdup("");
		return r.problems;
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		r.pos = 3;
	rows(&r);
	start_row(&r); /* room for the end marker */
	r.nrows--;
	build(&r, t);
	free(r.f);
	free(r.row_first);
	free(r.row_line);
	sb_free(&r.store);
	return r.problems;
}

int csv_read(const char *path, csv_table *t, diags *d)
{
	size_t len;
	char *text = read_file(path, &len);
	if (!text) {
		*t = (csv_table){.file = xstrdup(path)};
		t->head = t->cells = xcalloc(1, sizeof *t->cells);
		t->rows = xcalloc(1, sizeof *t->rows);
		t->store = xstrdup("");
		diags_add(d, path, 0, 0, _("kan het bestand niet lezen: %s"), strerror(errno));
		return 1;
	}
	int n = csv_parse(text, len, path, t, d);
	free(text);
	return n;
}

void csv_free(csv_table *t)
{
	free(t->file);
	free(t->cells);
	free(t->rows);
	free(t->store);
	*t = (csv_table){0};
}

int csv_column(const csv_table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->head[i].text, name) == 0)
			return i;
	return -1;
}

const char *csv_get(const csv_table *t, int r, int col)
{
	return col >= 0 && col < t->ncols && r >= 0 && r < t->nrows ? t->rows[r].f[col].text : "";
}
