/* walk_db.c: the referral read back from SQLite, read-only, as the tests check it (see
 * walk.h): a missing file or table counts as no referral. */
#include "walk_internal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void copy_col(sqlite3_stmt *st, int col, char *out, size_t n)
{
	const unsigned char *v = sqlite3_column_text(st, col);
	snprintf(out, n, "%s", v ? (const char *)v : "");
}

/* Runs a query that gives one integer. */
static int query_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Fills r from the newest referral. */
static void read_last(sqlite3 *h, walk_record *r)
{
	sqlite3_stmt *st = NULL;
	static const char sql[] =
		"SELECT case_code, role, profile, activity, wijk, age_group, loneliness, consent,"
		" consent_how, followup_date, note FROM referral ORDER BY id DESC LIMIT 1";
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW) {
		copy_col(st, 0, r->case_code, sizeof r->case_code);
		copy_col(st, 1, r->role, sizeof r->role);
		copy_col(st, 2, r->profile, sizeof r->profile);
		copy_col(st, 3, r->activity, sizeof r->activity);
		copy_col(st, 4, r->wijk, sizeof r->wijk);
		copy_col(st, 5, r->age_group, sizeof r->age_group);
		copy_col(st, 6, r->loneliness, sizeof r->loneliness);
		r->consent = sqlite3_column_int(st, 7);
		copy_col(st, 8, r->consent_how, sizeof r->consent_how);
		copy_col(st, 9, r->followup_date, sizeof r->followup_date);
		r->note_null = sqlite3_column_type(st, 10) == SQLITE_NULL;
		copy_col(st, 10, r->note, sizeof r->note);
	}
	sqlite3_finalize(st);
}

/* The database, read-only, waiting up to 5 s for a writer; NULL when the file does not exist. */
static sqlite3 *open_read_only(const char *db)
{
	if (access(db, F_OK) != 0)
		return NULL;
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_close(h);
		fail_msg("cannot open %s: %s", db, sqlite3_errstr(rc));
	}
	sqlite3_busy_timeout(h, 5000);
	return h;
}

int walk_db_read(const char *db, walk_record *r)
{
	walk_record last;
	if (!r)
		r = &last;
	memset(r, 0, sizeof *r);
	sqlite3 *h = open_read_only(db);
	if (!h)
		return 0;
	int count = 0;
	static const char has_table[] =
		"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'referral'";
	if (query_int(h, has_table) == 1) {
		count = query_int(h, "SELECT count(*) FROM referral");
		read_last(h, r);
	}
	sqlite3_close(h);
	return count;
}

int walk_db_int(const char *db, const char *sql)
{
	sqlite3 *h = open_read_only(db);
	if (!h)
		return 0;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		print_error("%s: %s\n", sql, sqlite3_errmsg(h));
		sqlite3_close(h);
		fail_msg("the query did not run");
	}
	int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

int walk_db_rows(const char *db, const char *table)
{
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_schema WHERE name = '%s'", table);
	if (!walk_db_int(db, sql))
		return 0;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	return walk_db_int(db, sql);
}

void walk_check_record(const walk_record *r, const walk_spec *s, const char *activity_name,
                       const char *case_code)
{
	assert_string_equal(r->case_code, case_code);
	assert_string_equal(r->role, walk_spec_value(s, "role"));
	assert_string_equal(r->wijk, walk_spec_value(s, "wijk"));
	assert_string_equal(r->age_group, walk_spec_value(s, "age_group"));
	/* the kinds of loneliness in the content's order, joined by commas */
	char lonely[256] = "";
	const char *chosen = walk_spec_value(s, "loneliness_kind");
	cJSON *o;
	cJSON_ArrayForEach (o, walk_json(walk_question_json("loneliness_kind"), "options")) {
		const char *id = walk_json_str(o, "id");
		if (walk_has_word(chosen, id))
			snprintf(lonely + strlen(lonely), sizeof lonely - strlen(lonely), "%s%s",
			         *lonely ? "," : "", id);
	}
	assert_string_equal(r->loneliness, lonely);
	assert_string_equal(r->profile, walk_expected_profile(s));
	const char *activity = walk_activity_id(activity_name);
	if (!activity)
		fail_msg("no activity is named \"%s\"", activity_name);
	assert_string_equal(r->activity, activity);
	assert_int_equal(r->consent, s->consent ? 1 : 0);
	assert_string_equal(r->consent_how, s->consent ? s->how : "");
	assert_string_equal(r->followup_date, s->followup);
	if (s->note) {
		assert_false(r->note_null);
		assert_string_equal(r->note, s->note);
	} else {
		assert_true(r->note_null);
	}
}

void walk_check_last_record(const char *db, int n, const walk_spec *s, const char *activity_name,
                            const char *case_code)
{
	walk_record r;
	assert_int_equal(walk_db_read(db, &r), n);
	walk_check_record(&r, s, activity_name, case_code);
}
