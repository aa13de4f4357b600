/* content_json.c: typed, self-reporting getters over a cJSON tree (see content_json.h).
 * Positions come from jsonscan, because cJSON keeps none. */
#include "content_json.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ld_push_key(ld *L, const char *key)
{
	if (L->depth < LD_MAX_PATH)
		L->path[L->depth] = (jsonpath_step){key, 0};
	L->depth++;
}

void ld_push_index(ld *L, int i)
{
	if (L->depth < LD_MAX_PATH)
		L->path[L->depth] = (jsonpath_step){NULL, i};
	L->depth++;
}

void ld_pop(ld *L)
{
	L->depth--;
}

void ld_err(ld *L, bool at_key, const char *fmt, ...)
{
	if (L->quiet) { /* streaming: the file is read again whole to say what and where */
		L->nerr++;
		return;
	}
	int n = L->depth < LD_MAX_PATH ? L->depth : LD_MAX_PATH;
	strbuf p = {0};
	for (int i = 0; i < n; i++) {
		if (L->path[i].key)
			sb_printf(&p, "%s%s", i ? "." : "", L->path[i].key);
		else
			sb_printf(&p, "[%d]", L->path[i].index);
	}
	int line, col;
	ld_where(L, at_key, &line, &col);
	strbuf m = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&m, fmt, ap);
	va_end(ap);
	diags_add(L->d, L->file, line, col, "%s: %s", p.len ? p.s : _("(bovenste niveau)"), m.s);
	sb_free(&p);
	sb_free(&m);
	L->nerr++;
}

static const char *type_name(const cJSON *v)
{
	if (cJSON_IsString(v))
		return _("een tekst");
	if (cJSON_IsNumber(v))
		return _("een getal");
	if (cJSON_IsBool(v))
		return "true/false";
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsArray(v))
		return _("een lijst [ … ]");
	return _("een object { … }");
}

bool ld_object(ld *L, const cJSON *obj, const char *const allowed[])
{
	if (!cJSON_IsObject(obj)) {
		ld_err(L, false, _("moet een object { … } zijn, geen %s"), type_name(obj));
		return false;
	}
	int nallowed = 0;
	while (allowed[nallowed])
		nallowed++;
	int at = 0; /* keys usually come in the order of `allowed`: look there first */
	for (const cJSON *k = obj->child; k; k = k->next) {
		if (k->string[0] == '_')
			continue;
		bool ok = false;
		for (int i = 0; i < nallowed && !ok; i++, at = at + 1 < nallowed ? at + 1 : 0)
			ok = allowed[at][0] == k->string[0] && ld_streq(allowed[at], k->string);
		if (!ok) {
			ld_push_key(L, k->string);
			ld_err(L, true, _("onbekende sleutel '%s'"), k->string);
			ld_pop(L);
		}
	}
	return true;
}

/* Looks key up and pushes it on the path; reports a missing required key at the object. */
static const cJSON *field(ld *L, const cJSON *obj, const char *key, bool required)
{
	const cJSON *v = ld_get(L, obj, key);
	if (!v && required)
		ld_err(L, false, _("sleutel '%s' ontbreekt"), key);
	if (v)
		ld_push_key(L, key);
	return v;
}

/* arena_strdup without the arena's alignment and zeroing per string: the strings of a file are
 * packed into slabs taken from the arena, a few times smaller than the file (100,000
 * activities hold a million strings). */
static const char *ld_strdup(ld *L, const char *s)
{
	if (L->borrow)
		return s;
	size_t n = strlen(s) + 1, slab = L->len / 2 < 4096 ? 4096 : L->len / 2 > 256 * 1024 ? 256 * 1024 : L->len / 2;
	if (n > slab / 8)
		return arena_strdup(L->a, s);
	if (L->slab_left < n) {
		L->slab = arena_alloc(L->a, slab);
		L->slab_left = slab;
	}
	char *p = L->slab;
	memcpy(p, s, n);
	L->slab += n;
	L->slab_left -= n;
	return p;
}

/* Short strings (names, ids, urls) hold no newline or tab. */
static bool plain_line(ld *L, const char *s)
{
	if (strpbrk(s, "\n\t")) {
		ld_err(L, false, _("moet één regel zijn (geen nieuwe regel of tab)"));
		return false;
	}
	return true;
}

bool ld_elem_string(ld *L, const cJSON *v, const char **out)
{
	if (!cJSON_IsString(v)) {
		ld_err(L, false, _("moet een tekst (string) zijn, geen %s"), type_name(v));
		return false;
	}
	if (!v->valuestring[0]) {
		ld_err(L, false, _("mag niet leeg zijn"));
		return false;
	}
	if (v->valueint != LD_STRING_PLAIN && !plain_line(L, v->valuestring))
		return false;
	*out = ld_strdup(L, v->valuestring);
	return true;
}

bool ld_string(ld *L, const cJSON *obj, const char *key, bool required, const char **out)
{
	const cJSON *v = field(L, obj, key, required);
	if (!v)
		return false;
	bool ok = false;
	if (cJSON_IsNull(v) && !required)
		ok = false;
	else
		ok = ld_elem_string(L, v, out);
	ld_pop(L);
	return ok;
}

bool ld_is_id(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 64 || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	return true;
}

bool ld_id(ld *L, const cJSON *obj, const char *key, const char **out)
{
	const cJSON *v = field(L, obj, key, true);
	if (!v)
		return false;
	bool ok = ld_elem_string(L, v, out);
	if (ok && !ld_is_id(*out)) {
		ld_err(L, false, _("'%s' is geen geldige id (a-z, 0-9, _ en -, beginnend met een letter, hoogstens 64)"), *out);
		ok = false;
	}
	ld_pop(L);
	return ok;
}

static bool text_lang(ld *L, const cJSON *obj, const char *lang, const char **out)
{
	const cJSON *v = field(L, obj, lang, true);
	if (!v)
		return false;
	bool ok = false;
	if (!cJSON_IsString(v))
		ld_err(L, false, _("moet een tekst (string) zijn, geen %s"), type_name(v));
	else if (!v->valuestring[0])
		ld_err(L, false, _("mag niet leeg zijn"));
	else if (v->valueint != LD_STRING_PLAIN && strchr(v->valuestring, '\t'))
		ld_err(L, false, _("tabs mogen niet in tekst"));
	else
		ok = true;
	if (ok)
		*out = ld_strdup(L, v->valuestring);
	ld_pop(L);
	return ok;
}

bool ld_elem_text(ld *L, const cJSON *v, ik_text *out)
{
	static const char *const keys[] = {"nl", "en", NULL};
	if (!ld_object(L, v, keys))
		return false;
	bool nl = text_lang(L, v, "nl", &out->nl);
	bool en = text_lang(L, v, "en", &out->en);
	return nl && en;
}

bool ld_text(ld *L, const cJSON *obj, const char *key, bool required, ik_text *out)
{
	const cJSON *v = field(L, obj, key, required);
	if (!v)
		return false;
	bool ok = ld_elem_text(L, v, out);
	ld_pop(L);
	return ok;
}

bool ld_text_ptr(ld *L, const cJSON *obj, const char *key, const ik_text **out)
{
	const cJSON *v = ld_get(L, obj, key);
	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return false;
	ik_text *t = arena_alloc(L->a, sizeof *t);
	ld_push_key(L, key);
	bool ok = ld_elem_text(L, v, t);
	ld_pop(L);
	if (ok)
		*out = t;
	return ok;
}

bool ld_int(ld *L, const cJSON *obj, const char *key, bool required, int lo, int hi, int *out)
{
	const cJSON *v = field(L, obj, key, required);
	if (!v)
		return false;
	bool ok = false;
	if (!cJSON_IsNumber(v))
		ld_err(L, false, _("moet een heel getal zijn, geen %s"), type_name(v));
	/* (long long) of a double past its range is undefined (1e60, found by tests/fuzz); every
	 * double that large is whole anyway, and the range check below refuses it */
	else if (v->valuedouble > -1e18 && v->valuedouble < 1e18 &&
		 v->valuedouble != (double)(long long)v->valuedouble)
		ld_err(L, false, _("moet een heel getal zijn"));
	else if (v->valuedouble < lo || v->valuedouble > hi)
		ld_err(L, false, _("moet tussen %d en %d liggen"), lo, hi);
	else {
		*out = (int)v->valuedouble;
		ok = true;
	}
	ld_pop(L);
	return ok;
}

bool ld_bool(ld *L, const cJSON *obj, const char *key, bool *out)
{
	const cJSON *v = field(L, obj, key, false);
	if (!v)
		return false;
	bool ok = cJSON_IsBool(v);
	if (ok)
		*out = cJSON_IsTrue(v);
	else
		ld_err(L, false, _("moet true of false zijn, geen %s"), type_name(v));
	ld_pop(L);
	return ok;
}

const cJSON *ld_array(ld *L, const cJSON *obj, const char *key, bool required, int min_items)
{
	const cJSON *v = field(L, obj, key, required);
	if (!v)
		return NULL;
	const cJSON *r = NULL;
	if (!cJSON_IsArray(v))
		ld_err(L, false, _("moet een lijst [ … ] zijn, geen %s"), type_name(v));
	else if (ld_array_size(L, v) < min_items)
		ld_err(L, false, ngettext("moet minstens %d element bevatten", "moet minstens %d elementen bevatten",
					  (unsigned long)min_items), min_items);
	else
		r = v;
	ld_pop(L);
	return r;
}

bool ld_elem_enum(ld *L, const cJSON *v, const char *const vals[], int *out)
{
	if (!cJSON_IsString(v)) {
		ld_err(L, false, _("moet een tekst (string) zijn, geen %s"), type_name(v));
		return false;
	}
	for (int i = 0; vals[i]; i++) {
		if (vals[i][0] == v->valuestring[0] && ld_streq(vals[i], v->valuestring)) {
			*out = i;
			return true;
		}
	}
	strbuf b = {0};
	for (int i = 0; vals[i]; i++)
		sb_printf(&b, "%s%s", i ? ", " : "", vals[i]);
	ld_err(L, false, _("onbekende waarde '%.60s' (verwacht één van: %s)"), v->valuestring, b.s);
	sb_free(&b);
	return false;
}

bool ld_enum(ld *L, const cJSON *obj, const char *key, const char *const vals[], int *out)
{
	const cJSON *v = field(L, obj, key, true);
	if (!v)
		return false;
	bool ok = ld_elem_enum(L, v, vals, out);
	ld_pop(L);
	return ok;
}

bool ld_date(ld *L, const cJSON *obj, const char *key, int *days_out)
{
	const cJSON *v = field(L, obj, key, true);
	if (!v)
		return false;
	bool ok = cJSON_IsString(v) && date_parse(v->valuestring, days_out) == 0;
	if (!ok)
		ld_err(L, false, _("moet een datum JJJJ-MM-DD zijn die in de kalender bestaat"));
	ld_pop(L);
	return ok;
}

bool ld_version(ld *L)
{
	int v;
	if (!ld_int(L, L->root, "version", true, 0, 1000, &v))
		return false;
	if (v != 1) {
		ld_push_key(L, "version");
		ld_err(L, false, _("formaatversie %d kent dit programma niet (verwacht 1)"), v);
		ld_pop(L);
		return false;
	}
	return true;
}

/* content_option_index, where an option whose id was refused (NULL) matches nothing instead
 * of crashing the check of a broken file. */
static int option_index(const ik_question *q, const char *id)
{
	for (int i = 0; i < q->nopts; i++)
		if (q->opts[i].id && strcmp(q->opts[i].id, id) == 0)
			return i;
	return -1;
}

static bool one_condition(ld *L, const content *c, const cJSON *cond, int before, ik_cond *out)
{
	static const char *const keys[] = {"question", "any", "none", NULL};
	if (!ld_object(L, cond, keys))
		return false;
	const char *qid;
	if (!ld_string(L, cond, "question", true, &qid))
		return false;
	int q = content_question_index(c, qid);
	if (q < 0 || (before >= 0 && q >= before)) {
		ld_push_key(L, "question");
		ld_err(L, false, q < 0 ? _("geen vraag heeft de id '%s'") : _("vraag '%s' moet eerder in de ronde komen"), qid);
		ld_pop(L);
		return false;
	}
	const ik_question *qq = &c->questions[q];
	if ((qq->type == Q_SINGLE || qq->type == Q_MULTI) && qq->nopts == 0)
		return false; /* that question's own mistakes are reported there; no cascade here */
	const cJSON *any = cJSON_GetObjectItemCaseSensitive(cond, "any");
	const cJSON *none = cJSON_GetObjectItemCaseSensitive(cond, "none");
	if (!!any == !!none) {
		ld_err(L, false, _("een voorwaarde heeft precies één van 'any' of 'none' nodig"));
		return false;
	}
	const char *which = any ? "any" : "none";
	const cJSON *arr = ld_array(L, cond, which, true, 1);
	if (!arr)
		return false;
	if (qq->type != Q_SINGLE && qq->type != Q_MULTI) {
		ld_push_key(L, "question");
		ld_err(L, false, _("vraag '%s' heeft geen opties om te testen"), qid);
		ld_pop(L);
		return false;
	}
	*out = (ik_cond){.question = q, .none = none != NULL};
	bool ok = true;
	ld_push_key(L, which);
	int i = 0;
	for (const cJSON *v = arr->child; v; v = v->next, i++) {
		ld_push_index(L, i);
		const char *oid;
		if (ld_elem_string(L, v, &oid)) {
			int o = option_index(qq, oid);
			if (o < 0) {
				ld_err(L, false, _("vraag '%s' heeft geen optie '%s'"), qid, oid);
				ok = false;
			} else {
				out->opts |= UINT64_C(1) << o;
			}
		} else {
			ok = false;
		}
		ld_pop(L);
	}
	ld_pop(L);
	return ok;
}

bool ld_conditions(ld *L, const content *c, const cJSON *arr, int before, ik_cond **out, int *n)
{
	int cnt = cJSON_GetArraySize(arr);
	*out = arena_alloc(L->a, (size_t)cnt * sizeof **out);
	*n = cnt;
	bool ok = true;
	int i = 0;
	for (const cJSON *v = arr->child; v; v = v->next, i++) {
		ld_push_index(L, i);
		ok &= one_condition(L, c, v, before, &(*out)[i]);
		ld_pop(L);
	}
	return ok;
}
