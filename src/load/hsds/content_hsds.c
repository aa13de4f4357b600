/* content_hsds.c: reads an Open Referral HSDS 3.x publication into catalogue entries (see
 * hsds_import.h), in the forms publishers use: one JSON object (a service, a service at a
 * location, an organization with its services, a page of a list), a top-level list of them,
 * NDJSON (one per line), the pages of a paginated API response in a folder, and the tabular
 * package (CSV tables, content_hsds_tabular.c). Files are read and checked by the ld_* toolkit,
 * a piece at a time where they can be (content_hsds_file.c), so every note carries
 * file:line:col. One service is read in content_hsds_service.c. Nothing is dropped without a
 * note. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content_hsds_internal.h"
#include "i18n.h"
#include "text.h"

/* --- the shapes a publication comes in --- */

static bool has(const cJSON *v, const char *key)
{
	return hsds_get(v, key) != NULL;
}

static int int_of(const cJSON *v, const char *key)
{
	const cJSON *x = hsds_get(v, key);
	return cJSON_IsNumber(x) && x->valuedouble >= 0 && x->valuedouble < 1e9 ? (int)x->valuedouble : -1;
}

char hsds_list_kind(const cJSON *e)
{
	return has(e, "service") || has(e, "location") ? 'a' : has(e, "services") || has(e, "website") ? 'o' : 's';
}

/* A page of a paginated list (page_number, total_pages, last_page…): kept for the check that
 * every page was read (pages_check). */
void hsds_page_seen(hsds_imp *m, const cJSON *v, char kind, int count, int at)
{
	if (!has(v, "page_number") && !has(v, "total_pages") && !has(v, "last_page"))
		return;
	int number = int_of(v, "page_number");
	m->pages = xrealloc(m->pages, (size_t)(m->npages + 1) * sizeof *m->pages);
	memmove(&m->pages[at + 1], &m->pages[at], (size_t)(m->npages - at) * sizeof *m->pages);
	m->pages[at] = (hsds_page){arena_strdup(m->keep, m->L->file), number >= 0 ? number : 1, int_of(v, "total_pages"),
				   int_of(v, "total_items"), count, cJSON_IsFalse(hsds_get(v, "last_page")), kind};
	m->npages++;
}

/* What an object that holds no service is, for its note; NULL when it may be a service. */
static const char *not_a_service(const cJSON *v)
{
	if (has(v, "services.csv") || has(v, "organizations.csv"))
		return _("tabel-HSDS als JSON (tabular.json) wordt niet gelezen: gebruik de CSV-bestanden met "
			 "datapackage.json, of HSDS als geneste JSON");
	if (has(v, "openapi_url") || (has(v, "version") && has(v, "profile")))
		return _("HSDS-metagegevens (version, profile): geen diensten");
	if (has(v, "location_type"))
		return _("een locatie, geen dienst: overgeslagen");
	if (has(v, "taxonomy") || has(v, "term_uri") || has(v, "taxonomy_detail") || (has(v, "uri") && has(v, "version")))
		return _("een taxonomie of taxonomieterm, geen dienst: overgeslagen");
	if (has(v, "website") || has(v, "tax_status") || has(v, "legal_status") || has(v, "year_incorporated") ||
	    has(v, "organization_identifiers") || has(v, "parent_organization_id") || has(v, "logo"))
		return _("een organisatie zonder diensten: overgeslagen");
	if (cJSON_IsArray(hsds_get(v, "locations")) && !has(v, "description"))
		return _("een organisatie met locaties (Ohana API of HSDS 1.x), geen HSDS 3: overgeslagen");
	if (has(v, "version") && has(v, "activities"))
		return _("een infokaart-catalogus, geen HSDS: overgeslagen");
	static const char *const service_keys[] = {"id", "status", "description", "url", "email", "phones",
		"schedules", "service_areas", "languages", "cost_options", "attributes", "organization",
		"service_at_locations", "application_process", NULL};
	for (int i = 0; service_keys[i]; i++)
		if (has(v, service_keys[i]))
			return NULL;
	return has(v, "name") ? _("geen HSDS-dienst (alleen een naam, geen id, status of beschrijving): overgeslagen")
			      : _("geen HSDS-dienst (geen naam): overgeslagen");
}

int hsds_item(hsds_imp *m, const cJSON *v, const cJSON *parent_org)
{
	int n = 0, i = 0;
	if (cJSON_IsArray(v)) { /* a top-level list of services (or of anything below) */
		for (const cJSON *e = v->child; e; e = e->next, i++) {
			ld_push_index(m->L, i);
			n += hsds_item(m, e, parent_org);
			ld_pop(m->L);
		}
		if (!v->child)
			hsds_file_note(m, "%s", _("een lege lijst: geen diensten"));
		return n;
	}
	if (!cJSON_IsObject(v)) {
		hsds_file_note(m, "%s", _("geen HSDS-object: overgeslagen"));
		return 0;
	}
	const cJSON *list = hsds_get(v, "contents");
	const char *key = cJSON_IsArray(list) ? "contents" : NULL;
	if (!key && cJSON_IsArray(list = hsds_get(v, "services")))
		key = "services";
	if (key) { /* a page of a list, or an organization with its services */
		const cJSON *org = strcmp(key, "services") == 0 ? v : parent_org;
		if (!org)
			hsds_page_seen(m, v, hsds_list_kind(list->child), cJSON_GetArraySize(list), m->npages);
		ld_push_key(m->L, key);
		for (const cJSON *e = list->child; e; e = e->next, i++) {
			ld_push_index(m->L, i);
			if (org) {
				hsds_service(m, e, org, NULL, NULL);
				n++;
			} else {
				n += hsds_item(m, e, NULL);
			}
			ld_pop(m->L);
		}
		ld_pop(m->L);
		if (!n && !list->child)
			hsds_file_note(m, "%s", _("een lege lijst: geen diensten"));
		return n;
	}
	if (cJSON_IsObject(hsds_get(v, "service"))) { /* a service_at_location with its service */
		hsds_service(m, hsds_get(v, "service"), parent_org, v, "service");
		return 1;
	}
	const char *why = not_a_service(v);
	if (!why) {
		hsds_service(m, v, parent_org, NULL, NULL);
		return 1;
	}
	hsds_file_note(m, "%s", why);
	return 0;
}

/* --- files --- */

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n > k && strcmp(s + n - k, tail) == 0;
}

static int name_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The JSON files of a folder (*.json, *.ndjson, *.jsonl; not datapackage.json), sorted;
 * NULL-terminated, malloc'd. *tabular: the folder holds services.csv. */
static char **json_files(const char *dir, bool *tabular, diags *report)
{
	DIR *d = opendir(dir);
	if (!d) {
		diags_add(report, dir, 0, 0, _("kan de map niet lezen: %s"), strerror(errno));
		return NULL;
	}
	hsds_vec v = {0};
	*tabular = false;
	for (struct dirent *e; (e = readdir(d));) {
		const char *n = e->d_name;
		*tabular |= strcmp(n, "services.csv") == 0;
		if (n[0] != '.' && strcmp(n, "datapackage.json") != 0 &&
		    (ends_with(n, ".json") || ends_with(n, ".ndjson") || ends_with(n, ".jsonl")))
			hsds_vec_push(&v, xasprintf("%s/%s", dir, n));
	}
	closedir(d);
	hsds_vec_push(&v, NULL);
	qsort(v.v, (size_t)v.n - 1, sizeof *v.v, name_cmp);
	return (char **)v.v;
}

static int import_dir(hsds_imp *m, const char *dir, diags *report)
{
	bool tabular;
	char **files = json_files(dir, &tabular, report);
	if (!files)
		return -1;
	int rc = tabular ? hsds_tabular(m, dir, report) : 0;
	hsds_settle(m);
	for (int i = 0; files[i]; i++) {
		rc |= hsds_file(m, files[i]);
		free(files[i]);
	}
	if (!files[0] && !tabular) {
		diags_add(report, dir, 0, 0, "%s", _("geen HSDS in deze map: geen *.json, *.ndjson of services.csv"));
		rc = -1;
	}
	free(files);
	return rc;
}

/* The folder of a file path ("." for a bare name); malloc'd. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xasprintf("%.*s", (int)(slash - path + (slash == path)), path) : xstrdup(".");
}

/* --- pages --- */

/* Says which pages of a paginated list are not there: the set is then incomplete. The pages
 * 1 to total_pages (or to the highest page read) must all be there, and the highest must not
 * say last_page: false. */
static void pages_check(hsds_imp *m, char kind, diags *report)
{
	int total = 0, items = -1, got = 0, top = 0;
	bool more = false; /* the highest page read says last_page: false */
	const char *file = NULL;
	for (int i = 0; i < m->npages; i++) {
		const hsds_page *p = &m->pages[i];
		if (p->kind != kind)
			continue;
		file = file ? file : p->file;
		total = p->total > total ? p->total : total;
		items = p->items > items ? p->items : items;
		got += p->contents;
		if (p->number > top)
			top = p->number, more = p->more;
		else if (p->number == top)
			more |= p->more;
	}
	if (top > total)
		total = top;
	more &= top >= total; /* a known last page still to read is counted as missing below */
	strbuf missing = {0};
	int nmissing = 0;
	for (int k = 1; k <= total && k <= 100000; k++) {
		bool seen = false;
		for (int i = 0; i < m->npages && !seen; i++)
			seen = m->pages[i].kind == kind && m->pages[i].number == k;
		if (!seen && nmissing++ < 20)
			sb_printf(&missing, "%s%d", missing.len ? ", " : "", k);
	}
	/* every item the list counts was read (some publishers' page numbers do not add up) */
	if (!file || (!nmissing && !more) || (items > 0 && got >= items))
		goto out;
	m->out->incomplete = true;
	m->out->notes++;
	if (nmissing > 20)
		sb_append(&missing, ", …");
	if (nmissing)
		diags_add(report, file, 0, 0,
			  ngettext("een lijst van %d pagina's, maar pagina %s ontbreekt: de set is niet compleet (%d van "
				   "%d gelezen). Zet alle pagina's in één map en lees die map in.",
				   "een lijst van %d pagina's, maar de pagina's %s ontbreken: de set is niet compleet (%d "
				   "van %d gelezen). Zet alle pagina's in één map en lees die map in.",
				   (unsigned long)nmissing),
			  total, missing.s, got, items >= 0 ? items : got);
	else
		diags_add(report, file, 0, 0, "%s",
			  _("deze pagina zegt last_page: false, maar er zijn geen volgende pagina's: de set is "
			    "misschien niet compleet. Zet alle pagina's in één map en lees die map in."));
out:
	sb_free(&missing);
}

int hsds_import_to(const content *c, const char *path, int today, const hsds_sink *sink, arena *a,
		   hsds_import_result *out, diags *report)
{
	*out = (hsds_import_result){0};
	hsds_imp m = {.c = c, .a = a, .keep = a, .sink = sink, .report = report, .today = today, .out = out,
		      .nby_hsds_id = -1};
	if (sink) /* what a piece of the publication needs goes when the piece is done */
		m.a = m.scratch = arena_new();
	struct stat st;
	int rc = 0;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = import_dir(&m, path, report);
	} else if (ends_with(path, ".csv") || ends_with(path, "datapackage.json")) {
		char *dir = folder_of(path);
		rc = hsds_tabular(&m, dir, report);
		free(dir);
	} else {
		rc = hsds_file(&m, path);
	}
	for (const char *k = "soa"; *k && m.npages; k++)
		pages_check(&m, *k, report);
	hsds_settle(&m);
	arena_free(m.scratch);
	free(m.pages);
	free(m.by_hsds_id);
	if (m.wijk_folds) {
		for (int i = 0; m.wijk_folds[i]; i++)
			free(m.wijk_folds[i]);
		free(m.wijk_folds);
	}
	out->entries = arena_alloc(a, (size_t)(out->n ? out->n : 1) * sizeof *out->entries);
	if (out->n)
		memcpy(out->entries, m.E.v, (size_t)out->n * sizeof *out->entries);
	hsds_entries_free(&m);
	if (!sink) {
		ik_activity *v = arena_alloc(a, (size_t)(out->n ? out->n : 1) * sizeof *v);
		if (out->n)
			memcpy(v, out->activities, (size_t)out->n * sizeof *v);
		free(out->activities);
		out->activities = v;
	}
	return rc ? -1 : 0;
}

int hsds_import(const content *c, const char *path, int today, arena *a, hsds_import_result *out, diags *report)
{
	return hsds_import_to(c, path, today, NULL, a, out, report);
}
