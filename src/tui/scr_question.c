/* scr_question.c: one question of the walk-through: a list for single and multi choice and
 * scales, a field for numbers and text. Enter on a single-choice list takes the highlighted
 * option; digits pick an option directly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "summary.h"
#include "ui.h"

/* What this screen keeps: the highlighted row and the text being typed. */
typedef struct {
	int cursor;
	ui_field input;
} question_state;

UI_STATE(question_state, SCR_QUESTION)

static const ik_question *cur_q(const ui *u, int *qi)
{
	*qi = flow_current(u->f).index;
	return &u->a->c->questions[*qi];
}

static int nrows(const ik_question *q)
{
	return q->type == Q_SCALE ? q->max - q->min + 1 : q->nopts;
}

static void enter(ui *u)
{
	question_state *st = state(u);
	int qi;
	const ik_question *q = cur_q(u, &qi);
	const ik_answer *a = &u->f->ans->a[qi];
	st->cursor = 0;
	ui_field_set(&st->input, "");
	if ((q->type == Q_SINGLE || q->type == Q_MULTI) && a->set && a->opts)
		st->cursor = __builtin_ctzll(a->opts);
	else if (q->type == Q_SCALE)
		st->cursor = a->set ? a->value - q->min : (q->max - q->min) / 2;
	else if (q->type == Q_TEXT && a->set)
		ui_field_set(&st->input, a->text);
	else if (q->type == Q_NUMBER && a->set)
		snprintf(st->input.buf, sizeof st->input.buf, "%d", a->value), st->input.len = strlen(st->input.buf);
}

/* The text of list row i; returns its mark. */
static const char *row_text(ui *u, const ik_question *q, int qi, int i, char *line, size_t n)
{
	if (q->type == Q_SCALE) {
		int v = q->min + i;
		bool on = u->f->ans->a[qi].set && u->f->ans->a[qi].value == v;
		const ik_text *lbl = v == q->min ? q->min_label : v == q->max ? q->max_label : NULL;
		snprintf(line, n, "%d%s%s", v, lbl ? "  " : "", lbl ? ui_tr(u, lbl) : "");
		return on ? "(•)" : "( )";
	}
	bool on = answers_has_opt(u->f->ans, qi, i);
	snprintf(line, n, "%s", ui_tr(u, &q->opts[i].text));
	return q->type == Q_MULTI ? (on ? "[x]" : "[ ]") : (on ? "(•)" : "( )");
}

/* The options, each wrapped (never cut) into as many rows as it needs; the list scrolls so
 * that the highlighted one is in view, with ↑ and ↓ at the right when there are more. */
static void draw_list(ui *u, const ik_question *q, int qi, int y, int rows)
{
	question_state *st = state(u);
	int n = nrows(q), w = u->cols - 10; /* the text after "( ) " */
	int gap = u->large && n * 2 <= rows ? 1 : 0; /* kiosk: a blank line between options */
	char line[600];
	int first = st->cursor, used = 0;
	for (int i = st->cursor; i >= 0; i--) { /* back from the cursor while the rows hold */
		row_text(u, q, qi, i, line, sizeof line);
		used += ui_text_rows(line, w) + gap;
		if (used > rows && i < st->cursor)
			break;
		first = i;
	}
	int row = 0, i = first;
	for (; i < n && row < rows; i++) {
		const char *mark = row_text(u, q, qi, i, line, sizeof line);
		int h = ui_text_rows(line, w);
		attr_t attr = i == st->cursor ? ui_attr(u, ROLE_SELECTED) : A_NORMAL;
		if (i == st->cursor) {
			attron(attr);
			for (int r = 0; r < h && row + r < rows; r++)
				mvhline(y + row + r, 2, ' ', u->cols - 4);
			attroff(attr);
		}
		ui_line(u, y + row, 3, 4, mark, attr);
		ui_text(u, y + row, 7, w, rows - row, 0, line, attr);
		row += h + gap;
	}
	if (first > 0)
		ui_line(u, y, u->cols - 3, 1, "↑", ui_attr(u, ROLE_KEY));
	if (i < n || row > rows)
		ui_line(u, y + rows - 1, u->cols - 3, 1, "↓", ui_attr(u, ROLE_KEY));
}

static void draw_field(ui *u, const ik_question *q, int y, int rows)
{
	question_state *st = state(u);
	const char *label = q->type == Q_NUMBER ? _("Getal: ") : _("Antwoord: ");
	int lw = text_width(label);
	int w = u->cols - 6 - lw - 2;
	ui_line(u, y, 3, lw, label, A_BOLD);
	rows = q->type == Q_TEXT && rows > 5 ? 4 : 1; /* a text wraps: what is typed stays readable */
	ui_field_draw(u, &st->input, y, 3 + lw, w, rows, ui_attr(u, ROLE_SELECTED));
	char hint[120];
	if (q->type == Q_NUMBER)
		snprintf(hint, sizeof hint, _("van %d tot %d; ↑ ↓ telt op of af"), q->min, q->max);
	else
		snprintf(hint, sizeof hint, _("hoogstens %d tekens"), FLOW_TEXT_MAX);
	ui_line(u, y + rows, 3 + lw, w, hint, ui_attr(u, ROLE_DIM));
}

static void draw(ui *u, int top, int height)
{
	int qi;
	const ik_question *q = cur_q(u, &qi);
	const content *c = u->a->c;
	int w = u->cols - 4, y = top;
	bool first_in_phase = qi == 0 || c->questions[qi - 1].phase != q->phase;
	if (first_in_phase) {
		y += ui_text(u, y, 2, w, height / 3, 0, ui_tr(u, &c->phases[q->phase].intro), ui_attr(u, ROLE_DIM));
		char *tips = summary_tips(c, u->f->ans, TIP_PHASE, q->phase, u->a->lang);
		y += *tips ? ui_text(u, y, 2, w, height / 5, 0, tips, ui_attr(u, ROLE_DIM)) : 0;
		free(tips);
		y++;
	}
	y += ui_text(u, y, 2, w, 3, 0, ui_tr(u, &q->text), A_BOLD);
	if (q->help)
		y += ui_text(u, y, 2, w, 5, 0, ui_tr(u, q->help), ui_attr(u, ROLE_DIM));
	char *tips = summary_tips(c, u->f->ans, TIP_QUESTION, qi, u->a->lang);
	y += *tips ? ui_text(u, y, 2, w, 3, 0, tips, ui_attr(u, ROLE_DIM)) : 0;
	free(tips);
	if (q->optional)
		y += ui_text(u, y, 2, w, 2, 0, q->type == Q_SINGLE || q->type == Q_SCALE
			? _("(U mag deze vraag overslaan: kies met Spatie, of druk Enter zonder keuze.)")
			: _("(U mag deze vraag overslaan.)"), ui_attr(u, ROLE_DIM));
	y++;
	int rows = top + height - y;
	if (q->type == Q_TEXT || q->type == Q_NUMBER)
		draw_field(u, q, y, rows);
	else if (rows > 0)
		draw_list(u, q, qi, y, rows);
}

/* Stores a typed field into the answers; false (with a status) when it is not valid. */
static bool commit_field(ui *u, const ik_question *q, int qi)
{
	question_state *st = state(u);
	if (q->type == Q_TEXT) {
		answers_set_text(u->f->ans, qi, st->input.buf);
		return true;
	}
	if (q->type != Q_NUMBER)
		return true;
	if (!st->input.len) {
		answers_unset(u->f->ans, qi);
		return true;
	}
	char *end;
	long v = strtol(st->input.buf, &end, 10);
	if (*end || v < q->min || v > q->max) {
		ui_status(u, true, _("Vul een getal in van %d tot %d."), q->min, q->max);
		return false;
	}
	answers_set_value(u->f->ans, qi, (int)v);
	return true;
}

static void choose(ui *u, const ik_question *q, int qi, bool toggle)
{
	question_state *st = state(u);
	if (q->type == Q_SCALE)
		answers_set_value(u->f->ans, qi, q->min + st->cursor);
	else if (q->type == Q_MULTI && toggle)
		answers_toggle(u->f->ans, qi, st->cursor);
	else if (q->type == Q_SINGLE)
		answers_set_single(u->f->ans, qi, st->cursor);
}

static int on_action(ui *u, ui_action act)
{
	question_state *st = state(u);
	int qi;
	const ik_question *q = cur_q(u, &qi);
	bool list = q->type != Q_TEXT && q->type != Q_NUMBER;
	const char *why = NULL;
	switch (act) {
	case ACT_UP:
	case ACT_DOWN: {
		int d = act == ACT_UP ? -1 : 1;
		if (list) {
			ui_cursor(&st->cursor, nrows(q), act);
		} else if (q->type == Q_NUMBER) {
			long v = st->input.len ? strtol(st->input.buf, NULL, 10) + d : q->min;
			v = v < q->min ? q->min : v > q->max ? q->max : v;
			snprintf(st->input.buf, sizeof st->input.buf, "%ld", v);
			st->input.len = strlen(st->input.buf);
		}
		return R_REDRAW;
	}
	case ACT_TOGGLE:
		if (!list)
			return -1;
		choose(u, q, qi, true);
		return R_REDRAW;
	case ACT_NEXT:
		/* Enter takes the highlighted answer, except on an optional question: there Enter
		 * without a choice skips it */
		if (list && q->type != Q_MULTI && !q->optional && !(q->type == Q_SINGLE && answers_has_opt(u->f->ans, qi, st->cursor)))
			choose(u, q, qi, false);
		if (!commit_field(u, q, qi))
			return R_REDRAW;
		if (flow_next(u->f, &why) != 0 && why)
			ui_status(u, true, "%s", why);
		return R_REDRAW;
	case ACT_BACK:
		if (!list)
			commit_field(u, q, qi);
		if (flow_back(u->f) != 0) {
			if (u->mode == MODE_OPERATOR)
				u->view = VIEW_HOME; /* before the first question lies the operator's home */
			else if (u->mode == MODE_TRAINING)
				u->view = VIEW_CASES;
			else
				ui_status(u, false, "%s", _("Dit is de eerste vraag."));
		}
		return R_REDRAW;
	case ACT_PAGEUP:
	case ACT_PAGEDOWN:
		return !list && ui_field_scroll(&st->input, act) ? R_REDRAW : -1;
	default:
		return -1;
	}
}

static int on_char(ui *u, wint_t ch)
{
	question_state *st = state(u);
	int qi;
	const ik_question *q = cur_q(u, &qi);
	if (q->type == Q_TEXT || q->type == Q_NUMBER) {
		if (q->type == Q_NUMBER && ch != 127 && ch != 8 && !((ch >= '0' && ch <= '9') || (ch == '-' && !st->input.len)))
			return -1;
		return ui_field_key(u, &st->input, ch); /* Backspace on an empty field: back */
	}
	if (ch >= '1' && ch <= '9' && (int)(ch - '1') < nrows(q)) {
		st->cursor = (int)(ch - '1');
		choose(u, q, qi, true);
		return R_REDRAW;
	}
	return -1;
}

/* Text typed into a text question goes with a draft (a number is kept only once valid). */
static void keep(ui *u)
{
	int qi;
	const ik_question *q = cur_q(u, &qi);
	if (q->type == Q_TEXT)
		answers_set_text(u->f->ans, qi, state(u)->input.buf);
}

static void forget(ui *u)
{
	ui_field_wipe(&state(u)->input);
}

static const ui_action footer[] = {ACT_UP, ACT_TOGGLE, ACT_NEXT, ACT_BACK, ACT_CRISIS, ACT_NONE};

const ui_screen scr_question = {.enter = enter, .draw = draw, .on_action = on_action, .on_char = on_char,
				.keep = keep, .forget = forget, .footer = footer};
