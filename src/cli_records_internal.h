/* cli_records_internal.h: what the files of the record commands share: cli_records.c
 * (options, opening the store, output; purge, delete), cli_records_tables.c (stats, export),
 * cli_records_followup.c (followups, case, outcome) and the network's (cli_sync*.c,
 * cli_central.c). Nothing else includes it. */
#ifndef INFOKAART_CLI_RECORDS_INTERNAL_H
#define INFOKAART_CLI_RECORDS_INTERNAL_H

#include <stdbool.h>

#include "app.h"
#include "store.h"
#include "store_label.h"
#include "util.h"

enum { EXIT_OK, EXIT_NONE, EXIT_USAGE, EXIT_DB }; /* see cli_records.h */

typedef enum { FMT_TEXT, FMT_CSV, FMT_JSON } out_format;

/* A command's words and options, checked by cli_records_run before the command runs. */
typedef struct {
	const char *date, *since, *role, *djg, *next; /* as given; dates already valid */
	out_format format;
	int days;           /* retention period for notes, in days */
	bool with_notes;
	bool status;        /* sync --status */
	const char *url, *site_name; /* --to or --from; --site-name */
	char csv_sep;       /* --csv-sep: ',' (RFC 4180, the default) or ';' (a spreadsheet in Dutch) */
	bool bom;           /* --bom: CSV starts with a UTF-8 byte order mark (for Excel) */
	const char *arg[2]; /* the command's words */
	int narg;
} cli_records_opts;

/* "infokaart: <message>" and the pointer to --help on stderr; returns EXIT_USAGE. */
int cli_records_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The store's message on stderr; returns EXIT_DB. */
int cli_records_db_error(const store_err *err);
/* A case code as typed ("k7m 4qxrt", "K7M4QXRT") in its stored form ("K7M-4QXRT"). */
void cli_records_code(const char *in, char out[16]);
/* Writes b to stdout, frees it, and returns rc, or EXIT_NONE when stdout could not be written.
 * Text is always made safe for a terminal first; CSV and JSON when stdout is a terminal (a
 * file gets them as they are). */
int cli_records_emit(strbuf *b, out_format f, int rc);
/* Puts the byte order mark before the CSV table in b when --bom asks for it. */
void cli_records_csv_bom(strbuf *b, const cli_records_opts *o);
/* The content for names, loaded once; NULL (after one line on stderr) when it cannot be. */
const content *cli_records_names(app *a);
/* store_label with the app's content and language. */
const char *cli_records_label(app *a, store_by by, const char *key);
/* Opens the database, first applying retention (notes older than o->days); *purged (may be
 * NULL, then a count above zero is said on stderr) is how many notes went. A database that
 * does not exist is not made. Returns EXIT_OK with *s set, or an exit code after saying why. */
int cli_records_open(app *a, const cli_records_opts *o, store **s, int *purged);

/* The commands in cli_records_tables.c. */
int cli_records_stats(app *a, const cli_records_opts *o);
int cli_records_export(app *a, const cli_records_opts *o);

/* The commands in cli_records_followup.c. */
int cli_records_followups(app *a, const cli_records_opts *o);
int cli_records_case(app *a, const cli_records_opts *o);
int cli_records_outcome(app *a, const cli_records_opts *o);

/* The network's commands: sync (cli_sync.c), catalogue publish (cli_sync_catalogue.c), the
 * coordinator's central … (cli_central.c). */
int cli_sync(app *a, const cli_records_opts *o);
int cli_sync_catalogue(app *a, const cli_records_opts *o);
int cli_central(app *a, const cli_records_opts *o);
/* "2026-11-23 14:02": unix seconds t in local time. */
void cli_sync_when(int64_t t, char buf[32]);
/* The central store's address: --to, else sync_url; NULL after a usage message. */
const char *cli_sync_url(const app *a, const cli_records_opts *o);
/* Fetches a newer central catalogue (one not refused here before, and not larger than a site
 * takes), checks it against this machine's content and training cases, and only then uses
 * it. 0 when there was nothing new or it is in use, 1 when it was refused (said on stderr,
 * noted, the old one stays), -1 with why set when it could not be fetched or kept. */
struct central;
int cli_sync_pull_catalogue(app *a, store *s, struct central *c, char *why, size_t nwhy);
/* stats --from: the network's figures into *st (free with store_statistics_free). 0, or -1
 * after saying why on stderr. */
int cli_sync_central_stats(const char *url, const char *since, store_statistics *st);

#endif
