/* fuzz_answers.c: libFuzzer target for the answers-file reader (`infokaart suggest --answers`)
 * and the two readers that share it. The first byte of an input picks which (modulo 3): 0, an
 * answers file (read against the bundled content, then, when it reads cleanly, a profile and
 * suggestions computed from it, as `suggest` does); 1, a training case file checked against
 * the content; 2, a draft as the database keeps it (read from memory, then taken up by a walk
 * as app_draft_take does, and written out again). Messages must be safe to print and carry
 * their place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "load.h"
#include "content_answers.h"
#include "flow.h"
#include "summary.h"
#include "fuzz_common.h"
#include "profile.h"
#include "rank.h"
#include "text.h"
#include "training.h"

static content *c;
static char answers_path[600], case_path[600];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	diags d = {0};
	if (content_load(fuzz_content_dir(), &c, &d) != 0) {
		diags_print(&d, stderr);
		abort();
	}
	diags_free(&d);
	snprintf(answers_path, sizeof answers_path, "%s/answers.json", fuzz_tmpdir());
	/* a case file's id must be its file name: one of the bundled cases' */
	snprintf(case_path, sizeof case_path, "%s/leeg_huis.json", fuzz_tmpdir());
	return 0;
}

static void check_messages(const diags *d)
{
	for (int i = 0; i < d->n; i++) {
		const char *m = d->v[i].msg;
		char *safe = text_sanitize(m, false);
		if (!d->v[i].file || !text_utf8_valid(m, strlen(m), NULL) || strcmp(safe, m) != 0) {
			fprintf(stderr, "fuzz_answers: unsafe or unplaced message: %s\n", safe);
			abort();
		}
		free(safe);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	diags d = {0};
	if (data[0] % 3 == 2) {
		char *text = strndup((const char *)data + 1, size - 1);
		flow *f = flow_new(c, date_days(2026, 11, 23));
		content_draft x;
		if (content_read_draft(c, text, f->ans, &x, &d) == 0) {
			content_draft_resume(f, &x); /* as app_draft_take takes it up */
			/* recording indexes flow_consent_how_ids with it (a crash once: regress/) */
			if (x.consent < 0 || x.consent > 2 || x.consent_how < -1 || x.consent_how > 1 || x.step < 0) {
				fprintf(stderr, "fuzz_answers: a draft value the flow cannot hold\n");
				abort();
			}
			char *again = flow_draft_text(f);
			char *slip = summary_slip(f, LANG_NL);
			free(again);
			free(slip);
		}
		free(x.note);
		flow_free(f);
		free(text);
	} else if (data[0] % 3 == 0) {
		fuzz_write(answers_path, data + 1, size - 1);
		answers *as = answers_new(c);
		if (content_read_answers(c, answers_path, as, &d) == 0) {
			profile_result pr;
			profile_infer(c, as, &pr);
			suggestion s[16];
			int n = rank_suggest(c, as, pr.chosen, date_days(2026, 11, 23), s, 16);
			for (int i = 0; i < n; i++) {
				char buf[512];
				for (int k = 0; k < s[i].nreasons; k++)
					rank_reason_text(c, &s[i].reasons[k], LANG_NL, buf, sizeof buf);
			}
		}
		answers_free(as);
	} else {
		fuzz_write(case_path, data + 1, size - 1);
		content_check_case(c, case_path, &d);
	}
	check_messages(&d);
	diags_free(&d);
	return 0;
}
