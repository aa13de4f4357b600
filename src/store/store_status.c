/* store_status.c: the follow-up loop in the store (see store.h): the closed set of statuses,
 * status changes with their history, De Jong Gierveld scores, and moving a follow-up date.
 * Every write is one BEGIN IMMEDIATE transaction; a refused value writes nothing. It never
 * prints; labels go through gettext but the store decides nothing about how they are shown. */
#include "store_internal.h"
#include "store_sqlite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

const char *const store_status_ids[] = {
	"verwezen", "contact_gelegd", "gestart",  "niet_bereikt", "past_niet",
	"geen_plek", "wil_niet_meer", "afgerond", NULL,
};
/* In store_status_ids order. */
static const char *const status_labels[] = {
	N_("Verwezen"),  N_("Contact gelegd"), N_("Gestart"),  N_("Niet bereikt"), N_("Past niet"),
	N_("Geen plek"), N_("Wil niet meer"),  N_("Afgerond"),
};
static const bool status_final[] = {false, false, false, true, true, true, true, true};
_Static_assert(ARRAY_LEN(store_status_ids) == ARRAY_LEN(status_labels) + 1, "status labels");
_Static_assert(ARRAY_LEN(status_labels) == ARRAY_LEN(status_final), "final statuses");
enum { ROLE_MAX = sizeof((store_history *)0)->role - 1 }; /* bytes of a role id */

static int status_index(const char *id)
{
	for (int i = 0; id && store_status_ids[i]; i++)
		if (strcmp(id, store_status_ids[i]) == 0)
			return i;
	return -1;
}

bool store_status_known(const char *id)
{
	return status_index(id) >= 0;
}

bool store_status_final(const char *id)
{
	int i = status_index(id);
	return i >= 0 && status_final[i];
}

const char *store_status_label(const char *id)
{
	int i = status_index(id);
	return i >= 0 ? _(status_labels[i]) : NULL;
}

/* --- checks before anything is written --- */

static void unknown_status(store_err *err, const char *status, const char *what)
{
	char detail[320];
	int used = snprintf(detail, sizeof detail, "'%.40s'; geldig:", status ? status : "");
	for (int i = 0; store_status_ids[i] && used > 0 && (size_t)used < sizeof detail; i++)
		used += snprintf(detail + used, sizeof detail - (size_t)used, "%s %s", i ? "," : "",
				 store_status_ids[i]);
	store_err_say(err, STORE_ERR_OTHER, N_("Deze status bestaat niet."), what, detail);
}

static bool score_ok(int v, int max)
{
	return v == STORE_DJG_MISSING || (v >= 0 && v <= max);
}

static int check_djg(const store_djg *d, store_err *err, const char *what)
{
	if (score_ok(d->total, 6) && score_ok(d->emotional, 3) && score_ok(d->social, 3))
		return 0;
	char detail[96];
	snprintf(detail, sizeof detail, "De Jong Gierveld %d/%d/%d", d->total, d->emotional,
		 d->social);
	store_err_say(err, STORE_ERR_OTHER, N_("Deze score kan niet."), what, detail);
	return -1;
}

/* --- writes, inside a transaction the caller opened --- */

static int bind_score(sqlite3_stmt *st, int pos, int v)
{
	return v == STORE_DJG_MISSING ? sqlite3_bind_null(st, pos) : sqlite3_bind_int(st, pos, v);
}

static int insert_djg(store *s, int64_t id, const store_djg *d, store_err *err, const char *what)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(s, "INSERT INTO djg_score (referral_id, at, total, emotional, social)"
			     " VALUES (?1, ?2, ?3, ?4, ?5)", &st, err, what) != 0)
		return -1;
	int rc = sqlite3_bind_int64(st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, d->at);
	if (rc == SQLITE_OK)
		rc = bind_score(st, 3, d->total);
	if (rc == SQLITE_OK)
		rc = bind_score(st, 4, d->emotional);
	if (rc == SQLITE_OK)
		rc = bind_score(st, 5, d->social);
	int ret = rc == SQLITE_OK ? store_step_done(s->db, st, err, what) : -1;
	if (rc != SQLITE_OK)
		store_err_db(err, s->db, rc, what);
	sqlite3_finalize(st);
	return ret;
}

/* Runs "UPDATE referral SET … WHERE id = ?1" with ?2 = text and, where the SQL has a ?3, ?3 =
 * *at (NULL binds NULL). Returns 0, 1 when no referral has that id, -1 with err filled. */
static int update_by_id(store *s, const char *sql, int64_t id, const char *text,
			const int64_t *at, store_err *err, const char *what)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(s, sql, &st, err, what) != 0)
		return -1;
	int rc = sqlite3_bind_int64(st, 1, id), ret = -1;
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && sqlite3_bind_parameter_count(st) >= 3)
		rc = at ? sqlite3_bind_int64(st, 3, *at) : sqlite3_bind_null(st, 3);
	if (rc != SQLITE_OK)
		store_err_db(err, s->db, rc, what);
	else if (store_step_done(s->db, st, err, what) == 0)
		ret = sqlite3_changes(s->db) == 0 ? 1 : 0;
	sqlite3_finalize(st);
	return ret;
}

static int set_followup(store *s, int64_t id, const char *date, store_err *err, const char *what)
{
	return update_by_id(s, "UPDATE referral SET followup_date = ?2 WHERE id = ?1", id, date,
			    NULL, err, what);
}

/* A final status closes the referral at `at`; any other opens it. */
static int update_status(store *s, int64_t id, const char *status, int64_t at, store_err *err,
			 const char *what)
{
	return update_by_id(s, "UPDATE referral SET status = ?2, closed_at = ?3 WHERE id = ?1", id,
			    status, store_status_final(status) ? &at : NULL, err, what);
}

static int insert_history(store *s, int64_t id, const char *status, const char *role, int64_t at,
			  store_err *err, const char *what)
{
	sqlite3_stmt *st = s->st[ST_HISTORY];
	int rc = sqlite3_bind_int64(st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 3, at);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 4, role, -1, SQLITE_STATIC);
	int ret = -1;
	if (rc != SQLITE_OK)
		store_err_db(err, s->db, rc, what);
	else
		ret = store_step_done(s->db, st, err, what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return ret;
}

int store_outcome(store *s, int64_t id, const store_outcome_rec *o, store_err *err)
{
	static const char what[] = N_("De status is niet vastgelegd.");
	if (status_index(o->status) < 0) {
		unknown_status(err, o->status, what);
		return -1;
	}
	const char *role = o->role ? o->role : "";
	if (strnlen(role, ROLE_MAX + 1) > ROLE_MAX) { /* it must fit store_history.role */
		store_err_say(err, STORE_ERR_OTHER, N_("Deze rol is te lang."), what, "role");
		return -1;
	}
	if ((o->djg && check_djg(o->djg, err, what) != 0) ||
	    (o->next_followup && store_check_date(o->next_followup, false, err, what) != 0) ||
	    store_exec(s->db, "BEGIN IMMEDIATE", err, what) != 0)
		return -1;
	int ret = update_status(s, id, o->status, o->at, err, what);
	if (ret == 0 && (insert_history(s, id, o->status, role, o->at, err, what) != 0 ||
			 (o->djg && insert_djg(s, id, o->djg, err, what) != 0) ||
			 (o->next_followup && set_followup(s, id, o->next_followup, err, what) != 0) ||
			 store_exec(s->db, "COMMIT", err, what) != 0))
		ret = -1;
	if (ret != 0)
		store_rollback(s->db);
	return ret;
}

int store_status_set(store *s, int64_t id, const char *status, const char *role, int64_t at,
		     store_err *err)
{
	store_outcome_rec o = {.status = status, .role = role, .at = at};
	return store_outcome(s, id, &o, err);
}

/* 0 when referral id exists, 1 when not, -1 with err filled. */
static int referral_exists(store *s, int64_t id, store_err *err, const char *what)
{
	sqlite3_stmt *st = NULL;
	if (store_prepare(s, "SELECT 1 FROM referral WHERE id = ?1", &st, err, what) != 0)
		return -1;
	int rc = sqlite3_bind_int64(st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	int ret = rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
	if (ret < 0)
		store_err_db(err, s->db, rc, what);
	sqlite3_finalize(st);
	return ret;
}

int store_djg_add(store *s, int64_t referral_id, const store_djg *score, store_err *err)
{
	static const char what[] = N_("De score is niet vastgelegd.");
	if (check_djg(score, err, what) != 0 || store_exec(s->db, "BEGIN IMMEDIATE", err, what) != 0)
		return -1;
	int ret = referral_exists(s, referral_id, err, what);
	if (ret == 0 && (insert_djg(s, referral_id, score, err, what) != 0 ||
			 store_exec(s->db, "COMMIT", err, what) != 0))
		ret = -1;
	if (ret != 0)
		store_rollback(s->db);
	return ret;
}

int store_followup_set(store *s, int64_t id, const char *date, store_err *err)
{
	static const char what[] = N_("De nazorgdatum is niet veranderd.");
	if (store_check_date(date, false, err, what) != 0 ||
	    store_exec(s->db, "BEGIN IMMEDIATE", err, what) != 0)
		return -1;
	int ret = set_followup(s, id, date, err, what);
	if (ret == 0 && store_exec(s->db, "COMMIT", err, what) != 0)
		ret = -1;
	if (ret != 0)
		store_rollback(s->db);
	return ret;
}

/* --- reads: the rows of one referral, oldest first --- */

/* Runs st (its ?1 = referral id) and hands each row to add. Returns 0 or -1 with err. */
static int each_row(store *s, const char *sql, int64_t id, void (*add)(sqlite3_stmt *, void *),
		    void *ctx, store_err *err)
{
	static const char what[] = N_("De gegevens konden niet worden gelezen.");
	sqlite3_stmt *st = NULL;
	if (store_prepare(s, sql, &st, err, what) != 0)
		return -1;
	int rc = sqlite3_bind_int64(st, 1, id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		add(st, ctx);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		store_err_db(err, s->db, rc, what);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

typedef struct {
	void *v;      /* the growing array */
	int n, cap;
	size_t size;  /* of one element */
} growing;

static void *grow(growing *g)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 8;
		g->v = xrealloc(g->v, (size_t)g->cap * g->size);
	}
	return (char *)g->v + (size_t)g->n++ * g->size;
}

static int column_score(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? STORE_DJG_MISSING
							   : sqlite3_column_int(st, col);
}

static void add_djg(sqlite3_stmt *st, void *ctx)
{
	store_djg *d = grow(ctx);
	d->at = sqlite3_column_int64(st, 0);
	d->total = column_score(st, 1);
	d->emotional = column_score(st, 2);
	d->social = column_score(st, 3);
}

/* Hands the array over (NULL when empty), or frees it on failure. */
static int hand_over(int rc, growing *g, void *out, int *n)
{
	if (rc != 0 || g->n == 0) {
		free(g->v);
		g->v = NULL;
		g->n = 0;
	}
	*(void **)out = g->v;
	*n = g->n;
	return rc;
}

int store_djg_list(store *s, int64_t referral_id, store_djg **out, int *n, store_err *err)
{
	growing g = {.size = sizeof **out};
	int rc = each_row(s, "SELECT at, total, emotional, social FROM djg_score"
			     " WHERE referral_id = ?1 ORDER BY at, id", referral_id, add_djg, &g, err);
	return hand_over(rc, &g, out, n);
}

static const char *column_str(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	return t ? t : "";
}

static void add_history(sqlite3_stmt *st, void *ctx)
{
	store_history *h = grow(ctx);
	/* Longer values than the fields are cut: history is for reading, not for writing back. */
	snprintf(h->status, sizeof h->status, "%s", column_str(st, 0));
	snprintf(h->role, sizeof h->role, "%s", column_str(st, 1));
	h->at = sqlite3_column_int64(st, 2);
}

int store_history_list(store *s, int64_t referral_id, store_history **out, int *n, store_err *err)
{
	growing g = {.size = sizeof **out};
	int rc = each_row(s, "SELECT status, role, at FROM referral_status"
			     " WHERE referral_id = ?1 ORDER BY at, id", referral_id, add_history, &g, err);
	return hand_over(rc, &g, out, n);
}
