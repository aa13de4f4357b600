/* answers.c: the answer slots of one walk-through (see answers.h). */
#include "answers.h"

#include <stdlib.h>
#include <string.h>

answers *answers_new(const content *c)
{
	answers *as = xcalloc(1, sizeof *as);
	as->c = c;
	as->a = xcalloc((size_t)c->nquestions, sizeof *as->a);
	return as;
}

static void wipe_text(ik_answer *a)
{
	if (a->text) {
		explicit_bzero(a->text, strlen(a->text));
		free(a->text);
		a->text = NULL;
	}
}

void answers_unset(answers *as, int q)
{
	wipe_text(&as->a[q]);
	as->a[q] = (ik_answer){0};
}

void answers_clear(answers *as)
{
	for (int q = 0; q < as->c->nquestions; q++)
		answers_unset(as, q);
}

void answers_free(answers *as)
{
	if (!as)
		return;
	answers_clear(as);
	free(as->a);
	free(as);
}

bool answers_has_opt(const answers *as, int q, int opt)
{
	return as->a[q].set && (as->a[q].opts >> opt & 1);
}

int answers_single(const answers *as, int q)
{
	if (!as->a[q].set || !as->a[q].opts)
		return -1;
	return __builtin_ctzll(as->a[q].opts);
}

void answers_set_single(answers *as, int q, int opt)
{
	as->a[q].set = true;
	as->a[q].opts = UINT64_C(1) << opt;
}

void answers_toggle(answers *as, int q, int opt)
{
	const ik_question *qq = &as->c->questions[q];
	ik_answer *a = &as->a[q];
	uint64_t bit = UINT64_C(1) << opt;
	if (a->opts & bit) {
		a->opts &= ~bit;
	} else if (qq->opts[opt].exclusive) {
		a->opts = bit;
	} else {
		for (int i = 0; i < qq->nopts; i++)
			if (qq->opts[i].exclusive)
				a->opts &= ~(UINT64_C(1) << i);
		a->opts |= bit;
	}
	a->set = a->opts != 0;
}

void answers_set_value(answers *as, int q, int value)
{
	as->a[q].set = true;
	as->a[q].value = value;
}

void answers_set_text(answers *as, int q, const char *s)
{
	wipe_text(&as->a[q]);
	as->a[q].set = s && *s;
	if (as->a[q].set)
		as->a[q].text = xstrdup(s);
}

int answers_facet_single(const answers *as, ik_facet f)
{
	int q = as->c->facet_q[f];
	return q < 0 ? -1 : answers_single(as, q);
}

uint64_t answers_facet_opts(const answers *as, ik_facet f)
{
	int q = as->c->facet_q[f];
	return q < 0 || !as->a[q].set ? 0 : as->a[q].opts;
}

bool answers_cond_holds(const answers *as, const ik_cond *cond)
{
	const ik_answer *a = &as->a[cond->question];
	bool any = a->set && (a->opts & cond->opts);
	return cond->none ? !any : any;
}

bool answers_conds_hold(const answers *as, const ik_cond *conds, int n)
{
	for (int i = 0; i < n; i++)
		if (!answers_cond_holds(as, &conds[i]))
			return false;
	return true;
}

bool answers_crisis_in(const answers *as, int q)
{
	const ik_question *qq = &as->c->questions[q];
	const ik_answer *a = &as->a[q];
	for (int o = 0; a->set && o < qq->nopts; o++)
		if ((a->opts >> o & 1) && qq->opts[o].crisis)
			return true;
	return false;
}

bool answers_crisis(const answers *as)
{
	for (int q = 0; q < as->c->nquestions; q++)
		if (answers_crisis_in(as, q))
			return true;
	return false;
}

bool answers_crisis_line_shown(const answers *as, const ik_crisis_line *l)
{
	int role = answers_facet_single(as, FACET_ROLE);
	return role < 0 || !(l->not_for_roles >> role & 1);
}

bool answers_applies(const answers *as, int q)
{
	const ik_question *qq = &as->c->questions[q];
	return answers_conds_hold(as, qq->when, qq->nwhen);
}

bool answers_complete(const answers *as, int q)
{
	const ik_question *qq = &as->c->questions[q];
	const ik_answer *a = &as->a[q];
	if (qq->optional)
		return true;
	switch (qq->type) {
	case Q_SINGLE:
	case Q_MULTI:
		return a->set && a->opts;
	case Q_TEXT:
		return a->set && a->text && *a->text;
	default:
		return a->set;
	}
}
