/* central_site.c: what a site asks of the central store besides pushing (see central.h): the
 * start of a sync (site_hello: its id, the highest rev it pushed, the generation of the
 * database that pushed last) and the erasures of its referrals. Both are
 * functions in central.sql that take the site from the login. */
#include "central_internal.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

int central_site_hello(central *c, const char *name, central_site *out, central_err *err)
{
	static const char what[] = N_("De synchronisatie kon niet beginnen.");
	memset(out, 0, sizeof *out);
	if (central_ready(c, err, what) != 0)
		return -1;
	const char *p[1] = {name && *name ? name : NULL};
	PGresult *r = central_exec(c, "SELECT site_id, max_rev, generation"
				      " FROM infokaart.site_hello($1)",
				   1, p, PGRES_TUPLES_OK, err, what);
	if (!r)
		return -1;
	int ret = -1;
	if (PQntuples(r) == 1 && !PQgetisnull(r, 0, 0) &&
	    strlen(PQgetvalue(r, 0, 0)) == STORE_UUID_LEN) {
		snprintf(out->site_id, sizeof out->site_id, "%s", PQgetvalue(r, 0, 0));
		out->max_rev = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
		snprintf(out->generation, sizeof out->generation, "%s", PQgetvalue(r, 0, 2));
		ret = 0;
	} else {
		central_err_say(err, NULL, what, _("onverwacht antwoord van site_hello"));
	}
	PQclear(r);
	return ret;
}

int central_site_erasures(central *c, int64_t after, char (**uuids)[STORE_UUID_LEN + 1], int *n,
			  int64_t *last, central_err *err)
{
	static const char what[] = N_("De wissingen konden niet worden opgehaald.");
	*uuids = NULL;
	*n = 0;
	*last = after;
	if (central_ready(c, err, what) != 0)
		return -1;
	char a[24];
	snprintf(a, sizeof a, "%lld", (long long)after);
	const char *p[1] = {a};
	PGresult *r = central_exec(c, "SELECT seq, id FROM infokaart.site_erasures($1)", 1, p,
				   PGRES_TUPLES_OK, err, what);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	*uuids = xcalloc((size_t)rows + 1, sizeof **uuids);
	for (int i = 0; i < rows; i++) {
		snprintf((*uuids)[i], sizeof **uuids, "%s", PQgetvalue(r, i, 1));
		int64_t seq = strtoll(PQgetvalue(r, i, 0), NULL, 10);
		*last = seq > *last ? seq : *last;
	}
	*n = rows;
	PQclear(r);
	return 0;
}
