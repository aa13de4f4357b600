/* central_catalogue.c: the activity catalogue the coordinator publishes centrally (see
 * central.h), through the functions of central.sql. Versions only grow; publishing the
 * text the newest version already has adds nothing; a version larger than a site takes is
 * never fetched. The labels go with a publication, in its transaction. It checks nothing in
 * the text: the caller validated it. */
#include "central_internal.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"
#include "i18n.h"

static const char fetch_what[] = N_("De catalogus kon niet worden opgehaald.");
static const char publish_what[] = N_("De catalogus kon niet worden gepubliceerd.");

int central_catalogue_latest(central *c, int64_t after, int64_t max_bytes, int64_t *version,
			     int64_t *published_at, int64_t *bytes, char **body, central_err *err)
{
	*body = NULL;
	if (central_ready(c, err, fetch_what) != 0)
		return -1;
	char have[24], max[24];
	snprintf(have, sizeof have, "%" PRId64, after);
	snprintf(max, sizeof max, "%" PRId64, max_bytes > INT32_MAX ? INT32_MAX : max_bytes);
	const char *p[2] = {have, max};
	PGresult *r = central_exec(c,
				   "SELECT version, published_at, bytes, activities"
				   " FROM infokaart.catalogue_latest($1, $2)",
				   2, p, PGRES_TUPLES_OK, err, fetch_what);
	if (!r)
		return -1;
	int ret = 1;
	if (PQntuples(r) == 1) {
		*version = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		*published_at = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
		*bytes = strtoll(PQgetvalue(r, 0, 2), NULL, 10);
		if (!PQgetisnull(r, 0, 3))
			*body = xstrdup(PQgetvalue(r, 0, 3));
		ret = 0;
	}
	PQclear(r);
	return ret;
}

int central_catalogue_publish(central *c, const char *body, const char *labels, int64_t *version,
			      bool *is_new, central_err *err)
{
	if (!body) {
		central_err_say(err, NULL, publish_what, _("geen tekst"));
		return -1;
	}
	if (central_ready(c, err, publish_what) != 0)
		return -1;
	PGresult *r = central_exec(c, "BEGIN", 0, NULL, PGRES_COMMAND_OK, err, publish_what);
	if (!r)
		return -1;
	PQclear(r);
	const char *p[1] = {body};
	r = central_exec(c, "SELECT version, is_new FROM infokaart.catalogue_publish($1)", 1, p,
			 PGRES_TUPLES_OK, err, publish_what);
	if (!r || (labels && central_labels_put(c, labels, err, publish_what) != 0)) {
		PQclear(r);
		central_rollback(c);
		return -1;
	}
	*version = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	*is_new = PQgetvalue(r, 0, 1)[0] == 't';
	PQclear(r);
	r = central_exec(c, "COMMIT", 0, NULL, PGRES_COMMAND_OK, err, publish_what);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}
