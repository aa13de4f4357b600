/* central_push.c: a site's changes into the central store (see central.h). One transaction;
 * each change is a call of one of the site's functions in sql/central.sql (push_referral,
 * push_status, push_djg, push_erasure), which take the site from the login. The calls go out
 * in libpq's pipeline mode, a chunk at a time, so a push of a thousand changes takes a few
 * round trips instead of a thousand. Text parameters only, never SQL built from data. A change
 * the server refuses (another site's row) comes back as a refusal and the rest goes on; one
 * it can never store is caught here before sending, or named in the report. */
#include "central_internal.h"
#include "i18n.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

static const char what[] = N_("De wijzigingen zijn niet verstuurd.");

/* Statements between two syncs. Their answers (some 80 bytes each, ~10 KB a chunk) fit in
 * the socket's buffers (loopback or TCP, 100 KB and more): so the server never waits for us
 * to read while we, in blocking mode, still write. 1000 changes cost 8 round trips. */
enum { CHUNK = 128 };

static const char referral_sql[] =
	"SELECT infokaart.push_referral($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
	" $14, $15, $16, $17, $18)";
static const char status_sql[] = "SELECT infokaart.push_status($1, $2, $3, $4, $5)";
static const char djg_sql[] = "SELECT infokaart.push_djg($1, $2, $3, $4, $5, $6)";
static const char erasure_sql[] = "SELECT infokaart.push_erasure($1, $2)";
static const char pushed_sql[] = "SELECT infokaart.site_pushed($1, $2)";

enum { OURS = -1 }; /* in batch.item: our own statement, not a change */

/* The statements sent since the last sync, and how the push goes. */
typedef struct {
	PGconn *pg;
	const store_sync_item *v; /* the items, for naming them in a message */
	int queued;               /* statements sent since the last sync */
	int item[CHUNK + 4];      /* per queued statement: the item's index, or OURS */
	int commit_at;            /* which queued statement is the COMMIT; -1 before it is sent */
	bool failed;              /* something failed: err holds the first failure */
	bool committed;           /* the server answered COMMIT to our COMMIT */
	central_err *err;
	central_push_report *rep;
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

static void refuse(central_push_report *rep, int item, const char *why)
{
	rep->v = xrealloc(rep->v, (size_t)(rep->n + 1) * sizeof *rep->v);
	rep->v[rep->n].item = item;
	snprintf(rep->v[rep->n].why, sizeof rep->v[rep->n].why, "%s", why);
	rep->n++;
}

/* Keeps the first failure, naming the change (item; OURS for none) the server refused. A
 * value it can never store (class 22, data exception) marks the item as the bad one. */
static void failed_at(batch *b, const PGresult *r, int item)
{
	if (b->failed)
		return;
	b->failed = true;
	char detail[400], full[440];
	central_pg_detail(b->pg, r, detail, sizeof detail);
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	if (item >= 0 && !central_gone(b->pg, r)) { /* a lost connection is no change's fault */
		snprintf(full, sizeof full, "rev %" PRId64 ": %s", b->v[item].rev, detail);
		if (state && strncmp(state, "22", 2) == 0) {
			const char *primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
			char *safe = text_sanitize(primary ? primary : state, false);
			b->rep->bad_item = item;
			snprintf(b->rep->bad_why, sizeof b->rep->bad_why, "%s", safe);
			free(safe);
		}
	} else {
		snprintf(full, sizeof full, "%s", detail);
	}
	central_err_conn(b->err, b->pg, r, what, full);
}

static void queue(batch *b, const char *sql, int n, const char *const *params, int item)
{
	if (b->failed)
		return;
	if (PQsendQueryParams(b->pg, sql, n, NULL, params, NULL, NULL, 0) != 1) {
		failed_at(b, NULL, item);
		return;
	}
	b->item[b->queued++] = item;
}

/* One answer: an error, or a refusal (a function that returned text instead of NULL). */
static void answer(batch *b, PGresult *r, int q)
{
	ExecStatusType st = PQresultStatus(r);
	int item = q < b->queued ? b->item[q] : OURS;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_PIPELINE_SYNC)
		failed_at(b, r, item); /* PIPELINE_ABORTED comes after an error already kept */
	else if (st == PGRES_TUPLES_OK && item >= 0 && PQntuples(r) == 1 && !PQgetisnull(r, 0, 0))
		refuse(b->rep, item, PQgetvalue(r, 0, 0));
	/* COMMIT in a failed transaction answers COMMAND_OK too, with "ROLLBACK". */
	if (st == PGRES_COMMAND_OK && q == b->commit_at)
		b->committed = strcmp(PQcmdStatus(r), "COMMIT") == 0;
}

/* Ends the chunk with a sync and reads every answer up to it. After an error the server skips
 * the rest of the chunk (PGRES_PIPELINE_ABORTED) and the transaction stays aborted. */
static void drain(batch *b)
{
	if (PQpipelineSync(b->pg) != 1) {
		failed_at(b, NULL, OURS);
		b->queued = 0;
		return;
	}
	int q = 0, nulls = 0;
	for (;;) {
		PGresult *r = PQgetResult(b->pg);
		if (!r) {
			/* One NULL ends each statement's answers; two in a row: nothing is coming. */
			if (PQstatus(b->pg) == CONNECTION_BAD || ++nulls > 1) {
				failed_at(b, NULL, OURS);
				break;
			}
			q++;
			continue;
		}
		nulls = 0;
		ExecStatusType st = PQresultStatus(r);
		answer(b, r, q);
		PQclear(r);
		if (st == PGRES_PIPELINE_SYNC)
			break;
	}
	b->queued = 0;
}

/* Why the central store would never take it (a fixed phrase, N_(): kept as it is, shown with
 * central_refusal_say), or NULL: a row the store could
 * not read whole, text that is no valid UTF-8 (the server refuses the whole statement, and
 * with it the batch) or is too long. */
static const char *unsendable(const store_sync_item *it)
{
	const store_referral *r = &it->r;
	if (it->bad[0])
		return it->bad;
	const char *texts[] = {r->case_code,  r->role,	      r->profile,    r->activity, r->wijk,
			       r->age_group,  r->loneliness, r->consent_how, r->status,   it->h.status,
			       it->h.role,    it->created_date};
	for (size_t i = 0; i < ARRAY_LEN(texts); i++)
		if (!text_utf8_valid(texts[i], strlen(texts[i]), NULL))
			return N_("een waarde is geen geldige UTF-8");
		else if (strlen(texts[i]) > CENTRAL_MAX_TEXT)
			return N_("een waarde is te lang");
	if (r->note && !text_utf8_valid(r->note, strlen(r->note), NULL))
		return N_("de notitie is geen geldige UTF-8");
	if (r->note && strlen(r->note) > CENTRAL_MAX_NOTE)
		return N_("de notitie is te lang");
	return NULL;
}

static void send_referral(batch *b, int i)
{
	const store_sync_item *it = &b->v[i];
	const store_referral *r = &it->r;
	num rev, created, note_at, closed;
	const char *p[18] = {
		it->uuid,
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
	queue(b, referral_sql, 18, p, i);
}

static void send_item(batch *b, int i)
{
	const store_sync_item *it = &b->v[i];
	num at, total, emotional, social;
	const char *why = unsendable(it);
	if (why) {
		refuse(b->rep, i, why);
		return;
	}
	switch (it->kind) {
	case SYNC_REFERRAL:
		send_referral(b, i);
		break;
	case SYNC_STATUS: {
		const char *p[5] = {it->uuid, it->parent, it->h.status, it->h.role,
				    num_of(&at, it->h.at)};
		queue(b, status_sql, 5, p, i);
		break;
	}
	case SYNC_DJG: {
		const char *p[6] = {it->uuid,
				    it->parent,
				    num_of(&at, it->djg.at),
				    score_or_null(&total, it->djg.total),
				    score_or_null(&emotional, it->djg.emotional),
				    score_or_null(&social, it->djg.social)};
		queue(b, djg_sql, 6, p, i);
		break;
	}
	case SYNC_ERASURE: {
		const char *p[2] = {it->uuid, num_of(&at, it->at)};
		queue(b, erasure_sql, 2, p, i);
		break;
	}
	default:
		refuse(b->rep, i, N_("onbekende soort wijziging"));
	}
}

/* The phrases of a refusal or of a failed check (SQLSTATE 22023): the central store's
 * (central.sql: what its push functions return, and the sentences of infokaart.need, some with
 * one value as %s) and this module's own (unsendable). The server answers every site in Dutch
 * and the records keep the phrase as it came; listed here for the catalogue. */
static const char *const refusals[] = {
	N_("deze verwijzing hoort bij een andere site"),
	N_("deze statusregel hoort bij een andere site"),
	N_("deze score hoort bij een andere site"),
	N_("geen geldige uuid"),
	N_("geen geldig tijdstip"),
	N_("geen geldige datum"),
	N_("geen geldige score"),
	N_("geen geldige rev"),
	N_("geen geldige toestemming"),
	N_("geen geldig volgnummer"),
	N_("geen geldige bewaartermijn"),
	N_("code of status ontbreekt"),
	N_("status of tijd ontbreekt"),
	N_("tijd ontbreekt"),
	N_("een waarde is langer dan %s bytes"),
	N_("de catalogus is groter dan %s bytes"),
	N_("de labels zijn groter dan %s bytes"),
	N_("de labels zijn geen JSON-object"),
	N_("labels %s: geen lijst"),
	N_("een waarde is geen geldige UTF-8"),
	N_("een waarde is te lang"),
	N_("de notitie is geen geldige UTF-8"),
	N_("de notitie is te lang"),
	N_("onbekende soort wijziging"),
};

/* why matches phrase f, whose %s (if any) stands for one word: the word in *v (size n). */
static bool refusal_is(const char *why, const char *f, char *v, size_t n)
{
	const char *hole = strstr(f, "%s");
	if (!hole)
		return strcmp(why, f) == 0;
	size_t pre = (size_t)(hole - f), post = strlen(hole + 2), len = strlen(why);
	if (len <= pre + post || len - pre - post >= n || strncmp(why, f, pre) != 0 ||
	    strcmp(why + len - post, hole + 2) != 0 || memchr(why + pre, ' ', len - pre - post))
		return false;
	memcpy(v, why + pre, len - pre - post);
	v[len - pre - post] = '\0';
	return true;
}

void central_refusal_say(const char *why, char *buf, size_t n)
{
	char v[64] = "";
	for (size_t i = 0; why && i < ARRAY_LEN(refusals); i++) {
		if (!refusal_is(why, refusals[i], v, sizeof v))
			continue;
		/* the value spliced in by hand: no format string from a catalogue */
		const char *t = _(refusals[i]), *hole = strstr(t, "%s");
		if (hole && *v)
			snprintf(buf, n, "%.*s%s%s", (int)(hole - t), t, v, hole + 2);
		else
			snprintf(buf, n, "%s", t);
		return;
	}
	snprintf(buf, n, "%s", why ? why : "");
}

void central_push_report_free(central_push_report *r)
{
	if (!r)
		return;
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

int central_push(central *c, const store_sync_item *v, int n, const char *generation,
		 central_push_report *rep, central_err *err)
{
	*rep = (central_push_report){.bad_item = -1};
	if (n < 0 || (n > 0 && !v) || !generation) {
		central_err_say(err, NULL, what, _("ongeldige aanroep"));
		return -1;
	}
	if (central_ready(c, err, what) != 0)
		return -1;
	if (PQenterPipelineMode(c->pg) != 1) {
		central_err_pg(err, c->pg, NULL, what);
		return -1;
	}
	batch b = {.pg = c->pg, .v = v, .err = err, .rep = rep, .commit_at = -1};
	int64_t max_rev = 0;
	queue(&b, "BEGIN", 0, NULL, OURS);
	for (int i = 0; i < n && !b.failed; i++) {
		send_item(&b, i);
		max_rev = v[i].rev > max_rev ? v[i].rev : max_rev;
		if (b.queued >= CHUNK)
			drain(&b);
	}
	num top;
	const char *pushed[2] = {num_of(&top, max_rev), generation};
	queue(&b, pushed_sql, 2, pushed, OURS);
	b.commit_at = b.queued;
	queue(&b, "COMMIT", 0, NULL, OURS);
	drain(&b); /* also when something failed: pipeline mode ends only with nothing pending */
	/* Answers left unread (only when the connection broke): reset before the next use. */
	if (PQexitPipelineMode(c->pg) != 1)
		c->stale = true;
	if (!b.failed && (!b.committed || PQtransactionStatus(c->pg) != PQTRANS_IDLE)) {
		central_err_say(err, NULL, what, _("de transactie is niet afgesloten"));
		b.failed = true;
	}
	if (b.failed) {
		central_rollback(c);
		central_push_report_free(rep); /* nothing of it was stored, nor refused */
	}
	return b.failed ? -1 : 0;
}
