/* central.h: the network's central store in PostgreSQL (libpq). The only module that includes
 * libpq-fe.h. Sites push their changes here (see store_sync.h), the coordinator publishes the
 * catalogue here and reads network-wide statistics from here. Everything lives in the schema
 * "infokaart", created on first contact. Never prints, never exits: messages go into
 * central_err as a Dutch sentence with the server's detail in brackets, and a URL in a message
 * never shows its password. */
#ifndef INFOKAART_CENTRAL_H
#define INFOKAART_CENTRAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "store_sync.h"

typedef struct central central;

typedef struct {
	char msg[512];
} central_err;

/* Connects to url (a postgresql:// URL or a "key=value" conninfo string; what it sets wins
 * over the defaults: connect_timeout 10 s, TCP keepalives, application_name infokaart) and
 * makes sure the central schema exists (created under an advisory lock, so two sites that
 * meet an empty server at once do not trip over each other). A server whose schema is newer
 * than this program's is refused. Every later call first reconnects once when the connection
 * broke (the server restarted), so a long-running caller may keep the handle. Returns 0 and
 * sets *out, or -1 with err filled. */
int central_connect(const char *url, central **out, central_err *err);
void central_close(central *c); /* accepts NULL */

/* Writes url into buf (size n) with any password replaced by "***". */
void central_redact(const char *url, char *buf, size_t n);

/* Pushes v[0..n) in one transaction, under an advisory lock for the site: referrals are
 * upserted by UUID and only overwrite an older rev (so a stale push never brings back a
 * deleted note); status and score rows are inserted once (append-only); an erasure deletes the
 * referral with its rows and is remembered, so nothing brings the UUID back. The site row
 * (site_id, site_name, last_sync) is upserted too. Running it again with the same items
 * changes nothing. Returns 0 when committed, or -1 with err filled (then nothing of it was
 * stored). */
int central_push(central *c, const char *site_id, const char *site_name,
		 const store_sync_item *v, int n, central_err *err);

/* The newest published catalogue when it is newer than have_version: returns 0 with *version,
 * *published_at (unix seconds) and *body (malloc'd activities.json text) set; 1 when there is
 * nothing newer; -1 with err filled. */
int central_catalogue_latest(central *c, int64_t have_version, int64_t *version,
			     int64_t *published_at, char **body, central_err *err);

/* Publishes body (the text of an activities.json the caller has validated) as a new version,
 * unless the newest version has exactly this text: then *is_new is false and *version is that
 * version. by names who published (a site name or id). 0, or -1 with err filled. */
int central_catalogue_publish(central *c, const char *body, const char *by, int64_t *version,
			      bool *is_new, central_err *err);

/* Fills *out as store_stats does, over every site's referrals created on or after since
 * (YYYY-MM-DD, the date at the site; NULL for all). Free with store_statistics_free. 0, or -1
 * with err filled (then *out is empty). */
int central_stats(central *c, const char *since, store_statistics *out, central_err *err);

#endif
