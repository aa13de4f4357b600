/* unit_content.c: the content loader. The bundled content loads clean and holds what the
 * program promises (catalogue size, profiles, human routes, pinned crisis numbers); every
 * case under tests/data/broken/<case>/ is refused whole, with each expected message at its
 * file:line:column and nothing else (all errors at once, no cascades); single files are
 * checked with their siblings; ids resolve to indices. Never touches $HOME: temporary
 * folders go under $TMPDIR or /tmp. */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "content.h"
#include "load.h"
#include "testdata.h"
#include "testdir.h"
#include "util.h"

static const char *const content_files[] = {"infokaart.json", "crisis.json", "profiles.json", "activities.json",
					    "djg6.json"};

static const char *bundled_dir(void)
{
	return testdata_env("INFOKAART_CONTENT");
}

/* Fills dir with a copy of the bundled content folder. */
static void copy_bundled_into(const char *dir)
{
	for (size_t i = 0; i < ARRAY_LEN(content_files); i++)
		testdir_copy(bundled_dir(), content_files[i], dir);
}

static const char *basename_of(const char *p)
{
	const char *s = p ? strrchr(p, '/') : NULL;
	return s ? s + 1 : (p ? p : "");
}

static content *load_bundled(void)
{
	content *c = NULL;
	diags d = {0};
	int r = content_load(bundled_dir(), &c, &d);
	if (r != 0 || d.n) {
		diags_print(&d, stderr);
		fail_msg("the bundled content does not load");
	}
	diags_free(&d);
	assert_non_null(c);
	return c;
}

/* ---- the bundled content ---- */

static void content_loads_bundled_without_errors(void **state)
{
	(void)state;
	content *c = NULL;
	diags d = {0};
	assert_int_equal(content_load(bundled_dir(), &c, &d), 0);
	assert_int_equal(d.n, 0);
	assert_non_null(c);
	assert_true(c->djg.present);
	content_free(c);
}

static void bundled_catalogue_has_at_least_45_activities_and_8_profiles(void **state)
{
	(void)state;
	content *c = load_bundled();
	assert_true(c->nactivities >= 45);
	assert_int_equal(c->nprofiles, 8);
	content_free(c);
}

static void every_profile_has_at_least_five_activities(void **state)
{
	(void)state;
	content *c = load_bundled();
	for (int p = 0; p < c->nprofiles; p++) {
		int n = 0;
		for (int a = 0; a < c->nactivities; a++)
			n += (int)(c->activities[a].profiles >> p & 1);
		if (n < 5)
			fail_msg("profile %s has only %d activities", c->profiles[p].id, n);
	}
	content_free(c);
}

static void bundled_has_exactly_the_three_human_routes(void **state)
{
	(void)state;
	content *c = load_bundled();
	static const char *const want[] = {"nizu_infolijn", "buurtteams", "welzijn_op_recept"};
	int n = 0;
	for (int a = 0; a < c->nactivities; a++)
		n += c->activities[a].human_route;
	assert_int_equal(n, 3);
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		int a = content_activity_index(c, want[i]);
		assert_true(a >= 0);
		assert_true(c->activities[a].human_route);
	}
	content_free(c);
}

static void assert_crisis_line(const content *c, const char *id, const char *const phones[], int n)
{
	const ik_crisis_line *l = NULL;
	for (int i = 0; i < c->ncrisis; i++)
		if (strcmp(c->crisis[i].id, id) == 0)
			l = &c->crisis[i];
	if (!l)
		fail_msg("crisis.json has no line '%s'", id);
	assert_int_equal(l->nphones, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(l->phones[i], phones[i]);
}

/* A change to these numbers must be made on purpose, here too (content/SCHEMA.md). The ids
 * are words because an id must start with a letter: 113 is zelfmoordpreventie, 112 is
 * alarmnummer. */
static void crisis_numbers_are_pinned(void **state)
{
	(void)state;
	content *c = load_bundled();
	assert_crisis_line(c, "zelfmoordpreventie", (const char *const[]){"113", "0800-0113"}, 2);
	assert_crisis_line(c, "alarmnummer", (const char *const[]){"112"}, 1);
	assert_crisis_line(c, "luisterlijn", (const char *const[]){"088 0767 000"}, 1);
	assert_crisis_line(c, "nizu", (const char *const[]){"030-2361745"}, 1);
	assert_int_equal(c->ncrisis, 4);
	content_free(c);
}

static void ids_resolve_to_indices(void **state)
{
	(void)state;
	content *c = load_bundled();
	int q = content_question_index(c, "wijk");
	assert_true(q >= 0);
	assert_string_equal(c->questions[q].id, "wijk");
	assert_int_equal(c->facet_q[FACET_WIJK], q);
	assert_int_equal(content_question_index(c, "wjik"), -1);
	int o = content_option_index(&c->questions[q], "overvecht");
	assert_true(o >= 0);
	assert_string_equal(c->questions[q].opts[o].id, "overvecht");
	assert_int_equal(content_option_index(&c->questions[q], "stad"), -1);
	int p = content_profile_index(c, "vangnet");
	assert_true(p >= 0);
	assert_string_equal(c->profiles[p].id, "vangnet");
	assert_int_equal(content_profile_index(c, "Vangnet"), -1);
	int a = content_activity_index(c, "wandelgroepen_overvecht");
	assert_true(a >= 0);
	assert_true(c->activities[a].wijken >> o & 1);
	assert_false(c->activities[a].citywide);
	assert_int_equal(content_activity_index(c, ""), -1);
	content_free(c);
}

static void conditions_resolve_to_question_and_option_bits(void **state)
{
	(void)state;
	content *c = load_bundled();
	int living = content_question_index(c, "living"), age = content_question_index(c, "age_group");
	const ik_question *aq = &c->questions[age];
	assert_int_equal(c->questions[living].nwhen, 1);
	const ik_cond *w = &c->questions[living].when[0];
	assert_int_equal(w->question, age);
	assert_false(w->none);
	uint64_t want = UINT64_C(1) << content_option_index(aq, "age_55_64") |
			UINT64_C(1) << content_option_index(aq, "age_65plus");
	assert_true(w->opts == want);
	content_free(c);
}

static void content_loads_without_the_optional_djg_module(void **state)
{
	const char *t = ((testdir_state *)*state)->dir;
	copy_bundled_into(t);
	char *djg = xasprintf("%s/djg6.json", t);
	assert_int_equal(unlink(djg), 0);
	free(djg);
	content *c = NULL;
	diags d = {0};
	assert_int_equal(content_load(t, &c, &d), 0);
	assert_int_equal(d.n, 0);
	assert_false(c->djg.present);
	content_free(c);
}

static void content_free_accepts_null(void **state)
{
	(void)state;
	content_free(NULL);
}

/* ---- content_check_path ---- */

static void content_check_path_accepts_the_bundled_folder(void **state)
{
	(void)state;
	diags d = {0};
	assert_int_equal(content_check_path(bundled_dir(), NULL, &d), 0);
	assert_int_equal(d.n, 0);
}

static void content_check_path_checks_a_file_with_its_siblings(void **state)
{
	/* the sibling infokaart.json renames question "onset": profiles.json, checked on its
	 * own, must be checked against that sibling, not against the fallback */
	const char *t = ((testdir_state *)*state)->dir;
	copy_bundled_into(t);
	char *ik = xasprintf("%s/infokaart.json", t);
	size_t len;
	char *text = read_file(ik, &len);
	char *p = strstr(text, "\"id\": \"onset\"");
	assert_non_null(p);
	memcpy(p, "\"id\": \"begin\"", 13);
	testdir_write(ik, text, len);
	free(text);
	free(ik);
	char *prof = xasprintf("%s/profiles.json", t);
	diags d = {0};
	int n = content_check_path(prof, bundled_dir(), &d);
	assert_int_equal(n, d.n);
	assert_true(n >= 1);
	for (int i = 0; i < d.n; i++) {
		assert_string_equal(basename_of(d.v[i].file), "profiles.json");
		assert_true(d.v[i].line > 0);
		assert_non_null(strstr(d.v[i].msg, "geen vraag heeft de id 'onset'"));
	}
	diags_free(&d);
	free(prof);
}

static void content_check_path_uses_fallback_for_missing_siblings(void **state)
{
	const char *t = ((testdir_state *)*state)->dir;
	testdir_copy(bundled_dir(), "activities.json", t);
	char *f = xasprintf("%s/activities.json", t);
	diags d = {0};
	assert_int_equal(content_check_path(f, bundled_dir(), &d), 0);
	assert_int_equal(d.n, 0);
	/* without a fallback the missing siblings are reported, by name */
	assert_true(content_check_path(f, NULL, &d) > 0);
	bool named = false;
	for (int i = 0; i < d.n; i++)
		named |= strcmp(basename_of(d.v[i].file), "infokaart.json") == 0;
	assert_true(named);
	diags_free(&d);
	free(f);
}

static void content_check_path_recognises_a_renamed_file_by_its_keys(void **state)
{
	/* an activities file saved under another name is still checked as activities.json (it
	 * names "profiles" in every entry, which must not make it look like profiles.json) */
	const char *t = ((testdir_state *)*state)->dir;
	char *from = xasprintf("%s/activities.json", bundled_dir());
	char *to = xasprintf("%s/catalogus-concept.json", t);
	testdir_copy_file(from, to);
	diags d = {0};
	int n = content_check_path(to, bundled_dir(), &d);
	char *from2 = xasprintf("%s/profiles.json", bundled_dir());
	char *to2 = xasprintf("%s/profielen.json", t);
	testdir_copy_file(from2, to2);
	int n2 = content_check_path(to2, bundled_dir(), &d);
	if (n || n2)
		diags_print(&d, stderr);
	diags_free(&d);
	free(from);
	free(to);
	free(from2);
	free(to2);
	if (n || n2)
		fail_msg("renamed files gave errors: activities %d, profiles %d", n, n2);
}

static void content_check_path_refuses_an_unknown_file(void **state)
{
	const char *t = ((testdir_state *)*state)->dir;
	char *f = xasprintf("%s/notes.json", t);
	testdir_write(f, "{\"hello\": 1}\n", 13);
	diags d = {0};
	assert_int_equal(content_check_path(f, bundled_dir(), &d), 1);
	assert_non_null(strstr(d.v[0].msg, "geen inhoudsbestand van infokaart"));
	diags_free(&d);
	free(f);
}

static void content_check_path_reports_a_missing_path(void **state)
{
	(void)state;
	diags d = {0};
	assert_int_equal(content_check_path("/nonexistent/infokaart-unit/activities.json", NULL, &d), 1);
	assert_non_null(strstr(d.v[0].msg, "bestand of map bestaat niet"));
	diags_free(&d);
}

/* ---- the broken cases ---- */

static void broken_content_case(void **state)
{
	const testdir_state *ts = *state;
	const char *name = ts->name, *t = ts->dir;
	char *casedir = xasprintf("%s/broken/%s", testdata_env("INFOKAART_TEST_DATA"), name);
	copy_bundled_into(t);
	int ncopied = 0;
	DIR *dp = opendir(casedir);
	assert_non_null(dp);
	for (struct dirent *e; (e = readdir(dp));) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0) {
			testdir_copy(casedir, e->d_name, t);
			ncopied++;
		}
	}
	closedir(dp);
	assert_true(ncopied > 0);

	content *c = (content *)&ncopied; /* must come back NULL, whatever it held */
	diags d = {0};
	int r = content_load(t, &c, &d);
	bool none = c == NULL;
	if (r == 0)
		content_free(c);
	testdata_expect_refused(casedir, "content_load", r, none, &d);
	free(casedir);
}

static testdata_cases broken = {"broken", true, NULL, "broken_content_", broken_content_case, testdir_setup,
				testdir_teardown, .at_least = 14};

int main(void)
{
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(content_loads_bundled_without_errors),
		cmocka_unit_test(bundled_catalogue_has_at_least_45_activities_and_8_profiles),
		cmocka_unit_test(every_profile_has_at_least_five_activities),
		cmocka_unit_test(bundled_has_exactly_the_three_human_routes),
		cmocka_unit_test(crisis_numbers_are_pinned),
		cmocka_unit_test(ids_resolve_to_indices),
		cmocka_unit_test(conditions_resolve_to_question_and_option_bits),
		cmocka_unit_test_setup_teardown(content_loads_without_the_optional_djg_module, testdir_setup, testdir_teardown),
		cmocka_unit_test(content_free_accepts_null),
		cmocka_unit_test(content_check_path_accepts_the_bundled_folder),
		cmocka_unit_test_setup_teardown(content_check_path_checks_a_file_with_its_siblings, testdir_setup, testdir_teardown),
		cmocka_unit_test_setup_teardown(content_check_path_uses_fallback_for_missing_siblings, testdir_setup, testdir_teardown),
		cmocka_unit_test_setup_teardown(content_check_path_recognises_a_renamed_file_by_its_keys, testdir_setup, testdir_teardown),
		cmocka_unit_test_setup_teardown(content_check_path_refuses_an_unknown_file, testdir_setup, testdir_teardown),
		cmocka_unit_test(content_check_path_reports_a_missing_path),
		TESTDATA_ENOUGH(broken_cases_are_present, &broken),
	};
	return testdata_run("content", fixed, ARRAY_LEN(fixed), &broken, NULL, NULL);
}
