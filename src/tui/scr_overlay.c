/* scr_overlay.c: the windows that open over any screen: help (generated from the action
 * table), the crisis numbers, "stop without saving?", activity details and catalogue search.
 * Esc closes each; nothing here changes answers except choosing an activity. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "i18n.h"
#include "pin.h"
#include "records.h"
#include "search.h"
#include "summary.h"
#include "text.h"
#include "ui.h"

#define SEARCH_MAX SEARCH_SHOWN_MAX

/* What the overlays keep: one is open at a time, but the search stays as it was under the
 * details opened from it. */
typedef struct {
	int scroll;               /* of the overlay's text */
	ui_field search;          /* OVL_SEARCH: the query */
	int cursor;               /* OVL_SEARCH: position in the results */
	int detail;               /* OVL_DETAILS: the activity shown */
	int detail_from;          /* the suggestion it came from; -1 the search, -2 the operator home */
	ui_field pin;             /* OVL_PIN: the PIN being typed */
	int pin_fails;            /* OVL_PIN: wrong PINs in a row */
	long long pin_wait_until; /* OVL_PIN: no PIN is checked before this (monotonic ms) */
	ui_field note;            /* OVL_NOTE: the quick note being typed (operator) */
	int idle_left;            /* OVL_IDLE: seconds left in the countdown */
	int64_t draft_at;         /* OVL_DRAFT: when the waiting draft was kept */
} overlay_state;

UI_STATE(overlay_state, SCR_OVERLAY)

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
		if (!answers_crisis_line_shown(u->f->ans, l))
			continue;
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
	overlay_state *st = state(u);
	char line[1100];
	snprintf(line, sizeof line, _("Zoek: %s▏"), st->search.buf);
	ui_line(u, y, x, w, line, ui_attr(u, ROLE_SELECTED));
	int found[SEARCH_MAX];
	int n = ui_search(u, st->search.buf, found, SEARCH_MAX);
	if (st->cursor >= n)
		st->cursor = n ? n - 1 : 0;
	int rows = h - 2;
	int first = st->cursor >= rows ? st->cursor - rows + 1 : 0;
	for (int i = first, r = 0; i < n && r < rows; i++, r++) {
		const ik_activity *a = &u->a->c->activities[found[i]];
		snprintf(line, sizeof line, "%s — %s", a->name, a->organization);
		ui_line(u, y + 2 + r, x, w, line, i == st->cursor ? ui_attr(u, ROLE_SELECTED) : A_NORMAL);
	}
	if (!n)
		ui_line(u, y + 2, x, w, _("Niets gevonden."), ui_attr(u, ROLE_DIM));
}

void ui_overlay_draw(ui *u)
{
	overlay_state *st = state(u);
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
		int s = st->detail_from;
		char *d = summary_activity(c, &c->activities[st->detail], s >= 0 && u->f->sugg[s].stale, u->a->lang);
		/* the keys stay on the box's last row, however long the details */
		ui_line(u, y + h - 1, x, w, s >= 0 ? _("Enter = deze kiezen, Esc = terug naar de lijst") : _("Esc = terug"),
			ui_attr(u, ROLE_KEY));
		h--;
		text = d;
		break;
	}
	case OVL_SEARCH: draw_search(u, y, x, h, w); return;
	case OVL_OUTCOME: ui_outcome_draw(u, y, x, h, w); return;
	case OVL_DRAFT: {
		char when[64];
		time_t t = (time_t)st->draft_at;
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
		ui_field_draw(u, &st->note, y, x, w, h - 3, ui_attr(u, ROLE_SELECTED));
		ui_text(u, y + h - 2, x, w, 2, 0, _("Geen namen. De notitie komt bij de verwijzing en wordt na de bewaartermijn gewist. Enter = bewaren, Esc = terug."), ui_attr(u, ROLE_DIM));
		return;
	}
	case OVL_IDLE:
		text = xasprintf(ngettext("Druk op een toets om verder te gaan.\n\nOver %d seconde begint infokaart opnieuw. "
					  "Alle antwoorden worden dan gewist.",
					  "Druk op een toets om verder te gaan.\n\nOver %d seconden begint infokaart opnieuw. "
					  "Alle antwoorden worden dan gewist.",
					  (unsigned long)st->idle_left),
				 st->idle_left);
		break;
	case OVL_PIN: {
		char dots[3 * PIN_MAX_LEN + 1] = "";
		for (size_t i = 0; i < st->pin.len && i < PIN_MAX_LEN; i++)
			strcat(dots, "•");
		text = u->pin_hash ? xasprintf(_("Pincode om te stoppen: %s\n\nEnter = bevestigen, Esc = terug"), dots)
				   : xasprintf("%s", _("Stoppen kan alleen met een pincode. Die is nog niet ingesteld: "
						       "gebruik 'infokaart set-pin'.\n\nEsc = terug"));
		break;
	}
	default: return;
	}
	ui_text_scrolled(u, y, x, w, h, &st->scroll, text, u->overlay == OVL_CRISIS ? A_BOLD : A_NORMAL);
	free(text);
}

void ui_open(ui *u, ui_overlay o)
{
	overlay_state *st = state(u);
	st->scroll = 0;
	if (o == OVL_SEARCH) {
		ui_field_set(&st->search, "");
		st->cursor = 0;
	} else if (o == OVL_NOTE) {
		ui_field_set(&st->note, u->f->note);
	} else if (o == OVL_PIN) {
		ui_field_set(&st->pin, "");
	}
	u->overlay = o;
}

void ui_open_details(ui *u, int activity, int from_suggestion)
{
	overlay_state *st = state(u);
	st->detail = activity;
	st->detail_from = from_suggestion;
	st->scroll = 0;
	u->overlay = OVL_DETAILS;
}

void ui_open_idle(ui *u, int seconds_left)
{
	state(u)->idle_left = seconds_left;
	u->overlay = OVL_IDLE;
}

void ui_open_draft(ui *u, int64_t kept_at)
{
	state(u)->draft_at = kept_at;
	u->overlay = OVL_DRAFT;
}

void ui_overlay_keep(ui *u)
{
	overlay_state *st = state(u);
	if (u->overlay == OVL_NOTE && st->note.len)
		flow_set_note(u->f, st->note.buf);
}

void ui_overlay_forget(ui *u)
{
	overlay_state *st = state(u);
	ui_field_wipe(&st->search);
	ui_field_wipe(&st->pin);
	ui_field_wipe(&st->note);
	ui_outcome_forget(u);
	st->detail = st->detail_from = -1;
	st->cursor = st->scroll = 0;
}

static void close_overlay(ui *u)
{
	overlay_state *st = state(u);
	ui_overlay prev = u->overlay;
	u->overlay = OVL_NONE;
	st->scroll = 0;
	if (prev == OVL_DETAILS && st->detail_from == -1)
		u->overlay = OVL_SEARCH; /* back to the search results */
	/* else back to the screen below, as it was: the home screen, or the suggestions with the
	 * one whose details these were still highlighted */
}

int ui_overlay_action(ui *u, ui_action act)
{
	overlay_state *st = state(u);
	if (u->overlay == OVL_OUTCOME && ui_outcome_action(u, act) >= 0)
		return R_REDRAW;
	switch (act) {
	case ACT_BACK: close_overlay(u); return R_REDRAW;
	case ACT_UP:
		if (u->overlay == OVL_SEARCH)
			st->cursor -= st->cursor > 0;
		else
			st->scroll -= st->scroll > 0;
		return R_REDRAW;
	case ACT_DOWN:
		if (u->overlay == OVL_SEARCH)
			st->cursor++;
		else
			st->scroll++;
		return R_REDRAW;
	case ACT_PAGEDOWN:
	case ACT_PAGEUP:
		if (u->overlay == OVL_NOTE)
			ui_field_scroll(&st->note, act);
		else
			ui_scroll(&st->scroll, act);
		return R_REDRAW;
	case ACT_CRISIS: ui_open(u, OVL_CRISIS); return R_REDRAW;
	case ACT_NEXT:
		if (u->overlay == OVL_NOTE) {
			flow_set_note(u->f, st->note.buf);
			ui_field_wipe(&st->note);
			u->overlay = OVL_NONE;
			ui_status(u, false, "%s", u->f->note ? _("Notitie bewaard; ze komt bij de verwijzing.") : _("Geen notitie."));
		} else if (u->overlay == OVL_DETAILS && st->detail_from >= 0) {
			flow_choose(u->f, st->detail_from);
			u->overlay = OVL_NONE;
			const char *why;
			flow_next(u->f, &why);
		} else if (u->overlay == OVL_SEARCH) {
			int found[SEARCH_MAX];
			int n = ui_search(u, st->search.buf, found, SEARCH_MAX);
			if (st->cursor < n)
				ui_open_details(u, found[st->cursor], -1);
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

static long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A wrong PIN: the wait before the next try doubles (1 s, 2 s, 4 s, … at most 5 minutes) and
 * the system log hears of it, so guessing takes long and leaves a trace. */
static void pin_failed(ui *u)
{
	overlay_state *st = state(u);
	st->pin_fails++;
	int shift = st->pin_fails - 1 < 9 ? st->pin_fails - 1 : 9;
	long long wait = 1000LL << shift;
	if (wait > 300000)
		wait = 300000;
	st->pin_wait_until = mono_ms() + wait;
	syslog(LOG_AUTHPRIV | LOG_WARNING, "infokaart kiosk: wrong PIN to stop (%d in a row)", st->pin_fails);
	long long secs = (wait + 999) / 1000;
	ui_status(u, true, ngettext("Onjuiste pincode. Opnieuw proberen kan over %lld seconde.",
				    "Onjuiste pincode. Opnieuw proberen kan over %lld seconden.", (unsigned long)secs), secs);
}

/* The kiosk's PIN entry: typed characters are hidden; Enter checks the hash. */
static int pin_char(ui *u, wint_t ch)
{
	overlay_state *st = state(u);
	if (ch == 27) {
		ui_field_wipe(&st->pin);
		u->overlay = OVL_NONE;
	} else if (ch == '\r' || ch == '\n') {
		long long left = st->pin_wait_until - mono_ms();
		if (u->pin_hash && left > 0) {
			long long secs = (left + 999) / 1000;
			ui_status(u, true, ngettext("Nog even wachten: opnieuw proberen kan over %lld seconde.",
						    "Nog even wachten: opnieuw proberen kan over %lld seconden.", (unsigned long)secs), secs);
		} else if (u->pin_hash && pin_verify(st->pin.buf, u->pin_hash)) {
			u->quit = true;
		} else if (u->pin_hash) {
			pin_failed(u);
		}
		ui_field_wipe(&st->pin);
	} else if (ch == 127 || ch == 8) {
		ui_field_backspace(&st->pin);
	} else if (st->pin.len < PIN_MAX_LEN) {
		ui_field_add(&st->pin, ch);
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
	overlay_state *st = state(u);
	if (u->overlay == OVL_PIN)
		return pin_char(u, ch);
	if (u->overlay == OVL_DRAFT)
		return draft_char(u, ch);
	if (u->overlay == OVL_OUTCOME)
		return ui_outcome_char(u, ch);
	if (u->overlay == OVL_QUIT) {
		if (ch == 'j' || ch == 'J' || ch == 'y' || ch == 'Y')
			u->quit = true;
		else if (ch == 'n' || ch == 'N' || ch == 27)
			u->overlay = OVL_NONE;
		return R_REDRAW;
	}
	ui_field *fl = u->overlay == OVL_SEARCH ? &st->search : u->overlay == OVL_NOTE ? &st->note : NULL;
	if (!fl)
		return -1;
	if ((ch == 127 || ch == 8) && !fl->len)
		return R_REDRAW;
	if (ui_field_key(u, fl, ch) < 0)
		return -1;
	st->cursor = 0;
	return R_REDRAW;
}
