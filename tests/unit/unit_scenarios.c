/* unit_scenarios.c: worked cases a person can check by reading the content. Each answers file
 * tests/data/scenarios/<name>.json tells a story in its "_comment"; <name>.expected names the
 * profile that content/profiles.json gives for it and activities that content/activities.json
 * makes fit (with the reason in a comment), which must be among the first five of ten
 * suggestions. Also: content_read_answers reports each mistake in an answers file at its
 * file:line:column. */
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

typedef struct {
	char profile[65];
	char top[8][65];
	int ntop;
} expected;

static void read_expected(const char *path, expected *e)
{
	char *text = read_file(path, NULL);
	if (!text)
		fail_msg("cannot read %s: %s", path, strerror(errno));
	memset(e, 0, sizeof *e);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char key[16], id[65];
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%15s %64s", key, id) != 2)
			fail_msg("%s: bad line '%s'", path, line);
		if (strcmp(key, "profile") == 0)
			snprintf(e->profile, sizeof e->profile, "%s", id);
		else if (strcmp(key, "top5") == 0 && e->ntop < 8)
			snprintf(e->top[e->ntop++], sizeof e->top[0], "%s", id);
		else
			fail_msg("%s: unknown line '%s'", path, line);
	}
	free(text);
	if (!e->profile[0] || !e->ntop)
		fail_msg("%s: needs a profile line and at least one top5 line", path);
}

static void print_ranking(const suggestion *s, int n)
{
	for (int i = 0; i < n; i++)
		fprintf(stderr, "#   %2d. %-32s %d\n", i + 1, C->activities[s[i].activity].id, s[i].score);
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

	profile_result pr;
	profile_infer(C, as, &pr);
	int want = content_profile_index(C, e.profile);
	assert_true(want >= 0);
	if (pr.state != PROFILE_SELECTED || pr.chosen != want)
		fail_msg("%s: expected profile %s, got state %d, %s", name, e.profile, pr.state,
			 pr.chosen >= 0 ? C->profiles[pr.chosen].id : "(none)");

	suggestion s[ASKED];
	int n = rank_suggest(C, as, pr.chosen, date_days(2026, 11, 23), s, ASKED);
	assert_int_equal(n, ASKED);
	bool ok = true, human = false;
	for (int k = 0; k < e.ntop; k++) {
		int a = content_activity_index(C, e.top[k]);
		if (a < 0)
			fail_msg("%s: no activity '%s'", exp_path, e.top[k]);
		bool found = false;
		for (int i = 0; i < n && i < TOP; i++)
			found |= s[i].activity == a;
		if (!found) {
			fprintf(stderr, "# %s: %s is not in the first %d\n", name, e.top[k], TOP);
			ok = false;
		}
	}
	for (int i = 0; i < n; i++)
		human |= C->activities[s[i].activity].human_route;
	if (!ok || !human) {
		print_ranking(s, n);
		fail_msg("%s: the suggestions do not follow from the content (human route: %d)", name, human);
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

/* ---- listing the cases ---- */
static int nscenarios;

static void at_least_four_scenarios_are_present(void **state)
{
	(void)state;
	assert_true(nscenarios >= 4);
}

int main(void)
{
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(at_least_four_scenarios_are_present),
		cmocka_unit_test(read_answers_reports_an_unknown_question_id),
		cmocka_unit_test(read_answers_reports_an_unknown_option_id),
		cmocka_unit_test(read_answers_reports_an_unknown_option_in_a_list),
		cmocka_unit_test(read_answers_reports_wrong_types_and_ranges),
		cmocka_unit_test(read_answers_reports_a_syntax_error_at_its_place),
		cmocka_unit_test(read_answers_fills_the_answers_and_skips_notes),
	};
	char **names = testdata_list("scenarios", false, ".json", &nscenarios);
	size_t nfixed = ARRAY_LEN(fixed), n = nfixed + (size_t)nscenarios;
	struct CMUnitTest *tests = xcalloc(n, sizeof *tests);
	char **labels = xcalloc((size_t)nscenarios + 1, sizeof *labels);
	memcpy(tests, fixed, sizeof fixed);
	for (int i = 0; i < nscenarios; i++) {
		labels[i] = xasprintf("scenario_%s", names[i]);
		tests[nfixed + (size_t)i] =
			(struct CMUnitTest){.name = labels[i], .test_func = scenario, .initial_state = names[i]};
	}
	int r = _cmocka_run_group_tests("scenarios", tests, n, load_content, free_content);
	for (int i = 0; i < nscenarios; i++) {
		free(names[i]);
		free(labels[i]);
	}
	free(names);
	free(labels);
	free(tests);
	return r;
}
