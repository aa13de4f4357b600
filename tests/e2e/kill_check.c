/* kill_check.c: the database after kills and faults (see kill_check.h). */
#include "kill_check.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The text of the first column of every row, joined by "; " (caller frees). */
static char *rows_text(sqlite3 *h, const char *sql, int *nrows)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	char *out = calloc(1, 1);
	size_t len = 0;
	int rc;
	*nrows = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		size_t n = v ? strlen(v) : 4;
		out = realloc(out, len + n + 3);
		len += (size_t)sprintf(out + len, "%s%s", *nrows ? "; " : "", v ? v : "NULL");
		++*nrows;
	}
	if (rc != SQLITE_DONE)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	sqlite3_finalize(st);
	return out;
}

static int one_int(sqlite3 *h, const char *sql, const char *code)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (code)
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	int v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int kill_check_db(const char *db, char (*codes)[16], int ncodes)
{
	if (access(db, F_OK) != 0) {
		assert_int_equal(ncodes, 0);
		return 0;
	}
	sqlite3 *h = NULL;
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		fail_msg("cannot open %s: %s", db, sqlite3_errmsg(h));
	sqlite3_busy_timeout(h, 10000);
	int n;
	char *verdict = rows_text(h, "PRAGMA integrity_check", &n);
	if (strcmp(verdict, "ok") != 0)
		fail_msg("integrity_check: %s", verdict);
	free(verdict);
	char *fk = rows_text(h, "PRAGMA foreign_key_check", &n);
	if (n != 0)
		fail_msg("foreign_key_check: %s", fk);
	free(fk);
	if (one_int(h, "SELECT count(*) FROM sqlite_schema WHERE name = 'referral'", NULL) == 0) {
		sqlite3_close(h); /* killed before the first migration committed: nothing recorded */
		assert_int_equal(ncodes, 0);
		return 0;
	}
	int orphans = one_int(h, "SELECT count(*) FROM referral r WHERE NOT EXISTS"
	                         " (SELECT 1 FROM referral_status s WHERE s.referral_id = r.id)", NULL);
	assert_int_equal(orphans, 0); /* a referral and its first status: one transaction */
	for (int i = 0; i < ncodes; i++) {
		int found = one_int(h, "SELECT count(*) FROM referral WHERE case_code = ?", codes[i]);
		if (found != 1)
			fail_msg("case code %s was reported as recorded, but the database has it %d times",
			         codes[i], found);
	}
	int total = one_int(h, "SELECT count(*) FROM referral", NULL);
	sqlite3_close(h);
	assert_true(total >= ncodes);
	return total;
}
