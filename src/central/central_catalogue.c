/* central_catalogue.c: the activity catalogue the coordinator publishes centrally (see
 * central.h). Versions only grow; publishing the text the newest version already has adds
 * nothing. It checks nothing in the text: the caller validated it. */
#include "central_internal.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"
#include "i18n.h"

static const char fetch_what[] = N_("De catalogus kon niet worden opgehaald.");
static const char publish_what[] = N_("De catalogus kon niet worden gepubliceerd.");

int central_catalogue_latest(central *c, int64_t have_version, int64_t *version,
			     int64_t *published_at, char **body, central_err *err)
{
	*body = NULL;
	if (central_ready(c, err, fetch_what) != 0)
		return -1;
	char have[24];
	snprintf(have, sizeof have, "%" PRId64, have_version);
	const char *p[1] = {have};
	PGresult *r = central_exec(c,
				   "SELECT version, floor(extract(epoch FROM published_at))::bigint,"
				   " activities FROM infokaart.catalogue WHERE version > $1::bigint"
				   " ORDER BY version DESC LIMIT 1",
				   1, p, PGRES_TUPLES_OK, err, fetch_what);
	if (!r)
		return -1;
	int ret = 1;
	if (PQntuples(r) == 1) {
		*version = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		*published_at = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
		*body = xstrdup(PQgetvalue(r, 0, 2));
		ret = 0;
	}
	PQclear(r);
	return ret;
}

/* Runs one statement of the publishing transaction: its result, or NULL with err filled. */
static PGresult *step(central *c, const char *sql, int n, const char *const *p, int ok,
		      central_err *err)
{
	return central_exec(c, sql, n, p, ok, err, publish_what);
}

int central_catalogue_publish(central *c, const char *body, const char *by, int64_t *version,
			      bool *is_new, central_err *err)
{
	if (!body) {
		central_err_say(err, NULL, publish_what, _("geen tekst"));
		return -1;
	}
	if (central_ready(c, err, publish_what) != 0)
		return -1;
	const char *p[2] = {body, by ? by : ""};
	PGresult *r = step(c, "BEGIN", 0, NULL, PGRES_COMMAND_OK, err);
	int ret = -1;
	bool fresh = true;
	int64_t v = 0;
	if (!r)
		goto out;
	PQclear(r);
	/* Two coordinators publishing at once: the second sees the first's version. */
	r = step(c, "SELECT pg_advisory_xact_lock(" CENTRAL_LOCK_CATALOGUE ")", 0, NULL,
		 PGRES_TUPLES_OK, err);
	if (!r)
		goto out;
	PQclear(r);
	r = step(c,
		 "SELECT version, activities = $1::text FROM infokaart.catalogue"
		 " ORDER BY version DESC LIMIT 1",
		 1, p, PGRES_TUPLES_OK, err);
	if (!r)
		goto out;
	if (PQntuples(r) == 1 && PQgetvalue(r, 0, 1)[0] == 't') {
		v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		fresh = false;
	} else {
		PQclear(r);
		r = step(c,
			 "INSERT INTO infokaart.catalogue (activities, published_by)"
			 " VALUES ($1::text, $2::text) RETURNING version",
			 2, p, PGRES_TUPLES_OK, err);
		if (!r)
			goto out;
		v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	}
	PQclear(r);
	r = step(c, "COMMIT", 0, NULL, PGRES_COMMAND_OK, err);
	if (r) {
		*version = v;
		*is_new = fresh;
		ret = 0;
	}
out:
	PQclear(r);
	if (ret != 0)
		central_rollback(c);
	return ret;
}
