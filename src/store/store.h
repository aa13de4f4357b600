/* store.h: the records of infokaart in SQLite: referrals with a follow-up date, kept on this
 * machine. Only the store layer (src/store/) includes sqlite3.h. Every write is committed durably (WAL,
 * synchronous=FULL) before the call returns 0; on any failure nothing is half-written and the
 * caller still holds its data, so the user can retry. No names: a pseudonymous case code. */
#ifndef INFOKAART_STORE_H
#define INFOKAART_STORE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct store store;

typedef enum {
	STORE_OK = 0,
	STORE_ERR_OPEN,     /* cannot open or create the file or its folder */
	STORE_ERR_READONLY, /* file or folder not writable */
	STORE_ERR_FULL,     /* disk (or max_page_count) full */
	STORE_ERR_BUSY,     /* another instance held the lock past the busy timeout */
	STORE_ERR_CORRUPT,  /* not a database, or quick_check failed: file left untouched */
	STORE_ERR_TOO_NEW,  /* schema newer than this program: file left untouched */
	STORE_ERR_OTHER
} store_status;

typedef struct {
	store_status status;
	char msg[512]; /* plain Dutch sentence for the user, then the SQLite detail in brackets */
} store_err;

/* Opens (creating if needed) the database at path. Creates missing parent folders with mode
 * 0700 and the file with mode 0600; runs migrations (PRAGMA user_version) inside BEGIN
 * IMMEDIATE; sets WAL, synchronous=FULL, foreign_keys, busy_timeout, secure_delete; runs
 * quick_check on an existing file. Returns 0 and sets *out, or -1 with err filled. */
int store_open(const char *path, store **out, store_err *err);
void store_close(store *s); /* accepts NULL */

/* The current schema version this program writes. */
int store_schema_version(void);

/* One recorded referral. Strings are ids from the content (not free text) except `note`. */
typedef struct {
	int64_t id;             /* set by insert */
	char case_code[16];     /* pseudonymous, e.g. "K7M-4QXRT"; see store_new_case_code */
	int64_t created_at;     /* unix seconds, from the injected clock */
	char role[65];          /* role option id of the signaller */
	char profile[65];       /* profile id chosen */
	char activity[65];      /* activity id chosen */
	char wijk[65];          /* wijk option id, "" when unknown */
	char age_group[65];     /* age option id, "" when unknown */
	char loneliness[256];   /* comma-separated loneliness option ids, "" when none */
	bool consent;           /* the person agreed to be referred */
	char consent_how[65];   /* e.g. "mondeling", "schriftelijk"; "" when no consent */
	char followup_date[11]; /* YYYY-MM-DD */
	char *note;             /* optional free text (NULL: none); deleted after retention */
	char status[32];        /* current status (see store_status_ids); insert sets "verwezen" */
	int64_t closed_at;      /* unix seconds a final status was set; 0 while open (schema v2) */
} store_referral;

/* Inserts r (r->id, r->status are set on success; r->closed_at is ignored: a new referral is
 * open) and its first status history row, with r->role as who, in one durable transaction.
 * A note starts its retention period at r->created_at. Returns 0, or -1 with err filled (then
 * nothing was written). */
int store_referral_insert(store *s, store_referral *r, store_err *err);

/* Reads referral id into *out (out->note is malloc'd or NULL; free with
 * store_referral_clear). Returns 0, 1 when not found, -1 on error. */
int store_referral_get(store *s, int64_t id, store_referral *out, store_err *err);
void store_referral_clear(store_referral *r);

/* Counts all referrals; -1 on error. */
int64_t store_referral_count(store *s, store_err *err);

/* Writes a fresh random case code (8 characters from an unambiguous alphabet, with a dash
 * after the third: "K7M-4QXRT" style) into buf (at least 16 bytes). */
void store_new_case_code(char buf[16]);

/* --- status: the follow-up loop (schema v2) ---
 * A referral moves through a closed set of statuses; every change is a history row (what, who
 * as a role id, when) and the referral keeps its current status. The final statuses close the
 * referral (closed_at set); a later non-final status opens it again (closed_at cleared). */

/* The status ids, NULL-terminated, in the order a follow-up usually runs: verwezen,
 * contact_gelegd, gestart, niet_bereikt, past_niet, geen_plek, wil_niet_meer, afgerond. */
extern const char *const store_status_ids[];

bool store_status_known(const char *id);   /* id is one of store_status_ids */
bool store_status_final(const char *id);   /* niet_bereikt, past_niet, geen_plek, wil_niet_meer,
                                            * afgerond: closes the referral */
/* The status's Dutch label through gettext ("Contact gelegd"); NULL for an unknown id. */
const char *store_status_label(const char *id);

/* One answered De Jong Gierveld 6-item scale at a moment of follow-up: the scores only,
 * never the answers. STORE_DJG_MISSING has the value of DJG_MISSING (djg.h). */
#define STORE_DJG_MISSING (-1)
typedef struct {
	int64_t at;    /* unix seconds */
	int total;     /* 0–6, or STORE_DJG_MISSING (more than one item unanswered) */
	int emotional; /* 0–3, or STORE_DJG_MISSING */
	int social;    /* 0–3, or STORE_DJG_MISSING */
} store_djg;

/* Sets referral id's status: one durable transaction writes the history row (status, role, at)
 * and the referral's status and closed_at (= at for a final status, NULL otherwise). role is
 * the role option id of who recorded it ("" or NULL: unknown). Returns 0; 1 when there is no
 * referral id (nothing written); -1 with err filled for an unknown status (nothing written, the
 * message lists the valid ids) or a database error. */
int store_status_set(store *s, int64_t id, const char *status, const char *role, int64_t at,
		     store_err *err);

/* What a follow-up found, for store_outcome. */
typedef struct {
	const char *status;        /* a store_status_ids entry */
	const char *role;          /* role option id of who records it; NULL or "": unknown */
	int64_t at;                /* unix seconds */
	const store_djg *djg;      /* a score measured at this follow-up (its own `at`), or NULL */
	const char *next_followup; /* YYYY-MM-DD: the next follow-up date, or NULL to keep it */
} store_outcome_rec;

/* Records a follow-up as store_status_set does, and in the same transaction the score and the
 * next follow-up date when given: all of it is written, or none. Returns as store_status_set
 * (an invalid score or date is refused before anything is written). */
int store_outcome(store *s, int64_t id, const store_outcome_rec *o, store_err *err);

/* Adds a De Jong Gierveld score for referral id. Out-of-range scores are refused. Returns 0;
 * 1 when there is no referral id; -1 with err filled. */
int store_djg_add(store *s, int64_t referral_id, const store_djg *score, store_err *err);

/* The scores of referral id, oldest first: *out is malloc'd (NULL when *n is 0; free()).
 * Returns 0, or -1 with err filled (then *out is NULL, *n 0). */
int store_djg_list(store *s, int64_t referral_id, store_djg **out, int *n, store_err *err);

/* One row of a referral's status history. */
typedef struct {
	char status[32]; /* a store_status_ids entry (or an id a newer program wrote) */
	char role[65];   /* role option id of who recorded it; "" when unknown */
	int64_t at;      /* unix seconds */
} store_history;

/* The history of referral id, oldest first; *out malloc'd (free()), as store_djg_list. */
int store_history_list(store *s, int64_t referral_id, store_history **out, int *n,
		       store_err *err);

/* --- follow-up --- */

/* Open referrals whose follow-up date is on or before `until` (YYYY-MM-DD), oldest follow-up
 * date first (then the oldest referral). *out is a malloc'd array of *n referrals (NULL when
 * none); free with store_referrals_free. Returns 0, or -1 with err filled (also for an invalid
 * date). */
int store_followups(store *s, const char *until, store_referral **out, int *n, store_err *err);

/* Every referral (open or closed) with this exact case code, oldest first; as
 * store_followups. */
int store_referrals_by_case(store *s, const char *case_code, store_referral **out, int *n,
			    store_err *err);

void store_referrals_free(store_referral *v, int n); /* accepts NULL */

/* Moves referral id's follow-up date to date (YYYY-MM-DD, a real calendar date). Returns 0;
 * 1 when there is no referral id; -1 with err filled. */
int store_followup_set(store *s, int64_t id, const char *date, store_err *err);

/* Calls fn for every referral created on or after `since` (YYYY-MM-DD, local date; NULL for
 * all), oldest first, one at a time (so an export of any size runs in little memory). The
 * referral passed is valid only during the call. fn returns 0 to go on; anything else stops
 * the walk, and store_referrals_each returns that value. Returns 0, that value, or -1 with err
 * filled. */
typedef int (*store_referral_fn)(const store_referral *r, void *ctx);
int store_referrals_each(store *s, const char *since, store_referral_fn fn, void *ctx,
			 store_err *err);

/* --- monitoring --- */

/* The series store_stats counts, each a store_counts in store_statistics.by[]. */
typedef enum {
	STORE_BY_MONTH,    /* "YYYY-MM" of created_at (local time) */
	STORE_BY_PROFILE,  /* profile id */
	STORE_BY_WIJK,     /* wijk option id */
	STORE_BY_ACTIVITY, /* activity id */
	STORE_BY_ROLE,     /* role option id of the signaller */
	STORE_BY_STATUS,   /* current status id */
	STORE_BY_SITE,     /* site id, with the site's name (the network's figures only) */
	STORE_BY_N
} store_by;

/* The series that count one column of a referral, in store_by order from STORE_BY_PROFILE:
 * G(column) for each, so that the local and the central SQL count the same columns. */
#define STORE_BY_COLUMNS(G) G("profile"), G("wijk"), G("activity"), G("role"), G("status")

/* Stable ids of the series, in store_by order ("maand", "profiel", "wijk", "activiteit",
 * "rol", "status", "site"): for CSV. */
extern const char *const store_by_ids[STORE_BY_N];

typedef struct {
	char key[65];   /* the id as stored ("" when it was not recorded), or YYYY-MM */
	char name[201]; /* the name the figures come with (a site's); "" when the content names it */
	int64_t count;  /* referrals with that key */
} store_count;

typedef struct {
	store_count *v; /* malloc'd, NULL when n is 0 */
	int n;
} store_counts;

/* Counts over the referrals created on or after a date. */
typedef struct {
	int64_t total;   /* referrals in the period */
	int64_t started; /* of those, how many ever reached gestart, by their history (afgerond
	                  * counts too: what is completed has started) */
	int64_t open;    /* of those, not closed now */
	store_counts by[STORE_BY_N]; /* months: every month from the first to the last, in
	                              * order, zeros included; the others: largest count first,
	                              * then by key, "" last (sites: by name, each site once,
	                              * zeros included) */
	bool network; /* the whole network's figures (central_stats): by[STORE_BY_SITE] is
	               * filled; a machine's own have no site series */
} store_statistics;

/* Fills *out for referrals created on or after since (YYYY-MM-DD, local date; NULL for all).
 * Free with store_statistics_free. Returns 0, or -1 with err filled (then *out is empty). */
int store_stats(store *s, const char *since, store_statistics *out, store_err *err);
void store_statistics_free(store_statistics *st); /* accepts NULL */

/* For whoever fills a store_statistics from elsewhere (the central store does): appends one
 * count, growing c->v (*cap is its capacity, 0 at first); and puts zero months in the gaps
 * between the first and last "YYYY-MM" of months (in order), so a chart shows a quiet month
 * as a quiet month rather than leaving it out. */
void store_counts_push(store_counts *c, int *cap, const char *key, int64_t count);
void store_counts_fill_months(store_counts *months);

/* --- retention and erasure --- */

/* Deletes every note older than retention_days days (by when it was written: note_set_at, or
 * created_at for notes from schema v1): the note becomes NULL, the categorical data stays.
 * A note exactly retention_days old is kept. secure_delete overwrites the text in the file,
 * and the write-ahead log is emptied unless another program keeps reading it past the busy
 * timeout. *removed
 * (may be NULL) is the number of notes deleted. Idempotent. Returns 0, or -1 with err filled
 * (retention_days < 0 is refused; then nothing was deleted). */
int store_purge(store *s, int64_t now, int retention_days, int *removed, store_err *err);

/* What store_delete_case removed. */
typedef struct {
	int referrals; /* referral rows */
	int history;   /* status history rows */
	int djg;       /* De Jong Gierveld scores */
	int notes;     /* of the referrals, how many carried a note */
	bool wal_cleared; /* the write-ahead log was emptied too; false when another program kept
	                   * reading it (SQLite empties it when the last connection closes) */
} store_delete_report;

/* Erases one person's records entirely (AVG art. 17): every referral with this case code and
 * its history and scores, in one durable transaction; secure_delete overwrites the bytes and
 * the write-ahead log is emptied where possible. It cannot be undone. rep (may be NULL) says
 * what went. Returns 0; 1 when no referral has this code (nothing removed); -1 with err
 * filled (nothing removed). */
int store_delete_case(store *s, const char *case_code, store_delete_report *rep,
		      store_err *err);

/* --- draft: a half-finished walk kept when the program is stopped --- */

/* Keeps data (the walk as text, see flow_draft_text in model/flow.h) as the one draft, replacing an
 * older one, durably. Returns 0, or -1 with err filled. */
int store_draft_save(store *s, const char *data, int64_t at, store_err *err);

/* Takes the draft: *data (malloc'd) and *at are set and the draft is deleted, in one
 * transaction. Returns 0; 1 when there is none; -1 with err filled. */
int store_draft_take(store *s, char **data, int64_t *at, store_err *err);

/* True when a draft is waiting (errors count as none); *at (may be NULL) is when it was kept. */
bool store_draft_exists(store *s, int64_t *at);

#endif
