/* content_training.c: loads the practice cases in content/training/ (see content/SCHEMA.md,
 * "Training cases") and checks each against the loaded content: ids, a walk the program could
 * make, a reference profile that follows from the answers. Part of the content loader: every
 * mistake is reported at file:line:col with its JSON path, all at once, and a folder with a
 * mistake is never half-loaded. It never touches the records database. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "content_internal.h"
#include "profile.h"
#include "training.h"
#include "i18n.h"

static bool text_list(ld *L, const cJSON *obj, const char *key, int min, ik_text **out, int *n)
{
	const cJSON *arr = ld_array(L, obj, key, true, min);
	if (!arr)
		return false;
	*n = cJSON_GetArraySize(arr);
	*out = arena_alloc(L->a, (size_t)(*n ? *n : 1) * sizeof **out);
	bool ok = true;
	ld_push_key(L, key);
	int i = 0;
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		ld_push_index(L, i);
		ok &= ld_elem_text(L, e, &(*out)[i]);
		ld_pop(L);
	}
	ld_pop(L);
	return ok;
}

/* The reference answers must be a walk the program could make: every question that is asked
 * and required has an answer, none that is not asked has one, nothing after an ending answer. */
static bool check_walk(ld *L, const content *c, const answers *as)
{
	bool ok = true;
	int end = -1;
	for (int q = 0; q < c->nquestions; q++) {
		const ik_question *qq = &c->questions[q];
		bool answered = as->a[q].set;
		if (end >= 0 || !answers_applies(as, q)) {
			if (answered) {
				ld_push_key(L, qq->id);
				if (end >= 0)
					ld_err(L, true, _("vraag '%s' wordt nooit gesteld: de ronde eindigt bij '%s' ('%s')"), qq->id,
					       c->questions[end].id, c->questions[end].opts[answers_single(as, end)].id);
				else
					ld_err(L, true, _("vraag '%s' wordt met deze antwoorden niet gesteld (haar 'when' klopt niet)"), qq->id);
				ld_pop(L);
				ok = false;
			}
			continue;
		}
		if (!answers_complete(as, q)) {
			ld_err(L, false, _("geen antwoord op vraag '%s', die de ronde stelt en verplicht is"), qq->id);
			ok = false;
		}
		int o = qq->type == Q_SINGLE ? answers_single(as, q) : -1;
		if (o >= 0 && qq->opts[o].ends)
			end = q;
	}
	return ok;
}

/* reference.profile: an id, or null (*profile = -1). */
static bool read_profile(ld *L, const content *c, const cJSON *ref, int *profile)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(ref, "profile");
	*profile = -1;
	if (!v) {
		ld_err(L, false, _("sleutel 'profile' ontbreekt"));
		return false;
	}
	if (cJSON_IsNull(v))
		return true;
	ld_push_key(L, "profile");
	bool ok = false;
	if (!cJSON_IsString(v))
		ld_err(L, false, _("moet een profiel-id of null zijn"));
	else if ((*profile = content_profile_index(c, v->valuestring)) < 0)
		ld_err(L, false, _("geen profiel heeft de id '%.64s'"), v->valuestring);
	else
		ok = true;
	ld_pop(L);
	return ok;
}

static bool read_activities(ld *L, const content *c, const cJSON *ref, ik_case *k)
{
	const cJSON *arr = ld_array(L, ref, "activities", true, 0);
	if (!arr)
		return false;
	ld_push_key(L, "activities");
	bool ok = true;
	if (cJSON_GetArraySize(arr) > TRAINING_MAX_ACTIVITIES) {
		ld_err(L, false, _("hoogstens %d goede keuzes"), TRAINING_MAX_ACTIVITIES);
		ok = false;
	}
	int i = 0;
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		const char *id = NULL;
		ld_push_index(L, i);
		int a = ld_elem_string(L, e, &id) ? content_activity_index(c, id) : -2;
		if (a == -1)
			ld_err(L, false, _("geen activiteit heeft de id '%.64s'"), id);
		for (int j = 0; a >= 0 && j < k->nactivities; j++)
			if (k->activities[j] == a) {
				ld_err(L, false, _("activiteit '%s' staat er twee keer in"), id);
				a = -1;
			}
		if (a >= 0 && k->nactivities < TRAINING_MAX_ACTIVITIES)
			k->activities[k->nactivities++] = a;
		else if (a < 0)
			ok = false;
		ld_pop(L);
	}
	ld_pop(L);
	return ok;
}

/* The reference must fit the answers: no profile and no good choices exactly when the walk
 * ends; otherwise a profile that the rules in profiles.json give (one of the candidates when
 * they tie) and 1 to 5 good choices. */
static void check_reference(ld *L, const content *c, const ik_case *k)
{
	ld_push_key(L, "reference");
	if (k->end_question >= 0) {
		const ik_question *eq = &c->questions[k->end_question];
		const char *eo = eq->opts[answers_single(k->answers, k->end_question)].id;
		ld_push_key(L, "profile");
		if (k->profile >= 0)
			ld_err(L, false, _("de antwoorden beëindigen de ronde bij '%s' ('%s'): het profiel moet null zijn"), eq->id, eo);
		ld_pop(L);
		ld_push_key(L, "activities");
		if (k->nactivities)
			ld_err(L, false, _("de antwoorden beëindigen de ronde bij '%s' ('%s'): hier geen goede keuzes (gebruik [])"), eq->id, eo);
		ld_pop(L);
		ld_pop(L);
		return;
	}
	ld_push_key(L, "profile");
	profile_result r;
	profile_infer(c, k->answers, &r);
	bool candidate = false;
	for (int i = 0; i < r.ncandidates && r.state != PROFILE_UNKNOWN; i++)
		candidate |= r.candidates[i] == k->profile;
	if (k->profile < 0)
		ld_err(L, false, _("null alleen als de antwoorden de ronde beëindigen (een optie met 'ends', zoals wants_support 'nee')"));
	else if (r.state == PROFILE_SELECTED && !candidate)
		ld_err(L, false, _("de antwoorden geven volgens de regels in profiles.json profiel '%s', niet '%s'"),
		       c->profiles[r.chosen].id, c->profiles[k->profile].id);
	else if (r.state == PROFILE_TIE && !candidate)
		ld_err(L, false, _("de antwoorden geven een gelijkspel, en '%s' is niet een van de profielen waarvan de regels kloppen"),
		       c->profiles[k->profile].id);
	else if (r.state == PROFILE_UNKNOWN)
		ld_err(L, false, _("de antwoorden geven geen profiel: van geen profiel in profiles.json kloppen alle regels"));
	ld_pop(L);
	ld_push_key(L, "activities");
	if (k->nactivities == 0)
		ld_err(L, false, _("moet 1 tot en met %d goede keuzes bevatten als er een profiel is"), TRAINING_MAX_ACTIVITIES);
	ld_pop(L);
	ld_pop(L);
}

static bool load_reference(ld *L, const content *c, ik_case *k)
{
	static const char *const keys[] = {"profile", "activities", "explanation", NULL};
	const cJSON *ref = cJSON_GetObjectItemCaseSensitive(L->root, "reference");
	if (!ref) {
		ld_err(L, false, _("sleutel 'reference' ontbreekt"));
		return false;
	}
	ld_push_key(L, "reference");
	bool ok = ld_object(L, ref, keys);
	if (ok) {
		ok &= read_profile(L, c, ref, &k->profile);
		ok &= read_activities(L, c, ref, k);
		ok &= text_list(L, ref, "explanation", 1, &k->explanation, &k->nexplanation);
	}
	ld_pop(L);
	return ok;
}

static bool load_answers(ld *L, const content *c, ik_case *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(L->root, "answers");
	k->answers = answers_new(c);
	if (!v) {
		ld_err(L, false, _("sleutel 'answers' ontbreekt"));
		return false;
	}
	ld_push_key(L, "answers");
	bool ok = ld_answers(L, c, v, k->answers) && check_walk(L, c, k->answers);
	ld_pop(L);
	k->end_question = ok ? training_walk_end(k->answers) : -1;
	return ok;
}

/* Reads one case file into *k (strings in a). The id must be the file name without .json. */
static void load_case(const content *c, const char *path, ik_case *k, arena *a, diags *d)
{
	static const char *const keys[] = {"version", "id", "title", "source", "story", "signals", "person_says",
					   "answers", "reference", NULL};
	ld L;
	*k = (ik_case){.profile = -1, .end_question = -1};
	if (ld_open(&L, path, d, a) != 0) {
		ld_close(&L);
		return;
	}
	ld_object(&L, L.root, keys);
	ld_version(&L);
	if (ld_id(&L, L.root, "id", &k->id)) {
		const char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		size_t n = strlen(k->id);
		if (strncmp(base, k->id, n) != 0 || strcmp(base + n, ".json") != 0) {
			ld_push_key(&L, "id");
			ld_err(&L, false, _("de id moet de bestandsnaam zonder .json zijn: dit bestand moet '%s.json' heten"), k->id);
			ld_pop(&L);
		}
	}
	ld_text(&L, L.root, "title", true, &k->title);
	ld_string(&L, L.root, "source", true, &k->source);
	ld_text(&L, L.root, "story", true, &k->story);
	text_list(&L, L.root, "signals", 1, &k->signals, &k->nsignals);
	text_list(&L, L.root, "person_says", 0, &k->says, &k->nsays);
	bool answers_ok = load_answers(&L, c, k);
	bool ref_ok = load_reference(&L, c, k);
	if (answers_ok && ref_ok)
		check_reference(&L, c, k);
	ld_close(&L);
}

static int cmp_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static bool is_case_file(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0;
}

int content_load_cases(const content *c, const char *dir, ik_cases **out, diags *d)
{
	*out = NULL;
	ik_cases *cs = xcalloc(1, sizeof *cs);
	cs->arena = arena_new();
	DIR *dp = opendir(dir);
	if (!dp) {
		if (errno == ENOENT) { /* no training folder: no cases */
			*out = cs;
			return 0;
		}
		diags_add(d, dir, 0, 0, _("kan de map met oefencasussen niet lezen: %s"), strerror(errno));
		content_cases_free(cs);
		return -1;
	}
	char **names = NULL;
	int n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(dp));) {
		if (!is_case_file(e->d_name))
			continue;
		if (n == cap)
			names = xrealloc(names, (size_t)(cap = cap ? 2 * cap : 16) * sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dp);
	if (n)
		qsort(names, (size_t)n, sizeof *names, cmp_name);
	/* Ids are unique because each equals its file name, and a folder holds each name once. */
	cs->v = arena_alloc(cs->arena, (size_t)(n ? n : 1) * sizeof *cs->v);
	int before = d->n;
	for (int i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		load_case(c, path, &cs->v[cs->n++], cs->arena, d);
		free(path);
		free(names[i]);
	}
	free(names);
	if (d->n > before) {
		content_cases_free(cs);
		return -1;
	}
	*out = cs;
	return 0;
}

int content_check_case(const content *c, const char *path, diags *d)
{
	int before = d->n;
	arena *a = arena_new();
	ik_case k;
	load_case(c, path, &k, a, d);
	answers_free(k.answers);
	arena_free(a);
	return d->n - before;
}
