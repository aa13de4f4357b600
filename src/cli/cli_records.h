/* cli_records.h: the subcommands for the records: follow-ups due, an outcome in one command,
 * one case, monitoring figures, export, retention and erasure. Output in plain Dutch; tables
 * as CSV or JSON for spreadsheets. Exit codes (cli_common.h): 0 done, 1 nothing found or
 * refused, 2 usage, 3 database error (the store's message; the file untouched where it says
 * so). Every command that opens the database first deletes notes past the retention period,
 * as the program does on start. Options are checked by the command table (commands.c). */
#ifndef INFOKAART_CLI_RECORDS_H
#define INFOKAART_CLI_RECORDS_H

#include "cli_common.h"

int cli_records_stats(app *a, const cli_opts *o);
int cli_records_export(app *a, const cli_opts *o);
int cli_records_purge(app *a, const cli_opts *o);
int cli_records_delete(app *a, const cli_opts *o);

/* In cli_records_followup.c. */
int cli_records_followups(app *a, const cli_opts *o);
int cli_records_case(app *a, const cli_opts *o);
int cli_records_outcome(app *a, const cli_opts *o);

#endif
