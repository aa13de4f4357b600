/* cli_common.h: what the subcommands share: their options (one parser, driven by the command
 * table in commands.c), exit codes, messages, the case code as typed, the content for names,
 * opening the records, and writing output. */
#ifndef INFOKAART_CLI_COMMON_H
#define INFOKAART_CLI_COMMON_H

#include <stdbool.h>

#include "app.h"
#include "store.h"
#include "store_label.h"
#include "util.h"

/* Exit codes (the manual page, EXIT STATUS): done; nothing found, refused or not written;
 * wrong use; database error. */
enum { EXIT_OK, EXIT_NONE, EXIT_USAGE, EXIT_DB };

typedef enum { FMT_TEXT, FMT_CSV, FMT_JSON } out_format;

/* The options a command may take, as bits (cli_command.options). */
enum {
	O_DATE = 1 << 0, O_FORMAT = 1 << 1, O_ROLE = 1 << 2, O_DJG = 1 << 3, O_SINCE = 1 << 4,
	O_NOTES = 1 << 5, O_NEXT = 1 << 6, O_DAYS = 1 << 7, O_TO = 1 << 8, O_FROM = 1 << 9,
	O_SITE = 1 << 10, O_STATUS = 1 << 11, O_OUT = 1 << 12, O_PRINT = 1 << 13, O_JSON = 1 << 14,
	O_ANSWERS = 1 << 15, O_CSV = 1 << 16 /* --csv-sep */, O_BOM = 1 << 17,
};

/* A command's words and options, checked by cli_parse before the command runs. */
typedef struct {
	const char *date, *since, *role, *djg, *next; /* as given; dates already valid */
	out_format format;  /* --format; --json means FMT_JSON */
	bool json;          /* --json was given */
	const char *answers;/* --answers FILE */
	int days;           /* retention period for notes, in days */
	bool with_notes;
	bool status;        /* sync --status */
	bool print;         /* print-slip --print */
	const char *url, *site_name; /* --to or --from; --site-name */
	char csv_sep;       /* --csv-sep: ',' (RFC 4180, the default) or ';' (a spreadsheet in Dutch) */
	bool bom;           /* --bom: CSV starts with a UTF-8 byte order mark (for Excel) */
	const char *out;    /* --out FILE */
	char **arg;         /* the command's words (into argv) */
	int narg;
} cli_opts;

/* Notes are deleted after the config's retention_days, or --days; this when neither is set. */
#define CLI_RETENTION_DAYS_DEFAULT 90

/* "infokaart: <message>" and the pointer to --help on stderr; returns EXIT_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The store's message on stderr; returns EXIT_DB. */
int cli_db_error(const store_err *err);
/* A case code as typed ("k7m 4qxrt", "K7M4QXRT") in its stored form ("K7M-4QXRT"). Returns
 * EXIT_OK, or EXIT_USAGE after saying that `in` cannot be a code (not 3 + 5 letters and
 * digits). */
int cli_case_code(const char *in, char out[16]);
/* The terminal's width in columns (COLUMNS, or 80, when stdout is no terminal). */
int cli_terminal_width(void);
/* Writes b to stdout, frees it, and returns rc, or EXIT_NONE when stdout could not be written.
 * Text is always made safe for a terminal first; CSV and JSON when stdout is a terminal (a
 * file gets them as they are). */
int cli_emit(strbuf *b, out_format f, int rc);
/* Puts the byte order mark before the CSV table in b when --bom asks for it. */
void cli_csv_bom(strbuf *b, const cli_opts *o);
/* Loads the content into a->c; on failure prints every problem and returns -1. */
int cli_load_content(app *a);
/* What an erasure took away, in words: "<head> N verwijzingen (met N notities), N statusregels
 * en N De Jong Gierveld-scores.\n" (notes < 0: the part in brackets is left out). */
void cli_erased_text(strbuf *b, const char *head, long long referrals, long long notes, long long history,
		     long long scores);
/* The content for names, loaded once; NULL (after one line on stderr) when it cannot be. */
const content *cli_names(app *a);
/* store_label with the app's content and language. */
const char *cli_label(app *a, store_by by, const char *key);
/* Opens the database, first applying retention (notes older than o->days); *purged (may be
 * NULL, then a count above zero is said on stderr) is how many notes went. A database that
 * does not exist is not made. Returns EXIT_OK with *s set, or an exit code after saying why. */
int cli_open_records(app *a, const cli_opts *o, store **s, int *purged);

#endif
