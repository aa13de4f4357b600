/* scr_overlay.c: the windows that open over any screen: help (generated from the action
 * table), the crisis numbers, "stop without saving?", activity details and catalogue search.
 * Esc closes each; nothing here changes answers except choosing an activity. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "pin.h"
#include "search.h"
#include "summary.h"
#include "text.h"
#include "ui.h"

#define SEARCH_MAX SEARCH_SHOWN_MAX

/* The box every overlay draws into; returns the inner area. */
static void box_area(ui *u, const char *title, int *y, int *x, int *h, int *w)
{
	int top = 2, left = 2, bottom = u->rows - 3, right = u->cols - 3;
	for (int r = top; r <= bottom; r++)
		mvhline(r, left, ' ', right - left + 1);
	mvhline(top, left, ACS_HLINE, right - left + 1);
	mvhline(bottom, left, ACS_HLINE, right - left + 1);
	mvvline(top, left, ACS_VLINE, bottom - top + 1);
	mvvline(top, right, ACS_VLINE, bottom - top + 1);
	mvaddch(top, left, ACS_ULCORNER);
	mvaddch(top, right, ACS_URCORNER);
	mvaddch(bottom, left, ACS_LLCORNER);
	mvaddch(bottom, right, ACS_LRCORNER);
	char t[200];
	snprintf(t, sizeof t, " %s ", title);
	ui_line(u, top, left + 2, right - left - 4, t, A_BOLD);
	*y = top + 1;
	*x = left + 2;
	*h = bottom - top - 1;
	*w = right - left - 3;
}

static char *help_text(ui *u)
{
	strbuf b = {0};
	sb_printf(&b, "%s\n\n", _("infokaart helpt u eenzaamheid te herkennen en iemand naar een passende plek te "
				  "begeleiden: signaleren, het gesprek, steun, situatie, profiel, suggestie, vastleggen."));
	for (int i = 0; i < ACT_COUNT; i++) {
		const char *key = _(ui_actions[i].key);
		sb_append(&b, key);
		for (int pad = 9 - text_width(key); pad > 0; pad--) /* columns, not bytes: ↑ is one */
			sb_appendc(&b, ' ');
		sb_printf(&b, "%s\n", _(ui_actions[i].label));
	}
	sb_printf(&b, "\n%s\n", _("Cijfers 1–9 kiezen direct een antwoord. Teruggaan bewaart uw antwoorden."));
	return sb_take(&b);
}

static char *crisis_text(ui *u)
{
	const content *c = u->a->c;
	strbuf b = {0};
	sb_printf(&b, "%s\n", ui_tr(u, &c->crisis_intro));
	for (int i = 0; i < c->ncrisis; i++) {
		const ik_crisis_line *l = &c->crisis[i];
		sb_printf(&b, "\n%s — ", ui_tr(u, &l->name));
		for (int p = 0; p < l->nphones; p++)
			sb_printf(&b, "%s%s", p ? _(" of ") : "", l->phones[p]);
		sb_printf(&b, "\n  %s. %s\n", ui_tr(u, &l->hours), ui_tr(u, &l->text));
		if (l->url)
			sb_printf(&b, "  %s\n", l->url);
	}
	return sb_take(&b);
}

/* Indices of activities whose folded text holds every word of the query (search.h). */
int ui_search(ui *u, const char *query, int *out, int max)
{
	return search_catalogue(u->a->c, query, out, max);
}

static void draw_search(ui *u, int y, int x, int h, int w)
{
	char line[1100];
	snprintf(line, sizeof line, _("Zoek: %s▏"), u->search.buf);
	ui_line(u, y, x, w, line, ui_attr(u, ROLE_SELECTED));
	int found[SEARCH_MAX];
	int n = ui_search(u, u->search.buf, found, SEARCH_MAX);
	if (u->cursor >= n)
		u->cursor = n ? n - 1 : 0;
	int rows = h - 2;
	int first = u->cursor >= rows ? u->cursor - rows + 1 : 0;
	for (int i = first, r = 0; i < n && r < rows; i++, r++) {
		const ik_activity *a = &u->a->c->activities[found[i]];
		snprintf(line, sizeof line, "%s — %s", a->name, a->organization);
		ui_line(u, y + 2 + r, x, w, line, i == u->cursor ? ui_attr(u, ROLE_SELECTED) : A_NORMAL);
	}
	if (!n)
		ui_line(u, y + 2, x, w, _("Niets gevonden."), ui_attr(u, ROLE_DIM));
}

/* Operator: the outcome of the referral highlighted on the home screen. */
static void draw_outcome(ui *u, int y, int x, int h, int w)
{
	const store_referral *r = &u->due[u->list_cursor];
	int ai = content_activity_index(u->a->c, r->activity);
	char head[400];
	snprintf(head, sizeof head, _("%s, verwezen naar %s, na te gaan op %s."), r->case_code,
		 ai >= 0 ? u->a->c->activities[ai].name : r->activity, r->followup_date);
	int used = ui_text(u, y, x, w, 2, 0, head, A_BOLD) + 1;
	for (int i = 0; store_status_ids[i] && used + i < h; i++) {
		char line[200];
		const char *label = store_status_label(store_status_ids[i]);
		snprintf(line, sizeof line, "%s %s", strcmp(r->status, store_status_ids[i]) == 0 ? "(•)" : "( )", label);
		ui_line(u, y + used + i, x, w, line, i == u->outcome_cursor ? ui_attr(u, ROLE_SELECTED) : A_NORMAL);
	}
}

static void record_outcome(ui *u)
{
	const store_referral *r = &u->due[u->list_cursor];
	const char *status = store_status_ids[u->outcome_cursor];
	int role = answers_facet_single(u->f->ans, FACET_ROLE);
	const content *c = u->a->c;
	const char *role_id = role >= 0 ? c->questions[c->facet_q[FACET_ROLE]].opts[role].id : u->a->cfg.default_role;
	store *s = NULL;
	store_err err = {0};
	int rc = store_open(u->a->db_path, &s, &err);
	if (rc == 0)
		rc = store_status_set(s, r->id, status, role_id, u->a->now, &err);
	store_close(s);
	if (rc == 0)
		ui_status(u, false, _("Vastgelegd: %s is nu '%s'."), r->case_code, store_status_label(status));
	else
		ui_status(u, true, _("Niet vastgelegd: %s"), rc > 0 ? _("deze verwijzing bestaat niet meer.") : err.msg);
	u->overlay = OVL_NONE;
	ui_home_reload(u);
}

void ui_overlay_draw(ui *u)
{
	static const char *const titles[] = {"", N_("Hulp"), N_("Crisishulp"), N_("Stoppen?"), N_("Details"),
					     N_("Zoeken in het aanbod"), N_("Bent u er nog?"), N_("Stoppen"),
					     N_("Hoe ging het?"), N_("Notitie bij dit gesprek"), N_("De casus"),
					     N_("Onafgemaakte ronde")};
	const content *c = u->a->c;
	int y, x, h, w;
	const char *title = u->overlay == OVL_CRISIS ? ui_tr(u, &c->crisis_title) : _(titles[u->overlay]);
	box_area(u, title, &y, &x, &h, &w);
	char *text = NULL;
	switch (u->overlay) {
	case OVL_HELP: text = help_text(u); break;
	case OVL_CRISIS: text = crisis_text(u); break;
	case OVL_QUIT:
		text = xasprintf("%s\n\n%s", _("Wilt u stoppen? De antwoorden zijn nog niet vastgelegd en gaan verloren."),
				 _("j = ja, stoppen     n of Esc = nee, doorgaan"));
		break;
	case OVL_DETAILS: {
		int s = u->detail_from;
		char *d = summary_activity(c, &c->activities[u->detail], s >= 0 && u->f->sugg[s].stale, u->a->lang);
		/* the keys stay on the box's last row, however long the details */
		ui_line(u, y + h - 1, x, w, s >= 0 ? _("Enter = deze kiezen, Esc = terug naar de lijst") : _("Esc = terug"),
			ui_attr(u, ROLE_KEY));
		h--;
		text = d;
		break;
	}
	case OVL_SEARCH: draw_search(u, y, x, h, w); return;
	case OVL_OUTCOME: draw_outcome(u, y, x, h, w); return;
	case OVL_DRAFT: {
		char when[64];
		time_t t = (time_t)u->draft_at;
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		text = xasprintf(_("Er is een ronde die niet was afgemaakt (bewaard op %s, toen infokaart werd gestopt).\n\n"
				   "j = verder gaan waar u was\nn = wissen en opnieuw beginnen"), when);
		break;
	}
	case OVL_CASE: {
		char *k = training_case_text(c, u->kase, u->a->lang);
		text = xasprintf("%s\n%s", k, _("Esc of Enter = verder; F4 toont de casus opnieuw."));
		free(k);
		break;
	}
	case OVL_NOTE: {
		char line[1100];
		snprintf(line, sizeof line, "%s▏", u->note.buf);
		ui_text(u, y, x, w, h - 3, 0, line, ui_attr(u, ROLE_SELECTED));
		ui_text(u, y + h - 2, x, w, 2, 0, _("Geen namen. De notitie komt bij de verwijzing en wordt na de bewaartermijn gewist. Enter = bewaren, Esc = terug."), ui_attr(u, ROLE_DIM));
		return;
	}
	case OVL_IDLE:
		text = xasprintf(ngettext("Druk op een toets om verder te gaan.\n\nOver %d seconde begint infokaart opnieuw. "
					  "Alle antwoorden worden dan gewist.",
					  "Druk op een toets om verder te gaan.\n\nOver %d seconden begint infokaart opnieuw. "
					  "Alle antwoorden worden dan gewist.",
					  (unsigned long)u->idle_left),
				 u->idle_left);
		break;
	case OVL_PIN: {
		char dots[3 * PIN_MAX_LEN + 1] = "";
		for (size_t i = 0; i < u->pin.len && i < PIN_MAX_LEN; i++)
			strcat(dots, "•");
		text = u->pin_hash ? xasprintf(_("Pincode om te stoppen: %s\n\nEnter = bevestigen, Esc = terug"), dots)
				   : xasprintf("%s", _("Stoppen kan alleen met een pincode. Die is nog niet ingesteld: "
						       "gebruik 'infokaart set-pin'.\n\nEsc = terug"));
		break;
	}
	default: return;
	}
	int total = ui_text_rows(text, w);
	if (u->scroll > total - h)
		u->scroll = total - h > 0 ? total - h : 0;
	ui_text(u, y, x, w, h, u->scroll, text, u->overlay == OVL_CRISIS ? A_BOLD : A_NORMAL);
	free(text);
}

void ui_open_details(ui *u, int activity, int from_suggestion)
{
	u->detail = activity;
	u->detail_from = from_suggestion;
	u->scroll = 0;
	u->overlay = OVL_DETAILS;
}

static void close_overlay(ui *u)
{
	ui_overlay prev = u->overlay;
	u->overlay = OVL_NONE;
	u->scroll = 0;
	if (prev == OVL_DETAILS && u->detail_from == -2) {
		/* opened from the operator's home: back to it as it was */
	} else if (prev == OVL_DETAILS && u->detail_from < 0) {
		u->overlay = OVL_SEARCH; /* back to the search results */
	} else if (prev == OVL_SEARCH || prev == OVL_DETAILS) {
		u->cursor = prev == OVL_DETAILS ? u->detail_from : 0;
		u->shown_pos = u->f->pos; /* keep the screen's cursor where it was */
	}
}

int ui_overlay_action(ui *u, ui_action act)
{
	switch (act) {
	case ACT_BACK: close_overlay(u); return R_REDRAW;
	case ACT_UP:
		if (u->overlay == OVL_SEARCH)
			u->cursor -= u->cursor > 0;
		else if (u->overlay == OVL_OUTCOME)
			u->outcome_cursor -= u->outcome_cursor > 0;
		else
			u->scroll -= u->scroll > 0;
		return R_REDRAW;
	case ACT_DOWN:
		if (u->overlay == OVL_SEARCH)
			u->cursor++;
		else if (u->overlay == OVL_OUTCOME)
			u->outcome_cursor += store_status_ids[u->outcome_cursor + 1] != NULL;
		else
			u->scroll++;
		return R_REDRAW;
	case ACT_PAGEDOWN: u->scroll += 10; return R_REDRAW;
	case ACT_PAGEUP: u->scroll = u->scroll > 10 ? u->scroll - 10 : 0; return R_REDRAW;
	case ACT_CRISIS: u->overlay = OVL_CRISIS; u->scroll = 0; return R_REDRAW;
	case ACT_NEXT:
		if (u->overlay == OVL_OUTCOME) {
			record_outcome(u);
		} else if (u->overlay == OVL_NOTE) {
			flow_set_note(u->f, u->note.buf);
			ui_field_wipe(&u->note);
			u->overlay = OVL_NONE;
			ui_status(u, false, "%s", u->f->note ? _("Notitie bewaard; ze komt bij de verwijzing.") : _("Geen notitie."));
		} else if (u->overlay == OVL_DETAILS && u->detail_from >= 0) {
			flow_choose(u->f, u->detail_from);
			u->overlay = OVL_NONE;
			const char *why;
			flow_next(u->f, &why);
		} else if (u->overlay == OVL_SEARCH) {
			int found[SEARCH_MAX];
			int n = ui_search(u, u->search.buf, found, SEARCH_MAX);
			if (u->cursor < n)
				ui_open_details(u, found[u->cursor], -1);
		} else if (u->overlay != OVL_QUIT) {
			close_overlay(u);
		}
		return R_REDRAW;
	case ACT_QUIT:
	case ACT_HELP:
		if (u->overlay != OVL_QUIT && u->overlay != OVL_SEARCH)
			close_overlay(u);
		return R_REDRAW;
	default: return R_NONE;
	}
}

/* The kiosk's PIN entry: typed characters are hidden; Enter checks the hash. */
static int pin_char(ui *u, wint_t ch)
{
	if (ch == 27) {
		ui_field_wipe(&u->pin);
		u->overlay = OVL_NONE;
	} else if (ch == '\r' || ch == '\n') {
		if (u->pin_hash && pin_verify(u->pin.buf, u->pin_hash)) {
			u->quit = true;
		} else if (u->pin_hash) {
			napms(500); /* slows down guessing */
			ui_status(u, true, "%s", _("Onjuiste pincode."));
		}
		ui_field_wipe(&u->pin);
	} else if (ch == 127 || ch == 8) {
		ui_field_backspace(&u->pin);
	} else if (u->pin.len < PIN_MAX_LEN) {
		ui_field_add(&u->pin, ch);
	}
	return R_REDRAW;
}

/* The draft question on start: j takes it up, n deletes it. */
static int draft_char(ui *u, wint_t ch)
{
	if (ch != 'j' && ch != 'J' && ch != 'n' && ch != 'N')
		return R_REDRAW;
	bool resume = ch == 'j' || ch == 'J';
	u->overlay = OVL_NONE;
	if (app_draft_take(u->a, resume ? u->f : NULL) != 0 && resume)
		ui_status(u, true, "%s", _("Die ronde past niet meer bij de inhoud; u begint opnieuw."));
	else if (resume)
		ui_status(u, false, "%s", _("U gaat verder waar u was."));
	if (resume)
		u->view = VIEW_WALK;
	u->shown_pos = -1;
	return R_REDRAW;
}

int ui_overlay_char(ui *u, wint_t ch)
{
	if (u->overlay == OVL_PIN)
		return pin_char(u, ch);
	if (u->overlay == OVL_DRAFT)
		return draft_char(u, ch);
	if (u->overlay == OVL_QUIT) {
		if (ch == 'j' || ch == 'J' || ch == 'y' || ch == 'Y')
			u->quit = true;
		else if (ch == 'n' || ch == 'N' || ch == 27)
			u->overlay = OVL_NONE;
		return R_REDRAW;
	}
	ui_field *fl = u->overlay == OVL_SEARCH ? &u->search : u->overlay == OVL_NOTE ? &u->note : NULL;
	if (!fl)
		return -1;
	if (ch == 127 || ch == 8) {
		ui_field_backspace(fl);
		u->cursor = 0;
		return R_REDRAW;
	}
	if (ui_field_add(fl, ch)) {
		u->cursor = 0;
		return R_REDRAW;
	}
	return -1;
}
