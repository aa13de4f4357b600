/* store_sync.h: what the local database keeps for the sync with a central PostgreSQL (see
 * central.h). Since schema v4 every referral, status history row and De Jong Gierveld score
 * has a random UUID and a rev: a number from a counter of this database that grows with every
 * change (triggers keep it, so no write path can forget it). An erasure leaves a tombstone
 * (the UUID only) with a rev of its own. The sync pushes everything with a rev above the
 * last one the central store confirmed; the database also has a site id: random at first,
 * then the one the central store gives the login it syncs with (schema v5). Schema v5 also
 * keeps a generation (which copy of the database pushed), what the central store refused, and
 * how far the coordinator's erasures and the catalogue were taken. */
#ifndef INFOKAART_STORE_SYNC_H
#define INFOKAART_STORE_SYNC_H

#include "store.h"

#define STORE_UUID_LEN 36

/* The sync's own state, one row. */
typedef struct {
	char site_id[STORE_UUID_LEN + 1]; /* this database's site: random until bound */
	bool bound;                       /* site_id came from a central store */
	char generation[STORE_UUID_LEN + 1]; /* of this copy's last push; "" before any */
	int64_t rev;                      /* the counter: the newest change */
	int64_t pushed_rev;               /* every change up to this one is stored centrally */
	int64_t pending;                  /* rows still to send (changed since pushed_rev) */
	int64_t last_ok_at;               /* unix seconds of the last sync that ended well; 0 never */
	int64_t last_try_at;              /* unix seconds of the last attempt; 0 never */
	int64_t last_sent;                /* changes sent by the last sync that ended well */
	char last_error[256];             /* why the last attempt failed; "" when it did not */
	int64_t catalogue_version;        /* central catalogue version in use; 0: the bundled one */
	int64_t catalogue_published_at;   /* unix seconds it was published; 0 with version 0 */
	int64_t catalogue_refused;        /* the newest central version refused here; 0 none */
	int64_t erasure_seq;              /* the coordinator's erasures taken up to this number */
	int64_t refused;                  /* changes the central store refused, still so */
	char last_refusal_code[32];       /* the newest refusal's case code ("?": gone); "" none */
	char last_refusal[256];           /* why, as the central store (or the sender) said it */
} store_sync_state;

int store_sync_state_get(store *s, store_sync_state *out, store_err *err);

typedef enum { SYNC_REFERRAL, SYNC_STATUS, SYNC_DJG, SYNC_ERASURE } store_sync_kind;

/* One change to push. For SYNC_REFERRAL: r is the referral as it is now (r.note malloc'd or
 * NULL: deleted by retention or never written), note_set_at when its note was written. For
 * SYNC_STATUS and SYNC_DJG: parent is the referral's UUID and h or djg the row. For
 * SYNC_ERASURE: uuid is the erased referral's, at when it was erased. */
typedef struct {
	store_sync_kind kind;
	int64_t rev;
	char uuid[STORE_UUID_LEN + 1];
	char parent[STORE_UUID_LEN + 1];
	store_referral r;
	int64_t note_set_at;
	char created_date[11]; /* SYNC_REFERRAL: the local date it was recorded, YYYY-MM-DD */
	store_history h;
	store_djg djg;
	int64_t at;
	char bad[96]; /* why the row cannot be sent as it is (a value too long to read); "" */
} store_sync_item;

/* The changes with a rev above `after`, oldest first, at most max of them, read in one
 * snapshot. A row with a value too long to read is listed with `bad` set, so the sync can
 * report it and go on. *out is malloc'd (free with store_sync_items_free); *upto is the counter in that
 * snapshot: when *n < max every change up to *upto is in the batch. Returns 0, or -1 with err
 * filled. */
int store_sync_changes(store *s, int64_t after, int max, store_sync_item **out, int *n,
		       int64_t *upto, store_err *err);
void store_sync_items_free(store_sync_item *v, int n); /* accepts NULL */

/* How a sync starts (see store_sync_begin). */
typedef struct {
	char generation[STORE_UUID_LEN + 1]; /* this sync's; noted centrally with each batch */
	bool adopted;  /* the database took the central site id as its own */
	bool restored; /* another copy of the database pushed last: a restored backup or copy */
	int64_t moved; /* changes given new revs above the central store's (when restored) */
} store_sync_start;

/* The start of a sync, once the central store said which site the login is (site_id), the
 * highest rev it holds of that site (central_rev) and the generation of the copy that pushed
 * last (central_gen; "" for none). In one durable transaction: a database not yet bound takes
 * site_id as its own (and is bound); when another copy pushed last (a backup restored, a disk
 * copied) the changes not yet confirmed get new revs above central_rev and the counter, so
 * they count centrally instead of being taken for old ones; and a new generation is drawn.
 * Returns 0 with *out filled; 1 when the database is bound to another site (nothing changed);
 * -1 with err filled. */
int store_sync_begin(store *s, const char *site_id, const char *central_gen, int64_t central_rev,
		     store_sync_start *out, store_err *err);

/* A change the central store did not take. */
typedef struct {
	store_sync_kind kind;
	int64_t rev;
	char uuid[STORE_UUID_LEN + 1];
	char why[200];
} store_sync_refusal;

/* The central store has every change up to rev, but for the refused ones v[0..n), which are
 * noted (and leave the list once a later change of the same referral is taken): pushed_rev
 * becomes rev (it never goes back), this sync's generation becomes the database's, tombstones
 * up to rev are dropped. One durable transaction. 0, or -1 with err filled. */
int store_sync_confirm(store *s, int64_t rev, const store_sync_refusal *v, int n,
		       store_err *err);

/* The central store has these referrals (uuids[0..n)) as erased: they go here too,
 * with their history and scores, and erasure_seq becomes last. *gone (may be NULL) is how
 * many referrals this database still had. 0, or -1 with err filled. */
int store_sync_erased(store *s, const char (*uuids)[STORE_UUID_LEN + 1], int n, int64_t last,
		      int *gone, store_err *err);

/* The central catalogue version this database refused: not fetched again. 0, or -1. */
int store_sync_catalogue_refused(store *s, int64_t version, store_err *err);

/* Notes the end of a sync attempt: ok (sent changes) or failed (why). 0, or -1 with err. */
int store_sync_finish(store *s, int64_t at, bool ok, int64_t sent, const char *why,
		      store_err *err);

/* The central catalogue this database now uses. 0, or -1 with err filled. */
int store_sync_catalogue(store *s, int64_t version, int64_t published_at, store_err *err);

#endif
