/* scr_profile.c: the proposed intervention profile and why, with every profile in a list so
 * the signaller can choose another. The right side explains the highlighted profile. */
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "summary.h"
#include "ui.h"

/* What this screen keeps: the highlighted row of the profiles, and how far its explanation is
 * scrolled. */
UI_STATE(ui_list, SCR_PROFILE)

static void enter(ui *u)
{
	ui_list *st = state(u);
	st->cursor = u->f->profile >= 0 ? u->f->profile : u->f->prof.ncandidates ? u->f->prof.candidates[0] : 0;
	st->scroll = 0;
}

static const char *state_line(const ui *u)
{
	switch (u->f->prof.state) {
	case PROFILE_SELECTED: return _("Voorstel op grond van uw antwoorden. U mag een ander profiel kiezen.");
	case PROFILE_TIE: return _("Meer dan één profiel past. Kies het profiel dat het best past.");
	default: return _("Er is te weinig informatie voor een voorstel. Kies zelf, of ga terug en vul aan.");
	}
}

static char *detail_text(ui *u, int p)
{
	static const char *const tiers[] = {N_("netwerk versterken"), N_("praktische steun"),
					    N_("leren omgaan met"), N_("vangnet")};
	const ik_profile *pr = &u->a->c->profiles[p];
	strbuf b = {0};
	sb_printf(&b, _("Doel: %s\n\n%s\n\nWat helpt: %s\n\nVermijd: %s\n"), _(tiers[pr->tier]),
		  ui_tr(u, &pr->description), ui_tr(u, &pr->helps), ui_tr(u, &pr->avoid));
	if (u->f->prof.state != PROFILE_UNKNOWN && u->f->prof.ndeciding) {
		char *why = summary_profile_why(u->f, u->a->lang);
		sb_printf(&b, "\n%s\n%s", _("Waarom:"), why);
		free(why);
	}
	return sb_take(&b);
}

static bool is_candidate(const ui *u, int p)
{
	for (int i = 0; u->f->prof.state != PROFILE_UNKNOWN && i < u->f->prof.ncandidates; i++)
		if (u->f->prof.candidates[i] == p)
			return true;
	return false;
}

static void draw(ui *u, int top, int height)
{
	ui_list *st = state(u);
	const content *c = u->a->c;
	int w = u->cols - 4;
	int y = top + ui_text(u, top, 2, w, 2, 0, state_line(u), A_BOLD) + 1;
	int listw = u->cols >= 90 ? 30 : 24;
	int rows = top + height - y - 2;
	for (int i = 0; i < c->nprofiles && i < rows; i++) {
		char line[300];
		snprintf(line, sizeof line, "%s %s%s", i == u->f->profile ? "(•)" : "( )", ui_tr(u, &c->profiles[i].name),
			 is_candidate(u, i) ? " *" : "");
		attr_t attr = i == st->cursor ? ui_attr(u, ROLE_SELECTED) : A_NORMAL;
		ui_line(u, y + i, 2, listw, line, attr);
	}
	char *d = detail_text(u, st->cursor);
	int dx = 2 + listw + 2;
	ui_line(u, y, dx, u->cols - dx - 2, ui_tr(u, &c->profiles[st->cursor].name), ui_attr(u, ROLE_OK));
	ui_text_scrolled(u, y + 1, dx, u->cols - dx - 2, rows - 1, &st->scroll, d, A_NORMAL);
	free(d);
	ui_text(u, top + height - 2, 2, w, 2, 0, ui_tr(u, &c->profiles_disclaimer), ui_attr(u, ROLE_DIM));
}

static int on_action(ui *u, ui_action act)
{
	ui_list *st = state(u);
	int n = u->a->c->nprofiles;
	const char *why = NULL;
	if (ui_list_with_text(&st->cursor, n, &st->scroll, act))
		return R_REDRAW;
	switch (act) {
	case ACT_TOGGLE: flow_set_profile(u->f, st->cursor); return R_REDRAW;
	case ACT_NEXT:
		flow_set_profile(u->f, st->cursor);
		if (flow_next(u->f, &why) != 0 && why)
			ui_status(u, true, "%s", why);
		return R_REDRAW;
	case ACT_BACK: flow_back(u->f); return R_REDRAW;
	default: return -1;
	}
}

static const ui_action footer[] = {ACT_UP, ACT_PAGEDOWN, ACT_NEXT, ACT_BACK, ACT_CRISIS, ACT_NONE};

const ui_screen scr_profile = {.enter = enter, .draw = draw, .on_action = on_action, .footer = footer};
