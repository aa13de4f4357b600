/* unit_hsds_stream.c: a publication read a piece at a time (hsds_import.h, issue 16): a
 * top-level list and a page's "contents" an element at a time, with every note at its
 * file:line:col as if the file were read whole (on one line too, after characters of more
 * than one byte, with CRLF); members after the list; a file broken half-way gives nothing of
 * itself, also where it replaced an entry of a file before it; and hsds_import_to, which
 * hands entries and notes on as they are made, gives what hsds_import gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "hsds_export.h"
#include "testhsds.h"

#define C testhsds_c

/* A service with a url that is noted (no https://), and a description. */
static char *service(int i, const char *url, const char *description)
{
	return xasprintf("{\"id\": \"11111111-1111-4111-8111-%012d\", \"name\": \"Dienst %d\", \"status\": \"active\", "
			 "\"description\": \"%s\", \"url\": \"%s\"}", i, i, description, url);
}

/* Writes text as name in a new folder; returns the file's path (malloc'd), the folder in *dir. */
static char *write_in_tmp(const char *name, const char *text, char **dir)
{
	*dir = testhsds_tmpdir();
	char *p = xasprintf("%s/%s", *dir, name);
	testhsds_write(p, text);
	return p;
}

static void remove_tmp(char *path, char *dir)
{
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

/* The column jsonscan would give byte offset off of a one-line text: characters before it + 1. */
static int column_of(const char *text, size_t off)
{
	int col = 1;
	for (size_t i = 0; i < off; i++)
		col += ((unsigned char)text[i] & 0xC0) != 0x80;
	return col;
}

static void notes_in_a_list_on_one_line_are_at_their_column(void **state)
{
	(void)state;
	char *a = service(1, "www.example.org/a", "Één ĳsje, één café"), *b = service(2, "www.example.org/b", "x");
	char *text = xasprintf("[%s,%s]", a, b), *dir, *p = write_in_tmp("lijst.json", text, &dir);
	testhsds_run *x = testhsds_import_with(C, p);
	assert_int_equal(x->rc, 0);
	assert_int_equal(x->r.n, 2);
	const diag *g = testhsds_note(x, "[1].url: dienst 2", NULL);
	assert_non_null(g);
	assert_int_equal(g->line, 1);
	assert_int_equal(g->col, column_of(text, (size_t)(strstr(text, "\"www.example.org/b\"") - text)));
	testhsds_free(x);
	remove_tmp(p, dir);
	free(text), free(a), free(b);
}

static void a_page_with_members_after_its_contents_is_read_whole(void **state)
{
	(void)state;
	char *a = service(1, "www.example.org/a", "x"), *b = service(2, "www.example.org/b", "y");
	char *text = xasprintf("{\r\n \"contents\": [\r\n  %s,\r\n  %s\r\n ],\r\n \"page_number\": 2,\r\n"
			       " \"total_pages\": 3\r\n}\r\n", a, b);
	char *dir, *p = write_in_tmp("pagina-2.json", text, &dir);
	testhsds_run *x = testhsds_import_with(C, p);
	assert_int_equal(x->r.n, 2);
	const diag *g = testhsds_note(x, "contents[1].url: dienst 2", NULL);
	assert_non_null(g);
	assert_int_equal(g->line, 4);
	assert_true(x->r.incomplete); /* page_number and total_pages came after the list */
	testhsds_assert_note(x, "1, 3", "ontbreken");
	testhsds_free(x);
	remove_tmp(p, dir);
	free(text), free(a), free(b);
}

/* A list of n services, one a line, broken (or not) after them. */
static char *long_list(int n, bool broken)
{
	strbuf s = {0};
	sb_append(&s, "[\n");
	for (int i = 0; i < n; i++) {
		char *e = service(i + 1, "www.example.org/x", "z");
		sb_printf(&s, "%s%s\n", e, i + 1 < n || broken ? "," : "");
		free(e);
	}
	sb_append(&s, broken ? "{\"name\": }\n]\n" : "]\n");
	return sb_take(&s);
}

static void a_list_broken_half_way_gives_nothing_of_it(void **state)
{
	(void)state;
	char *text = long_list(600, true), *dir, *p = write_in_tmp("lijst.json", text, &dir);
	testhsds_run *x = testhsds_import_with(C, p);
	assert_int_equal(x->rc, -1);
	assert_int_equal(x->r.n, 0);
	assert_int_equal(x->r.services, 0);
	assert_int_equal(x->r.notes, 0);
	assert_int_equal(x->d.n, 1); /* only where it is broken: at its line */
	assert_int_equal(x->d.v[0].line, 602);
	testhsds_free(x);
	remove_tmp(p, dir);
	free(text);
}

static void a_broken_files_fuller_copy_leaves_the_first(void **state)
{
	(void)state;
	char *dir = testhsds_tmpdir(), *pa = xasprintf("%s/a.json", dir), *pb = xasprintf("%s/b.json", dir);
	char *full = service(1, "https://www.example.org/a", "x");
	char *b = xasprintf("[%s, {\"name\": }]", full);
	testhsds_write(pa, "[{\"id\": \"11111111-1111-4111-8111-000000000001\", \"name\": \"Dienst 1\", \"description\": \"x\"}]");
	testhsds_write(pb, b);
	testhsds_run *x = testhsds_import_with(C, dir);
	assert_int_equal(x->rc, -1);
	assert_int_equal(x->r.n, 1);
	assert_int_equal(x->r.services, 1);
	assert_int_equal(x->r.skipped, 0);
	assert_null(x->r.activities[0].url); /* a.json's copy, which has none */
	assert_null(testhsds_note(x, "een vollediger exemplaar", NULL));
	testhsds_free(x);
	unlink(pa), unlink(pb), rmdir(dir);
	free(pa), free(pb), free(dir), free(full), free(b);
}

/* A sink that keeps each entry's text (as import-hsds spools them). */
typedef struct {
	strbuf *text;
	long n;
} kept;

static long keep_put(void *ctx, const ik_activity *a)
{
	kept *k = ctx;
	k->text = xrealloc(k->text, (size_t)(k->n + 1) * sizeof *k->text);
	k->text[k->n] = (strbuf){0};
	hsds_activity_json(C, a, &k->text[k->n]);
	return k->n++;
}

/* What import-hsds writes and says for path: in memory (hsds_import), or through a sink. */
static void import_as_text(const char *path, bool streamed, char **json, char **notes)
{
	arena *a = arena_new();
	hsds_import_result r;
	diags d = {0};
	size_t len;
	FILE *say = open_memstream(notes, &len);
	kept k = {0};
	hsds_sink sink = {keep_put, &k, say};
	int rc = streamed ? hsds_import_to(C, path, TESTHSDS_TODAY, &sink, a, &r, &d)
			  : hsds_import(C, path, TESTHSDS_TODAY, a, &r, &d);
	strbuf out = {0};
	if (streamed) {
		sb_append(&out, HSDS_ACTIVITIES_HEAD);
		for (int i = 0; i < r.n; i++) {
			sb_append(&out, k.text[r.entries[i].handle].s);
			sb_append(&out, i + 1 < r.n ? HSDS_ACTIVITIES_SEP : "\n");
		}
		sb_append(&out, HSDS_ACTIVITIES_TAIL);
	} else {
		hsds_activities_json(C, r.activities, r.n, &out);
	}
	diags_print(&d, say);
	fprintf(say, "rc %d, %d services, %d skipped, %d notes, %d lines\n", rc, r.services, r.skipped, r.notes,
		d.n + r.printed);
	fclose(say);
	*json = sb_take(&out);
	for (long i = 0; i < k.n; i++)
		sb_free(&k.text[i]);
	free(k.text);
	diags_free(&d);
	arena_free(a);
}

static void through_a_sink_as_in_memory(const char *path)
{
	char *json[2], *notes[2];
	for (int s = 0; s < 2; s++)
		import_as_text(path, s, &json[s], &notes[s]);
	assert_string_equal(notes[1], notes[0]);
	assert_string_equal(json[1], json[0]);
	for (int s = 0; s < 2; s++)
		free(json[s]), free(notes[s]);
}

static void handed_on_as_made_it_is_the_same_import(void **state)
{
	(void)state;
	static const char *const forms[] = {"utrecht", "pages", "ndjson", "examples", "oruk", "spec31/csv", NULL};
	for (int i = 0; forms[i]; i++) {
		char *p = testhsds_path(forms[i]);
		through_a_sink_as_in_memory(p);
		free(p);
	}
	/* hundreds of notes (put aside while the file may yet be undone), a fuller copy that
	 * takes an entry's place, and a file broken after all of it */
	char *dir = testhsds_tmpdir(), *pa = xasprintf("%s/a.json", dir), *pb = xasprintf("%s/b.json", dir);
	char *pc = xasprintf("%s/c.json", dir), *a = long_list(700, false), *b = long_list(300, true);
	testhsds_write(pa, a);
	testhsds_write(pb, b);
	testhsds_write(pc, "[{\"id\": \"11111111-1111-4111-8111-000000000005\", \"name\": \"Dienst 5\", \"status\": \"active\", "
			   "\"description\": \"z\", \"url\": \"https://www.example.org/5\", \"email\": \"a@example.org\"}]");
	through_a_sink_as_in_memory(pa);
	through_a_sink_as_in_memory(dir);
	unlink(pa), unlink(pb), unlink(pc), rmdir(dir);
	free(pa), free(pb), free(pc), free(dir), free(a), free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(notes_in_a_list_on_one_line_are_at_their_column),
		cmocka_unit_test(a_page_with_members_after_its_contents_is_read_whole),
		cmocka_unit_test(a_list_broken_half_way_gives_nothing_of_it),
		cmocka_unit_test(a_broken_files_fuller_copy_leaves_the_first),
		cmocka_unit_test(handed_on_as_made_it_is_the_same_import),
	};
	return cmocka_run_group_tests(tests, testhsds_setup, testhsds_teardown);
}
