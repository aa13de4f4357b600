/* cli_sync.h: the commands that talk to the central PostgreSQL of a network (central.h): send
 * the records and fetch a newer catalogue, publish the catalogue, the network's figures. */
#ifndef INFOKAART_CLI_SYNC_H
#define INFOKAART_CLI_SYNC_H

#include "cli_common.h"

/* sync [--to URL] [--site-name N] [--status]. */
int cli_sync(app *a, const cli_opts *o);
/* catalogue publish [--to URL]. */
int cli_sync_catalogue(app *a, const cli_opts *o);
/* stats --from: the network's figures into *st (free with store_statistics_free). 0, or -1
 * after saying why on stderr. */
int cli_sync_central_stats(const char *url, const char *since, store_statistics *st);

#endif
