/* content_hsds_tabular.c: the HSDS tabular package (see content_hsds_internal.h): a folder of
 * CSV tables (services.csv, organizations.csv, phones.csv, …) described by datapackage.json.
 * Each row of services.csv is joined with the rows of the other tables that belong to it into
 * one nested service, as HSDS's JSON has it, and read like one: the mapping is the same for
 * both forms. A note about a part of it points at the table, row and column it came from. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_hsds_internal.h"
#include "i18n.h"

enum { T_SERVICE, T_ORG, T_PHONE, T_SCHEDULE, T_AREA, T_LANGUAGE, T_COST, T_ATTRIBUTE, T_TERM, T_SAL, T_LOCATION,
       T_ACCESS, T_ADDRESS, T_N };

/* The tables read: the resource name in datapackage.json and the file name without one. */
static const char *const resource[T_N][2] = {
	{"service", "services.csv"}, {"organization", "organizations.csv"}, {"phone", "phones.csv"},
	{"schedule", "schedules.csv"}, {"service_area", "service_areas.csv"}, {"language", "languages.csv"},
	{"cost_option", "cost_options.csv"}, {"attribute", "attributes.csv"}, {"taxonomy_term", "taxonomy_terms.csv"},
	{"service_at_location", "service_at_location.csv"}, {"location", "locations.csv"},
	{"accessibility", "accessibility.csv"}, {"address", "addresses.csv"},
};

/* Columns that hold numbers when datapackage.json does not say. */
static const char *const numeric_default[] = {"minimum_age", "maximum_age", "amount", "interval", "count",
					      "timezone", "extension", "latitude", "longitude", NULL};

/* Rows of a table sorted by one column, to find the rows that belong to an id. */
typedef struct {
	const char *key;
	int row;
} keyed;
typedef struct {
	keyed *v;
	int n;
} tindex;

typedef struct {
	csv_table t[T_N];
	bool have[T_N];
	char *numeric[T_N]; /* " name name " of the number columns (datapackage.json), or NULL */
	tindex by_id[T_N], by_service[T_N], by_location[T_N], by_sal[T_N], by_link;
	hsds_vec places;    /* hsds_place *, of the service being built */
} package;

static int keyed_cmp(const void *x, const void *y)
{
	return strcmp(((const keyed *)x)->key, ((const keyed *)y)->key);
}

static void index_make(tindex *x, const csv_table *t, const char *column)
{
	int c = csv_column(t, column);
	x->v = xmalloc((size_t)(t->nrows + 1) * sizeof *x->v);
	x->n = 0;
	for (int r = 0; c >= 0 && r < t->nrows; r++)
		if (*csv_get(t, r, c))
			x->v[x->n++] = (keyed){csv_get(t, r, c), r};
	qsort(x->v, (size_t)x->n, sizeof *x->v, keyed_cmp);
}

/* The rows whose key is `key`: *first is the first of them in x->v; returns how many. */
static int index_find(const tindex *x, const char *key, int *first)
{
	int lo = 0, hi = x->n;
	while (key && *key && lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (strcmp(x->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	int n = 0;
	while (key && *key && lo + n < x->n && strcmp(x->v[lo + n].key, key) == 0)
		n++;
	*first = lo;
	return n;
}

/* --- datapackage.json --- */

/* A resource path we may read: relative, inside the folder. */
static bool safe_path(const char *p)
{
	return p && *p && p[0] != '/' && !strstr(p, "..") && !strstr(p, "://");
}

/* Reads datapackage.json (when there is one): which file each table is in, and which of its
 * columns hold numbers. paths[t] is set (malloc'd) for the tables it names. */
static void datapackage(package *p, const char *dir, char *paths[T_N], diags *report, arena *a)
{
	char *path = xasprintf("%s/datapackage.json", dir);
	ld L;
	FILE *f = fopen(path, "r");
	if (f)
		fclose(f);
	if (!f || ld_open(&L, path, report, a) != 0) {
		if (f)
			ld_close(&L);
		free(path);
		return;
	}
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(L.root, "resources");
	for (const cJSON *r = cJSON_IsArray(res) ? res->child : NULL; r; r = r->next) {
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(r, "name"), *rp = cJSON_GetObjectItemCaseSensitive(r, "path");
		for (int t = 0; t < T_N && cJSON_IsString(name); t++) {
			if (strcmp(name->valuestring, resource[t][0]) != 0)
				continue;
			if (cJSON_IsString(rp) && safe_path(rp->valuestring) && !paths[t])
				paths[t] = xasprintf("%s/%s", dir, rp->valuestring);
			const cJSON *fields = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r, "schema"), "fields");
			strbuf nums = {0};
			sb_append(&nums, " ");
			for (const cJSON *fd = cJSON_IsArray(fields) ? fields->child : NULL; fd; fd = fd->next) {
				const cJSON *fn = cJSON_GetObjectItemCaseSensitive(fd, "name"), *ft = cJSON_GetObjectItemCaseSensitive(fd, "type");
				if (cJSON_IsString(fn) && cJSON_IsString(ft) &&
				    (strcmp(ft->valuestring, "number") == 0 || strcmp(ft->valuestring, "integer") == 0))
					sb_printf(&nums, "%s ", fn->valuestring);
			}
			free(p->numeric[t]);
			p->numeric[t] = sb_take(&nums);
		}
	}
	ld_close(&L);
	free(path);
}

static bool is_numeric(const package *p, int t, const char *col)
{
	if (p->numeric[t]) {
		size_t n = strlen(col);
		for (const char *s = strstr(p->numeric[t], col); s; s = strstr(s + 1, col))
			if (s[-1] == ' ' && s[n] == ' ')
				return true;
		return false;
	}
	for (int i = 0; numeric_default[i]; i++)
		if (strcmp(numeric_default[i], col) == 0)
			return true;
	return false;
}

/* --- building one service --- */

static void place(package *p, const char *path, int t, int row)
{
	hsds_place *pl = xmalloc(sizeof *pl);
	*pl = (hsds_place){xstrdup(path), &p->t[t], row};
	hsds_vec_push(&p->places, pl);
}

/* Row r of table t as an object: empty fields left out, numbers as numbers where the column
 * holds numbers and the text is one. */
static cJSON *row_object(package *p, int t, int r, const char *path)
{
	const csv_table *tb = &p->t[t];
	cJSON *o = cJSON_CreateObject();
	for (int c = 0; c < tb->ncols; c++) {
		const char *k = tb->head[c].text, *v = csv_get(tb, r, c);
		if (!*v || !*k || cJSON_GetObjectItemCaseSensitive(o, k))
			continue;
		char *end;
		double d = strtod(v, &end);
		if (is_numeric(p, t, k) && end != v && !*end)
			cJSON_AddNumberToObject(o, k, d);
		else
			cJSON_AddStringToObject(o, k, v);
	}
	place(p, path, t, r);
	return o;
}

/* Adds to obj, as the list `key`, the rows of table t that ix finds for id; with only_unowned,
 * only those with no service_id (the others belong to the service itself). */
static cJSON *children(package *p, cJSON *obj, const char *key, int t, const tindex *ix, const char *id,
		       const char *path, bool only_unowned)
{
	int first, n = p->have[t] ? index_find(ix, id, &first) : 0, k = 0;
	cJSON *arr = NULL;
	int sid = csv_column(&p->t[t], "service_id");
	for (int i = 0; i < n; i++) {
		int r = ix->v[first + i].row;
		if (only_unowned && *csv_get(&p->t[t], r, sid))
			continue;
		if (!arr)
			arr = cJSON_AddArrayToObject(obj, key);
		char *sub = xasprintf("%s%s%s[%d]", path, *path ? "." : "", key, k++);
		cJSON_AddItemToArray(arr, row_object(p, t, r, sub));
		free(sub);
	}
	return arr;
}

static cJSON *one_by_id(package *p, int t, const char *id, const char *path)
{
	int first;
	if (!p->have[t] || index_find(&p->by_id[t], id, &first) == 0)
		return NULL;
	return row_object(p, t, p->by_id[t].v[first].row, path);
}

static void attributes(package *p, cJSON *svc, const char *sid)
{
	cJSON *arr = children(p, svc, "attributes", T_ATTRIBUTE, &p->by_link, sid, "", false);
	int i = 0;
	for (cJSON *e = arr ? arr->child : NULL; e; e = e->next, i++) {
		const cJSON *tid = cJSON_GetObjectItemCaseSensitive(e, "taxonomy_term_id");
		char *sub = xasprintf("attributes[%d].taxonomy_term", i);
		cJSON *term = cJSON_IsString(tid) ? one_by_id(p, T_TERM, tid->valuestring, sub) : NULL;
		if (term)
			cJSON_AddItemToObject(e, "taxonomy_term", term);
		free(sub);
	}
}

static void locations(package *p, cJSON *svc, const char *sid)
{
	cJSON *arr = children(p, svc, "service_at_locations", T_SAL, &p->by_service[T_SAL], sid, "", false);
	int i = 0;
	for (cJSON *sal = arr ? arr->child : NULL; sal; sal = sal->next, i++) {
		char *at = xasprintf("service_at_locations[%d]", i), *lp = xasprintf("%s.location", at);
		const cJSON *salid = cJSON_GetObjectItemCaseSensitive(sal, "id"), *lid = cJSON_GetObjectItemCaseSensitive(sal, "location_id");
		if (cJSON_IsString(salid)) {
			children(p, sal, "phones", T_PHONE, &p->by_sal[T_PHONE], salid->valuestring, at, true);
			children(p, sal, "schedules", T_SCHEDULE, &p->by_sal[T_SCHEDULE], salid->valuestring, at, true);
		}
		cJSON *loc = cJSON_IsString(lid) ? one_by_id(p, T_LOCATION, lid->valuestring, lp) : NULL;
		if (loc) {
			children(p, loc, "accessibility", T_ACCESS, &p->by_location[T_ACCESS], lid->valuestring, lp, false);
			children(p, loc, "addresses", T_ADDRESS, &p->by_location[T_ADDRESS], lid->valuestring, lp, false);
			cJSON_AddItemToObject(sal, "location", loc);
		}
		free(at);
		free(lp);
	}
}

/* Service row r, with everything that belongs to it, as HSDS's nested JSON. */
static cJSON *service(package *p, int r)
{
	cJSON *svc = row_object(p, T_SERVICE, r, "");
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(svc, "id"), *oid = cJSON_GetObjectItemCaseSensitive(svc, "organization_id");
	cJSON *org = cJSON_IsString(oid) ? one_by_id(p, T_ORG, oid->valuestring, "organization") : NULL;
	if (org)
		cJSON_AddItemToObject(svc, "organization", org);
	if (!cJSON_IsString(id))
		return svc;
	const char *sid = id->valuestring;
	static const struct {
		int t;
		const char *key;
	} lists[] = {{T_PHONE, "phones"}, {T_SCHEDULE, "schedules"}, {T_AREA, "service_areas"},
		     {T_LANGUAGE, "languages"}, {T_COST, "cost_options"}};
	for (size_t i = 0; i < ARRAY_LEN(lists); i++)
		children(p, svc, lists[i].key, lists[i].t, &p->by_service[lists[i].t], sid, "", false);
	attributes(p, svc, sid);
	locations(p, svc, sid);
	return svc;
}

/* --- the package --- */

static void read_tables(package *p, const char *dir, diags *report, arena *a)
{
	char *paths[T_N] = {0};
	datapackage(p, dir, paths, report, a);
	for (int t = 0; t < T_N; t++) {
		if (!paths[t])
			paths[t] = xasprintf("%s/%s", dir, resource[t][1]);
		FILE *f = fopen(paths[t], "r");
		p->have[t] = f != NULL;
		if (f)
			fclose(f);
		if (p->have[t] || t == T_SERVICE)
			csv_read(paths[t], &p->t[t], report);
		else
			p->t[t] = (csv_table){.file = xstrdup(paths[t])};
		free(paths[t]);
	}
	for (int t = 0; t < T_N; t++) {
		index_make(&p->by_id[t], &p->t[t], "id");
		index_make(&p->by_service[t], &p->t[t], "service_id");
		index_make(&p->by_location[t], &p->t[t], "location_id");
		index_make(&p->by_sal[t], &p->t[t], "service_at_location_id");
	}
	index_make(&p->by_link, &p->t[T_ATTRIBUTE], "link_id");
}

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The other tables of the folder, named in one note (in name order): nothing goes unsaid. */
static void tables_not_read(const package *p, const char *dir, diags *report)
{
	DIR *d = opendir(dir);
	hsds_vec v = {0};
	for (struct dirent *e; d && (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		bool ours = false;
		for (int t = 0; t < T_N && !ours; t++) {
			const char *f = strrchr(p->t[t].file, '/');
			ours = strcmp(f ? f + 1 : p->t[t].file, e->d_name) == 0;
		}
		if (!ours && n > 4 && strcmp(e->d_name + n - 4, ".csv") == 0)
			hsds_vec_push(&v, xstrdup(e->d_name));
	}
	if (d)
		closedir(d);
	if (v.n)
		qsort(v.v, (size_t)v.n, sizeof *v.v, str_cmp);
	strbuf names = {0};
	for (int i = 0; i < v.n; i++) {
		sb_printf(&names, "%s%s", i ? ", " : "", (const char *)v.v[i]);
		free((void *)v.v[i]);
	}
	if (names.len)
		diags_add(report, dir, 0, 0, _("niet gelezen (de catalogus heeft er geen plaats voor): %s"), names.s);
	sb_free(&names);
	free(v.v);
}

static void places_free(package *p)
{
	for (int i = 0; i < p->places.n; i++) {
		hsds_place *pl = (hsds_place *)p->places.v[i];
		free(pl->path);
		free(pl);
	}
	p->places.n = 0;
}

static void package_free(package *p)
{
	places_free(p);
	free(p->places.v);
	for (int t = 0; t < T_N; t++) {
		csv_free(&p->t[t]);
		free(p->numeric[t]);
		free(p->by_id[t].v);
		free(p->by_service[t].v);
		free(p->by_location[t].v);
		free(p->by_sal[t].v);
	}
	free(p->by_link.v);
}

int hsds_tabular(hsds_imp *m, const char *dir, diags *report)
{
	package *p = xcalloc(1, sizeof *p);
	read_tables(p, dir, report, m->a);
	if (!p->have[T_SERVICE]) { /* csv_read said why */
		package_free(p);
		free(p);
		return -1;
	}
	const csv_table *svcs = &p->t[T_SERVICE];
	char *src = xasprintf("HSDS import: %s", strrchr(svcs->file, '/') ? strrchr(svcs->file, '/') + 1 : svcs->file);
	m->source = arena_strdup(m->keep, src);
	free(src);
	m->files++;
	ld L = {.file = svcs->file, .d = report, .a = m->a};
	m->L = &L;
	for (int r = 0; r < svcs->nrows; r++) {
		cJSON *svc = service(p, r);
		hsds_place *pl = xmalloc((size_t)p->places.n * sizeof *pl + 1);
		for (int i = 0; i < p->places.n; i++)
			pl[i] = *(const hsds_place *)p->places.v[i];
		m->places = pl;
		m->nplaces = p->places.n;
		hsds_service(m, svc, NULL, NULL, NULL);
		m->places = NULL;
		m->nplaces = 0;
		free(pl);
		places_free(p);
		cJSON_Delete(svc);
	}
	m->L = NULL;
	if (svcs->nrows == 0)
		diags_add(report, svcs->file, 0, 0, "%s", _("services.csv heeft geen rijen: geen diensten"));
	tables_not_read(p, dir, report);
	package_free(p);
	free(p);
	return 0;
}
