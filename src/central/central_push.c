/* central_push.c: a site's changes into the central store (see central.h). One transaction
 * under the site's advisory lock; the statements go out in libpq's pipeline mode, a chunk at
 * a time, so a push of a thousand changes takes a few round trips instead of a thousand. Text
 * parameters only, never SQL built from data. Every statement is idempotent: a referral only
 * overwrites an older rev, the rest is inserted once. */
#include "central_internal.h"
#include "i18n.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

static const char what[] = N_("De wijzigingen zijn niet verstuurd.");

/* Statements between two syncs. Their answers (some 30 bytes each, ~4 KB a chunk) fit in the
 * server's 8 KB send buffer, which it flushes only at the sync: so it never waits for us to
 * read while we, in blocking mode, still write. 1000 changes cost 8 round trips. */
enum { CHUNK = 128 };

/* The referral's current state; a rev at or below what the server has changes nothing (no new
 * row version either), and an erased UUID never comes back. */
static const char referral_sql[] =
	"INSERT INTO infokaart.referral AS t (id, site_id, rev, case_code, created_at,"
	" created_date, role, profile, activity, wijk, age_group, loneliness, consent,"
	" consent_how, followup_date, note, note_set_at, status, closed_at)"
	" SELECT $1::uuid, $2::uuid, $3::bigint, $4::text, to_timestamp($5::bigint), $6::date,"
	" $7::text, $8::text, $9::text, $10::text, $11::text, $12::text, $13::boolean, $14::text,"
	" $15::date, $16::text, to_timestamp($17::bigint), $18::text, to_timestamp($19::bigint)"
	" WHERE NOT EXISTS (SELECT 1 FROM infokaart.erasure e WHERE e.id = $1::uuid)"
	" ON CONFLICT (id) DO UPDATE SET site_id = EXCLUDED.site_id, rev = EXCLUDED.rev,"
	" case_code = EXCLUDED.case_code, created_at = EXCLUDED.created_at,"
	" created_date = EXCLUDED.created_date, role = EXCLUDED.role,"
	" profile = EXCLUDED.profile, activity = EXCLUDED.activity, wijk = EXCLUDED.wijk,"
	" age_group = EXCLUDED.age_group, loneliness = EXCLUDED.loneliness,"
	" consent = EXCLUDED.consent, consent_how = EXCLUDED.consent_how,"
	" followup_date = EXCLUDED.followup_date, note = EXCLUDED.note,"
	" note_set_at = EXCLUDED.note_set_at, status = EXCLUDED.status,"
	" closed_at = EXCLUDED.closed_at"
	" WHERE t.rev < EXCLUDED.rev";

static const char status_sql[] =
	"INSERT INTO infokaart.referral_status (id, referral_id, site_id, status, role, at)"
	" SELECT $1::uuid, $2::uuid, $3::uuid, $4::text, $5::text, to_timestamp($6::bigint)"
	" WHERE NOT EXISTS (SELECT 1 FROM infokaart.erasure e WHERE e.id = $2::uuid)"
	" ON CONFLICT (id) DO NOTHING";

static const char djg_sql[] =
	"INSERT INTO infokaart.djg_score (id, referral_id, site_id, at, total, emotional, social)"
	" SELECT $1::uuid, $2::uuid, $3::uuid, to_timestamp($4::bigint), $5::smallint,"
	" $6::smallint, $7::smallint"
	" WHERE NOT EXISTS (SELECT 1 FROM infokaart.erasure e WHERE e.id = $2::uuid)"
	" ON CONFLICT (id) DO NOTHING";

/* Remembered first, so no later push (of this site or a stale copy) brings the UUID back. */
static const char erasure_sql[] =
	"WITH e AS (INSERT INTO infokaart.erasure (id, site_id, erased_at)"
	"  VALUES ($1::uuid, $2::uuid, to_timestamp($3::bigint)) ON CONFLICT (id) DO NOTHING),"
	" h AS (DELETE FROM infokaart.referral_status WHERE referral_id = $1::uuid),"
	" d AS (DELETE FROM infokaart.djg_score WHERE referral_id = $1::uuid)"
	" DELETE FROM infokaart.referral WHERE id = $1::uuid";

static const char site_sql[] =
	"INSERT INTO infokaart.site AS s (site_id, name, last_sync)"
	" VALUES ($1::uuid, $2::text, now())"
	" ON CONFLICT (site_id) DO UPDATE SET name = EXCLUDED.name, last_sync = EXCLUDED.last_sync";

static const char lock_sql[] =
	"SELECT pg_advisory_xact_lock(" CENTRAL_LOCK_SITE ", hashtext($1::text))";

#define REV_OURS INT64_C(-1) /* in batch.rev: our own statement, not a change */

/* The statements sent since the last sync, and how the push goes. */
typedef struct {
	PGconn *pg;
	int queued;             /* statements sent since the last sync */
	int64_t rev[CHUNK + 4]; /* per queued statement: the change's rev, or REV_OURS */
	int commit_at;          /* which queued statement is the COMMIT; -1 before it is sent */
	bool failed;            /* something failed: err holds the first failure */
	bool committed;         /* the server answered COMMIT to our COMMIT */
	central_err *err;
} batch;

/* A number as a text parameter. */
typedef struct {
	char s[24];
} num;

static const char *num_of(num *b, int64_t v)
{
	snprintf(b->s, sizeof b->s, "%" PRId64, v);
	return b->s;
}

/* 0 means "none" for these times (an open referral, no note). */
static const char *time_or_null(num *b, int64_t v)
{
	return v ? num_of(b, v) : NULL;
}

static const char *score_or_null(num *b, int v)
{
	return v == STORE_DJG_MISSING ? NULL : num_of(b, v);
}

/* Keeps the first failure, naming the change (rev; negative for none) the server refused. */
static void failed_at(batch *b, const PGresult *r, int64_t rev)
{
	if (b->failed)
		return;
	b->failed = true;
	char detail[400], full[440];
	central_pg_detail(b->pg, r, detail, sizeof detail);
	if (rev >= 0 && !central_gone(b->pg, r)) /* a lost connection is no change's fault */
		snprintf(full, sizeof full, "rev %" PRId64 ": %s", rev, detail);
	else
		snprintf(full, sizeof full, "%s", detail);
	central_err_conn(b->err, b->pg, r, what, full);
}

static void queue(batch *b, const char *sql, int n, const char *const *params, int64_t rev)
{
	if (b->failed)
		return;
	if (PQsendQueryParams(b->pg, sql, n, NULL, params, NULL, NULL, 0) != 1) {
		failed_at(b, NULL, rev);
		return;
	}
	b->rev[b->queued++] = rev;
}

/* Ends the chunk with a sync and reads every answer up to it. After an error the server skips
 * the rest of the chunk (PGRES_PIPELINE_ABORTED) and the transaction stays aborted. */
static void drain(batch *b)
{
	if (PQpipelineSync(b->pg) != 1) {
		failed_at(b, NULL, REV_OURS);
		b->queued = 0;
		return;
	}
	int q = 0, nulls = 0;
	for (;;) {
		PGresult *r = PQgetResult(b->pg);
		if (!r) {
			/* One NULL ends each statement's answers; two in a row: nothing is coming. */
			if (PQstatus(b->pg) == CONNECTION_BAD || ++nulls > 1) {
				failed_at(b, NULL, REV_OURS);
				break;
			}
			q++;
			continue;
		}
		nulls = 0;
		ExecStatusType st = PQresultStatus(r);
		int64_t rev = q < b->queued ? b->rev[q] : -1;
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_PIPELINE_SYNC)
			failed_at(b, r, rev); /* PIPELINE_ABORTED comes after an error already kept */
		/* COMMIT in a failed transaction answers COMMAND_OK too, with "ROLLBACK". */
		if (st == PGRES_COMMAND_OK && q == b->commit_at)
			b->committed = strcmp(PQcmdStatus(r), "COMMIT") == 0;
		PQclear(r);
		if (st == PGRES_PIPELINE_SYNC)
			break;
	}
	b->queued = 0;
}

static void send_referral(batch *b, const char *site_id, const store_sync_item *it)
{
	const store_referral *r = &it->r;
	num rev, created, note_at, closed;
	const char *p[19] = {
		it->uuid,
		site_id,
		num_of(&rev, it->rev),
		r->case_code,
		num_of(&created, r->created_at),
		it->created_date,
		r->role,
		r->profile,
		r->activity,
		r->wijk,
		r->age_group,
		r->loneliness,
		r->consent ? "true" : "false",
		r->consent_how,
		r->followup_date[0] ? r->followup_date : NULL,
		r->note, /* NULL: shredded here, so shredded there too */
		time_or_null(&note_at, it->note_set_at),
		r->status,
		time_or_null(&closed, r->closed_at),
	};
	queue(b, referral_sql, 19, p, it->rev);
}

static void send_item(batch *b, const char *site_id, const store_sync_item *it)
{
	num at, total, emotional, social;
	switch (it->kind) {
	case SYNC_REFERRAL:
		send_referral(b, site_id, it);
		break;
	case SYNC_STATUS: {
		const char *p[6] = {it->uuid,	  it->parent, site_id,
				    it->h.status, it->h.role, num_of(&at, it->h.at)};
		queue(b, status_sql, 6, p, it->rev);
		break;
	}
	case SYNC_DJG: {
		const char *p[7] = {it->uuid,
				    it->parent,
				    site_id,
				    num_of(&at, it->djg.at),
				    score_or_null(&total, it->djg.total),
				    score_or_null(&emotional, it->djg.emotional),
				    score_or_null(&social, it->djg.social)};
		queue(b, djg_sql, 7, p, it->rev);
		break;
	}
	case SYNC_ERASURE: {
		const char *p[3] = {it->uuid, site_id, num_of(&at, it->at)};
		queue(b, erasure_sql, 3, p, it->rev);
		break;
	}
	default: {
		char detail[64];
		snprintf(detail, sizeof detail, _("rev %" PRId64 ": onbekende soort %d"), it->rev,
			 (int)it->kind);
		central_err_say(b->err, NULL, what, detail);
		b->failed = true;
	}
	}
}

int central_push(central *c, const char *site_id, const char *site_name,
		 const store_sync_item *v, int n, central_err *err)
{
	if (!site_id || n < 0 || (n > 0 && !v)) {
		central_err_say(err, NULL, what, _("ongeldige aanroep"));
		return -1;
	}
	if (central_ready(c, err, what) != 0)
		return -1;
	if (PQenterPipelineMode(c->pg) != 1) {
		central_err_pg(err, c->pg, NULL, what);
		return -1;
	}
	batch b = {.pg = c->pg, .err = err, .commit_at = -1};
	/* Two pushes of one site wait for each other; other sites go on. */
	queue(&b, "BEGIN", 0, NULL, REV_OURS);
	queue(&b, lock_sql, 1, &site_id, REV_OURS);
	for (int i = 0; i < n && !b.failed; i++) {
		send_item(&b, site_id, &v[i]);
		if (b.queued >= CHUNK)
			drain(&b);
	}
	const char *site[2] = {site_id, site_name ? site_name : ""};
	queue(&b, site_sql, 2, site, REV_OURS);
	b.commit_at = b.queued;
	queue(&b, "COMMIT", 0, NULL, REV_OURS);
	drain(&b); /* also when something failed: pipeline mode ends only with nothing pending */
	/* Answers left unread (only when the connection broke): reset before the next use. */
	if (PQexitPipelineMode(c->pg) != 1)
		c->stale = true;
	if (!b.failed && (!b.committed || PQtransactionStatus(c->pg) != PQTRANS_IDLE)) {
		central_err_say(err, NULL, what, _("de transactie is niet afgesloten"));
		b.failed = true;
	}
	if (b.failed)
		central_rollback(c);
	return b.failed ? -1 : 0;
}
