/* cli_sync.c: `infokaart sync` and `sync --status`: this machine's records to the network's
 * central PostgreSQL, the coordinator's erasures and the network's catalogue back. Run on its
 * own (cron, a systemd timer), never by the screens: a kiosk does not wait on a network.
 * Changes go in batches, each one central transaction, and a batch counts as sent only after
 * the central store committed it, so a sync cut off anywhere resumes without loss or double.
 * A change the central store refuses is noted and skipped; it never holds up the rest. The
 * coordinator's commands are in cli_central.c. */
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
#include "training.h"

enum { BATCH_DEFAULT = 500, BATCH_MAX = 100000 };

/* One sync, as it goes. */
typedef struct {
	app *a;
	store *s;
	central *c;
	char generation[STORE_UUID_LEN + 1]; /* this sync's (store_sync_begin) */
	int64_t sent;                        /* changes the central store committed */
	int64_t refused;                     /* of those, refused (noted, not stored) */
	char why[600];                       /* why the sync failed; "" while it did not */
} sync_run;

/* INFOKAART_SYNC_BATCH: changes per central transaction (tests make it small). */
static int batch_size(void)
{
	const char *v = getenv("INFOKAART_SYNC_BATCH");
	int n = v ? atoi(v) : 0;
	return n >= 1 && n <= BATCH_MAX ? n : BATCH_DEFAULT;
}

const char *cli_sync_url(const app *a, const cli_opts *o)
{
	if (o->url && *o->url)
		return o->url;
	if (a->cfg.sync_url[0])
		return a->cfg.sync_url;
	cli_usage("%s", _("waar naartoe? Geef --to postgresql://… of zet sync_url in de "
				  "instellingen."));
	return NULL;
}

void cli_sync_when(int64_t t, char buf[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm) || !strftime(buf, 32, "%Y-%m-%d %H:%M", &tm))
		snprintf(buf, 32, "?");
}

/* The newest refusal as "CODE: why", why in the language of the run (the records keep the
 * central store's Dutch phrase). */
static void last_refusal(const store_sync_state *st, char out[300])
{
	char why[256];
	central_refusal_say(st->last_refusal, why, sizeof why);
	snprintf(out, 300, "%s: %s", st->last_refusal_code, why);
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
		cli_sync_when(st.last_ok_at, t);
		sb_printf(&b, ngettext("Laatste synchronisatie: %s (%lld wijziging verstuurd)\n",
				       "Laatste synchronisatie: %s (%lld wijzigingen verstuurd)\n",
				       (unsigned long)st.last_sent),
			  t, (long long)st.last_sent);
	} else {
		sb_append(&b, _("Laatste synchronisatie: nog nooit\n"));
	}
	if (st.last_error[0]) {
		cli_sync_when(st.last_try_at, t);
		sb_printf(&b, _("Laatste poging mislukt op %s: %s\n"), t, st.last_error);
	}
	long long waiting = (long long)st.pending;
	sb_printf(&b, ngettext("Nog niet verstuurd: %lld wijziging\n",
			       "Nog niet verstuurd: %lld wijzigingen\n", (unsigned long)waiting),
		  waiting);
	if (st.refused) {
		char last[300];
		last_refusal(&st, last);
		sb_printf(&b, ngettext("Geweigerd door de centrale database: %lld wijziging (de "
				       "laatste: %s)\n",
				       "Geweigerd door de centrale database: %lld wijzigingen (de "
				       "laatste: %s)\n",
				       (unsigned long)st.refused),
			  (long long)st.refused, last);
	}
	if (st.catalogue_version) {
		cli_sync_when(st.catalogue_published_at, t);
		sb_printf(&b, _("Catalogus: centrale versie %lld, gepubliceerd %s\n"),
			  (long long)st.catalogue_version, t);
	} else {
		sb_printf(&b, _("Catalogus: meegeleverd (%s)\n"), a->content_dir);
	}
	if (st.catalogue_refused > st.catalogue_version)
		sb_printf(&b, _("Catalogus: centrale versie %lld is hier geweigerd\n"),
			  (long long)st.catalogue_refused);
	return cli_emit(&b, FMT_TEXT, EXIT_OK);
}

/* The refusals of a batch (report rep over items v) in the store's form, appended to *f. */
static void take_refusals(const store_sync_item *v, const central_refusal *rv, int n,
			  store_sync_refusal **f, int *nf)
{
	*f = xrealloc(*f, (size_t)(*nf + n + 1) * sizeof **f);
	for (int i = 0; i < n; i++) {
		store_sync_refusal *x = &(*f)[(*nf)++];
		const store_sync_item *it = &v[rv[i].item];
		x->kind = it->kind;
		x->rev = it->rev;
		snprintf(x->uuid, sizeof x->uuid, "%s", it->uuid);
		snprintf(x->why, sizeof x->why, "%s", rv[i].why);
	}
}

/* Pushes v[0..n) as one central transaction. A change whose value the server can never store
 * is noted as refused and the batch goes again without it, so one bad row never blocks the
 * rest. Fills *f (malloc'd, *nf) with every refusal. 0, or -1 with r->why set. */
static int push_batch(sync_run *r, const store_sync_item *v, int n, store_sync_refusal **f,
		      int *nf)
{
	store_sync_item *rest = xcalloc((size_t)n + 1, sizeof *rest);
	memcpy(rest, v, (size_t)n * sizeof *v); /* shallow: v keeps the notes */
	int m = n, ret = -1;
	for (;;) {
		central_push_report rep;
		central_err cerr = {{0}};
		if (central_push(r->c, rest, m, r->generation, &rep, &cerr) == 0) {
			take_refusals(rest, rep.v, rep.n, f, nf);
			central_push_report_free(&rep);
			ret = 0;
			break;
		}
		if (rep.bad_item < 0) {
			snprintf(r->why, sizeof r->why, "%s", cerr.msg);
			break;
		}
		central_refusal bad = {.item = rep.bad_item};
		snprintf(bad.why, sizeof bad.why, "%s", rep.bad_why);
		take_refusals(rest, &bad, 1, f, nf);
		memmove(rest + bad.item, rest + bad.item + 1,
			(size_t)(m - bad.item - 1) * sizeof *rest);
		m--;
	}
	free(rest);
	return ret;
}

/* Sends every change the central store does not have yet. Returns 0, or -1 with r->why set;
 * r->sent counts what the central store committed, also when a later batch failed. */
static int push(sync_run *r)
{
	store_sync_state st;
	store_err err = {0};
	if (store_sync_state_get(r->s, &st, &err) != 0) {
		snprintf(r->why, sizeof r->why, "%s", err.msg);
		return -1;
	}
	int batch = batch_size();
	int64_t after = st.pushed_rev;
	for (;;) {
		store_sync_item *v = NULL;
		store_sync_refusal *f = NULL;
		int n = 0, nf = 0;
		int64_t upto = after;
		if (store_sync_changes(r->s, after, batch, &v, &n, &upto, &err) != 0) {
			snprintf(r->why, sizeof r->why, "%s", err.msg);
			return -1;
		}
		if (n > 0 && push_batch(r, v, n, &f, &nf) != 0) {
			store_sync_items_free(v, n);
			free(f);
			return -1;
		}
		/* All of the batch is central now; when it was the last, so is everything up to
		 * the counter (the revs between belonged to rows changed again since). */
		int64_t done = n == batch ? v[n - 1].rev : upto;
		store_sync_items_free(v, n);
		r->sent += n;
		r->refused += nf;
		int rc = done > after || nf ? store_sync_confirm(r->s, done, f, nf, &err) : 0;
		free(f);
		if (rc != 0) {
			snprintf(r->why, sizeof r->why, "%s", err.msg);
			return -1;
		}
		after = done;
		if (n < batch)
			return 0;
	}
}

/* Who this site is centrally, and whether this database is the copy that pushed last. 0, or
 * -1 with r->why set. */
static int begin(sync_run *r, const char *site_name, const char *shown)
{
	central_site cs;
	central_err cerr = {{0}};
	store_sync_start start;
	store_err err = {0};
	if (central_site_hello(r->c, site_name, &cs, &cerr) != 0) {
		snprintf(r->why, sizeof r->why, "%s", cerr.msg);
		return -1;
	}
	int rc = store_sync_begin(r->s, cs.site_id, cs.generation, cs.max_rev, &start, &err);
	if (rc < 0) {
		snprintf(r->why, sizeof r->why, "%s", err.msg);
		return -1;
	}
	if (rc > 0) {
		store_sync_state st;
		store_sync_state_get(r->s, &st, &err);
		snprintf(r->why, sizeof r->why,
			 _("deze database hoort bij site %s, maar de gebruiker in %s is site %s; "
			   "gebruik de gegevens van de eigen site, of een nieuwe database"),
			 st.site_id, shown, cs.site_id);
		return -1;
	}
	if (start.restored)
		printf(ngettext("Deze database is teruggezet of gekopieerd: een andere kopie heeft "
				"sindsdien gesynchroniseerd. %lld wijziging krijgt een nieuw volgnummer, "
				"zodat de centrale database hem overneemt.\n",
				"Deze database is teruggezet of gekopieerd: een andere kopie heeft "
				"sindsdien gesynchroniseerd. %lld wijzigingen krijgen een nieuw "
				"volgnummer, zodat de centrale database ze overneemt.\n",
				(unsigned long)start.moved),
		       (long long)start.moved);
	snprintf(r->generation, sizeof r->generation, "%s", start.generation);
	return 0;
}

/* The erasures of this site's referrals (the coordinator's, and its own that a restored copy
 * no longer knows): they go here too. 0, or -1 with r->why set. */
static int take_erasures(sync_run *r)
{
	store_sync_state st;
	store_err err = {0};
	central_err cerr = {{0}};
	char(*uuids)[STORE_UUID_LEN + 1] = NULL;
	int n = 0, gone = 0;
	int64_t last = 0;
	int ret = -1;
	if (store_sync_state_get(r->s, &st, &err) != 0)
		snprintf(r->why, sizeof r->why, "%s", err.msg);
	else if (central_site_erasures(r->c, st.erasure_seq, &uuids, &n, &last, &cerr) != 0)
		snprintf(r->why, sizeof r->why, "%s", cerr.msg);
	else if (n > 0 && store_sync_erased(r->s, (const char(*)[STORE_UUID_LEN + 1])uuids, n,
					    last, &gone, &err) != 0)
		snprintf(r->why, sizeof r->why, "%s", err.msg);
	else
		ret = 0;
	/* Said only when the erasures went through: gone counts what a committed erasure
	 * removed. (Without ret == 0, GCC under UBSan's nonnull check of printf's format saw a
	 * path on which the format was NULL: -Wformat-overflow.) */
	if (ret == 0 && gone > 0)
		printf(ngettext("Gewist, omdat het centraal gewist is: %d verwijzing.\n",
				"Gewist, omdat het centraal gewist is: %d verwijzingen.\n",
				(unsigned long)gone),
		       gone);
	free(uuids);
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

/* The outcome: status noted, one line on stdout or stderr, the exit code. */
static int report(sync_run *r, bool ok, int pulled, const char *url)
{
	char shown[256];
	store_err err = {0};
	int fin = store_sync_finish(r->s, r->a->now, ok, r->sent, r->why, &err);
	if (fin == 0 && pulled > 0) { /* the records went; the status line still says what did not */
		snprintf(r->why, sizeof r->why, "%s", _("de nieuwe centrale catalogus is geweigerd (zie "
							"de uitvoer van infokaart sync)"));
		fin = store_sync_finish(r->s, r->a->now, false, r->sent, r->why, &err);
	}
	if (fin != 0)
		fprintf(stderr, "infokaart: %s\n", err.msg);
	central_redact(url, shown, sizeof shown);
	if (!ok) {
		/* One line: it ends up in a cron mail or the journal. */
		fprintf(stderr, ngettext("infokaart: synchroniseren is mislukt (%lld wijziging is wel "
					 "verstuurd; de rest gaat de volgende keer mee, er gaat niets "
					 "verloren): %s\n",
					 "infokaart: synchroniseren is mislukt (%lld wijzigingen zijn wel "
					 "verstuurd; de rest gaat de volgende keer mee, er gaat niets "
					 "verloren): %s\n",
					 (unsigned long)r->sent),
			(long long)r->sent, r->why);
		return EXIT_NONE;
	}
	printf(ngettext("Gesynchroniseerd: %lld wijziging verstuurd naar %s.\n",
			"Gesynchroniseerd: %lld wijzigingen verstuurd naar %s.\n",
			(unsigned long)r->sent),
	       (long long)r->sent, shown);
	if (r->refused > 0) {
		store_sync_state st;
		char last[300] = "";
		if (store_sync_state_get(r->s, &st, &err) == 0)
			last_refusal(&st, last);
		fprintf(stderr, ngettext("infokaart: de centrale database heeft %lld wijziging "
					 "geweigerd (de laatste: %s); de rest is verstuurd. Zie "
					 "infokaart sync --status.\n",
					 "infokaart: de centrale database heeft %lld wijzigingen "
					 "geweigerd (de laatste: %s); de rest is verstuurd. Zie "
					 "infokaart sync --status.\n",
					 (unsigned long)r->refused),
			(long long)r->refused, last);
	}
	return pulled || r->refused ? EXIT_NONE : EXIT_OK;
}

int cli_sync(app *a, const cli_opts *o)
{
	sync_run r = {.a = a};
	int rc = open_records(a, o, &r.s);
	if (rc != EXIT_OK)
		return rc;
	if (o->status) {
		rc = print_status(a, r.s);
		store_close(r.s);
		return rc;
	}
	const char *url = cli_sync_url(a, o);
	if (!url) {
		store_close(r.s);
		return EXIT_USAGE;
	}
	/* No name given: the central store keeps the one it has. */
	const char *site_name = o->site_name ? o->site_name : a->cfg.site_name;
	char shown[256];
	central_redact(url, shown, sizeof shown);
	central_err cerr = {{0}};
	int pulled = 0;
	bool ok = central_connect(url, &r.c, &cerr) == 0;
	if (!ok)
		snprintf(r.why, sizeof r.why, "%s", cerr.msg);
	ok = ok && begin(&r, site_name, shown) == 0 && push(&r) == 0 && take_erasures(&r) == 0;
	if (ok && (pulled = cli_sync_pull_catalogue(a, r.s, r.c, r.why, sizeof r.why)) < 0)
		ok = false;
	central_close(r.c);
	rc = report(&r, ok, pulled, url);
	store_close(r.s);
	return rc;
}
