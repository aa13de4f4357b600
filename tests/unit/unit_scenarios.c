/* unit_scenarios.c: worked cases a coordinator can check by reading the content. Each answers
 * file tests/data/scenarios/<name>.json tells a story in its "_comment"; <name>.expected says
 * what content/profiles.json and content/activities.json must make of it, one line each, with
 * the reason in a comment:
 *   profile ID|none   the profile the rules give (none: no profile holds)
 *   top5 ID           among the first five suggestions
 *   any5 ID ID ...    at least one of these among the first five
 *   not5 ID           not among the first five
 *   never ID          not suggested at all (neither ranked nor as the human route)
 *   route ID          the human route shown beside the activities
 *   crisis            the answers hold a signal that opens the crisis screen first
 * Also: content_read_answers reports each mistake in an answers file at its file:line:column. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "answers.h"
#include "content.h"
#include "load.h"
#include "content_answers.h"
#include "profile.h"
#include "rank.h"
#include "testdata.h"
#include "util.h"

#define TOP 5
#define ASKED 10

static content *C; /* the bundled content, loaded once */

static int load_content(void **state)
{
	(void)state;
	const char *dir = getenv("INFOKAART_CONTENT");
	diags d = {0};
	if (!dir || content_load(dir, &C, &d) != 0) {
		diags_print(&d, stderr);
		diags_free(&d);
		return -1;
	}
	return 0;
}

static int free_content(void **state)
{
	(void)state;
	content_free(C);
	C = NULL;
	return 0;
}

static char *data_path(const char *rel)
{
	const char *data = getenv("INFOKAART_TEST_DATA");
	if (!data)
		fail_msg("INFOKAART_TEST_DATA is not set");
	return xasprintf("%s/%s", data, rel);
}

/* ---- the worked cases ---- */

enum { MAX_LINES = 24, MAX_ANY = 8 };

typedef enum { EXP_TOP5, EXP_ANY5, EXP_NOT5, EXP_NEVER, EXP_ROUTE } exp_kind;

typedef struct {
	exp_kind kind;
	char ids[MAX_ANY][65];
	int nids;
} exp_line;

typedef struct {
	char profile[65]; /* "none": no profile */
	bool crisis;
	exp_line lines[MAX_LINES];
	int nlines;
} expected;

static void read_expected(const char *path, expected *e)
{
	static const char *const keys[] = {"top5", "any5", "not5", "never", "route"};
	char *text = read_file(path, NULL);
	if (!text)
		fail_msg("cannot read %s: %s", path, strerror(errno));
	memset(e, 0, sizeof *e);
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char key[16];
		int used = 0;
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%15s%n", key, &used) != 1)
			fail_msg("%s: bad line '%s'", path, line);
		if (strcmp(key, "crisis") == 0) {
			e->crisis = true;
			continue;
		}
		if (strcmp(key, "profile") == 0) {
			if (sscanf(line + used, "%64s", e->profile) != 1)
				fail_msg("%s: bad line '%s'", path, line);
			continue;
		}
		int k = 0;
		while (k < (int)ARRAY_LEN(keys) && strcmp(key, keys[k]) != 0)
			k++;
		if (k == (int)ARRAY_LEN(keys) || e->nlines == MAX_LINES)
			fail_msg("%s: unknown line '%s'", path, line);
		exp_line *l = &e->lines[e->nlines++];
		l->kind = (exp_kind)k;
		int n;
		for (char *p = line + used; l->nids < MAX_ANY && sscanf(p, "%64s%n", l->ids[l->nids], &n) == 1; p += n)
			l->nids++;
		if (!l->nids || (l->kind != EXP_ANY5 && l->nids != 1))
			fail_msg("%s: bad line '%s'", path, line);
	}
	free(text);
	if (!e->profile[0] || !e->nlines)
		fail_msg("%s: needs a profile line and at least one line about the suggestions", path);
}

static void print_ranking(const suggestion *s, int n)
{
	for (int i = 0; i < n; i++)
		fprintf(stderr, "#   %2d. %-32s %d%s\n", i + 1, C->activities[s[i].activity].id, s[i].score,
			s[i].route ? " (the human route, apart)" : "");
}

static int activity(const char *path, const char *id)
{
	int a = content_activity_index(C, id);
	if (a < 0)
		fail_msg("%s: no activity '%s'", path, id);
	return a;
}

/* Place (0-based) of activity a among the n suggestions (the ranked ones first, the human
 * route last), or -1. */
static int place(const suggestion *s, int n, int a)
{
	for (int i = 0; i < n; i++)
		if (s[i].activity == a)
			return i;
	return -1;
}

/* Whether one line of the .expected file holds for the suggestions; says why not on stderr. */
static bool line_holds(const char *name, const char *path, const exp_line *l, const suggestion *s, int n)
{
	static const char *const what[] = {"is not in the first 5", "none is in the first 5", "is in the first 5",
					   "is suggested", "is not the human route"};
	int a = activity(path, l->ids[0]), at = place(s, n, a);
	bool ok = false;
	switch (l->kind) {
	case EXP_TOP5: ok = at >= 0 && at < TOP; break;
	case EXP_NOT5: ok = at < 0 || at >= TOP; break;
	case EXP_NEVER: ok = at < 0; break;
	case EXP_ROUTE: ok = at >= 0 && s[at].route; break;
	case EXP_ANY5:
		for (int k = 0; k < l->nids && !ok; k++) {
			at = place(s, n, activity(path, l->ids[k]));
			ok = at >= 0 && at < TOP;
		}
		break;
	}
	if (!ok)
		fprintf(stderr, "# %s: %s%s %s\n", name, l->ids[0], l->nids > 1 ? " ..." : "", what[l->kind]);
	return ok;
}

static void scenario(void **state)
{
	const char *name = *state;
	char *rel = xasprintf("scenarios/%s.json", name), *ans = data_path(rel);
	free(rel);
	rel = xasprintf("scenarios/%s.expected", name);
	char *exp_path = data_path(rel);
	free(rel);
	expected e;
	read_expected(exp_path, &e);

	answers *as = answers_new(C);
	diags d = {0};
	if (content_read_answers(C, ans, as, &d) != 0) {
		diags_print(&d, stderr);
		fail_msg("%s does not read", ans);
	}
	/* a real walk: every question that applies and is required has its answer */
	for (int q = 0; q < C->nquestions; q++)
		if (answers_applies(as, q) && !answers_complete(as, q))
			fail_msg("%s: required question %s is not answered", name, C->questions[q].id);
	if (e.crisis != answers_crisis(as))
		fail_msg("%s: the answers %s a signal that opens the crisis screen", name, e.crisis ? "hold no" : "hold");

	profile_result pr;
	profile_infer(C, as, &pr);
	bool none = strcmp(e.profile, "none") == 0;
	int want = none ? -1 : content_profile_index(C, e.profile);
	assert_true(none || want >= 0);
	if (none ? pr.state == PROFILE_SELECTED : pr.state != PROFILE_SELECTED || pr.chosen != want)
		fail_msg("%s: expected profile %s, got state %d, %s", name, e.profile, pr.state,
			 pr.chosen >= 0 ? C->profiles[pr.chosen].id : "(none)");

	suggestion s[ASKED];
	int n = rank_suggest(C, as, pr.chosen, date_days(2026, 11, 23), s, ASKED);
	bool ok = true, route = n > 0 && s[n - 1].route && C->activities[s[n - 1].activity].human_route;
	for (int k = 0; k < e.nlines; k++)
		ok &= line_holds(name, exp_path, &e.lines[k], s, n);
	for (int i = 0; i < n - 1; i++) /* the human route is shown apart, never ranked among the activities */
		ok &= !C->activities[s[i].activity].human_route && !s[i].route;
	if (!ok || !route) {
		print_ranking(s, n);
		fail_msg("%s: the suggestions do not follow from the content (human route shown apart: %d)", name, route);
	}
	diags_free(&d);
	answers_free(as);
	free(ans);
	free(exp_path);
}

/* ---- content_read_answers ---- */

static char *tmp_answers(const char *text)
{
	const char *base = getenv("TMPDIR");
	char *dir = xasprintf("%s/ik_unit_answers_XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir))
		fail_msg("mkdtemp: %s", strerror(errno));
	char *path = xasprintf("%s/answers.json", dir);
	free(dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void remove_tmp_answers(char *path)
{
	unlink(path);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	rmdir(path);
	free(path);
}

/* Reads text as an answers file; expects exactly the n problems want[] ("LINE:COL: substring"). */
static void assert_answers_problems(const char *text, const char *const want[], int n)
{
	char *path = tmp_answers(text);
	answers *as = answers_new(C);
	diags d = {0};
	int r = content_read_answers(C, path, as, &d);
	bool ok = r == -1 && d.n == n;
	for (int i = 0; i < n; i++) {
		int line, col, used = 0;
		if (sscanf(want[i], "%d:%d: %n", &line, &col, &used) != 2 || !used)
			fail_msg("bad expectation '%s'", want[i]);
		bool found = false;
		for (int k = 0; k < d.n && !found; k++)
			found = d.v[k].line == line && d.v[k].col == col && strstr(d.v[k].msg, want[i] + used) &&
				d.v[k].file && strcmp(d.v[k].file, path) == 0;
		if (!found) {
			fprintf(stderr, "# missing %s\n", want[i]);
			ok = false;
		}
	}
	int nd = d.n;
	if (!ok)
		diags_print(&d, stderr);
	diags_free(&d);
	answers_free(as);
	remove_tmp_answers(path);
	if (!ok)
		fail_msg("content_read_answers returned %d with %d problems, %d expected", r, nd, n);
}

static void read_answers_reports_an_unknown_question_id(void **state)
{
	(void)state;
	assert_answers_problems("{\n"
				"  \"role\": \"huisarts\",\n"
				"  \"wjik\": \"overvecht\"\n"
				"}\n",
				(const char *const[]){"3:3: geen vraag heeft de id 'wjik'"}, 1);
}

static void read_answers_reports_an_unknown_option_id(void **state)
{
	(void)state;
	assert_answers_problems("{\n"
				"  \"wijk\": \"kanaleneiland\"\n"
				"}\n",
				(const char *const[]){"2:11: vraag 'wijk' heeft geen optie 'kanaleneiland'"}, 1);
}

static void read_answers_reports_an_unknown_option_in_a_list(void **state)
{
	(void)state;
	assert_answers_problems("{\"barriers\": [\"geld\",\n"
				"              \"trap\"]}\n",
				(const char *const[]){"2:15: vraag 'barriers' heeft geen optie 'trap'"}, 1);
}

static void read_answers_reports_wrong_types_and_ranges(void **state)
{
	(void)state;
	assert_answers_problems("{\n"
				"  \"age_group\": 80,\n"
				"  \"barriers\": \"geld\",\n"
				"  \"contacts_per_week\": 500,\n"
				"  \"contact_satisfaction\": 2.5,\n"
				"  \"wishes\": [\"dansen\"]\n"
				"}\n",
				(const char *const[]){
					"2:16: vraag 'age_group' wil één optie-id",
					"3:15: vraag 'barriers' wil een lijst van optie-ids",
					"4:24: vraag 'contacts_per_week' wil een heel getal van 0 tot en met 100",
					"5:27: vraag 'contact_satisfaction' wil een heel getal van 1 tot en met 5",
					"6:13: vraag 'wishes' wil tekst",
				},
				5);
}

static void read_answers_reports_a_syntax_error_at_its_place(void **state)
{
	(void)state;
	assert_answers_problems("{\n  \"role\": \"huisarts\"\n  \"wijk\": \"oost\"\n}\n",
				(const char *const[]){"3:3: ',' of '}' verwacht"}, 1);
}

static void read_answers_fills_the_answers_and_skips_notes(void **state)
{
	(void)state;
	char *path = tmp_answers("{\"_comment\": \"a note\", \"role\": \"huisarts\", \"barriers\": [\"geld\", \"taal\"],\n"
				 " \"contacts_per_week\": 3, \"wishes\": \"samen koken\"}\n");
	answers *as = answers_new(C);
	diags d = {0};
	assert_int_equal(content_read_answers(C, path, as, &d), 0);
	assert_int_equal(d.n, 0);
	int role = content_question_index(C, "role"), bar = content_question_index(C, "barriers");
	assert_int_equal(answers_single(as, role), content_option_index(&C->questions[role], "huisarts"));
	assert_true(answers_has_opt(as, bar, content_option_index(&C->questions[bar], "geld")));
	assert_true(answers_has_opt(as, bar, content_option_index(&C->questions[bar], "taal")));
	assert_int_equal(as->a[content_question_index(C, "contacts_per_week")].value, 3);
	assert_string_equal(as->a[content_question_index(C, "wishes")].text, "samen koken");
	answers_free(as);
	remove_tmp_answers(path);
}

static testdata_cases scenarios = {"scenarios", false, ".json", "scenario_", scenario, NULL, NULL, .at_least = 20};

int main(void)
{
	const struct CMUnitTest fixed[] = {
		TESTDATA_ENOUGH(at_least_twenty_scenarios_are_present, &scenarios),
		cmocka_unit_test(read_answers_reports_an_unknown_question_id),
		cmocka_unit_test(read_answers_reports_an_unknown_option_id),
		cmocka_unit_test(read_answers_reports_an_unknown_option_in_a_list),
		cmocka_unit_test(read_answers_reports_wrong_types_and_ranges),
		cmocka_unit_test(read_answers_reports_a_syntax_error_at_its_place),
		cmocka_unit_test(read_answers_fills_the_answers_and_skips_notes),
	};
	return testdata_run("scenarios", fixed, ARRAY_LEN(fixed), &scenarios, load_content, free_content);
}
