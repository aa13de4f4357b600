/* central_admin.c: the coordinator's calls (see central.h): adding a site's, a
 * coordinator's or a reader's login role, the list of sites, erasing a case in the whole
 * network, and retention for the central notes. The SQL is in sql/central.sql; here the
 * role's name is made from the name given and its password drawn at random, and only the
 * password's verifier (SCRAM, from libpq) goes to the server, so no log there holds the
 * password. */
#include "central_internal.h"

#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "i18n.h"
#include "util.h"

/* "Kiosk Één!" → "kiosk_een": lower-case ASCII letters and digits, other runs as one '_'. */
static void role_name(const char *prefix, const char *name, char out[64])
{
	size_t n = (size_t)snprintf(out, 64, "%s", prefix);
	bool gap = false;
	for (const unsigned char *p = (const unsigned char *)name; *p && n < 63; p++) {
		if (isalnum(*p) && *p < 0x80) {
			if (gap && out[n - 1] != '_')
				out[n++] = '_';
			out[n++] = (char)tolower(*p);
			gap = false;
		} else if (*p < 0x80 || (*p & 0xC0) == 0xC0) { /* a character's first byte */
			gap = true;
		}
	}
	out[n] = '\0';
}

/* 32 characters from 62: some 190 bits. 0, or -1 when the system has no randomness. */
static int new_password(char out[33])
{
	static const char alphabet[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned char raw[64];
	size_t have = 0;
	while (have < sizeof raw) {
		ssize_t got = getrandom(raw + have, sizeof raw - have, 0);
		if (got <= 0)
			return -1;
		have += (size_t)got;
	}
	int n = 0;
	for (size_t i = 0; i < sizeof raw && n < 32; i++)
		if (raw[i] < 248) /* 248 = 4 * 62: no bias */
			out[n++] = alphabet[raw[i] % 62];
	out[n] = '\0';
	return n == 32 ? 0 : -1;
}

/* Appends s to b with the characters a URL or .pgpass would misread escaped. */
static void url_part(strbuf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (isalnum(*p) || strchr("-._~", *p))
			sb_appendc(b, (char)*p);
		else
			sb_printf(b, "%%%02X", *p);
}

/* How the machine reaches the server: sync_url and the ~/.pgpass line, from this connection. */
static void member_address(PGconn *pg, central_member *m)
{
	const char *host = PQhost(pg), *port = PQport(pg), *db = PQdb(pg);
	strbuf b = {0};
	sb_append(&b, "postgresql://");
	url_part(&b, m->role);
	sb_appendc(&b, '@');
	url_part(&b, host ? host : "");
	sb_printf(&b, ":%s/", port && *port ? port : "5432");
	url_part(&b, db ? db : "");
	PQconninfoOption *opts = PQconninfo(pg);
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (strcmp(o->keyword, "sslmode") == 0 && o->val && strcmp(o->val, "prefer") != 0) {
			sb_append(&b, "?sslmode=");
			url_part(&b, o->val);
		}
	PQconninfoFree(opts);
	snprintf(m->url, sizeof m->url, "%s", b.s);
	sb_free(&b);
	snprintf(m->pgpass, sizeof m->pgpass, "%s:%s:%s:%s:%s", host && *host != '/' ? host : "*",
		 port && *port ? port : "5432", db ? db : "*", m->role, m->password);
}

static const char added_none[] = N_("Er is niemand toegevoegd.");
static const char *const prefix[] = {"ik_site_", "ik_coordinator_", "ik_reader_"};

int central_member_name_ok(central_member_kind kind, const char *name, central_err *err)
{
	char role[64];
	role_name(prefix[kind], name ? name : "", role);
	if (strlen(role) > strlen(prefix[kind]))
		return 0;
	central_err_say(err, N_("Deze naam heeft geen letters of cijfers."), added_none, name);
	return -1;
}

int central_add_member(central *c, central_member_kind kind, const char *name, central_member *out,
		       central_err *err)
{
	memset(out, 0, sizeof *out);
	if (central_member_name_ok(kind, name, err) != 0)
		return -1;
	role_name(prefix[kind], name, out->role);
	if (new_password(out->password) != 0) {
		central_err_say(err, NULL, added_none, _("geen toevalsgetallen"));
		return -1;
	}
	if (central_ready(c, err, added_none) != 0)
		return -1;
	char *verifier = PQencryptPasswordConn(c->pg, out->password, out->role, NULL);
	if (!verifier) {
		central_err_pg(err, c->pg, NULL, added_none);
		return -1;
	}
	/* add_member makes a site when given its name, else a coordinator */
	const char *p[3] = {out->role, verifier, kind == CENTRAL_SITE ? name : NULL};
	bool reader = kind == CENTRAL_READER;
	PGresult *r = central_exec(c, reader ? "SELECT infokaart.add_reader($1, $2)"
					     : "SELECT infokaart.add_member($1, $3, $2)",
				   reader ? 2 : 3, p, PGRES_TUPLES_OK, err, added_none);
	PQfreemem(verifier);
	if (!r)
		return -1;
	snprintf(out->site_id, sizeof out->site_id, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	member_address(c->pg, out);
	return 0;
}

int central_erase_case(central *c, const char *code, central_erased *out, central_err *err)
{
	static const char what[] = N_("Er is niets gewist.");
	memset(out, 0, sizeof *out);
	if (central_ready(c, err, what) != 0)
		return -1;
	const char *p[1] = {code};
	PGresult *r = central_exec(c,
				   "SELECT referrals, history, scores, sites"
				   " FROM infokaart.erase_case($1)",
				   1, p, PGRES_TUPLES_OK, err, what);
	if (!r)
		return -1;
	out->referrals = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	out->history = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
	out->scores = strtoll(PQgetvalue(r, 0, 2), NULL, 10);
	out->sites = strtoll(PQgetvalue(r, 0, 3), NULL, 10);
	PQclear(r);
	return 0;
}

int central_purge_notes(central *c, int64_t now, int days, int64_t *n, central_err *err)
{
	static const char what[] = N_("De oude notities zijn niet verwijderd.");
	*n = 0;
	if (central_ready(c, err, what) != 0)
		return -1;
	char t[24], d[16];
	snprintf(t, sizeof t, "%lld", (long long)now);
	snprintf(d, sizeof d, "%d", days);
	const char *p[2] = {t, d};
	PGresult *r = central_exec(c, "SELECT infokaart.purge_notes($1, $2)", 2, p,
				   PGRES_TUPLES_OK, err, what);
	if (!r)
		return -1;
	*n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return 0;
}

int central_sites(central *c, central_site_info **v, int *n, central_err *err)
{
	static const char what[] = N_("De sites konden niet worden gelezen.");
	*v = NULL;
	*n = 0;
	if (central_ready(c, err, what) != 0)
		return -1;
	PGresult *r = central_exec(c,
				   "SELECT s.name, coalesce(s.role, ''),"
				   " coalesce(floor(extract(epoch FROM s.last_seen))::bigint, 0),"
				   " coalesce(floor(extract(epoch FROM s.last_sync))::bigint, 0),"
				   " (SELECT count(*) FROM infokaart.referral r WHERE r.site_id = s.site_id)"
				   " FROM infokaart.site s ORDER BY s.name COLLATE \"C\", s.role",
				   0, NULL, PGRES_TUPLES_OK, err, what);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	*v = xcalloc((size_t)rows + 1, sizeof **v);
	for (int i = 0; i < rows; i++) {
		central_site_info *s = &(*v)[i];
		snprintf(s->name, sizeof s->name, "%s", PQgetvalue(r, i, 0));
		snprintf(s->role, sizeof s->role, "%s", PQgetvalue(r, i, 1));
		s->last_seen = strtoll(PQgetvalue(r, i, 2), NULL, 10);
		s->last_sync = strtoll(PQgetvalue(r, i, 3), NULL, 10);
		s->referrals = strtoll(PQgetvalue(r, i, 4), NULL, 10);
	}
	*n = rows;
	PQclear(r);
	return 0;
}
