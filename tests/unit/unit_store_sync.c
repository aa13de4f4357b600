/* unit_store_sync.c: the local half of the sync (schema v4 and v5, store_sync.h): UUIDs and
 * revs kept by the triggers for every write path, changes listed in rev order in batches that
 * resume, retention and erasure as changes of their own, append-only history, the sync's
 * state; binding to the central site, a restored copy told apart, refusals, the
 * coordinator's erasures. */
#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store_sync.h"
#include "teststore.h"
#include "util.h"

#define T0 INT64_C(1710504000) /* 2024-03-15 12:00 UTC */
#define DAY 86400

typedef struct {
	store_sync_item *v;
	int n;
	int64_t upto;
} changes;

static changes list(store *s, int64_t after, int max)
{
	changes c = {0};
	store_err err = {0};
	if (store_sync_changes(s, after, max, &c.v, &c.n, &c.upto, &err) != 0)
		fail_msg("changes: %s", err.msg);
	return c;
}

static void confirm(store *s, int64_t rev)
{
	store_err err = {0};
	if (store_sync_confirm(s, rev, NULL, 0, &err) != 0)
		fail_msg("confirm: %s", err.msg);
}

static store_sync_state state_of(store *s)
{
	store_sync_state st;
	store_err err = {0};
	if (store_sync_state_get(s, &st, &err) != 0)
		fail_msg("state: %s", err.msg);
	return st;
}

static void new_referral_is_listed_with_its_history_under_fresh_uuids(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	store_referral r = teststore_sample("AAA-BBBBB", T0, "2024-03-22");
	teststore_insert(s, &r);
	changes c = list(s, 0, 100);
	assert_int_equal(c.n, 2); /* the referral and its first status row */
	assert_int_equal(c.v[0].kind, SYNC_REFERRAL);
	assert_int_equal(c.v[1].kind, SYNC_STATUS);
	assert_true(c.v[0].rev < c.v[1].rev);
	assert_int_equal(c.upto, c.v[1].rev);
	assert_string_equal(c.v[0].r.case_code, "AAA-BBBBB");
	assert_string_equal(c.v[0].created_date, "2024-03-15");
	assert_int_equal(strlen(c.v[0].uuid), STORE_UUID_LEN);
	assert_int_equal(c.v[0].uuid[14], '4'); /* version 4 */
	assert_non_null(strchr("89ab", c.v[0].uuid[19]));
	assert_string_not_equal(c.v[0].uuid, c.v[1].uuid);
	assert_string_equal(c.v[1].parent, c.v[0].uuid);
	assert_string_equal(c.v[1].h.status, "verwezen");
	store_sync_items_free(c.v, c.n);
	store_close(s);
}

static void a_change_after_confirming_is_listed_once_with_the_new_state(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	store_referral r = teststore_sample(NULL, T0, "2024-03-22");
	int64_t id = teststore_insert(s, &r);
	changes c = list(s, 0, 100);
	char uuid[STORE_UUID_LEN + 1];
	strcpy(uuid, c.v[0].uuid);
	confirm(s, c.upto);
	store_sync_items_free(c.v, c.n);
	c = list(s, state_of(s).pushed_rev, 100);
	assert_int_equal(c.n, 0); /* nothing new: nothing to send */
	store_sync_items_free(c.v, c.n);

	store_err err = {0};
	assert_int_equal(store_status_set(s, id, "gestart", "infolijn", T0 + DAY, &err), 0);
	assert_int_equal(state_of(s).pending, 2); /* what is to send, not how often it changed */
	c = list(s, state_of(s).pushed_rev, 100);
	assert_int_equal(c.n, 2); /* the referral (its status changed) and the new history row */
	int ref = c.v[0].kind == SYNC_REFERRAL ? 0 : 1;
	assert_int_equal(c.v[ref].kind, SYNC_REFERRAL);
	assert_string_equal(c.v[ref].uuid, uuid); /* the same record, not a new one */
	assert_string_equal(c.v[ref].r.status, "gestart");
	assert_string_equal(c.v[1 - ref].h.status, "gestart");
	assert_string_equal(c.v[1 - ref].parent, uuid);
	store_sync_items_free(c.v, c.n);
	store_close(s);
}

static void batches_come_in_rev_order_and_resume_without_gap_or_double(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	for (int i = 0; i < 10; i++) {
		teststore_add(s, NULL, T0 + i, "2024-03-22");
	}
	int seen = 0, rounds = 0;
	int64_t after = 0, last = 0;
	char uuids[20][STORE_UUID_LEN + 1];
	for (;;) {
		changes c = list(s, after, 7);
		rounds++;
		for (int i = 0; i < c.n; i++) {
			assert_true(c.v[i].rev > last);
			last = c.v[i].rev;
			for (int k = 0; k < seen; k++)
				assert_string_not_equal(uuids[k], c.v[i].uuid);
			strcpy(uuids[seen++], c.v[i].uuid);
		}
		int64_t done = c.n == 7 ? c.v[c.n - 1].rev : c.upto;
		int n = c.n;
		store_sync_items_free(c.v, c.n);
		confirm(s, done);
		after = done;
		if (n < 7)
			break;
	}
	assert_int_equal(seen, 20);
	assert_int_equal(rounds, 3); /* 7 + 7 + 6 */
	assert_int_equal(state_of(s).pushed_rev, state_of(s).rev);
	store_close(s);
}

static void confirming_never_goes_back(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	teststore_add(s, NULL, T0, "2024-03-22");
	confirm(s, 2);
	confirm(s, 1); /* a slower, older sync finishing late */
	assert_int_equal(state_of(s).pushed_rev, 2);
	store_close(s);
}

static void shredded_note_is_a_change_that_carries_no_text(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	store_referral r = teststore_sample(NULL, T0, "2024-03-22");
	r.note = "belt liever 's ochtends";
	teststore_insert(s, &r);
	changes c = list(s, 0, 100);
	assert_string_equal(c.v[0].r.note, "belt liever 's ochtends");
	assert_int_equal(c.v[0].note_set_at, T0);
	confirm(s, c.upto);
	store_sync_items_free(c.v, c.n);
	store_err err = {0};
	int removed = 0;
	assert_int_equal(store_purge(s, T0 + 91 * DAY, 90, &removed, &err), 0);
	assert_int_equal(removed, 1);
	c = list(s, state_of(s).pushed_rev, 100);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.v[0].kind, SYNC_REFERRAL);
	assert_null(c.v[0].r.note);
	assert_int_equal(c.v[0].note_set_at, 0);
	store_sync_items_free(c.v, c.n);
	store_close(s);
}

/* A database with two referrals, one to erase (code) and one to keep; their changes. */
static changes two_referrals(teststore *f, store **s, const char *code)
{
	*s = teststore_open(f->db);
	teststore_add(*s, code, T0, "2024-03-22");
	teststore_add(*s, "KEE-PMEXX", T0, "2024-03-22");
	return list(*s, 0, 100);
}

static void erasure_leaves_a_tombstone_until_the_central_store_has_it(void **state)
{
	teststore *f = *state;
	store *s = NULL;
	changes c = two_referrals(f, &s, "ERA-SEDXX");
	char uuid[STORE_UUID_LEN + 1];
	strcpy(uuid, c.v[0].uuid);
	confirm(s, c.upto);
	store_sync_items_free(c.v, c.n);
	store_err err = {0};
	assert_int_equal(store_delete_case(s, "ERA-SEDXX", NULL, &err), 0);
	c = list(s, state_of(s).pushed_rev, 100);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.v[0].kind, SYNC_ERASURE);
	assert_string_equal(c.v[0].uuid, uuid);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM erasure"), 1);
	confirm(s, c.upto);
	store_sync_items_free(c.v, c.n);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM erasure"), 0);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral"), 1);
	store_close(s);
}

static void history_rows_cannot_be_changed(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	int64_t id = teststore_add(s, NULL, T0, "2024-03-22");
	store_err err = {0};
	store_djg score = {T0, 4, 2, 2};
	assert_int_equal(store_djg_add(s, id, &score, &err), 0);
	store_close(s);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE referral_status SET status = 'afgerond'", NULL,
					  NULL, NULL),
			     SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
	assert_int_not_equal(sqlite3_exec(db, "UPDATE djg_score SET total = 0", NULL, NULL, NULL),
			     SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral_status"
					      " WHERE status = 'verwezen'"), 1);
}

static void each_database_is_its_own_site_and_remembers_how_a_sync_ended(void **state)
{
	teststore *f = *state;
	char *other = xasprintf("%s/other.db", f->dir);
	store *s = teststore_open(f->db), *t = teststore_open(other);
	store_sync_state a = state_of(s), b = state_of(t);
	assert_int_equal(strlen(a.site_id), STORE_UUID_LEN);
	assert_string_not_equal(a.site_id, b.site_id);
	assert_int_equal(a.last_ok_at, 0);
	store_err err = {0};
	assert_int_equal(store_sync_finish(s, T0, false, 0, "server weg", &err), 0);
	a = state_of(s);
	assert_string_equal(a.last_error, "server weg");
	assert_int_equal(a.last_try_at, T0);
	assert_int_equal(a.last_ok_at, 0);
	assert_int_equal(store_sync_finish(s, T0 + 60, true, 12, NULL, &err), 0);
	assert_int_equal(store_sync_catalogue(s, 3, T0 - 60, &err), 0);
	a = state_of(s);
	assert_string_equal(a.last_error, "");
	assert_int_equal(a.last_ok_at, T0 + 60);
	assert_int_equal(a.last_sent, 12);
	assert_int_equal(a.catalogue_version, 3);
	assert_int_equal(a.catalogue_published_at, T0 - 60);
	store_close(s);
	store_close(t);
	static const char *const sfx[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
		char *p = xasprintf("%s%s", other, sfx[i]);
		unlink(p);
		free(p);
	}
	free(other);
}

#define SITE "5a17e000-0000-4000-8000-000000000001"
#define OTHER "5a17e000-0000-4000-8000-000000000002"

static store_sync_start begin(store *s, const char *site, const char *gen, int64_t central_rev,
			      int want)
{
	store_sync_start st;
	store_err err = {0};
	int rc = store_sync_begin(s, site, gen, central_rev, &st, &err);
	if (rc != want)
		fail_msg("begin: %d, wanted %d: %s", rc, want, err.msg);
	return st;
}

static void first_sync_binds_the_database_to_its_central_site_and_no_other(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	store_sync_state own = state_of(s);
	assert_false(own.bound);
	store_sync_start st = begin(s, SITE, "", 0, 0);
	assert_true(st.adopted);
	assert_false(st.restored);
	assert_int_equal(strlen(st.generation), STORE_UUID_LEN);
	assert_string_equal(state_of(s).site_id, SITE);
	assert_true(state_of(s).bound);
	begin(s, OTHER, "", 0, 1); /* another site's login: refused, nothing changes */
	assert_string_equal(state_of(s).site_id, SITE);
	st = begin(s, SITE, "", 0, 0);
	assert_false(st.adopted);
	store_close(s);
}

/* The copy that pushed last is this one: its own generation, or the one it was pushing when
 * it was cut off before noting it. Another copy's: a restored backup. */
static void a_restored_copy_moves_its_pending_changes_above_the_central_revs(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	int64_t id = teststore_add(s, NULL, T0, "2024-03-22");
	store_sync_start st = begin(s, SITE, "", 0, 0);
	changes c = list(s, 0, 100);
	confirm(s, c.upto); /* the generation drawn by begin is now the database's */
	store_sync_items_free(c.v, c.n);
	char mine[STORE_UUID_LEN + 1];
	strcpy(mine, st.generation);
	assert_string_equal(state_of(s).generation, mine);
	st = begin(s, SITE, mine, c.upto, 0);
	assert_false(st.restored);
	assert_false(begin(s, SITE, st.generation, c.upto, 0).restored); /* cut off, not restored */

	store_err err = {0};
	assert_int_equal(store_status_set(s, id, "gestart", "infolijn", T0 + DAY, &err), 0);
	int64_t counter = state_of(s).rev;
	st = begin(s, SITE, OTHER, 1000, 0); /* another copy pushed up to rev 1000 */
	assert_true(st.restored);
	assert_int_equal(st.moved, 2);
	c = list(s, state_of(s).pushed_rev, 100);
	assert_int_equal(c.n, 2);
	assert_true(c.v[0].rev > 1000 && c.v[1].rev > c.v[0].rev);
	assert_int_equal(c.upto, c.v[1].rev);
	assert_true(state_of(s).rev > counter);
	store_sync_items_free(c.v, c.n);
	assert_int_equal(store_status_set(s, id, "afgerond", "infolijn", T0 + 2 * DAY, &err), 0);
	c = list(s, state_of(s).pushed_rev, 100);
	assert_true(c.v[c.n - 1].rev > 1002); /* and every later change goes on from there */
	store_sync_items_free(c.v, c.n);
	store_close(s);
}

static void a_refusal_is_noted_until_a_later_change_is_taken(void **state)
{
	teststore *f = *state;
	store *s = teststore_open(f->db);
	int64_t id = teststore_add(s, "REF-USEDX", T0, "2024-03-22");
	changes c = list(s, 0, 100);
	store_sync_refusal no = {.kind = c.v[0].kind, .rev = c.v[0].rev, .why = "te lang"};
	strcpy(no.uuid, c.v[0].uuid);
	store_err err = {0};
	assert_int_equal(store_sync_confirm(s, c.upto, &no, 1, &err), 0);
	store_sync_items_free(c.v, c.n);
	store_sync_state st = state_of(s);
	assert_int_equal(st.refused, 1);
	assert_string_equal(st.last_refusal_code, "REF-USEDX");
	assert_string_equal(st.last_refusal, "te lang");
	assert_int_equal(st.pushed_rev, c.upto); /* skipped, not holding up the rest */
	assert_int_equal(store_status_set(s, id, "gestart", "infolijn", T0 + DAY, &err), 0);
	c = list(s, st.pushed_rev, 100);
	confirm(s, c.upto);
	store_sync_items_free(c.v, c.n);
	assert_int_equal(state_of(s).refused, 0);
	store_close(s);
}

static void the_coordinators_erasure_deletes_the_local_copy(void **state)
{
	teststore *f = *state;
	store *s = NULL;
	changes c = two_referrals(f, &s, "GAA-TWEGX");
	char uuids[2][STORE_UUID_LEN + 1];
	strcpy(uuids[0], c.v[0].uuid);
	strcpy(uuids[1], "5a17e000-0000-4000-8000-00000000dead"); /* not here: nothing happens */
	confirm(s, c.upto);
	store_sync_items_free(c.v, c.n);
	store_err err = {0};
	int gone = -1;
	assert_int_equal(store_sync_erased(s, (const char(*)[STORE_UUID_LEN + 1])uuids, 2, 7, &gone,
					   &err), 0);
	assert_int_equal(gone, 1);
	assert_int_equal(state_of(s).erasure_seq, 7);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral"), 1);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral_status"), 1);
	assert_int_equal(teststore_int(f->db, "SELECT count(*) FROM referral WHERE case_code ="
					      " 'KEE-PMEXX'"), 1);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, teststore_setup, teststore_teardown)
		T(new_referral_is_listed_with_its_history_under_fresh_uuids),
		T(a_change_after_confirming_is_listed_once_with_the_new_state),
		T(batches_come_in_rev_order_and_resume_without_gap_or_double),
		T(confirming_never_goes_back),
		T(shredded_note_is_a_change_that_carries_no_text),
		T(erasure_leaves_a_tombstone_until_the_central_store_has_it),
		T(history_rows_cannot_be_changed),
		T(each_database_is_its_own_site_and_remembers_how_a_sync_ended),
		T(first_sync_binds_the_database_to_its_central_site_and_no_other),
		T(a_restored_copy_moves_its_pending_changes_above_the_central_revs),
		T(a_refusal_is_noted_until_a_later_change_is_taken),
		T(the_coordinators_erasure_deletes_the_local_copy),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
