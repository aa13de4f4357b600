/* unit_store_cli.c: the record commands of the real binary ($INFOKAART_BUILD_ROOT/infokaart):
 * followups, outcome, case, stats, export, purge and delete, their words and exit codes. Each
 * test seeds a fresh database through the store API, runs the program with a pinned clock
 * (INFOKAART_NOW) and reads what it printed. The CSV export is parsed back with a small
 * RFC 4180 reader and compared field by field; JSON is read back by python3's json module. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "store.h"
#include "testdir.h"
#include "teststore.h"
#include "util.h"

#define DAY 86400
#define NOW INT64_C(1710504000) /* 2024-03-15 12:00 UTC */
#define NOW_TEXT "1710504000"
#define TODAY "2024-03-15"

static char *program;

/* --- fixture and seeding: tests/fixtures/teststore.c --- */

typedef teststore fixture; /* its out and err catch what the program writes */

static store *open_ok(const fixture *f)
{
	return teststore_open(f->db);
}

/* Inserts the referrals (pointers, NULL-terminated) and closes the store again. */
static void seed(const fixture *f, ...)
{
	store *s = open_ok(f);
	va_list ap;
	va_start(ap, f);
	for (store_referral *r; (r = va_arg(ap, store_referral *));)
		teststore_insert(s, r);
	va_end(ap);
	store_close(s);
}

#define SEED(f, ...) seed((f), __VA_ARGS__, (store_referral *)NULL)

/* --- running the program --- */

typedef struct {
	int status;
	char *out, *err; /* what it printed (NUL-terminated, never NULL) */
	size_t out_len;
} result;

static void result_free(result *r)
{
	free(r->out);
	free(r->err);
}

/* Runs argv[0] with argv, stdout and stderr into the fixture's files. */
static result run_argv(const fixture *f, char *const argv[])
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int o = open(f->out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(f->err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	result r = {WEXITSTATUS(status), NULL, NULL, 0};
	r.out = read_file(f->out, &r.out_len);
	r.err = read_file(f->err, NULL);
	assert_non_null(r.out);
	assert_non_null(r.err);
	return r;
}

/* Runs infokaart --db DB args… (NULL-terminated). */
static result vrun(const fixture *f, va_list ap)
{
	char *argv[32] = {program, "--db", f->db};
	int n = 3;
	for (char *a; (a = va_arg(ap, char *)) && n < 31;)
		argv[n++] = a;
	argv[n] = NULL;
	return run_argv(f, argv);
}

static result run(const fixture *f, ...)
{
	va_list ap;
	va_start(ap, f);
	result r = vrun(f, ap);
	va_end(ap);
	return r;
}

#define RUN(f, ...) run((f), __VA_ARGS__, (char *)NULL)

static void expect(const result *r, int status, const char *in_out, const char *in_err)
{
	if (r->status != status || (in_out && !strstr(r->out, in_out)) ||
	    (in_err && !strstr(r->err, in_err)))
		fail_msg("exit %d (want %d)\nstdout:\n%s\nstderr:\n%s\nwanted \"%s\" / \"%s\"",
			 r->status, status, r->out, r->err, in_out ? in_out : "",
			 in_err ? in_err : "");
}

/* RUN and expect, the output then forgotten: for a run of which nothing more is checked. */
static void run_expect(const fixture *f, int status, const char *in_out, const char *in_err, ...)
{
	va_list ap;
	va_start(ap, in_err);
	result r = vrun(f, ap);
	va_end(ap);
	expect(&r, status, in_out, in_err);
	result_free(&r);
}

#define RUN_EXPECT(f, status, in_out, in_err, ...)                                                 \
	run_expect((f), (status), (in_out), (in_err), __VA_ARGS__, (char *)NULL)

/* --- a small RFC 4180 reader: records of fields, CRLF between records --- */

typedef struct {
	char **fields;
	int n;
} record;

/* Parses text into records, fields split by sep; fails the test on anything RFC 4180 does not
 * allow (a bare LF between records, a quote inside an unquoted field, text after a closing
 * quote). */
static record *csv_parse_sep(const char *text, size_t len, char sep, int *nrec)
{
	record *recs = NULL;
	int nr = 0;
	size_t i = 0;
	while (i < len) {
		recs = xrealloc(recs, (size_t)(nr + 1) * sizeof *recs);
		record *rec = &recs[nr++];
		rec->fields = NULL;
		rec->n = 0;
		for (;;) {
			strbuf field = {0};
			sb_append(&field, "");
			if (i < len && text[i] == '"') {
				for (i++;; i++) {
					assert_true(i < len); /* an open quote must close */
					if (text[i] == '"' && i + 1 < len && text[i + 1] == '"')
						sb_appendc(&field, text[i++]);
					else if (text[i] == '"')
						break;
					else
						sb_appendc(&field, text[i]);
				}
				i++;
			} else {
				for (; i < len && text[i] != sep && text[i] != '\r'; i++) {
					assert_true(text[i] != '"' && text[i] != '\n');
					sb_appendc(&field, text[i]);
				}
			}
			rec->fields = xrealloc(rec->fields, (size_t)(rec->n + 1) * sizeof *rec->fields);
			rec->fields[rec->n++] = sb_take(&field);
			if (i < len && text[i] == sep) {
				i++;
				continue;
			}
			assert_true(i + 1 < len && text[i] == '\r' && text[i + 1] == '\n');
			i += 2;
			break;
		}
	}
	*nrec = nr;
	return recs;
}

static record *csv_parse(const char *text, size_t len, int *nrec)
{
	return csv_parse_sep(text, len, ',', nrec);
}

static void csv_free(record *recs, int n)
{
	for (int r = 0; r < n; r++) {
		for (int k = 0; k < recs[r].n; k++)
			free(recs[r].fields[k]);
		free(recs[r].fields);
	}
	free(recs);
}

static void local_date(int64_t t, char buf[11])
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

/* --- export --- */

/* A note with everything CSV must quote, and letters beyond ASCII. */
static const char tricky[] = "Één afspraak, \"koffie\" bij\nde buren; ĳs\r\nen cafe\xcc\x81";

/* A note with formulas where a spreadsheet (Dutch: split on ';') or a careless reader starts a
 * new cell, and how the CSV must carry it: an apostrophe before each. */
static const char after_separators[] = "gewoon; =1 en;=2,+3\n-4\t@5";
static const char after_separators_guarded[] = "gewoon; =1 en;'=2,'+3\n'-4\t'@5";

/* Four referrals: a tricky note and closed; no note, no consent, no wijk; a note that looks
 * like a spreadsheet formula; formulas after separators. Returns them (notes point to static
 * text). */
static void seed_export(const fixture *f, store_referral r[4])
{
	store *s = open_ok(f);
	r[0] = teststore_sample_multi("AAA-AAAAA", NOW - 10 * DAY, "2024-03-20");
	r[0].note = (char *)tricky;
	r[1] = teststore_sample_multi("BBB-BBBBB", NOW - 9 * DAY, "2024-03-21");
	r[1].consent = false;
	r[1].consent_how[0] = '\0';
	r[1].wijk[0] = '\0';
	r[2] = teststore_sample_multi("CCC-CCCCC", NOW - 8 * DAY, "2024-03-22");
	r[2].note = "=SOM(A1:A9)";
	r[3] = teststore_sample_multi("DDD-DDDDD", NOW - 7 * DAY, "2024-03-23");
	r[3].note = (char *)after_separators;
	for (int i = 0; i < 4; i++)
		teststore_insert(s, &r[i]);
	store_err err = {0};
	if (store_status_set(s, r[0].id, "afgerond", "infolijn", NOW - DAY, &err) != 0)
		fail_msg("%s", err.msg);
	store_close(s);
}

static void export_csv_round_trips_every_field(void **state)
{
	fixture *f = *state;
	store_referral r[4];
	seed_export(f, r);
	result out = RUN(f, "export", "--format", "csv", "--with-notes");
	expect(&out, 0, NULL, "bevat de notities");
	assert_memory_not_equal(out.out, "\xef\xbb\xbf", 3); /* no byte order mark */
	int n = 0;
	record *recs = csv_parse(out.out, out.out_len, &n);
	assert_int_equal(n, 5);
	static const char *const header[] = {
		"code",    "datum",      "rol",  "profiel", "activiteit", "wijk",
		"leeftijd", "eenzaamheid", "toestemming", "toestemming_hoe", "nazorg", "status",
		"afgesloten", "notitie"};
	assert_int_equal(recs[0].n, ARRAY_LEN(header));
	for (size_t k = 0; k < ARRAY_LEN(header); k++)
		assert_string_equal(recs[0].fields[k], header[k]);
	for (int i = 0; i < 4; i++) {
		const store_referral *x = &r[i];
		char created[11], closed[11] = "";
		local_date(x->created_at, created);
		if (i == 0)
			local_date(NOW - DAY, closed);
		char *note = i == 2   ? xasprintf("'%s", x->note)
			     : i == 3 ? xstrdup(after_separators_guarded)
				      : xstrdup(x->note ? x->note : "");
		const char *want[] = {
			x->case_code, created,    x->role,     x->profile,        x->activity,
			x->wijk,      x->age_group, x->loneliness, x->consent ? "ja" : "nee",
			x->consent_how, x->followup_date, i == 0 ? "afgerond" : "verwezen", closed, note};
		assert_int_equal(recs[i + 1].n, ARRAY_LEN(want));
		for (size_t k = 0; k < ARRAY_LEN(want); k++)
			if (strcmp(recs[i + 1].fields[k], want[k]) != 0)
				fail_msg("row %d, %s: \"%s\", want \"%s\"", i + 1, header[k],
					 recs[i + 1].fields[k], want[k]);
		free(note);
	}
	csv_free(recs, n);
	result_free(&out);
}

static void export_without_notes_has_no_note_column(void **state)
{
	fixture *f = *state;
	store_referral r[4];
	seed_export(f, r);
	result out = RUN(f, "export", "--since", "2024-03-07");
	expect(&out, 0, NULL, NULL);
	assert_null(strstr(out.out, "notitie"));
	assert_null(strstr(out.out, "gewoon"));
	assert_null(strstr(out.out, "SOM"));
	assert_null(strstr(out.err, "bevat de notities"));
	int n = 0;
	record *recs = csv_parse(out.out, out.out_len, &n);
	assert_int_equal(n, 3); /* the header and the two referrals from the 7th on */
	assert_int_equal(recs[0].n, 13);
	assert_string_equal(recs[1].fields[0], "CCC-CCCCC");
	csv_free(recs, n);
	result_free(&out);
}

static void export_json_keeps_every_note_byte(void **state)
{
	fixture *f = *state;
	store_referral r[4];
	seed_export(f, r);
	RUN_EXPECT(f, 0, "\"note\":\"=SOM(A1:A9)\"", NULL, "export", "--format", "json", "--with-notes");
	static const char check[] =
		"import json, sys\n"
		"doc = json.load(open(sys.argv[1], encoding='utf-8'))\n"
		"assert list(doc) == ['version', 'referrals'] and doc['version'] == 1, list(doc)\n"
		"d = doc['referrals']\n"
		"assert len(d) == 4, d\n"
		"assert d[0]['note'] == sys.argv[2], d[0]\n"
		"assert d[0]['consent'] is True and d[1]['consent'] is False\n"
		"assert d[1]['note'] is None and d[1]['wijk'] == ''\n"
		"assert d[0]['closed_on'] and d[1]['closed_on'] is None\n"
		"assert list(d[0])[:3] == ['case_code', 'date', 'role']\n";
	char *json_path = xasprintf("%s/export.json", f->dir);
	assert_int_equal(rename(f->out, json_path), 0);
	char *const argv[] = {"python3", "-c", (char *)check, json_path, (char *)tricky, NULL};
	result py = run_argv(f, argv);
	expect(&py, 0, NULL, NULL);
	result_free(&py);
	unlink(json_path);
	free(json_path);
}

static void export_of_nothing_exits_1_with_a_header(void **state)
{
	fixture *f = *state;
	store_referral r[4];
	seed_export(f, r);
	RUN_EXPECT(f, 1, "code,datum,", NULL, "export", "--since", "2025-01-01");
}

/* --- followups, outcome, case --- */

static void followups_lists_what_is_due_today_or_overdue(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f);
	store_referral due = teststore_sample_multi("DUE-AAAAA", NOW - 14 * DAY, TODAY),
		       late = teststore_sample_multi("LAT-AAAAA", NOW - 20 * DAY, "2024-03-12"),
		       soon = teststore_sample_multi("SON-AAAAA", NOW - 13 * DAY, "2024-03-16"),
		       done = teststore_sample_multi("DON-AAAAA", NOW - 20 * DAY, "2024-03-01");
	teststore_insert(s, &due);
	teststore_insert(s, &late);
	teststore_insert(s, &soon);
	teststore_insert(s, &done);
	store_djg first = {NOW - 14 * DAY, 5, 3, 2}, last = {NOW - 2 * DAY, 2, 1, 1};
	store_err err = {0};
	store_djg_add(s, late.id, &first, &err);
	store_djg_add(s, late.id, &last, &err);
	store_status_set(s, done.id, "past_niet", "", NOW - DAY, &err);
	store_close(s);
	result out = RUN(f, "followups");
	expect(&out, 0, "Nazorg te doen op of voor 2024-03-15: 2 verwijzingen.", NULL);
	const char *l = strstr(out.out, "LAT-AAAAA"), *d = strstr(out.out, "DUE-AAAAA");
	assert_true(l && d && l < d); /* overdue first */
	assert_non_null(strstr(out.out, "nazorg 2024-03-12, 3 dagen te laat"));
	assert_non_null(strstr(out.out, "nazorg 2024-03-15, vandaag"));
	assert_non_null(strstr(out.out, "verwezen door Wijkagent naar Buurtteam"));
	assert_non_null(strstr(out.out, "De Jong Gierveld: eerst 5 (2024-03-01), laatst 2 (2024-03-13)"));
	assert_null(strstr(out.out, "SON-AAAAA"));
	assert_null(strstr(out.out, "DON-AAAAA"));
	result_free(&out);
	out = RUN(f, "followups", "--date", "2024-03-16", "--format", "csv");
	expect(&out, 0, "dagen_te_laat,djg_eerst,djg_eerst_op,djg_laatst,djg_laatst_op\r\n", NULL);
	assert_non_null(strstr(out.out, ",3,5,2024-03-01,2,2024-03-13\r\n"));
	assert_non_null(strstr(out.out, "SON-AAAAA"));
	result_free(&out);
	out = RUN(f, "followups", "--date", "2024-03-16", "--format", "json");
	expect(&out, 0, "{\"version\":1,\"due_by\":\"2024-03-16\",\"referrals\":[\n{\"case_code\":", NULL);
	assert_non_null(strstr(out.out, ",\"days_overdue\":3,\"djg_first\":5,\"djg_first_on\":\"2024-03-01\","
					"\"djg_latest\":2,\"djg_latest_on\":\"2024-03-13\"}"));
	result_free(&out);
	RUN_EXPECT(f, 1, "Geen nazorg te doen op of voor 2024-03-01.", NULL, "followups", "--date", "2024-03-01");
}

static void outcome_goes_to_the_latest_open_referral_and_says_so(void **state)
{
	fixture *f = *state;
	store_referral old = teststore_sample_multi("AAA-AAAAA", NOW - 20 * DAY, "2024-03-10"),
		       recent = teststore_sample_multi("AAA-AAAAA", NOW - 5 * DAY, "2024-03-14");
	SEED(f, &old, &recent);
	result out = RUN(f, "outcome", "aaa aaaaa", "contact_gelegd", "--role", "infolijn");
	expect(&out, 0, "code AAA-AAAAA heeft 2 open verwijzingen", NULL);
	assert_non_null(strstr(out.out, "staat nu op \"Contact gelegd\""));
	assert_non_null(strstr(out.out, "Volgende nazorg: 2024-03-29.")); /* today + 14 */
	result_free(&out);
	store *s = open_ok(f);
	store_referral got;
	store_err err = {0};
	assert_int_equal(store_referral_get(s, recent.id, &got, &err), 0);
	assert_string_equal(got.status, "contact_gelegd");
	assert_string_equal(got.followup_date, "2024-03-29");
	store_referral_clear(&got);
	assert_int_equal(store_referral_get(s, old.id, &got, &err), 0);
	assert_string_equal(got.status, "verwezen");
	store_referral_clear(&got);
	store_history *h = NULL;
	int n = 0;
	assert_int_equal(store_history_list(s, recent.id, &h, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[1].role, "infolijn");
	assert_int_equal(h[1].at, NOW);
	free(h);
	store_close(s);
	RUN_EXPECT(f, 2, NULL, "--next past niet", "outcome", "AAA-AAAAA", "afgerond", "--next", "2024-04-01");
}

static void outcome_refuses_unknowns_and_writes_nothing(void **state)
{
	fixture *f = *state;
	store_referral r = teststore_sample_multi("AAA-AAAAA", NOW - DAY, TODAY);
	SEED(f, &r);
	result out = RUN(f, "outcome", "AAA-AAAAA", "klaar");
	expect(&out, 2, NULL, "status 'klaar' bestaat niet. Kies uit:"); /* a bad value: wrong use */
	assert_non_null(strstr(out.err, "wil_niet_meer"));
	result_free(&out);
	out = RUN(f, "outcome", "AAA-AAAAA", "gestart", "--role", "directeur");
	expect(&out, 2, NULL, "rol 'directeur' bestaat niet");
	assert_non_null(strstr(out.err, "wijkagent"));
	result_free(&out);
	RUN_EXPECT(f, 1, NULL, "geen verwijzing met code ZZZ-ZZZZZ", "outcome", "ZZZ-ZZZZZ", "gestart");
	RUN_EXPECT(f, 2, NULL, "zes antwoorden", "outcome", "AAA-AAAAA", "gestart", "--djg", "ja,nee,ja");
	RUN_EXPECT(f, 2, NULL, "ja, min_of_meer, nee", "outcome", "AAA-AAAAA", "gestart", "--djg", "ja,nee,ja,nee,ja,soms");
	store *s = open_ok(f);
	store_history *h = NULL;
	store_err err = {0};
	int n = 0;
	assert_int_equal(store_history_list(s, r.id, &h, &n, &err), 0);
	assert_int_equal(n, 1);
	free(h);
	store_close(s);
}

static void outcome_scores_the_de_jong_gierveld_answers(void **state)
{
	fixture *f = *state;
	store_referral r = teststore_sample_multi("AAA-AAAAA", NOW - DAY, TODAY);
	SEED(f, &r);
	/* emotional items 1, 4, 6: ja ja nee = 2; social items 2, 3, 5: nee nee min_of_meer = 3 */
	RUN_EXPECT(f, 0, "De Jong Gierveld: totaal 5 van 6, ernstig eenzaam (emotioneel 2, sociaal 3)",
		   NULL, "outcome", "AAA-AAAAA", "gestart", "--djg", "ja,nee,nee,ja,min_of_meer,nee");
	result out = RUN(f, "outcome", "AAA-AAAAA", "afgerond", "--djg", "nee,ja,ja,nee,-,nee");
	expect(&out, 0, "totaal 0 van 6, niet eenzaam (emotioneel 0, sociaal onbekend)", NULL);
	assert_non_null(strstr(out.out, "De verwijzing is nu afgesloten."));
	result_free(&out);
	store *s = open_ok(f);
	store_djg *v = NULL;
	store_err err = {0};
	int n = 0;
	assert_int_equal(store_djg_list(s, r.id, &v, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].total, 5);
	assert_int_equal(v[0].emotional, 2);
	assert_int_equal(v[0].social, 3);
	assert_int_equal(v[1].social, STORE_DJG_MISSING);
	free(v);
	store_close(s);
	RUN_EXPECT(f, 0, "De Jong Gierveld: eerst 5 (2024-03-15), laatst 0 (2024-03-15)", NULL, "case", "AAA-AAAAA");
}

static void case_shows_every_referral_with_its_history_and_note(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f);
	store_referral a = teststore_sample_multi("AAA-AAAAA", NOW - 20 * DAY, "2024-03-10"),
		       b = teststore_sample_multi("AAA-AAAAA", NOW - 5 * DAY, "2024-03-14");
	a.note = "belt liever 's ochtends\nniet op woensdag";
	teststore_insert(s, &a);
	teststore_insert(s, &b);
	store_err err = {0};
	store_status_set(s, a.id, "niet_bereikt", "infolijn", NOW - 3 * DAY, &err);
	store_close(s);
	result out = RUN(f, "case", "AAA-AAAAA");
	expect(&out, 0, "Code AAA-AAAAA: 2 verwijzingen.", NULL);
	assert_non_null(strstr(out.out, "Notitie: belt liever 's ochtends\n    niet op woensdag"));
	assert_non_null(strstr(out.out, "status: Niet bereikt (afgesloten op 2024-03-12)"));
	assert_non_null(strstr(out.out, "2024-03-12  Niet bereikt, door Medewerker van de NIZU infolijn"));
	assert_non_null(strstr(out.out, "eenzaamheid: Mensen om zich heen, gezelschap, Eén persoon"));
	result_free(&out);
	out = RUN(f, "case", "AAA-AAAAA", "--format", "json");
	expect(&out, 0, "\"status\":\"niet_bereikt\"", NULL);
	assert_non_null(strstr(out.out, "{\"version\":1,\"case_code\":\"AAA-AAAAA\",\"referrals\":["));
	assert_null(strstr(out.out, "ochtends")); /* notes in a table only when asked for */
	result_free(&out);
	RUN_EXPECT(f, 1, "Geen verwijzing met code QQQ-QQQQQ.", NULL, "case", "QQQ-QQQQQ");
}

/* --- stats --- */

static void seed_stats(const fixture *f)
{
	store *s = open_ok(f);
	static const char *const profiles[] = {"contact_aan_huis", "vangnet", "vangnet"};
	for (int i = 0; i < 3; i++) {
		store_referral r = teststore_sample_multi("SSS-SSSSS", NOW - (40 - i) * DAY, TODAY);
		strcpy(r.profile, profiles[i]);
		teststore_insert(s, &r);
		if (i == 0) {
			store_err err = {0};
			store_status_set(s, r.id, "gestart", "", NOW, &err);
		}
	}
	store_close(s);
}

static void stats_text_has_titled_charts_with_content_names(void **state)
{
	fixture *f = *state;
	seed_stats(f);
	result out = RUN(f, "stats");
	expect(&out, 0, "Verwijzingen: 3, waarvan 1 gestart (33%) en 3 nog open.", NULL);
	assert_non_null(strstr(out.out, "\nPer profiel\nVangnet          "));
	assert_non_null(strstr(out.out, "\nPer maand\n2024-02 "));
	assert_non_null(strstr(out.out, "\nPer wijk\nOvervecht "));
	assert_non_null(strstr(out.out, "Per rol van de signaleerder\nWijkagent "));
	assert_non_null(strstr(out.out, "\xe2\x96\x88 3\n"));
	result_free(&out);
	RUN_EXPECT(f, 1, "Geen gegevens om te tonen.", NULL, "stats", "--since", "2024-04-01");
}

static void stats_csv_and_json_are_plain_tables(void **state)
{
	fixture *f = *state;
	seed_stats(f);
	result out = RUN(f, "stats", "--format", "csv");
	expect(&out, 0, "reeks,sleutel,naam,aantal\r\ntotaal,verwijzingen,,3\r\ntotaal,gestart,,1\r\n",
	       NULL);
	assert_non_null(strstr(out.out, "\r\nprofiel,vangnet,Vangnet,2\r\n"));
	assert_non_null(strstr(out.out, "\r\nstatus,verwezen,Verwezen,2\r\n"));
	result_free(&out);
	out = RUN(f, "stats", "--json");
	expect(&out, 0, "{\"version\":1,\"since\":null,\"referrals\":3,\"started\":1,\"open\":3,", NULL);
	assert_non_null(strstr(out.out, "{\"key\":\"vangnet\",\"name\":\"Vangnet\",\"count\":2}"));
	result_free(&out);
}

/* Every text cell of every CSV is guarded, the statistics' too; --csv-sep ';' writes what a
 * spreadsheet set to Dutch reads, --bom lets it see UTF-8. */
static void csv_guards_every_cell_and_takes_a_dutch_separator(void **state)
{
	fixture *f = *state;
	seed_stats(f);
	store *s = open_ok(f);
	store_referral r = teststore_sample_multi("EEE-EEEEE", NOW - DAY, TODAY);
	strcpy(r.wijk, "=HYPERLINK(\"http://x\")");
	r.note = "a;b";
	teststore_insert(s, &r);
	store_close(s);
	result out = RUN(f, "stats", "--format", "csv");
	expect(&out, 0, "\r\nwijk,\"'=HYPERLINK(\"\"http://x\"\")\",", NULL);
	assert_null(strstr(out.out, ",=HYPERLINK"));
	result_free(&out);
	RUN_EXPECT(f, 0, "\xef\xbb\xbf" "code;datum;rol;", NULL, "followups", "--format", "csv", "--csv-sep", ";", "--bom");
	out = RUN(f, "export", "--with-notes", "--csv-sep", ";", "--since", "2024-03-14");
	expect(&out, 0, NULL, NULL);
	assert_memory_not_equal(out.out, "\xef\xbb\xbf", 3);
	int n = 0;
	record *recs = csv_parse_sep(out.out, out.out_len, ';', &n);
	assert_int_equal(n, 2);
	assert_int_equal(recs[1].n, 14);
	assert_string_equal(recs[1].fields[5], "'=HYPERLINK(\"http://x\")");
	assert_string_equal(recs[1].fields[13], "a;b");
	csv_free(recs, n);
	result_free(&out);
	RUN_EXPECT(f, 2, NULL, "--csv-sep", "export", "--csv-sep", "|");
	RUN_EXPECT(f, 2, NULL, "--bom", "export", "--format", "json", "--bom");
}

/* JSON escapes every control character, C1 too (a terminal takes U+009B for CSI), and turns
 * a byte that is no UTF-8 into U+FFFD: the output is always valid JSON in valid UTF-8. */
static void json_escapes_c1_and_never_writes_invalid_utf8(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f);
	store_referral r = teststore_sample_multi("JJJ-JJJJJ", NOW - DAY, TODAY);
	r.note = "\x1b]0;x\x07 \xc2\x9b" "31m \xff\xfe einde";
	teststore_insert(s, &r);
	store_close(s);
	result out = RUN(f, "export", "--format", "json", "--with-notes");
	expect(&out, 0, "\"note\":\"\\u001b]0;x\\u0007 \\u009b31m \\ufffd\\ufffd einde\"", NULL);
	for (size_t i = 0; i < out.out_len; i++)
		assert_true((unsigned char)out.out[i] >= 0x20 || out.out[i] == '\n');
	assert_null(strstr(out.out, "\xc2\x9b"));
	result_free(&out);
}

/* --- purge and delete --- */

static void purge_says_how_many_notes_it_removed(void **state)
{
	fixture *f = *state;
	store_referral old = teststore_sample_multi("OLD-AAAAA", NOW - 100 * DAY, "2024-01-01"),
		       young = teststore_sample_multi("YNG-AAAAA", NOW - 10 * DAY, "2024-01-01");
	old.note = "oud";
	young.note = "jong";
	SEED(f, &old, &young);
	RUN_EXPECT(f, 0, "1 notitie ouder dan 90 dagen verwijderd; de andere gegevens zijn bewaard.",
	       NULL, "purge");
	RUN_EXPECT(f, 0, "Geen notities ouder dan 90 dagen; niets verwijderd.", NULL, "purge");
	/* every command applies retention first */
	RUN_EXPECT(f, 0, NULL, "1 notitie ouder dan 5 dagen verwijderd.", "followups", "--days", "5");
	RUN_EXPECT(f, 2, NULL, "--days wil een aantal dagen", "purge", "--days", "0");
}

static void delete_says_what_it_erased_and_that_it_is_final(void **state)
{
	fixture *f = *state;
	store *s = open_ok(f);
	store_referral a = teststore_sample_multi("AAA-AAAAA", NOW - 5 * DAY, TODAY),
		       b = teststore_sample_multi("AAA-AAAAA", NOW - 4 * DAY, TODAY),
		       other = teststore_sample_multi("BBB-BBBBB", NOW - 4 * DAY, TODAY);
	a.note = "weg ermee";
	teststore_insert(s, &a);
	teststore_insert(s, &b);
	teststore_insert(s, &other);
	store_err err = {0};
	store_status_set(s, a.id, "gestart", "", NOW, &err);
	store_djg d = {NOW, 1, 1, 0};
	store_djg_add(s, a.id, &d, &err);
	store_close(s);
	result out = RUN(f, "delete", "aaa-aaaaa");
	expect(&out, 0,
	       "Gewist voor code AAA-AAAAA: 2 verwijzingen (met 1 notitie), 3 statusregels en 1 "
	       "De Jong Gierveld-score.\nDit kan niet ongedaan worden gemaakt.\n", NULL);
	assert_null(strstr(out.out, "ander programma"));
	result_free(&out);
	RUN_EXPECT(f, 1, NULL, "geen verwijzing met code AAA-AAAAA; niets gewist.", "delete", "AAA-AAAAA");
	RUN_EXPECT(f, 0, "Code BBB-BBBBB: 1 verwijzing.", NULL, "case", "BBB-BBBBB");
}

/* --- words, options and the file --- */

static void usage_mistakes_exit_2(void **state)
{
	fixture *f = *state;
	seed_stats(f);
	static const char *const cases[][6] = {
		{"followups", "--date", "2024-13-01"},
		{"followups", "--date"},
		{"outcome", "AAA-AAAAA"},
		{"stats", "--with-notes"},
		{"export", "--format", "text"},
		{"stats", "--format", "xml"},
		{"delete"},
		{"delete", "A", "B"},
		{"case", "A", "--role", "x"},
		{"outcome", "AAA-AAAAA", "bogus"},
		{"outcome", "AAA-AAAAA", "gestart", "--role", "directeur"},
		{"outcome", "AAA-AAAAA", "gestart", "--djg", "ja,nee,ja,nee,ja,soms"},
		{"outcome", "AA", "gestart"},
		{"case", "AAA-AAAA"},
		{"delete", "AAA-AAAAA-A"},
		{"print-slip", "x"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *argv[12] = {program, "--db", f->db};
		int n = 3;
		for (int k = 0; k < 6 && cases[i][k]; k++)
			argv[n++] = (char *)cases[i][k];
		result out = run_argv(f, argv);
		/* a bad value says what it takes: the choices, or where to read about them */
		if (out.status != 2 || strncmp(out.err, "infokaart: ", 11) != 0 ||
		    !(strstr(out.err, "Zie 'infokaart --help'.") || strstr(out.err, "Kies uit:") || strstr(out.err, "één van")))
			fail_msg("case %zu (%s): exit %d, stderr %s", i, cases[i][0], out.status, out.err);
		result_free(&out);
	}
}

static void a_missing_database_is_not_created(void **state)
{
	fixture *f = *state;
	RUN_EXPECT(f, 1, NULL, "er zijn nog geen verwijzingen vastgelegd", "followups");
	struct stat st;
	assert_int_equal(stat(f->db, &st), -1);
}

static void a_damaged_database_exits_3_and_stays_untouched(void **state)
{
	fixture *f = *state;
	unsigned char junk[4096];
	assert_int_equal(getrandom(junk, sizeof junk, 0), (ssize_t)sizeof junk);
	testdir_write(f->db, (const char *)junk, sizeof junk);
	static const char *const cmds[] = {"stats", "purge", "export"};
	for (size_t i = 0; i < ARRAY_LEN(cmds); i++) {
		result out = RUN(f, cmds[i]);
		expect(&out, 3, NULL, "het is niet aangeraakt");
		result_free(&out);
	}
	size_t len = 0;
	char *now = read_file(f->db, &len);
	assert_int_equal(len, sizeof junk);
	assert_memory_equal(now, junk, len);
	free(now);
}

#define T(name) cmocka_unit_test_setup_teardown(name, teststore_setup, teststore_teardown)

int main(void)
{
	const char *root = getenv("INFOKAART_BUILD_ROOT");
	if (!root || !*root) {
		printf("1..0 # SKIP INFOKAART_BUILD_ROOT is not set\n");
		return 0;
	}
	program = xasprintf("%s/infokaart", root);
	setenv("INFOKAART_NOW", NOW_TEXT, 1);
	unsetenv("INFOKAART_DB");
	const struct CMUnitTest tests[] = {
		T(export_csv_round_trips_every_field),
		T(export_without_notes_has_no_note_column),
		T(export_json_keeps_every_note_byte),
		T(export_of_nothing_exits_1_with_a_header),
		T(followups_lists_what_is_due_today_or_overdue),
		T(outcome_goes_to_the_latest_open_referral_and_says_so),
		T(outcome_refuses_unknowns_and_writes_nothing),
		T(outcome_scores_the_de_jong_gierveld_answers),
		T(case_shows_every_referral_with_its_history_and_note),
		T(stats_text_has_titled_charts_with_content_names),
		T(stats_csv_and_json_are_plain_tables),
		T(csv_guards_every_cell_and_takes_a_dutch_separator),
		T(json_escapes_c1_and_never_writes_invalid_utf8),
		T(purge_says_how_many_notes_it_removed),
		T(delete_says_what_it_erased_and_that_it_is_final),
		T(usage_mistakes_exit_2),
		T(a_missing_database_is_not_created),
		T(a_damaged_database_exits_3_and_stays_untouched),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(program);
	return rc;
}
