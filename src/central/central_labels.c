/* central_labels.c: names for the ids the referrals carry (see central.h), sent with the
 * catalogue or at init as one JSON object to labels_publish (central.sql), which fills the
 * label tables the views read. */
#include "central_internal.h"

#include <libpq-fe.h>
#include <string.h>

#include "i18n.h"
#include "jsonw.h"
#include "util.h"

/* The member names of central.sql's labels_publish, in central_label_kind order. */
static const char *const kinds[CENTRAL_LABEL_N] = {"profile", "wijk", "role", "status", "activity"};

char *central_labels_json(const central_labels *l)
{
	strbuf b = {0};
	sb_appendc(&b, '{');
	for (int k = 0; k < CENTRAL_LABEL_N; k++) {
		if (k)
			sb_appendc(&b, ',');
		jsonw_key(&b, kinds[k]);
		sb_appendc(&b, '[');
		for (int i = 0; i < l->n[k]; i++) {
			const central_label *x = &l->v[k][i];
			sb_append(&b, i ? ",{" : "{");
			jsonw_key(&b, "id");
			jsonw_str(&b, x->id);
			sb_appendc(&b, ',');
			jsonw_key(&b, "nl");
			jsonw_str(&b, x->nl);
			sb_appendc(&b, ',');
			jsonw_key(&b, "en");
			jsonw_str(&b, x->en && *x->en ? x->en : NULL);
			if (k == CENTRAL_LABEL_STATUS)
				sb_printf(&b, ",\"final\":%s", x->final ? "true" : "false");
			if (k == CENTRAL_LABEL_ACTIVITY) {
				sb_appendc(&b, ',');
				jsonw_key(&b, "organization");
				jsonw_str(&b, x->organization);
			}
			sb_appendc(&b, '}');
		}
		sb_appendc(&b, ']');
	}
	sb_appendc(&b, '}');
	return b.s;
}

int central_labels_put(central *c, const char *labels, central_err *err, const char *what)
{
	const char *p[1] = {labels};
	PGresult *r = PQexecParams(c->pg, "SELECT infokaart.labels_publish($1)", 1, NULL, p, NULL,
				   NULL, 0);
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	int ret = PQresultStatus(r) == PGRES_TUPLES_OK ? 0 : -1;
	if (ret != 0 && state && strcmp(state, "42883") == 0) /* a server set up before the labels */
		central_err_say(err, N_("De centrale database kent de namen voor de overzichten nog "
					"niet; de eigenaar voegt ze toe met: infokaart central init."),
				what, "infokaart.labels_publish");
	else if (ret != 0)
		central_err_pg(err, c->pg, r, what);
	PQclear(r);
	return ret;
}
