/* fuzz_hsds.c: libFuzzer target for the HSDS import (hsds.h). The input is written as an HSDS
 * file and imported against the bundled content. Beyond "no crash, no leak, no undefined
 * behaviour" it checks what the import promises: every note is one line of valid UTF-8 with
 * its place, and whatever the input, the activities.json it writes (with a human route added
 * when it has none, as the command does) passes the loader's own check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "load.h"
#include "fuzz_common.h"
#include "hsds_export.h"
#include "hsds_import.h"
#include "text.h"
#include "util.h"

static content *C;
static char in_path[600], out_path[600];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	C = fuzz_content();
	snprintf(in_path, sizeof in_path, "%s/publication.json", fuzz_tmpdir());
	char *dir = xasprintf("%s/out", fuzz_tmpdir());
	mkdir(dir, 0700);
	snprintf(out_path, sizeof out_path, "%s/activities.json", dir);
	free(dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write(in_path, data, size);
	arena *a = arena_new();
	hsds_import_result r;
	diags d = {0};
	hsds_import(C, in_path, 20775, a, &r, &d);
	fuzz_check_messages(&d, "fuzz_hsds");
	diags_free(&d);
	ik_activity *v = xcalloc((size_t)r.n + 1, sizeof *v);
	memcpy(v, r.activities, (size_t)r.n * sizeof *v);
	int n = r.n;
	bool human = false;
	for (int i = 0; i < n; i++)
		human |= v[i].human_route;
	for (int i = 0; i < C->nactivities && !human; i++)
		if (C->activities[i].human_route && content_activity_index(C, C->activities[i].id) >= 0) {
			bool taken = false;
			for (int k = 0; k < n && !taken; k++)
				taken = strcmp(v[k].id, C->activities[i].id) == 0;
			if (!taken) {
				v[n++] = C->activities[i];
				human = true;
			}
		}
	strbuf json = {0};
	hsds_activities_json(C, v, n, &json);
	fuzz_write(out_path, (const uint8_t *)json.s, json.len);
	int errors = content_check_path(out_path, fuzz_content_dir(), &d);
	if (errors && human) {
		diags_print(&d, stderr);
		fprintf(stderr, "fuzz_hsds: the import wrote a catalogue that check refuses\n");
		abort();
	}
	diags_free(&d);
	sb_free(&json);
	free(v);
	arena_free(a);
	return 0;
}
