/* store_sqlite.c: loading SQLite when the records are first opened (see store_sqlite.h). The
 * library stays loaded until the process ends. Prints nothing: a failure is an error value. */
#include "store_sqlite.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#include "store_internal.h"

/* The library by its soname (Debian's libsqlite3-0; the name has not changed since SQLite 3.0). */
#define STORE_SQLITE_LIBRARY "libsqlite3.so.0"

store_sqlite_api store_sqlite;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_failure[256]; /* empty: loaded */

/* Fills store_sqlite, or says why not in load_failure (then store_sqlite stays empty). */
static void load(void)
{
	void *lib = dlopen(STORE_SQLITE_LIBRARY, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(load_failure, sizeof load_failure, "%s", dlerror());
		return;
	}
	store_sqlite_api api;
	const char *missing = NULL;
#define STORE_SQLITE_LOAD(name)                                                             \
	if (!missing && !(api.name = (__typeof__(api.name))dlsym(lib, "sqlite3_" #name))) { \
		missing = dlerror();                                                        \
		missing = missing ? missing : "sqlite3_" #name;                             \
	}
	STORE_SQLITE_API(STORE_SQLITE_LOAD)
#undef STORE_SQLITE_LOAD
	if (missing) { /* an SQLite older than the store needs */
		snprintf(load_failure, sizeof load_failure, "%s", missing);
		return;
	}
	store_sqlite = api;
	/* Before SQLite's first use: no page cache made ahead of need, 20 pages (86 kB) per
	 * connection of which an opening of the records (two connections) touches little: fresh
	 * pages cost 10-15 us each on the CI machine, 0.9 ms of a start with a database. Pages are
	 * allocated as they are needed instead. Refused when SQLite is already in use: no harm. */
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, (void *)NULL, 0, 0);
}

int store_sqlite_load(store_err *err)
{
	pthread_once(&load_once, load);
	if (!load_failure[0])
		return 0;
	store_err_put(err, STORE_ERR_OPEN, NULL, load_failure);
	return -1;
}
