/* store.h: the records of infokaart in SQLite: referrals with a follow-up date, kept on this
 * machine. The only module that includes sqlite3.h. Every write is committed durably (WAL,
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
	char status[32];        /* current status; insert sets "verwezen" */
} store_referral;

/* Inserts r (r->id, r->status are set on success) and its first status history row in one
 * durable transaction. Returns 0, or -1 with err filled (then nothing was written). */
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

#endif
