/* content_hsds_service.c: one HSDS service, from its first field to a finished catalogue
 * entry (see content_hsds_internal.h): its texts, contact, locations and dates, what it does
 * not map, and which copy wins when a publication holds it twice (its id: content_hsds_ids.c).
 * Nothing is made up: where the catalogue needs a value HSDS does not give, the default is said
 * in the report; a date nobody gave stays unknown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_hsds_internal.h"
#include "i18n.h"
#include "text.h"

/* --- one service --- */

static const cJSON *organization_of(const cJSON *svc, const cJSON *parent_org)
{
	const cJSON *o = hsds_get(svc, "organization");
	return cJSON_IsObject(o) ? o : parent_org;
}

/* The fields this file maps, or deliberately leaves: bookkeeping (ids of other tables, change
 * history) is not reported. Anything else with a value is listed as not mapped. */
static bool handled_key(const char *k)
{
	static const char *const keys[] = {"id", "organization_id", "program_id", "last_modified", "metadata",
		"name", "description", "url", "email", "status", "application_process", "minimum_age", "maximum_age",
		"assured_date", "phones", "schedules", "service_areas", "service_at_locations", "languages",
		"organization", "cost_options", "fees_description", "fees", "free_of_charge", "attributes", NULL};
	for (int i = 0; keys[i]; i++)
		if (strcmp(keys[i], k) == 0)
			return true;
	return false;
}

static void unmapped_keys(hsds_imp *m, const cJSON *obj, const char *what, bool (*handled)(const char *))
{
	strbuf s = {0};
	for (const cJSON *k = obj->child; k; k = k->next)
		if (!handled(k->string) && k->string[0] != '_' && hsds_present(k))
			sb_printf(&s, "%s%s", s.len ? ", " : "", hsds_snip(m, k->string, 40));
	if (s.len)
		hsds_note(m, NULL, _("%sniet overgenomen: %s"), what, s.s);
	sb_free(&s);
}

static bool sal_handled(const char *k)
{
	return strcmp(k, "id") == 0 || strcmp(k, "service_id") == 0 || strcmp(k, "location_id") == 0 ||
	       strcmp(k, "location") == 0 || strcmp(k, "schedules") == 0 || strcmp(k, "phones") == 0 ||
	       strcmp(k, "service") == 0 || strcmp(k, "metadata") == 0;
}

/* A location: its accessibility is read; its address and the rest are not in the catalogue. */
static void location(hsds_imp *m, const cJSON *loc)
{
	hsds_building *b = m->b;
	b->locations++;
	const char *type = hsds_str(loc, "location_type");
	if (type && strcmp(type, "virtual") == 0)
		b->virtual_locations++;
	const cJSON *acc = hsds_get(loc, "accessibility");
	int i = 0;
	ld_push_key(m->L, "accessibility");
	for (const cJSON *e = cJSON_IsArray(acc) ? acc->child : NULL; e; e = e->next, i++) {
		const char *d = hsds_clean(m, hsds_str(e, "description"), false);
		const char *x = hsds_clean(m, hsds_str(e, "details"), false);
		for (int k = 0; k < 2; k++)
			if ((k ? x : d) && !strstr(b->access.s ? b->access.s : "", k ? x : d))
				sb_printf(&b->access, "%s%s", b->access.len ? " " : "", k ? x : d);
		if (hsds_str(e, "url")) {
			ld_push_index(m->L, i);
			hsds_note(m, "url", _("url bij de toegankelijkheid niet overgenomen: '%s'"), hsds_snip(m, hsds_str(e, "url"), 80));
			ld_pop(m->L);
		}
	}
	ld_pop(m->L);
	hsds_address(m, loc); /* where it is: in Utrecht or not */
	if (hsds_present(hsds_get(loc, "addresses")) || hsds_present(hsds_get(loc, "transportation")) ||
	    hsds_present(hsds_get(loc, "description")))
		hsds_note(m, NULL, _("locatie '%s': adres en routebeschrijving niet overgenomen (de catalogus heeft geen "
				     "adres; zet ze in application_process waar ze helpen)"), hsds_snip(m, hsds_str(loc, "name"), 60));
	if (hsds_present(hsds_get(loc, "schedules")))
		hsds_note(m, "schedules", "%s", _("de openingstijden van de locatie zijn niet overgenomen (alleen de "
						   "bijeenkomsten van de dienst)"));
}

/* A service_at_location: its schedules, phones and location belong to the service. The path
 * is at sal. */
static void sal_parts(hsds_imp *m, const cJSON *sal)
{
	hsds_schedules(m, sal, "schedules");
	hsds_phones(m, sal, "phones");
	const cJSON *loc = hsds_get(sal, "location");
	if (cJSON_IsObject(loc)) {
		ld_push_key(m->L, "location");
		location(m, loc);
		ld_pop(m->L);
	}
	unmapped_keys(m, sal, _("service_at_location: "), sal_handled);
}

/* A text from HSDS (one language) and our English attribute, when there is one; the fields
 * without English are added to *missing. */
static const ik_text *text_pair(hsds_imp *m, const char *nl, const char *en, const char *field, strbuf *missing)
{
	ik_text *t = arena_alloc(m->a, sizeof *t);
	t->nl = nl;
	t->en = en ? en : nl;
	if (!en)
		sb_printf(missing, "%s%s", missing->len ? ", " : "", field);
	return t;
}

/* t with `add` after it (in each language), in the arena; add may be empty. */
static ik_text text_plus(hsds_imp *m, ik_text t, const char *add_nl, const char *add_en)
{
	if (!add_nl || !*add_nl)
		return t;
	char *nl = xasprintf("%s %s", t.nl, add_nl), *en = xasprintf("%s %s", t.en, add_en);
	ik_text out = {arena_strdup(m->a, nl), arena_strdup(m->a, en)};
	free(nl);
	free(en);
	return out;
}

static void texts(hsds_imp *m, const cJSON *svc)
{
	hsds_building *b = m->b;
	ik_activity *a = &b->a;
	const hsds_ours *o = &b->ours;
	strbuf missing = {0};
	const char *d = hsds_clean(m, hsds_str(svc, "description"), false);
	if (d) {
		a->description = *text_pair(m, d, o->description_en, "description", &missing);
	} else {
		a->description = (ik_text){"Geen beschrijving in de bron; zie de website of vraag de organisatie.",
					   "No description in the source; see the website or ask the organisation."};
		hsds_note(m, NULL, "%s", _("geen beschrijving: een korte standaardtekst die dat zegt"));
	}
	if (b->outside) { /* a service outside Utrecht says so where every signaller reads */
		char *nl = xasprintf("Buiten Utrecht (werkgebied: %s).", b->elsewhere.s);
		char *en = xasprintf("Outside Utrecht (service area: %s).", b->elsewhere.s);
		ik_text t = text_plus(m, (ik_text){nl, en}, a->description.nl, a->description.en);
		a->description = t;
		free(nl);
		free(en);
	}
	const char *ap = hsds_clean(m, hsds_str(svc, "application_process"), false);
	if (ap) {
		a->application_process = *text_pair(m, ap, o->application_en, "application_process", &missing);
	} else {
		a->application_process = hsds_default_application;
		hsds_note(m, NULL, "%s", _("geen application_process: de standaardtekst ingevuld (vraag de NIZU infolijn)"));
	}
	a->application_process = text_plus(m, a->application_process, b->ext_nl.s, b->ext_en.s);
	if (b->access.len)
		a->accessibility = text_pair(m, arena_strdup(m->a, b->access.s), o->accessibility_en, "accessibility",
					     &missing);
	if (missing.len)
		hsds_note(m, NULL, _("geen Engelse tekst voor %s: de HSDS-tekst staat bij nl en bij en"), missing.s);
	sb_free(&missing);
}

static void age(hsds_imp *m, const cJSON *svc, const char *key, int *out)
{
	const cJSON *v = hsds_get(svc, key);
	*out = -1;
	if (!v || cJSON_IsNull(v))
		return;
	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 150 || v->valuedouble != (int)v->valuedouble)
		hsds_note(m, key, "%s", _("geen hele leeftijd van 0 tot en met 150: niet overgenomen"));
	else
		*out = (int)v->valuedouble;
}

/* Whether url is a host name with an optional path but no scheme ("www.example.org/x"). */
static bool bare_host(const char *url)
{
	size_t host = strcspn(url, "/?#");
	if (!host || strstr(url, "://") || strchr(url, ' ') || strchr(url, '@') || !memchr(url, '.', host))
		return false;
	for (size_t i = 0; i < host; i++) {
		char ch = url[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
		      ch == '-' || ch == ':'))
			return false;
	}
	return url[0] != '.' && url[0] != '-';
}

static void contact(hsds_imp *m, const cJSON *svc)
{
	ik_activity *a = &m->b->a;
	const char *url = hsds_line(m, hsds_str(svc, "url")), *email = hsds_line(m, hsds_str(svc, "email"));
	if (url && bare_host(url)) { /* publishers often leave out the scheme */
		char *with = xasprintf("https://%s", url);
		hsds_note(m, "url", _("'%s' heeft geen https://: geschreven als '%s'"), hsds_snip(m, url, 80),
			  hsds_snip(m, with, 88));
		a->url = arena_strdup(m->a, with);
		free(with);
	} else if (url && strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) {
		hsds_note(m, "url", _("'%s' is geen http(s)-adres: niet overgenomen"), hsds_snip(m, url, 80));
	} else {
		a->url = url;
	}
	if (email && (!strchr(email, '@') || strchr(email, ' ')))
		hsds_note(m, "email", _("'%s' is geen e-mailadres: niet overgenomen"), hsds_snip(m, email, 80));
	else
		a->email = email;
	hsds_phones(m, svc, "phones");
}

static void dates(hsds_imp *m, const cJSON *svc)
{
	ik_activity *a = &m->b->a;
	const char *d = hsds_str(svc, "assured_date");
	char day[11] = "";
	if (d && strlen(d) >= 10 && (d[10] == '\0' || d[10] == 'T' || d[10] == ' '))
		snprintf(day, sizeof day, "%.10s", d);
	if (day[0] && date_parse(day, &a->assured_days) == 0)
		return;
	/* not the import date: nobody checked it today, and a date that says so would hide that */
	a->assured_days = IK_DATE_UNKNOWN;
	if (d)
		hsds_note(m, "assured_date", _("'%s' is geen datum: assured_date blijft onbekend (null)"), hsds_snip(m, d, 40));
	else
		hsds_note(m, NULL, "%s", _("geen assured_date: die blijft onbekend (null), en de dienst wordt getoond met "
					   "'controleer de gegevens'"));
}

static const void **arena_list(hsds_imp *m, const hsds_vec *x)
{
	const void **v = arena_alloc(m->a, (size_t)(x->n ? x->n : 1) * sizeof *v);
	if (x->n)
		memcpy(v, x->v, (size_t)x->n * sizeof *v);
	return v;
}

/* How much a copy of a service says: its keys with a value. */
static int richness(const cJSON *svc)
{
	int n = 0;
	for (const cJSON *k = svc->child; k; k = k->next)
		n += hsds_present(k);
	return n;
}

/* Adds the entry, or puts it in place of entry `replace` (a shorter copy of the same service). */
static void finish(hsds_imp *m, const cJSON *svc, const cJSON *org, int replace, int rich)
{
	hsds_building *b = m->b;
	ik_activity *a = &b->a;
	const hsds_ours *o = &b->ours;
	const char *on = hsds_line(m, hsds_str(org, "name"));
	a->organization = on ? on : "onbekend";
	if (!on)
		hsds_note(m, NULL, "%s", _("geen naam van de organisatie: 'onbekend' ingevuld"));
	a->hsds_id = hsds_source_id(m, svc);
	hsds_place_decide(m); /* before the texts: a service outside Utrecht says so in them */
	texts(m, svc);
	a->phones = (const char **)arena_list(m, &b->phones);
	a->nphones = b->phones.n;
	a->languages = (const char **)arena_list(m, &b->languages);
	a->nlanguages = b->languages.n;
	a->schedule = arena_alloc(m->a, (size_t)(b->nsess ? b->nsess : 1) * sizeof *a->schedule);
	if (b->nsess)
		memcpy(a->schedule, b->sess, (size_t)b->nsess * sizeof *a->schedule);
	a->nschedule = b->nsess;
	if (a->min_age >= 0 && a->max_age >= 0 && a->min_age > a->max_age) {
		hsds_note(m, NULL, _("minimum_age %d is hoger dan maximum_age %d: geen van beide overgenomen"), a->min_age,
			  a->max_age);
		a->min_age = a->max_age = -1;
	}
	a->source = m->source;
	a->profiles = o->profiles;
	a->lonely = o->lonely;
	a->elements = o->elements;
	a->groups = o->groups;
	a->interests = o->interests;
	a->helps_with = o->helps_with;
	a->human_route = o->human_route == 1;
	a->ends_days = o->ends_days;
	a->for_roles = o->for_roles;
	a->not_for_roles = o->not_for_roles & ~o->for_roles;
	if (o->mobility >= 0) {
		a->mobility = (ik_mobility)o->mobility;
	} else if (b->locations && b->locations == b->virtual_locations) {
		a->mobility = MOB_OP_AFSTAND;
		hsds_note(m, NULL, "%s", _("mobility: elke locatie is virtueel, dus 'op_afstand' (van huis uit)"));
	} else {
		a->mobility = MOB_ONBEKEND;
		hsds_note(m, NULL, "%s", _("mobility: staat niet in HSDS; 'onbekend' ingevuld"));
	}
	hsds_infer(m); /* what ranking reads, where our own attributes did not say it */
	a->id = replace >= 0 ? m->E.v[replace].id : hsds_entry_id(m);
	hsds_entry_keep(m, replace, a, hsds_str(svc, "id"), rich);
}

/* Whether the service is imported: it needs a name, must not be defunct or inactive, and of
 * two copies of one service (a folder may hold it as a list entry and in full) the one that
 * says the most is kept. Returns -2 (skip), -1 (a new entry) or the entry it replaces. */
static int admit(hsds_imp *m, const cJSON *svc, int rich)
{
	const char *status = hsds_str(svc, "status"), *hid = hsds_str(svc, "id");
	if (!hsds_line(m, m->name)) {
		hsds_note(m, NULL, "%s", _("geen naam: niet ingelezen"));
		return -2;
	}
	if (status && (strcmp(status, "defunct") == 0 || strcmp(status, "inactive") == 0)) {
		hsds_note(m, "status", _("status '%s': niet ingelezen"), hsds_snip(m, status, 40));
		return -2;
	}
	int i = hsds_entry_by_hid(m, hid);
	if (i >= 0) {
		if (rich <= m->E.v[i].rich) {
			hsds_note(m, "id", _("dienst-id %s is al gelezen (als '%s'): niet nog eens ingelezen"),
				  hsds_snip(m, hid, 40), m->E.v[i].id);
			return -2;
		}
		hsds_note(m, "id", _("een vollediger exemplaar van dienst-id %s, eerder gelezen als '%s': dit komt ervoor "
				     "in de plaats (de opmerkingen bij het kortere gelden niet meer)"),
			  hsds_snip(m, hid, 40), m->E.v[i].id);
		m->out->skipped++; /* the shorter copy */
		return i;
	}
	if (status && strcmp(status, "active") != 0)
		hsds_note(m, "status", _("status '%s': ingelezen; controleer de dienst voordat u iemand verwijst"),
			  hsds_snip(m, status, 40));
	return -1;
}

/* Reads the fields of svc (the path at svc) into m->b. */
static void fields(hsds_imp *m, const cJSON *svc)
{
	hsds_building *b = m->b;
	hsds_attributes(m, svc); /* first: our own fields decide over guesses */
	contact(m, svc);
	hsds_areas(m, svc);
	age(m, svc, "minimum_age", &b->a.min_age);
	age(m, svc, "maximum_age", &b->a.max_age);
	hsds_languages(m, svc);
	hsds_cost(m, svc);
	hsds_schedules(m, svc, "schedules");
	const cJSON *sals = hsds_get(svc, "service_at_locations");
	ld_push_key(m->L, "service_at_locations");
	int i = 0;
	for (const cJSON *e = cJSON_IsArray(sals) ? sals->child : NULL; e; e = e->next, i++) {
		ld_push_index(m->L, i);
		sal_parts(m, e);
		ld_pop(m->L);
	}
	ld_pop(m->L);
	dates(m, svc);
	unmapped_keys(m, svc, "", handled_key);
}

void hsds_service(hsds_imp *m, const cJSON *svc, const cJSON *parent_org, const cJSON *sal, const char *svc_key)
{
	hsds_building b = {.svc = svc};
	m->number++;
	m->out->services++;
	m->name = hsds_str(svc, "name");
	m->b = &b;
	if (svc_key)
		ld_push_key(m->L, svc_key);
	int rich = richness(svc), replace = admit(m, svc, rich);
	if (replace == -2) {
		m->out->skipped++;
	} else {
		b.a.name = hsds_line(m, m->name);
		if (sal) { /* its schedules, phones and location, read where they are */
			if (svc_key)
				ld_pop(m->L);
			sal_parts(m, sal);
			if (svc_key)
				ld_push_key(m->L, svc_key);
		}
		fields(m, svc);
		finish(m, svc, organization_of(svc, parent_org), replace, rich);
	}
	if (svc_key)
		ld_pop(m->L);
	free(b.phones.v);
	free(b.languages.v);
	free(b.sess);
	sb_free(&b.access);
	sb_free(&b.ext_nl);
	sb_free(&b.ext_en);
	sb_free(&b.elsewhere);
	m->b = NULL;
	m->name = NULL;
}
