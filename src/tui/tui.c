/* tui.c: terminal setup and teardown, the main loop (keys to actions through ui_key_action), the frame
 * (title, status line, footer) and storing the referral. Screens draw from state; only this
 * loop redraws. Signal handlers only set flags. */
#include "tui.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "pin.h"
#include "record.h"
#include "text.h"
#include "ui.h"

#include <term.h> /* last: its macros clash with ordinary names */

/* Kiosk: the finished screen (with the case code) is wiped after this many seconds without a
 * key, plus a countdown of this many (shorter than the idle time of a walk). */
#define KIOSK_DONE_TIMEOUT 20
#define KIOSK_DONE_COUNTDOWN 10

static volatile sig_atomic_t got_stop; /* SIGTERM, SIGHUP: leave cleanly */
static volatile sig_atomic_t got_int;  /* SIGINT: ask before quitting */

static void on_signal(int sig)
{
	if (sig == SIGINT)
		got_int = 1;
	else
		got_stop = 1;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const ui_screen *screen_for(step_kind k);

static const ui_screen *current_screen(const ui *u)
{
	switch (u->view) {
	case VIEW_HOME: return &scr_home;
	case VIEW_CASES: return &scr_cases;
	case VIEW_PRESENT: return &scr_present;
	case VIEW_STATS: return &scr_stats;
	default: break;
	}
	step_kind k = flow_current(u->f).kind;
	if (u->mode == MODE_TRAINING && u->kase && (k == STEP_RECORD || k == STEP_END_INFO))
		return &scr_feedback; /* training ends in feedback, never in a record */
	return screen_for(k);
}

static const ui_screen *screen_for(step_kind k)
{
	switch (k) {
	case STEP_GUIDE: return &scr_guide;
	case STEP_QUESTION: return &scr_question;
	case STEP_PROFILE: return &scr_profile;
	case STEP_SUGGEST: return &scr_suggest;
	case STEP_RECORD: return &scr_record;
	case STEP_DONE: return &scr_done;
	default: return &scr_end;
	}
}

static void setup_colors(ui *u)
{
	const char *nc = getenv("NO_COLOR");
	u->color = has_colors() && !(nc && *nc);
	if (!u->color)
		return;
	start_color();
	use_default_colors();
	init_pair(ROLE_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(ROLE_SELECTED, COLOR_BLACK, COLOR_CYAN);
	init_pair(ROLE_WARNING, COLOR_YELLOW, -1);
	init_pair(ROLE_CRISIS, COLOR_WHITE, COLOR_RED);
	init_pair(ROLE_DIM, COLOR_BLUE, -1);
	init_pair(ROLE_OK, COLOR_GREEN, -1);
	init_pair(ROLE_KEY, COLOR_CYAN, -1);
}

static void draw_title(ui *u)
{
	const content *c = u->a->c;
	int ph = flow_phase(u->f);
	const char *what;
	char left[256], step[32] = "";
	if (u->view == VIEW_HOME)
		what = _("Infolijn");
	else if (u->view == VIEW_STATS)
		what = _("Cijfers");
	else if (u->mode == MODE_TRAINING && (u->view != VIEW_WALK || !u->kase))
		what = _("Oefenen");
	else
		what = ph < c->nphases ? ui_tr(u, &c->phases[ph].title) : u->mode == MODE_TRAINING ? _("Terugkoppeling") : _("Verwijzen");
	if (u->view == VIEW_WALK && (u->mode != MODE_TRAINING || u->kase))
		snprintf(step, sizeof step, " (%d/%d)", ph + 1, c->nphases + 1);
	if (u->mode == MODE_TRAINING && u->view == VIEW_WALK && u->kase)
		snprintf(left, sizeof left, " infokaart · %s · %s", _("Oefenen"), what);
	else
		snprintf(left, sizeof left, " infokaart · %s", what);
	const char *right = _("F2 crisishulp ");
	attr_t attr = ui_attr(u, ROLE_TITLE);
	attron(attr);
	mvhline(0, 0, ' ', u->cols);
	attroff(attr);
	int rw = text_width(right), sw = text_width(step);
	int tw = 0;
	if (u->mode == MODE_OPERATOR) {
		long long s = (now_ms() - u->call_start_ms) / 1000;
		char timer[64];
		snprintf(timer, sizeof timer, _("gesprek %02lld:%02lld"), s / 60, s % 60);
		tw = text_width(timer) + 2;
		ui_line(u, 0, u->cols - rw - tw, tw - 2, timer, attr);
	}
	/* a long title is cut ("…"), never the step count */
	int lw = u->cols - rw - tw - sw - 1;
	ui_line(u, 0, 0, lw, left, attr);
	ui_line(u, 0, text_width(left) < lw ? text_width(left) : lw, sw, step, attr);
	ui_line(u, 0, u->cols - rw, rw, right, ui_attr(u, ROLE_CRISIS));
}

static void draw_footer(ui *u, const ui_screen *s)
{
	static const ui_action globals[] = {ACT_HELP, ACT_QUIT, ACT_NONE};
	static const ui_action home_globals[] = {ACT_BACK, ACT_NONE}; /* letters are typed there */
	int x = 0, y = u->rows - 1;
	move(y, 0);
	clrtoeol();
	for (int pass = 0; pass < 2; pass++) {
		const ui_action *list = pass == 0 ? s->footer : u->view == VIEW_HOME ? home_globals : globals;
		if (u->overlay != OVL_NONE && pass == 0)
			continue;
		for (int i = 0; list && list[i] != ACT_NONE; i++) {
			if (list[i] == ACT_SEARCH && u->mode == MODE_KIOSK)
				continue;
			const ui_action_info *ai = &ui_actions[list[i]];
			int need = text_width(_(ai->key)) + text_width(_(ai->label)) + 3;
			if (x + need > u->cols)
				return;
			ui_line(u, y, x, u->cols - x, _(ai->key), ui_attr(u, ROLE_KEY));
			x += text_width(_(ai->key)) + 1;
			ui_line(u, y, x, u->cols - x, _(ai->label), ui_attr(u, ROLE_NORMAL));
			x += text_width(_(ai->label)) + 2;
		}
	}
}

static void draw(ui *u)
{
	erase();
	getmaxyx(stdscr, u->rows, u->cols);
	if (ui_too_small(u)) {
		ui_draw_small(u);
		refresh();
		return;
	}
	const ui_screen *s = current_screen(u);
	draw_title(u);
	s->draw(u, 2, u->rows - 5);
	if (u->status) { /* two rows when needed: the row above the status is kept free for it */
		int n = ui_text_rows(u->status, u->cols - 2) > 1 ? 2 : 1;
		ui_text(u, u->rows - 1 - n, 1, u->cols - 2, n, 0, u->status, ui_attr(u, u->status_error ? ROLE_WARNING : ROLE_OK));
	}
	if (u->overlay != OVL_NONE)
		ui_overlay_draw(u);
	draw_footer(u, s);
	refresh();
}

void ui_record(ui *u)
{
	if (u->mode == MODE_TRAINING)
		return; /* never: training writes nothing to the records */
	store_err err = {0};
	if (record_referral(u->a, u->f, &err) == 0) {
		u->status = NULL;
		ui_records_changed(u);
		return;
	}
	/* what the user must know first, then the cause: a long detail may be cut at the end */
	ui_status(u, true, _("Niet vastgelegd. Uw antwoorden zijn bewaard; Enter om opnieuw te proberen.\n%s"), err.msg);
}

void ui_records_changed(ui *u)
{
	u->records_rev++;
}

/* Global actions that work on every screen when no overlay is open. */
static bool global_action(ui *u, ui_action act)
{
	step_kind k = flow_current(u->f).kind;
	switch (act) {
	case ACT_HELP: ui_open(u, OVL_HELP); return true;
	case ACT_CRISIS: ui_open(u, OVL_CRISIS); return true;
	case ACT_SEARCH:
		if (u->mode != MODE_KIOSK) /* the kiosk shows only the walk-through and the crisis screen */
			ui_open(u, OVL_SEARCH);
		return true;
	case ACT_WALK:
		if (u->mode != MODE_OPERATOR)
			return false;
		u->view = u->view == VIEW_HOME ? VIEW_WALK : VIEW_HOME;
		u->shown_pos = -1;
		return true;
	case ACT_NEWCALL:
		if (u->mode != MODE_OPERATOR)
			return false;
		if (flow_dirty(u->f) && !u->confirm_wipe) {
			u->confirm_wipe = true;
			ui_status(u, true, "%s", _("Niet vastgelegde antwoorden: nog eens F5 wist ze."));
			return true;
		}
		ui_wipe(u);
		u->view = VIEW_HOME;
		u->call_start_ms = now_ms();
		ui_status(u, false, "%s", _("Nieuw gesprek: de tijd loopt vanaf nu."));
		return true;
	case ACT_STATS: /* the coordinator's figures: not on a kiosk, not in training */
		if (u->mode == MODE_KIOSK || u->mode == MODE_TRAINING || u->view == VIEW_STATS)
			return true;
		ui_show_stats(u);
		return true;
	case ACT_CASE:
		if (u->mode == MODE_TRAINING && u->kase)
			ui_open(u, OVL_CASE);
		return true;
	case ACT_NOTE:
		if (u->mode != MODE_KIOSK && u->mode != MODE_TRAINING)
			ui_open(u, OVL_NOTE);
		return true;
	case ACT_QUIT:
		if (u->view == VIEW_WALK && current_screen(u)->keep)
			current_screen(u)->keep(u); /* what is typed counts as an answer that would be lost */
		ui_overlay_keep(u);
		if (u->mode == MODE_KIOSK)
			ui_open(u, OVL_PIN);
		else if (u->mode != MODE_TRAINING && flow_dirty(u->f) && k != STEP_DONE && k != STEP_END_INFO)
			u->overlay = OVL_QUIT;
		else
			u->quit = true;
		return true;
	default: return false;
	}
}

static void handle(ui *u, wint_t ch, bool fkey)
{
	const ui_screen *s = current_screen(u);
	ui_action act = ui_key_action(ch, fkey);
	if (ui_too_small(u)) {
		if (ui_small_key(u, ch, fkey, act) == ACT_QUIT)
			global_action(u, ACT_QUIT);
		return;
	}
	if (act != ACT_NEWCALL)
		u->confirm_wipe = false;
	if (!fkey || ch == KEY_BACKSPACE) {
		wint_t c = fkey ? 127 : ch;
		int r = u->overlay != OVL_NONE ? ui_overlay_char(u, c) : s->on_char ? s->on_char(u, c) : -1;
		if (r >= 0)
			return;
	}
	if (act == ACT_NONE)
		return;
	if (u->overlay != OVL_NONE) {
		ui_overlay_action(u, act);
		return;
	}
	if (s->on_action(u, act) < 0 && !global_action(u, act) && act == ACT_BACK && u->view == VIEW_HOME)
		global_action(u, ACT_QUIT); /* Esc on an empty home search: stop (asks first) */
}

/* Calls the screen's enter when the step changed (forward or back). */
static void sync_step(ui *u)
{
	if (u->view != VIEW_WALK) {
		if (u->shown_pos != -2 - (int)u->view) {
			u->shown_pos = -2 - (int)u->view; /* views beside the walk have no flow position */
			current_screen(u)->enter(u);
		}
		return;
	}
	flow_step cur = flow_current(u->f);
	if (u->shown_pos == u->f->pos && u->shown.kind == cur.kind)
		return;
	u->shown = cur;
	u->shown_pos = u->f->pos;
	screen_for(cur.kind)->enter(u);
}

/* Every screen, for what all of them must do: forget, free. */
static const ui_screen *const all_screens[] = {&scr_guide, &scr_question, &scr_profile, &scr_suggest, &scr_record,
					       &scr_done, &scr_end, &scr_home, &scr_cases, &scr_present,
					       &scr_feedback, &scr_stats};

void ui_wipe(ui *u)
{
	flow_reset(u->f);
	for (size_t i = 0; i < ARRAY_LEN(all_screens); i++)
		if (all_screens[i]->forget)
			all_screens[i]->forget(u);
	ui_overlay_forget(u);
	u->overlay = OVL_NONE;
	u->status = NULL;
	u->shown_pos = -1;
	clearok(curscr, TRUE); /* repaint every cell: nothing of the last person may linger */
}

/* At the end: whatever the screens still hold is freed, and its bytes overwritten first. */
static void free_private(ui *u)
{
	for (size_t i = 0; i < ARRAY_LEN(all_screens); i++)
		if (all_screens[i]->forget)
			all_screens[i]->forget(u);
	for (int i = 0; i < SCR_COUNT; i++) {
		if (u->priv[i])
			explicit_bzero(u->priv[i], u->priv_size[i]);
		free(u->priv[i]);
	}
}

/* Kiosk: after idle_timeout seconds without a key, count down idle_countdown seconds, then
 * wipe; on the finished screen after at most KIOSK_DONE_TIMEOUT + KIOSK_DONE_COUNTDOWN. A
 * pristine welcome screen needs no countdown. */
static void idle_tick(ui *u)
{
	if (u->mode != MODE_KIOSK)
		return;
	bool pristine = u->f->pos == 0 && !flow_dirty(u->f) && u->overlay == OVL_NONE && !u->status;
	long long idle = (now_ms() - u->last_key_ms) / 1000;
	const ik_config *cfg = &u->a->cfg;
	int timeout = cfg->idle_timeout, countdown = cfg->idle_countdown;
	step_kind k = flow_current(u->f).kind;
	if (k == STEP_DONE || k == STEP_END_INFO) { /* the case code must not wait for the next customer */
		timeout = timeout < KIOSK_DONE_TIMEOUT ? timeout : KIOSK_DONE_TIMEOUT;
		countdown = countdown < KIOSK_DONE_COUNTDOWN ? countdown : KIOSK_DONE_COUNTDOWN;
	}
	if (pristine || idle < timeout) {
		if (u->overlay == OVL_IDLE)
			u->overlay = OVL_NONE;
		return;
	}
	int left = countdown - (int)(idle - timeout);
	if (left <= 0) {
		ui_wipe(u);
		u->last_key_ms = now_ms();
	} else {
		ui_open_idle(u, left);
	}
}

static int loop(ui *u)
{
	u->last_key_ms = now_ms();
	bool first = true;
	while (!u->quit && !got_stop) {
		if (got_int) {
			got_int = 0;
			global_action(u, ACT_QUIT);
		}
		idle_tick(u);
		sync_step(u);
		draw(u);
		if (first && u->mode != MODE_KIOSK) /* the first screen is out: search's texts, meanwhile */
			app_search_prepare(u->a);
		first = false;
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			continue; /* draw() lays out again from getmaxyx */
		u->last_key_ms = now_ms();
		u->status = NULL;
		if (u->overlay == OVL_IDLE) {
			u->overlay = OVL_NONE; /* the key only says "I am still here" */
			continue;
		}
		handle(u, ch, r == KEY_CODE_YES);
		if (flow_take_crisis(u->f)) /* talk of death: the crisis numbers before anything else */
			ui_open(u, OVL_CRISIS);
	}
	return 0;
}

int tui_run(app *a)
{
	const char *term = getenv("TERM");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s\n", _("infokaart: dit is geen terminal. Gebruik 'infokaart --plain' voor regels tekst."));
		return 2;
	}
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		fprintf(stderr, "%s\n", _("infokaart: dit terminaltype kan geen schermen tonen. Gebruik 'infokaart --plain'."));
		return 2;
	}
	ik_cases *cases = NULL;
	if (a->cfg.mode == MODE_TRAINING && app_load_cases(a, &cases) != 0)
		return 1;
	flow *f = app_flow_new(a);
	if (!f) {
		content_cases_free(cases);
		return 2;
	}
	/* ask terminfo first: newterm() on an unknown type fails, but leaks what it built */
	int terr = 0;
	SCREEN *scr = NULL;
	if (setupterm(NULL, STDOUT_FILENO, &terr) == OK) {
		del_curterm(cur_term);
		scr = newterm(NULL, stdout, stdin);
	}
	if (!scr) {
		fprintf(stderr, _("infokaart: terminaltype '%s' is onbekend. Gebruik 'infokaart --plain' of zet TERM=xterm-256color.\n"), term);
		flow_free(f);
		content_cases_free(cases);
		return 2;
	}
	bool kiosk = a->cfg.mode == MODE_KIOSK;
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (kiosk) {
		/* locked down: Ctrl-C, Ctrl-Z and Ctrl-\ do nothing (raw mode also delivers them as
		 * plain bytes, which map to no action) */
		sa.sa_handler = SIG_IGN;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTSTP, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
	} else {
		sigaction(SIGINT, &sa, NULL);
	}
	set_escdelay(25);
	if (kiosk)
		raw();
	else
		cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	timeout(250);
	ui u = {.a = a, .shown_pos = -1, .mode = a->cfg.mode, .large = kiosk,
		.view = a->cfg.mode == MODE_OPERATOR ? VIEW_HOME : a->cfg.mode == MODE_TRAINING ? VIEW_CASES : VIEW_WALK,
		.call_start_ms = now_ms(), .cases = cases};
	if (kiosk) {
		char *path = pin_user_path();
		u.pin_hash = pin_read(path);
		if (!u.pin_hash)
			u.pin_hash = pin_read(PIN_SYSTEM_PATH);
		free(path);
	}
	setup_colors(&u);
	if (a->draft_at)
		ui_open_draft(&u, a->draft_at);
	u.f = f;
	int rc = loop(&u);
	endwin();
	if (got_stop) {
		if (kiosk) {
			ui_wipe(&u); /* nothing of the last person stays, not even as a draft */
		} else {
			/* what is typed but not yet confirmed belongs to the draft too */
			const ui_screen *s = current_screen(&u);
			if (u.view == VIEW_WALK && s->keep)
				s->keep(&u);
			ui_overlay_keep(&u);
			app_save_draft(a, u.f);
		}
	}
	delscreen(scr);
	free_private(&u);
	flow_free(u.f);
	content_cases_free(u.cases);
	free(u.pin_hash);
	explicit_bzero(&u, sizeof u);
	return rc;
}
