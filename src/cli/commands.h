/* commands.h: the one table of subcommands. main dispatches through it, --help is printed from
 * it, and `infokaart completion bash` and the manual-page test read it, so a command cannot
 * exist in one of them and be missing from another. */
#ifndef INFOKAART_COMMANDS_H
#define INFOKAART_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

#include "app.h"
#include "cli_common.h"

typedef struct {
	const char *name;     /* the word on the command line */
	const char *synopsis; /* its words and options, for --help (translated; "" when none) */
	const char *summary;  /* what it does (translated); a second line after '\n' */
	unsigned options;     /* O_* (cli_common.h) it accepts */
	const char *words;    /* the fixed words it takes, for completion ("" when none) */
	int min_args, max_args; /* words it takes; max_args -1: any number */
	int (*run)(app *a, const cli_opts *o);
} cli_command;

extern const cli_command cli_commands[];
extern const int cli_ncommands;

/* The command named `word`, or NULL. */
const cli_command *cli_command_find(const char *word);

/* Runs command c with the words and options after it (args[0..n)), after checking them
 * against the table. Returns the exit code. */
int cli_run(app *a, const cli_command *c, char **args, int n);

/* Whether name is an option of every run (--db, --lang, …; main reads them wherever they
 * stand), and whether it takes a value. */
bool cli_global_option(const char *name, bool *takes_value);

/* --help: the usage, commands and options, in the language of the messages. */
void cli_print_help(FILE *out);

/* `infokaart completion bash`: a bash completion script for the commands and options. */
int cli_completion(app *a, const cli_opts *o);

#endif
