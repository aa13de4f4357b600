/* flow.c: the walk-through state machine (see flow.h). Positions index a list of every
 * possible step built once from the content; flow_next skips questions whose `when` does not
 * hold, and a history of positions makes "back" exact. */
#include "flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "jsonw.h"

const char *const flow_consent_how_ids[] = {"mondeling", "schriftelijk", NULL};

static void push_step(flow *f, step_kind k, int index)
{
	f->steps[f->nsteps++] = (flow_step){k, index};
}

flow *flow_new(const content *c, int today)
{
	flow *f = xcalloc(1, sizeof *f);
	f->c = c;
	f->ans = answers_new(c);
	f->steps = xcalloc((size_t)(c->nphases + c->nquestions + 5), sizeof *f->steps);
	for (int p = 0; p < c->nphases; p++) {
		if (c->phases[p].guide)
			push_step(f, STEP_GUIDE, p);
		for (int q = 0; q < c->nquestions; q++)
			if (c->questions[q].phase == p)
				push_step(f, STEP_QUESTION, q);
	}
	push_step(f, STEP_PROFILE, 0);
	push_step(f, STEP_SUGGEST, 0);
	push_step(f, STEP_RECORD, 0);
	push_step(f, STEP_DONE, 0);
	push_step(f, STEP_END_INFO, 0);
	f->hist = xcalloc((size_t)f->nsteps, sizeof *f->hist);
	f->today = today;
	flow_reset(f);
	return f;
}

void flow_set_note(flow *f, const char *note)
{
	if (f->note) {
		explicit_bzero(f->note, strlen(f->note));
		free(f->note);
		f->note = NULL;
	}
	if (note && *note)
		f->note = xstrdup(note);
}

void flow_reset(flow *f)
{
	answers_clear(f->ans);
	flow_set_note(f, NULL);
	f->pos = 0;
	f->nhist = 0;
	f->end_option = -1;
	memset(&f->prof, 0, sizeof f->prof);
	f->profile = -1;
	f->nsugg = 0;
	f->chosen = -1;
	f->consent = CONSENT_UNSET;
	f->consent_how = -1;
	f->followup = f->today + FLOW_FOLLOWUP_DAYS;
	f->recorded = false;
	f->crisis_due = false;
	memset(f->case_code, 0, sizeof f->case_code);
	f->record_id = 0;
	for (int i = 0; i < f->npresets; i++)
		answers_set_single(f->ans, f->preset_q[i], f->preset_o[i]);
}

int flow_preset(flow *f, ik_facet facet, const char *id)
{
	int q = f->c->facet_q[facet];
	int o = q >= 0 && f->c->questions[q].type == Q_SINGLE ? content_option_index(&f->c->questions[q], id) : -1;
	if (o < 0 || f->npresets == (int)ARRAY_LEN(f->preset_q))
		return -1;
	f->preset_q[f->npresets] = q;
	f->preset_o[f->npresets++] = o;
	answers_set_single(f->ans, q, o);
	return 0;
}

void flow_free(flow *f)
{
	if (!f)
		return;
	flow_set_note(f, NULL);
	answers_free(f->ans);
	free(f->steps);
	free(f->hist);
	free(f);
}

flow_step flow_current(const flow *f)
{
	return f->steps[f->pos];
}

static int position_of(const flow *f, step_kind k)
{
	for (int i = 0; i < f->nsteps; i++)
		if (f->steps[i].kind == k)
			return i;
	return 0;
}

/* Answers to questions that no longer apply (an earlier answer changed) must not count. */
static void drop_inapplicable(flow *f)
{
	for (int q = 0; q < f->c->nquestions; q++)
		if (!answers_applies(f->ans, q))
			answers_unset(f->ans, q);
}

static void enter(flow *f, int pos)
{
	f->hist[f->nhist++] = f->pos;
	f->pos = pos;
	flow_step s = f->steps[pos];
	if (s.kind == STEP_PROFILE) {
		drop_inapplicable(f);
		profile_infer(f->c, f->ans, &f->prof);
		/* keep a choice the signaller made earlier when it is still a candidate */
		bool keep = false;
		for (int i = 0; i < f->prof.ncandidates && f->profile >= 0; i++)
			keep |= f->prof.candidates[i] == f->profile && f->prof.state != PROFILE_SELECTED;
		if (!keep)
			f->profile = f->prof.chosen;
	} else if (s.kind == STEP_SUGGEST) {
		int prev = f->chosen >= 0 ? f->sugg[f->chosen].activity : -1;
		f->nsugg = rank_suggest(f->c, f->ans, f->profile, f->today, f->sugg, FLOW_MAX_SUGGEST);
		f->chosen = -1;
		for (int i = 0; i < f->nsugg; i++)
			if (f->sugg[i].activity == prev)
				f->chosen = i;
	}
}

static const char *incomplete_reason(const flow *f, int q)
{
	switch (f->c->questions[q].type) {
	case Q_SINGLE: return _("Kies een antwoord.");
	case Q_MULTI: return _("Kies ten minste één antwoord.");
	case Q_TEXT: return _("Vul iets in.");
	default: return _("Vul een getal in.");
	}
}

int flow_next(flow *f, const char **why)
{
	static const char *dummy;
	if (!why)
		why = &dummy;
	*why = NULL;
	flow_step s = f->steps[f->pos];
	switch (s.kind) {
	case STEP_QUESTION: {
		if (!answers_complete(f->ans, s.index)) {
			*why = incomplete_reason(f, s.index);
			return -1;
		}
		const ik_question *q = &f->c->questions[s.index];
		f->crisis_due = answers_crisis_in(f->ans, s.index);
		int o = q->type == Q_SINGLE ? answers_single(f->ans, s.index) : -1;
		if (o >= 0 && q->opts[o].ends) {
			f->end_option = o;
			enter(f, position_of(f, STEP_END_INFO));
			return 0;
		}
		break;
	}
	case STEP_PROFILE:
		if (f->profile < 0) {
			*why = _("Kies een profiel dat het best past.");
			return -1;
		}
		break;
	case STEP_SUGGEST:
		if (f->chosen < 0) {
			*why = _("Kies een activiteit.");
			return -1;
		}
		break;
	case STEP_RECORD:
		if (flow_may_record(f, why) == FLOW_RECORD_NOTHING) {
			f->end_option = -1; /* no consent: information only, nothing stored */
			flow_set_note(f, NULL);
			enter(f, position_of(f, STEP_END_INFO));
			return 0;
		}
		if (!*why)
			*why = _("Leg de verwijzing eerst vast.");
		return -1;
	case STEP_DONE:
	case STEP_END_INFO:
		return -1;
	case STEP_GUIDE:
		break;
	}
	for (int p = f->pos + 1; p < f->nsteps; p++) {
		flow_step n = f->steps[p];
		if (n.kind == STEP_QUESTION && !answers_applies(f->ans, n.index))
			continue;
		enter(f, p);
		return 0;
	}
	return -1;
}

bool flow_take_crisis(flow *f)
{
	bool due = f->crisis_due;
	f->crisis_due = false;
	return due;
}

int flow_back(flow *f)
{
	if (f->nhist == 0 || f->recorded)
		return -1;
	f->pos = f->hist[--f->nhist];
	f->end_option = -1;
	return 0;
}

static bool is_preset(const flow *f, int q)
{
	for (int i = 0; i < f->npresets; i++)
		if (f->preset_q[i] == q && answers_single(f->ans, q) == f->preset_o[i])
			return true;
	return false;
}

bool flow_dirty(const flow *f)
{
	if (f->recorded)
		return false;
	for (int q = 0; q < f->c->nquestions; q++)
		if (f->ans->a[q].set && !is_preset(f, q))
			return true;
	return f->note != NULL;
}

flow_record_kind flow_may_record(const flow *f, const char **why)
{
	static const char *dummy;
	if (!why)
		why = &dummy;
	*why = NULL;
	if (f->consent == CONSENT_NO) {
		*why = _("Zonder toestemming verwijst u niemand door. Er wordt niets vastgelegd.");
		return FLOW_RECORD_NOTHING;
	}
	if (f->consent != CONSENT_YES) {
		*why = _("Kies of de persoon toestemming geeft: ja of nee.");
		return FLOW_RECORD_ASK;
	}
	if (f->consent_how < 0) {
		*why = _("Kies hoe de persoon toestemming gaf: mondeling of schriftelijk.");
		return FLOW_RECORD_ASK;
	}
	return FLOW_RECORD_REFERRAL;
}

void flow_set_consent(flow *f, consent_state c)
{
	f->consent = c;
	if (c != CONSENT_YES)
		f->consent_how = -1;
}

bool flow_answer_kept(const flow *f, int q)
{
	return f->c->questions[q].type != Q_TEXT;
}

void flow_set_profile(flow *f, int profile)
{
	if (profile >= 0 && profile < f->c->nprofiles)
		f->profile = profile;
}

void flow_choose(flow *f, int i)
{
	if (i >= 0 && i < f->nsugg)
		f->chosen = i;
}

const ik_activity *flow_chosen_activity(const flow *f)
{
	return f->chosen >= 0 ? &f->c->activities[f->sugg[f->chosen].activity] : NULL;
}

void flow_recorded(flow *f, int64_t id, const char *case_code)
{
	f->recorded = true;
	f->record_id = id;
	snprintf(f->case_code, sizeof f->case_code, "%s", case_code);
	flow_set_note(f, NULL);
	f->hist[f->nhist++] = f->pos;
	f->pos = position_of(f, STEP_DONE);
}

int flow_phase(const flow *f)
{
	flow_step s = f->steps[f->pos];
	if (s.kind == STEP_GUIDE)
		return s.index;
	if (s.kind == STEP_QUESTION)
		return f->c->questions[s.index].phase;
	return f->c->nphases;
}

char *flow_draft_text(const flow *f)
{
	const content *c = f->c;
	strbuf b = {0};
	sb_appendc(&b, '{');
	for (int q = 0; q < c->nquestions; q++) {
		const ik_question *qq = &c->questions[q];
		const ik_answer *a = &f->ans->a[q];
		if (!a->set || !flow_answer_kept(f, q))
			continue;
		jsonw_key(&b, qq->id);
		if (qq->type == Q_SINGLE) {
			jsonw_str(&b, qq->opts[answers_single(f->ans, q)].id);
		} else if (qq->type == Q_MULTI) {
			sb_appendc(&b, '[');
			for (int o = 0, n = 0; o < qq->nopts; o++)
				if (a->opts >> o & 1) {
					sb_append(&b, n++ ? "," : "");
					jsonw_str(&b, qq->opts[o].id);
				}
			sb_appendc(&b, ']');
		} else if (qq->type == Q_TEXT) {
			jsonw_str(&b, a->text);
		} else {
			sb_printf(&b, "%d", a->value);
		}
		sb_appendc(&b, ',');
	}
	char date[11];
	date_format(f->followup, date);
	const ik_activity *act = flow_chosen_activity(f);
	sb_printf(&b, "\"_step\":%d,\"_consent\":%d,\"_consent_how\":%d,\"_followup\":", f->pos, (int)f->consent,
		  f->consent_how);
	jsonw_str(&b, date);
	sb_append(&b, ",\"_profile\":");
	jsonw_str(&b, f->profile >= 0 ? c->profiles[f->profile].id : NULL);
	sb_append(&b, ",\"_activity\":");
	jsonw_str(&b, act ? act->id : NULL);
	sb_append(&b, ",\"_note\":");
	jsonw_str(&b, f->note);
	sb_appendc(&b, '}');
	return sb_take(&b);
}

void flow_resume(flow *f, int step, int profile, int activity)
{
	if (step >= f->nsteps)
		step = f->nsteps - 1;
	while (f->pos < step) {
		flow_step s = f->steps[f->pos];
		if (s.kind == STEP_PROFILE && profile >= 0)
			flow_set_profile(f, profile);
		for (int i = 0; s.kind == STEP_SUGGEST && i < f->nsugg; i++)
			if (f->sugg[i].activity == activity)
				flow_choose(f, i);
		if (s.kind == STEP_RECORD || s.kind == STEP_DONE || s.kind == STEP_END_INFO || flow_next(f, NULL) != 0)
			break; /* the answers do not reach further: stay at the first step that needs more */
	}
}
