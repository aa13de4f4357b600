/* content_walk.c: the parts of infokaart.json that tell the ranking and the screens more than
 * the text of a question: what an option means (a crisis signal, the active elements a life
 * event asks for, the words in the wishes text that name an interest, the meaning of the wish,
 * capacity, living and mobility answers) and the tips shown to the signaller when their
 * conditions hold. Called by content.c while it reads the walk-through; never half-loads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_internal.h"
#include "i18n.h"
#include "text.h"

/* Option ids that mean something per facet (SCHEMA.md "facets"); the rest means nothing. */
static const struct {
	ik_facet facet;
	const char *id;
	ik_means means;
} meanings[] = {
	{FACET_WISH, "meer_contact", MEANS_MORE_CONTACT}, {FACET_WISH, "niet_nu", MEANS_NOT_NOW},
	{FACET_CAPACITY, "zelf", MEANS_SELF},              {FACET_CAPACITY, "met_hulp", MEANS_WITH_HELP},
	{FACET_CAPACITY, "beperkt", MEANS_HOME},           {FACET_MOBILITY, "met_vervoer", MEANS_WITH_HELP},
	{FACET_MOBILITY, "thuis", MEANS_HOME},             {FACET_LIVING, "ja", MEANS_ALONE},
};

/* "words": kept folded (lower case, no diacritics), so the wishes text matches as typed. */
static bool load_words(ld *L, const cJSON *v, ik_option *o)
{
	const cJSON *arr = ld_array(L, v, "words", true, 1);
	if (!arr)
		return false;
	o->words = arena_alloc(L->a, (size_t)cJSON_GetArraySize(arr) * sizeof *o->words);
	bool ok = true;
	int i = 0;
	ld_push_key(L, "words");
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		ld_push_index(L, i);
		const char *s;
		if (ld_elem_string(L, e, &s) && *s && !strchr(s, ' ')) {
			char *folded = text_fold(s);
			o->words[o->nwords++] = arena_strdup(L->a, folded);
			free(folded);
		} else {
			if (cJSON_IsString(e))
				ld_err(L, false, _("een woord is één woord, zonder spaties"));
			ok = false;
		}
		ld_pop(L);
	}
	ld_pop(L);
	return ok;
}

bool content_load_option_extras(ld *L, const ik_question *q, const cJSON *v, ik_option *o)
{
	bool ok = ld_bool(L, v, "crisis", &o->crisis) || !cJSON_HasObjectItem(v, "crisis");
	if (o->crisis && q->type != Q_SINGLE && q->type != Q_MULTI) {
		ld_err(L, false, _("'crisis' hoort alleen bij opties van single- en multi-vragen"));
		ok = false;
	}
	bool implies = q->facet == FACET_NONE;
	if (cJSON_HasObjectItem(v, "elements") && !implies) {
		ld_err(L, false, _("'elements' hoort alleen bij opties van een vraag zonder facet"));
		ok = false;
	} else {
		ok &= content_element_list(L, v, "elements", false, &o->elements);
	}
	if (cJSON_HasObjectItem(v, "words")) {
		if (q->facet != FACET_INTERESTS) {
			ld_err(L, false, _("'words' hoort alleen bij opties van de vraag naar interesses"));
			ok = false;
		} else {
			ok &= load_words(L, v, o);
		}
	}
	for (size_t i = 0; o->id && i < ARRAY_LEN(meanings); i++)
		if (meanings[i].facet == q->facet && strcmp(meanings[i].id, o->id) == 0)
			o->means = meanings[i].means;
	return ok;
}

/* "at": a phase id, a question id, "suggesties" or "einde". */
static bool tip_place(ld *L, const content *c, const cJSON *v, ik_tip *t)
{
	const char *at;
	if (!ld_string(L, v, "at", true, &at))
		return false;
	t->index = -1;
	if (strcmp(at, "suggesties") == 0) {
		t->place = TIP_SUGGEST;
		return true;
	}
	if (strcmp(at, "einde") == 0) {
		t->place = TIP_END;
		return true;
	}
	for (int p = 0; p < c->nphases && t->index < 0; p++)
		if (c->phases[p].id && strcmp(c->phases[p].id, at) == 0) {
			t->place = TIP_PHASE;
			t->index = p;
		}
	if (t->index < 0 && (t->index = content_question_index(c, at)) >= 0)
		t->place = TIP_QUESTION;
	if (t->index >= 0)
		return true;
	ld_push_key(L, "at");
	ld_err(L, false, _("geen fase of vraag heeft het id '%s' (of gebruik \"suggesties\" of \"einde\")"), at);
	ld_pop(L);
	return false;
}

bool content_load_tips(ld *L, content *c)
{
	static const char *const keys[] = {"id", "at", "when", "text", NULL};
	const cJSON *arr = ld_array(L, L->root, "tips", false, 0);
	if (!arr)
		return !cJSON_HasObjectItem(L->root, "tips");
	c->ntips = cJSON_GetArraySize(arr);
	c->tips = arena_alloc(L->a, (size_t)c->ntips * sizeof *c->tips);
	bool ok = true;
	int i = 0;
	ld_push_key(L, "tips");
	for (const cJSON *v = arr->child; v; v = v->next, i++) {
		ik_tip *t = &c->tips[i];
		ld_push_index(L, i);
		if (ld_object(L, v, keys)) {
			ok &= ld_id(L, v, "id", &t->id);
			for (int j = 0; t->id && j < i; j++)
				if (c->tips[j].id && strcmp(c->tips[j].id, t->id) == 0) {
					ld_err(L, false, _("tip-id '%s' komt twee keer voor"), t->id);
					ok = false;
				}
			ok &= tip_place(L, c, v, t);
			ok &= ld_text(L, v, "text", true, &t->text);
			const cJSON *when = ld_array(L, v, "when", false, 1);
			if (when) {
				ld_push_key(L, "when");
				ok &= ld_conditions(L, c, when, -1, &t->when, &t->nwhen);
				ld_pop(L);
			}
		} else {
			ok = false;
		}
		ld_pop(L);
	}
	ld_pop(L);
	return ok;
}
