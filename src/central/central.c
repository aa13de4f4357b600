/* central.c: the connection to the central PostgreSQL (see central.h): connecting with safe
 * defaults, creating the schema under an advisory lock, and the error messages. Pushing is in
 * central_push.c, the catalogue in central_catalogue.c, the statistics in central_stats.c,
 * hiding passwords in central_redact.c. It never prints: server notices are dropped, and a
 * password never reaches a message. */
#include "central_internal.h"

#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "i18n.h"

#define CENTRAL_SCHEMA 1 /* the schema this program writes; infokaart.meta keeps the server's */
#define STR_(x) #x
#define STR(x) STR_(x)

static const char unreachable[] = N_("De centrale database is niet bereikbaar.");
static const char lost[] = N_("De verbinding met de centrale database is verbroken.");

/* --- errors --- */

void central_err_say(central_err *err, const char *say, const char *what, const char *detail)
{
	if (!err)
		return;
	char d[400];
	snprintf(d, sizeof d, "%s", detail ? detail : "");
	for (size_t len = strlen(d); len > 0 && isspace((unsigned char)d[len - 1]);)
		d[--len] = '\0'; /* libpq ends its messages with a newline */
	/* say and what are N_() sentences: here they take the language of the run */
	snprintf(err->msg, sizeof err->msg, "%s%s%s [%s]", say ? gettext(say) : "", say && what ? " " : "",
		 what ? gettext(what) : "", d);
	/* One line: libpq's messages run over several, with tabs; a run of blanks becomes one. */
	char *w = err->msg;
	for (const char *r = err->msg; *r; r++) {
		bool blank = (unsigned char)*r <= ' ';
		if (!blank || (w > err->msg && w[-1] != ' ' && w[-1] != '['))
			*w++ = blank ? ' ' : *r;
	}
	*w = '\0';
}

void central_pg_detail(PGconn *pg, const PGresult *res, char *buf, size_t n)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	/* Only the primary message: the DETAIL of a refused row repeats the row, note included. */
	if (state && primary)
		snprintf(buf, n, "PostgreSQL %s: %s", state, primary);
	else if (res && *PQresultErrorMessage(res))
		snprintf(buf, n, "%s", PQresultErrorMessage(res));
	else if (res && PQresultStatus(res) != PGRES_FATAL_ERROR)
		snprintf(buf, n, _("onverwacht antwoord %s"), PQresStatus(PQresultStatus(res)));
	else
		snprintf(buf, n, "%s", pg ? PQerrorMessage(pg) : _("geen verbinding"));
}

bool central_gone(PGconn *pg, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	return !pg || PQstatus(pg) == CONNECTION_BAD ||
	       (state && (strncmp(state, "57P", 3) == 0 || strncmp(state, "08", 2) == 0));
}

void central_err_conn(central_err *err, PGconn *pg, const PGresult *res, const char *what,
		      const char *detail)
{
	central_err_say(err, central_gone(pg, res) ? lost : NULL, what, detail);
}

void central_err_pg(central_err *err, PGconn *pg, const PGresult *res, const char *what)
{
	char detail[400];
	central_pg_detail(pg, res, detail, sizeof detail);
	central_err_conn(err, pg, res, what, detail);
}

/* --- connection --- */

static void drop_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* What every session needs, after connecting and after a reset: UTF-8 (the program's text
 * is), and no NOTICE from CREATE ... IF NOT EXISTS. */
static int session_setup(central *c, central_err *err, const char *what)
{
	PGresult *r = PQexec(c->pg, "SET client_encoding = 'UTF8'; SET client_min_messages = warning");
	int ret = 0;
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		central_err_pg(err, c->pg, r, what);
		ret = -1;
	}
	PQclear(r);
	return ret;
}

int central_ready(central *c, central_err *err, const char *what)
{
	if (!c || !c->pg) {
		central_err_say(err, unreachable, what, _("geen verbinding"));
		return -1;
	}
	if (PQstatus(c->pg) == CONNECTION_BAD || c->stale) {
		c->stale = false;
		PQreset(c->pg);
		if (PQstatus(c->pg) == CONNECTION_BAD) {
			central_err_say(err, unreachable, what, PQerrorMessage(c->pg));
			return -1;
		}
		if (session_setup(c, err, what) != 0)
			return -1;
	}
	central_rollback(c); /* a transaction an earlier failure left open */
	return 0;
}

PGresult *central_exec(central *c, const char *sql, int n, const char *const *params, int ok,
		       central_err *err, const char *what)
{
	PGresult *r = PQexecParams(c->pg, sql, n, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) == (ExecStatusType)ok)
		return r;
	central_err_pg(err, c->pg, r, what);
	PQclear(r);
	return NULL;
}

void central_rollback(central *c)
{
	if (c && c->pg && PQstatus(c->pg) == CONNECTION_OK &&
	    PQtransactionStatus(c->pg) != PQTRANS_IDLE)
		PQclear(PQexec(c->pg, "ROLLBACK"));
}

/* --- schema --- */

static const char schema_what[] = N_("De centrale database kon niet worden ingericht.");

/* Runs as one transaction with the meta row, so a server has all of it or none. */
static const char schema_sql[] =
	"CREATE SCHEMA IF NOT EXISTS infokaart;"
	"CREATE TABLE IF NOT EXISTS infokaart.meta (schema_version int NOT NULL);"
	"CREATE TABLE IF NOT EXISTS infokaart.site (site_id uuid PRIMARY KEY,"
	" name text NOT NULL DEFAULT '', first_seen timestamptz NOT NULL DEFAULT now(),"
	" last_sync timestamptz);"
	"CREATE TABLE IF NOT EXISTS infokaart.referral (id uuid PRIMARY KEY,"
	" site_id uuid NOT NULL, rev bigint NOT NULL, case_code text NOT NULL,"
	" created_at timestamptz NOT NULL, created_date date NOT NULL, role text, profile text,"
	" activity text, wijk text, age_group text, loneliness text, consent boolean NOT NULL,"
	" consent_how text, followup_date date, note text, note_set_at timestamptz,"
	" status text NOT NULL, closed_at timestamptz);"
	"CREATE INDEX IF NOT EXISTS referral_created_date"
	" ON infokaart.referral (created_date);"
	/* No foreign key: in one push a status row may come before its referral's newest rev. */
	"CREATE TABLE IF NOT EXISTS infokaart.referral_status (id uuid PRIMARY KEY,"
	" referral_id uuid NOT NULL, site_id uuid NOT NULL, status text NOT NULL,"
	" role text NOT NULL DEFAULT '', at timestamptz NOT NULL);"
	"CREATE INDEX IF NOT EXISTS referral_status_referral"
	" ON infokaart.referral_status (referral_id);"
	"CREATE TABLE IF NOT EXISTS infokaart.djg_score (id uuid PRIMARY KEY,"
	" referral_id uuid NOT NULL, site_id uuid NOT NULL, at timestamptz NOT NULL,"
	" total smallint, emotional smallint, social smallint);"
	"CREATE INDEX IF NOT EXISTS djg_score_referral ON infokaart.djg_score (referral_id);"
	"CREATE TABLE IF NOT EXISTS infokaart.erasure (id uuid PRIMARY KEY,"
	" site_id uuid NOT NULL, erased_at timestamptz NOT NULL,"
	" received_at timestamptz NOT NULL DEFAULT now());"
	"CREATE TABLE IF NOT EXISTS infokaart.catalogue (version bigserial PRIMARY KEY,"
	" published_at timestamptz NOT NULL DEFAULT now(), published_by text NOT NULL DEFAULT '',"
	" activities text NOT NULL);"
	"INSERT INTO infokaart.meta (schema_version) VALUES (" STR(CENTRAL_SCHEMA) ")";

/* The schema version on the server: 0 when there is none yet. */
static int server_version(central *c, int *version, central_err *err)
{
	PGresult *r = central_exec(c,
				   "SELECT CASE WHEN to_regclass('infokaart.meta') IS NULL"
				   " THEN 0 ELSE -1 END",
				   0, NULL, PGRES_TUPLES_OK, err, schema_what);
	if (!r)
		return -1;
	*version = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	if (*version == 0)
		return 0;
	r = central_exec(c, "SELECT coalesce(max(schema_version), 0) FROM infokaart.meta", 0, NULL,
			 PGRES_TUPLES_OK, err, schema_what);
	if (!r)
		return -1;
	*version = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	return 0;
}

/* Creates what is missing. A server that has the schema needs no rights to create anything:
 * then only the version is read. */
static int ensure_schema(central *c, central_err *err)
{
	PGresult *r = NULL;
	int version = 0, ret = -1;
	if ((r = central_exec(c, "BEGIN", 0, NULL, PGRES_COMMAND_OK, err, schema_what)) == NULL)
		return -1;
	PQclear(r);
	/* Two sites meeting an empty server at once would otherwise both create pg_type rows. */
	r = central_exec(c, "SELECT pg_advisory_xact_lock(" CENTRAL_LOCK_SCHEMA ")", 0, NULL,
			 PGRES_TUPLES_OK, err, schema_what);
	if (!r || server_version(c, &version, err) != 0)
		goto out;
	if (version > CENTRAL_SCHEMA) {
		char detail[128];
		snprintf(detail, sizeof detail, _("schema %d, dit programma kent %d"), version,
			 CENTRAL_SCHEMA);
		central_err_say(err, N_("De centrale database is ingericht door een nieuwere versie"
					" van infokaart; werk dit programma bij."),
				NULL, detail);
		goto out;
	}
	if (version < CENTRAL_SCHEMA) {
		PQclear(r);
		r = PQexec(c->pg, schema_sql);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			central_err_pg(err, c->pg, r, schema_what);
			goto out;
		}
	}
	PQclear(r);
	r = central_exec(c, "COMMIT", 0, NULL, PGRES_COMMAND_OK, err, schema_what);
	ret = r ? 0 : -1;
out:
	PQclear(r);
	if (ret != 0)
		central_rollback(c);
	return ret;
}

int central_connect(const char *url, central **out, central_err *err)
{
	*out = NULL;
	if (!url || !*url) {
		central_err_say(err, unreachable, NULL, _("geen adres ingesteld"));
		return -1;
	}
	/* The URL comes last: with expand_dbname, what it sets wins over these defaults. */
	static const char *const keys[] = {
		"connect_timeout",  "keepalives",	"keepalives_idle", "keepalives_interval",
		"keepalives_count", "tcp_user_timeout", "application_name", "dbname",
		NULL,
	};
	const char *const vals[] = {"10", "1", "10", "5", "3", "30000", "infokaart", url, NULL};
	PGconn *pg = PQconnectdbParams(keys, vals, 1);
	if (!pg) {
		central_err_say(err, unreachable, NULL, _("geen geheugen voor de verbinding"));
		return -1;
	}
	if (PQstatus(pg) != CONNECTION_OK) {
		char shown[200], detail[512];
		central_redact(url, shown, sizeof shown);
		snprintf(detail, sizeof detail, "%s: %s", shown, PQerrorMessage(pg));
		/* libpq repeats a value it could not read, and that may be the password. */
		central_scrub(detail, sizeof detail, url);
		central_err_say(err, unreachable, NULL, detail);
		PQfinish(pg);
		return -1;
	}
	PQsetNoticeProcessor(pg, drop_notice, NULL);
	central *c = xcalloc(1, sizeof *c);
	c->pg = pg;
	if (session_setup(c, err, schema_what) != 0 || ensure_schema(c, err) != 0) {
		central_close(c);
		return -1;
	}
	*out = c;
	return 0;
}

void central_close(central *c)
{
	if (!c)
		return;
	PQfinish(c->pg);
	free(c);
}
