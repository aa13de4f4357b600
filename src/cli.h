/* cli.h: the subcommands that print instead of drawing a screen. Each returns an exit code. */
#ifndef INFOKAART_CLI_H
#define INFOKAART_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "app.h"

int cli_check(app *a, char **paths, int n);
/* What `check PATH` checks, into d: a folder's content and its training cases, or one file. */
void cli_check_path(app *a, const char *path, diags *d);
int cli_questions(app *a, bool json);
int cli_suggest(app *a, const char *answers_path, bool json);
/* Asks for a new kiosk PIN twice (without echo on a terminal; two lines from `in`
 * otherwise) and stores its hash. */
int cli_set_pin(app *a, FILE *in);

/* Loads a->content_dir into a->c; on failure prints every problem and returns -1. */
int cli_load_content(app *a);

#endif
