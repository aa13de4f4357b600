/* scr_home.c: the operator's home screen during a call: type-to-search over the whole
 * catalogue (results update with every key, diacritics and case do not matter), and below
 * it the follow-ups due today, or the earlier referrals of a case code typed in the search.
 * Enter opens an activity's details or records a referral's outcome. F3 starts the walk. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "records.h"
#include "text.h"
#include "ui.h"

#define HOME_MAX 200

/* What the home screen keeps: the search, the list below it and where the cursors are. */
typedef struct {
	ui_field search;     /* the query, or a case code */
	int cursor;          /* position in the search results */
	int focus;           /* 0 the search results, 1 the referral list */
	int list_cursor;     /* position in the referral list */
	store_referral *due; /* follow-ups due today, or one case's referrals */
	int ndue;
	bool due_is_case;    /* `due` holds the referrals of the case code typed in the search */
	bool loaded;
	unsigned seen_rev;   /* ui.records_rev when the list was read */
	char sync_line[200]; /* "Laatste synchronisatie: …", "" when no sync is set up */
	bool sync_failed;    /* the last sync attempt failed: sync_line is shown as a warning */
} home_state;

UI_STATE(home_state, SCR_HOME)

/* "ABC-DEFGH" in any case: the form of a case code. */
static bool looks_like_case_code(const char *s)
{
	if (strlen(s) != 9 || s[3] != '-')
		return false;
	for (int i = 0; i < 9; i++)
		if (i != 3 && !isalnum((unsigned char)s[i]))
			return false;
	return true;
}

/* The state of the sync in one line, as the records have it (the screen never touches the
 * network): shown when a central store is set up or a sync ever ran. */
static void sync_line(ui *u, home_state *st)
{
	store_sync_state ss;
	st->sync_line[0] = '\0';
	st->sync_failed = false;
	if (!app_sync_state(u->a, &ss))
		return;
	char t[32] = "";
	if (ss.last_ok_at) {
		time_t tt = (time_t)ss.last_ok_at;
		struct tm tm;
		if (localtime_r(&tt, &tm))
			strftime(t, sizeof t, "%Y-%m-%d %H:%M", &tm);
	}
	long long waiting = (long long)ss.pending;
	st->sync_failed = ss.last_error[0] != '\0';
	/* Short enough for 80 columns with a date in it. */
	if (st->sync_failed)
		snprintf(st->sync_line, sizeof st->sync_line, _("Synchronisatie mislukt (laatst gelukt: %s) · %lld te versturen"),
			 ss.last_ok_at ? t : _("nog nooit"), waiting);
	else
		snprintf(st->sync_line, sizeof st->sync_line, _("Laatste synchronisatie: %s · %lld te versturen"),
			 ss.last_ok_at ? t : _("nog nooit"), waiting);
}

/* Reads the list from the records again: the referrals of a case code typed in the search,
 * or else the follow-ups due today. */
static void reload(ui *u)
{
	home_state *st = state(u);
	store_referrals_free(st->due, st->ndue);
	st->due = NULL;
	st->ndue = 0;
	st->loaded = true;
	st->seen_rev = u->records_rev;
	store_err err = {0};
	char code[16] = "";
	st->due_is_case = looks_like_case_code(st->search.buf);
	for (int i = 0; st->due_is_case && i < 9; i++)
		code[i] = (char)toupper((unsigned char)st->search.buf[i]);
	sync_line(u, st);
	if (app_referrals(u->a, st->due_is_case ? code : NULL, &st->due, &st->ndue, &err) != 0)
		ui_status(u, true, _("De verwijzingen konden niet worden gelezen: %s"), err.msg);
	if (st->list_cursor >= st->ndue)
		st->list_cursor = st->ndue ? st->ndue - 1 : 0;
}

static void enter(ui *u)
{
	reload(u);
}

static const char *activity_name(const ui *u, const char *id)
{
	int i = content_activity_index(u->a->c, id);
	return i >= 0 ? u->a->c->activities[i].name : id;
}

static void draw_results(ui *u, int y, int rows)
{
	home_state *st = state(u);
	int found[HOME_MAX];
	int n = ui_search(u, st->search.buf, found, HOME_MAX);
	if (st->cursor >= n)
		st->cursor = n ? n - 1 : 0;
	int first = st->cursor >= rows ? st->cursor - rows + 1 : 0;
	for (int i = first, r = 0; i < n && r < rows; i++, r++) {
		const ik_activity *a = &u->a->c->activities[found[i]];
		char line[400];
		snprintf(line, sizeof line, "%s — %s", a->name, a->organization);
		bool sel = st->focus == 0 && i == st->cursor;
		ui_line(u, y + r, 4, u->cols - 6, line, sel ? ui_attr(u, ROLE_SELECTED) : A_NORMAL);
	}
	if (!n)
		ui_line(u, y, 4, u->cols - 6, _("Niets gevonden."), ui_attr(u, ROLE_DIM));
}

static void draw_due(ui *u, int y, int rows)
{
	home_state *st = state(u);
	char head[200];
	if (st->due_is_case)
		snprintf(head, sizeof head, _("Casus %s: %d verwijzing(en)"), st->ndue ? st->due[0].case_code : st->search.buf, st->ndue);
	else
		snprintf(head, sizeof head, _("Na te gaan (vandaag of eerder): %d"), st->ndue);
	ui_line(u, y, 2, u->cols - 4, head, ui_attr(u, ROLE_OK));
	int first = st->list_cursor >= rows - 1 ? st->list_cursor - rows + 2 : 0;
	for (int i = first, r = 1; i < st->ndue && r < rows; i++, r++) {
		const store_referral *ref = &st->due[i];
		const char *label = store_status_label(ref->status);
		int due;
		bool late = !ref->closed_at && date_parse(ref->followup_date, &due) == 0 && due < u->a->today;
		char line[400];
		snprintf(line, sizeof line, "%s  %s%s  %s  (%s)", ref->case_code, ref->followup_date, late ? _(" te laat") : "",
			 activity_name(u, ref->activity), label ? label : ref->status);
		bool sel = st->focus == 1 && i == st->list_cursor;
		ui_line(u, y + r, 4, u->cols - 6, line, sel ? ui_attr(u, ROLE_SELECTED) : A_NORMAL);
	}
}

static void draw(ui *u, int top, int height)
{
	home_state *st = state(u);
	if (!st->loaded || st->seen_rev != u->records_rev)
		reload(u);
	ui_line(u, top, 2, u->cols - 4, _("Zoek in het aanbod, of typ een casuscode:"), A_BOLD);
	ui_field_draw(u, &st->search, top + 1, 2, u->cols - 4, 1, st->focus == 0 ? ui_attr(u, ROLE_SELECTED) : A_UNDERLINE);
	/* letters are typed here, so say how to stop */
	ui_line(u, top + 2, 2, u->cols - 4, _("Stoppen: Esc (leeg zoekveld) of Ctrl-C · toetsen: F1"), ui_attr(u, ROLE_DIM));
	int sync_rows = st->sync_line[0] ? 1 : 0;
	int due_rows = height / 3 + 1;
	int res_rows = height - 3 - due_rows - sync_rows;
	draw_results(u, top + 3, res_rows);
	draw_due(u, top + 3 + res_rows, due_rows);
	if (sync_rows)
		ui_line(u, top + height - 1, 2, u->cols - 4, st->sync_line,
			ui_attr(u, st->sync_failed ? ROLE_WARNING : ROLE_DIM));
}

static void open_selected(ui *u)
{
	home_state *st = state(u);
	if (st->focus == 1) {
		if (st->ndue)
			ui_open_outcome(u, &st->due[st->list_cursor]);
		return;
	}
	int found[HOME_MAX];
	int n = ui_search(u, st->search.buf, found, HOME_MAX);
	if (st->cursor < n)
		ui_open_details(u, found[st->cursor], -2);
}

static int on_action(ui *u, ui_action act)
{
	home_state *st = state(u);
	int *cur = st->focus == 0 ? &st->cursor : &st->list_cursor;
	switch (act) {
	case ACT_UP: *cur -= *cur > 0; return R_REDRAW;
	case ACT_DOWN:
		if (st->focus == 1 ? *cur + 1 < st->ndue : true)
			(*cur)++;
		return R_REDRAW;
	case ACT_TAB: st->focus = !st->focus; return R_REDRAW;
	case ACT_NEXT: open_selected(u); return R_REDRAW;
	case ACT_BACK: /* Esc: clear the search first; on an empty search it means "stop" */
		if (!st->search.len)
			return -1;
		ui_field_set(&st->search, "");
		st->cursor = 0;
		if (st->due_is_case)
			reload(u);
		return R_REDRAW;
	default: return -1;
	}
}

static int on_char(ui *u, wint_t ch)
{
	home_state *st = state(u);
	if (ch == '\t') {
		st->focus = !st->focus;
		return R_REDRAW;
	}
	if ((ch == 127 || ch == 8) && !st->search.len)
		return R_REDRAW;
	if (ui_field_key(u, &st->search, ch) < 0)
		return -1;
	st->cursor = 0;
	st->focus = 0;
	bool was_case = st->due_is_case;
	if (was_case || looks_like_case_code(st->search.buf))
		reload(u); /* a case code typed (or no longer): show its referrals */
	return R_REDRAW;
}

/* The search and the list are of the last call. */
static void forget(ui *u)
{
	home_state *st = state(u);
	ui_field_wipe(&st->search);
	store_referrals_free(st->due, st->ndue);
	st->due = NULL;
	st->ndue = 0;
	st->loaded = false;
	st->cursor = st->list_cursor = st->focus = 0;
}

static const ui_action footer[] = {ACT_WALK, ACT_TAB, ACT_NEXT, ACT_NEWCALL, ACT_NOTE, ACT_CRISIS, ACT_NONE};

const ui_screen scr_home = {.enter = enter, .draw = draw, .on_action = on_action, .on_char = on_char,
			    .forget = forget, .footer = footer};
