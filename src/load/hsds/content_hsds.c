/* content_hsds.c: reads an Open Referral HSDS 3.0 JSON publication into catalogue entries
 * (see hsds.h). Part of the loader: files are read and checked by the ld_* toolkit, so every
 * note carries file:line:col. Here: the files, the shapes a publication comes in, and the
 * helpers the other two files share; one service is read in content_hsds_service.c, the
 * fields that need mapping in content_hsds_parts.c. Nothing is dropped without a note. */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content_hsds_internal.h"
#include "text.h"

/* --- small helpers --- */

void hsds_vec_push(hsds_vec *x, const void *p)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 8;
		x->v = xrealloc(x->v, (size_t)x->cap * sizeof *x->v);
	}
	x->v[x->n++] = p;
}

const cJSON *hsds_get(const cJSON *obj, const char *key)
{
	return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

const char *hsds_str(const cJSON *obj, const char *key)
{
	const cJSON *v = hsds_get(obj, key);
	return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

bool hsds_present(const cJSON *v)
{
	if (!v || cJSON_IsNull(v))
		return false;
	if (cJSON_IsString(v))
		return v->valuestring[0] != '\0';
	if (cJSON_IsArray(v) || cJSON_IsObject(v))
		return v->child != NULL;
	return true;
}

/* A copy with tabs (and, on one line, newlines) made spaces and the ends trimmed. */
const char *hsds_clean(hsds_imp *m, const char *s, bool one_line)
{
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (!n)
		return NULL;
	char *t = arena_strndup(m->a, s, n);
	for (char *p = t; *p; p++)
		if (*p == '\t' || *p == '\r' || (one_line && *p == '\n'))
			*p = ' ';
	return t;
}

const char *hsds_line(hsds_imp *m, const char *s)
{
	return hsds_clean(m, s, true);
}

const char *hsds_snip(hsds_imp *m, const char *s, size_t max)
{
	if (!s)
		return "";
	strbuf b = {0};
	size_t n = strlen(s), i = 0;
	while (i < n) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);
		if (i + k > max) {
			sb_append(&b, "…");
			break;
		}
		if (cp < 0x20 || cp == 0x7f)
			sb_appendc(&b, ' ');
		else
			sb_appendn(&b, s + i, k);
		i += k;
	}
	const char *out = arena_strdup(m->a, b.s ? b.s : "");
	sb_free(&b);
	return out;
}

static void vnote(hsds_imp *m, const char *key, const char *fmt, va_list ap)
{
	strbuf s = {0};
	sb_vprintf(&s, fmt, ap);
	/* one line of valid UTF-8, whatever the publication held */
	char *safe = text_sanitize(hsds_snip(m, s.s, s.len), false);
	if (key)
		ld_push_key(m->L, key);
	if (m->name || m->number)
		ld_err(m->L, false, "service %d '%s': %s", m->number, hsds_snip(m, m->name, 60), safe);
	else
		ld_err(m->L, false, "%s", safe);
	if (key)
		ld_pop(m->L);
	m->out->notes++;
	free(safe);
	sb_free(&s);
}

void hsds_note(hsds_imp *m, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vnote(m, key, fmt, ap);
	va_end(ap);
}

void hsds_file_note(hsds_imp *m, const char *fmt, ...)
{
	int number = m->number;
	const char *name = m->name;
	m->number = 0;
	m->name = NULL;
	va_list ap;
	va_start(ap, fmt);
	vnote(m, NULL, fmt, ap);
	va_end(ap);
	m->number = number;
	m->name = name;
}

/* --- the shapes a publication comes in --- */

static bool has(const cJSON *v, const char *key)
{
	return hsds_get(v, key) != NULL;
}

/* One object of a publication; returns the number of services met in it. */
static int item(hsds_imp *m, const cJSON *v, const cJSON *parent_org)
{
	int n = 0, i = 0;
	if (!cJSON_IsObject(v)) {
		hsds_file_note(m, "not an HSDS object: skipped");
		return 0;
	}
	const cJSON *list = hsds_get(v, "contents");
	const char *key = cJSON_IsArray(list) ? "contents" : NULL;
	if (!key && cJSON_IsArray(list = hsds_get(v, "services")))
		key = "services";
	if (key) { /* a page of a list, or an organization with its services */
		const cJSON *org = strcmp(key, "services") == 0 ? v : parent_org;
		ld_push_key(m->L, key);
		for (const cJSON *e = list->child; e; e = e->next, i++) {
			ld_push_index(m->L, i);
			if (org) {
				hsds_service(m, e, org, NULL, NULL);
				n++;
			} else {
				n += item(m, e, NULL);
			}
			ld_pop(m->L);
		}
		ld_pop(m->L);
		if (!n && !list->child)
			hsds_file_note(m, "an empty list: no services");
		return n;
	}
	if (cJSON_IsObject(hsds_get(v, "service"))) { /* a service_at_location with its service */
		hsds_service(m, hsds_get(v, "service"), parent_org, v, "service");
		return 1;
	}
	const char *kind = NULL;
	if (has(v, "services.csv") || has(v, "organizations.csv"))
		kind = "tabular HSDS (tables as JSON) is not read: use HSDS's nested JSON (services with their "
		       "organization, locations and schedules)";
	else if (has(v, "openapi_url") || (has(v, "version") && has(v, "profile")))
		kind = "HSDS metadata (version, profile): no services";
	else if (has(v, "location_type"))
		kind = "a location, not a service: skipped";
	else if (has(v, "taxonomy") || has(v, "term_uri") || has(v, "taxonomy_detail") || (has(v, "uri") && has(v, "version")))
		kind = "a taxonomy or taxonomy term, not a service: skipped";
	else if (has(v, "website") || has(v, "tax_status") || has(v, "legal_status") || has(v, "year_incorporated"))
		kind = "an organization without services: skipped";
	else if (has(v, "version") && has(v, "activities"))
		kind = "an infokaart catalogue, not HSDS: skipped";
	else if (has(v, "name") || has(v, "status")) {
		hsds_service(m, v, parent_org, NULL, NULL);
		return 1;
	} else
		kind = "not an HSDS service (no name): skipped";
	hsds_file_note(m, "%s", kind);
	return 0;
}

static int import_file(hsds_imp *m, const char *path, diags *report)
{
	ld L;
	if (ld_open(&L, path, report, m->a) != 0) {
		ld_close(&L);
		return -1;
	}
	const char *base = strrchr(path, '/');
	char *src = xasprintf("HSDS import: %s", base ? base + 1 : path);
	m->source = arena_strdup(m->a, src);
	free(src);
	m->L = &L;
	item(m, L.root, NULL);
	m->L = NULL;
	ld_close(&L);
	return 0;
}

static int name_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The *.json files of a folder, sorted; NULL-terminated, malloc'd. */
static char **json_files(const char *dir, diags *report)
{
	DIR *d = opendir(dir);
	if (!d) {
		diags_add(report, dir, 0, 0, "cannot read the folder");
		return NULL;
	}
	hsds_vec v = {0};
	for (struct dirent *e; (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		if (n > 5 && strcmp(e->d_name + n - 5, ".json") == 0 && e->d_name[0] != '.')
			hsds_vec_push(&v, xasprintf("%s/%s", dir, e->d_name));
	}
	closedir(d);
	hsds_vec_push(&v, NULL);
	qsort(v.v, (size_t)v.n - 1, sizeof *v.v, name_cmp);
	return (char **)v.v;
}

int hsds_import(const content *c, const char *path, int today, arena *a, hsds_import_result *out, diags *report)
{
	*out = (hsds_import_result){0};
	hsds_imp m = {.c = c, .a = a, .today = today, .out = out};
	struct stat st;
	int rc = 0;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		char **files = json_files(path, report);
		if (!files)
			return -1;
		if (!files[0])
			diags_add(report, path, 0, 0, "no .json files in this folder");
		for (int i = 0; files[i]; i++) {
			rc |= import_file(&m, files[i], report);
			free(files[i]);
		}
		free(files);
	} else {
		rc = import_file(&m, path, report);
	}
	free(m.hids.v);
	free(m.rich);
	if (m.wijk_folds) {
		for (int i = 0; m.wijk_folds[i]; i++)
			free(m.wijk_folds[i]);
		free(m.wijk_folds);
	}
	ik_activity *v = arena_alloc(a, (size_t)(out->n ? out->n : 1) * sizeof *v);
	if (out->n)
		memcpy(v, out->activities, (size_t)out->n * sizeof *v);
	free(out->activities);
	out->activities = v;
	return rc ? -1 : 0;
}
