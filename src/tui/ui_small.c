/* ui_small.c: a window below the minimum size (60×18). The screen cannot be drawn there, so
 * it says so; no key acts on the screen it hides. F2 still shows the crisis numbers in a form
 * that fits (↑ ↓ scroll them), and stopping still asks first (or wants the kiosk's PIN). */
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"

/* What is kept while the window is small: how far the crisis numbers are scrolled. */
typedef struct {
	int scroll;
} small_state;

UI_STATE(small_state, SCR_SMALL)

bool ui_too_small(const ui *u)
{
	return u->cols < UI_MIN_COLS || u->rows < UI_MIN_ROWS;
}

static char *crisis_lines(ui *u)
{
	const content *c = u->a->c;
	strbuf b = {0};
	sb_printf(&b, "%s\n", ui_tr(u, &c->crisis_title));
	for (int i = 0; i < c->ncrisis; i++) {
		if (!answers_crisis_line_shown(u->f->ans, &c->crisis[i]))
			continue;
		sb_printf(&b, "%s: ", ui_tr(u, &c->crisis[i].name));
		for (int p = 0; p < c->crisis[i].nphones; p++)
			sb_printf(&b, "%s%s", p ? _(" of ") : "", c->crisis[i].phones[p]);
		sb_appendc(&b, '\n');
	}
	sb_append(&b, _("Esc = terug"));
	return sb_take(&b);
}

void ui_draw_small(ui *u)
{
	small_state *st = state(u);
	char *text;
	if (u->overlay == OVL_CRISIS)
		text = crisis_lines(u);
	else if (u->overlay == OVL_QUIT)
		text = xasprintf("%s\n%s", _("Stoppen? De antwoorden gaan verloren."), _("j = ja, n = nee"));
	else if (u->overlay == OVL_PIN)
		text = xasprintf("%s", _("Pincode om te stoppen, dan Enter. Esc = terug"));
	else
		text = xasprintf(_("Venster te klein\nminimaal %d×%d\nMaak het venster groter.\nF2 = crisisnummers"),
				 UI_MIN_COLS, UI_MIN_ROWS);
	if (u->overlay != OVL_CRISIS)
		st->scroll = 0;
	ui_text_scrolled(u, 0, 0, u->cols, u->rows, &st->scroll, text,
			 u->overlay == OVL_NONE ? ui_attr(u, ROLE_WARNING) : A_BOLD);
	free(text);
}

ui_action ui_small_key(ui *u, wint_t ch, bool fkey, ui_action act)
{
	small_state *st = state(u);
	if (!fkey && (u->overlay == OVL_QUIT || u->overlay == OVL_PIN))
		ui_overlay_char(u, ch); /* j or n, or the PIN's digits */
	else if (act == ACT_CRISIS)
		u->overlay = OVL_CRISIS;
	else if (u->overlay == OVL_CRISIS && act == ACT_BACK)
		u->overlay = OVL_NONE;
	else if (u->overlay == OVL_CRISIS)
		ui_scroll(&st->scroll, act);
	else if (act == ACT_QUIT && u->overlay == OVL_NONE)
		return ACT_QUIT;
	return ACT_NONE;
}
