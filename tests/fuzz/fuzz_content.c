/* fuzz_content.c: libFuzzer target for the content loader. The first byte of an input picks
 * which content file the rest is (infokaart.json, crisis.json, profiles.json,
 * activities.json, djg6.json); it is written under that name into a folder of its own and
 * checked as `infokaart check FILE` does, with the other files taken from a small, valid
 * fallback folder (the bundled content with its catalogue cut to three activities, so a run
 * stays fast). Beyond "no crash, no leak, no undefined behaviour" it checks what the user
 * reads: every message is valid UTF-8 without control characters, and carries its place. An
 * activities.json is also loaded in a folder of its own both ways: streamed into an image
 * (the fast path, which checks as it reads; by one reader, and in parts by several threads
 * with cuts every few bytes) and whole into the arena (the reference); they must agree on
 * every message and on every activity. */
#include <cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "hsds_export.h"
#include "load.h"
#include "fuzz_common.h"
#include "search.h"
#include "text.h"
#include "util.h"

static const char *const names[] = {"infokaart.json", "crisis.json", "profiles.json", "activities.json",
                                    "djg6.json"};
enum { NKINDS = sizeof names / sizeof names[0] };

static char fallback[512];
static char paths[NKINDS][600];
static char whole_dir[600]; /* the fallback's files and the input as activities.json */

/* Copies the bundled file into the fallback folder; the catalogue keeps three activities. */
static void copy_content_file(const char *name)
{
	char *src = xasprintf("%s/%s", fuzz_content_dir(), name);
	char *dst = xasprintf("%s/%s", fallback, name);
	size_t len;
	char *text = read_file(src, &len);
	if (!text) {
		fprintf(stderr, "fuzz_content: cannot read %s\n", src);
		abort();
	}
	if (strcmp(name, "activities.json") == 0) {
		cJSON *root = cJSON_ParseWithLength(text, len);
		cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "activities");
		while (cJSON_GetArraySize(list) > 3)
			cJSON_DeleteItemFromArray(list, 3);
		free(text);
		text = cJSON_Print(root);
		len = text ? strlen(text) : 0;
		cJSON_Delete(root);
		if (!text)
			abort();
	}
	fuzz_write(dst, (const uint8_t *)text, len);
	free(text);
	free(src);
	free(dst);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	snprintf(fallback, sizeof fallback, "%s/fallback", fuzz_tmpdir());
	mkdir(fallback, 0700);
	for (int k = 0; k < NKINDS; k++) {
		copy_content_file(names[k]);
		/* a folder per kind: a file checked alone takes its siblings first */
		char *dir = xasprintf("%s/k%d", fuzz_tmpdir(), k);
		mkdir(dir, 0700);
		snprintf(paths[k], sizeof paths[k], "%s/%s", dir, names[k]);
		free(dir);
	}
	snprintf(whole_dir, sizeof whole_dir, "%s/both", fuzz_tmpdir());
	mkdir(whole_dir, 0700);
	for (int k = 0; k < NKINDS; k++) {
		char *from = xasprintf("%s/%s", fallback, names[k]), *to = xasprintf("%s/%s", whole_dir, names[k]);
		size_t len;
		char *text = read_file(from, &len);
		fuzz_write(to, (const uint8_t *)text, len);
		free(text);
		free(from);
		free(to);
	}
	diags d = {0};
	if (content_check_path(fallback, NULL, &d) != 0) { /* the fuzzer would only see errors */
		diags_print(&d, stderr);
		abort();
	}
	diags_free(&d);
	return 0;
}

/* What reaches the user must be safe to print, and say where. */
static void check_messages(const diags *d)
{
	for (int i = 0; i < d->n; i++) {
		const diag *e = &d->v[i];
		const char *m = e->msg;
		if (!e->file || e->line < 0 || e->col < 0 || !m || !text_utf8_valid(m, strlen(m), NULL)) {
			fprintf(stderr, "fuzz_content: message %d has no place or is not UTF-8\n", i);
			abort();
		}
		char *safe = text_sanitize(m, false);
		if (strcmp(safe, m) != 0) {
			fprintf(stderr, "fuzz_content: message with a control character: %s\n", safe);
			abort();
		}
		free(safe);
	}
}

/* The messages and activities of one load of whole_dir, as text. */
static char *load_as_text(content_source src)
{
	diags d = {0};
	content *c = NULL;
	strbuf b = {0};
	sb_printf(&b, "%d\n", content_load_from(whole_dir, &src, &c, &d));
	for (int i = 0; i < d.n; i++)
		sb_printf(&b, "%d:%d: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
	if (c) {
		hsds_activities_json(c, c->activities, c->nactivities, &b);
		for (int i = 0; i < c->nactivities; i++)
			sb_printf(&b, "%s\n", search_text(c, i));
	}
	content_free(c);
	diags_free(&d);
	return sb_take(&b);
}

/* The streamed reading into an image says and holds what the whole reading says and holds. */
static void check_both_ways(const uint8_t *data, size_t size)
{
	char *p = xasprintf("%s/activities.json", whole_dir);
	fuzz_write(p, data, size);
	free(p);
	char *ref = load_as_text((content_source){.whole = true, .in_arena = true});
	/* streamed by one reader; and in parts by several threads, cut near every 61 bytes (what
	 * looks like an element's start there, inside one too) */
	const content_source ways[] = {{.in_image = true, .split_at = SIZE_MAX}, {.in_image = true, .split_at = 61}};
	for (size_t i = 0; i < sizeof ways / sizeof ways[0]; i++) {
		char *fast = load_as_text(ways[i]);
		if (strcmp(fast, ref) != 0) {
			fprintf(stderr, "fuzz_content: streamed (%s) and whole readings differ:\n--- streamed\n%s--- whole\n%s",
				i ? "in parts" : "one reader", fast, ref);
			abort();
		}
		free(fast);
	}
	free(ref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int k = data[0] % NKINDS;
	fuzz_write(paths[k], data + 1, size - 1);
	diags d = {0};
	int n = content_check_path(paths[k], fallback, &d);
	if (n != d.n) {
		fprintf(stderr, "fuzz_content: %d errors counted, %d listed\n", n, d.n);
		abort();
	}
	check_messages(&d);
	diags_free(&d);
	if (strcmp(names[k], "activities.json") == 0)
		check_both_ways(data + 1, size - 1);
	return 0;
}
