/* unit_hsds.c: Open Referral HSDS 3.0 in and out (hsds.h). The official examples (vendored
 * in tests/data/hsds/examples, CC BY-SA 4.0) import with everything that does not fit
 * reported at its file:line:col; our own Utrecht sample maps wijk names, weekly sessions,
 * costs, languages and our attributes; defaults are said, never silent; the bundled catalogue
 * survives export and import unchanged in every field HSDS carries; the export streamed a
 * chunk at a time gives the same bytes; the activities.json an
 * import writes passes the loader's own check. Temporary files go under $TMPDIR or /tmp. */
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
#include "hsds_export.h"
#include "hsds_import.h"
#include "testhsds.h"
#include "util.h"

#define C testhsds_c
#define TODAY TESTHSDS_TODAY
typedef testhsds_run run;

static const char *env_dir(const char *name)
{
	const char *v = getenv(name);
	if (!v || !*v)
		fail_msg("%s is not set (run the tests with meson test)", name);
	return v;
}

/* --- the official examples --- */

static void hsds_import_reads_the_official_examples(void **state)
{
	run *x = testhsds_import("examples");
	assert_int_equal(x->rc, 0);
	/* the same service three times: service_at_location_list, service_full (fuller: it replaces
	 * the first), service_list (shorter: skipped) */
	assert_int_equal(x->r.services, 3);
	assert_int_equal(x->r.n, 1);
	assert_int_equal(x->r.skipped, 2);
	const ik_activity *a = testhsds_entry(x, "community_counselling");
	assert_string_equal(a->name, "Community Counselling");
	assert_string_equal(a->organization, "Example Organization Inc.");
	assert_string_equal(a->url, "http://example.com/counselling");
	assert_string_equal(a->email, "email@example.com");
	assert_int_equal(a->nphones, 1);
	assert_string_equal(a->phones[0], "+44 1234 234567"); /* the example quotes it: "\"+44 …\"" */
	assert_int_equal(a->nlanguages, 1);
	assert_string_equal(a->languages[0], "ur");
	assert_int_equal(a->min_age, 12);
	assert_int_equal(a->max_age, 100);
	assert_int_equal(a->cost, COST_BETAALD); /* 35 gbp */
	assert_int_equal(a->nschedule, 0);       /* weekly, but with byweekno, count, until: not simple */
	/* its only service area is "… the MyCity area": outside Utrecht, and it says so */
	assert_int_equal(a->wijken, testhsds_wijk("buiten_utrecht"));
	assert_false(a->citywide);
	assert_starts(a->description.nl, "Buiten Utrecht (werkgebied: The service is available");
	assert_starts(a->description.en, "Outside Utrecht (service area: The service is available");
	assert_int_equal(a->assured_days, date_days(2005, 1, 1));
	assert_string_equal(a->hsds_id, "ac148810-d857-441c-9679-408f346de14b");
	/* the extension goes into how to sign up */
	assert_non_null(strstr(a->application_process.nl, "Bel +44 1234 234567 en vraag naar toestel 100."));
	assert_non_null(strstr(a->application_process.en, "Call +44 1234 234567 and ask for extension 100."));
	assert_non_null(a->accessibility);
	assert_non_null(strstr(a->accessibility->nl, "induction loops"));
	assert_string_equal(a->source, "HSDS import: service_full.json");
	assert_int_equal(a->mobility, MOB_ONBEKEND);
	testhsds_free(x);
}

static void hsds_import_reports_what_it_could_not_map(void **state)
{
	run *x = testhsds_import("examples");
	testhsds_assert_note(x, "dienst 2 'Community Counselling': rooster 'freq=WEEKLY",
		    "niet overgenomen (alleen gewone wekelijkse bijeenkomsten");
	testhsds_assert_note(x, "werkgebied 'The service is available to all residents", "geen wijk van de catalogus en noemt Utrecht niet");
	testhsds_assert_note(x, "buiten Utrecht ('The service is available", "werkgebied buiten_utrecht");
	testhsds_assert_note(x, "attribuut 'code' (taxonomie 'taxonomy'", "alleen de infokaart-taxonomie");
	testhsds_assert_note(x, "toestel 100 van +44 1234 234567: in application_process gezet", NULL);
	testhsds_assert_note(x, "niet overgenomen: alternate_name, interpretation_services", "contacts");
	testhsds_assert_note(x, "locatie 'MyCity Civic Center': adres en routebeschrijving niet overgenomen", NULL);
	testhsds_assert_note(x, "mobility: staat niet in HSDS; 'onbekend' ingevuld", NULL);
	testhsds_assert_note(x, "geen Engelse tekst voor description, application_process, accessibility", NULL);
	testhsds_assert_note(x, "dienst 2 'Community Counselling': een vollediger exemplaar van dienst-id ac148810",
		    "komt ervoor in de plaats");
	testhsds_assert_note(x, "dienst 3 'Community Counselling': dienst-id ac148810", "niet nog eens ingelezen");
	testhsds_assert_note(x, "een organisatie zonder diensten", NULL);
	testhsds_assert_note(x, "een locatie, geen dienst", NULL);
	testhsds_assert_note(x, "HSDS-metagegevens", NULL);
	/* each list is "page 1 of 10": the set is incomplete, and that is said */
	testhsds_assert_note(x, "een lijst van 10 pagina's, maar de pagina's 2, 3", "ontbreken");
	assert_true(x->r.incomplete);
	assert_int_equal(x->r.notes, x->d.n); /* every line is a note: nothing failed to read */
	testhsds_free(x);
}

static void hsds_import_notes_carry_file_line_and_column(void **state)
{
	run *x = testhsds_import("examples/service_full.json");
	const diag *g = testhsds_note(x, "telefoon '\"+44 1234 234567\"' geschreven als", NULL);
	assert_non_null(g);
	assert_non_null(strstr(g->file, "service_full.json"));
	assert_int_equal(g->line, 26); /* "number": "\"+44 1234 234567\"" */
	assert_int_equal(g->col, 17);
	static const char want[] = "phones[0].number: dienst 1 'Community Counselling': ";
	assert_true(strncmp(g->msg, want, sizeof want - 1) == 0);
	testhsds_free(x);
}

/* --- our own sample --- */

static void hsds_import_maps_wijk_names_without_case_or_diacritics(void **state)
{
	run *x = testhsds_import("utrecht");
	const ik_activity *w = testhsds_entry(x, "wandelgroep_leidsche_rijn"); /* "Leidsche  Rijn", "VLEUTEN-DE MEERN" */
	assert_int_equal(w->wijken, testhsds_wijk("leidsche_rijn") | testhsds_wijk("vleuten_de_meern"));
	assert_false(w->citywide);
	assert_int_equal(testhsds_entry(x, "koffieochtend_overvecht")->wijken, testhsds_wijk("overvecht"));
	assert_true(testhsds_entry(x, "telefooncirkel")->citywide); /* "Heel Utrecht" */
	const ik_activity *b = testhsds_entry(x, "buurtteam"); /* "Zeist": outside Utrecht, and it says so */
	assert_int_equal(b->wijken, testhsds_wijk("buiten_utrecht"));
	assert_false(b->citywide);
	assert_starts(b->description.nl, "Buiten Utrecht (werkgebied: Zeist). ");
	testhsds_assert_note(x, "werkgebied 'Zeist' is geen wijk van de catalogus en noemt Utrecht niet", NULL);
	testhsds_assert_note(x, "buiten Utrecht ('Zeist')", NULL);
	testhsds_free(x);
}

static void hsds_import_keeps_weekly_sessions_only(void **state)
{
	run *x = testhsds_import("utrecht");
	const ik_activity *k = testhsds_entry(x, "koffieochtend_overvecht"); /* byday MO,WE 10:00:00-12:00:00 */
	assert_int_equal(k->nschedule, 2);
	assert_int_equal(k->schedule[0].weekday, 0);
	assert_int_equal(k->schedule[1].weekday, 2);
	assert_int_equal(k->schedule[0].opens, 600);
	assert_int_equal(k->schedule[0].closes, 720);
	const ik_activity *w = testhsds_entry(x, "wandelgroep_leidsche_rijn");
	assert_int_equal(w->nschedule, 1); /* the monthly one is reported */
	assert_int_equal(w->schedule[0].weekday, 3);
	assert_int_equal(w->schedule[0].closes, 15 * 60 + 30);
	testhsds_assert_note(x, "rooster 'freq=MONTHLY;byday=1SA 10:00-12:00' niet overgenomen (alleen wekelijkse bijeenkomsten)",
		    "eerste zaterdag");
	const ik_activity *t = testhsds_entry(x, "telefooncirkel"); /* the session is on its service_at_location */
	assert_int_equal(t->nschedule, 1);
	assert_int_equal(t->schedule[0].weekday, 4);
	testhsds_free(x);
}

static void hsds_import_maps_cost_languages_phones_and_ages(void **state)
{
	run *x = testhsds_import("utrecht");
	const ik_activity *k = testhsds_entry(x, "koffieochtend_overvecht");
	assert_int_equal(k->cost, COST_GRATIS); /* amount 0 */
	assert_int_equal(k->nlanguages, 2);
	assert_string_equal(k->languages[0], "nl"); /* "nld" */
	assert_string_equal(k->languages[1], "tr"); /* "TR" */
	assert_string_equal(k->phones[0], "030 000 0000");
	const ik_activity *t = testhsds_entry(x, "telefooncirkel");
	assert_int_equal(t->cost, COST_BETAALD);
	assert_int_equal(t->min_age, 65);
	assert_int_equal(t->max_age, -1); /* 12.5: reported */
	assert_int_equal(t->nphones, 1); /* "bel ons" is reported */
	assert_int_equal(t->mobility, MOB_OP_AFSTAND); /* its only location is virtual */
	assert_int_equal(t->assured_days, date_days(2026, 9, 15));
	assert_int_equal(testhsds_entry(x, "wandelgroep_leidsche_rijn")->cost, COST_ONBEKEND);
	testhsds_assert_note(x, "telefoon 'bel ons' is geen nummer", NULL);
	testhsds_assert_note(x, "maximum_age: dienst 4 'Telefooncirkel': geen hele leeftijd", NULL);
	const ik_activity *b = testhsds_entry(x, "buurtteam"); /* a language by its name only */
	assert_int_equal(b->nlanguages, 1);
	assert_string_equal(b->languages[0], "nl");
	testhsds_assert_note(x, "taal 'Nederlands' (zonder code) overgenomen als 'nl'", NULL);
	testhsds_assert_note(x, "kosten niet overgenomen ('Vraag ernaar.'): 'onbekend' ingevuld", NULL);
	testhsds_free(x);
}

static void hsds_import_reads_our_attributes(void **state)
{
	run *x = testhsds_import("utrecht");
	const ik_activity *k = testhsds_entry(x, "koffieochtend_overvecht");
	assert_int_equal(k->lonely, LONELY_SOCIAAL);
	assert_int_equal(k->groups, GROUP_65PLUS);
	int iq = C->facet_q[FACET_INTERESTS];
	assert_int_equal(k->interests, UINT64_C(1) << content_option_index(&C->questions[iq], "eten_koken"));
	assert_string_equal(k->description.en, "Coffee and a chat in the community centre, every Monday and Wednesday.");
	assert_string_equal(k->application_process.en, "Just walk in.");
	testhsds_assert_note(x, "'gezellig' is geen waarde van loneliness: niet overgenomen", NULL);
	testhsds_assert_note(x, "attribuut 'audience' (taxonomie 'openeligibility', waarde 'seniors') niet als veld overgenomen", NULL);
	const ik_activity *b = testhsds_entry(x, "buurtteam"); /* its id comes from our attribute */
	assert_true(b->human_route);
	testhsds_free(x);
}

static void hsds_import_skips_defunct_nameless_and_repeated_services(void **state)
{
	run *x = testhsds_import("utrecht");
	assert_int_equal(x->r.services, 7);
	assert_int_equal(x->r.n, 4);
	assert_int_equal(x->r.skipped, 3);
	testhsds_assert_note(x, "dienst 3 'Oude dienst': status 'defunct': niet ingelezen", NULL);
	testhsds_assert_note(x, "geen naam: niet ingelezen", NULL);
	testhsds_assert_note(x, "is al gelezen (als 'koffieochtend_overvecht'): niet nog eens ingelezen", NULL);
	testhsds_assert_note(x, "status 'temporarily closed': ingelezen; controleer", NULL);
	testhsds_free(x);
}

static void hsds_import_says_every_default_it_fills_in(void **state)
{
	run *x = testhsds_import("utrecht");
	const ik_activity *w = testhsds_entry(x, "wandelgroep_leidsche_rijn");
	assert_string_equal(w->application_process.nl, hsds_default_application.nl);
	assert_int_equal(w->assured_days, IK_DATE_UNKNOWN); /* unknown stays unknown, never "today" */
	assert_int_equal(w->mobility, MOB_ONBEKEND);
	assert_string_equal(w->description.en, w->description.nl);
	testhsds_assert_note(x, "dienst 2 'Wandelgroep Leidsche Rijn': geen application_process:", NULL);
	testhsds_assert_note(x, "dienst 2 'Wandelgroep Leidsche Rijn': geen assured_date: die blijft onbekend (null)", NULL);
	testhsds_assert_note(x, "dienst 2 'Wandelgroep Leidsche Rijn': mobility: staat niet in HSDS", NULL);
	testhsds_assert_note(x, "dienst 2 'Wandelgroep Leidsche Rijn': geen kosten in HSDS: 'onbekend' ingevuld", NULL);
	testhsds_assert_note(x, "dienst 2 'Wandelgroep Leidsche Rijn': geen Engelse tekst voor description", NULL);
	testhsds_free(x);
}

static void hsds_import_refuses_a_file_that_is_no_json(void **state)
{
	char *dir = testhsds_tmpdir(), *p = xasprintf("%s/bad.json", dir);
	testhsds_write(p, "{\"contents\": [\n  {\"name\": \"x\",}\n]}\n");
	arena *a = arena_new();
	hsds_import_result r;
	diags d = {0};
	assert_int_equal(hsds_import(C, p, TODAY, a, &r, &d), -1);
	assert_int_equal(r.n, 0);
	assert_true(d.n >= 1);
	assert_int_equal(d.v[0].line, 2);
	assert_true(d.v[0].col > 1);
	diags_free(&d);
	arena_free(a);
	unlink(p);
	rmdir(dir);
	free(p);
	free(dir);
}

/* --- export, and back --- */

static void assert_same_activity(const ik_activity *x, const ik_activity *y)
{
	assert_string_equal(x->id, y->id);
	assert_string_equal(x->name, y->name);
	assert_string_equal(x->organization, y->organization);
	assert_string_equal(x->description.nl, y->description.nl);
	assert_string_equal(x->description.en, y->description.en);
	assert_true((!x->url && !y->url) || (x->url && y->url && strcmp(x->url, y->url) == 0));
	assert_true((!x->email && !y->email) || (x->email && y->email && strcmp(x->email, y->email) == 0));
	assert_int_equal(x->nphones, y->nphones);
	for (int i = 0; i < x->nphones; i++)
		assert_string_equal(x->phones[i], y->phones[i]);
	assert_int_equal(x->wijken, y->wijken);
	assert_int_equal(x->citywide, y->citywide);
	assert_int_equal(x->min_age, y->min_age);
	assert_int_equal(x->max_age, y->max_age);
	assert_int_equal(x->nlanguages, y->nlanguages);
	for (int i = 0; i < x->nlanguages; i++)
		assert_string_equal(x->languages[i], y->languages[i]);
	assert_int_equal(x->cost, y->cost);
	assert_int_equal(x->nschedule, y->nschedule);
	for (int i = 0; i < x->nschedule; i++)
		assert_memory_equal(&x->schedule[i], &y->schedule[i], sizeof x->schedule[i]);
	assert_int_equal(!x->accessibility, !y->accessibility);
	if (x->accessibility) {
		assert_string_equal(x->accessibility->nl, y->accessibility->nl);
		assert_string_equal(x->accessibility->en, y->accessibility->en);
	}
	assert_string_equal(x->application_process.nl, y->application_process.nl);
	assert_string_equal(x->application_process.en, y->application_process.en);
	assert_int_equal(x->assured_days, y->assured_days);
	assert_int_equal(x->profiles, y->profiles);
	assert_int_equal(x->lonely, y->lonely);
	assert_int_equal(x->elements, y->elements);
	assert_int_equal(x->groups, y->groups);
	assert_int_equal(x->interests, y->interests);
	assert_int_equal(x->mobility, y->mobility);
	assert_int_equal(x->helps_with, y->helps_with);
	assert_int_equal(x->human_route, y->human_route);
	assert_int_equal(x->ends_days, y->ends_days);
	assert_int_equal(x->for_roles, y->for_roles);
	assert_int_equal(x->not_for_roles, y->not_for_roles);
}

static void hsds_export_then_import_gives_the_same_catalogue(void **state)
{
	strbuf b = {0};
	hsds_export(C, &b);
	char *dir = testhsds_tmpdir(), *p = xasprintf("%s/export.json", dir);
	testhsds_write(p, b.s);
	arena *a = arena_new();
	hsds_import_result r;
	diags d = {0};
	assert_int_equal(hsds_import(C, p, TODAY, a, &r, &d), 0);
	if (d.n)
		diags_print(&d, stderr);
	assert_int_equal(d.n, 0); /* nothing to report: HSDS and our attributes carry it all */
	assert_int_equal(r.n, C->nactivities);
	for (int i = 0; i < r.n; i++) {
		assert_same_activity(&C->activities[i], &r.activities[i]);
		assert_string_equal(r.activities[i].source, "HSDS import: export.json");
		assert_null(r.activities[i].hsds_id); /* the ids our export derived from ours are not kept */
	}
	diags_free(&d);
	arena_free(a);
	sb_free(&b);
	unlink(p);
	rmdir(dir);
	free(p);
	free(dir);
}

static void hsds_export_is_the_same_every_time(void **state)
{
	strbuf x = {0}, y = {0};
	hsds_export(C, &x);
	hsds_export(C, &y);
	assert_string_equal(x.s, y.s);
	assert_non_null(strstr(x.s, "\"taxonomy\": \"infokaart\""));
	sb_free(&x);
	sb_free(&y);
}

/* Where a streamed export goes: every piece appended, until piece `fail_at` (0: the first),
 * which is refused. */
typedef struct {
	strbuf all;
	int pieces, fail_at;
} sink;

static int sink_take(void *ctx, const char *s, size_t n)
{
	sink *k = ctx;
	if (k->pieces++ == k->fail_at)
		return -1;
	sb_appendn(&k->all, s, n);
	return 0;
}

static void hsds_export_streamed_is_the_same_bytes_a_chunk_at_a_time(void **state)
{
	strbuf whole = {0}, chunk = {0};
	hsds_export(C, &whole);
	assert_true(whole.len > 2 * HSDS_EXPORT_CHUNK); /* the bundled catalogue: several chunks */
	sink k = {.fail_at = -1};
	assert_int_equal(hsds_export_to(C, &chunk, sink_take, &k), 0);
	assert_int_equal(k.all.len, whole.len);
	assert_memory_equal(k.all.s, whole.s, whole.len);
	assert_true(k.pieces > 2);
	assert_int_equal(chunk.len, 0); /* all of it handed on */
	assert_true(chunk.cap <= 2 * HSDS_EXPORT_CHUNK); /* a chunk and a service, doubled: not the whole */
	assert_true(chunk.cap < whole.cap);
	sb_free(&whole);
	sb_free(&chunk);
	sb_free(&k.all);
}

static void hsds_export_streamed_stops_when_a_piece_cannot_be_written(void **state)
{
	strbuf chunk = {0};
	sink k = {.fail_at = 1};
	assert_int_equal(hsds_export_to(C, &chunk, sink_take, &k), -1);
	assert_int_equal(k.pieces, 2); /* nothing more after the refused one */
	assert_true(k.all.len >= HSDS_EXPORT_CHUNK);
	sb_free(&chunk);
	sb_free(&k.all);
}

static void hsds_uuid_is_a_stable_version_8_uuid(void **state)
{
	char u[37], v[37], w[37];
	hsds_uuid(u, "service", "nizu_infolijn");
	hsds_uuid(v, "service", "nizu_infolijn");
	hsds_uuid(w, "service", "buurtteams");
	assert_string_equal(u, v);
	assert_string_not_equal(u, w);
	assert_int_equal(strlen(u), 36);
	for (int i = 0; i < 36; i++)
		assert_true(i == 8 || i == 13 || i == 18 || i == 23 ? u[i] == '-' : strchr("0123456789abcdef", u[i]) != NULL);
	assert_int_equal(u[14], '8');
	assert_non_null(strchr("89ab", u[19]));
	hsds_uuid(w, "phone", "nizu_infolijn"); /* the kind counts too */
	assert_string_not_equal(u, w);
}

static void hsds_import_output_passes_the_loaders_check(void **state)
{
	run *x = testhsds_import("utrecht");
	strbuf b = {0};
	hsds_activities_json(C, x->r.activities, x->r.n, &b);
	char *dir = testhsds_tmpdir(), *p = xasprintf("%s/activities.json", dir);
	testhsds_write(p, b.s);
	diags d = {0};
	int errors = content_check_path(p, env_dir("INFOKAART_CONTENT"), &d);
	if (errors)
		diags_print(&d, stderr);
	assert_int_equal(errors, 0);
	diags_free(&d);
	sb_free(&b);
	unlink(p);
	rmdir(dir);
	free(p);
	free(dir);
	testhsds_free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hsds_import_reads_the_official_examples),
		cmocka_unit_test(hsds_import_reports_what_it_could_not_map),
		cmocka_unit_test(hsds_import_notes_carry_file_line_and_column),
		cmocka_unit_test(hsds_import_maps_wijk_names_without_case_or_diacritics),
		cmocka_unit_test(hsds_import_keeps_weekly_sessions_only),
		cmocka_unit_test(hsds_import_maps_cost_languages_phones_and_ages),
		cmocka_unit_test(hsds_import_reads_our_attributes),
		cmocka_unit_test(hsds_import_skips_defunct_nameless_and_repeated_services),
		cmocka_unit_test(hsds_import_says_every_default_it_fills_in),
		cmocka_unit_test(hsds_import_refuses_a_file_that_is_no_json),
		cmocka_unit_test(hsds_export_then_import_gives_the_same_catalogue),
		cmocka_unit_test(hsds_export_is_the_same_every_time),
		cmocka_unit_test(hsds_export_streamed_is_the_same_bytes_a_chunk_at_a_time),
		cmocka_unit_test(hsds_export_streamed_stops_when_a_piece_cannot_be_written),
		cmocka_unit_test(hsds_uuid_is_a_stable_version_8_uuid),
		cmocka_unit_test(hsds_import_output_passes_the_loaders_check),
	};
	return cmocka_run_group_tests(tests, testhsds_setup, testhsds_teardown);
}
