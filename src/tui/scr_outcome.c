/* scr_outcome.c: the operator's outcome overlay over the home screen ("Hoe ging het?"): the
 * referral, its statuses (↑ ↓ or a digit choose one) and, for a status that does not close the
 * referral, the next date to follow it up (← → a day, PgUp PgDn a week). Enter records the
 * status and that date as one outcome; Enter with nothing changed records nothing. */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "records.h"
#include "ui.h"

/* What the overlay keeps: the referral (its note not copied), the status highlighted and the
 * next follow-up date (days since 1970-01-01). */
typedef struct {
	store_referral ref;
	int cursor;
	int next;
} outcome_state;

UI_STATE(outcome_state, SCR_OUTCOME)

static int status_index(const char *id)
{
	for (int i = 0; store_status_ids[i]; i++)
		if (strcmp(store_status_ids[i], id) == 0)
			return i;
	return 0;
}

void ui_open_outcome(ui *u, const store_referral *r)
{
	outcome_state *st = state(u);
	st->ref = *r;
	st->ref.note = NULL; /* not shown here, and owned by the list */
	st->cursor = status_index(r->status);
	int due; /* the date it has, unless that has passed: an overdue case needs a new one */
	st->next =
		date_parse(r->followup_date, &due) == 0 && due > u->a->today ? due : u->a->today + FLOW_FOLLOWUP_DAYS;
	u->overlay = OVL_OUTCOME;
}

void ui_outcome_forget(ui *u)
{
	explicit_bzero(state(u), sizeof(outcome_state));
}

/* Another status, or for an open one another date to follow it up. */
static bool changed(const outcome_state *st)
{
	const char *status = store_status_ids[st->cursor];
	int due;
	if (strcmp(st->ref.status, status) != 0)
		return true;
	return !store_status_final(status) && (date_parse(st->ref.followup_date, &due) != 0 || due != st->next);
}

void ui_outcome_draw(ui *u, int y, int x, int h, int w)
{
	outcome_state *st = state(u);
	const store_referral *r = &st->ref;
	int ai = content_activity_index(u->a->c, r->activity);
	int due;
	bool late = date_parse(r->followup_date, &due) == 0 && due < u->a->today;
	char head[400];
	snprintf(head, sizeof head,
		 late ? _("%s, verwezen naar %s, na te gaan op %s (te laat).")
		      : _("%s, verwezen naar %s, na te gaan op %s."),
		 r->case_code, ai >= 0 ? u->a->c->activities[ai].name : r->activity, r->followup_date);
	int used = ui_text(u, y, x, w, 2, 0, head, A_BOLD) + 1;
	int i = 0;
	for (; store_status_ids[i] && used + i < h - 3; i++) {
		char line[200];
		snprintf(line, sizeof line, "%d %s %s", i + 1,
			 strcmp(r->status, store_status_ids[i]) == 0 ? "(•)" : "( )",
			 store_status_label(store_status_ids[i]));
		ui_line(u, y + used + i, x, w, line, i == st->cursor ? ui_attr(u, ROLE_SELECTED) : A_NORMAL);
	}
	char line[200], date[11];
	date_format(st->next, date);
	if (store_status_final(store_status_ids[st->cursor]))
		snprintf(line, sizeof line, "%s", _("Deze uitkomst sluit de verwijzing: geen volgende datum."));
	else
		snprintf(line, sizeof line, _("Volgende keer nagaan: %s  (← → dag, PgUp PgDn week)"), date);
	ui_line(u, y + used + i + 1, x, w, line, A_NORMAL);
	ui_line(u, y + h - 1, x, w, _("1–8 of ↑ ↓ = uitkomst, Enter = vastleggen, Esc = terug"), ui_attr(u, ROLE_KEY));
}

static void record(ui *u)
{
	outcome_state *st = state(u);
	const store_referral *r = &st->ref;
	const char *status = store_status_ids[st->cursor];
	u->overlay = OVL_NONE;
	if (!changed(st)) { /* the same again: no second history row */
		ui_status(u, false, _("Niets veranderd: %s is al '%s'."), r->case_code, store_status_label(status));
		return;
	}
	const content *c = u->a->c;
	int role = answers_facet_single(u->f->ans, FACET_ROLE);
	const char *role_id = role >= 0                   ? c->questions[c->facet_q[FACET_ROLE]].opts[role].id
			      : u->a->cfg.default_role[0] ? u->a->cfg.default_role
							  : APP_OPERATOR_ROLE;
	char date[11];
	date_format(st->next, date);
	store_err err = {0};
	int rc = app_set_outcome(u->a, r->id, status, role_id, store_status_final(status) ? NULL : date, &err);
	if (rc == 0 && store_status_final(status))
		ui_status(u, false, _("Vastgelegd: %s is nu '%s'."), r->case_code, store_status_label(status));
	else if (rc == 0)
		ui_status(u, false, _("Vastgelegd: %s is nu '%s'; nagaan op %s."), r->case_code,
			  store_status_label(status), date);
	else
		ui_status(u, true, _("Niet vastgelegd: %s"),
			  rc > 0 ? _("deze verwijzing bestaat niet meer.") : err.msg);
	ui_records_changed(u);
}

int ui_outcome_action(ui *u, ui_action act)
{
	outcome_state *st = state(u);
	int d = 0;
	switch (act) {
	case ACT_UP: st->cursor -= st->cursor > 0; return R_REDRAW;
	case ACT_DOWN: st->cursor += store_status_ids[st->cursor + 1] != NULL; return R_REDRAW;
	case ACT_LEFT: d = -1; break;
	case ACT_RIGHT: d = 1; break;
	case ACT_PAGEUP: d = -7; break;
	case ACT_PAGEDOWN: d = 7; break;
	case ACT_NEXT: record(u); return R_REDRAW;
	default: return -1;
	}
	if (st->next + d > u->a->today)
		st->next += d;
	return R_REDRAW;
}

int ui_outcome_char(ui *u, wint_t ch)
{
	outcome_state *st = state(u);
	int n = 0;
	while (store_status_ids[n])
		n++;
	if (ch < '1' || ch > '9' || (int)(ch - '1') >= n)
		return -1;
	st->cursor = (int)(ch - '1');
	return R_REDRAW;
}
