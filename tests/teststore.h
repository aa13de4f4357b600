/* teststore.h: what store tests share: a fresh folder per test, opening the store or failing
 * the test, a sample referral, and a look at the file through sqlite3 directly. */
#ifndef INFOKAART_TESTSTORE_H
#define INFOKAART_TESTSTORE_H

#include <stdint.h>

#include "store.h"

typedef struct {
	char *dir, *db; /* a mkdtemp folder and records.db in it */
} teststore;

/* cmocka setup and teardown: *state becomes a teststore; teardown removes the database with
 * its -wal and -shm and the folder. */
int teststore_setup(void **state);
int teststore_teardown(void **state);

store *teststore_open(const char *path); /* fails the test when it cannot */
/* A complete referral (code NULL: a fresh random code), created at `created`. */
store_referral teststore_sample(const char *code, int64_t created, const char *followup);
int64_t teststore_insert(store *s, store_referral *r); /* fails the test on error */
/* The first column of the first row of sql, read through a read-only connection. */
int64_t teststore_int(const char *path, const char *sql);

#endif
