/* scr_stats.c: the network coordinator's figures on screen (F7): the same headline and bar
 * charts as `infokaart stats`, built once on entering at the window's width, scrolled with the
 * arrows; Esc returns to where F7 was pressed. */
#include <stdlib.h>

#include "i18n.h"
#include "records.h"
#include "ui.h"

/* What this screen keeps: the text, how far it is scrolled, and where F7 was pressed. */
typedef struct {
	char *text;
	int scroll;
	ui_view from;
} stats_state;

UI_STATE(stats_state, SCR_STATS)

void ui_show_stats(ui *u)
{
	state(u)->from = u->view;
	u->view = VIEW_STATS;
}

static void enter(ui *u)
{
	stats_state *st = state(u);
	free(st->text);
	st->text = app_stats_text(u->a, u->cols - 4);
	st->scroll = 0;
}

static void draw(ui *u, int top, int height)
{
	stats_state *st = state(u);
	if (!st->text)
		return;
	ui_text_scrolled(u, top, 2, u->cols - 4, height, &st->scroll, st->text, A_NORMAL);
}

static int on_action(ui *u, ui_action act)
{
	stats_state *st = state(u);
	if (ui_scroll(&st->scroll, act))
		return R_REDRAW;
	switch (act) {
	case ACT_BACK:
	case ACT_STATS:
		u->view = st->from;
		u->shown_pos = -1;
		return R_REDRAW;
	default: return -1;
	}
}

static void forget(ui *u)
{
	stats_state *st = state(u);
	free(st->text);
	st->text = NULL;
}

static const ui_action footer[] = {ACT_DOWN, ACT_PAGEDOWN, ACT_BACK, ACT_NONE};

const ui_screen scr_stats = {.enter = enter, .draw = draw, .on_action = on_action, .forget = forget,
			     .footer = footer};
