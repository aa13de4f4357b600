/* unit_draft.c: a walk interrupted by SIGTERM or SIGHUP is kept as text and comes back as it
 * was: every kind of answer, the position, the chosen profile and activity, the record form's
 * choices and the note (flow_draft_text, content_read_draft, flow_resume). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "content.h"
#include "load.h"
#include "content_answers.h"
#include "flow.h"
#include "util.h"

static content *load(void)
{
	diags d = {0};
	content *c = NULL;
	if (content_load(getenv("INFOKAART_CONTENT"), &c, &d) != 0)
		diags_print(&d, stderr);
	diags_free(&d);
	assert_non_null(c);
	return c;
}

static void pick(flow *f, const char *qid, const char *oid)
{
	int q = content_question_index(f->c, qid);
	assert_true(q >= 0);
	int o = content_option_index(&f->c->questions[q], oid);
	assert_true(o >= 0);
	if (f->c->questions[q].type == Q_MULTI)
		answers_toggle(f->ans, q, o);
	else
		answers_set_single(f->ans, q, o);
}

/* Walks forward through whatever is asked, answering the required questions it meets. */
static void answer_all(flow *f)
{
	pick(f, "role", "wijkagent");
	pick(f, "wants_support", "ja");
	pick(f, "onset", "lang");
	pick(f, "wish", "meer_contact");
	pick(f, "capacity", "met_hulp");
	pick(f, "loneliness_kind", "sociaal");
	pick(f, "loneliness_kind", "emotioneel");
	pick(f, "age_group", "age_65plus");
	pick(f, "wijk", "overvecht");
	pick(f, "languages", "nl");
	answers_set_value(f->ans, content_question_index(f->c, "contacts_per_week"), 3);
	answers_set_text(f->ans, content_question_index(f->c, "wishes"), "weer \"samen\" eten, één keer per week");
}

static void an_interrupted_walk_comes_back_as_it_was(void **state)
{
	(void)state;
	content *c = load();
	int today = date_days(2026, 11, 23);
	flow *f = flow_new(c, today);
	answer_all(f);
	while (flow_current(f).kind != STEP_SUGGEST)
		assert_int_equal(flow_next(f, NULL), 0);
	flow_set_profile(f, f->profile); /* as inferred */
	flow_choose(f, 1);
	assert_int_equal(flow_next(f, NULL), 0);
	assert_int_equal(flow_current(f).kind, STEP_RECORD);
	f->consent = CONSENT_YES;
	f->consent_how = 1;
	f->followup = today + 20;
	flow_set_note(f, "belt dinsdag, \"graag\" — één");
	char *text = flow_draft_text(f);

	flow *g = flow_new(c, today);
	content_draft x;
	diags d = {0};
	assert_int_equal(content_read_draft(c, text, g->ans, &x, &d), 0);
	diags_free(&d);
	flow_resume(g, x.step, x.profile, x.activity);
	for (int q = 0; q < c->nquestions; q++) {
		if (c->questions[q].type == Q_TEXT) { /* shown only, never kept: not in the draft */
			assert_false(g->ans->a[q].set);
			continue;
		}
		assert_int_equal(f->ans->a[q].set, g->ans->a[q].set);
		assert_true(f->ans->a[q].opts == g->ans->a[q].opts);
		if (c->questions[q].type == Q_NUMBER && f->ans->a[q].set)
			assert_int_equal(f->ans->a[q].value, g->ans->a[q].value);
	}
	assert_int_equal(g->pos, f->pos);
	assert_int_equal(g->profile, f->profile);
	assert_ptr_equal(flow_chosen_activity(g), flow_chosen_activity(f));
	assert_int_equal(x.consent, CONSENT_YES);
	assert_int_equal(x.consent_how, 1);
	assert_int_equal(x.followup, today + 20);
	assert_string_equal(x.note, "belt dinsdag, \"graag\" — één");
	assert_true(flow_back(g) == 0); /* the history was rebuilt: back works */
	free(x.note);
	free(text);
	flow_free(f);
	flow_free(g);
	content_free(c);
}

static void a_draft_stops_where_the_answers_run_out(void **state)
{
	(void)state;
	content *c = load();
	flow *f = flow_new(c, date_days(2026, 11, 23));
	content_draft x;
	diags d = {0};
	/* the role answered, then a step far ahead: resuming stops at the first unanswered
	 * required question instead of skipping it */
	assert_int_equal(content_read_draft(c, "{\"role\":\"huisarts\",\"_step\":40}", f->ans, &x, &d), 0);
	flow_resume(f, x.step, x.profile, x.activity);
	assert_int_equal(flow_current(f).kind, STEP_QUESTION);
	assert_string_equal(c->questions[flow_current(f).index].id, "wants_support");
	diags_free(&d);
	flow_free(f);
	content_free(c);
}

static void a_draft_that_no_longer_fits_the_content_is_refused(void **state)
{
	(void)state;
	content *c = load();
	answers *as = answers_new(c);
	content_draft x;
	diags d = {0};
	assert_int_equal(content_read_draft(c, "{\"role\":\"astronaut\",\"_step\":3}", as, &x, &d), -1);
	assert_true(d.n > 0);
	assert_non_null(strstr(d.v[0].msg, "astronaut"));
	diags_free(&d);
	answers_free(as);
	content_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_interrupted_walk_comes_back_as_it_was),
		cmocka_unit_test(a_draft_stops_where_the_answers_run_out),
		cmocka_unit_test(a_draft_that_no_longer_fits_the_content_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
