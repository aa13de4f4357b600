/* cli.h: the subcommands about the content: check, questions, suggest, and set-pin. Each
 * returns an exit code; options are checked by the command table (commands.c). */
#ifndef INFOKAART_CLI_H
#define INFOKAART_CLI_H

#include "cli_common.h"

int cli_check(app *a, const cli_opts *o);     /* the words are files or folders */
/* What `check PATH` checks, into d: a folder's content and its training cases, or one file. */
void cli_check_path(app *a, const char *path, diags *d);
int cli_questions(app *a, const cli_opts *o);
int cli_suggest(app *a, const cli_opts *o);   /* needs --answers */
/* Asks for a new kiosk PIN twice on standard input (without echo on a terminal; two lines
 * otherwise) and stores its hash. */
int cli_set_pin(app *a, const cli_opts *o);

#endif
