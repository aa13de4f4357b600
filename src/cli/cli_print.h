/* cli_print.h: `infokaart print-slip CODE [--print]`: the slip of a recorded referral, to
 * standard output or to the printer (print.h). */
#ifndef INFOKAART_CLI_PRINT_H
#define INFOKAART_CLI_PRINT_H

#include "cli_common.h"

/* Exit codes: 0 shown or printed, 1 no referral with that code or printing failed, 2 usage,
 * 3 database error. */
int cli_print_slip(app *a, const cli_opts *o);

#endif
