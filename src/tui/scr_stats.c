/* scr_stats.c: the network coordinator's figures on screen (F7): the same headline and bar
 * charts as `infokaart stats`, built once on entering at the window's width, scrolled with the
 * arrows; Esc returns to where F7 was pressed. */
#include <stdlib.h>
#include <unistd.h>

#include "stats_text.h"
#include "i18n.h"
#include "ui.h"

static void enter(ui *u)
{
	free(u->stats);
	u->stats = NULL;
	u->scroll = 0;
	store *s = NULL;
	store_err err = {0};
	store_statistics st = {0};
	strbuf b = {0};
	if (access(u->a->db_path, F_OK) != 0) {
		sb_append(&b, _("Er zijn nog geen verwijzingen vastgelegd op deze computer."));
	} else if (store_open(u->a->db_path, &s, &err) != 0 || store_stats(s, NULL, &st, &err) != 0) {
		sb_printf(&b, _("De cijfers konden niet worden gelezen: %s"), err.msg);
	} else {
		report_stats_text(&b, u->a->c, u->a->lang, &st, NULL, u->cols - 4);
	}
	store_statistics_free(&st);
	store_close(s);
	u->stats = sb_take(&b);
}

static void draw(ui *u, int top, int height)
{
	if (!u->stats)
		return;
	int total = ui_text_rows(u->stats, u->cols - 4);
	if (u->scroll > total - height)
		u->scroll = total - height > 0 ? total - height : 0;
	ui_text(u, top, 2, u->cols - 4, height, u->scroll, u->stats, A_NORMAL);
}

static int on_action(ui *u, ui_action act)
{
	switch (act) {
	case ACT_UP: u->scroll -= u->scroll > 0; return R_REDRAW;
	case ACT_DOWN: u->scroll++; return R_REDRAW;
	case ACT_PAGEUP: u->scroll = u->scroll > 10 ? u->scroll - 10 : 0; return R_REDRAW;
	case ACT_PAGEDOWN: u->scroll += 10; return R_REDRAW;
	case ACT_BACK:
	case ACT_STATS:
		u->view = u->stats_from;
		u->shown_pos = -1;
		return R_REDRAW;
	default: return -1;
	}
}

static const ui_action footer[] = {ACT_DOWN, ACT_PAGEDOWN, ACT_BACK, ACT_NONE};

const ui_screen scr_stats = {enter, draw, on_action, NULL, footer};
