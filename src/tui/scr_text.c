/* scr_text.c: the screens that are mostly text to read: the conversation guide, the end of
 * the walk when the person wants no support (information only), and the done screen with
 * the slip to take home. Up/down scroll; the text is built fresh from state on each draw. */
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "print.h"
#include "summary.h"
#include "ui.h"

/* What each of these screens keeps: how far its text is scrolled. */
typedef struct {
	int scroll;
} text_state;

static text_state *state(ui *u)
{
	step_kind k = flow_current(u->f).kind;
	return ui_private(u, k == STEP_GUIDE ? SCR_GUIDE : k == STEP_DONE ? SCR_DONE : SCR_END, sizeof(text_state));
}

static void enter(ui *u)
{
	text_state *st = state(u);
	st->scroll = 0;
}

static char *guide_text(ui *u)
{
	const content *c = u->a->c;
	int phase = flow_current(u->f).index;
	strbuf b = {0};
	sb_printf(&b, "%s\n\n", ui_tr(u, &c->phases[phase].intro));
	char *tips = summary_tips(c, u->f->ans, TIP_PHASE, phase, u->a->lang);
	if (*tips)
		sb_printf(&b, "%s\n\n", tips);
	free(tips);
	int role = answers_facet_single(u->f->ans, FACET_ROLE);
	for (int i = 0; i < c->nopeners; i++) {
		if (c->openers[i].role != role)
			continue;
		sb_printf(&b, "%s\n", _("Zo kunt u beginnen:"));
		for (int k = 0; k < c->openers[i].nlines; k++)
			sb_printf(&b, "“%s”\n", ui_tr(u, &c->openers[i].lines[k]));
		sb_appendc(&b, '\n');
	}
	for (int i = 0; i < c->nprinciples; i++)
		sb_printf(&b, "%s\n%s\n\n", ui_tr(u, &c->principles[i].title), ui_tr(u, &c->principles[i].text));
	return sb_take(&b);
}

static char *end_text(ui *u)
{
	const content *c = u->a->c;
	const ik_question *q = &c->questions[c->facet_q[FACET_SUPPORT]];
	strbuf b = {0};
	const char *why = NULL;
	if (u->f->end_option >= 0)
		sb_printf(&b, "%s\n\n", ui_tr(u, q->opts[u->f->end_option].ends));
	else if (flow_may_record(u->f, &why) == FLOW_RECORD_NOTHING)
		sb_printf(&b, "%s\n\n", why);
	char *tips = summary_tips(c, u->f->ans, TIP_END, -1, u->a->lang);
	sb_printf(&b, "%s\n\n%s%s%s\n", ui_tr(u, &c->support_end), tips, *tips ? "\n\n" : "", _("Er is niets vastgelegd."));
	free(tips);
	for (int i = 0; i < c->ncrisis; i++) {
		const ik_crisis_line *l = &c->crisis[i];
		if (!answers_crisis_line_shown(u->f->ans, l))
			continue;
		sb_printf(&b, "\n%s: ", ui_tr(u, &l->name));
		for (int p = 0; p < l->nphones; p++)
			sb_printf(&b, "%s%s", p ? _(" of ") : "", l->phones[p]);
		sb_printf(&b, " (%s)", ui_tr(u, &l->hours));
	}
	return sb_take(&b);
}

static char *done_text(ui *u)
{
	char date[11];
	date_format(u->f->followup, date);
	char *slip = summary_slip(u->f, u->a->lang);
	char *s = xasprintf(_("Vastgelegd. Casuscode: %s. Nagaan hoe het ging: %s.\n\nGeef de persoon dit mee:\n\n%s"),
			    u->f->case_code, date, slip);
	free(slip);
	return s;
}

static void draw_scrolled(ui *u, int top, int height, const char *title, char *text, ui_role title_role)
{
	text_state *st = state(u);
	int w = u->cols - 4;
	ui_line(u, top, 2, w, title, ui_attr(u, title_role));
	ui_text_scrolled(u, top + 2, 2, w, height - 2, &st->scroll, text, A_NORMAL);
	free(text);
}

static void draw_guide(ui *u, int top, int height)
{
	const content *c = u->a->c;
	draw_scrolled(u, top, height, ui_tr(u, &c->phases[flow_current(u->f).index].title), guide_text(u), ROLE_OK);
}

static void draw_end(ui *u, int top, int height)
{
	draw_scrolled(u, top, height, _("Geen verwijzing nu"), end_text(u), ROLE_OK);
}

static void draw_done(ui *u, int top, int height)
{
	draw_scrolled(u, top, height, _("Vastgelegd"), done_text(u), ROLE_OK);
}

static int scroll_action(ui *u, ui_action act)
{
	return ui_scroll(&state(u)->scroll, act) ? R_REDRAW : -1;
}

static int guide_action(ui *u, ui_action act)
{
	const char *why;
	if (act == ACT_NEXT) {
		flow_next(u->f, &why);
		return R_REDRAW;
	}
	if (act == ACT_BACK) {
		flow_back(u->f);
		return R_REDRAW;
	}
	return scroll_action(u, act);
}

/* At the end: n or Enter starts a fresh walk (everything of the last person wiped); on the
 * done screen p prints the slip for the person to take home. */
static int final_action(ui *u, ui_action act)
{
	if (act == ACT_PRINT && flow_current(u->f).kind == STEP_DONE) {
		char *slip = summary_slip(u->f, u->a->lang);
		char msg[512];
		bool ok = print_text(slip, u->a->cfg.printer, msg, sizeof msg) == 0;
		ui_status(u, !ok, "%s", msg);
		free(slip);
		return R_REDRAW;
	}
	if (act == ACT_NEW || act == ACT_NEXT) {
		flow_reset(u->f);
		u->shown_pos = -1;
		if (u->mode == MODE_OPERATOR)
			u->view = VIEW_HOME; /* the new follow-up shows there */
		ui_status(u, false, "%s", _("Nieuwe ronde: de vorige antwoorden zijn gewist."));
		return R_REDRAW;
	}
	if (act == ACT_BACK && flow_current(u->f).kind == STEP_END_INFO) {
		flow_back(u->f);
		return R_REDRAW;
	}
	return scroll_action(u, act);
}

static const ui_action guide_footer[] = {ACT_DOWN, ACT_NEXT, ACT_BACK, ACT_CRISIS, ACT_NONE};
static const ui_action final_footer[] = {ACT_DOWN, ACT_NEW, ACT_CRISIS, ACT_NONE};
static const ui_action done_footer[] = {ACT_DOWN, ACT_PRINT, ACT_NEW, ACT_CRISIS, ACT_NONE};

const ui_screen scr_guide = {.enter = enter, .draw = draw_guide, .on_action = guide_action, .footer = guide_footer};
const ui_screen scr_end = {.enter = enter, .draw = draw_end, .on_action = final_action, .footer = final_footer};
const ui_screen scr_done = {.enter = enter, .draw = draw_done, .on_action = final_action, .footer = done_footer};
