/* content_hsds_parts.c: the HSDS fields that need mapping onto the catalogue's (see
 * content_hsds_internal.h): weekly schedules, phone numbers (an extension goes into how to sign
 * up), cost, and the attributes of our own taxonomy (languages: content_hsds_lang.c). What does
 * not fit is noted, never guessed: a monthly session stays out, and the report says so. */
#include <stdlib.h>
#include <string.h>

#include "content_hsds_internal.h"
#include "i18n.h"
#include "text.h"

/* --- schedules: only simple weekly sessions --- */

static const char *const ical_days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU", NULL};

/* "HH:MM" or "HH:MM:SS", optionally with the Dutch offsets +01:00 / +02:00; minutes after
 * midnight, or -1. */
static int clock_minutes(const char *t)
{
	if (!t || strlen(t) < 5 || t[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (t[i] < '0' || t[i] > '9'))
			return -1;
	int h = (t[0] - '0') * 10 + (t[1] - '0'), mi = (t[3] - '0') * 10 + (t[4] - '0');
	const char *rest = t + 5;
	if (rest[0] == ':' && rest[1] >= '0' && rest[1] <= '5' && rest[2] >= '0' && rest[2] <= '9')
		rest += 3;
	if (*rest && strcmp(rest, "+01:00") != 0 && strcmp(rest, "+02:00") != 0)
		return -1;
	return h <= 23 && mi <= 59 ? h * 60 + mi : -1;
}

static void add_session(hsds_building *b, int day, int opens, int closes)
{
	for (int i = 0; i < b->nsess; i++)
		if (b->sess[i].weekday == day && b->sess[i].opens == opens && b->sess[i].closes == closes)
			return;
	if (b->nsess == b->capsess) {
		b->capsess = b->capsess ? b->capsess * 2 : 8;
		b->sess = xrealloc(b->sess, (size_t)b->capsess * sizeof *b->sess);
	}
	b->sess[b->nsess++] = (ik_session){day, opens, closes};
}

/* The schedule as an iCal-like rule, for the report. */
static void rule_text(hsds_imp *m, strbuf *s, const cJSON *e)
{
	static const char *const keys[] = {"freq", "interval", "byday", "bymonthday", "byweekno", "byyearday",
					   "count", "until", "dtstart", "valid_from", "valid_to", "timezone", NULL};
	for (int i = 0; keys[i]; i++) {
		const cJSON *v = hsds_get(e, keys[i]);
		if (cJSON_IsString(v) && v->valuestring[0])
			sb_printf(s, "%s%s=%s", s->len ? ";" : "", keys[i], hsds_snip(m, v->valuestring, 40));
		else if (cJSON_IsNumber(v))
			sb_printf(s, "%s%s=%g", s->len ? ";" : "", keys[i], v->valuedouble);
	}
	const char *o = hsds_str(e, "opens_at"), *c = hsds_str(e, "closes_at");
	sb_printf(s, "%s%s-%s", s->len ? " " : "", o ? hsds_snip(m, o, 16) : "?", c ? hsds_snip(m, c, 16) : "?");
}

/* Why schedule e is not a simple weekly session, or NULL when it is one. */
static const char *not_weekly(hsds_imp *m, const cJSON *e)
{
	static const char *const beyond[] = {"bymonthday", "byweekno", "byyearday", "count", "until", NULL};
	const char *freq = hsds_str(e, "freq");
	const cJSON *interval = hsds_get(e, "interval");
	if (freq && strcmp(freq, "WEEKLY") != 0)
		return _("alleen wekelijkse bijeenkomsten");
	if (interval && !cJSON_IsNull(interval) && !(cJSON_IsNumber(interval) && interval->valuedouble == 1))
		return _("alleen elke week, niet om de paar weken");
	for (int i = 0; beyond[i]; i++)
		if (hsds_present(hsds_get(e, beyond[i])))
			return _("alleen gewone wekelijkse bijeenkomsten, zonder bymonthday, byweekno, byyearday, count of until");
	const cJSON *tz = hsds_get(e, "timezone");
	if (tz && !cJSON_IsNull(tz) && !(cJSON_IsNumber(tz) && (tz->valuedouble == 1 || tz->valuedouble == 2)))
		return _("alleen Nederlandse tijd");
	char today[11];
	date_format(m->today, today);
	const char *to = hsds_str(e, "valid_to"), *from = hsds_str(e, "valid_from"), *start = hsds_str(e, "dtstart");
	if (to && strncmp(to, today, 10) < 0)
		return _("het is afgelopen (valid_to)");
	if ((from && strncmp(from, today, 10) > 0) || (start && strncmp(start, today, 10) > 0))
		return _("het is nog niet begonnen");
	if (!hsds_str(e, "byday"))
		return _("geen byday: de weekdagen zijn niet bekend");
	int o = clock_minutes(hsds_str(e, "opens_at")), c = clock_minutes(hsds_str(e, "closes_at"));
	if (o < 0 || c < 0)
		return _("opens_at en closes_at moeten tijden UU:MM zijn");
	if (c <= o)
		return _("closes_at ligt niet na opens_at");
	return NULL;
}

/* The weekdays of byday ("MO,WE") as bits, or -1 when one is not a plain day ("1MO"). */
static int byday_bits(const char *byday)
{
	int bits = 0;
	char *copy = xstrdup(byday), *save = NULL;
	for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
		int d = 0;
		while (ical_days[d] && strcmp(ical_days[d], t) != 0)
			d++;
		if (!ical_days[d]) {
			bits = -1;
			break;
		}
		bits |= 1 << d;
	}
	free(copy);
	return bits;
}

static void one_schedule(hsds_imp *m, const cJSON *e)
{
	const char *why = not_weekly(m, e);
	int days = why ? 0 : byday_bits(hsds_str(e, "byday"));
	if (days < 0)
		why = _("byday mag alleen weekdagen noemen (MO…SU), niet de zoveelste van een maand");
	if (why) {
		strbuf r = {0};
		rule_text(m, &r, e);
		const char *d = hsds_str(e, "description");
		hsds_note(m, NULL, _("rooster '%s' niet overgenomen (%s)%s%s%s"), r.s, why, d ? ": '" : "", hsds_snip(m, d, 80),
			  d ? "'" : "");
		sb_free(&r);
		return;
	}
	int o = clock_minutes(hsds_str(e, "opens_at")), c = clock_minutes(hsds_str(e, "closes_at"));
	for (int d = 0; d < 7; d++)
		if (days >> d & 1)
			add_session(m->b, d, o, c);
}

void hsds_schedules(hsds_imp *m, const cJSON *obj, const char *key)
{
	const cJSON *arr = hsds_get(obj, key);
	if (!cJSON_IsArray(arr))
		return;
	ld_push_key(m->L, key);
	int i = 0;
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		ld_push_index(m->L, i);
		one_schedule(m, e);
		ld_pop(m->L);
	}
	ld_pop(m->L);
}

/* --- phones --- */

/* The number as the catalogue writes it (digits, spaces, '-', one leading '+'): quotes
 * around it go, brackets, dots and slashes become spaces. NULL when that is not enough. */
static const char *phone_number(hsds_imp *m, const char *raw)
{
	const char *s = hsds_line(m, raw);
	if (!s)
		return NULL;
	char *t = arena_strdup(m->a, s), *w = t;
	for (const char *p = s; *p; p++) {
		char ch = *p == '(' || *p == ')' || *p == '.' || *p == '/' ? ' ' : *p;
		if (ch == '"' || ch == '\'' || (ch == ' ' && (w == t || w[-1] == ' ')))
			continue;
		*w++ = ch;
	}
	while (w > t && w[-1] == ' ')
		w--;
	*w = '\0';
	return content_valid_phone(t) ? t : NULL;
}

/* A phone's extension (a number or a string) goes into how to sign up: the catalogue's phones
 * hold digits only, and "ask for extension 100" is what a signaller needs to know. */
static void extension(hsds_imp *m, const cJSON *e, const char *number)
{
	const cJSON *x = hsds_get(e, "extension");
	char ext[32] = "";
	if (cJSON_IsNumber(x) && x->valuedouble >= 0 && x->valuedouble < 1e9 && x->valuedouble == (int)x->valuedouble)
		snprintf(ext, sizeof ext, "%d", (int)x->valuedouble);
	else if (cJSON_IsString(x) && hsds_line(m, x->valuestring))
		snprintf(ext, sizeof ext, "%s", hsds_snip(m, hsds_line(m, x->valuestring), 24));
	if (!ext[0]) {
		if (hsds_present(x))
			hsds_note(m, "extension", "%s", _("toestelnummer niet overgenomen: geen getal of tekst"));
		return;
	}
	hsds_building *b = m->b;
	sb_printf(&b->ext_nl, "%sBel %s en vraag naar toestel %s.", b->ext_nl.len ? " " : "", number, ext);
	sb_printf(&b->ext_en, "%sCall %s and ask for extension %s.", b->ext_en.len ? " " : "", number, ext);
	hsds_note(m, "extension", _("toestel %s van %s: in application_process gezet"), ext, number);
}

void hsds_phones(hsds_imp *m, const cJSON *obj, const char *key)
{
	const cJSON *arr = hsds_get(obj, key);
	if (!cJSON_IsArray(arr))
		return;
	hsds_vec *v = &m->b->phones;
	ld_push_key(m->L, key);
	int i = 0;
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		ld_push_index(m->L, i);
		const char *raw = hsds_str(e, "number"), *n = phone_number(m, raw);
		if (!n) {
			hsds_note(m, "number", _("telefoon '%s' is geen nummer dat de catalogus kan bevatten: niet overgenomen"),
				  hsds_snip(m, raw, 40));
		} else {
			bool seen = false;
			for (int k = 0; k < v->n && !seen; k++)
				seen = strcmp(v->v[k], n) == 0;
			if (!seen)
				hsds_vec_push(v, n);
			if (strcmp(n, raw) != 0 && !seen)
				hsds_note(m, "number", _("telefoon '%s' geschreven als '%s'"), hsds_snip(m, raw, 40), n);
			extension(m, e, n);
		}
		ld_pop(m->L);
	}
	ld_pop(m->L);
}

/* --- cost --- */

void hsds_cost(hsds_imp *m, const cJSON *svc)
{
	ik_activity *a = &m->b->a;
	const char *fees = hsds_str(svc, "fees_description");
	if (!fees)
		fees = hsds_str(svc, "fees");
	if (m->b->ours.cost >= 0) { /* our own attribute says it exactly */
		a->cost = (ik_cost)m->b->ours.cost;
		return;
	}
	const cJSON *free_of_charge = hsds_get(svc, "free_of_charge");
	if (cJSON_IsTrue(free_of_charge)) {
		a->cost = COST_GRATIS;
		return;
	}
	const cJSON *opts = hsds_get(svc, "cost_options");
	int with_amount = 0, paid = 0;
	for (const cJSON *e = cJSON_IsArray(opts) ? opts->child : NULL; e; e = e->next) {
		const cJSON *amount = hsds_get(e, "amount");
		if (cJSON_IsNumber(amount)) {
			with_amount++;
			paid += amount->valuedouble > 0;
		}
	}
	a->cost = COST_ONBEKEND;
	if (with_amount && paid) {
		a->cost = COST_BETAALD;
		hsds_note(m, "cost_options", "%s", _("een bedrag boven 0: kosten 'betaald' (of het 'laag' is, beoordeelt u zelf)"));
	} else if (with_amount) {
		a->cost = COST_GRATIS;
	} else if (hsds_present(opts) || fees) {
		hsds_note(m, fees ? "fees_description" : "cost_options", _("kosten niet overgenomen%s%s%s: 'onbekend' ingevuld"),
			  fees ? " ('" : "", hsds_snip(m, fees, 80), fees ? "')" : "");
	} else {
		hsds_note(m, NULL, "%s", _("geen kosten in HSDS: 'onbekend' ingevuld"));
	}
}

/* --- attributes of the taxonomy "infokaart" --- */

static int in_list(const char *const *list, int n, const char *s)
{
	for (int i = 0; (n < 0 ? list[i] != NULL : i < n); i++)
		if (list[i] && strcmp(list[i], s) == 0)
			return i;
	return -1;
}

/* Which of our terms attribute e carries: by the embedded term, or by our term ids. */
static int our_term(const cJSON *e, const char **taxonomy, const char **label)
{
	const cJSON *term = hsds_get(e, "taxonomy_term");
	const char *code = hsds_str(term, "code"), *tid = hsds_str(e, "taxonomy_term_id");
	*taxonomy = hsds_str(term, "taxonomy");
	*label = code ? code : hsds_str(term, "name");
	if (!tid)
		tid = hsds_str(term, "id");
	if (*taxonomy && strcmp(*taxonomy, HSDS_TAXONOMY) == 0 && code)
		return in_list(hsds_term_codes, -1, code);
	for (int i = 0; tid && hsds_term_codes[i]; i++) {
		char u[37];
		hsds_uuid(u, "term", hsds_term_codes[i]);
		if (strcmp(u, tid) == 0)
			return i;
	}
	return -1;
}

/* Sets our field `code` from value; false when the value is not one of that field's. */
static bool our_value(hsds_imp *m, const char *code, const char *v)
{
	static const char *const mobs[] = {"komt_aan_huis", "vervoer_geregeld", "zelf_gaan", "op_afstand", "onbekend", NULL};
	static const char *const costs[] = {"gratis", "laag", "betaald", "onbekend", NULL};
	static const char *const barriers[] = {"none", "geld", "mobiliteit", "gehoor", "taal", "gezondheid", NULL};
	hsds_ours *o = &m->b->ours;
	const content *c = m->c;
	int k;
	if (strcmp(code, "id") == 0)
		o->id = arena_strdup(m->a, v);
	else if (strcmp(code, "hsds_id") == 0)
		o->hsds_id = hsds_line(m, v);
	else if (strcmp(code, "description_en") == 0 || strcmp(code, "application_process_en") == 0 ||
		 strcmp(code, "accessibility_en") == 0) {
		const char *t = arena_strdup(m->a, v);
		*(code[0] == 'd' ? &o->description_en : code[1] == 'p' ? &o->application_en : &o->accessibility_en) = t;
	} else if (strcmp(code, "profiles") == 0) {
		if ((k = content_profile_index(c, v)) < 0 || k > 63)
			return false;
		o->profiles |= UINT64_C(1) << k;
	} else if (strcmp(code, "interests") == 0) {
		int iq = c->facet_q[FACET_INTERESTS];
		if (iq < 0 || (k = content_option_index(&c->questions[iq], v)) < 0)
			return false;
		o->interests |= UINT64_C(1) << k;
	} else if (strcmp(code, "loneliness") == 0 && (k = in_list(content_lonely_ids, -1, v)) >= 0)
		o->lonely |= 1u << k;
	else if (strcmp(code, "active_elements") == 0 && (k = in_list(content_element_ids, 7, v)) >= 0)
		o->elements |= 1u << k;
	else if (strcmp(code, "target_groups") == 0 && (k = in_list(content_group_ids, -1, v)) >= 0)
		o->groups |= 1u << k;
	else if (strcmp(code, "helps_with") == 0 && (k = in_list(barriers, -1, v)) > 0)
		o->helps_with |= 1u << k;
	else if (strcmp(code, "mobility") == 0 && (k = in_list(mobs, -1, v)) >= 0)
		o->mobility = k;
	else if (strcmp(code, "cost") == 0 && (k = in_list(costs, -1, v)) >= 0)
		o->cost = k;
	else if (strcmp(code, "human_route") == 0 && (strcmp(v, "true") == 0 || strcmp(v, "false") == 0))
		o->human_route = v[0] == 't';
	else if (strcmp(code, "ends_on") == 0 && date_parse(v, &k) == 0)
		o->ends_days = k;
	else if ((strcmp(code, "for_roles") == 0 || strcmp(code, "not_for_roles") == 0) && c->facet_q[FACET_ROLE] >= 0 &&
		 (k = content_option_index(&c->questions[c->facet_q[FACET_ROLE]], v)) >= 0)
		*(code[0] == 'f' ? &o->for_roles : &o->not_for_roles) |= UINT64_C(1) << k;
	else
		return false;
	return true;
}

void hsds_attributes(hsds_imp *m, const cJSON *svc)
{
	hsds_ours *o = &m->b->ours;
	o->mobility = o->cost = o->human_route = o->ends_days = -1;
	const cJSON *arr = hsds_get(svc, "attributes");
	ld_push_key(m->L, "attributes");
	int i = 0;
	for (const cJSON *e = cJSON_IsArray(arr) ? arr->child : NULL; e; e = e->next, i++) {
		ld_push_index(m->L, i);
		const char *tax, *label, *v = hsds_str(e, "value");
		int t = our_term(e, &tax, &label);
		if (t < 0 && tax && strcmp(tax, HSDS_TAXONOMY) == 0)
			hsds_note(m, NULL, _("attribuut '%s' is geen term van de infokaart-taxonomie: niet overgenomen"),
				  label ? hsds_snip(m, label, 40) : "?");
		else if (t < 0)
			hsds_note(m, NULL, _("attribuut '%s' (taxonomie '%s'%s%s%s) niet als veld overgenomen: alleen de "
					     "infokaart-taxonomie wordt zo gelezen (zijn woorden tellen mee bij wat wordt afgeleid)"),
				  label ? hsds_snip(m, label, 40) : "?", tax ? hsds_snip(m, tax, 40) : "?", v ? _(", waarde '") : "",
				  hsds_snip(m, v, 40), v ? "'" : "");
		else if (!v || !our_value(m, hsds_term_codes[t], v))
			hsds_note(m, "value", _("'%s' is geen waarde van %s: niet overgenomen"), hsds_snip(m, v, 40),
				  hsds_term_codes[t]);
		ld_pop(m->L);
	}
	ld_pop(m->L);
}
