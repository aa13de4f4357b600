/* cli_central.c: the coordinator's commands on the network's central PostgreSQL: `central
 * init` (schema, roles, grants, functions and views from sql/central.sql, and the names for
 * the overviews from the content), `central add-site NAAM`, `central add-coordinator NAAM` and
 * `central add-reader NAAM` (a login role each, with what to put on the machine or in the BI
 * tool),
 * `central sites` (each site's last attempt and last changes),
 * `central erase CODE` (a case in the whole network), `central purge` (retention for the
 * central notes), and `stats --from` (the network's figures). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central.h"
#include "cli_common.h"
#include "cli_sync.h"
#include "i18n.h"

/* The failure of a central call, in one line on stderr. */
static int failed(const char *url, const central_err *cerr)
{
	char shown[256];
	central_redact(url, shown, sizeof shown);
	fprintf(stderr, "infokaart: %s: %s\n", shown, cerr->msg);
	return EXIT_NONE;
}

/* What a new reader (a BI tool) needs: where, who, and the password once. */
static void reader_said(strbuf *b, const char *name, const central_member *m)
{
	sb_printf(b, _("Lezer '%s' toegevoegd als gebruiker %s: leest de overzichten (views) en "
		       "namen (label_*) van schema infokaart, zonder notities en casuscodes.\n"),
		  name, m->role);
	sb_printf(b, "%s", _("Geef het BI-programma (Metabase, Superset) dit adres:\n"));
	sb_printf(b, "  %s\n", m->url);
	sb_printf(b, "%s", _("en dit wachtwoord; het staat nergens anders en wordt niet nog eens "
			     "getoond (als ~/.pgpass-regel):\n"));
	sb_printf(b, "  %s\n", m->pgpass);
}

static int add_member(app *a, const char *url, const char *name, central_member_kind kind)
{
	central *c = NULL;
	central_err cerr = {{0}};
	central_member m;
	bool site = kind == CENTRAL_SITE;
	if (!name)
		return cli_usage("%s", _("central add-site, add-coordinator en add-reader willen een naam."));
	/* A name that makes no role is told without a server. */
	if (central_member_name_ok(kind, name, &cerr) != 0 || central_connect(url, &c, &cerr) != 0 ||
	    central_add_member(c, kind, name, &m, &cerr) != 0) {
		central_close(c);
		return failed(url, &cerr);
	}
	central_close(c);
	strbuf b = {0};
	(void)a;
	if (kind == CENTRAL_READER) {
		reader_said(&b, name, &m);
		return cli_emit(&b, FMT_TEXT, EXIT_OK);
	}
	if (site)
		sb_printf(&b, _("Site '%s' toegevoegd als gebruiker %s (site-id %s).\n"), name, m.role,
			  m.site_id);
	else
		sb_printf(&b, _("Coördinator '%s' toegevoegd als gebruiker %s.\n"), name, m.role);
	sb_printf(&b, "%s", site ? _("Zet in /etc/infokaart/config van de machine:\n")
				 : _("Gebruik als adres (--to of sync_url):\n"));
	sb_printf(&b, "  sync_url = %s\n", m.url);
	if (site)
		sb_printf(&b, "  site_name = %s\n", name);
	sb_printf(&b, "%s", _("en in ~/.pgpass van de gebruiker die het programma draait (modus "
			      "0600); het wachtwoord staat nergens anders en wordt niet nog eens "
			      "getoond:\n"));
	sb_printf(&b, "  %s\n", m.pgpass);
	return cli_emit(&b, FMT_TEXT, EXIT_OK);
}

/* central init: the schema, and the names for the overviews from the content in use. */
static int init(app *a, const char *url)
{
	central_err cerr = {{0}};
	if (cli_load_content(a) != 0) {
		fprintf(stderr, _("infokaart: de inhoud in %s bevat fouten; de centrale database is "
				  "niet ingericht.\n"),
			a->content_dir);
		return EXIT_NONE;
	}
	char *said = NULL, *labels = cli_sync_labels(a, a->c, &said);
	int rc = central_init(url, labels, &cerr);
	free(labels);
	if (rc != 0) {
		free(said);
		return failed(url, &cerr);
	}
	strbuf b = {0};
	sb_append(&b, _("De centrale database is ingericht: schema infokaart, de groepen "
			"infokaart_site, infokaart_coordinator en infokaart_reader en hun rechten. "
			"Voeg sites toe met: infokaart central add-site NAAM.\n"));
	sb_append(&b, said);
	free(said);
	return cli_emit(&b, FMT_TEXT, EXIT_OK);
}

static int erase(app *a, const char *url, const char *raw)
{
	central *c = NULL;
	central_err cerr = {{0}};
	central_erased e;
	char code[16];
	(void)a;
	if (!raw)
		return cli_usage("%s", _("central erase wil een casuscode."));
	cli_case_code(raw, code);
	if (central_connect(url, &c, &cerr) != 0 || central_erase_case(c, code, &e, &cerr) != 0) {
		central_close(c);
		return failed(url, &cerr);
	}
	central_close(c);
	if (e.referrals == 0) {
		fprintf(stderr, _("infokaart: de centrale database heeft geen verwijzing met code %s; "
				  "niets gewist.\n"),
			code);
		return EXIT_NONE;
	}
	strbuf b = {0};
	char *head = xasprintf(_("Centraal gewist voor code %s: "), code);
	cli_erased_text(&b, head, e.referrals, -1, e.history, e.scores);
	free(head);
	sb_printf(&b, ngettext("De site wist haar eigen kopie bij haar volgende synchronisatie.\n",
			       "De %lld sites wissen hun eigen kopie bij hun volgende "
			       "synchronisatie.\n",
			       (unsigned long)e.sites),
		  (long long)e.sites);
	return cli_emit(&b, FMT_TEXT, EXIT_OK);
}

static int purge(app *a, const cli_opts *o, const char *url)
{
	central *c = NULL;
	central_err cerr = {{0}};
	int64_t n = 0;
	if (central_connect(url, &c, &cerr) != 0 ||
	    central_purge_notes(c, a->now, o->days, &n, &cerr) != 0) {
		central_close(c);
		return failed(url, &cerr);
	}
	central_close(c);
	printf(ngettext("Centraal: %lld notitie ouder dan %d dagen verwijderd.\n",
			"Centraal: %lld notities ouder dan %d dagen verwijderd.\n", (unsigned long)n),
	       (long long)n, o->days);
	return EXIT_OK;
}

/* Every site with its last attempt and its last changes: a quiet kiosk is not a dead one. */
static int sites(const char *url)
{
	central *c = NULL;
	central_err cerr = {{0}};
	central_site_info *v = NULL;
	int n = 0;
	if (central_connect(url, &c, &cerr) != 0 || central_sites(c, &v, &n, &cerr) != 0) {
		central_close(c);
		return failed(url, &cerr);
	}
	central_close(c);
	strbuf b = {0};
	char seen[32], sent[32];
	for (int i = 0; i < n; i++) {
		snprintf(seen, sizeof seen, "%s", _("nog nooit"));
		snprintf(sent, sizeof sent, "%s", _("nog nooit"));
		if (v[i].last_seen)
			cli_sync_when(v[i].last_seen, seen);
		if (v[i].last_sync)
			cli_sync_when(v[i].last_sync, sent);
		sb_printf(&b, ngettext("%s (%s): laatste poging %s, laatste wijzigingen %s, %lld "
				       "verwijzing\n",
				       "%s (%s): laatste poging %s, laatste wijzigingen %s, %lld "
				       "verwijzingen\n",
				       (unsigned long)v[i].referrals),
			  v[i].name, v[i].role, seen, sent, (long long)v[i].referrals);
	}
	if (n == 0)
		sb_append(&b, _("Nog geen sites; voeg ze toe met: infokaart central add-site NAAM\n"));
	free(v);
	return cli_emit(&b, FMT_TEXT, EXIT_OK);
}

int cli_central(app *a, const cli_opts *o)
{
	const char *what = o->arg[0], *name = o->narg > 1 ? o->arg[1] : NULL;
	const char *url = cli_sync_url(a, o);
	if (!url)
		return EXIT_USAGE;
	if (strcmp(what, "init") == 0 && !name)
		return init(a, url);
	if (strcmp(what, "add-site") == 0)
		return add_member(a, url, name, CENTRAL_SITE);
	if (strcmp(what, "add-coordinator") == 0)
		return add_member(a, url, name, CENTRAL_COORDINATOR);
	if (strcmp(what, "add-reader") == 0)
		return add_member(a, url, name, CENTRAL_READER);
	if (strcmp(what, "erase") == 0)
		return erase(a, url, name);
	if (strcmp(what, "purge") == 0 && !name)
		return purge(a, o, url);
	if (strcmp(what, "sites") == 0 && !name)
		return sites(url);
	return cli_usage(_("central kent init, add-site NAAM, add-coordinator NAAM, add-reader "
			   "NAAM, sites, erase CODE en purge, niet '%s'."),
			 what);
}

int cli_sync_central_stats(const char *url, const char *since, store_statistics *st)
{
	central *c = NULL;
	central_err cerr = {{0}};
	char shown[256];
	int rc = 0;
	if (central_connect(url, &c, &cerr) != 0 || central_stats(c, since, st, &cerr) != 0) {
		central_redact(url, shown, sizeof shown);
		fprintf(stderr, _("infokaart: de overzichten van %s konden niet worden gelezen: %s\n"),
			shown, cerr.msg);
		rc = -1;
	}
	central_close(c);
	return rc;
}
