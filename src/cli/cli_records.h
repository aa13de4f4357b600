/* cli_records.h: the subcommands for the records: follow-ups due, an outcome in one command,
 * one case, monitoring figures, export, retention and erasure. Output in plain Dutch; tables
 * as CSV or JSON for spreadsheets. Exit codes: 0 done, 1 nothing found or refused, 2 usage,
 * 3 database error (the store's message; the file untouched where it says so). */
#ifndef INFOKAART_CLI_RECORDS_H
#define INFOKAART_CLI_RECORDS_H

#include <stdbool.h>

#include "app.h"
#include "store.h"

/* Notes are deleted after the config's retention_days, or --days; this when neither is set. */
#define CLI_RETENTION_DAYS_DEFAULT 90

/* True for the commands below: followups, outcome, case, stats, export, purge, delete. main
 * hands such a command its own options (--date, --format, …) untouched. */
bool cli_records_is_command(const char *word);

/* Runs args[0] with its words and options args[1..n). main has taken --db, --content and
 * --lang; json is main's --json and means --format json. Every command that opens the
 * database first deletes notes past the retention period, as the program does on start. */
int cli_records_run(app *a, char **args, int n, bool json);

#endif
