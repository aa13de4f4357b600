/* scr_record.c: the record form: consent (and how), follow-up date, an optional note, then
 * "Vastleggen". The screen says "vastgelegd" only after the store committed; on a database
 * error everything stays filled in so the user can retry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui.h"

enum { F_CONSENT, F_HOW, F_DATE, F_NOTE, F_SAVE, F_COUNT };

/* What this screen keeps: the focused field and the note being typed. */
typedef struct {
	int field;
	ui_field input;
} record_state;

UI_STATE(record_state, SCR_RECORD)

static void enter(ui *u)
{
	record_state *st = state(u);
	ui_field_set(&st->input, u->f->note);
	st->field = u->f->consent == CONSENT_UNSET ? F_CONSENT : F_SAVE;
}

/* Without consent only the choice itself and the button remain: nothing else is asked. */
static bool field_shown(const ui *u, int fl)
{
	if (fl == F_CONSENT || fl == F_SAVE)
		return true;
	if (u->f->consent == CONSENT_NO)
		return false;
	if (fl == F_NOTE)
		return u->mode != MODE_KIOSK; /* no free text on a shared terminal */
	return fl != F_HOW || u->f->consent == CONSENT_YES;
}

static void draw_choice(ui *u, int y, int x, const char *const labels[], int n, int chosen, bool focus)
{
	for (int i = 0; i < n; i++) {
		char item[200];
		snprintf(item, sizeof item, "%s %s", i == chosen ? "(•)" : "( )", _(labels[i]));
		ui_line(u, y, x, u->cols - x - 2, item, focus && i == chosen ? ui_attr(u, ROLE_SELECTED) : A_NORMAL);
		x += text_width(item) + 3;
	}
}

static void draw(ui *u, int top, int height)
{
	record_state *st = state(u);
	static const char *const yesno[] = {N_("ja"), N_("nee")};
	static const char *const how[] = {N_("mondeling"), N_("schriftelijk")};
	const flow *f = u->f;
	const ik_activity *a = flow_chosen_activity(f);
	int w = u->cols - 4, y = top, lx = 2, vx = 26;
	int gap = height >= 16 ? 2 : 1; /* a small window: the form packed, its button in view */
	char line[600];
	snprintf(line, sizeof line, _("Verwijzing naar: %s (%s)"), a ? a->name : "?", a ? a->organization : "");
	y += ui_text(u, y, 2, w, 2, 0, line, A_BOLD) + 1;
	const char *labels[F_COUNT] = {_("Toestemming persoon:"), _("Hoe gegeven:"), _("Nagaan op:"), _("Notitie (optioneel):"), ""};
	for (int fl = 0; fl < F_COUNT; fl++) {
		if (!field_shown(u, fl))
			continue;
		bool focus = st->field == fl;
		ui_line(u, y, lx, vx - lx, labels[fl], focus ? A_BOLD : A_NORMAL);
		if (fl == F_CONSENT) {
			draw_choice(u, y, vx, yesno, 2, f->consent == CONSENT_YES ? 0 : f->consent == CONSENT_NO ? 1 : -1, focus);
		} else if (fl == F_HOW) {
			draw_choice(u, y, vx, how, 2, f->consent_how, focus);
		} else if (fl == F_DATE) {
			char date[11], shown[80];
			date_format(f->followup, date);
			snprintf(shown, sizeof shown, _("%s  (← → dag, PgUp PgDn week)"), date);
			ui_line(u, y, vx, w - vx, shown, focus ? ui_attr(u, ROLE_SELECTED) : A_NORMAL);
		} else if (fl == F_NOTE) { /* wrapped over a few rows: what is typed stays readable */
			int nw = w - vx, rows = gap == 2 ? 4 : 1;
			ui_field_draw(u, &st->input, y, vx, nw, rows, focus ? ui_attr(u, ROLE_SELECTED) : A_UNDERLINE);
			y += rows;
			char hint[200];
			snprintf(hint, sizeof hint, _("Geen namen; hoogstens %d tekens. Wordt na de bewaartermijn gewist."), FLOW_TEXT_MAX);
			y += ui_text(u, y, vx, nw, gap, 0, hint, ui_attr(u, ROLE_DIM)) - 1;
		} else {
			const char *button = f->consent == CONSENT_NO ? _("[ Afronden zonder vastleggen ]") : _("[ Vastleggen ]");
			ui_line(u, y + 1, vx, w - vx, button, focus ? ui_attr(u, ROLE_SELECTED) : A_BOLD);
		}
		y += gap;
	}
}

static void move_field(ui *u, int d)
{
	record_state *st = state(u);
	do
		st->field = (st->field + d + F_COUNT) % F_COUNT;
	while (!field_shown(u, st->field));
}

static void change(ui *u, int d)
{
	record_state *st = state(u);
	flow *f = u->f;
	switch (st->field) {
	case F_CONSENT: /* ← ja, → nee, Spatie (d 0) the other one: always the user's own choice */
		flow_set_consent(f, d < 0 ? CONSENT_YES : d > 0 || f->consent == CONSENT_YES ? CONSENT_NO : CONSENT_YES);
		break;
	case F_HOW:
		f->consent_how = d < 0 ? 0 : d > 0 || f->consent_how == 0 ? 1 : 0;
		break;
	case F_DATE:
		if (d && f->followup + d >= f->today)
			f->followup += d;
		break;
	}
}

static void save(ui *u)
{
	record_state *st = state(u);
	flow *f = u->f;
	const char *why = NULL;
	switch (flow_may_record(f, &why)) {
	case FLOW_RECORD_ASK:
		st->field = f->consent == CONSENT_YES ? F_HOW : F_CONSENT;
		ui_status(u, true, "%s", why);
		return;
	case FLOW_RECORD_NOTHING:
		ui_field_wipe(&st->input);
		flow_next(f, &why); /* the end of the walk, nothing stored */
		return;
	case FLOW_RECORD_REFERRAL:
		flow_set_note(f, u->mode == MODE_KIOSK ? NULL : st->input.buf);
		ui_record(u);
		return;
	}
}

static int on_action(ui *u, ui_action act)
{
	record_state *st = state(u);
	const char *why = NULL;
	switch (act) {
	case ACT_UP: move_field(u, -1); return R_REDRAW;
	case ACT_DOWN: move_field(u, 1); return R_REDRAW;
	case ACT_LEFT: change(u, -1); return R_REDRAW;
	case ACT_RIGHT: change(u, 1); return R_REDRAW;
	case ACT_TOGGLE: change(u, 0); return R_REDRAW;
	case ACT_PAGEUP:
	case ACT_PAGEDOWN:
		if (st->field == F_DATE)
			change(u, act == ACT_PAGEUP ? -7 : 7);
		else if (st->field == F_NOTE) /* read all of a long note */
			ui_field_scroll(&st->input, act);
		return R_REDRAW;
	case ACT_NEXT: /* never chooses for the user: an unchosen field says what to do */
		if ((st->field == F_CONSENT || st->field == F_HOW) && flow_may_record(u->f, &why) == FLOW_RECORD_ASK &&
		    (st->field == F_CONSENT) == (u->f->consent != CONSENT_YES))
			ui_status(u, true, "%s %s", why, _("(← → of Spatie)"));
		else if (st->field == F_SAVE)
			save(u);
		else
			move_field(u, 1);
		return R_REDRAW;
	case ACT_BACK:
		flow_set_note(u->f, st->input.buf);
		flow_back(u->f);
		return R_REDRAW;
	default: return -1;
	}
}

static int on_char(ui *u, wint_t ch)
{
	record_state *st = state(u);
	if (st->field != F_NOTE)
		return -1;
	return ui_field_key(u, &st->input, ch);
}

/* A note typed but not yet stored goes with a draft. */
static void keep(ui *u)
{
	flow_set_note(u->f, state(u)->input.buf);
}

static void forget(ui *u)
{
	ui_field_wipe(&state(u)->input);
}

static const ui_action footer[] = {ACT_DOWN, ACT_TOGGLE, ACT_NEXT, ACT_BACK, ACT_CRISIS, ACT_NONE};

const ui_screen scr_record = {.enter = enter, .draw = draw, .on_action = on_action, .on_char = on_char,
			      .keep = keep, .forget = forget, .footer = footer};
