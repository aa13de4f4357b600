/* content_activities.c: loads activities.json (see SCHEMA.md), checking every id it names
 * against the walk-through and profiles loaded before it. A catalogue can hold 100,000
 * activities: they are read one at a time from the streamed list (content_json.h), and each
 * goes, once checked, into the catalogue image (content_image.h), into the arena, or (a check
 * only) nowhere. (The folded texts that search reads are made by search.c when needed.) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_image.h"
#include "content_internal.h"
#include "i18n.h"

/* Reads a list of strings, each resolved by `resolve` to a bit; reports unknown ones. */
typedef int (*resolver)(const content *c, const char *s);

static bool id_list(ld *L, const content *c, const cJSON *v, const char *key, bool required,
		    int min_items, resolver resolve, const char *what, uint64_t *bits)
{
	*bits = 0;
	const cJSON *arr = ld_array(L, v, key, required, min_items);
	if (!arr)
		return !required && !cJSON_HasObjectItem(v, key);
	bool ok = true;
	ld_push_key(L, key);
	int i = 0;
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		ld_push_index(L, i);
		const char *s;
		if (ld_elem_string(L, e, &s)) {
			int b = resolve(c, s);
			if (b < 0) {
				ld_err(L, false, _("%s '%.64s' bestaat niet"), _(what), s);
				ok = false;
			} else {
				*bits |= UINT64_C(1) << b;
			}
		} else {
			ok = false;
		}
		ld_pop(L);
	}
	ld_pop(L);
	return ok;
}

static int in_list(const char *const *list, const char *s)
{
	for (int i = 0; list[i]; i++)
		if (list[i][0] == s[0] && strcmp(list[i], s) == 0)
			return i;
	return -1;
}

/* content_option_index, with a cheap look at the first letter before each compare; an option
 * whose id was refused has none (content_option_index itself would crash on it). */
static int facet_option(const content *c, ik_facet f, const char *s)
{
	if (c->facet_q[f] < 0)
		return -1;
	const ik_question *q = &c->questions[c->facet_q[f]];
	for (int i = 0; i < q->nopts; i++)
		if (q->opts[i].id && q->opts[i].id[0] == s[0] && strcmp(q->opts[i].id, s) == 0)
			return i;
	return -1;
}

#define STAD_BIT 63 /* "stad" in service_area; wijk questions have fewer options than this */
static int r_wijk(const content *c, const char *s)
{
	return strcmp(s, "stad") == 0 ? STAD_BIT : facet_option(c, FACET_WIJK, s);
}
static int r_interest(const content *c, const char *s) { return facet_option(c, FACET_INTERESTS, s); }
static int r_role(const content *c, const char *s) { return facet_option(c, FACET_ROLE, s); }
static int r_profile(const content *c, const char *s)
{
	/* content_profile_index, first letter first; a profile whose id was refused has none
	 * (content_profile_index itself would crash on it) */
	for (int i = 0; i < c->nprofiles; i++)
		if (c->profiles[i].id && c->profiles[i].id[0] == s[0] && strcmp(c->profiles[i].id, s) == 0)
			return i;
	return -1;
}
static int r_lonely(const content *c, const char *s) { return in_list(content_lonely_ids, s); }
static int r_group(const content *c, const char *s) { return in_list(content_group_ids, s); }
static int r_element(const content *c, const char *s)
{
	/* content_element_ids has no NULL at its end, so not in_list: that read past it */
	for (int i = 0; i < (int)ARRAY_LEN(content_element_ids); i++)
		if (strcmp(content_element_ids[i], s) == 0)
			return i;
	return -1;
}
static int r_barrier(const content *c, const char *s)
{
	static const char *const b[] = {"none", "geld", "mobiliteit", "gehoor", "taal", "gezondheid", NULL};
	int i = in_list(b, s);
	return i > 0 ? i : -1;
}
static int r_language(const content *c, const char *s)
{
	size_t n = strlen(s);
	return (n == 2 || n == 3) && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' ? 0 : -1;
}

bool content_element_list(ld *L, const cJSON *v, const char *key, bool required, unsigned *bits)
{
	uint64_t b;
	bool ok = id_list(L, NULL, v, key, required, required ? 0 : 1, r_element, "active element", &b);
	*bits |= (unsigned)b;
	return ok;
}

bool content_role_list(ld *L, const content *c, const cJSON *v, const char *key, uint64_t *bits)
{
	return id_list(L, c, v, key, false, 0, r_role, N_("rol"), bits);
}

/* Reads "HH:MM" as sscanf("%2d:%2d") would, without sscanf for the usual two digits each. */
static bool clock_time(const char *t, int *h, int *m)
{
	char tail;
	if (strlen(t) != 5)
		return false;
	bool plain = t[2] == ':';
	for (int i = 0; i < 5 && plain; i++)
		plain = i == 2 || (t[i] >= '0' && t[i] <= '9');
	if (!plain)
		return sscanf(t, "%2d:%2d%c", h, m, &tail) == 2;
	*h = (t[0] - '0') * 10 + (t[1] - '0');
	*m = (t[3] - '0') * 10 + (t[4] - '0');
	return true;
}

static bool load_schedule(ld *L, const cJSON *v, ik_activity *a)
{
	static const char *const days[] = {"ma", "di", "wo", "do", "vr", "za", "zo", NULL};
	static const char *const keys[] = {"weekday", "opens_at", "closes_at", NULL};
	const cJSON *arr = ld_array(L, v, "schedule", true, 0);
	if (!arr)
		return false;
	a->nschedule = cJSON_GetArraySize(arr);
	a->schedule = arena_alloc(L->a, (size_t)a->nschedule * sizeof *a->schedule);
	bool ok = true;
	ld_push_key(L, "schedule");
	int i = 0;
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		ik_session *s = &a->schedule[i];
		ld_push_index(L, i);
		if (ld_object(L, e, keys) && ld_enum(L, e, "weekday", days, &s->weekday)) {
			const char *tk[2] = {"opens_at", "closes_at"};
			int *tv[2] = {&s->opens, &s->closes};
			for (int k = 0; k < 2; k++) {
				const char *t;
				int h, m;
				if (!ld_string(L, e, tk[k], true, &t)) {
					ok = false;
				} else if (!clock_time(t, &h, &m) || h > 23 || m > 59 || h < 0 || m < 0) {
					ld_push_key(L, tk[k]);
					ld_err(L, false, _("moet een tijd UU:MM zijn"));
					ld_pop(L);
					ok = false;
				} else {
					*tv[k] = h * 60 + m;
				}
			}
			if (ok && s->opens >= s->closes) {
				ld_err(L, false, _("closes_at moet na opens_at liggen"));
				ok = false;
			}
		} else {
			ok = false;
		}
		ld_pop(L);
	}
	ld_pop(L);
	return ok;
}

static bool load_languages(ld *L, const cJSON *v, ik_activity *a)
{
	const cJSON *arr = ld_array(L, v, "languages", true, 0);
	if (!arr)
		return false;
	a->languages = arena_alloc(L->a, (size_t)cJSON_GetArraySize(arr) * sizeof *a->languages);
	bool ok = true;
	ld_push_key(L, "languages");
	int i = 0;
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		ld_push_index(L, i);
		const char *s;
		if (ld_elem_string(L, e, &s) && r_language(NULL, s) == 0) {
			a->languages[a->nlanguages++] = s;
		} else {
			if (cJSON_IsString(e))
				ld_err(L, false, _("'%.20s' is geen taalcode (ISO 639-1, bijvoorbeeld nl, en, tr, ar)"), e->valuestring);
			ok = false;
		}
		ld_pop(L);
	}
	ld_pop(L);
	return ok;
}

static bool opt_age(ld *L, const cJSON *v, const char *key, int *out)
{
	*out = -1;
	const cJSON *e = ld_get(L, v, key);
	if (!e) {
		ld_err(L, false, _("sleutel '%s' ontbreekt (gebruik null als er geen grens is)"), key);
		return false;
	}
	return cJSON_IsNull(e) || ld_int(L, v, key, true, 0, 150, out);
}

/* "ends_on": a date, or null (or absent) when no end is known. */
static bool load_end(ld *L, const cJSON *v, ik_activity *a)
{
	a->ends_days = -1;
	const cJSON *e = ld_get(L, v, "ends_on");
	if (!e || cJSON_IsNull(e))
		return true;
	return ld_date(L, v, "ends_on", &a->ends_days);
}

static bool load_activity(ld *L, const content *c, ik_activity *a, const cJSON *v)
{
	static const char *const keys[] = {"id", "name", "organization", "description", "url", "email", "phones",
		"service_area", "minimum_age", "maximum_age", "languages", "cost", "schedule", "accessibility",
		"application_process", "assured_date", "source", "profiles", "loneliness", "active_elements",
		"target_groups", "interests", "mobility", "helps_with", "human_route", "ends_on", "for_roles",
		"not_for_roles", "hsds_id", NULL};
	static const char *const costs[] = {"gratis", "laag", "betaald", "onbekend", NULL};
	static const char *const mobs[] = {"komt_aan_huis", "vervoer_geregeld", "zelf_gaan", "op_afstand", "onbekend", NULL};
	if (!ld_object(L, v, keys))
		return false;
	bool ok = ld_id(L, v, "id", &a->id);
	ok &= ld_string(L, v, "name", true, &a->name);
	ok &= ld_string(L, v, "organization", true, &a->organization);
	ok &= ld_text(L, v, "description", true, &a->description);
	ok &= ld_url(L, v, "url", &a->url);
	const cJSON *em = ld_get(L, v, "email");
	if (em && !cJSON_IsNull(em) && ld_string(L, v, "email", false, &a->email) && !strchr(a->email, '@')) {
		ld_push_key(L, "email");
		ld_err(L, false, _("'%.60s' is geen e-mailadres"), a->email);
		ld_pop(L);
		ok = false;
	}
	ok &= ld_phones(L, v, false, &a->phones, &a->nphones);
	uint64_t area, bits;
	ok &= id_list(L, c, v, "service_area", true, 1, r_wijk, N_("wijk"), &area);
	a->citywide = area >> STAD_BIT & 1;
	a->wijken = area & ~(UINT64_C(1) << STAD_BIT);
	ok &= opt_age(L, v, "minimum_age", &a->min_age);
	ok &= opt_age(L, v, "maximum_age", &a->max_age);
	if (a->min_age >= 0 && a->max_age >= 0 && a->min_age > a->max_age) {
		ld_err(L, false, _("minimum_age is hoger dan maximum_age"));
		ok = false;
	}
	ok &= load_languages(L, v, a);
	int e;
	if (ld_enum(L, v, "cost", costs, &e))
		a->cost = (ik_cost)e;
	else
		ok = false;
	ok &= load_schedule(L, v, a);
	ld_text_ptr(L, v, "accessibility", &a->accessibility);
	ok &= ld_text(L, v, "application_process", true, &a->application_process);
	const cJSON *assured = ld_get(L, v, "assured_date");
	if (cJSON_IsNull(assured)) /* the source does not say when it was checked */
		a->assured_days = IK_DATE_UNKNOWN;
	else
		ok &= ld_date(L, v, "assured_date", &a->assured_days);
	ok &= ld_string(L, v, "source", true, &a->source);
	if (ld_get(L, v, "hsds_id"))
		ok &= ld_string(L, v, "hsds_id", true, &a->hsds_id);
	ok &= id_list(L, c, v, "profiles", true, 0, r_profile, N_("profiel"), &a->profiles);
	ok &= id_list(L, c, v, "loneliness", true, 0, r_lonely, N_("soort eenzaamheid"), &bits);
	a->lonely = (unsigned)bits;
	ok &= id_list(L, c, v, "active_elements", true, 0, r_element, N_("werkzaam element"), &bits);
	a->elements = (unsigned)bits;
	ok &= id_list(L, c, v, "target_groups", true, 0, r_group, N_("doelgroep"), &bits);
	a->groups = (unsigned)bits;
	ok &= id_list(L, c, v, "interests", true, 0, r_interest, N_("interesse"), &a->interests);
	if (ld_enum(L, v, "mobility", mobs, &e))
		a->mobility = (ik_mobility)e;
	else
		ok = false;
	ok &= id_list(L, c, v, "helps_with", false, 0, r_barrier, N_("drempel"), &bits);
	a->helps_with = (unsigned)bits;
	ld_bool(L, v, "human_route", &a->human_route);
	ok &= load_end(L, v, a);
	ok &= content_role_list(L, c, v, "for_roles", &a->for_roles);
	ok &= content_role_list(L, c, v, "not_for_roles", &a->not_for_roles);
	if (a->for_roles & a->not_for_roles) {
		ld_err(L, false, _("een rol staat zowel in for_roles als in not_for_roles"));
		ok = false;
	}
	return ok;
}

/* An activity that passed its checks goes where out says. */
static void deliver(const ik_activity *a, const act_out *out, strbuf *kept)
{
	if (out->image)
		img_writer_put(out->image, a);
	else if (out->keep)
		sb_appendn(kept, (const char *)a, sizeof *a);
}

/* One reader's pass over the activities: what it found, and the buffers it reuses. */
struct act_run {
	ld_ids *ids;
	int count;      /* activities read */
	bool ok, human; /* all passed their checks; one says "human_route": true */
	strbuf kept;               /* the activities themselves, when they are kept in the arena */
	arena *keep_in, *per_item; /* L's arena before, and the one for one activity at a time */
};

act_run *act_run_new(ld *L, const act_out *out)
{
	act_run *r = xcalloc(1, sizeof *r);
	r->ids = ld_ids_new();
	r->ok = true;
	/* Kept in the arena, the strings are copied there; otherwise each activity's strings and
	 * lists live only until it is delivered. */
	r->keep_in = L->a;
	r->per_item = out->keep ? NULL : arena_new();
	L->borrow = !out->keep;
	if (r->per_item)
		L->a = r->per_item;
	return r;
}

void act_run_free(act_run *r, ld *L)
{
	if (!r)
		return;
	L->borrow = false;
	L->a = r->keep_in;
	arena_free(r->per_item);
	sb_free(&r->kept);
	ld_ids_free(r->ids);
	free(r);
}

void act_read(act_run *r, ld *L, const content *c, const cJSON *arr, const act_out *out)
{
	for (const cJSON *v = ld_first(L, arr); v; v = ld_next(L, arr, v)) {
		ik_activity a;
		memset(&a, 0, sizeof a); /* padding too: an image holds the bytes as they are */
		ld_push_index(L, r->count++);
		bool good = load_activity(L, c, &a, v);
		ld_ids_add(r->ids, a.id);
		r->human |= a.human_route;
		if (good)
			deliver(&a, out, &r->kept);
		r->ok &= good;
		ld_pop(L);
		if (r->per_item)
			arena_reset(r->per_item);
	}
}

void act_run_append(act_run *r, act_run *more)
{
	r->count += more->count;
	r->ok &= more->ok;
	r->human |= more->human;
	ld_ids_append(r->ids, more->ids);
	more->ids = NULL;
	sb_appendn(&r->kept, more->kept.s ? more->kept.s : "", more->kept.len);
}

bool content_load_activities(ld *L, content *c, const act_out *out)
{
	static const char *const keys[] = {"version", "activities", NULL};
	ld_object(L, L->root, keys);
	bool ok = ld_version(L);
	const cJSON *arr = ld_array(L, L->root, "activities", true, 1);
	if (!arr)
		return false;
	act_run *r = act_run_new(L, out);
	if (out->parts)
		*out->parts = 1;
	ld_split *split = ld_split_start(L, c, out); /* more readers, for later parts of the list */
	ld_push_key(L, "activities");
	act_read(r, L, c, arr, out);
	ld_split_end(split, L, r, out);
	if (!L->stream.failed)
		ok &= ld_ids_report_twice(r->ids, L);
	ld_pop(L);
	c->nactivities = r->count;
	if (out->keep) {
		c->activities = arena_alloc(r->keep_in, r->kept.len ? r->kept.len : 1);
		memcpy(c->activities, r->kept.s ? r->kept.s : "", r->kept.len);
	}
	ok &= r->ok;
	bool human = r->human;
	act_run_free(r, L);
	if (L->stream.failed)
		return false;
	if (ok && !human) {
		ld_err(L, false, _("minstens één activiteit moet \"human_route\": true hebben (bijvoorbeeld de NIZU infolijn)"));
		ok = false;
	}
	return ok && L->nerr == 0;
}
