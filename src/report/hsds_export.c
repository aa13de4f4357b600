/* hsds_export.c: writes JSON for the catalogue's neighbours (see hsds_export.h): the catalogue as
 * HSDS 3.0 services, and imported entries as an activities.json. Written with jsonw into a
 * strbuf, which the export hands on a chunk at a time (the whole of a big catalogue is over
 * 1 GB); no JSON library here, and nothing is read. Ids in HSDS are UUIDs derived from ours,
 * so exporting the same catalogue twice gives the same file. */
#include "hsds_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hsds.h"
#include "jsonw.h"

/* What each term means, for taxonomy_term.description (in hsds_term_codes order). */
static const char *const term_descriptions[] = {
	"The infokaart activity id: stable, records refer to it.",
	"An intervention profile the activity fits (an id from infokaart's profiles.json).",
	"A kind of loneliness the activity addresses: sociaal, emotioneel or existentieel.",
	("An active element (Movisie/TSG): bezigheden, ontmoeten, praktisch_ondersteunen, betekenisvol_contact, "
	 "sociale_vaardigheden, realistische_verwachtingen or betekenisvolle_rol."),
	"A group the activity is specially for: jongeren, studenten, 65plus, migranten, mantelzorgers or lhbti.",
	"An interest the activity serves (an option id of infokaart's interests question).",
	"How the person gets there: komt_aan_huis, op_afstand, vervoer_geregeld, zelf_gaan or onbekend.",
	"A practical barrier the activity helps with: geld, mobiliteit, gehoor, taal or gezondheid.",
	"true when a person helps further (an infoline, a neighbourhood team): one is always shown, apart.",
	"What it costs: gratis, laag, betaald or onbekend.",
	"The description in English (the service description is Dutch).",
	"How to sign up, in English (the application process is Dutch).",
	"What to know about access, in English (the location's accessibility is Dutch).",
	"The last day it runs (YYYY-MM-DD): after it, it is never suggested.",
	"A signaller role (an option id of infokaart's role question) for whom it is the natural next step.",
	"A signaller role it is never suggested to: that role's own service.",
	"The service's id in the publication it was imported from, when that id is no UUID.",
};

/* --- a small writer that keeps commas and indentation --- */

typedef struct {
	strbuf *b;
	int depth;
	bool more[32]; /* something was written at this depth */
} jw;

static void jw_sep(jw *w)
{
	if (w->depth == 0)
		return;
	if (w->more[w->depth])
		sb_appendc(w->b, ',');
	w->more[w->depth] = true;
	sb_appendc(w->b, '\n');
	for (int i = 0; i < w->depth; i++)
		sb_append(w->b, "  ");
}

static void jw_key(jw *w, const char *key)
{
	jw_sep(w);
	if (key) {
		jsonw_str(w->b, key);
		sb_append(w->b, ": ");
	}
}

static void jw_open(jw *w, const char *key, char brace)
{
	jw_key(w, key);
	sb_appendc(w->b, brace);
	w->depth++;
	w->more[w->depth] = false;
}

static void jw_close(jw *w, char brace)
{
	bool had = w->more[w->depth];
	w->depth--;
	if (had) {
		sb_appendc(w->b, '\n');
		for (int i = 0; i < w->depth; i++)
			sb_append(w->b, "  ");
	}
	sb_appendc(w->b, brace);
}

static void jw_str(jw *w, const char *key, const char *v)
{
	jw_key(w, key);
	jsonw_str(w->b, v);
}

static void jw_int(jw *w, const char *key, long long v)
{
	jw_key(w, key);
	sb_printf(w->b, "%lld", v);
}

static void jw_raw(jw *w, const char *key, const char *raw)
{
	jw_key(w, key);
	sb_append(w->b, raw);
}

static void jw_id(jw *w, const char *kind, const char *key)
{
	char id[37];
	hsds_uuid(id, kind, key);
	jw_str(w, "id", id);
}

/* --- HSDS export --- */

static const char *const weekday_codes[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
static const char *const cost_ids[] = {"gratis", "laag", "betaald", "onbekend"};
static const char *const mobility_ids[] = {"komt_aan_huis", "vervoer_geregeld", "zelf_gaan", "op_afstand", "onbekend"};
static const char *const barrier_ids[] = {"none", "geld", "mobiliteit", "gehoor", "taal", "gezondheid"};

/* Whether s is a UUID (8-4-4-4-12 hex digits), as HSDS 3.0 wants its ids. */
static bool is_uuid(const char *s)
{
	for (int i = 0; i < 36; i++) {
		char ch = s[i];
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? ch != '-' : !((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')))
			return false;
	}
	return s[36] == '\0';
}

static int term_index(const char *code)
{
	for (int i = 0; hsds_term_codes[i]; i++)
		if (strcmp(hsds_term_codes[i], code) == 0)
			return i;
	return -1;
}

/* One attribute: term `code` of our taxonomy with `value`, linked to service `sid`. The
 * n-th attribute of the activity gets its own stable id. */
static void attribute(jw *w, const ik_activity *a, const char *sid, const char *code, const char *value, int *n)
{
	char key[160], tid[37], taxid[37];
	snprintf(key, sizeof key, "%s/%d", a->id, (*n)++);
	hsds_uuid(tid, "term", code);
	hsds_uuid(taxid, "taxonomy", HSDS_TAXONOMY);
	jw_open(w, NULL, '{');
	jw_id(w, "attribute", key);
	jw_str(w, "link_id", sid);
	jw_str(w, "link_entity", "service");
	jw_str(w, "taxonomy_term_id", tid);
	jw_str(w, "value", value);
	jw_open(w, "taxonomy_term", '{');
	jw_str(w, "id", tid);
	jw_str(w, "code", code);
	jw_str(w, "name", code);
	jw_str(w, "description", term_descriptions[term_index(code)]);
	jw_str(w, "taxonomy", HSDS_TAXONOMY);
	jw_str(w, "taxonomy_id", taxid);
	jw_close(w, '}');
	jw_close(w, '}');
}

static void bit_attributes(jw *w, const ik_activity *a, const char *sid, const char *code, uint64_t bits,
			   const char *const *names, int nnames, int *n)
{
	for (int i = 0; i < nnames && i < 64; i++)
		if (bits >> i & 1)
			attribute(w, a, sid, code, names[i], n);
}

static void our_attributes(jw *w, const content *c, const ik_activity *a, const char *sid)
{
	int n = 0, ngroups = 0, nlonely = 0;
	while (content_group_ids[ngroups])
		ngroups++;
	while (content_lonely_ids[nlonely])
		nlonely++;
	const char **profiles = xcalloc((size_t)c->nprofiles + 1, sizeof *profiles);
	for (int i = 0; i < c->nprofiles; i++)
		profiles[i] = c->profiles[i].id;
	int iq = c->facet_q[FACET_INTERESTS];
	const ik_question *interests = iq >= 0 ? &c->questions[iq] : NULL;
	const char **ints = xcalloc(interests ? (size_t)interests->nopts + 1 : 1, sizeof *ints);
	for (int i = 0; interests && i < interests->nopts; i++)
		ints[i] = interests->opts[i].id;

	jw_open(w, "attributes", '[');
	attribute(w, a, sid, "id", a->id, &n);
	bit_attributes(w, a, sid, "profiles", a->profiles, profiles, c->nprofiles, &n);
	bit_attributes(w, a, sid, "loneliness", a->lonely, content_lonely_ids, nlonely, &n);
	bit_attributes(w, a, sid, "active_elements", a->elements, content_element_ids, 7, &n);
	bit_attributes(w, a, sid, "target_groups", a->groups, content_group_ids, ngroups, &n);
	bit_attributes(w, a, sid, "interests", a->interests, ints, interests ? interests->nopts : 0, &n);
	attribute(w, a, sid, "mobility", mobility_ids[a->mobility], &n);
	bit_attributes(w, a, sid, "helps_with", a->helps_with, barrier_ids, 6, &n);
	if (a->human_route)
		attribute(w, a, sid, "human_route", "true", &n);
	attribute(w, a, sid, "cost", cost_ids[a->cost], &n);
	attribute(w, a, sid, "description_en", a->description.en, &n);
	attribute(w, a, sid, "application_process_en", a->application_process.en, &n);
	if (a->accessibility)
		attribute(w, a, sid, "accessibility_en", a->accessibility->en, &n);
	if (a->ends_days >= 0) {
		char date[11];
		date_format(a->ends_days, date);
		attribute(w, a, sid, "ends_on", date, &n);
	}
	int rq = c->facet_q[FACET_ROLE];
	const ik_question *roles = rq >= 0 ? &c->questions[rq] : NULL;
	for (int i = 0; roles && i < roles->nopts; i++) {
		if (a->for_roles >> i & 1)
			attribute(w, a, sid, "for_roles", roles->opts[i].id, &n);
		if (a->not_for_roles >> i & 1)
			attribute(w, a, sid, "not_for_roles", roles->opts[i].id, &n);
	}
	if (a->hsds_id && !is_uuid(a->hsds_id)) /* a UUID is the service's own id already */
		attribute(w, a, sid, "hsds_id", a->hsds_id, &n);
	jw_close(w, ']');
	free(profiles);
	free(ints);
}

/* A list of small objects with an id from (kind, activity id/i) and one string field. */
static void id_string_list(jw *w, const char *list, const char *kind, const ik_activity *a, const char *field,
			   const char *const *vals, int n)
{
	if (n == 0)
		return;
	jw_open(w, list, '[');
	for (int i = 0; i < n; i++) {
		char key[96];
		snprintf(key, sizeof key, "%s/%d", a->id, i);
		jw_open(w, NULL, '{');
		jw_id(w, kind, key);
		jw_str(w, field, vals[i]);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void service_areas(jw *w, const content *c, const ik_activity *a)
{
	int wq = c->facet_q[FACET_WIJK];
	const char *names[65];
	int n = 0;
	if (a->citywide)
		names[n++] = "Utrecht";
	for (int i = 0; wq >= 0 && i < c->questions[wq].nopts && i < 63; i++)
		if (a->wijken >> i & 1)
			names[n++] = c->questions[wq].opts[i].text.nl;
	id_string_list(w, "service_areas", "service_area", a, "name", names, n);
}

static void schedules(jw *w, const ik_activity *a)
{
	if (a->nschedule == 0)
		return;
	jw_open(w, "schedules", '[');
	for (int i = 0; i < a->nschedule; i++) {
		const ik_session *s = &a->schedule[i];
		char key[96], t[8];
		snprintf(key, sizeof key, "%s/%d", a->id, i);
		jw_open(w, NULL, '{');
		jw_id(w, "schedule", key);
		jw_str(w, "freq", "WEEKLY");
		jw_int(w, "interval", 1);
		jw_str(w, "byday", weekday_codes[s->weekday]);
		snprintf(t, sizeof t, "%02d:%02d", s->opens / 60 % 100, s->opens % 60);
		jw_str(w, "opens_at", t);
		snprintf(t, sizeof t, "%02d:%02d", s->closes / 60 % 100, s->closes % 60);
		jw_str(w, "closes_at", t);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void cost_options(jw *w, const ik_activity *a)
{
	if (a->cost == COST_GRATIS) {
		jw_open(w, "cost_options", '[');
		jw_open(w, NULL, '{');
		jw_id(w, "cost_option", a->id);
		jw_str(w, "option", "gratis");
		jw_str(w, "currency", "EUR");
		jw_int(w, "amount", 0);
		jw_close(w, '}');
		jw_close(w, ']');
	} else if (a->cost == COST_LAAG || a->cost == COST_BETAALD) {
		jw_str(w, "fees_description", a->cost == COST_LAAG ? "lage kosten" : "betaald");
	}
}

/* Accessibility belongs to a location in HSDS: a location with only a name and it. */
static void accessibility(jw *w, const ik_activity *a)
{
	if (!a->accessibility)
		return;
	jw_open(w, "service_at_locations", '[');
	jw_open(w, NULL, '{');
	jw_id(w, "service_at_location", a->id);
	jw_open(w, "location", '{');
	jw_id(w, "location", a->id);
	jw_str(w, "location_type", a->mobility == MOB_OP_AFSTAND ? "virtual" : "physical");
	jw_str(w, "name", a->name);
	jw_open(w, "accessibility", '[');
	jw_open(w, NULL, '{');
	jw_id(w, "accessibility", a->id);
	jw_str(w, "description", a->accessibility->nl);
	jw_close(w, '}');
	jw_close(w, ']');
	jw_close(w, '}');
	jw_close(w, '}');
	jw_close(w, ']');
}

/* Hands what out holds to flush and empties it. */
static int pass_on(strbuf *out, hsds_flush_fn flush, void *ctx)
{
	int rc = flush(ctx, out->s, out->len);
	out->len = 0;
	out->s[0] = '\0';
	return rc;
}

static void service(jw *w, const content *c, const ik_activity *a)
{
	char sid[37], oid[37], date[11];
	/* the publisher's own id when the entry came from HSDS, so that it is the same service
	 * there; else one derived from ours */
	if (a->hsds_id && is_uuid(a->hsds_id))
		snprintf(sid, sizeof sid, "%s", a->hsds_id);
	else
		hsds_uuid(sid, "service", a->id);
	hsds_uuid(oid, "organization", a->organization);
	jw_open(w, NULL, '{');
	jw_str(w, "id", sid);
	jw_str(w, "organization_id", oid);
	jw_str(w, "name", a->name);
	jw_str(w, "description", a->description.nl);
	if (a->url)
		jw_str(w, "url", a->url);
	if (a->email)
		jw_str(w, "email", a->email);
	jw_str(w, "status", "active");
	jw_str(w, "application_process", a->application_process.nl);
	cost_options(w, a);
	if (a->min_age >= 0)
		jw_int(w, "minimum_age", a->min_age);
	if (a->max_age >= 0)
		jw_int(w, "maximum_age", a->max_age);
	if (a->assured_days != IK_DATE_UNKNOWN) { /* unknown: HSDS leaves it out */
		date_format(a->assured_days, date);
		jw_str(w, "assured_date", date);
	}
	jw_open(w, "organization", '{');
	jw_str(w, "id", oid);
	jw_str(w, "name", a->organization);
	jw_str(w, "description", ""); /* required by HSDS; the catalogue has none */
	jw_close(w, '}');
	id_string_list(w, "phones", "phone", a, "number", a->phones, a->nphones);
	schedules(w, a);
	service_areas(w, c, a);
	id_string_list(w, "languages", "language", a, "code", a->languages, a->nlanguages);
	accessibility(w, a);
	our_attributes(w, c, a, sid);
	jw_close(w, '}');
}

int hsds_export_to(const content *c, strbuf *out, hsds_flush_fn flush, void *ctx)
{
	jw w = {.b = out};
	jw_open(&w, NULL, '{');
	jw_int(&w, "total_items", c->nactivities);
	jw_int(&w, "total_pages", 1);
	jw_int(&w, "page_number", 1);
	jw_int(&w, "size", c->nactivities);
	jw_raw(&w, "first_page", "true");
	jw_raw(&w, "last_page", "true");
	jw_raw(&w, "empty", c->nactivities ? "false" : "true");
	jw_open(&w, "contents", '[');
	for (int i = 0; i < c->nactivities; i++) {
		service(&w, c, &c->activities[i]);
		if (flush && out->len >= HSDS_EXPORT_CHUNK && pass_on(out, flush, ctx) != 0)
			return -1;
	}
	jw_close(&w, ']');
	jw_close(&w, '}');
	sb_appendc(out, '\n');
	return flush ? pass_on(out, flush, ctx) : 0;
}

void hsds_export(const content *c, strbuf *out)
{
	hsds_export_to(c, out, NULL, NULL);
}

/* --- activities.json --- */

static void ids_inline(strbuf *b, const char *key, uint64_t bits, const char *const *names, int n)
{
	sb_printf(b, "      \"%s\": [", key);
	int k = 0;
	for (int i = 0; i < n && i < 64; i++)
		if (bits >> i & 1) {
			sb_append(b, k++ ? ", " : "");
			jsonw_str(b, names[i]);
		}
	sb_append(b, "],\n");
}

static void text_block(strbuf *b, const char *key, const ik_text *t)
{
	sb_printf(b, "      \"%s\": ", key);
	if (!t) {
		sb_append(b, "null,\n");
		return;
	}
	sb_append(b, "{\n        \"nl\": ");
	jsonw_str(b, t->nl);
	sb_append(b, ",\n        \"en\": ");
	jsonw_str(b, t->en);
	sb_append(b, "\n      },\n");
}

static void str_field(strbuf *b, const char *key, const char *v)
{
	sb_printf(b, "      \"%s\": ", key);
	jsonw_str(b, v);
	sb_append(b, ",\n");
}

static void age_field(strbuf *b, const char *key, int v)
{
	if (v >= 0)
		sb_printf(b, "      \"%s\": %d,\n", key, v);
	else
		sb_printf(b, "      \"%s\": null,\n", key);
}

/* The facts of an activity: from its id to its source. */
static void activity_facts(strbuf *b, const content *c, const ik_activity *a)
{
	static const char *const days[] = {"ma", "di", "wo", "do", "vr", "za", "zo"};
	int wq = c->facet_q[FACET_WIJK];
	const ik_question *wijk = wq >= 0 ? &c->questions[wq] : NULL;
	str_field(b, "id", a->id);
	str_field(b, "name", a->name);
	str_field(b, "organization", a->organization);
	text_block(b, "description", &a->description);
	str_field(b, "url", a->url);
	str_field(b, "email", a->email);
	sb_append(b, "      \"phones\": [");
	for (int i = 0; i < a->nphones; i++) {
		sb_append(b, i ? ", " : "");
		jsonw_str(b, a->phones[i]);
	}
	sb_append(b, "],\n      \"service_area\": [");
	int k = 0;
	if (a->citywide) {
		sb_append(b, "\"stad\"");
		k++;
	}
	for (int i = 0; wijk && i < wijk->nopts; i++)
		if (a->wijken >> i & 1) {
			sb_append(b, k++ ? ", " : "");
			jsonw_str(b, wijk->opts[i].id);
		}
	sb_append(b, "],\n");
	age_field(b, "minimum_age", a->min_age);
	age_field(b, "maximum_age", a->max_age);
	sb_append(b, "      \"languages\": [");
	for (int i = 0; i < a->nlanguages; i++) {
		sb_append(b, i ? ", " : "");
		jsonw_str(b, a->languages[i]);
	}
	sb_printf(b, "],\n      \"cost\": \"%s\",\n      \"schedule\": [", cost_ids[a->cost]);
	for (int i = 0; i < a->nschedule; i++) {
		const ik_session *s = &a->schedule[i];
		sb_printf(b, "%s\n        {\"weekday\": \"%s\", \"opens_at\": \"%02d:%02d\", \"closes_at\": \"%02d:%02d\"}",
			  i ? "," : "", days[s->weekday], s->opens / 60 % 100, s->opens % 60, s->closes / 60 % 100, s->closes % 60);
	}
	sb_append(b, a->nschedule ? "\n      ],\n" : "],\n");
	text_block(b, "accessibility", a->accessibility);
	text_block(b, "application_process", &a->application_process);
	char date[11];
	date_format(a->assured_days, date);
	str_field(b, "assured_date", a->assured_days == IK_DATE_UNKNOWN ? NULL : date);
	str_field(b, "source", a->source);
	if (a->hsds_id)
		str_field(b, "hsds_id", a->hsds_id);
}

/* Whom and what an activity fits: from its profiles to human_route. */
static void activity_fit(strbuf *b, const content *c, const ik_activity *a)
{
	int iq = c->facet_q[FACET_INTERESTS];
	const ik_question *ints = iq >= 0 ? &c->questions[iq] : NULL;
	const char *profiles[64];
	for (int i = 0; i < c->nprofiles && i < 64; i++)
		profiles[i] = c->profiles[i].id;
	int ngroups = 0, nlonely = 0;
	while (content_group_ids[ngroups])
		ngroups++;
	while (content_lonely_ids[nlonely])
		nlonely++;
	const char **intids = xcalloc(ints ? (size_t)ints->nopts + 1 : 1, sizeof *intids);
	for (int i = 0; ints && i < ints->nopts; i++)
		intids[i] = ints->opts[i].id;
	ids_inline(b, "profiles", a->profiles, profiles, c->nprofiles);
	ids_inline(b, "loneliness", a->lonely, content_lonely_ids, nlonely);
	ids_inline(b, "active_elements", a->elements, content_element_ids, 7);
	ids_inline(b, "target_groups", a->groups, content_group_ids, ngroups);
	ids_inline(b, "interests", a->interests, intids, ints ? ints->nopts : 0);
	sb_printf(b, "      \"mobility\": \"%s\",\n", mobility_ids[a->mobility]);
	ids_inline(b, "helps_with", a->helps_with, barrier_ids, 6);
	int rq = c->facet_q[FACET_ROLE];
	const ik_question *roleq = rq >= 0 ? &c->questions[rq] : NULL;
	const char *roles[IK_MAX_OPTIONS] = {0};
	for (int i = 0; roleq && i < roleq->nopts; i++)
		roles[i] = roleq->opts[i].id;
	if (a->for_roles) /* written only where set: catalogues without them stay as they were */
		ids_inline(b, "for_roles", a->for_roles, roles, roleq ? roleq->nopts : 0);
	if (a->not_for_roles)
		ids_inline(b, "not_for_roles", a->not_for_roles, roles, roleq ? roleq->nopts : 0);
	if (a->ends_days >= 0) {
		char date[11];
		date_format(a->ends_days, date);
		str_field(b, "ends_on", date);
	}
	sb_printf(b, "      \"human_route\": %s\n", a->human_route ? "true" : "false");
	free(intids);
}

void hsds_activity_json(const content *c, const ik_activity *a, strbuf *out)
{
	sb_append(out, "    {\n");
	activity_facts(out, c, a);
	activity_fit(out, c, a);
	sb_append(out, "    }");
}

void hsds_activities_json(const content *c, const ik_activity *v, int n, strbuf *out)
{
	sb_append(out, HSDS_ACTIVITIES_HEAD);
	for (int i = 0; i < n; i++) {
		hsds_activity_json(c, &v[i], out);
		sb_append(out, i + 1 < n ? HSDS_ACTIVITIES_SEP : "\n");
	}
	sb_append(out, HSDS_ACTIVITIES_TAIL);
}
