/* unit_store_records.c: the follow-up side of the store (schema v2): the migration from v1,
 * statuses and closed_at, follow-ups due, case lookup, De Jong Gierveld scores, monitoring
 * counts, retention and erasure (down to the bytes of the file), and status changes from
 * several processes at once. One behaviour per test, each in a fresh mkdtemp folder. Data goes
 * in through the store API; only the v1 file is made with hand-written SQL (v1's own). */
#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "store.h"
#include "teststore.h"
#include "util.h"

#define DAY 86400
/* 2024-03-15 12:00 UTC: noon, so the local date is the 15th in every time zone of Europe. */
#define NOON_0315 INT64_C(1710504000)

/* --- fixture: tests/teststore.c --- */

static void set_status(store *s, int64_t id, const char *status, int64_t at)
{
	store_err err = {0};
	if (store_status_set(s, id, status, "infolijn", at, &err) != 0)
		fail_msg("status %s: %s", status, err.msg);
}

static store_referral get(store *s, int64_t id)
{
	store_referral r;
	store_err err = {0};
	if (store_referral_get(s, id, &r, &err) != 0)
		fail_msg("get %lld: %s", (long long)id, err.msg);
	return r;
}

/* --- sqlite3 directly, to look at what the store wrote (teststore_int, teststore_exec) --- */

static int64_t history_rows(const char *path)
{
	return teststore_int(path, "SELECT count(*) FROM referral_status");
}

/* Whether the bytes of path contain needle (a missing file contains nothing). */
static bool file_contains(const char *path, const char *needle)
{
	size_t len = 0;
	char *bytes = read_file(path, &len);
	bool found = bytes && memmem(bytes, len, needle, strlen(needle)) != NULL;
	free(bytes);
	return found;
}

/* --- migration from v1 --- */

/* Schema v1 exactly as the first release wrote it (store.c, migrations[0]). */
static const char v1_sql[] =
	"CREATE TABLE referral (id INTEGER PRIMARY KEY, case_code TEXT NOT NULL,"
	" created_at INTEGER NOT NULL, role TEXT NOT NULL DEFAULT '',"
	" profile TEXT NOT NULL DEFAULT '', activity TEXT NOT NULL DEFAULT '',"
	" wijk TEXT NOT NULL DEFAULT '', age_group TEXT NOT NULL DEFAULT '',"
	" loneliness TEXT NOT NULL DEFAULT '', consent INTEGER NOT NULL CHECK (consent IN (0, 1)),"
	" consent_how TEXT NOT NULL DEFAULT '', followup_date TEXT NOT NULL"
	" CHECK (followup_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
	" note TEXT, status TEXT NOT NULL) STRICT;"
	"CREATE TABLE referral_status (id INTEGER PRIMARY KEY,"
	" referral_id INTEGER NOT NULL REFERENCES referral(id) ON DELETE CASCADE,"
	" status TEXT NOT NULL, at INTEGER NOT NULL) STRICT;"
	"CREATE INDEX referral_case_code ON referral(case_code);"
	"CREATE INDEX referral_followup_date ON referral(followup_date);"
	"CREATE INDEX referral_status_referral ON referral_status(referral_id);"
	"PRAGMA application_id = 1229673044;"
	"PRAGMA user_version = 1;"
	"INSERT INTO referral VALUES (1, 'AAA-BBBBB', 1700000000, 'huisarts', 'vangnet',"
	" 'nizu_infolijn', 'zuid', 'age_65plus', 'sociaal,emotioneel', 1, 'mondeling',"
	" '2023-11-28', 'oude notitie v1', 'verwezen');"
	"INSERT INTO referral VALUES (2, 'CCC-DDDDD', 1700000100, 'winkel', 'eigen_koers',"
	" 'buurtteams', '', '', '', 0, '', '2023-11-29', NULL, 'verwezen');"
	"INSERT INTO referral_status VALUES (1, 1, 'verwezen', 1700000000);"
	"INSERT INTO referral_status VALUES (2, 2, 'verwezen', 1700000100);";

static void v1_file_migrates_to_the_current_schema_keeping_its_rows(void **state)
{
	teststore *f = *state;
	teststore_exec(f->db, v1_sql);
	store *s = teststore_open(f->db);
	store_referral r = get(s, 1), r2 = get(s, 2);
	assert_string_equal(r.case_code, "AAA-BBBBB");
	assert_string_equal(r.note, "oude notitie v1");
	assert_string_equal(r.status, "verwezen");
	assert_int_equal(r.closed_at, 0);
	assert_string_equal(r.loneliness, "sociaal,emotioneel");
	assert_false(r2.consent);
	assert_null(r2.note);
	store_referral_clear(&r);
	store_referral_clear(&r2);
	set_status(s, 1, "afgerond", 1700100000); /* the new columns work on an old row */
	store_close(s);
	assert_int_equal(teststore_int(f->db, "PRAGMA user_version"), 5);
	assert_int_equal(store_schema_version(), 5);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM draft"), 0); /* v3 added it, empty */
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral"), 2);
	/* the v1 history row was its signaller's; the note's retention runs from created_at */
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral_status s JOIN referral r"
				      " ON r.id = s.referral_id WHERE s.role = r.role"), 2);
	assert_int_equal(teststore_int(f->db, "SELECT note_set_at FROM referral WHERE id = 1"), 1700000000);
	assert_int_equal(teststore_int(f->db, "SELECT note_set_at IS NULL FROM referral WHERE id = 2"), 1);
	assert_int_equal(teststore_int(f->db, "SELECT closed_at FROM referral WHERE id = 1"), 1700100000);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%STRICT'"),
			 7); /* referral, history, djg_score, draft, erasure, sync_state, sync_refused */
	/* v4: every old row got its own UUID and a rev of its own, below the counter, and the
	 * status set after the migration took the next rev */
	assert_int_equal(teststore_int(f->db, "SELECT count(DISTINCT uuid) FROM (SELECT uuid FROM referral"
				      " UNION ALL SELECT uuid FROM referral_status)"), 5);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral WHERE uuid GLOB '[0-9a-f]"
				      "[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-*-4*'"), 2);
	assert_int_equal(teststore_int(f->db, "SELECT count(DISTINCT rev) FROM (SELECT rev FROM referral"
				      " UNION ALL SELECT rev FROM referral_status)"), 5);
	assert_int_equal(teststore_int(f->db, "SELECT max(rev) = (SELECT rev FROM sync_state) FROM"
				      " (SELECT rev FROM referral UNION ALL SELECT rev FROM referral_status)"), 1);
	assert_int_equal(teststore_int(f->db, "SELECT length(site_id) FROM sync_state"), 36);
}

static void failed_migration_leaves_the_v1_file_as_it_was(void **state)
{
	teststore *f = *state;
	teststore_exec(f->db, v1_sql);
	/* Something in the way of step 2, halfway through it (after the ALTER TABLEs). */
	teststore_exec(f->db, "CREATE TABLE djg_score (x)");
	store *s = NULL;
	store_err err = {0};
	assert_int_equal(store_open(f->db, &s, &err), -1);
	assert_null(s);
	assert_non_null(strstr(err.msg, "djg_score"));
	assert_int_equal(teststore_int(f->db, "PRAGMA user_version"), 1);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM pragma_table_info('referral')"
				      " WHERE name IN ('closed_at', 'note_set_at')"), 0);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral"), 2);
}

/* --- statuses --- */

static void status_ids_and_labels_are_the_closed_dutch_set(void **state)
{
	static const char *const want[] = {"verwezen",  "contact_gelegd", "gestart",
					   "niet_bereikt", "past_niet", "geen_plek",
					   "wil_niet_meer", "afgerond"};
	int n = 0;
	while (store_status_ids[n])
		n++;
	assert_int_equal(n, ARRAY_LEN(want));
	for (int i = 0; i < n; i++) {
		assert_string_equal(store_status_ids[i], want[i]);
		assert_non_null(store_status_label(want[i]));
		assert_true(store_status_known(want[i]));
		assert_int_equal(store_status_final(want[i]), i >= 3);
	}
	assert_string_equal(store_status_label("contact_gelegd"), "Contact gelegd");
	assert_null(store_status_label("klaar"));
	assert_false(store_status_known(NULL));
}

static void every_status_change_writes_history_and_closed_at(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	int64_t id = teststore_add(s, NULL, NOON_0315, "2024-03-29");
	int64_t at = NOON_0315;
	for (int i = 0; store_status_ids[i]; i++) {
		const char *st = store_status_ids[i];
		set_status(s, id, st, at += DAY);
		store_referral got = get(s, id);
		assert_string_equal(got.status, st);
		assert_int_equal(got.closed_at, store_status_final(st) ? at : 0);
		store_referral_clear(&got);
	}
	store_history *h = NULL;
	store_err err = {0};
	int n = 0;
	assert_int_equal(store_history_list(s, id, &h, &n, &err), 0);
	assert_int_equal(n, 9); /* the insert's row and one per change */
	assert_string_equal(h[0].role, "wijkagent");
	for (int i = 1; i < n; i++) {
		assert_string_equal(h[i].status, store_status_ids[i - 1]);
		assert_string_equal(h[i].role, "infolijn");
		assert_int_equal(h[i].at, NOON_0315 + i * DAY);
	}
	free(h);
	store_close(s);
}

static void a_later_open_status_reopens_a_closed_referral(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	int64_t id = teststore_add(s, NULL, NOON_0315, "2024-03-29");
	set_status(s, id, "niet_bereikt", NOON_0315 + DAY);
	set_status(s, id, "contact_gelegd", NOON_0315 + 2 * DAY); /* the person called back */
	store_referral got = get(s, id);
	assert_int_equal(got.closed_at, 0);
	store_referral_clear(&got);
	store_close(s);
}

static void unknown_status_is_refused_and_nothing_written(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	int64_t id = teststore_add(s, NULL, NOON_0315, "2024-03-29");
	store_err err = {0};
	assert_int_equal(store_status_set(s, id, "klaar", NULL, NOON_0315, &err), -1);
	assert_int_equal(err.status, STORE_ERR_OTHER);
	assert_non_null(strstr(err.msg, "Deze status bestaat niet."));
	assert_non_null(strstr(err.msg, "verwezen, contact_gelegd, gestart"));
	assert_int_equal(store_status_set(s, id, NULL, NULL, NOON_0315, &err), -1);
	store_referral got = get(s, id);
	assert_string_equal(got.status, "verwezen");
	store_referral_clear(&got);
	store_close(s);
	assert_int_equal(history_rows(f->db), 1);
}

static void status_of_a_missing_referral_is_not_found(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	store_err err = {0};
	assert_int_equal(store_status_set(s, 99, "gestart", "", NOON_0315, &err), 1);
	store_close(s);
	assert_int_equal(history_rows(f->db), 0);
}

static void outcome_writes_status_score_and_next_date_together(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	int64_t id = teststore_add(s, NULL, NOON_0315, "2024-03-29");
	store_djg d = {NOON_0315 + DAY, 4, 2, STORE_DJG_MISSING};
	store_outcome_rec o = {"contact_gelegd", "infolijn", NOON_0315 + DAY, &d, "2024-04-12"};
	store_err err = {0};
	assert_int_equal(store_outcome(s, id, &o, &err), 0);
	store_referral got = get(s, id);
	assert_string_equal(got.status, "contact_gelegd");
	assert_string_equal(got.followup_date, "2024-04-12");
	store_referral_clear(&got);
	store_djg *v = NULL;
	int n = 0;
	assert_int_equal(store_djg_list(s, id, &v, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].total, 4);
	assert_int_equal(v[0].emotional, 2);
	assert_int_equal(v[0].social, STORE_DJG_MISSING);
	free(v);
	store_close(s);
	assert_int_equal(teststore_int(f->db, "SELECT social IS NULL FROM djg_score"), 1);
}

static void outcome_with_a_failing_part_writes_nothing(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	int64_t id = teststore_add(s, NULL, NOON_0315, "2024-03-29");
	store_err err = {0};
	store_djg bad = {NOON_0315, 7, 0, 0}; /* a total of 7 out of 6 */
	store_outcome_rec o = {"afgerond", NULL, NOON_0315, &bad, NULL};
	assert_int_equal(store_outcome(s, id, &o, &err), -1);
	o.djg = NULL;
	o.next_followup = "2024-02-30";
	assert_int_equal(store_outcome(s, id, &o, &err), -1);
	/* the score's own write fails inside the transaction */
	teststore_exec(f->db, "CREATE TRIGGER refuse BEFORE INSERT ON djg_score"
		       " BEGIN SELECT RAISE(ABORT, 'score refused'); END");
	store_djg good = {NOON_0315, 1, 1, 0};
	o.djg = &good;
	o.next_followup = NULL;
	assert_int_equal(store_outcome(s, id, &o, &err), -1);
	assert_non_null(strstr(err.msg, "score refused"));
	store_referral got = get(s, id);
	assert_string_equal(got.status, "verwezen");
	assert_int_equal(got.closed_at, 0);
	store_referral_clear(&got);
	store_close(s);
	assert_int_equal(history_rows(f->db), 1);
}

/* --- follow-up --- */

static void followups_list_due_and_overdue_open_ones_oldest_first(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	static const char *const dates[] = {"2024-03-16", "2024-03-15", "2024-03-01", "2024-03-14",
					    "2024-03-10"};
	int64_t ids[5];
	for (int i = 0; i < 5; i++) {
		ids[i] = teststore_add(s, NULL, NOON_0315 - 20 * DAY + i, dates[i]);
	}
	set_status(s, ids[4], "afgerond", NOON_0315); /* closed: never listed */
	store_referral *v = NULL;
	store_err err = {0};
	int n = 0;
	assert_int_equal(store_followups(s, "2024-03-15", &v, &n, &err), 0);
	assert_int_equal(n, 3); /* the 15th is due today; the 16th is not yet */
	assert_string_equal(v[0].followup_date, "2024-03-01");
	assert_string_equal(v[1].followup_date, "2024-03-14");
	assert_string_equal(v[2].followup_date, "2024-03-15");
	assert_int_equal(v[2].id, ids[1]);
	store_referrals_free(v, n);
	assert_int_equal(store_followups(s, "2024-02-29", &v, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_null(v);
	assert_int_equal(store_followups(s, "2024-02-30", &v, &n, &err), -1);
	assert_non_null(strstr(err.msg, "Deze datum bestaat niet."));
	store_close(s);
}

static void followup_date_can_be_moved(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	int64_t id = teststore_add(s, NULL, NOON_0315, "2024-03-15");
	store_err err = {0};
	assert_int_equal(store_followup_set(s, id, "2024-03-29", &err), 0);
	store_referral *v = NULL;
	int n = 0;
	assert_int_equal(store_followups(s, "2024-03-15", &v, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_followup_set(s, id, "29-03-2024", &err), -1);
	assert_int_equal(store_followup_set(s, id + 1, "2024-03-29", &err), 1);
	store_referral got = get(s, id);
	assert_string_equal(got.followup_date, "2024-03-29");
	store_referral_clear(&got);
	store_close(s);
}

static void referrals_by_case_finds_every_referral_of_one_code(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	store_referral a1 = teststore_sample("AAA-AAAAA", NOON_0315 + 5, "2024-03-29"),
		       b = teststore_sample("BBB-BBBBB", NOON_0315, "2024-03-29"),
		       a2 = teststore_sample("AAA-AAAAA", NOON_0315 - 5, "2024-03-29");
	a1.note = "tweede";
	teststore_insert(s, &a1);
	teststore_insert(s, &b);
	teststore_insert(s, &a2);
	set_status(s, a2.id, "geen_plek", NOON_0315);
	store_referral *v = NULL;
	store_err err = {0};
	int n = 0;
	assert_int_equal(store_referrals_by_case(s, "AAA-AAAAA", &v, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, a2.id); /* oldest first */
	assert_string_equal(v[0].status, "geen_plek");
	assert_int_equal(v[0].closed_at, NOON_0315);
	assert_string_equal(v[1].note, "tweede");
	store_referrals_free(v, n);
	assert_int_equal(store_referrals_by_case(s, "ZZZ-ZZZZZ", &v, &n, &err), 0);
	assert_int_equal(n, 0);
	store_close(s);
}

/* --- De Jong Gierveld --- */

static void djg_scores_are_kept_oldest_first_and_checked(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	int64_t id = teststore_add(s, NULL, NOON_0315, "2024-03-29");
	store_err err = {0};
	store_djg later = {NOON_0315 + 30 * DAY, 2, 1, 1}, first = {NOON_0315, 5, 3, 2},
		  missing = {NOON_0315 + DAY, STORE_DJG_MISSING, STORE_DJG_MISSING, 0},
		  bad = {NOON_0315, 3, 4, 0};
	assert_int_equal(store_djg_add(s, id, &later, &err), 0);
	assert_int_equal(store_djg_add(s, id, &first, &err), 0);
	assert_int_equal(store_djg_add(s, id, &missing, &err), 0);
	assert_int_equal(store_djg_add(s, id, &bad, &err), -1);
	assert_int_equal(store_djg_add(s, id + 1, &first, &err), 1);
	store_djg *v = NULL;
	int n = 0;
	assert_int_equal(store_djg_list(s, id, &v, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].total, 5);
	assert_int_equal(v[1].total, STORE_DJG_MISSING);
	assert_int_equal(v[2].total, 2);
	free(v);
	store_close(s);
}

/* --- monitoring --- */

static const store_count *find_count(const store_counts *c, const char *key)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->v[i].key, key) == 0)
			return &c->v[i];
	return NULL;
}

static void stats_count_every_series_and_who_started(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	static const struct {
		int64_t at;
		const char *profile, *wijk;
	} rows[] = {
		{INT64_C(1705320000), "vangnet", "zuid"},          /* 2024-01-15 */
		{INT64_C(1705406400), "vangnet", ""},              /* 2024-01-16 */
		{NOON_0315, "eigen_koers", "zuid"},                /* 2024-03-15 */
		{NOON_0315 + DAY, "vangnet", "overvecht"},         /* 2024-03-16 */
	};
	int64_t ids[4];
	for (int i = 0; i < 4; i++) {
		store_referral r = teststore_sample(NULL, rows[i].at, "2024-04-01");
		strcpy(r.profile, rows[i].profile);
		strcpy(r.wijk, rows[i].wijk);
		ids[i] = teststore_insert(s, &r);
	}
	set_status(s, ids[0], "gestart", NOON_0315);       /* started, */
	set_status(s, ids[0], "wil_niet_meer", NOON_0315); /* and stopped: still started once */
	set_status(s, ids[1], "afgerond", NOON_0315);      /* completed counts as started */
	set_status(s, ids[2], "niet_bereikt", NOON_0315);
	store_statistics st;
	store_err err = {0};
	assert_int_equal(store_stats(s, NULL, &st, &err), 0);
	assert_int_equal(st.total, 4);
	assert_int_equal(st.started, 2);
	assert_int_equal(st.open, 1);
	const store_counts *m = &st.by[STORE_BY_MONTH];
	assert_int_equal(m->n, 3); /* February is there, with nothing */
	assert_string_equal(m->v[0].key, "2024-01");
	assert_int_equal(m->v[0].count, 2);
	assert_string_equal(m->v[1].key, "2024-02");
	assert_int_equal(m->v[1].count, 0);
	assert_int_equal(m->v[2].count, 2);
	const store_counts *p = &st.by[STORE_BY_PROFILE];
	assert_string_equal(p->v[0].key, "vangnet"); /* largest first */
	assert_int_equal(p->v[0].count, 3);
	const store_counts *w = &st.by[STORE_BY_WIJK];
	assert_string_equal(w->v[w->n - 1].key, ""); /* not recorded comes last among equals */
	assert_int_equal(find_count(w, "zuid")->count, 2);
	assert_int_equal(find_count(&st.by[STORE_BY_ROLE], "wijkagent")->count, 4);
	assert_int_equal(find_count(&st.by[STORE_BY_ACTIVITY], "buurtteams")->count, 4);
	assert_int_equal(find_count(&st.by[STORE_BY_STATUS], "verwezen")->count, 1);
	store_statistics_free(&st);
	assert_int_equal(store_stats(s, "2024-03-01", &st, &err), 0);
	assert_int_equal(st.total, 2);
	assert_int_equal(st.started, 0);
	assert_int_equal(st.by[STORE_BY_MONTH].n, 1);
	store_statistics_free(&st);
	assert_int_equal(store_stats(s, "2024-13-01", &st, &err), -1);
	store_close(s);
}

static void stats_of_an_empty_store_are_zero(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	store_statistics st;
	store_err err = {0};
	assert_int_equal(store_stats(s, NULL, &st, &err), 0);
	assert_int_equal(st.total, 0);
	for (int b = 0; b < STORE_BY_N; b++)
		assert_int_equal(st.by[b].n, 0);
	store_statistics_free(&st);
	store_statistics_free(NULL);
	store_close(s);
}

/* --- retention --- */

static void purge_deletes_notes_past_retention_and_keeps_the_rest(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	static const int ages[] = {91, 89, 90, 200}; /* days; the last has no note */
	int64_t ids[4];
	for (int i = 0; i < 4; i++) {
		store_referral r = teststore_sample(NULL, NOON_0315 - ages[i] * DAY, "2024-01-01");
		r.note = i < 3 ? "belt liever 's ochtends" : NULL;
		ids[i] = teststore_insert(s, &r);
	}
	int removed = -1;
	store_err err = {0};
	assert_int_equal(store_purge(s, NOON_0315, 90, &removed, &err), 0);
	assert_int_equal(removed, 1);
	store_referral old = get(s, ids[0]), young = get(s, ids[1]), exact = get(s, ids[2]);
	assert_null(old.note);
	assert_string_equal(old.profile, "contact_aan_huis"); /* categorical data stays */
	assert_string_equal(old.wijk, "overvecht");
	assert_string_equal(old.loneliness, "sociaal");
	assert_string_equal(old.status, "verwezen");
	assert_non_null(young.note);
	assert_non_null(exact.note); /* exactly 90 days old is not older than 90 days */
	store_referral_clear(&old);
	store_referral_clear(&young);
	store_referral_clear(&exact);
	assert_int_equal(store_purge(s, NOON_0315, 90, &removed, &err), 0);
	assert_int_equal(removed, 0); /* idempotent */
	assert_int_equal(store_purge(s, NOON_0315 + 2 * DAY, 90, &removed, &err), 0);
	assert_int_equal(removed, 2); /* two days later the other two are due */
	assert_int_equal(store_purge(s, NOON_0315, -1, &removed, &err), -1);
	assert_int_equal(removed, 0);
	store_close(s);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral"), 4);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral WHERE note_set_at IS NOT NULL"),
			 0);
}

static void purged_note_text_leaves_the_file(void **state)
{
	teststore *f = *state;
	static const char marker[] = "Purge-merkteken-7Q4: woont boven de bakker";
	strbuf big = {0}; /* longer than a page: its overflow pages are freed, and must be wiped */
	for (int i = 0; i < 400; i++)
		sb_printf(&big, "Oude-notitie-%03d ", i);
	store *s = teststore_open(f->db);
	store_referral r = teststore_sample(NULL, NOON_0315 - 100 * DAY, "2024-01-01"),
		       r2 = teststore_sample(NULL, NOON_0315 - 100 * DAY, "2024-01-01");
	r.note = (char *)marker;
	r2.note = big.s;
	teststore_insert(s, &r);
	teststore_insert(s, &r2);
	store_close(s); /* checkpointed: the notes are in the file itself now */
	assert_true(file_contains(f->db, marker));
	assert_true(file_contains(f->db, "Oude-notitie-399"));
	s = teststore_open(f->db);
	int removed = 0;
	store_err err = {0};
	assert_int_equal(store_purge(s, NOON_0315, 90, &removed, &err), 0);
	assert_int_equal(removed, 2);
	char *wal = xasprintf("%s-wal", f->db);
	assert_false(file_contains(wal, "Oude-notitie-"));
	store_close(s);
	assert_false(file_contains(f->db, marker));
	assert_false(file_contains(f->db, "Oude-notitie-"));
	free(wal);
	sb_free(&big);
}

/* --- erasure --- */

static void delete_case_erases_one_person_and_reports_it(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	store_referral a1 = teststore_sample("AAA-AAAAA", NOON_0315, "2024-03-29"),
		       a2 = teststore_sample("AAA-AAAAA", NOON_0315 + DAY, "2024-03-29"),
		       b = teststore_sample("BBB-BBBBB", NOON_0315, "2024-03-29");
	a1.note = "notitie a1";
	b.note = "notitie b";
	teststore_insert(s, &a1);
	teststore_insert(s, &a2);
	teststore_insert(s, &b);
	set_status(s, a1.id, "contact_gelegd", NOON_0315 + DAY);
	set_status(s, a1.id, "gestart", NOON_0315 + 2 * DAY);
	set_status(s, b.id, "gestart", NOON_0315 + 2 * DAY);
	store_djg d = {NOON_0315, 3, 2, 1};
	store_err err = {0};
	assert_int_equal(store_djg_add(s, a1.id, &d, &err), 0);
	assert_int_equal(store_djg_add(s, a2.id, &d, &err), 0);
	assert_int_equal(store_djg_add(s, b.id, &d, &err), 0);
	store_delete_report rep;
	assert_int_equal(store_delete_case(s, "AAA-AAAAA", &rep, &err), 0);
	assert_int_equal(rep.referrals, 2);
	assert_int_equal(rep.history, 4);
	assert_int_equal(rep.djg, 2);
	assert_int_equal(rep.notes, 1);
	assert_true(rep.wal_cleared);
	store_referral *v = NULL;
	int n = 0;
	assert_int_equal(store_referrals_by_case(s, "AAA-AAAAA", &v, &n, &err), 0);
	assert_int_equal(n, 0);
	store_referral other = get(s, b.id); /* the other person is untouched */
	assert_string_equal(other.note, "notitie b");
	assert_string_equal(other.status, "gestart");
	store_referral_clear(&other);
	assert_int_equal(store_delete_case(s, "AAA-AAAAA", &rep, &err), 1);
	assert_int_equal(rep.referrals, 0);
	assert_int_equal(store_delete_case(s, "", NULL, &err), 1);
	store_close(s);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral"), 1);
	assert_int_equal(history_rows(f->db), 2);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM djg_score"), 1);
}

static void erased_case_leaves_no_bytes_in_the_file_or_log(void **state)
{
	teststore *f = *state;
	static const char code[] = "QQQ-ZZZZZ", marker[] = "Wis-merkteken-3K9: dochter in Zwolle";
	/* A note longer than a page goes to overflow pages, which erasure must wipe too. */
	strbuf big = {0};
	for (int i = 0; i < 400; i++)
		sb_printf(&big, "Lange-notitie-%03d ", i);
	store *s = teststore_open(f->db);
	store_referral r = teststore_sample(code, NOON_0315, "2024-03-29"),
		       r2 = teststore_sample(code, NOON_0315, "2024-03-29"),
		       keep = teststore_sample("KKK-KKKKK", NOON_0315, "2024-03-29");
	r.note = (char *)marker;
	r2.note = big.s;
	keep.note = "blijft staan";
	teststore_insert(s, &r);
	teststore_insert(s, &r2);
	teststore_insert(s, &keep);
	store_close(s);
	assert_true(file_contains(f->db, marker));
	assert_true(file_contains(f->db, "Lange-notitie-399"));
	assert_true(file_contains(f->db, code));
	s = teststore_open(f->db);
	store_delete_report rep;
	store_err err = {0};
	assert_int_equal(store_delete_case(s, code, &rep, &err), 0);
	assert_true(rep.wal_cleared);
	char *wal = xasprintf("%s-wal", f->db);
	struct stat st;
	assert_int_equal(stat(wal, &st), 0);
	assert_int_equal(st.st_size, 0); /* emptied while the store is still open */
	assert_false(file_contains(f->db, marker));
	assert_false(file_contains(f->db, "Lange-notitie-"));
	assert_false(file_contains(f->db, code));
	store_close(s);
	assert_false(file_contains(f->db, marker));
	assert_false(file_contains(f->db, "Lange-notitie-"));
	assert_false(file_contains(f->db, code));
	assert_false(file_contains(wal, marker));
	assert_true(file_contains(f->db, "blijft staan"));
	/* The raw file, read by SQLite itself: sound, and the other case still there. */
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral"), 1);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM pragma_integrity_check"
				      " WHERE integrity_check = 'ok'"), 1);
	free(wal);
	sb_free(&big);
}

/* --- several writers --- */

/* A child: 50 status changes, spread over the first ten referrals. */
static int child_changes_statuses(const char *path, int who)
{
	store *s = NULL;
	store_err err = {0};
	if (store_open(path, &s, &err) != 0) {
		fprintf(stderr, "open: %s\n", err.msg);
		return 1;
	}
	int ret = 0;
	for (int i = 0; i < 50 && ret == 0; i++) {
		const char *st = store_status_ids[(who + i) % 8];
		if (store_status_set(s, 1 + (who * 50 + i) % 10, st, "infolijn", NOON_0315 + i, &err) != 0) {
			fprintf(stderr, "status %d: %s\n", i, err.msg);
			ret = 2;
		}
	}
	store_close(s);
	return ret;
}

static void four_processes_change_statuses_and_nothing_is_lost(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	for (int i = 0; i < 10; i++) {
		store_referral r = teststore_sample(NULL, NOON_0315 + i, "2024-03-29");
		teststore_insert(s, &r);
	}
	store_close(s); /* no open connection may cross the fork */
	teststore_race(f->db, 4, child_changes_statuses);
	assert_int_equal(history_rows(f->db), 10 + 4 * 50);
	/* every referral's status is its last history row's, and closed_at agrees with it */
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral r WHERE r.status !="
				      " (SELECT h.status FROM referral_status h WHERE h.referral_id = r.id"
				      "  ORDER BY h.id DESC LIMIT 1)"), 0);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral WHERE (closed_at IS NULL) !="
				      " (status IN ('verwezen', 'contact_gelegd', 'gestart'))"), 0);
}

/* --- draft --- */

static void draft_is_taken_once_and_then_gone(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	store_err err = {0};
	char *data = NULL;
	int64_t at = 0;
	assert_false(store_draft_exists(s, NULL));
	assert_int_equal(store_draft_take(s, &data, &at, &err), 1);
	assert_null(data);
	assert_int_equal(store_draft_save(s, "{\"role\":\"huisarts\"}", NOON_0315, &err), 0);
	assert_int_equal(store_draft_save(s, "{\"role\":\"winkel\"}", NOON_0315 + 60, &err), 0); /* replaces */
	assert_true(store_draft_exists(s, NULL));
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM draft"), 1);
	assert_int_equal(store_draft_take(s, &data, &at, &err), 0);
	assert_string_equal(data, "{\"role\":\"winkel\"}");
	assert_int_equal(at, NOON_0315 + 60);
	free(data);
	assert_false(store_draft_exists(s, NULL));
	assert_int_equal(store_draft_take(s, &data, &at, &err), 1);
	store_close(s);
}

static void draft_past_retention_is_purged(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	store_err err = {0};
	int removed = 0;
	assert_int_equal(store_draft_save(s, "{\"wishes\":\"oude tekst\"}", NOON_0315 - 91 * DAY, &err), 0);
	assert_int_equal(store_purge(s, NOON_0315, 90, &removed, &err), 0);
	assert_int_equal(removed, 1);
	assert_false(store_draft_exists(s, NULL));
	assert_int_equal(store_draft_save(s, "{\"wishes\":\"nieuw\"}", NOON_0315 - 89 * DAY, &err), 0);
	assert_int_equal(store_purge(s, NOON_0315, 90, &removed, &err), 0);
	assert_true(store_draft_exists(s, NULL)); /* within the period: kept */
	store_close(s);
}

#define T(name) cmocka_unit_test_setup_teardown(name, teststore_setup, teststore_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(v1_file_migrates_to_the_current_schema_keeping_its_rows),
		T(failed_migration_leaves_the_v1_file_as_it_was),
		cmocka_unit_test(status_ids_and_labels_are_the_closed_dutch_set),
		T(every_status_change_writes_history_and_closed_at),
		T(a_later_open_status_reopens_a_closed_referral),
		T(unknown_status_is_refused_and_nothing_written),
		T(status_of_a_missing_referral_is_not_found),
		T(outcome_writes_status_score_and_next_date_together),
		T(outcome_with_a_failing_part_writes_nothing),
		T(followups_list_due_and_overdue_open_ones_oldest_first),
		T(followup_date_can_be_moved),
		T(referrals_by_case_finds_every_referral_of_one_code),
		T(djg_scores_are_kept_oldest_first_and_checked),
		T(stats_count_every_series_and_who_started),
		T(stats_of_an_empty_store_are_zero),
		T(purge_deletes_notes_past_retention_and_keeps_the_rest),
		T(purged_note_text_leaves_the_file),
		T(delete_case_erases_one_person_and_reports_it),
		T(erased_case_leaves_no_bytes_in_the_file_or_log),
		T(four_processes_change_statuses_and_nothing_is_lost),
		T(draft_is_taken_once_and_then_gone),
		T(draft_past_retention_is_purged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
