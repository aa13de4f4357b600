/* central.h: the network's central store in PostgreSQL (libpq). The only module that includes
 * libpq-fe.h. The schema, roles and functions are sql/central.sql (built in): the coordinator
 * applies it (central_init) and adds a login role per site. A site writes only through
 * functions that take its site from its login and touch only its own rows, and reads nothing
 * of another site; the coordinator publishes the catalogue, reads network-wide statistics and
 * erases a case in the whole network. Never prints, never exits: messages go into central_err
 * as a sentence in the language of the run (gettext) with the server's detail in brackets,
 * safe for a terminal, and a URL in a message never shows its password. */
#ifndef INFOKAART_CENTRAL_H
#define INFOKAART_CENTRAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "store_sync.h"

/* What the central store takes (sql/central.sql checks the same: infokaart.limits): bytes of
 * a text field, of a note, of a catalogue. A site checks before it sends or fetches. */
enum { CENTRAL_MAX_TEXT = 256, CENTRAL_MAX_NOTE = 8192, CENTRAL_MAX_CATALOGUE = 4194304 };

typedef struct central central;

typedef struct {
	char msg[512];
} central_err;

/* Connects to url (a postgresql:// URL or a "key=value" conninfo string; what it sets wins
 * over the defaults: connect_timeout 10 s, TCP keepalives, application_name infokaart) and
 * checks the central schema: a server without it (central init not run), with an older or a
 * newer one, or a login that is neither a site nor a coordinator of the network is refused
 * with a sentence saying what to do. Every later call first reconnects once when the
 * connection broke (the server restarted), so a long-running caller may keep the handle.
 * Returns 0 and sets *out, or -1 with err filled. */
int central_connect(const char *url, central **out, central_err *err);
void central_close(central *c); /* accepts NULL */

/* Writes url into buf (size n) with any password replaced by "***". */
void central_redact(const char *url, char *buf, size_t n);

/* --- a site (the login is a site's role) --- */

/* What the central store knows of the calling site. */
typedef struct {
	char site_id[STORE_UUID_LEN + 1];    /* the site of this login */
	int64_t max_rev;                     /* the highest rev the site ever pushed */
	char generation[STORE_UUID_LEN + 1]; /* of the database that pushed last; "" none yet */
} central_site;

/* The start of a sync: waits while another sync of the same site runs (and keeps the next one
 * waiting until this connection closes), notes the attempt centrally and, when name is not
 * NULL or empty, the site's name. Fills *out. 0, or -1 with err filled. */
int central_site_hello(central *c, const char *name, central_site *out, central_err *err);

/* A change the central store did not take, and why: a Dutch phrase, the source text of the
 * catalogue (central.sql's functions answer every site alike, and the records keep it); show
 * it with central_refusal_say. */
typedef struct {
	int item; /* index into the pushed items */
	char why[200];
} central_refusal;

/* What a push left behind. */
typedef struct {
	central_refusal *v; /* malloc'd; free with central_push_report_free */
	int n;
	int bad_item; /* after a failed push: the item whose value the server can never store
		       * (push again without it), or -1 when the failure was no item's fault */
	char bad_why[200]; /* with bad_item: the server's reason */
} central_push_report;
void central_push_report_free(central_push_report *r); /* accepts NULL */

/* Pushes v[0..n) in one transaction: referrals upserted by UUID that only overwrite an older
 * rev of the site's own referral (so a stale push never brings back a deleted note); status
 * and score rows inserted once (append-only); an erasure deletes the site's referral with its
 * rows and is remembered, so nothing brings the UUID back. A change aimed at another site's
 * row, or with a value the central store never takes (invalid UTF-8, longer than its limit;
 * checked here, before sending), is not stored and goes into rep->v, and the rest goes on.
 * generation (a UUID) is the database's own, noted with the highest rev. Running it again
 * with the same items changes nothing. Returns 0 when committed, or -1 with err filled (then
 * nothing of it was stored; see rep->bad_item). */
int central_push(central *c, const store_sync_item *v, int n, const char *generation,
		 central_push_report *rep, central_err *err);

/* Writes why (a refusal: central_refusal.why, central_push_report.bad_why, or one the records
 * kept from an earlier sync) into buf (size n) in the language of the run. The phrases the
 * central store's functions (central.sql) and this module give are known and translated; an
 * unknown one (a newer server's, PostgreSQL's own) is written as it came. */
void central_refusal_say(const char *why, char *buf, size_t n);

/* The erasures of this site's referrals (the coordinator's, and its own: a restored copy
 * erases again what it had erased) with a sequence number above after:
 * *uuids (malloc'd, *n of them) and *last the highest number. 0, or -1 with err filled. */
int central_site_erasures(central *c, int64_t after, char (**uuids)[STORE_UUID_LEN + 1], int *n,
			  int64_t *last, central_err *err);

/* --- the catalogue --- */

/* The newest published catalogue with a version above after: returns 0 with *version,
 * *published_at (unix seconds), *bytes and *body (malloc'd activities.json text; NULL when it
 * is larger than max_bytes: then it was not fetched) set; 1 when there is nothing newer; -1
 * with err filled. */
int central_catalogue_latest(central *c, int64_t after, int64_t max_bytes, int64_t *version,
			     int64_t *published_at, int64_t *bytes, char **body, central_err *err);

/* Publishes body (the text of an activities.json the caller has validated, at most
 * CENTRAL_MAX_CATALOGUE bytes) as a new version, unless the newest version has exactly this
 * text: then *is_new is false and *version is that version; and, in the same transaction,
 * labels (NULL: none; see central_labels_json). Only a coordinator may. 0, or -1 with err
 * filled (then nothing was published). */
int central_catalogue_publish(central *c, const char *body, const char *labels, int64_t *version,
			      bool *is_new, central_err *err);

/* --- labels: names for the ids the referrals carry, for the views BI tools read --- */

/* One label: an id with its Dutch and English name (en NULL or "": none); for a status whether
 * it is final, for an activity its organisation (en unused: an activity has one name). */
typedef struct {
	const char *id, *nl, *en, *organization;
	bool final;
} central_label;

/* The kinds of labels, each a table label_<kind> centrally. */
typedef enum {
	CENTRAL_LABEL_PROFILE,
	CENTRAL_LABEL_WIJK,
	CENTRAL_LABEL_ROLE,
	CENTRAL_LABEL_STATUS,
	CENTRAL_LABEL_ACTIVITY,
	CENTRAL_LABEL_N
} central_label_kind;

/* Every kind's labels, in the content's order: v[kind] (n[kind] of them). */
typedef struct {
	const central_label *v[CENTRAL_LABEL_N];
	int n[CENTRAL_LABEL_N];
} central_labels;

/* The labels as the text central_catalogue_publish and central_init send (malloc'd). */
char *central_labels_json(const central_labels *l);

/* --- the coordinator --- */

/* Fills *out as store_stats does, over every site's referrals created on or after since
 * (YYYY-MM-DD, the date at the site; NULL for all). Free with store_statistics_free. 0, or -1
 * with err filled (then *out is empty). */
int central_stats(central *c, const char *since, store_statistics *out, central_err *err);

/* Applies the built-in sql/central.sql at url in one transaction: schema, roles, grants,
 * functions and views (again on a server that has them: that changes nothing but the
 * functions, views and grants), and labels (NULL: none; see central_labels_json). The login
 * must own the database and may create roles. 0, or -1 with err filled. */
int central_init(const char *url, const char *labels, central_err *err);

/* Who a new login is: a site (with its site row), a coordinator, or a reader (a BI tool that
 * reads the views and labels, never a note or a case code). */
typedef enum { CENTRAL_SITE, CENTRAL_COORDINATOR, CENTRAL_READER } central_member_kind;

/* A new login role. Its password is random and only its verifier reaches the server. */
typedef struct {
	char role[64];                    /* ik_site_<name>, ik_coordinator_<name>, ik_reader_<name> */
	char password[33];                /* shown once, for the machine's ~/.pgpass */
	char site_id[STORE_UUID_LEN + 1]; /* the new site's id; "" for the others */
	char url[512];                    /* the server with this role and no password */
	char pgpass[700];                 /* the ~/.pgpass line */
} central_member;
/* 0 when name makes a role name (it has a letter or digit of ASCII), else -1 with err filled:
 * checked before connecting, and again by central_add_member. */
int central_member_name_ok(central_member_kind kind, const char *name, central_err *err);
/* Adds a member of this kind named name (its role name is made from it; a site's name is its
 * site name too); the login needs the right to create roles. 0, or -1 with err filled (a role
 * of that name exists: said so). */
int central_add_member(central *c, central_member_kind kind, const char *name, central_member *out,
		       central_err *err);

/* A site as the central store knows it. */
typedef struct {
	char name[201];
	char role[64];
	int64_t last_seen; /* unix seconds of its last sync attempt; 0 never */
	int64_t last_sync; /* unix seconds its changes last arrived; 0 never */
	int64_t referrals; /* its referrals in the central store */
} central_site_info;
/* Every site, by name: *v malloc'd (*n of them). 0, or -1 with err filled. */
int central_sites(central *c, central_site_info **v, int *n, central_err *err);

/* What erasing a case code took away in the whole network. */
typedef struct {
	int64_t referrals, history, scores, sites;
} central_erased;
/* Erases every referral with case code code, in every site, with its history and scores;
 * each site deletes its own copy at its next sync. 0, or -1 with err filled. */
int central_erase_case(central *c, const char *code, central_erased *out, central_err *err);

/* Deletes the central notes written more than days days before now (unix seconds), as each
 * site does with its own: *n is how many. 0, or -1 with err filled. */
int central_purge_notes(central *c, int64_t now, int days, int64_t *n, central_err *err);

#endif
