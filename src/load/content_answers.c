/* content_answers.c: reads an answers file (question id → answer) for `infokaart suggest`
 * and scripts, with the same located error messages as the content itself. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "answers.h"
#include "content_answers.h"
#include "content_internal.h"
#include "i18n.h"

static bool read_choice(ld *L, const ik_question *q, const cJSON *v, answers *as, int qi)
{
	if (q->type == Q_SINGLE) {
		if (!cJSON_IsString(v)) {
			ld_err(L, false, _("vraag '%s' wil één optie-id (een tekst)"), q->id);
			return false;
		}
		int o = content_option_index(q, v->valuestring);
		if (o < 0) {
			ld_err(L, false, _("vraag '%s' heeft geen optie '%.64s'"), q->id, v->valuestring);
			return false;
		}
		answers_set_single(as, qi, o);
		return true;
	}
	if (!cJSON_IsArray(v)) {
		ld_err(L, false, _("vraag '%s' wil een lijst van optie-ids"), q->id);
		return false;
	}
	bool ok = true;
	int i = 0;
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		ld_push_index(L, i);
		int o = cJSON_IsString(e) ? content_option_index(q, e->valuestring) : -1;
		if (o < 0) {
			ld_err(L, false, _("vraag '%s' heeft geen optie %s%.64s%s"), q->id, cJSON_IsString(e) ? "'" : "",
			       cJSON_IsString(e) ? e->valuestring : _("van dit soort"), cJSON_IsString(e) ? "'" : "");
			ok = false;
		} else if (cJSON_GetArraySize(v) > 1 && q->opts[o].exclusive) {
			ld_err(L, false, _("optie '%s' van vraag '%s' kan niet samen met andere"), q->opts[o].id, q->id);
			ok = false;
		} else if (!answers_has_opt(as, qi, o)) {
			answers_toggle(as, qi, o);
		}
		ld_pop(L);
	}
	return ok;
}

static bool read_one(ld *L, const content *c, const cJSON *v, answers *as)
{
	int qi = content_question_index(c, v->string);
	if (qi < 0) {
		ld_err(L, true, _("geen vraag heeft de id '%.64s'"), v->string);
		return false;
	}
	const ik_question *q = &c->questions[qi];
	switch (q->type) {
	case Q_SINGLE:
	case Q_MULTI:
		return read_choice(L, q, v, as, qi);
	case Q_TEXT:
		if (!cJSON_IsString(v)) {
			ld_err(L, false, _("vraag '%s' wil tekst (een string)"), q->id);
			return false;
		}
		answers_set_text(as, qi, v->valuestring);
		return true;
	default:
		/* the range first: (long long) of a double past its range is undefined */
		if (!cJSON_IsNumber(v) || v->valuedouble < q->min || v->valuedouble > q->max ||
		    v->valuedouble != (double)(long long)v->valuedouble) {
			ld_err(L, false, _("vraag '%s' wil een heel getal van %d tot en met %d"), q->id, q->min, q->max);
			return false;
		}
		answers_set_value(as, qi, (int)v->valuedouble);
		return true;
	}
}

bool ld_answers(ld *L, const content *c, const cJSON *obj, answers *as)
{
	if (!cJSON_IsObject(obj)) {
		ld_err(L, false, _("moet een object { vraag-id: antwoord, … } zijn"));
		return false;
	}
	bool ok = true;
	for (const cJSON *v = obj->child; v; v = v->next) {
		if (v->string[0] == '_')
			continue;
		ld_push_key(L, v->string);
		ok &= read_one(L, c, v, as);
		ld_pop(L);
	}
	return ok;
}

int content_read_answers(const content *c, const char *path, answers *as, diags *d)
{
	arena *a = arena_new();
	ld L;
	int before = d->n;
	if (ld_open_max(&L, path, d, a, LD_MAX_ANSWERS) == 0)
		ld_answers(&L, c, L.root, as);
	ld_close(&L);
	arena_free(a);
	return d->n > before ? -1 : 0;
}

/* A draft is an answers object with a few keys of its own (they start with '_', which answers
 * files ignore). It lives in the database, not in a file: the loader reads files, so the text
 * goes through an anonymous in-memory file. */
int content_read_draft(const content *c, const char *text, answers *as, content_draft *x, diags *d)
{
	*x = (content_draft){.step = 0, .consent = 0, .consent_how = -1};
	int fd = memfd_create("infokaart-draft", MFD_CLOEXEC);
	if (fd < 0) {
		diags_add(d, "draft", 0, 0, _("kan de onafgemaakte ronde niet lezen: %s"), strerror(errno));
		return -1;
	}
	size_t len = strlen(text);
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	arena *a = arena_new();
	ld L = {0};
	int before = d->n;
	if (write(fd, text, len) != (ssize_t)len) {
		diags_add(d, "draft", 0, 0, _("kan de onafgemaakte ronde niet lezen: %s"), strerror(errno));
	} else if (ld_open_max(&L, path, d, a, LD_MAX_ANSWERS) == 0 && ld_answers(&L, c, L.root, as)) {
		const cJSON *v;
		/* Only values the flow can hold: a damaged row must not index past
		 * flow_consent_how_ids when the form is stored (a crash, tests/e2e/e2e_draft.c), and
		 * (int) of a double past its range is undefined. */
		if ((v = cJSON_GetObjectItemCaseSensitive(L.root, "_step")) && cJSON_IsNumber(v) &&
		    v->valuedouble >= 0 && v->valuedouble < 1e6)
			x->step = (int)v->valuedouble;
		if ((v = cJSON_GetObjectItemCaseSensitive(L.root, "_consent")) && cJSON_IsNumber(v) &&
		    v->valuedouble >= 0 && v->valuedouble <= 2) /* consent_state: unset, yes, no */
			x->consent = (int)v->valuedouble;
		if ((v = cJSON_GetObjectItemCaseSensitive(L.root, "_consent_how")) && cJSON_IsNumber(v) &&
		    v->valuedouble >= -1 && v->valuedouble <= 1) /* flow_consent_how_ids: two */
			x->consent_how = (int)v->valuedouble;
		if ((v = cJSON_GetObjectItemCaseSensitive(L.root, "_profile")) && cJSON_IsString(v))
			x->profile = content_profile_index(c, v->valuestring);
		else
			x->profile = -1;
		if ((v = cJSON_GetObjectItemCaseSensitive(L.root, "_activity")) && cJSON_IsString(v))
			x->activity = content_activity_index(c, v->valuestring);
		else
			x->activity = -1;
		if ((v = cJSON_GetObjectItemCaseSensitive(L.root, "_followup")) && cJSON_IsString(v))
			date_parse(v->valuestring, &x->followup);
		if ((v = cJSON_GetObjectItemCaseSensitive(L.root, "_note")) && cJSON_IsString(v) && *v->valuestring)
			x->note = xstrdup(v->valuestring);
	}
	ld_close(&L);
	arena_free(a);
	close(fd);
	return d->n > before ? -1 : 0;
}

void content_draft_resume(flow *f, const content_draft *x)
{
	flow_resume(f, x->step, x->profile, x->activity);
	f->consent = (consent_state)x->consent;
	f->consent_how = x->consent_how;
	if (x->followup >= f->today)
		f->followup = x->followup;
	flow_set_note(f, x->note);
}
