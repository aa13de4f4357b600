/* central.c: the connection to the central PostgreSQL (see central.h): connecting with safe
 * defaults, checking the schema, applying it (central init), and the error messages. A site's
 * calls are in central_site.c and central_push.c, the coordinator's in central_admin.c, the
 * catalogue in central_catalogue.c, the statistics in central_stats.c, hiding passwords in
 * central_redact.c. It never prints: server notices are dropped, a password never reaches a
 * message, and no control character of the server's text does either. Every sentence and
 * detail of ours is marked for gettext (N_() where it is passed on, _() where it is used). */
#include "central_internal.h"

#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"
#include "i18n.h"

#define CENTRAL_SCHEMA 2 /* the schema of central.sql; infokaart.meta keeps the server's */

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
	/* The server's text reaches a terminal: no escape sequence (C0, C1) or broken UTF-8. */
	char *safe = text_sanitize(err->msg, false);
	size_t len = strlen(safe);
	if (len >= sizeof err->msg) { /* U+FFFD is 3 bytes: cut at a character's start */
		len = sizeof err->msg - 1;
		while (len > 0 && ((unsigned char)safe[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(err->msg, safe, len);
	err->msg[len] = '\0';
	free(safe);
}

void central_pg_detail(PGconn *pg, const PGresult *res, char *buf, size_t n)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	/* Only the primary message: the DETAIL of a refused row repeats the row, note included.
	 * 22023 is central.sql's own check (infokaart.need): its phrase in the run's language. */
	char own[200];
	if (state && primary && strcmp(state, "22023") == 0) {
		central_refusal_say(primary, own, sizeof own);
		snprintf(buf, n, "PostgreSQL %s: %s", state, own);
	} else if (state && primary) {
		snprintf(buf, n, "PostgreSQL %s: %s", state, primary);
	} else if (res && *PQresultErrorMessage(res)) {
		snprintf(buf, n, "%s", PQresultErrorMessage(res));
	} else if (res && PQresultStatus(res) != PGRES_FATAL_ERROR) {
		snprintf(buf, n, _("onverwacht antwoord %s"), PQresStatus(PQresultStatus(res)));
	} else {
		snprintf(buf, n, "%s", pg ? PQerrorMessage(pg) : _("geen verbinding"));
	}
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

static const char schema_what[] = N_("De centrale database is niet bruikbaar.");

/* The schema on the server, read through a function every member of the network may call:
 * 0 and *version set, or -1 with err saying what to do. */
static int check_schema(central *c, central_err *err)
{
	PGresult *r = PQexec(c->pg, "SELECT infokaart.schema_version()");
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	int version = PQresultStatus(r) == PGRES_TUPLES_OK ? atoi(PQgetvalue(r, 0, 0)) : -1;
	char detail[160];
	if (version < 0 && state &&
	    (strcmp(state, "3F000") == 0 || strcmp(state, "42883") == 0)) { /* no schema, function */
		central_err_say(err, N_("De centrale database is nog niet ingericht; de coördinator doet"
					" dat met: infokaart central init."),
				NULL, _("schema infokaart ontbreekt"));
	} else if (version < 0 && state && strcmp(state, "42501") == 0) {
		snprintf(detail, sizeof detail, _("gebruiker %s"), PQuser(c->pg));
		central_err_say(err, N_("Deze gebruiker hoort niet bij het netwerk: geen site en geen"
					" coördinator (de coördinator maakt er een met: infokaart central"
					" add-site)."),
				NULL, detail);
	} else if (version < 0) {
		central_err_pg(err, c->pg, r, schema_what);
	} else if (version != CENTRAL_SCHEMA) {
		snprintf(detail, sizeof detail, _("schema %d, dit programma kent %d"), version,
			 CENTRAL_SCHEMA);
		central_err_say(err, version > CENTRAL_SCHEMA
					     ? N_("De centrale database is ingericht door een nieuwere"
						  " versie van infokaart; werk dit programma bij.")
					     : N_("De centrale database is ingericht door een oudere versie"
						  " van infokaart; de coördinator werkt hem bij met:"
						  " infokaart central init."),
				NULL, detail);
		version = -1;
	}
	PQclear(r);
	return version < 0 ? -1 : 0;
}

/* The connection with the session set up, or NULL with err filled. */
static central *open_conn(const char *url, central_err *err)
{
	if (!url || !*url) {
		central_err_say(err, unreachable, NULL, _("geen adres ingesteld"));
		return NULL;
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
		return NULL;
	}
	if (PQstatus(pg) != CONNECTION_OK) {
		char shown[200], detail[512];
		central_redact(url, shown, sizeof shown);
		snprintf(detail, sizeof detail, "%s: %s", shown, PQerrorMessage(pg));
		/* libpq repeats a value it could not read, and that may be the password. */
		central_scrub(detail, sizeof detail, url);
		central_err_say(err, unreachable, NULL, detail);
		PQfinish(pg);
		return NULL;
	}
	PQsetNoticeProcessor(pg, drop_notice, NULL);
	central *c = xcalloc(1, sizeof *c);
	c->pg = pg;
	if (session_setup(c, err, schema_what) != 0) {
		central_close(c);
		return NULL;
	}
	return c;
}

int central_connect(const char *url, central **out, central_err *err)
{
	*out = open_conn(url, err);
	if (*out && check_schema(*out, err) != 0) {
		central_close(*out);
		*out = NULL;
	}
	return *out ? 0 : -1;
}

int central_init(const char *url, const char *labels, central_err *err)
{
	static const char what[] = N_("De centrale database is niet ingericht.");
	central *c = open_conn(url, err);
	if (!c)
		return -1;
	PGresult *r = PQexec(c->pg, "BEGIN");
	int ret = -1;
	bool said = false; /* the labels' failure is in err already */
	if (PQresultStatus(r) == PGRES_COMMAND_OK) {
		PQclear(r);
		r = PQexec(c->pg, central_sql);
		if (PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK) {
			PQclear(r);
			r = NULL;
			said = labels && central_labels_put(c, labels, err, what) != 0;
			if (!said)
				r = PQexec(c->pg, "COMMIT");
			ret = PQresultStatus(r) == PGRES_COMMAND_OK &&
					      strcmp(PQcmdStatus(r), "COMMIT") == 0
				      ? 0
				      : -1;
		}
	}
	if (ret != 0 && !said)
		central_err_pg(err, c->pg, r, what);
	PQclear(r);
	central_close(c);
	return ret;
}

void central_close(central *c)
{
	if (!c)
		return;
	PQfinish(c->pg);
	free(c);
}
