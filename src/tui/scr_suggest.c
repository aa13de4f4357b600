/* scr_suggest.c: the ranked suggestions with their reasons, and apart from them the human
 * route. Enter opens the details of the highlighted activity; from there Enter chooses it. */
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "summary.h"
#include "ui.h"

/* What this screen keeps: the highlighted row of the suggestions, and how far its explanation is
 * scrolled. */
UI_STATE(ui_list, SCR_SUGGEST)

static void enter(ui *u)
{
	ui_list *st = state(u);
	st->cursor = u->f->chosen >= 0 ? u->f->chosen : 0;
	st->scroll = 0;
}

static void draw_row(ui *u, const flow *f, int i, int y, int w)
{
	ui_list *st = state(u);
	const ik_activity *a = &u->a->c->activities[f->sugg[i].activity];
	char line[400], checked[8];
	summary_checked(a, checked);
	/* the month it was checked right after the name, where a long organisation cannot push it
	 * off the row */
	snprintf(line, sizeof line, "%s %2d. %s · %s — %s", i == f->chosen ? "(•)" : "( )", i + 1, a->name, checked,
		 a->organization);
	attr_t attr = i == st->cursor ? ui_attr(u, ROLE_SELECTED) : A_NORMAL;
	if (i == st->cursor) {
		attron(attr);
		mvhline(y, 2, ' ', w);
		attroff(attr);
	}
	ui_line(u, y, 2, w, line, attr);
}

/* The ranked activities (scrolled to the cursor, with ↑ ↓ where there are more), then, always
 * in view, a heading and the human route apart. Returns the rows used. */
static int draw_list(ui *u, const flow *f, int y, int rows, int w)
{
	ui_list *st = state(u);
	bool route = f->nsugg && f->sugg[f->nsugg - 1].route;
	int ranked = f->nsugg - route, room = rows - (route ? 2 : 0);
	if (room < 1)
		room = 1;
	int shown = ranked < room ? ranked : room;
	int cur = st->cursor < ranked ? st->cursor : 0;
	int first = cur >= shown ? cur - shown + 1 : 0;
	for (int row = 0; row < shown; row++)
		draw_row(u, f, first + row, y + row, w);
	if (first > 0)
		ui_line(u, y, u->cols - 3, 1, "↑", ui_attr(u, ROLE_KEY));
	if (first + shown < ranked)
		ui_line(u, y + shown - 1, u->cols - 3, 1, "↓", ui_attr(u, ROLE_KEY));
	if (route) {
		ui_line(u, y + shown, 2, w, _("Iemand die verder helpt:"), ui_attr(u, ROLE_OK));
		draw_row(u, f, f->nsugg - 1, y + shown + 1, w);
	}
	return shown + (route ? 2 : 0);
}

static void draw(ui *u, int top, int height)
{
	ui_list *st = state(u);
	const content *c = u->a->c;
	const flow *f = u->f;
	int w = u->cols - 4;
	if (f->profile >= 0) {
		char head[300];
		snprintf(head, sizeof head, _("Suggesties voor profiel %s, de best passende eerst:"),
			 ui_tr(u, &c->profiles[f->profile].name));
		ui_line(u, top, 2, w, head, A_BOLD);
	}
	int used = f->nsugg ? draw_list(u, f, top + 2, height / 2, w) : 1;
	if (!f->nsugg)
		ui_line(u, top + 2, 2, w, _("Geen suggesties. Ga terug en pas de antwoorden aan."), ui_attr(u, ROLE_WARNING));
	int y = top + 3 + used;
	strbuf b = {0};
	if (f->nsugg) { /* the reasons wrap, and scroll when they do not fit */
		const suggestion *s = &f->sugg[st->cursor];
		ui_line(u, y++, 2, w, _("Waarom deze suggestie:"), ui_attr(u, ROLE_OK));
		for (int r = 0; r < s->nreasons; r++) {
			char buf[512];
			rank_reason_text(c, &s->reasons[r], u->a->lang, buf, sizeof buf);
			sb_printf(&b, "• %s\n", buf);
		}
		if (s->stale)
			sb_printf(&b, "%s\n", _("Let op: controleer telefoon, e-mail en tijden."));
	}
	char *tips = summary_tips(c, f->ans, TIP_SUGGEST, -1, u->a->lang);
	if (*tips)
		sb_printf(&b, "\n%s\n", tips);
	free(tips);
	char *text = sb_take(&b);
	if (text && *text && top + height > y)
		ui_text_scrolled(u, y, 4, w - 2, top + height - y, &st->scroll, text, A_NORMAL);
	free(text);
}

static int on_action(ui *u, ui_action act)
{
	ui_list *st = state(u);
	int n = u->f->nsugg;
	if (ui_list_with_text(&st->cursor, n, &st->scroll, act))
		return R_REDRAW;
	switch (act) {
	case ACT_TOGGLE: flow_choose(u->f, st->cursor); return R_REDRAW;
	case ACT_NEXT:
		if (n)
			ui_open_details(u, u->f->sugg[st->cursor].activity, st->cursor);
		return R_REDRAW;
	case ACT_BACK: flow_back(u->f); return R_REDRAW;
	default: return -1;
	}
}

static int on_char(ui *u, wint_t ch)
{
	ui_list *st = state(u);
	if (ch >= '1' && ch <= '9' && (int)(ch - '1') < u->f->nsugg) {
		st->cursor = (int)(ch - '1');
		st->scroll = 0;
		return R_REDRAW;
	}
	return -1;
}

static const ui_action footer[] = {ACT_UP, ACT_NEXT, ACT_BACK, ACT_SEARCH, ACT_CRISIS, ACT_NONE};

const ui_screen scr_suggest = {.enter = enter, .draw = draw, .on_action = on_action, .on_char = on_char,
			       .footer = footer};
