/* scr_training.c: the trainer's screens. The case list (Enter walks a case, p presents it),
 * the projector view that reveals the reasoning one step at a time, and the feedback that
 * takes the place of the record form: training never writes to the records database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"

/* What each screen keeps: the case list its cursor; the projector how many steps of the
 * reasoning are shown; the feedback how far it is scrolled. */
typedef struct {
	int cursor;
} cases_state;
typedef struct {
	int revealed, scroll;
	int follow; /* steps shown before the last reveal, to scroll to the new one; -1 none */
} present_state;
typedef struct {
	int scroll;
} feedback_state;

static cases_state *cases_st(ui *u)
{
	return ui_private(u, SCR_CASES, sizeof(cases_state));
}

static present_state *present_st(ui *u)
{
	return ui_private(u, SCR_PRESENT, sizeof(present_state));
}

static feedback_state *feedback_st(ui *u)
{
	return ui_private(u, SCR_FEEDBACK, sizeof(feedback_state));
}

static void cases_enter(ui *u)
{
	cases_state *st = cases_st(u);
	if (st->cursor >= u->cases->n)
		st->cursor = 0;
}

static void cases_draw(ui *u, int top, int height)
{
	cases_state *st = cases_st(u);
	int y = top + 1 + ui_text(u, top, 2, u->cols - 4, 2, 0,
				   _("Oefencasussen. Enter: de casus doorlopen. p: tonen op een groot scherm, stap voor stap."), A_BOLD);
	int rows = top + height - y;
	int first = st->cursor >= rows ? st->cursor - rows + 1 : 0;
	for (int i = first, r = 0; i < u->cases->n && r < rows; i++, r++) {
		char line[400];
		snprintf(line, sizeof line, "%2d. %s", i + 1, ui_tr(u, &u->cases->v[i].title));
		ui_line(u, y + r, 2, u->cols - 4, line, i == st->cursor ? ui_attr(u, ROLE_SELECTED) : A_NORMAL);
	}
	if (!u->cases->n)
		ui_line(u, y, 2, u->cols - 4, _("Er zijn geen oefencasussen in de inhoud (map training/)."), ui_attr(u, ROLE_WARNING));
}

static void start_case(ui *u, bool present)
{
	cases_state *st = cases_st(u);
	if (!u->cases->n)
		return;
	u->kase = &u->cases->v[st->cursor];
	ui_wipe(u);
	if (present) {
		u->view = VIEW_PRESENT;
	} else {
		u->view = VIEW_WALK;
		ui_open(u, OVL_CASE); /* read the case first */
	}
}

static int cases_action(ui *u, ui_action act)
{
	cases_state *st = cases_st(u);
	int n = u->cases->n;
	switch (act) {
	case ACT_UP:
	case ACT_DOWN: ui_cursor(&st->cursor, n, act); return R_REDRAW;
	case ACT_NEXT: start_case(u, false); return R_REDRAW;
	default: return -1;
	}
}

static int cases_char(ui *u, wint_t ch)
{
	cases_state *st = cases_st(u);
	if (ch == 'p' || ch == 'P') {
		start_case(u, true);
		return R_REDRAW;
	}
	if (ch >= '1' && ch <= '9' && (int)(ch - '1') < u->cases->n) {
		st->cursor = (int)(ch - '1');
		return R_REDRAW;
	}
	return -1;
}

/* Projector: large, calm text; each Enter (or →) reveals the next step of the reasoning. */
static void present_draw(ui *u, int top, int height)
{
	present_state *st = present_st(u);
	const ik_case *k = u->kase;
	/* first the case as the group meets it, then the reasoning step by step */
	char *text = st->revealed ? training_reveal_text(u->a->c, k, st->revealed, u->a->lang)
				 : training_case_text(u->a->c, k, u->a->lang);
	int w = u->cols - 8;
	/* the head (up to the first blank line: the title, the step count) stays; the rest scrolls */
	char *body = strstr(text, "\n\n");
	if (body)
		*body = '\0';
	int head = ui_text(u, top, 4, w, 3, 0, text, A_BOLD) + 1;
	body = body ? body + 2 : text + strlen(text);
	if (st->follow >= 0) { /* a step was just revealed: scroll to its start */
		char *before = st->follow ? training_reveal_text(u->a->c, k, st->follow, u->a->lang) : NULL;
		char *b = before ? strstr(before, "\n\n") : NULL;
		st->scroll = b ? ui_text_rows(b + 2, w) - 1 : 0;
		free(before);
		st->follow = -1;
	}
	ui_text_scrolled(u, top + head, 4, w, height - head, &st->scroll, body, A_BOLD);
	free(text);
}

static int present_action(ui *u, ui_action act)
{
	present_state *st = present_st(u);
	switch (act) {
	case ACT_NEXT:
	case ACT_RIGHT:
	case ACT_TOGGLE:
	case ACT_DOWN:
		if (st->revealed < u->kase->nexplanation)
			st->follow = st->revealed++;
		return R_REDRAW;
	case ACT_LEFT:
	case ACT_UP:
		st->revealed -= st->revealed > 0;
		st->scroll = 0;
		return R_REDRAW;
	case ACT_PAGEUP:
	case ACT_PAGEDOWN: ui_scroll(&st->scroll, act); return R_REDRAW;
	case ACT_BACK: u->view = VIEW_CASES; return R_REDRAW;
	default: return -1;
	}
}

/* Feedback: in training the record step (and the information-only end) show this instead. */
static void feedback_draw(ui *u, int top, int height)
{
	feedback_state *st = feedback_st(u);
	const ik_activity *a = flow_chosen_activity(u->f);
	int ai = a ? (int)(a - u->a->c->activities) : -1;
	int profile = flow_current(u->f).kind == STEP_END_INFO ? -1 : u->f->profile;
	training_feedback fb;
	training_compare(u->a->c, u->kase, u->f->ans, profile, flow_current(u->f).kind == STEP_END_INFO ? -1 : ai, &fb);
	char *text = training_feedback_text(u->a->c, u->kase, &fb, u->f->ans, u->a->lang);
	int w = u->cols - 4;
	ui_line(u, top, 2, w, _("Terugkoppeling (oefening: er is niets vastgelegd)"), ui_attr(u, ROLE_OK));
	ui_text_scrolled(u, top + 2, 2, w, height - 2, &st->scroll, text, A_NORMAL);
	free(text);
}

static void feedback_enter(ui *u)
{
	feedback_state *st = feedback_st(u);
	st->scroll = 0;
}

static int feedback_action(ui *u, ui_action act)
{
	feedback_state *st = feedback_st(u);
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGEUP:
	case ACT_PAGEDOWN: ui_scroll(&st->scroll, act); return R_REDRAW;
	case ACT_BACK: flow_back(u->f); return R_REDRAW;
	case ACT_NEW:
	case ACT_NEXT:
		ui_wipe(u);
		u->view = VIEW_CASES;
		return R_REDRAW;
	default: return -1;
	}
}

static void present_enter(ui *u)
{
	present_state *st = present_st(u);
	st->revealed = 0;
	st->scroll = 0;
	st->follow = -1;
}

static const ui_action cases_footer[] = {ACT_UP, ACT_NEXT, ACT_CRISIS, ACT_NONE};
static const ui_action present_footer[] = {ACT_NEXT, ACT_UP, ACT_PAGEDOWN, ACT_BACK, ACT_NONE};
static const ui_action feedback_footer[] = {ACT_DOWN, ACT_NEW, ACT_BACK, ACT_CASE, ACT_NONE};

const ui_screen scr_cases = {.enter = cases_enter, .draw = cases_draw, .on_action = cases_action,
			     .on_char = cases_char, .footer = cases_footer};
const ui_screen scr_present = {.enter = present_enter, .draw = present_draw, .on_action = present_action,
			       .footer = present_footer};
const ui_screen scr_feedback = {.enter = feedback_enter, .draw = feedback_draw, .on_action = feedback_action,
				.footer = feedback_footer};
