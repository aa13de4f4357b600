/* unit_hsds_forms.c: HSDS as publishers make it (hsds_import.h): a top-level list, NDJSON,
 * the pages of a paginated API, the tabular package of CSV tables, Open Referral UK's
 * validator mocks and Open Referral's 3.1 example (tests/data/hsds, see its README). What
 * each form gives, where its notes point, that nothing imported is said, that the publisher's
 * id is kept (and a renamed service keeps its id), that a date nobody gave stays unknown, that
 * a service outside Utrecht says so, and that an imported service without profiles still
 * ranks by what is known of it. */
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
#include "csv.h"
#include "hsds_export.h"
#include "load.h"
#include "rank.h"
#include "summary.h"
#include "testhsds.h"

#define C testhsds_c

static const char svc_json[] = "{\"id\": \"%s\", \"name\": \"%s\", \"status\": \"active\", \"description\": \"x\"}";

static void a_top_level_list_of_services_is_read(void **state)
{
	(void)state;
	char *dir = testhsds_tmpdir(), *p = xasprintf("%s/lijst.json", dir);
	char *a = xasprintf(svc_json, "11111111-1111-4111-8111-111111111111", "Eerste");
	char *b = xasprintf(svc_json, "22222222-2222-4222-8222-222222222222", "Tweede");
	char *text = xasprintf("[\n %s,\n %s\n]\n", a, b);
	testhsds_write(p, text);
	testhsds_run *x = testhsds_import_with(C, p);
	assert_int_equal(x->rc, 0);
	assert_int_equal(x->r.n, 2);
	const diag *g = testhsds_note(x, "dienst 2 'Tweede'", NULL);
	assert_non_null(g);
	assert_int_equal(g->line, 3);
	assert_starts(g->msg, "[1]: ");
	testhsds_free(x);
	unlink(p);
	rmdir(dir);
	free(text), free(a), free(b), free(p), free(dir);
}

static void ndjson_is_read_line_by_line_with_notes_at_the_files_lines(void **state)
{
	(void)state;
	testhsds_run *x = testhsds_import("ndjson");
	assert_int_equal(x->rc, -1); /* line 5 is no JSON: said, the other lines are imported */
	assert_int_equal(x->r.n, 3);
	const diag *bad = testhsds_note(x, "komma voor '}' te veel", NULL);
	assert_non_null(bad);
	assert_int_equal(bad->line, 5);
	assert_int_equal(bad->col, 38);
	const diag *url = testhsds_note(x, "'www.example.org/koor' heeft geen https://", NULL);
	assert_non_null(url);
	assert_int_equal(url->line, 1);
	assert_non_null(testhsds_note(x, "dienst 2 'Wandelclub Heuvelrug'", NULL));
	assert_int_equal(testhsds_note(x, "dienst 2 'Wandelclub Heuvelrug'", NULL)->line, 3); /* after a blank line */
	testhsds_free(x);
}

static void names_codes_extensions_and_urls_are_mapped_and_said(void **state)
{
	(void)state;
	testhsds_run *x = testhsds_import("ndjson");
	const ik_activity *z = testhsds_entry(x, "zangkoor_de_lindeboom");
	assert_string_equal(z->url, "https://www.example.org/koor");
	assert_int_equal(z->nlanguages, 3); /* "Nederlands", "Turkish", "en-GB"; not "Klingon" */
	assert_string_equal(z->languages[0], "nl");
	assert_string_equal(z->languages[1], "tr");
	assert_string_equal(z->languages[2], "en");
	assert_string_equal(z->phones[0], "030 000 0001");
	assert_non_null(strstr(z->application_process.nl, "Bel 030 000 0001 en vraag naar toestel 12."));
	assert_non_null(strstr(z->application_process.en, "Call 030 000 0001 and ask for extension 12."));
	testhsds_assert_note(x, "taal 'Turkish' (zonder code) overgenomen als 'tr'", NULL);
	testhsds_assert_note(x, "taal 'Klingon' heeft geen ISO 639-code", NULL);
	testhsds_assert_note(x, "toestel 12 van 030 000 0001: in application_process gezet", NULL);
	testhsds_free(x);
}

static void a_missing_page_makes_the_set_incomplete_and_says_so(void **state)
{
	(void)state;
	testhsds_run *x = testhsds_import("pages");
	assert_int_equal(x->rc, 0);
	assert_int_equal(x->r.n, 4);
	assert_true(x->r.incomplete);
	const diag *g = testhsds_note(x, "een lijst van 3 pagina's, maar pagina 3 ontbreekt", "(4 van 5 gelezen)");
	assert_non_null(g);
	assert_non_null(strstr(g->file, "pagina-1.json"));
	testhsds_free(x);
}

static void every_page_in_the_folder_is_a_complete_set(void **state)
{
	(void)state;
	char *dir = testhsds_tmpdir();
	for (int i = 1; i <= 3; i++) {
		char *from = testhsds_path(i < 3 ? (i == 1 ? "pages/pagina-1.json" : "pages/pagina-2.json") : "pages/pagina-1.json");
		size_t n;
		char *text = read_file(from, &n), *to = xasprintf("%s/pagina-%d.json", dir, i);
		assert_non_null(text);
		if (i == 3) { /* the last page: page 3 of 3, one service */
			char *p = strstr(text, "\"page_number\": 1");
			assert_non_null(p);
			p[15] = '3';
			p = strstr(text, "\"last_page\": false");
			memcpy(p, "\"last_page\": true ", 18);
			for (char *id = strstr(text, "-00000000000"); id; id = strstr(id + 1, "-00000000000"))
				id[12] = (char)(id[12] + 5); /* other ids: other services */
		}
		testhsds_write(to, text);
		free(text), free(to), free(from);
	}
	testhsds_run *x = testhsds_import_with(C, dir);
	assert_false(x->r.incomplete);
	assert_null(testhsds_note(x, "ontbre", NULL));
	assert_int_equal(x->r.n, 6);
	testhsds_free(x);
	for (int i = 1; i <= 3; i++) {
		char *p = xasprintf("%s/pagina-%d.json", dir, i);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	free(dir);
}

static void the_tabular_package_is_joined_into_services(void **state)
{
	(void)state;
	testhsds_run *x = testhsds_import("spec31/csv");
	assert_int_equal(x->rc, 0);
	assert_int_equal(x->r.n, 1);
	const ik_activity *a = testhsds_entry(x, "community_counselling");
	assert_string_equal(a->organization, "Example Organization Inc.");
	assert_string_equal(a->hsds_id, "ac148810-d857-441c-9679-408f346de14b");
	assert_string_equal(a->phones[0], "+44 1234 234567");
	assert_int_equal(a->nlanguages, 1);
	assert_string_equal(a->languages[0], "ur");
	assert_int_equal(a->min_age, 12); /* a number column of datapackage.json */
	assert_int_equal(a->max_age, 100);
	assert_int_equal(a->cost, COST_BETAALD);
	assert_non_null(a->accessibility); /* accessibility.csv, through service_at_location.csv and locations.csv */
	assert_non_null(strstr(a->accessibility->nl, "induction loops"));
	assert_int_equal(a->wijken, testhsds_wijk("buiten_utrecht"));
	assert_string_equal(a->source, "HSDS import: services.csv");
	testhsds_assert_note(x, "niet gelezen (de catalogus heeft er geen plaats voor): contacts.csv", NULL);
	testhsds_free(x);
	x = testhsds_import("spec31/csv/services.csv"); /* a table names its package */
	assert_int_equal(x->r.n, 1);
	testhsds_free(x);
}

static void tabular_notes_point_at_the_table_row_and_column(void **state)
{
	(void)state;
	testhsds_run *x = testhsds_import("spec31/csv");
	const diag *g = testhsds_note(x, "phones[0].extension: dienst 1 'Community Counselling': toestel 100", NULL);
	assert_non_null(g);
	char *phones = testhsds_path("spec31/csv/phones.csv");
	csv_table t;
	diags d = {0};
	assert_int_equal(csv_read(phones, &t, &d), 0);
	assert_string_equal(g->file, phones);
	assert_int_equal(g->line, t.rows[0].line);
	assert_int_equal(g->col, t.rows[0].f[csv_column(&t, "extension")].col);
	g = testhsds_note(x, "dienst 1 'Community Counselling': niet overgenomen: alternate_name", NULL);
	assert_non_null(g); /* a service's own field: its row of services.csv */
	assert_non_null(strstr(g->file, "services.csv"));
	assert_int_equal(g->line, 2);
	csv_free(&t);
	diags_free(&d);
	free(phones);
	testhsds_free(x);
}

static void open_referral_uk_and_hsds_31_examples_import(void **state)
{
	(void)state;
	testhsds_run *x = testhsds_import("oruk");
	assert_int_equal(x->rc, 0);
	assert_true(x->r.n >= 1);
	testhsds_assert_note(x, "een organisatie zonder diensten: overgeslagen", NULL);
	/* "page 1 of 10" but all 10 items on it: the list is whole, whatever its page numbers say */
	assert_false(x->r.incomplete);
	testhsds_assert_note(x, "taal '?' heeft geen ISO 639-code", NULL); /* {"id": …} only */
	/* organization_list.json lists organizations (organization_identifiers): none is a service */
	assert_null(testhsds_note(x, "'Senior Pals Program'", NULL));
	const ik_activity *s = testhsds_entry(x, "community_counselling"); /* organization.json's service */
	assert_string_equal(s->hsds_id, "ac148810-d857-441c-9679-408f346de14b");
	testhsds_free(x);
	x = testhsds_import("spec31/service_full.json");
	assert_int_equal(x->r.n, 1);
	assert_non_null(strstr(testhsds_entry(x, "community_counselling")->application_process.nl, "toestel 100"));
	testhsds_free(x);
}

static void nothing_to_import_is_said(void **state)
{
	(void)state;
	char *dir = testhsds_tmpdir();
	testhsds_run *x = testhsds_import_with(C, dir);
	assert_int_equal(x->rc, -1);
	assert_int_equal(x->r.n, 0);
	testhsds_assert_note(x, "geen HSDS in deze map", NULL);
	testhsds_free(x);
	rmdir(dir);
	free(dir);
}

static void the_publishers_id_stays_and_a_renamed_service_keeps_its_id(void **state)
{
	(void)state;
	content *c = NULL;
	diags d = {0};
	assert_int_equal(content_load(getenv("INFOKAART_CONTENT"), &c, &d), 0);
	int g = content_activity_index(c, "gelukscafes"); /* the catalogue in use had it from HSDS */
	assert_true(g >= 0);
	c->activities[g].hsds_id = "5e2a1c90-0d4b-4a7e-8f11-000000000001";
	char *p = testhsds_path("pages");
	testhsds_run *x = testhsds_import_with(c, p);
	const ik_activity *a = testhsds_entry(x, "gelukscafes");
	assert_string_equal(a->name, "Buurtlunch Oost");
	testhsds_assert_note(x, "dezelfde dienst (HSDS-id) als 'gelukscafes'", NULL);
	/* on export the publisher's id is the service id again */
	ik_activity *keep = c->activities;
	int nkeep = c->nactivities;
	c->activities = x->r.activities;
	c->nactivities = x->r.n;
	strbuf b = {0};
	hsds_export(c, &b);
	assert_non_null(strstr(b.s, "\"id\": \"5e2a1c90-0d4b-4a7e-8f11-000000000002\",\n      \"organization_id\""));
	c->activities = keep;
	c->nactivities = nkeep;
	sb_free(&b);
	testhsds_free(x);
	free(p);
	content_free(c);
	diags_free(&d);
}

/* An id that is no UUID cannot be HSDS's service id: it travels as our attribute and comes back. */
static void a_publishers_id_that_is_no_uuid_survives_export_and_import(void **state)
{
	(void)state;
	testhsds_run *x = testhsds_import("pages");
	x->r.activities[0].hsds_id = "dienst-7";
	ik_activity *keep = C->activities;
	int nkeep = C->nactivities;
	C->activities = x->r.activities;
	C->nactivities = x->r.n;
	strbuf b = {0};
	hsds_export(C, &b);
	C->activities = keep;
	C->nactivities = nkeep;
	assert_non_null(strstr(b.s, "\"value\": \"dienst-7\""));
	char *dir = testhsds_tmpdir(), *p = xasprintf("%s/export.json", dir);
	testhsds_write(p, b.s);
	testhsds_run *y = testhsds_import_with(C, p);
	assert_string_equal(testhsds_entry(y, x->r.activities[0].id)->hsds_id, "dienst-7");
	assert_string_equal(testhsds_entry(y, x->r.activities[1].id)->hsds_id, x->r.activities[1].hsds_id);
	testhsds_free(y);
	testhsds_free(x);
	sb_free(&b);
	unlink(p);
	rmdir(dir);
	free(p);
	free(dir);
}

static void a_date_nobody_gave_stays_unknown_and_loads_as_null(void **state)
{
	(void)state;
	testhsds_run *x = testhsds_import("ndjson");
	const ik_activity *t = testhsds_entry(x, "taalcafe_kanaleneiland");
	assert_int_equal(t->assured_days, IK_DATE_UNKNOWN);
	testhsds_assert_note(x, "dienst 3 'Taalcafé Kanaleneiland': geen assured_date: die blijft onbekend (null)", NULL);
	/* shown as unknown, with the warning an old entry gets */
	char *shown = summary_activity(C, t, true, LANG_NL);
	assert_non_null(strstr(shown, "Gecontroleerd op: onbekend\n")); /* the source is for editors only */
	assert_non_null(strstr(shown, "de bron zegt niet wanneer deze gegevens zijn gecontroleerd"));
	free(shown);
	strbuf b = {0};
	hsds_activities_json(C, x->r.activities, x->r.n, &b);
	assert_non_null(strstr(b.s, "\"assured_date\": null,"));
	assert_non_null(strstr(b.s, "\"hsds_id\": \"0b7c3a52-5d1e-4f0a-9c3e-1a2b3c4d5e03\""));
	sb_free(&b);
	testhsds_free(x);
}

static void a_service_outside_utrecht_says_so(void **state)
{
	(void)state;
	testhsds_run *x = testhsds_import("ndjson");
	const ik_activity *w = testhsds_entry(x, "wandelclub_heuvelrug"); /* its address: Zeist */
	assert_int_equal(w->wijken, testhsds_wijk("buiten_utrecht"));
	assert_false(w->citywide);
	assert_starts(w->description.nl, "Buiten Utrecht (werkgebied: Zeist). Wandelen");
	assert_starts(w->description.en, "Outside Utrecht (service area: Zeist). Wandelen");
	const ik_activity *t = testhsds_entry(x, "taalcafe_kanaleneiland"); /* its address: 3526 Utrecht */
	assert_true(t->citywide);
	assert_int_equal(t->wijken, 0);
	testhsds_free(x);
}

/* An imported service without profiles still ranks by what is known: age, area, interest. */
static void an_imported_service_ranks_by_what_is_known(void **state)
{
	(void)state;
	testhsds_run *x = testhsds_import("ndjson");
	const ik_activity *z = testhsds_entry(x, "zangkoor_de_lindeboom");
	assert_int_equal(z->profiles, 0);
	assert_true(z->groups & GROUP_65PLUS); /* minimum_age 60 */
	int iq = C->facet_q[FACET_INTERESTS];
	assert_true(z->interests >> content_option_index(&C->questions[iq], "muziek") & 1); /* "zingen" */
	testhsds_assert_note(x, "afgeleid voor de rangschikking, controleer het: doelgroep 65plus (minimum_age 60)",
			     "interesse muziek ('zing' in de beschrijving)");
	ik_activity *keep = C->activities;
	int nkeep = C->nactivities;
	C->activities = x->r.activities;
	C->nactivities = x->r.n;
	answers *as = answers_new(C);
	int aq = C->facet_q[FACET_AGE], wq = C->facet_q[FACET_WIJK];
	answers_set_single(as, aq, content_option_index(&C->questions[aq], "age_65plus"));
	answers_set_single(as, wq, content_option_index(&C->questions[wq], "zuidwest"));
	answers_toggle(as, iq, content_option_index(&C->questions[iq], "muziek"));
	suggestion s[10];
	int n = rank_suggest(C, as, -1, TESTHSDS_TODAY, s, 10);
	assert_true(n >= 1);
	assert_string_equal(C->activities[s[0].activity].id, "zangkoor_de_lindeboom");
	/* a date nobody gave counts as old: where there are details that go out of date (a phone,
	 * an e-mail, times) the row says "check before you refer" (content/RANKING.md) */
	for (int i = 0; i < n; i++) {
		const ik_activity *t = &C->activities[s[i].activity];
		if (strcmp(t->id, "taalcafe_kanaleneiland") == 0)
			assert_int_equal(s[i].stale, t->nphones || t->email || t->nschedule);
	}
	bool group = false, interest = false, wijk = false;
	for (int r = 0; r < s[0].nreasons; r++) {
		group |= s[0].reasons[r].kind == REASON_GROUP;
		interest |= s[0].reasons[r].kind == REASON_INTEREST;
		wijk |= s[0].reasons[r].kind == REASON_OWN_WIJK;
	}
	assert_true(group && interest && wijk);
	for (int i = 0; i < n; i++) /* outside Utrecht: not for someone in Zuidwest */
		assert_string_not_equal(C->activities[s[i].activity].id, "wandelclub_heuvelrug");
	answers_free(as);
	C->activities = keep;
	C->nactivities = nkeep;
	testhsds_free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_top_level_list_of_services_is_read),
		cmocka_unit_test(ndjson_is_read_line_by_line_with_notes_at_the_files_lines),
		cmocka_unit_test(names_codes_extensions_and_urls_are_mapped_and_said),
		cmocka_unit_test(a_missing_page_makes_the_set_incomplete_and_says_so),
		cmocka_unit_test(every_page_in_the_folder_is_a_complete_set),
		cmocka_unit_test(the_tabular_package_is_joined_into_services),
		cmocka_unit_test(tabular_notes_point_at_the_table_row_and_column),
		cmocka_unit_test(open_referral_uk_and_hsds_31_examples_import),
		cmocka_unit_test(nothing_to_import_is_said),
		cmocka_unit_test(the_publishers_id_stays_and_a_renamed_service_keeps_its_id),
		cmocka_unit_test(a_publishers_id_that_is_no_uuid_survives_export_and_import),
		cmocka_unit_test(a_date_nobody_gave_stays_unknown_and_loads_as_null),
		cmocka_unit_test(a_service_outside_utrecht_says_so),
		cmocka_unit_test(an_imported_service_ranks_by_what_is_known),
	};
	return cmocka_run_group_tests(tests, testhsds_setup, testhsds_teardown);
}
