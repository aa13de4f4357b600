/* content_catalogue.c: loads profiles.json and djg6.json (see SCHEMA.md), checking every id
 * they name against the walk-through loaded before them. activities.json, the big one, has a
 * file of its own: content_activities.c. */
#include <stdlib.h>
#include <string.h>

#include "content_internal.h"
#include "i18n.h"

static const char *const tiers[] = {"netwerk", "praktisch", "omgaan", "vangnet", NULL};

static bool load_profile(ld *L, content *c, int i, const cJSON *v)
{
	static const char *const keys[] = {"id", "name", "tier", "description", "helps", "avoid", "rules", NULL};
	ik_profile *p = &c->profiles[i];
	if (!ld_object(L, v, keys))
		return false;
	bool ok = ld_id(L, v, "id", &p->id);
	for (int j = 0; p->id && j < i; j++)
		if (c->profiles[j].id && strcmp(c->profiles[j].id, p->id) == 0) {
			ld_err(L, false, _("profiel-id '%s' komt twee keer voor"), p->id);
			ok = false;
		}
	ok &= ld_text(L, v, "name", true, &p->name);
	int t;
	if (ld_enum(L, v, "tier", tiers, &t))
		p->tier = (ik_tier)t;
	else
		ok = false;
	ok &= ld_text(L, v, "description", true, &p->description);
	ok &= ld_text(L, v, "helps", true, &p->helps);
	ok &= ld_text(L, v, "avoid", true, &p->avoid);
	const cJSON *rules = ld_array(L, v, "rules", true, 1);
	if (rules) {
		ld_push_key(L, "rules");
		ok &= ld_conditions(L, c, rules, -1, &p->rules, &p->nrules);
		ld_pop(L);
	} else {
		ok = false;
	}
	return ok;
}

bool content_load_profiles(ld *L, content *c)
{
	static const char *const keys[] = {"version", "disclaimer", "profiles", NULL};
	ld_object(L, L->root, keys);
	bool ok = ld_version(L);
	ok &= ld_text(L, L->root, "disclaimer", true, &c->profiles_disclaimer);
	const cJSON *arr = ld_array(L, L->root, "profiles", true, 1);
	if (!arr)
		return false;
	c->nprofiles = cJSON_GetArraySize(arr);
	if (c->nprofiles > 64) {
		ld_push_key(L, "profiles");
		ld_err(L, false, _("hoogstens 64 profielen"));
		ld_pop(L);
		return false;
	}
	c->profiles = arena_alloc(L->a, (size_t)c->nprofiles * sizeof *c->profiles);
	ld_push_key(L, "profiles");
	int i = 0;
	for (const cJSON *v = arr->child; v; v = v->next, i++) {
		ld_push_index(L, i);
		ok &= load_profile(L, c, i, v);
		ld_pop(L);
	}
	ld_pop(L);
	return ok && L->nerr == 0;
}

static bool load_djg_items(ld *L, content *c, const cJSON *arr)
{
	static const char *const keys[] = {"id", "text", "subscale", "scores", NULL};
	static const char *const subs[] = {"emotioneel", "sociaal", NULL};
	ik_djg *g = &c->djg;
	bool ok = true;
	int per[2] = {0, 0}, i = 0;
	ld_push_key(L, "items");
	for (const cJSON *v = arr->child; v; v = v->next, i++) {
		ik_djg_item *it = &g->items[i];
		ld_push_index(L, i);
		if (ld_object(L, v, keys)) {
			ok &= ld_id(L, v, "id", &it->id);
			ok &= ld_text(L, v, "text", true, &it->text);
			if (ld_enum(L, v, "subscale", subs, &it->subscale))
				per[it->subscale]++;
			else
				ok = false;
			const cJSON *sc = ld_array(L, v, "scores", true, 1);
			ld_push_key(L, "scores");
			int j = 0;
			for (const cJSON *e = sc ? sc->child : NULL; e; e = e->next, j++) {
				int a;
				ld_push_index(L, j);
				if (ld_elem_enum(L, e, g->answer_ids, &a))
					it->scores |= 1u << a;
				else
					ok = false;
				ld_pop(L);
			}
			ld_pop(L);
			ok &= sc != NULL;
		} else {
			ok = false;
		}
		ld_pop(L);
	}
	ld_pop(L);
	if (ok && (per[0] != 3 || per[1] != 3)) {
		ld_err(L, false, _("drie vragen per subschaal verwacht (emotioneel %d, sociaal %d)"), per[0], per[1]);
		ok = false;
	}
	return ok;
}

bool content_load_djg(ld *L, content *c)
{
	static const char *const keys[] = {"version", "title", "citation", "caveat", "answers", "items", NULL};
	static const char *const akeys[] = {"id", "text", NULL};
	ik_djg *g = &c->djg;
	ld_object(L, L->root, keys);
	bool ok = ld_version(L);
	ok &= ld_text(L, L->root, "title", true, &g->title);
	ok &= ld_text(L, L->root, "citation", true, &g->citation);
	ok &= ld_text(L, L->root, "caveat", true, &g->caveat);
	const cJSON *ans = ld_array(L, L->root, "answers", true, 3);
	const cJSON *items = ld_array(L, L->root, "items", true, 6);
	if (!ans || !items)
		return false;
	if (cJSON_GetArraySize(ans) != 3 || cJSON_GetArraySize(items) != 6) {
		ld_err(L, false, _("precies 3 antwoorden en 6 vragen verwacht"));
		return false;
	}
	ld_push_key(L, "answers");
	int i = 0;
	for (const cJSON *v = ans->child; v; v = v->next, i++) {
		ld_push_index(L, i);
		if (ld_object(L, v, akeys) && ld_id(L, v, "id", &g->answer_ids[i]))
			ok &= ld_text(L, v, "text", true, &g->answers[i]);
		else
			ok = false;
		ld_pop(L);
	}
	ld_pop(L);
	if (!ok)
		return false;
	ok = load_djg_items(L, c, items);
	g->present = ok;
	return ok && L->nerr == 0;
}
