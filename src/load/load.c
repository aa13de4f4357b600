/* load.c: loads the content folder (infokaart.json, crisis.json, profiles.json,
 * activities.json, djg6.json) into one arena-backed struct, validating everything on the way
 * and resolving ids to indices. All problems are reported; a bad folder never half-loads.
 * This file reads the walk-through and crisis files; content_catalogue.c the rest. */
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content_image.h"
#include "content_internal.h"
#include "i18n.h"

static const char *const qtypes[] = {"single", "multi", "scale", "text", "number", NULL};
static const char *const facets[] = {"none", "role", "support", "wijk", "age", "loneliness",
				     "barriers", "interests", "languages", "groups", "wish", "capacity",
				     "living", "mobility", "age_years", "wishes", NULL};
/* The question type each facet needs, in ik_facet order. */
static const ik_qtype facet_types[] = {Q_SINGLE, Q_SINGLE, Q_SINGLE, Q_SINGLE, Q_SINGLE, Q_MULTI,
				       Q_MULTI,  Q_MULTI,  Q_MULTI,  Q_MULTI,  Q_SINGLE, Q_SINGLE,
				       Q_SINGLE, Q_SINGLE, Q_NUMBER, Q_TEXT};
static const char *const barriers[] = {"none", "geld", "mobiliteit", "gehoor", "taal", "gezondheid", NULL};

static bool load_phases(ld *L, content *c)
{
	static const char *const keys[] = {"id", "title", "intro", "guide", NULL};
	const cJSON *arr = ld_array(L, L->root, "phases", true, 1);
	if (!arr)
		return false;
	c->nphases = cJSON_GetArraySize(arr);
	c->phases = arena_alloc(L->a, (size_t)c->nphases * sizeof *c->phases);
	bool ok = true;
	int i = 0;
	ld_push_key(L, "phases");
	for (const cJSON *v = arr->child; v; v = v->next, i++) {
		ik_phase *p = &c->phases[i];
		ld_push_index(L, i);
		if (ld_object(L, v, keys)) {
			ok &= ld_id(L, v, "id", &p->id);
			ok &= ld_text(L, v, "title", true, &p->title);
			ok &= ld_text(L, v, "intro", true, &p->intro);
			ld_bool(L, v, "guide", &p->guide);
			for (int j = 0; p->id && j < i; j++)
				if (c->phases[j].id && strcmp(c->phases[j].id, p->id) == 0) {
					ld_err(L, false, _("fase-id '%s' komt twee keer voor"), p->id);
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

/* The option keys a question may use depend on its facet. */
static bool load_option(ld *L, ik_question *q, const cJSON *v, ik_option *o)
{
	static const char *const keys[] = {"id", "text", "ends", "exclusive", "min_age", "max_age",
					   "groups", "barrier", "crisis", "elements", "words", NULL};
	if (!ld_object(L, v, keys))
		return false;
	bool ok = ld_id(L, v, "id", &o->id);
	ok &= ld_text(L, v, "text", true, &o->text);
	ld_text_ptr(L, v, "ends", &o->ends);
	ld_bool(L, v, "exclusive", &o->exclusive);
	o->min_age = o->max_age = -1;
	bool has_age = cJSON_HasObjectItem(v, "min_age") || cJSON_HasObjectItem(v, "max_age");
	if (has_age && q->facet != FACET_AGE) {
		ld_err(L, false, _("min_age en max_age horen alleen bij opties van de leeftijdsvraag"));
		ok = false;
	}
	/* signals (questions without a facet) may say which groups and barriers they imply */
	bool implies = q->facet == FACET_NONE && (q->type == Q_SINGLE || q->type == Q_MULTI);
	if (cJSON_HasObjectItem(v, "groups") && q->facet != FACET_AGE && !implies) {
		ld_err(L, false, _("'groups' hoort alleen bij opties van de leeftijdsvraag of van een vraag zonder facet"));
		ok = false;
	}
	if (q->facet == FACET_AGE || implies) {
		ok &= implies || ld_int(L, v, "min_age", true, 0, 150, &o->min_age);
		ok &= implies || ld_int(L, v, "max_age", true, 0, 150, &o->max_age);
		if (ok && o->min_age > o->max_age) {
			ld_err(L, false, _("min_age is hoger dan max_age"));
			ok = false;
		}
		const cJSON *g = ld_array(L, v, "groups", false, 0);
		int j = 0;
		ld_push_key(L, "groups");
		for (const cJSON *e = g ? g->child : NULL; e; e = e->next, j++) {
			int gi;
			ld_push_index(L, j);
			if (ld_elem_enum(L, e, content_group_ids, &gi))
				o->groups |= 1u << gi;
			else
				ok = false;
			ld_pop(L);
		}
		ld_pop(L);
	}
	if (cJSON_HasObjectItem(v, "barrier") && q->facet != FACET_BARRIERS && !implies) {
		ld_err(L, false, _("'barrier' hoort alleen bij opties van de vraag naar drempels of van een vraag zonder facet"));
		ok = false;
	} else if (cJSON_HasObjectItem(v, "barrier")) {
		int b;
		if (ld_enum(L, v, "barrier", barriers, &b))
			o->barrier = (ik_barrier)b;
		else
			ok = false;
	}
	if (o->exclusive && q->type != Q_MULTI) {
		ld_err(L, false, _("'exclusive' past alleen bij een multi-vraag"));
		ok = false;
	}
	if (q->facet == FACET_LONELINESS && o->id)
		for (int k = 0; content_lonely_ids[k]; k++)
			if (strcmp(o->id, content_lonely_ids[k]) == 0)
				o->lonely = 1u << k;
	return content_load_option_extras(L, q, v, o) && ok;
}

static bool load_options(ld *L, ik_question *q, const cJSON *v)
{
	bool choice = q->type == Q_SINGLE || q->type == Q_MULTI;
	const cJSON *arr = ld_array(L, v, "options", choice, 1);
	if (!choice) {
		if (cJSON_HasObjectItem(v, "options")) {
			ld_err(L, false, _("een %s-vraag heeft geen opties"), qtypes[q->type]);
			return false;
		}
		return true;
	}
	if (!arr)
		return false;
	q->nopts = cJSON_GetArraySize(arr);
	if (q->nopts > IK_MAX_OPTIONS) {
		ld_push_key(L, "options");
		ld_err(L, false, _("hoogstens %d opties"), IK_MAX_OPTIONS);
		ld_pop(L);
		return false;
	}
	q->opts = arena_alloc(L->a, (size_t)q->nopts * sizeof *q->opts);
	bool ok = true;
	int i = 0;
	ld_push_key(L, "options");
	for (const cJSON *o = arr->child; o; o = o->next, i++) {
		ld_push_index(L, i);
		ok &= load_option(L, q, o, &q->opts[i]);
		for (int j = 0; q->opts[i].id && j < i; j++)
			if (q->opts[j].id && strcmp(q->opts[j].id, q->opts[i].id) == 0) {
				ld_err(L, false, _("optie-id '%s' komt twee keer voor in deze vraag"), q->opts[i].id);
				ok = false;
			}
		if (q->facet == FACET_GROUPS && q->opts[i].id) {
			int g;
			ld_push_key(L, "id");
			if (ld_elem_enum(L, cJSON_GetObjectItemCaseSensitive(o, "id"), content_group_ids, &g))
				q->opts[i].groups = 1u << g;
			else
				ok = false;
			ld_pop(L);
		}
		if (q->facet == FACET_WIJK && q->opts[i].id && strcmp(q->opts[i].id, "stad") == 0) {
			ld_err(L, false, _("'stad' is gereserveerd voor activiteiten voor de hele stad"));
			ok = false;
		}
		ld_pop(L);
	}
	ld_pop(L);
	return ok;
}

static bool load_range(ld *L, ik_question *q, const cJSON *v)
{
	bool ranged = q->type == Q_SCALE || q->type == Q_NUMBER;
	bool ok = true;
	if (!ranged) {
		static const char *const rk[] = {"min", "max", "min_label", "max_label"};
		for (size_t i = 0; i < ARRAY_LEN(rk); i++)
			if (cJSON_HasObjectItem(v, rk[i])) {
				ld_err(L, false, _("'%s' hoort alleen bij scale- en number-vragen"), rk[i]);
				ok = false;
			}
		return ok;
	}
	ok &= ld_int(L, v, "min", true, -1000000, 1000000, &q->min);
	ok &= ld_int(L, v, "max", true, -1000000, 1000000, &q->max);
	if (ok && q->min >= q->max) {
		ld_err(L, false, _("min moet lager zijn dan max"));
		ok = false;
	}
	ld_text_ptr(L, v, "min_label", &q->min_label);
	ld_text_ptr(L, v, "max_label", &q->max_label);
	if ((q->min_label || q->max_label) && q->type != Q_SCALE) {
		ld_err(L, false, _("min_label en max_label horen alleen bij scale-vragen"));
		ok = false;
	}
	return ok;
}

static bool load_question(ld *L, content *c, int i, const cJSON *v)
{
	static const char *const keys[] = {"id", "phase", "type", "text", "help", "options", "min", "max",
					   "min_label", "max_label", "optional", "when", "facet", NULL};
	ik_question *q = &c->questions[i];
	q->id = NULL; /* set again below, with a report when it is bad */
	if (!ld_object(L, v, keys))
		return false;
	bool ok = ld_id(L, v, "id", &q->id);
	for (int j = 0; q->id && j < i; j++)
		if (c->questions[j].id && strcmp(c->questions[j].id, q->id) == 0) {
			ld_err(L, false, _("vraag-id '%s' komt twee keer voor"), q->id);
			ok = false;
		}
	const char *phase;
	q->phase = -1;
	if (ld_string(L, v, "phase", true, &phase)) {
		for (int p = 0; p < c->nphases; p++)
			if (c->phases[p].id && strcmp(c->phases[p].id, phase) == 0)
				q->phase = p;
		if (q->phase < 0) {
			ld_push_key(L, "phase");
			ld_err(L, false, _("geen fase heeft de id '%s'"), phase);
			ld_pop(L);
			ok = false;
		} else if (i > 0 && c->questions[i - 1].phase > q->phase) {
			ld_push_key(L, "phase");
			ld_err(L, false, _("de vragen moeten in de volgorde van hun fasen staan"));
			ld_pop(L);
			ok = false;
		}
	} else {
		ok = false;
	}
	int t, f = FACET_NONE;
	if (ld_enum(L, v, "type", qtypes, &t))
		q->type = (ik_qtype)t;
	else
		return false;
	if (cJSON_HasObjectItem(v, "facet") && !ld_enum(L, v, "facet", facets, &f))
		ok = false;
	q->facet = (ik_facet)f;
	ok &= ld_text(L, v, "text", true, &q->text);
	ld_text_ptr(L, v, "help", &q->help);
	ld_bool(L, v, "optional", &q->optional);
	ok &= load_options(L, q, v);
	ok &= load_range(L, q, v);
	const cJSON *when = ld_array(L, v, "when", false, 1);
	if (when) {
		ld_push_key(L, "when");
		ok &= ld_conditions(L, c, when, i, &q->when, &q->nwhen);
		ld_pop(L);
	}
	return ok;
}

/* Each facet on at most one question, of the right type. */
static bool check_facets(ld *L, content *c)
{
	bool ok = true;
	for (int f = 0; f < FACET_COUNT; f++)
		c->facet_q[f] = -1;
	for (int i = 0; i < c->nquestions; i++) {
		ik_question *q = &c->questions[i];
		if (q->facet == FACET_NONE)
			continue;
		ld_push_key(L, "questions");
		ld_push_index(L, i);
		ld_push_key(L, "facet");
		if (c->facet_q[q->facet] >= 0) {
			ld_err(L, false, _("facet '%s' staat al op vraag '%s'"), facets[q->facet],
			       c->questions[c->facet_q[q->facet]].id);
			ok = false;
		} else if (q->type != facet_types[q->facet]) {
			ld_err(L, false, _("facet '%s' wil een %s-vraag"), facets[q->facet], qtypes[facet_types[q->facet]]);
			ok = false;
		}
		if (q->facet == FACET_WIJK && q->nopts > 63) {
			ld_err(L, false, _("de wijkvraag mag hoogstens 63 opties hebben"));
			ok = false;
		}
		c->facet_q[q->facet] = i;
		ld_pop(L);
		ld_pop(L);
		ld_pop(L);
	}
	if (c->facet_q[FACET_ROLE] < 0 || c->facet_q[FACET_SUPPORT] < 0) {
		ld_err(L, false, _("een vraag met facet 'role' en een met facet 'support' zijn verplicht"));
		ok = false;
	}
	return ok;
}

static bool load_questions(ld *L, content *c)
{
	const cJSON *arr = ld_array(L, L->root, "questions", true, 1);
	if (!arr)
		return false;
	c->nquestions = cJSON_GetArraySize(arr);
	c->questions = arena_alloc(L->a, (size_t)c->nquestions * sizeof *c->questions);
	bool ok = true;
	int i = 0;
	/* ids first, quietly: a `when` naming a later question can then say so */
	for (const cJSON *v = arr->child; v; v = v->next, i++) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(v, "id");
		if (cJSON_IsString(id) && ld_is_id(id->valuestring))
			c->questions[i].id = arena_strdup(L->a, id->valuestring);
	}
	i = 0;
	ld_push_key(L, "questions");
	for (const cJSON *v = arr->child; v; v = v->next, i++) {
		ld_push_index(L, i);
		ok &= load_question(L, c, i, v);
		ld_pop(L);
	}
	ld_pop(L);
	ok &= check_facets(L, c); /* also after errors: later files need the facets */
	return ok;
}

static bool load_lines(ld *L, const cJSON *v, ik_text **lines, int *n)
{
	const cJSON *arr = ld_array(L, v, "lines", true, 1);
	if (!arr)
		return false;
	*n = cJSON_GetArraySize(arr);
	*lines = arena_alloc(L->a, (size_t)*n * sizeof **lines);
	bool ok = true;
	ld_push_key(L, "lines");
	int i = 0;
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		ld_push_index(L, i);
		ok &= ld_elem_text(L, e, &(*lines)[i]);
		ld_pop(L);
	}
	ld_pop(L);
	return ok;
}

static bool load_guide(ld *L, content *c)
{
	static const char *const keys[] = {"principles", "openers", NULL};
	static const char *const pkeys[] = {"id", "title", "text", NULL};
	static const char *const okeys[] = {"role", "lines", NULL};
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(L->root, "guide");
	if (!g) {
		ld_err(L, false, _("sleutel 'guide' ontbreekt"));
		return false;
	}
	ld_push_key(L, "guide");
	bool ok = ld_object(L, g, keys);
	const cJSON *pr = ok ? ld_array(L, g, "principles", true, 1) : NULL;
	const cJSON *op = ok ? ld_array(L, g, "openers", true, 1) : NULL;
	ok = ok && pr && op;
	if (ok) {
		c->nprinciples = cJSON_GetArraySize(pr);
		c->principles = arena_alloc(L->a, (size_t)c->nprinciples * sizeof *c->principles);
		ld_push_key(L, "principles");
		int i = 0;
		for (const cJSON *v = pr->child; v; v = v->next, i++) {
			ld_push_index(L, i);
			if (ld_object(L, v, pkeys)) {
				ok &= ld_id(L, v, "id", &c->principles[i].id);
				ok &= ld_text(L, v, "title", true, &c->principles[i].title);
				ok &= ld_text(L, v, "text", true, &c->principles[i].text);
			} else {
				ok = false;
			}
			ld_pop(L);
		}
		ld_pop(L);
		c->nopeners = cJSON_GetArraySize(op);
		c->openers = arena_alloc(L->a, (size_t)c->nopeners * sizeof *c->openers);
		ld_push_key(L, "openers");
		i = 0;
		const ik_question *roleq = c->facet_q[FACET_ROLE] >= 0 ? &c->questions[c->facet_q[FACET_ROLE]] : NULL;
		for (const cJSON *v = op->child; v; v = v->next, i++) {
			ld_push_index(L, i);
			const char *role;
			c->openers[i].role = -1;
			if (ld_object(L, v, okeys) && ld_string(L, v, "role", true, &role) && roleq) {
				c->openers[i].role = content_option_index(roleq, role);
				if (c->openers[i].role < 0) {
					ld_push_key(L, "role");
					ld_err(L, false, _("de rolvraag heeft geen optie '%s'"), role);
					ld_pop(L);
					ok = false;
				}
				ok &= load_lines(L, v, &c->openers[i].lines, &c->openers[i].nlines);
			} else {
				ok = false;
			}
			ld_pop(L);
		}
		ld_pop(L);
		for (int r = 0; ok && roleq && r < roleq->nopts; r++) {
			bool found = false;
			for (int k = 0; k < c->nopeners; k++)
				found |= c->openers[k].role == r;
			if (!found) {
				ld_err(L, false, _("geen openingszinnen voor rol '%s'"), roleq->opts[r].id);
				ok = false;
			}
		}
	}
	ld_pop(L);
	return ok;
}

static bool load_infokaart(ld *L, content *c)
{
	static const char *const keys[] = {"version", "phases", "questions", "guide", "tips", "support_end", NULL};
	ld_object(L, L->root, keys);
	bool ok = ld_version(L);
	ok &= load_phases(L, c);
	ok &= load_questions(L, c);
	ok &= load_guide(L, c);
	ok &= content_load_tips(L, c);
	ok &= ld_text(L, L->root, "support_end", true, &c->support_end);
	return ok && L->nerr == 0;
}

bool content_valid_phone(const char *s)
{
	const char *p = s + (*s == '+');
	int digits = 0;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p != ' ' && *p != '-')
			return false;
	}
	return digits >= 3 && digits <= 15;
}

bool ld_phones(ld *L, const cJSON *v, bool required, const char ***out, int *n)
{
	*n = 0;
	if (!required && !cJSON_HasObjectItem(v, "phones"))
		return true;
	const cJSON *arr = ld_array(L, v, "phones", true, required ? 1 : 0);
	if (!arr)
		return false;
	*out = arena_alloc(L->a, (size_t)cJSON_GetArraySize(arr) * sizeof **out);
	bool ok = true;
	ld_push_key(L, "phones");
	int i = 0;
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		ld_push_index(L, i);
		const char *ph;
		if (ld_elem_string(L, e, &ph) && content_valid_phone(ph)) {
			(*out)[(*n)++] = ph;
		} else {
			if (cJSON_IsString(e))
				ld_err(L, false, _("'%.40s' is geen telefoonnummer (alleen cijfers, spaties en '-')"), e->valuestring);
			ok = false;
		}
		ld_pop(L);
	}
	ld_pop(L);
	return ok;
}

bool ld_url(ld *L, const cJSON *v, const char *key, const char **out)
{
	*out = NULL;
	const cJSON *u = cJSON_GetObjectItemCaseSensitive(v, key);
	if (!u || cJSON_IsNull(u))
		return true;
	if (!ld_string(L, v, key, false, out))
		return false;
	if (strncmp(*out, "https://", 8) != 0 && strncmp(*out, "http://", 7) != 0) {
		ld_push_key(L, key);
		ld_err(L, false, _("moet beginnen met https:// of http://"));
		ld_pop(L);
		*out = NULL;
		return false;
	}
	return true;
}

static bool load_crisis(ld *L, content *c)
{
	static const char *const keys[] = {"version", "title", "intro", "lines", NULL};
	static const char *const lkeys[] = {"id", "name", "phones", "hours", "text", "url", "not_for_roles", NULL};
	ld_object(L, L->root, keys);
	bool ok = ld_version(L);
	ok &= ld_text(L, L->root, "title", true, &c->crisis_title);
	ok &= ld_text(L, L->root, "intro", true, &c->crisis_intro);
	const cJSON *arr = ld_array(L, L->root, "lines", true, 1);
	if (!arr)
		return false;
	c->ncrisis = cJSON_GetArraySize(arr);
	c->crisis = arena_alloc(L->a, (size_t)c->ncrisis * sizeof *c->crisis);
	ld_push_key(L, "lines");
	int i = 0;
	for (const cJSON *v = arr->child; v; v = v->next, i++) {
		ik_crisis_line *cl = &c->crisis[i];
		ld_push_index(L, i);
		if (ld_object(L, v, lkeys)) {
			ok &= ld_id(L, v, "id", &cl->id);
			ok &= ld_text(L, v, "name", true, &cl->name);
			ok &= ld_phones(L, v, true, &cl->phones, &cl->nphones);
			ok &= ld_text(L, v, "hours", true, &cl->hours);
			ok &= ld_text(L, v, "text", true, &cl->text);
			ok &= ld_url(L, v, "url", &cl->url);
			/* the roles are infokaart.json's: not checked when it could not be read */
			if (c->questions)
				ok &= content_role_list(L, c, v, "not_for_roles", &cl->not_for_roles);
		} else {
			ok = false;
		}
		ld_pop(L);
	}
	ld_pop(L);
	return ok && L->nerr == 0;
}

/* The five files, in load order: later ones refer to earlier ones. */
static const char *const file_names[CK_COUNT] = {"infokaart.json", "crisis.json", "profiles.json",
						 "activities.json", "djg6.json"};

static bool exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

static int load_set(char *paths[CK_COUNT], const load_opts *o, content **out, diags *d)
{
	content *c = xcalloc(1, sizeof *c);
	c->arena = arena_new();
	for (int f = 0; f < FACET_COUNT; f++)
		c->facet_q[f] = -1;
	int before = d->n;
	uint64_t text_hash[2] = {0, 0}; /* of what the activities are checked against */
	for (int k = 0; k < CK_COUNT; k++) {
		if (k == CK_DJG && !exists(paths[k]))
			continue; /* the De Jong Gierveld module is optional */
		if (k == CK_ACTIVITIES && c->questions && c->profiles) {
			content_activities_file(paths[k], c, d, o, text_hash);
			continue;
		}
		ld L;
		if (ld_open(&L, paths[k], d, c->arena) == 0) {
			/* A file with mistakes still yields its ids, so the files after it are checked
			 * too: every mistake is reported at once (success is judged by the count of
			 * diagnostics below). Only a missing list stops the check of the next file. */
			switch (k) {
			case CK_INFOKAART:
				text_hash[0] = img_hash(L.text, L.len, 0);
				load_infokaart(&L, c);
				break;
			case CK_CRISIS: load_crisis(&L, c); break;
			case CK_PROFILES:
				text_hash[1] = img_hash(L.text, L.len, 0);
				if (c->questions)
					content_load_profiles(&L, c);
				break;
			case CK_DJG: content_load_djg(&L, c); break;
			}
			if ((k == CK_PROFILES || k == CK_ACTIVITIES) && !c->questions)
				diags_add(d, paths[k], 0, 0, _("niet gecontroleerd: de lijst met vragen in infokaart.json kon niet worden gelezen"));
			else if (k == CK_ACTIVITIES && !c->profiles)
				diags_add(d, paths[k], 0, 0, _("niet gecontroleerd: de lijst met profielen in profiles.json kon niet worden gelezen"));
		}
		ld_close(&L);
	}
	if (d->n > before) {
		content_free(c);
		*out = NULL;
		return -1;
	}
	content_lookup_prepare(c);
	*out = c;
	return 0;
}

int content_load(const char *dir, content **out, diags *d)
{
	return content_load_catalogue(dir, NULL, out, d);
}

int content_load_catalogue(const char *dir, const char *activities, content **out, diags *d)
{
	content_source src = {.activities = activities};
	return content_load_from(dir, &src, out, d);
}

int content_load_from(const char *dir, content_source *src, content **out, diags *d)
{
	char *paths[CK_COUNT];
	for (int k = 0; k < CK_COUNT; k++)
		paths[k] = k == CK_ACTIVITIES && src->activities ? xstrdup(src->activities)
								 : xasprintf("%s/%s", dir, file_names[k]);
	src->from_cache = src->streamed = false;
	src->parts = 0;
	load_opts o = {.cache = src->cache,
		       .cache_min = src->cache_min,
		       .from_cache = &src->from_cache,
		       .streamed = &src->streamed,
		       .parts = &src->parts,
		       .split_at = src->split_at,
		       .in_image = src->in_image,
		       .whole = src->whole,
		       .in_arena = src->in_arena};
	int r = load_set(paths, &o, out, d);
	for (int k = 0; k < CK_COUNT; k++)
		free(paths[k]);
	return r;
}

/* A single file is checked together with the files beside it (or, where those are missing,
 * the ones in fallback_dir): its cross-references need them. Its kind comes from its name, or
 * from its top-level keys when the name is not one of ours. */
static int kind_of(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (int k = 0; k < CK_COUNT; k++)
		if (strcmp(base, file_names[k]) == 0)
			return k;
	size_t len;
	char *text = ld_read_max(path, LD_MAX_CONTENT, &len);
	int kind = -1;
	if (text) {
		/* most specific first: activities mention "profiles", infokaart.json has "lines" */
		static const struct {
			const char *key;
			int kind;
		} keys[] = {{"\"questions\"", CK_INFOKAART}, {"\"activities\"", CK_ACTIVITIES},
			    {"\"profiles\"", CK_PROFILES}, {"\"lines\"", CK_CRISIS}, {"\"items\"", CK_DJG}};
		for (size_t k = 0; k < ARRAY_LEN(keys) && kind < 0; k++)
			if (strstr(text, keys[k].key))
				kind = keys[k].kind;
		free(text);
	}
	return kind;
}

int content_check_path(const char *path, const char *fallback_dir, diags *d)
{
	struct stat st;
	int before = d->n;
	content *c = NULL;
	if (stat(path, &st) != 0) {
		diags_add(d, path, 0, 0, _("bestand of map bestaat niet"));
		return 1;
	}
	load_opts check = {.check_only = true};
	char *paths[CK_COUNT];
	if (S_ISDIR(st.st_mode)) {
		for (int k = 0; k < CK_COUNT; k++)
			paths[k] = xasprintf("%s/%s", path, file_names[k]);
		load_set(paths, &check, &c, d);
		content_free(c);
		for (int k = 0; k < CK_COUNT; k++)
			free(paths[k]);
		return d->n - before;
	}
	int kind = kind_of(path);
	if (kind < 0) {
		diags_add(d, path, 0, 0, "%s", _("geen inhoudsbestand van infokaart (verwacht één van infokaart.json, "
						 "crisis.json, profiles.json, activities.json, djg6.json)"));
		return 1;
	}
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	for (int k = 0; k < CK_COUNT; k++) {
		if (k == kind) {
			paths[k] = xstrdup(path);
			continue;
		}
		paths[k] = xasprintf("%s/%s", dir, file_names[k]);
		if (!exists(paths[k]) && fallback_dir) {
			free(paths[k]);
			paths[k] = xasprintf("%s/%s", fallback_dir, file_names[k]);
		}
	}
	load_set(paths, &check, &c, d);
	content_free(c);
	for (int k = 0; k < CK_COUNT; k++)
		free(paths[k]);
	free(dir);
	return d->n - before;
}
