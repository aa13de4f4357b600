/* app.c: what front ends share when they start: the content (with a catalogue pulled from the
 * central store, when there is one), a flow with the configured defaults, drafts. */
#include "app.h"
#include "load.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "content_answers.h"
#include "i18n.h"
#include "search.h"
#include "store.h"

char *app_catalogue_path(const app *a)
{
	return xasprintf("%s-catalogue.json", a->db_path);
}

/* Catalogues from this size up are kept as an image beside the database between runs (see
 * content_source): below it, reading the JSON takes a few milliseconds anyway. */
enum { CACHE_MIN_BYTES = 1 << 20 };

int app_load_content(app *a, diags *d)
{
	char *cat = app_catalogue_path(a), *cache = xasprintf("%s-catalogue.cache", a->db_path);
	content_source src = {.cache = cache, .cache_min = CACHE_MIN_BYTES};
	int rc = -1;
	if (access(cat, F_OK) == 0) {
		diags cd = {0};
		src.activities = cat;
		rc = content_load_from(a->content_dir, &src, &a->c, &cd);
		if (rc != 0) { /* validated when it was pulled; a newer content folder can disagree */
			fprintf(stderr, _("infokaart: de centrale catalogus %s past niet bij de inhoud in %s; "
					  "de meegeleverde catalogus wordt gebruikt.\n"), cat, a->content_dir);
			diags_print(&cd, stderr);
		}
		diags_free(&cd);
	}
	src.activities = NULL;
	if (rc != 0)
		rc = content_load_from(a->content_dir, &src, &a->c, d);
	free(cat);
	free(cache);
	return rc;
}

void app_search_prepare(const app *a)
{
	search_prepare(a->c, content_release_strings);
}

int app_load_cases(const app *a, ik_cases **out)
{
	diags d = {0};
	char *dir = xasprintf("%s/training", a->content_dir);
	int r = content_load_cases(a->c, dir, out, &d);
	free(dir);
	diags_print(&d, stderr);
	diags_free(&d);
	if (r != 0)
		fprintf(stderr, "%s\n", _("infokaart: de oefencasussen bevatten fouten; de oefenmodus start niet."));
	return r;
}

flow *app_flow_new(const app *a)
{
	flow *f = flow_new(a->c, a->today);
	const struct {
		ik_facet facet;
		const char *id, *key;
	} presets[] = {{FACET_ROLE, a->cfg.default_role, "default_role"}, {FACET_WIJK, a->cfg.default_wijk, "default_wijk"}};
	for (size_t i = 0; i < ARRAY_LEN(presets); i++) {
		if (presets[i].id[0] && flow_preset(f, presets[i].facet, presets[i].id) != 0) {
			fprintf(stderr, _("infokaart: instelling %s: '%s' is geen antwoord op de vraag in de inhoud.\n"),
				presets[i].key, presets[i].id);
			flow_free(f);
			return NULL;
		}
	}
	return f;
}

static bool keeps_drafts(const app *a)
{
	/* a kiosk wipes instead (the next person must not see the last one); training keeps
	 * nothing */
	return a->cfg.mode == MODE_STANDARD || a->cfg.mode == MODE_OPERATOR;
}

/* app_purge_on_start, and with draft_at the draft's time looked up in the same opening (0:
 * none). */
static void purge_and_find_draft(const app *a, int64_t *draft_at)
{
	if (draft_at)
		*draft_at = 0;
	if (a->cfg.mode == MODE_TRAINING || access(a->db_path, F_OK) != 0)
		return; /* training never touches the records; no database yet: nothing to purge */
	store *s = NULL;
	store_err err = {0};
	int removed = 0;
	bool opened = store_open(a->db_path, &s, &err) == 0;
	if (!opened || store_purge(s, a->now, a->cfg.retention_days, &removed, &err) != 0)
		fprintf(stderr, _("infokaart: let op: oude notities konden niet worden gewist: %s\n"), err.msg);
	int64_t at;
	if (opened && draft_at && store_draft_exists(s, &at))
		*draft_at = at;
	store_close(s);
}

void app_purge_on_start(const app *a)
{
	purge_and_find_draft(a, NULL);
}

void app_start_records(app *a)
{
	purge_and_find_draft(a, keeps_drafts(a) ? &a->draft_at : NULL);
}

void app_save_draft(const app *a, const flow *f)
{
	step_kind k = flow_current(f).kind;
	if (!keeps_drafts(a) || !flow_dirty(f) || k == STEP_DONE || k == STEP_END_INFO)
		return;
	char *text = flow_draft_text(f);
	store *s = NULL;
	store_err err = {0};
	if (store_open(a->db_path, &s, &err) != 0 || store_draft_save(s, text, a->now, &err) != 0)
		fprintf(stderr, _("infokaart: de onafgemaakte ronde kon niet worden bewaard: %s\n"), err.msg);
	store_close(s);
	explicit_bzero(text, strlen(text));
	free(text);
}

int app_draft_take(const app *a, flow *f)
{
	store *s = NULL;
	store_err err = {0};
	char *text = NULL;
	int64_t at;
	int rc = store_open(a->db_path, &s, &err) == 0 ? store_draft_take(s, &text, &at, &err) : -1;
	store_close(s);
	if (rc != 0 || !f) {
		if (text)
			explicit_bzero(text, strlen(text));
		free(text);
		return rc == 0 ? 0 : -1;
	}
	content_draft x;
	diags d = {0};
	rc = content_read_draft(a->c, text, f->ans, &x, &d);
	diags_free(&d);
	explicit_bzero(text, strlen(text));
	free(text);
	if (rc != 0) {
		answers_clear(f->ans); /* a draft the content no longer fits: start afresh */
		free(x.note);
		return -1;
	}
	content_draft_resume(f, &x);
	if (x.note) {
		explicit_bzero(x.note, strlen(x.note));
		free(x.note);
	}
	return 0;
}
