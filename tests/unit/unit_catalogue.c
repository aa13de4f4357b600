/* unit_catalogue.c: the catalogue at size (issue 16). The streamed reading and the image give
 * exactly what reading the file whole into the arena gives (every field, written back with
 * the catalogue's own JSON writer, and the search texts), across the edges of the window read
 * at a time and for an activity bigger than that window; a mistake anywhere in a big
 * catalogue is reported as the whole reading reports it. The cache beside the database is
 * made, then mapped; strings let go are read again, languages read without them, search texts
 * made ahead in a thread of their own that lets go of what it read; made again
 * when the catalogue, the questions or the profiles change and when it is corrupt; done
 * without where it cannot be written or the disk fills up while it is. */
#include <cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "content.h"
#include "hsds_export.h"
#include "load.h"
#include "search.h"
#include "testdir.h"
#include "util.h"

enum { BIG = 1500 }; /* activities: about 2.5 MB, several windows */

static const char *bundled_dir(void)
{
	const char *v = getenv("INFOKAART_CONTENT");
	if (!v || !*v)
		fail_msg("INFOKAART_CONTENT is not set (run the tests with meson test)");
	return v;
}

static void copy_bundled_except_activities(const char *dir)
{
	static const char *const names[] = {"infokaart.json", "crisis.json", "profiles.json", "djg6.json"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		testdir_copy(bundled_dir(), names[i], dir);
}

/* The bundled activities, each repeated until there are n, with fresh ids, as a cJSON list.
 * Every one says "human_route" (the bundled ones may leave out the default false), so the
 * tests that edit the n-th of a key find it. */
static cJSON *many_activities(int n)
{
	char *p = xasprintf("%s/activities.json", bundled_dir());
	size_t len;
	char *text = read_file(p, &len);
	cJSON *root = cJSON_ParseWithLength(text, len), *list = cJSON_GetObjectItemCaseSensitive(root, "activities");
	int have = cJSON_GetArraySize(list);
	cJSON *out = cJSON_CreateArray();
	for (int i = 0; i < n; i++) {
		cJSON *a = cJSON_Duplicate(cJSON_GetArrayItem(list, i % have), true);
		if (!cJSON_HasObjectItem(a, "human_route"))
			cJSON_AddFalseToObject(a, "human_route");
		if (i >= have) {
			char *id = xasprintf("%s-%d", cJSON_GetObjectItemCaseSensitive(a, "id")->valuestring, i);
			cJSON_ReplaceItemInObjectCaseSensitive(a, "id", cJSON_CreateString(id));
			free(id);
		}
		cJSON_AddItemToArray(out, a);
	}
	cJSON_Delete(root);
	free(text);
	free(p);
	return out;
}

/* Writes dir/activities.json: the list, with "version" before it (or after it: a file the
 * streamed reading hands to the whole one). */
static void write_activities(const char *dir, cJSON *list, bool version_last)
{
	cJSON *root = cJSON_CreateObject();
	if (!version_last)
		cJSON_AddNumberToObject(root, "version", 1);
	cJSON_AddItemReferenceToObject(root, "activities", list);
	if (version_last)
		cJSON_AddNumberToObject(root, "version", 1);
	char *text = cJSON_Print(root);
	strbuf b = {0}; /* laid out as people write it: two spaces, "key": value */
	for (const char *q = text; *q; q++) {
		if (q[0] == ':' && q[1] == '\t') {
			sb_append(&b, ": ");
			q++;
		} else if (*q == '\t') {
			sb_append(&b, "  ");
		} else {
			sb_appendc(&b, *q);
		}
	}
	char *p = xasprintf("%s/activities.json", dir);
	testdir_write(p, b.s, b.len);
	sb_free(&b);
	free(p);
	free(text);
	cJSON_Delete(root);
}

/* dir becomes a content folder with the bundled files and n activities (see many_activities),
 * "version" first. Returns the list, for changes. */
static cJSON *catalogue_in(const char *dir, int n)
{
	copy_bundled_except_activities(dir);
	cJSON *list = many_activities(n);
	write_activities(dir, list, false);
	return list;
}

/* A test's folder: a content folder of the size the test names (its initial state; 0: the
 * bundled files without an activities.json), the list written there, and a cache path. */
typedef struct {
	char *dir, *cache;
	cJSON *list;
} fixture;

static int with_catalogue(void **state)
{
	fixture *f = xcalloc(1, sizeof *f);
	int n = (int)(intptr_t)*state;
	f->dir = testdir_make();
	if (!f->dir) {
		free(f);
		return -1;
	}
	f->cache = xasprintf("%s/x.db-catalogue.cache", f->dir);
	if (n)
		f->list = catalogue_in(f->dir, n);
	*state = f;
	return 0;
}

static int without_catalogue(void **state)
{
	fixture *f = *state;
	cJSON_Delete(f->list);
	free(f->cache);
	testdir_remove(f->dir);
	free(f);
	return 0;
}

/* What a load holds: the activities written back as activities.json, and the search texts. */
static char *holdings(const content *c)
{
	strbuf b = {0};
	hsds_activities_json(c, c->activities, c->nactivities, &b);
	for (int i = 0; i < c->nactivities; i++)
		sb_printf(&b, "%s\n", search_text(c, i));
	return sb_take(&b);
}

static content *load_with(const char *dir, content_source *src)
{
	diags d = {0};
	content *c = NULL;
	if (content_load_from(dir, src, &c, &d) != 0) {
		diags_print(&d, stderr);
		fail_msg("%s does not load: %d problem(s)", dir, d.n);
	}
	diags_free(&d);
	return c;
}

static content *load(const char *dir, content_source src)
{
	return load_with(dir, &src);
}

/* c (freed here) holds what reading dir whole into the arena holds. */
static void assert_holds_as_whole(const char *dir, content *c)
{
	content *ref = load(dir, (content_source){.whole = true, .in_arena = true});
	assert_null(ref->image);
	assert_int_equal(c->nactivities, ref->nactivities);
	char *a = holdings(c), *b = holdings(ref);
	assert_string_equal(a, b);
	free(a);
	free(b);
	content_free(c);
	content_free(ref);
}

/* Read streamed into an image (and streamed into the arena), dir holds what it holds read
 * whole into the arena, and it was indeed streamed. */
static void assert_same_as_whole(const char *dir)
{
	content_source src = {.in_image = true};
	content *fast = load_with(dir, &src);
	assert_true(src.streamed);
	assert_non_null(fast->image);
	assert_holds_as_whole(dir, fast);
	assert_holds_as_whole(dir, load(dir, (content_source){.in_arena = true}));
}

/* Read by several threads, its list cut near every `every` bytes, dir holds what it holds
 * read whole, and it was streamed (a part read from a wrong cut would have failed that).
 * Returns how many parts were used (1: the list was read by one). */
static int assert_same_in_parts(const char *dir, size_t every)
{
	content_source src = {.in_image = true, .split_at = every};
	content *fast = load_with(dir, &src);
	assert_true(src.streamed);
	assert_holds_as_whole(dir, fast);
	return src.parts;
}

static void image_holds_what_the_arena_holds(void **state)
{
	assert_same_as_whole(bundled_dir());
}

static void big_catalogue_reads_across_window_edges(void **state)
{
	fixture *f = *state;
	const char *t = f->dir;
	assert_same_as_whole(t);
	content *c = load(t, (content_source){0});
	assert_int_equal(c->nactivities, BIG);
	assert_non_null(c->image); /* a big catalogue: its strings stay out of the heap */
	content_free(c);
}

static void big_catalogue_is_read_in_parts_as_whole(void **state)
{
	fixture *f = *state;
	/* every 100 kB: more parts than threads, so one thread reads several */
	assert_true(assert_same_in_parts(f->dir, 100 << 10) > 2);
	content_source one = {.split_at = SIZE_MAX};
	content_free(load_with(f->dir, &one));
	assert_int_equal(one.parts, 1);
	content_source dflt = {0}; /* 2.5 MB: cut by itself, where there are two processors */
	content_free(load_with(f->dir, &dflt));
	assert_true(dflt.streamed);
}

/* A cut looked for inside an activity finds a note's object that looks like the start of one
 * (a whole activity, even): the reader before it passes over it, and its part is dropped. */
static void cut_inside_an_activity_is_passed_over(void **state)
{
	fixture *f = *state;
	int n = cJSON_GetArraySize(f->list);
	for (int i = 0; i < n; i += 2) {
		cJSON *a = cJSON_GetArrayItem(f->list, i), *note = cJSON_CreateArray();
		cJSON_AddItemToArray(note, cJSON_CreateNumber(0));
		cJSON *fake = cJSON_Duplicate(a, true);
		cJSON_ReplaceItemInObjectCaseSensitive(fake, "id", cJSON_CreateString("niet-echt"));
		cJSON_AddItemToArray(note, fake);
		cJSON_AddItemToObject(a, "_voorbeeld", note);
	}
	write_activities(f->dir, f->list, false);
	for (size_t every = 37 << 10; every < 300 << 10; every += 61 << 10)
		assert_same_in_parts(f->dir, every);
}

static size_t activities_size(const char *dir)
{
	char *p = xasprintf("%s/activities.json", dir);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	free(p);
	return (size_t)st.st_size;
}

/* One reader, a cut near the end (two parts), a cut every tenth (ten), and as many cuts as
 * the loader takes: each the same as the whole reading. */
static void one_two_and_many_parts_read_the_same(void **state)
{
	fixture *f = *state;
	size_t size = activities_size(f->dir);
	assert_int_equal(assert_same_in_parts(f->dir, SIZE_MAX), 1);
	assert_int_equal(assert_same_in_parts(f->dir, size * 3 / 5), 2);
	assert_int_equal(assert_same_in_parts(f->dir, size / 10), 10);
	assert_true(assert_same_in_parts(f->dir, 8 << 10) > 10);
}

/* What would be a cut if it were not inside a string (a description that quotes the start
 * of an activity) or inside a small object in a note's list, in every activity: each part
 * is still read from a real element's start, whatever the cuts. */
static void cut_lookalikes_in_strings_and_nested_objects_are_passed_over(void **state)
{
	fixture *f = *state;
	int n = cJSON_GetArraySize(f->list);
	for (int i = 0; i < n; i++) {
		cJSON *a = cJSON_GetArrayItem(f->list, i), *note = cJSON_CreateArray(), *fake = cJSON_CreateObject();
		cJSON *d = cJSON_GetObjectItemCaseSensitive(a, "description");
		char *nl = xasprintf("%s\n  }, {\n    \"id\": \"nep-%d\",", cJSON_GetObjectItemCaseSensitive(d, "nl")->valuestring, i);
		cJSON_ReplaceItemInObjectCaseSensitive(d, "nl", cJSON_CreateString(nl));
		free(nl);
		cJSON_AddStringToObject(fake, "id", "nep");
		cJSON_AddItemToArray(note, cJSON_CreateString("x"));
		cJSON_AddItemToArray(note, fake);
		cJSON_AddItemToObject(a, i % 2 ? "_notitie" : "_voorbeeld", note);
	}
	write_activities(f->dir, f->list, false);
	int used = 0;
	for (size_t every = 3 << 10; every < 200 << 10; every += 13 << 10)
		used += assert_same_in_parts(f->dir, every) > 1;
	assert_true(used > 0); /* real cuts were found too */
}

static int processors(void)
{
	cpu_set_t set;
	return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
}

/* Writes the first n of list (the rest kept aside and put back) to dir; the file's size. */
static size_t write_first(const char *dir, cJSON *list, int n)
{
	cJSON *rest = cJSON_CreateArray();
	while (cJSON_GetArraySize(list) > n)
		cJSON_AddItemToArray(rest, cJSON_DetachItemFromArray(list, n));
	write_activities(dir, list, false);
	while (cJSON_GetArraySize(rest) > 0)
		cJSON_AddItemToArray(list, cJSON_DetachItemFromArray(rest, 0));
	cJSON_Delete(rest);
	return activities_size(dir);
}

/* Left to itself, the loader reads a list of 2 MB or more in parts where there are two
 * processors or more, and a smaller one alone: just over and just under that size. */
static void catalogue_just_over_the_threshold_is_read_in_parts(void **state)
{
	enum { THRESHOLD = 2 << 20 };
	fixture *f = *state;
	int n = (int)((double)THRESHOLD / (double)activities_size(f->dir) * BIG);
	while (write_first(f->dir, f->list, n) > THRESHOLD)
		n--;
	content_source under = {0};
	content_free(load_with(f->dir, &under));
	assert_int_equal(under.parts, 1);
	n++;
	while (write_first(f->dir, f->list, n) < THRESHOLD)
		n++;
	assert_true(activities_size(f->dir) < THRESHOLD + (8 << 10));
	content_source over = {.in_image = true};
	content *c = load_with(f->dir, &over);
	if (processors() >= 2)
		assert_true(over.parts > 1);
	else
		assert_int_equal(over.parts, 1);
	assert_holds_as_whole(f->dir, c);
}

static void activity_bigger_than_a_window_reads_whole(void **state)
{
	fixture *f = *state;
	const char *t = f->dir;
	static const char sentence[] = "Koffie en een praatje, elke week. ";
	size_t n = 3 << 20;
	char *huge = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		huge[i] = sentence[i % (sizeof sentence - 1)];
	huge[n] = '\0';
	cJSON *desc = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(f->list, 7), "description");
	cJSON_ReplaceItemInObjectCaseSensitive(desc, "nl", cJSON_CreateString(huge));
	write_activities(t, f->list, false);
	content *c = load(t, (content_source){0});
	assert_string_equal(c->activities[7].description.nl, huge);
	content_free(c);
	assert_same_as_whole(t);
	assert_same_in_parts(t, 1 << 20); /* cuts looked for inside the description too */
	free(huge);
}

/* Inserts n blanks (spaces and newlines) into dir/activities.json before the k-th "  }," */
static void blanks_between_elements(const char *dir, int k, size_t n)
{
	char *p = xasprintf("%s/activities.json", dir);
	size_t len;
	char *text = read_file(p, &len), *at = text;
	for (int i = 0; i < k; i++)
		at = strstr(at + 1, "\n    },");
	assert_non_null(at);
	at += strlen("\n    }");
	strbuf b = {0};
	sb_appendn(&b, text, (size_t)(at - text));
	for (size_t i = 0; i < n; i++)
		sb_appendc(&b, i % 80 == 79 ? '\n' : ' ');
	sb_append(&b, ",");
	for (size_t i = 0; i < n; i++)
		sb_appendc(&b, i % 80 == 79 ? '\n' : ' ');
	sb_append(&b, at + 1);
	testdir_write(p, b.s, b.len);
	sb_free(&b);
	free(text);
	free(p);
}

static void blanks_longer_than_a_window_between_elements(void **state)
{
	fixture *f = *state;
	const char *t = f->dir;
	blanks_between_elements(t, 100, 700 * 1024);
	blanks_between_elements(t, 250, 1500 * 1024);
	assert_same_as_whole(t);
	content *c = load(t, (content_source){0});
	assert_int_equal(c->nactivities, 300);
	content_free(c);
}

/* A file under 512 kB is read 32 kB at a time (content_read.c): an activity bigger than that,
 * and blanks longer than that between two, are read across its edges as well. */
static void small_catalogue_reads_across_its_smaller_window(void **state)
{
	fixture *f = *state;
	const char *t = f->dir;
	strbuf b = {0};
	while (b.len < 40 * 1024)
		sb_append(&b, "Een kop koffie, een praatje en een wandeling door de wijk. ");
	cJSON *desc = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(f->list, 30), "description");
	cJSON_ReplaceItemInObjectCaseSensitive(desc, "en", cJSON_CreateString(b.s));
	write_activities(t, f->list, false);
	blanks_between_elements(t, 60, 40 * 1024);
	content *c = load(t, (content_source){0});
	assert_string_equal(c->activities[30].description.en, b.s);
	assert_int_equal(c->nactivities, 100);
	content_free(c);
	assert_true(activities_size(t) < 512 * 1024);
	assert_same_as_whole(t);
	sb_free(&b);
}

static void version_after_the_list_reads_whole_and_the_same(void **state)
{
	fixture *f = *state;
	const char *t = f->dir;
	write_activities(t, f->list, true);
	content_source src = {0};
	content *c = load_with(t, &src);
	assert_false(src.streamed); /* left to the whole reading */
	assert_holds_as_whole(t, c);
}

/* The diagnostics of loading dir, one line each. */
static char *problems(const char *dir, content_source src)
{
	diags d = {0};
	content *c = NULL;
	assert_int_equal(content_load_from(dir, &src, &c, &d), -1);
	assert_null(c);
	strbuf b = {0};
	sb_append(&b, "");
	for (int i = 0; i < d.n; i++)
		sb_printf(&b, "%d:%d: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
	diags_free(&d);
	return sb_take(&b);
}

/* Appends tail to the file at path. */
static void append_to(const char *path, const char *tail)
{
	size_t len;
	char *text = read_file(path, &len);
	strbuf b = {0};
	sb_appendn(&b, text, len);
	sb_append(&b, tail);
	testdir_write(path, b.s, b.len);
	sb_free(&b);
	free(text);
}

/* Replaces the first `from` after the n-th occurrence of `after` in dir/activities.json. */
static void edit_activities(const char *dir, const char *after, int n, const char *from, const char *to)
{
	char *p = xasprintf("%s/activities.json", dir);
	size_t len;
	char *text = read_file(p, &len), *at = text;
	for (int i = 0; i < n && at; i++)
		at = strstr(at + 1, after);
	assert_non_null(at);
	char *hit = strstr(at, from);
	assert_non_null(hit);
	strbuf b = {0};
	sb_appendn(&b, text, (size_t)(hit - text));
	sb_append(&b, to);
	sb_append(&b, hit + strlen(from));
	testdir_write(p, b.s, b.len);
	sb_free(&b);
	free(text);
	free(p);
}

/* Line (1-based) and column (1-based) of text[at]. */
static void line_col(const char *text, size_t at, int *line, int *col)
{
	*line = *col = 1;
	for (size_t i = 0; i < at; i++, ++*col)
		if (text[i] == '\n')
			++*line, *col = 0;
}

/* A mistake in the third of five parts: the file is refused, and the mistake is reported at
 * the file, line and column the whole reading reports it, which is where it is. */
static void mistake_in_the_third_part_is_reported_at_its_place(void **state)
{
	fixture *f = *state;
	const char *t = f->dir;
	size_t size = activities_size(t), every = size / 5;
	assert_int_equal(assert_same_in_parts(t, every), 5);
	char *p = xasprintf("%s/activities.json", t);
	size_t len;
	char *text = read_file(p, &len), *hit = strstr(text + every * 2 + every / 2, "\"cost\": \"");
	assert_non_null(hit);
	strbuf b = {0};
	sb_appendn(&b, text, (size_t)(hit - text));
	sb_append(&b, "\"cost\": \"duur");
	sb_append(&b, hit + strlen("\"cost\": \""));
	testdir_write(p, b.s, b.len);
	int line, col;
	line_col(text, (size_t)(hit - text), &line, &col);
	diags d = {0};
	content *c = NULL;
	assert_int_equal(content_load_from(t, &(content_source){.split_at = every}, &c, &d), -1);
	assert_null(c);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, p);
	assert_int_equal(d.v[0].line, line);
	assert_true(d.v[0].col > col); /* at the value, after its key */
	assert_non_null(strstr(d.v[0].msg, "onbekende waarde"));
	char *ref = problems(t, (content_source){.whole = true}), mine[300];
	snprintf(mine, sizeof mine, "%d:%d: %s\n", d.v[0].line, d.v[0].col, d.v[0].msg);
	assert_string_equal(mine, ref);
	free(ref);
	diags_free(&d);
	sb_free(&b);
	free(text);
	free(p);
}

static void mistakes_late_in_a_big_catalogue_are_reported_as_whole(void **state)
{
	static const struct {
		const char *after, *from, *to, *says;
	} cases[] = {
		{"\"cost\"", "\"cost\": \"", "\"cost\": \"duur", "onbekende waarde"},      /* a value */
		{"\"human_route\"", "false", "false,", "te veel"},             /* syntax */
		{"\"name\"", "\"name\": \"", "\"name\": \"\\u0007", "stuurteken"},        /* an escape */
		{"\"id\"", "\"id\": \"", "\"id\": \"\\u0041", "geen geldige id"},       /* id with an escape */
		{"\"interests\"", "\"interests\"", "\"interests\": [], \"interests\"", "dubbele sleutel"},
	};
	fixture *f = *state;
	const char *t = f->dir;
	cJSON *list = f->list;
	for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
		write_activities(t, list, false);
		edit_activities(t, cases[k].after, BIG - 3, cases[k].from, cases[k].to);
		char *fast = problems(t, (content_source){0}), *ref = problems(t, (content_source){.whole = true}),
		     *parts = problems(t, (content_source){.split_at = 300 << 10});
		assert_string_equal(fast, ref);
		assert_string_equal(parts, ref);
		if (!strstr(fast, cases[k].says))
			fail_msg("case %zu: '%s' not in:\n%s", k, cases[k].says, fast);
		free(fast);
		free(ref);
		free(parts);
	}
	/* text after the end, and a duplicate id far from its first use */
	write_activities(t, list, false);
	char *p = xasprintf("%s/activities.json", t);
	append_to(p, "\n]\n");
	free(p);
	char *fast = problems(t, (content_source){0}), *ref = problems(t, (content_source){.whole = true});
	assert_string_equal(fast, ref);
	free(fast);
	free(ref);
	/* an id used again far from its first use, in another part; and twice in the last part */
	const char *first = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(list, 0), "id")->valuestring;
	cJSON_ReplaceItemInObjectCaseSensitive(cJSON_GetArrayItem(list, BIG - 2), "id", cJSON_CreateString(first));
	const char *late = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(list, BIG - 9), "id")->valuestring;
	cJSON_ReplaceItemInObjectCaseSensitive(cJSON_GetArrayItem(list, BIG - 5), "id", cJSON_CreateString(late));
	write_activities(t, list, false);
	fast = problems(t, (content_source){0});
	ref = problems(t, (content_source){.whole = true});
	char *parts = problems(t, (content_source){.split_at = 300 << 10});
	assert_string_equal(fast, ref);
	assert_string_equal(parts, ref);
	assert_non_null(strstr(fast, "komt twee keer voor"));
	free(fast);
	free(ref);
	free(parts);
}

/* --- the cache --- */

/* One load with the cache; *from_cache: whether it was used. */
static content *load_once(const char *dir, const char *cache, bool *from_cache)
{
	content_source src = {.cache = cache};
	diags d = {0};
	content *c = NULL;
	if (content_load_from(dir, &src, &c, &d) != 0) {
		diags_print(&d, stderr);
		fail_msg("%s does not load with a cache", dir);
	}
	*from_cache = src.from_cache;
	return c;
}

/* The first load makes the cache (and is not from it), the second maps it. Returns the second. */
static content *make_and_map(const char *dir, const char *cache)
{
	bool from;
	content_free(load_once(dir, cache, &from));
	assert_false(from);
	struct stat st;
	assert_int_equal(stat(cache, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	content *c = load_once(dir, cache, &from);
	assert_true(from);
	return c;
}

static void cache_is_made_then_mapped(void **state)
{
	fixture *f = *state;
	const char *t = f->dir, *cache = f->cache;
	assert_holds_as_whole(t, make_and_map(t, cache));
	/* made in parts by several threads: the same activities, mapped */
	unlink(cache);
	content_source src = {.cache = cache, .split_at = 200 << 10};
	content *c = load_with(t, &src);
	assert_true(src.parts > 1);
	assert_false(src.from_cache);
	assert_holds_as_whole(t, c);
	bool from;
	c = load_once(t, cache, &from);
	assert_true(from);
	assert_holds_as_whole(t, c);
}

/* After content_release_strings (export-hsds lets the strings go as it writes them) the
 * catalogue holds what it held, mapped from the cache or from memory. */
static void released_strings_are_read_again(void **state)
{
	fixture *f = *state;
	content *m = load(f->dir, (content_source){.in_image = true});
	content *c[] = {make_and_map(f->dir, f->cache), m};
	for (size_t i = 0; i < ARRAY_LEN(c); i++) {
		char *before = holdings(c[i]);
		content_release_strings(c[i]);
		char *after = holdings(c[i]);
		assert_string_equal(after, before);
		free(before);
		free(after);
		content_free(c[i]);
	}
	content *small = load(bundled_dir(), (content_source){0});
	assert_null(small->image);
	content_release_strings(small); /* on the heap: nothing to let go */
	assert_holds_as_whole(bundled_dir(), small);
}

/* The pages this process has mapped from files, in kB (RssFile, /proc/self/status). */
static long rss_file_kb(void)
{
	size_t len;
	char *text = read_file("/proc/self/status", &len), *at = text ? strstr(text, "RssFile:") : NULL;
	long kb = at ? strtol(at + strlen("RssFile:"), NULL, 10) : -1;
	free(text);
	if (kb < 0)
		fail_msg("no RssFile in /proc/self/status");
	return kb;
}

/* The search texts are not in the image: they are made when asked for, ahead of the first
 * search by a thread of their own (search_prepare), which lets go of the strings it read. The
 * search finds what it finds when they are made at the search itself, and a catalogue freed
 * while its texts are still being made waits for that thread (under ASan, a thread reading
 * freed memory fails the test). */
static int releases;
static void count_release(const content *c)
{
	releases++;
	content_release_strings(c);
}

static void search_texts_are_made_ahead_and_let_go_of_the_strings(void **state)
{
	fixture *f = *state;
	content *ahead = make_and_map(f->dir, f->cache);
	bool from;
	content *at_search = load_once(f->dir, f->cache, &from);
	assert_true(from);
	assert_true(ahead->nactivities > 1000); /* below that, search_prepare makes them at once */
	long before = rss_file_kb();
	releases = 0;
	search_prepare(ahead, count_release);
	search_prepare(ahead, count_release); /* already under way: nothing more */
	static const char *const queries[] = {"wandel", "utrecht", "koffie stad", "65plus", "zz", "Één", ""};
	int *a = xmalloc((size_t)ahead->nactivities * sizeof *a), *b = xmalloc((size_t)ahead->nactivities * sizeof *b);
	int na = search_catalogue(ahead, queries[0], a, ahead->nactivities); /* waits for the thread */
	long grew_ahead = rss_file_kb() - before;
	assert_true(releases >= 1);
	int nb = search_catalogue(at_search, queries[0], b, at_search->nactivities); /* made here, kept */
	long grew_at_search = rss_file_kb() - before - grew_ahead;
	assert_true(na > 0);
	for (size_t q = 0; q < ARRAY_LEN(queries); q++) {
		na = search_catalogue(ahead, queries[q], a, ahead->nactivities);
		nb = search_catalogue(at_search, queries[q], b, at_search->nactivities);
		assert_int_equal(na, nb);
		assert_memory_equal(a, b, (size_t)na * sizeof *a);
	}
	assert_int_equal(na, ahead->nactivities); /* "" matches all */
	if (grew_ahead >= grew_at_search)
		fail_msg("the strings read for the search texts stayed mapped: %ld kB, %ld kB without letting go",
			 grew_ahead, grew_at_search);
	free(a);
	free(b);
	content_free(ahead);
	content_free(at_search);
	content *gone = load_once(f->dir, f->cache, &from);
	search_prepare(gone, NULL);
	content_free(gone); /* while its thread still reads it */
}

/* Ranking for a person who speaks no Dutch compares the languages of every activity: they are
 * kept in memory with the ids, so reading them maps no page of the strings (in the chunks
 * they took such a suggestion from 89 to 146 MB at 100,000 activities). */
static void languages_are_read_without_the_strings(void **state)
{
	fixture *f = *state;
	cJSON *a;
	cJSON_ArrayForEach(a, f->list) /* the bundled ones mostly have none */
		cJSON_ReplaceItemInObjectCaseSensitive(a, "languages", cJSON_CreateStringArray((const char *[]){"nl", "tr"}, 2));
	write_activities(f->dir, f->list, false);
	content *c = make_and_map(f->dir, f->cache);
	content_release_strings(c);
	long before = rss_file_kb();
	size_t bytes = 0;
	for (int i = 0; i < c->nactivities; i++)
		for (int k = 0; k < c->activities[i].nlanguages; k++)
			bytes += strlen(c->activities[i].languages[k]);
	long grew = rss_file_kb() - before;
	assert_int_equal(bytes, 4 * BIG);
	if (grew >= 512) /* in the chunks: a page for nearly every activity, 1.1 MB (a sanitizer
			  * maps some pages of its own code here) */
		fail_msg("reading the languages mapped %ld kB of the catalogue's strings", grew);
	content_free(c);
}

/* Changes the first letter of the n-th name in dir/activities.json, in place: the file keeps
 * its size. Returns the new letter. */
static char rename_in_place(const char *dir, int n)
{
	char *p = xasprintf("%s/activities.json", dir);
	size_t len;
	char *text = read_file(p, &len), *at = text;
	for (int i = 0; i < n; i++)
		at = strstr(at + 1, "\"name\": \"");
	at += strlen("\"name\": \"");
	*at = *at == 'Q' ? 'R' : 'Q';
	char letter = *at;
	testdir_write(p, text, len);
	free(text);
	free(p);
	return letter;
}

/* After each change the cache is not used, and the change shows. */
static void cache_is_made_again_when_what_it_was_made_from_changes(void **state)
{
	fixture *f = *state;
	const char *t = f->dir, *cache = f->cache;
	content_free(make_and_map(t, cache));
	bool from;
	char letter = rename_in_place(t, 150); /* the catalogue, its size unchanged */
	content *c = load_once(t, cache, &from);
	assert_false(from);
	assert_int_equal(c->activities[149].name[0], letter);
	content_free(c);
	content_free(load_once(t, cache, &from));
	assert_true(from);
	static const char *const others[] = {"profiles.json", "infokaart.json"}; /* white space only */
	for (size_t i = 0; i < ARRAY_LEN(others); i++) {
		char *p = xasprintf("%s/%s", t, others[i]);
		append_to(p, "\n");
		free(p);
		content_free(load_once(t, cache, &from));
		assert_false(from);
		content_free(load_once(t, cache, &from));
		assert_true(from);
	}
}

static void corrupt_cache_is_refused_and_made_again(void **state)
{
	fixture *f = *state;
	const char *t = f->dir, *cache = f->cache;
	content *c = make_and_map(t, cache);
	char *want = holdings(c);
	content_free(c);
	size_t len;
	char *good = read_file(cache, &len);
	/* one byte in: the header, the strings, the ids, the activities, the end */
	const size_t at[] = {40, 5000, len / 2, len - 4 * len / 10, len - len / 10, len - 20, len - 1};
	for (size_t k = 0; k <= ARRAY_LEN(at) + 2; k++) {
		char *bad = xmalloc(len);
		memcpy(bad, good, len);
		size_t blen = len;
		if (k < ARRAY_LEN(at))
			bad[at[k]] ^= 0x10;
		else if (k == ARRAY_LEN(at))
			blen = len - 4096; /* cut short */
		else if (k == ARRAY_LEN(at) + 1)
			blen = 0; /* empty */
		else
			memset(bad + 4096, 'x', len - 4096); /* not an image after its header */
		testdir_write(cache, bad, blen);
		bool from;
		c = load_once(t, cache, &from);
		if (from)
			fail_msg("a cache damaged in case %zu was used", k);
		char *got = holdings(c);
		assert_string_equal(got, want);
		free(got);
		content_free(c);
		content_free(load_once(t, cache, &from));
		assert_true(from); /* made again, sound */
		free(bad);
	}
	free(good);
	free(want);
}

static void leftovers_of_a_cut_off_build_are_removed(void **state)
{
	fixture *f = *state;
	const char *t = f->dir, *cache = f->cache;
	char *old = xasprintf("%s.a1b2c3", cache),
	     *young = xasprintf("%s.d4e5f6", cache), *other = xasprintf("%s/x.db-catalogue.cache.keep", t);
	testdir_write(old, "half an image", 13);
	testdir_write(young, "another build, still going", 26);
	testdir_write(other, "not ours", 8);
	struct timespec long_ago[2] = {{.tv_sec = time(NULL) - 3600}, {.tv_sec = time(NULL) - 3600}};
	assert_int_equal(utimensat(AT_FDCWD, old, long_ago, 0), 0);
	bool from;
	content_free(load_once(t, cache, &from));
	assert_int_equal(access(old, F_OK), -1);
	assert_int_equal(access(young, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	free(old);
	free(young);
	free(other);
}

static void cache_that_cannot_be_written_is_done_without(void **state)
{
	fixture *f = *state;
	const char *t = f->dir;
	char *cache = xasprintf("%s/no-such-folder/x.db-catalogue.cache", t);
	bool from;
	content *c = load_once(t, cache, &from);
	assert_false(from);
	assert_int_equal(c->nactivities, 200);
	assert_int_equal(access(cache, F_OK), -1);
	content_free(c);
	free(cache);
}

/* A disk that fills up while the cache is written, in its strings or in the part written last
 * (the activities are moved and relocated while the rest is written): the catalogue is loaded
 * all the same, as whole, and no cache or part of one is left. */
static void cache_whose_disk_fills_up_is_done_without(void **state)
{
	fixture *f = *state;
	const char *t = f->dir, *cache = f->cache;
	bool from;
	content_free(load_once(t, cache, &from));
	struct stat st;
	assert_int_equal(stat(cache, &st), 0);
	off_t whole = st.st_size;
	struct rlimit old;
	getrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_IGN);
	const off_t limits[] = {whole / 2, whole - 4096};
	for (size_t k = 0; k < ARRAY_LEN(limits); k++) {
		unlink(cache);
		struct rlimit lim = {(rlim_t)limits[k], old.rlim_max};
		assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
		content *c = load_once(t, cache, &from);
		setrlimit(RLIMIT_FSIZE, &old);
		assert_false(from);
		assert_int_equal(access(cache, F_OK), -1);
		assert_holds_as_whole(t, c);
		char *dir = xstrdup(cache), *slash = strrchr(dir, '/');
		*slash = '\0';
		char *cmd = xasprintf("ls '%s' | grep -c 'catalogue.cache.' >/dev/null", dir);
		assert_int_not_equal(system(cmd), 0); /* no build left behind */
		free(cmd);
		free(dir);
	}
	signal(SIGXFSZ, SIG_DFL);
}

static void small_catalogue_is_not_cached_and_in_the_arena(void **state)
{
	fixture *f = *state;
	const char *cache = f->cache;
	content_source src = {.cache = cache, .cache_min = 1 << 20};
	diags d = {0};
	content *c = NULL;
	assert_int_equal(content_load_from(bundled_dir(), &src, &c, &d), 0);
	assert_int_equal(access(cache, F_OK), -1);
	assert_null(c->image); /* in the arena: cheaper to make */
	content_free(c);
}

static void check_keeps_nothing_and_finds_what_loading_finds(void **state)
{
	fixture *f = *state;
	const char *t = f->dir;
	diags d = {0};
	assert_int_equal(content_check_path(t, NULL, &d), 0);
	edit_activities(t, "\"mobility\"", BIG - 10, "\"mobility\": \"", "\"mobility\": \"vliegend_");
	assert_int_equal(content_check_path(t, NULL, &d), 1);
	char *ref = problems(t, (content_source){.whole = true});
	char line[200];
	snprintf(line, sizeof line, "%d:%d: %s\n", d.v[0].line, d.v[0].col, d.v[0].msg);
	assert_string_equal(line, ref);
	free(ref);
	diags_free(&d);
}

int main(void)
{
	/* the size of each test's catalogue (see with_catalogue) */
#define T(test, n) cmocka_unit_test_prestate_setup_teardown(test, with_catalogue, without_catalogue, (void *)(intptr_t)(n))
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(image_holds_what_the_arena_holds),
		T(big_catalogue_reads_across_window_edges, BIG),
		T(big_catalogue_is_read_in_parts_as_whole, BIG),
		T(cut_inside_an_activity_is_passed_over, 600),
		T(one_two_and_many_parts_read_the_same, BIG),
		T(cut_lookalikes_in_strings_and_nested_objects_are_passed_over, 600),
		T(mistake_in_the_third_part_is_reported_at_its_place, BIG),
		T(catalogue_just_over_the_threshold_is_read_in_parts, BIG),
		T(activity_bigger_than_a_window_reads_whole, 20),
		T(blanks_longer_than_a_window_between_elements, 300),
		T(small_catalogue_reads_across_its_smaller_window, 100),
		T(version_after_the_list_reads_whole_and_the_same, BIG),
		T(mistakes_late_in_a_big_catalogue_are_reported_as_whole, BIG),
		T(cache_is_made_then_mapped, BIG),
		T(released_strings_are_read_again, BIG),
		T(languages_are_read_without_the_strings, BIG),
		T(search_texts_are_made_ahead_and_let_go_of_the_strings, BIG),
		T(cache_is_made_again_when_what_it_was_made_from_changes, 200),
		T(corrupt_cache_is_refused_and_made_again, 400),
		T(leftovers_of_a_cut_off_build_are_removed, 200),
		T(cache_that_cannot_be_written_is_done_without, 200),
		T(cache_whose_disk_fills_up_is_done_without, 200),
		T(small_catalogue_is_not_cached_and_in_the_arena, 0),
		T(check_keeps_nothing_and_finds_what_loading_finds, BIG),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
