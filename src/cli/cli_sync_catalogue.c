/* cli_sync_catalogue.c: the network's catalogue: `catalogue publish` (the coordinator puts the
 * content folder's activities.json centrally, after every check `infokaart check` makes, with
 * the names the central overviews show: cli_sync_labels.c) and
 * the pull during `sync` (a newer version is fetched, checked against this machine's content
 * and training cases, and only then used). A version a site refused, or one larger than a
 * site takes, is never fetched again. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "central.h"
#include "cli.h"
#include "cli_common.h"
#include "cli_sync.h"
#include "load.h"
#include "i18n.h"
#include "store_sync.h"
#include "training.h"

/* The candidate at path checked as this machine would use it: against the content folder,
 * and with the folder's training cases (which name activities). 0, or -1 with d filled. */
static int check_candidate(app *a, const char *path, int *nact, diags *d)
{
	content *check = NULL;
	if (content_load_catalogue(a->content_dir, path, &check, d) != 0)
		return -1;
	*nact = check->nactivities;
	char *tdir = xasprintf("%s/training", a->content_dir);
	struct stat sb;
	ik_cases *cs = NULL;
	int before = d->n;
	if (stat(tdir, &sb) == 0 && S_ISDIR(sb.st_mode))
		content_load_cases(check, tdir, &cs, d);
	content_cases_free(cs);
	content_free(check);
	free(tdir);
	return d->n > before ? -1 : 0;
}

/* Notes version as refused here, so it is not fetched again. */
static void refused(store *s, int64_t version)
{
	store_err err = {0};
	if (store_sync_catalogue_refused(s, version, &err) != 0)
		fprintf(stderr, "infokaart: %s\n", err.msg);
}

/* Writes the fetched body beside the database, checks it, and switches to it. 0, 1 when
 * refused (said on stderr), -1 with why set. */
static int take(app *a, store *s, const char *body, int64_t version, int64_t published,
		char *why, size_t nwhy)
{
	char *cat = app_catalogue_path(a);
	char *candidate = xasprintf("%s-catalogue-new.json", a->db_path);
	diags d = {0};
	store_err err = {0};
	int ret = -1, nact = 0;
	if (write_file_atomic(candidate, body, strlen(body)) != 0) {
		snprintf(why, nwhy, _("de nieuwe catalogus kan niet worden bewaard [%s: %s]"), candidate,
			 strerror(errno));
	} else if (check_candidate(a, candidate, &nact, &d) != 0) {
		fprintf(stderr, _("infokaart: de centrale catalogus (versie %lld) is geweigerd: hij past "
				  "niet bij de inhoud in %s. De huidige catalogus blijft in gebruik. De fouten "
				  "(het bestand blijft ter controle in %s):\n"),
			(long long)version, a->content_dir, candidate);
		diags_print(&d, stderr);
		refused(s, version);
		ret = 1;
	} else if (write_file_atomic(cat, body, strlen(body)) != 0) {
		snprintf(why, nwhy, _("de nieuwe catalogus kan niet worden bewaard [%s: %s]"), cat,
			 strerror(errno));
	} else if (unlink(candidate), store_sync_catalogue(s, version, published, &err) != 0) {
		snprintf(why, nwhy, "%s", err.msg);
	} else {
		printf(ngettext("Catalogus: centrale versie %lld in gebruik (%d activiteit).\n",
				"Catalogus: centrale versie %lld in gebruik (%d activiteiten).\n",
				(unsigned long)nact),
		       (long long)version, nact);
		ret = 0;
	}
	diags_free(&d);
	free(cat);
	free(candidate);
	return ret;
}

int cli_sync_pull_catalogue(app *a, store *s, central *c, char *why, size_t nwhy)
{
	store_sync_state st;
	store_err err = {0};
	central_err cerr = {{0}};
	if (store_sync_state_get(s, &st, &err) != 0) {
		snprintf(why, nwhy, "%s", err.msg);
		return -1;
	}
	int64_t version = 0, published = 0, bytes = 0;
	int64_t after = st.catalogue_version > st.catalogue_refused ? st.catalogue_version
								      : st.catalogue_refused;
	char *body = NULL;
	int rc = central_catalogue_latest(c, after, CENTRAL_MAX_CATALOGUE, &version, &published,
					  &bytes, &body, &cerr);
	if (rc != 0) {
		if (rc < 0)
			snprintf(why, nwhy, "%s", cerr.msg);
		return rc < 0 ? -1 : 0;
	}
	if (!body) {
		fprintf(stderr, _("infokaart: de centrale catalogus (versie %lld) is geweigerd: hij is "
				  "%lld bytes, meer dan de %d die een site aanneemt. Hij is niet opgehaald; "
				  "de huidige catalogus blijft in gebruik.\n"),
			(long long)version, (long long)bytes, CENTRAL_MAX_CATALOGUE);
		refused(s, version);
		return 1;
	}
	rc = take(a, s, body, version, published, why, nwhy);
	free(body);
	return rc;
}

/* The size of dir's activities.json in bytes, -1 when it has none. One bigger than a site
 * takes is refused without being read, or loaded for its names: that read every string of it
 * (at 100,000 activities a peak of 170 MB, for a refusal). */
static long long catalogue_size(const char *dir)
{
	char *path = xasprintf("%s/activities.json", dir);
	struct stat st;
	long long size = stat(path, &st) == 0 ? (long long)st.st_size : -1;
	free(path);
	return size;
}

int cli_sync_catalogue(app *a, const cli_opts *o)
{
	if (strcmp(o->arg[0], "publish") != 0)
		return cli_usage(_("catalogue kent alleen 'publish', niet '%s'."), o->arg[0]);
	const char *url = cli_sync_url(a, o);
	if (!url)
		return EXIT_USAGE;
	diags d = {0};
	content *check = NULL;
	/* The coordinator's own folder, checked whole (training cases too), as check does: what
	 * every site will check again. */
	cli_check_path(a, a->content_dir, &d);
	long long size = d.n == 0 ? catalogue_size(a->content_dir) : -1;
	bool big = size > CENTRAL_MAX_CATALOGUE;
	if (d.n == 0 && !big)
		content_load(a->content_dir, &check, &d);
	if (d.n) {
		fprintf(stderr, _("infokaart: de inhoud in %s bevat fouten; er is niets gepubliceerd.\n"),
			a->content_dir);
		diags_print(&d, stderr);
		diags_free(&d);
		content_free(check);
		return EXIT_NONE;
	}
	int nact = check ? check->nactivities : 0;
	char *said = NULL, *labels = check ? cli_sync_labels(a, check, &said) : NULL;
	content_free(check);
	diags_free(&d);
	char *path = xasprintf("%s/activities.json", a->content_dir);
	size_t len = 0;
	char *body = big ? NULL : read_file(path, &len);
	if (big)
		len = (size_t)size;
	int rc = EXIT_NONE;
	central *c = NULL;
	central_err cerr = {{0}};
	int64_t version = 0;
	bool is_new = false;
	char shown[256];
	central_redact(url, shown, sizeof shown);
	if (len > CENTRAL_MAX_CATALOGUE) {
		fprintf(stderr, _("infokaart: %s is %zu bytes, meer dan de %d die een site aanneemt; er "
				  "is niets gepubliceerd.\n"),
			path, len, CENTRAL_MAX_CATALOGUE);
	} else if (!body) {
		fprintf(stderr, "infokaart: %s: %s\n", path, strerror(errno));
	} else if (central_connect(url, &c, &cerr) != 0 ||
		   central_catalogue_publish(c, body, labels, &version, &is_new, &cerr) != 0) {
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
			printf(_("Deze catalogus is al gepubliceerd als versie %lld; er is geen nieuwe "
				 "versie gemaakt.\n"),
			       (long long)version);
		printf("%s", said);
		rc = EXIT_OK;
	}
	central_close(c);
	free(said);
	free(labels);
	free(body);
	free(path);
	return rc;
}
