/* cli_sync.h: the commands that talk to the central PostgreSQL of a network (central.h): send
 * the records and fetch a newer catalogue, publish the catalogue, the coordinator's central
 * commands, the network's figures. */
#ifndef INFOKAART_CLI_SYNC_H
#define INFOKAART_CLI_SYNC_H

#include "cli_common.h"

/* sync [--to URL] [--site-name N] [--status]. */
int cli_sync(app *a, const cli_opts *o);
/* catalogue publish [--to URL]. */
int cli_sync_catalogue(app *a, const cli_opts *o);
/* central init|add-site NAME|add-coordinator NAME|sites|erase CODE|purge (cli_central.c):
 * the coordinator's work on the central store. */
int cli_central(app *a, const cli_opts *o);

/* What the network's commands share (cli_sync.c, cli_sync_catalogue.c, cli_central.c). */
/* "2026-11-23 14:02": unix seconds t in local time. */
void cli_sync_when(int64_t t, char buf[32]);
/* The central store's address: --to, else sync_url; NULL after a usage message. */
const char *cli_sync_url(const app *a, const cli_opts *o);
/* Fetches a newer central catalogue (one not refused here before, and not larger than a site
 * takes), checks it against this machine's content and training cases, and only then uses
 * it. 0 when there was nothing new or it is in use, 1 when it was refused (said on stderr,
 * noted, the old one stays), -1 with why set when it could not be fetched or kept. */
struct central;
int cli_sync_pull_catalogue(app *a, store *s, struct central *c, char *why, size_t nwhy);

/* The names the central overviews show for the ids in the records (cli_sync_labels.c): the
 * profiles, wijken, roles and activities of content c and the program's statuses, in Dutch
 * and English, as the JSON `catalogue publish` and `central init` send (malloc'd); *said
 * (malloc'd) is a line saying how many of each. */
char *cli_sync_labels(const app *a, const content *c, char **said);

/* stats --from: the network's figures into *st (free with store_statistics_free). 0, or -1
 * after saying why on stderr. */
int cli_sync_central_stats(const char *url, const char *since, store_statistics *st);

#endif
