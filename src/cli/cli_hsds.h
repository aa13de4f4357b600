/* cli_hsds.h: `infokaart import-hsds` and `infokaart export-hsds` (see hsds.h). */
#ifndef INFOKAART_CLI_HSDS_H
#define INFOKAART_CLI_HSDS_H

#include "cli_common.h"

/* import-hsds DIR|FILE [--out FILE]: the catalogue entries on stdout (or in FILE), the report
 * on stderr. Exit codes: 0 imported (notes in the report are normal), 1 a file could not be
 * read or parsed, or the output could not be written, 2 usage. */
int cli_hsds_import(app *a, const cli_opts *o);

/* export-hsds [--out FILE]: the catalogue in use as HSDS 3.0 JSON. Exit codes: 0, 1 content
 * with mistakes or output not written, 2 usage. */
int cli_hsds_export(app *a, const cli_opts *o);

#endif
