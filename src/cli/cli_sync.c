/* cli_sync.c: `infokaart sync`, `sync --status`, `catalogue publish` and `stats --from`: this
 * machine's records to the network's central PostgreSQL and the network's catalogue back. Run
 * on its own (cron, a systemd timer), never by the screens: a kiosk does not wait on a network.
 * Changes go in batches, each one central transaction, and a batch counts as sent only after
 * the central store committed it, so a sync cut off anywhere resumes without loss or double. */
#include "cli_sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "central.h"
#include "load.h"
#include "cli_common.h"
#include "i18n.h"
#include "store_sync.h"

enum { BATCH_DEFAULT = 500, BATCH_MAX = 100000 };

/* INFOKAART_SYNC_BATCH: changes per central transaction (tests make it small). */
static int batch_size(void)
{
	const char *v = getenv("INFOKAART_SYNC_BATCH");
	int n = v ? atoi(v) : 0;
	return n >= 1 && n <= BATCH_MAX ? n : BATCH_DEFAULT;
}

static const char *central_url(const app *a, const cli_opts *o)
{
	if (o->url && *o->url)
		return o->url;
	if (a->cfg.sync_url[0])
		return a->cfg.sync_url;
	cli_usage("%s", _("waar naartoe? Geef --to postgresql://… of zet sync_url in de "
				  "instellingen."));
	return NULL;
}

/* "2026-11-23 14:02", local time. */
static void when(int64_t t, char buf[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm) || !strftime(buf, 32, "%Y-%m-%d %H:%M", &tm))
		snprintf(buf, 32, "?");
}

static int print_status(app *a, store *s)
{
	store_sync_state st;
	store_err err = {0};
	if (store_sync_state_get(s, &st, &err) != 0)
		return cli_db_error(&err);
	char t[32];
	strbuf b = {0};
	sb_printf(&b, _("Site: %s%s%s\n"), st.site_id, a->cfg.site_name[0] ? " · " : "",
		  a->cfg.site_name);
	if (st.last_ok_at) {
		when(st.last_ok_at, t);
		sb_printf(&b, ngettext("Laatste synchronisatie: %s (%lld wijziging verstuurd)\n",
				       "Laatste synchronisatie: %s (%lld wijzigingen verstuurd)\n",
				       (unsigned long)st.last_sent),
			  t, (long long)st.last_sent);
	} else {
		sb_append(&b, _("Laatste synchronisatie: nog nooit\n"));
	}
	if (st.last_error[0]) {
		when(st.last_try_at, t);
		sb_printf(&b, _("Laatste poging mislukt op %s: %s\n"), t, st.last_error);
	}
	long long waiting = (long long)st.pending;
	sb_printf(&b, ngettext("Nog niet verstuurd: %lld wijziging\n",
			       "Nog niet verstuurd: %lld wijzigingen\n", (unsigned long)waiting),
		  waiting);
	if (st.catalogue_version) {
		when(st.catalogue_published_at, t);
		sb_printf(&b, _("Catalogus: centrale versie %lld, gepubliceerd %s\n"),
			  (long long)st.catalogue_version, t);
	} else {
		sb_printf(&b, _("Catalogus: meegeleverd (%s)\n"), a->content_dir);
	}
	return cli_emit(&b, FMT_TEXT, EXIT_OK);
}

/* Sends every change the central store does not have yet. Returns 0, or -1 with why set;
 * *sent counts what the central store committed, also when a later batch failed. */
static int push(store *s, central *c, const char *site_name, int64_t *sent, char *why,
		size_t nwhy)
{
	store_sync_state st;
	store_err err = {0};
	if (store_sync_state_get(s, &st, &err) != 0) {
		snprintf(why, nwhy, "%s", err.msg);
		return -1;
	}
	int batch = batch_size();
	int64_t after = st.pushed_rev;
	for (;;) {
		store_sync_item *v = NULL;
		int n = 0;
		int64_t upto = after;
		if (store_sync_changes(s, after, batch, &v, &n, &upto, &err) != 0) {
			snprintf(why, nwhy, "%s", err.msg);
			return -1;
		}
		central_err cerr = {{0}};
		if (n > 0 && central_push(c, st.site_id, site_name, v, n, &cerr) != 0) {
			snprintf(why, nwhy, "%s", cerr.msg);
			store_sync_items_free(v, n);
			return -1;
		}
		/* All of the batch is central now; when it was the last, so is everything up to
		 * the counter (the revs between belonged to rows changed again since). */
		int64_t done = n == batch ? v[n - 1].rev : upto;
		store_sync_items_free(v, n);
		*sent += n;
		if (done > after && store_sync_confirm(s, done, &err) != 0) {
			snprintf(why, nwhy, "%s", err.msg);
			return -1;
		}
		after = done;
		if (n < batch)
			return 0;
	}
}

/* Pulls a newer catalogue, checks it against the content folder and only then uses it.
 * Returns 0 when there was nothing new or it is in use, 1 when it was refused (said on
 * stderr, the old one stays), -1 with why set when it could not be fetched or kept. */
static int pull_catalogue(app *a, store *s, central *c, char *why, size_t nwhy)
{
	store_sync_state st;
	store_err err = {0};
	central_err cerr = {{0}};
	if (store_sync_state_get(s, &st, &err) != 0) {
		snprintf(why, nwhy, "%s", err.msg);
		return -1;
	}
	int64_t version = 0, published = 0;
	char *body = NULL;
	int rc = central_catalogue_latest(c, st.catalogue_version, &version, &published, &body, &cerr);
	if (rc != 0) {
		if (rc < 0)
			snprintf(why, nwhy, "%s", cerr.msg);
		return rc < 0 ? -1 : 0;
	}
	char *cat = app_catalogue_path(a);
	char *candidate = xasprintf("%s-catalogue-new.json", a->db_path);
	int ret = -1;
	if (write_file_atomic(candidate, body, strlen(body)) != 0) {
		snprintf(why, nwhy, _("de nieuwe catalogus kan niet worden bewaard [%s: %s]"), candidate,
			 strerror(errno));
		goto out;
	}
	diags d = {0};
	content *check = NULL;
	if (content_load_catalogue(a->content_dir, candidate, &check, &d) != 0) {
		fprintf(stderr, _("infokaart: de centrale catalogus (versie %lld) is geweigerd: hij past "
				  "niet bij de inhoud in %s. De huidige catalogus blijft in gebruik. De fouten "
				  "(het bestand blijft ter controle in %s):\n"),
			(long long)version, a->content_dir, candidate);
		diags_print(&d, stderr);
		diags_free(&d);
		ret = 1;
		goto out;
	}
	int nact = check->nactivities;
	content_free(check);
	diags_free(&d);
	if (write_file_atomic(cat, body, strlen(body)) != 0) {
		snprintf(why, nwhy, _("de nieuwe catalogus kan niet worden bewaard [%s: %s]"), cat,
			 strerror(errno));
		goto out;
	}
	unlink(candidate);
	if (store_sync_catalogue(s, version, published, &err) != 0) {
		snprintf(why, nwhy, "%s", err.msg);
		goto out;
	}
	printf(ngettext("Catalogus: centrale versie %lld in gebruik (%d activiteit).\n",
			"Catalogus: centrale versie %lld in gebruik (%d activiteiten).\n",
			(unsigned long)nact),
	       (long long)version, nact);
	ret = 0;
out:
	free(body);
	free(cat);
	free(candidate);
	return ret;
}

/* Opens (creating: a new kiosk's first sync fetches the catalogue) and applies retention
 * first, so text past its period is never sent. */
static int open_records(app *a, const cli_opts *o, store **s)
{
	store_err err = {0};
	if (store_open(a->db_path, s, &err) != 0 || store_purge(*s, a->now, o->days, NULL, &err) != 0) {
		store_close(*s);
		*s = NULL;
		return cli_db_error(&err);
	}
	return EXIT_OK;
}

int cli_sync(app *a, const cli_opts *o)
{
	store *s = NULL;
	int rc = open_records(a, o, &s);
	if (rc != EXIT_OK)
		return rc;
	if (o->status) {
		rc = print_status(a, s);
		store_close(s);
		return rc;
	}
	const char *url = central_url(a, o);
	if (!url) {
		store_close(s);
		return EXIT_USAGE;
	}
	const char *site_name = o->site_name ? o->site_name : a->cfg.site_name;
	char why[600] = "", shown[256];
	int64_t sent = 0;
	central *c = NULL;
	central_err cerr = {{0}};
	int pulled = 0;
	bool ok = central_connect(url, &c, &cerr) == 0;
	if (!ok)
		snprintf(why, sizeof why, "%s", cerr.msg);
	ok = ok && push(s, c, site_name, &sent, why, sizeof why) == 0;
	if (ok && (pulled = pull_catalogue(a, s, c, why, sizeof why)) < 0)
		ok = false;
	central_close(c);
	store_err err = {0};
	int fin = store_sync_finish(s, a->now, ok, sent, why, &err);
	if (fin == 0 && pulled > 0) { /* the records went; the status line still says what did not */
		snprintf(why, sizeof why, "%s", _("de nieuwe centrale catalogus is geweigerd (zie de "
						  "uitvoer van infokaart sync)"));
		fin = store_sync_finish(s, a->now, false, sent, why, &err);
	}
	if (fin != 0)
		fprintf(stderr, "infokaart: %s\n", err.msg);
	store_close(s);
	central_redact(url, shown, sizeof shown);
	if (!ok) {
		/* One line: it ends up in a cron mail or the journal. */
		fprintf(stderr, ngettext("infokaart: synchroniseren is mislukt (%lld wijziging is wel "
					 "verstuurd; de rest gaat de volgende keer mee, er gaat niets "
					 "verloren): %s\n",
					 "infokaart: synchroniseren is mislukt (%lld wijzigingen zijn wel "
					 "verstuurd; de rest gaat de volgende keer mee, er gaat niets "
					 "verloren): %s\n",
					 (unsigned long)sent),
			(long long)sent, why);
		return EXIT_NONE;
	}
	printf(ngettext("Gesynchroniseerd: %lld wijziging verstuurd naar %s.\n",
			"Gesynchroniseerd: %lld wijzigingen verstuurd naar %s.\n", (unsigned long)sent),
	       (long long)sent, shown);
	return pulled ? EXIT_NONE : EXIT_OK;
}

int cli_sync_catalogue(app *a, const cli_opts *o)
{
	if (strcmp(o->arg[0], "publish") != 0)
		return cli_usage(_("catalogue kent alleen 'publish', niet '%s'."), o->arg[0]);
	const char *url = central_url(a, o);
	if (!url)
		return EXIT_USAGE;
	diags d = {0};
	content *check = NULL;
	/* The coordinator's own folder, checked whole: what every site will check again. */
	if (content_load(a->content_dir, &check, &d) != 0) {
		fprintf(stderr, _("infokaart: de inhoud in %s bevat fouten; er is niets gepubliceerd.\n"),
			a->content_dir);
		diags_print(&d, stderr);
		diags_free(&d);
		return EXIT_NONE;
	}
	int nact = check->nactivities;
	content_free(check);
	diags_free(&d);
	char *path = xasprintf("%s/activities.json", a->content_dir);
	char *body = read_file(path, NULL);
	int rc = EXIT_NONE;
	central *c = NULL;
	central_err cerr = {{0}};
	int64_t version = 0;
	bool is_new = false;
	char shown[256];
	central_redact(url, shown, sizeof shown);
	if (!body) {
		fprintf(stderr, "infokaart: %s: %s\n", path, strerror(errno));
	} else if (central_connect(url, &c, &cerr) != 0 ||
		   central_catalogue_publish(c, body, a->cfg.site_name, &version, &is_new, &cerr) != 0) {
		fprintf(stderr, _("infokaart: publiceren bij %s is mislukt: %s\n"), shown, cerr.msg);
	} else {
		if (is_new)
			printf(ngettext("Catalogus gepubliceerd als versie %lld (%d activiteit); de sites "
					"nemen hem over bij hun volgende synchronisatie.\n",
					"Catalogus gepubliceerd als versie %lld (%d activiteiten); de sites "
					"nemen hem over bij hun volgende synchronisatie.\n",
					(unsigned long)nact),
			       (long long)version, nact);
		else
			printf(_("Deze catalogus is al gepubliceerd als versie %lld; er is niets "
				 "veranderd.\n"),
			       (long long)version);
		rc = EXIT_OK;
	}
	central_close(c);
	free(body);
	free(path);
	return rc;
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
