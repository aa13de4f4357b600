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
#include "store_sync.h"
#include "text.h"
#include "ui.h"

#define HOME_MAX 200

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

/* The state of the sync in one line, read from the database (the screen never touches the
 * network): shown when a central store is set up or a sync ever ran. */
static void sync_line(ui *u, store *s)
{
	store_sync_state st;
	store_err err = {0};
	u->sync_line[0] = '\0';
	u->sync_failed = false;
	if (store_sync_state_get(s, &st, &err) != 0 || (!u->a->cfg.sync_url[0] && !st.last_try_at))
		return;
	char t[32] = "";
	if (st.last_ok_at) {
		time_t tt = (time_t)st.last_ok_at;
		struct tm tm;
		if (localtime_r(&tt, &tm))
			strftime(t, sizeof t, "%Y-%m-%d %H:%M", &tm);
	}
	long long waiting = (long long)st.pending;
	u->sync_failed = st.last_error[0] != '\0';
	/* Short enough for 80 columns with a date in it. */
	if (u->sync_failed)
		snprintf(u->sync_line, sizeof u->sync_line, _("Synchronisatie mislukt (laatst gelukt: %s) · %lld te versturen"),
			 st.last_ok_at ? t : _("nog nooit"), waiting);
	else
		snprintf(u->sync_line, sizeof u->sync_line, _("Laatste synchronisatie: %s · %lld te versturen"),
			 st.last_ok_at ? t : _("nog nooit"), waiting);
}

void ui_home_reload(ui *u)
{
	store_referrals_free(u->due, u->ndue);
	u->due = NULL;
	u->ndue = 0;
	u->due_loaded = true;
	store *s = NULL;
	store_err err = {0};
	char code[16] = "", today[11];
	u->due_is_case = looks_like_case_code(u->search.buf);
	for (int i = 0; u->due_is_case && i < 9; i++)
		code[i] = (char)toupper((unsigned char)u->search.buf[i]);
	date_format(u->a->today, today);
	int r = store_open(u->a->db_path, &s, &err);
	if (r == 0)
		sync_line(u, s);
	if (r == 0)
		r = u->due_is_case ? store_referrals_by_case(s, code, &u->due, &u->ndue, &err)
				   : store_followups(s, today, &u->due, &u->ndue, &err);
	store_close(s);
	if (r != 0)
		ui_status(u, true, _("De verwijzingen konden niet worden gelezen: %s"), err.msg);
	if (u->list_cursor >= u->ndue)
		u->list_cursor = u->ndue ? u->ndue - 1 : 0;
}

static void enter(ui *u)
{
	ui_home_reload(u);
}

static const char *activity_name(const ui *u, const char *id)
{
	int i = content_activity_index(u->a->c, id);
	return i >= 0 ? u->a->c->activities[i].name : id;
}

static void draw_results(ui *u, int y, int rows)
{
	int found[HOME_MAX];
	int n = ui_search(u, u->search.buf, found, HOME_MAX);
	if (u->cursor >= n)
		u->cursor = n ? n - 1 : 0;
	int first = u->cursor >= rows ? u->cursor - rows + 1 : 0;
	for (int i = first, r = 0; i < n && r < rows; i++, r++) {
		const ik_activity *a = &u->a->c->activities[found[i]];
		char line[400];
		snprintf(line, sizeof line, "%s — %s", a->name, a->organization);
		bool sel = u->focus == 0 && i == u->cursor;
		ui_line(u, y + r, 4, u->cols - 6, line, sel ? ui_attr(u, ROLE_SELECTED) : A_NORMAL);
	}
	if (!n)
		ui_line(u, y, 4, u->cols - 6, _("Niets gevonden."), ui_attr(u, ROLE_DIM));
}

static void draw_due(ui *u, int y, int rows)
{
	char head[200];
	if (u->due_is_case)
		snprintf(head, sizeof head, _("Casus %s: %d verwijzing(en)"), u->ndue ? u->due[0].case_code : u->search.buf, u->ndue);
	else
		snprintf(head, sizeof head, _("Vandaag na te gaan: %d"), u->ndue);
	ui_line(u, y, 2, u->cols - 4, head, ui_attr(u, ROLE_OK));
	int first = u->list_cursor >= rows - 1 ? u->list_cursor - rows + 2 : 0;
	for (int i = first, r = 1; i < u->ndue && r < rows; i++, r++) {
		const store_referral *ref = &u->due[i];
		const char *label = store_status_label(ref->status);
		char line[400];
		snprintf(line, sizeof line, "%s  %s  %s  (%s)", ref->case_code, ref->followup_date,
			 activity_name(u, ref->activity), label ? label : ref->status);
		bool sel = u->focus == 1 && i == u->list_cursor;
		ui_line(u, y + r, 4, u->cols - 6, line, sel ? ui_attr(u, ROLE_SELECTED) : A_NORMAL);
	}
}

static void draw(ui *u, int top, int height)
{
	if (!u->due_loaded)
		ui_home_reload(u);
	ui_line(u, top, 2, u->cols - 4, _("Zoek in het aanbod, of typ een casuscode:"), A_BOLD);
	char field[1100];
	snprintf(field, sizeof field, "%s▏", u->search.buf);
	attr_t fa = u->focus == 0 ? ui_attr(u, ROLE_SELECTED) : A_UNDERLINE;
	attron(fa);
	mvhline(top + 1, 2, ' ', u->cols - 4);
	attroff(fa);
	ui_line(u, top + 1, 2, u->cols - 4, field, fa);
	int sync_rows = u->sync_line[0] ? 1 : 0;
	int due_rows = height / 3 + 1;
	int res_rows = height - 3 - due_rows - sync_rows;
	draw_results(u, top + 3, res_rows);
	draw_due(u, top + 3 + res_rows, due_rows);
	if (sync_rows)
		ui_line(u, top + height - 1, 2, u->cols - 4, u->sync_line,
			ui_attr(u, u->sync_failed ? ROLE_WARNING : ROLE_DIM));
}

static void open_selected(ui *u)
{
	if (u->focus == 1) {
		if (u->ndue) {
			u->outcome_cursor = 0;
			u->overlay = OVL_OUTCOME;
		}
		return;
	}
	int found[HOME_MAX];
	int n = ui_search(u, u->search.buf, found, HOME_MAX);
	if (u->cursor < n)
		ui_open_details(u, found[u->cursor], -2);
}

static int on_action(ui *u, ui_action act)
{
	int *cur = u->focus == 0 ? &u->cursor : &u->list_cursor;
	switch (act) {
	case ACT_UP: *cur -= *cur > 0; return R_REDRAW;
	case ACT_DOWN:
		if (u->focus == 1 ? *cur + 1 < u->ndue : true)
			(*cur)++;
		return R_REDRAW;
	case ACT_TAB: u->focus = !u->focus; return R_REDRAW;
	case ACT_NEXT: open_selected(u); return R_REDRAW;
	case ACT_BACK: /* Esc: clear the search first; on an empty search it means "stop" */
		if (!u->search.len)
			return -1;
		ui_field_set(&u->search, "");
		u->cursor = 0;
		if (u->due_is_case)
			ui_home_reload(u);
		return R_REDRAW;
	default: return -1;
	}
}

static int on_char(ui *u, wint_t ch)
{
	if (ch == '\t') {
		u->focus = !u->focus;
		return R_REDRAW;
	}
	if (ch == 127 || ch == 8) {
		if (!u->search.len)
			return R_REDRAW;
		ui_field_backspace(&u->search);
	} else if (!ui_field_add(&u->search, ch)) {
		return -1;
	}
	u->cursor = 0;
	u->focus = 0;
	bool was_case = u->due_is_case;
	if (was_case || looks_like_case_code(u->search.buf))
		ui_home_reload(u); /* a case code typed (or no longer): show its referrals */
	return R_REDRAW;
}

static const ui_action footer[] = {ACT_WALK, ACT_TAB, ACT_NEXT, ACT_NEWCALL, ACT_NOTE, ACT_CRISIS, ACT_NONE};

const ui_screen scr_home = {enter, draw, on_action, on_char, footer};
