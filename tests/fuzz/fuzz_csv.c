/* fuzz_csv.c: libFuzzer target for the RFC 4180 reader (load/csv.h) and the HSDS tabular
 * package built on it. The first byte picks what the rest is:
 *   even: a CSV text. Beyond "no crash, no leak, no undefined behaviour": every problem names
 *         its file and a place; a table read without problems, written back with RFC 4180
 *         quoting, reads back to the same fields;
 *   odd:  services.csv of a tabular package (with phones.csv from the input's second half when
 *         it holds a NUL byte), imported against the bundled content: every note is one line of
 *         valid UTF-8 with its place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv.h"
#include "fuzz_common.h"
#include "hsds_import.h"
#include "load.h"
#include "text.h"
#include "util.h"

static content *C;
static char dir[600];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	C = fuzz_content();
	snprintf(dir, sizeof dir, "%s/package", fuzz_tmpdir());
	mkdir(dir, 0700);
	return 0;
}

static void field_out(strbuf *b, const char *v, bool first)
{
	if (!first)
		sb_appendc(b, ',');
	sb_appendc(b, '"');
	for (const char *p = v; *p; p++) {
		if (*p == '"')
			sb_appendc(b, '"');
		sb_appendc(b, *p);
	}
	sb_appendc(b, '"');
}

/* A table read without problems reads back the same after writing it out again. */
static void round_trip(const csv_table *t)
{
	strbuf b = {0};
	for (int r = -1; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++)
			field_out(&b, r < 0 ? t->head[c].text : t->rows[r].f[c].text, c == 0);
		sb_append(&b, "\r\n");
	}
	csv_table u;
	diags d = {0};
	int problems = csv_parse(b.s ? b.s : "", b.len, "again.csv", &u, &d);
	bool same = problems == 0 && u.ncols == t->ncols && u.nrows == t->nrows;
	for (int r = -1; same && r < t->nrows; r++)
		for (int c = 0; same && c < t->ncols; c++)
			same = strcmp(r < 0 ? u.head[c].text : u.rows[r].f[c].text,
				      r < 0 ? t->head[c].text : t->rows[r].f[c].text) == 0;
	if (!same) {
		fprintf(stderr, "fuzz_csv: the table does not read back the same (%d problems)\n", problems);
		abort();
	}
	csv_free(&u);
	diags_free(&d);
	sb_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	diags d = {0};
	if (!(data[0] & 1)) {
		if (memchr(text, '\0', len)) /* a NUL ends the row that holds it early: not RFC 4180 text */
			return 0;
		csv_table t;
		int problems = csv_parse(text, len, "input.csv", &t, &d);
		fuzz_check_messages(&d, "fuzz_csv");
		if (problems == 0)
			round_trip(&t);
		csv_free(&t);
		diags_free(&d);
		return 0;
	}
	const char *nul = memchr(text, '\0', len);
	size_t first = nul ? (size_t)(nul - text) : len;
	char path[700];
	snprintf(path, sizeof path, "%s/services.csv", dir);
	fuzz_write(path, (const uint8_t *)text, first);
	snprintf(path, sizeof path, "%s/phones.csv", dir);
	fuzz_write(path, nul ? (const uint8_t *)nul + 1 : (const uint8_t *)"", nul ? len - first - 1 : 0);
	arena *a = arena_new();
	hsds_import_result r;
	hsds_import(C, dir, 20775, a, &r, &d);
	fuzz_check_messages(&d, "fuzz_csv");
	diags_free(&d);
	arena_free(a);
	return 0;
}
