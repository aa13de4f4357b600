/* teststore.c: the shared store test fixture (see teststore.h). */
#include "teststore.h"

#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util.h"

int teststore_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	teststore *f = xcalloc(1, sizeof *f);
	f->dir = xasprintf("%s/infokaart-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	f->db = xasprintf("%s/records.db", f->dir);
	*state = f;
	return 0;
}

int teststore_teardown(void **state)
{
	teststore *f = *state;
	static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
		char *p = xasprintf("%s%s", f->db, sfx[i]);
		unlink(p);
		free(p);
	}
	rmdir(f->dir);
	free(f->dir);
	free(f->db);
	free(f);
	return 0;
}

store *teststore_open(const char *path)
{
	store *s = NULL;
	store_err err = {0};
	if (store_open(path, &s, &err) != 0)
		fail_msg("store_open: %s", err.msg);
	return s;
}

store_referral teststore_sample(const char *code, int64_t created, const char *followup)
{
	store_referral r;
	memset(&r, 0, sizeof r);
	if (code)
		snprintf(r.case_code, sizeof r.case_code, "%s", code);
	else
		store_new_case_code(r.case_code);
	r.created_at = created;
	strcpy(r.role, "wijkagent");
	strcpy(r.profile, "contact_aan_huis");
	strcpy(r.activity, "buurtteams");
	strcpy(r.wijk, "overvecht");
	strcpy(r.age_group, "age_65plus");
	strcpy(r.loneliness, "sociaal");
	r.consent = true;
	strcpy(r.consent_how, "mondeling");
	snprintf(r.followup_date, sizeof r.followup_date, "%s", followup);
	return r;
}

int64_t teststore_insert(store *s, store_referral *r)
{
	store_err err = {0};
	if (store_referral_insert(s, r, &err) != 0)
		fail_msg("insert: %s", err.msg);
	return r->id;
}

int64_t teststore_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}
