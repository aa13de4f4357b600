/* ui_draw.c: drawing helpers for the screens: colour roles, wrapped UTF-8 text, one-line
 * cut text, the status line and text fields (see ui.h); the action table and key map;
 * the screens' private state. Every string goes through
 * text_sanitize (inside text_wrap / here) before it reaches the terminal. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui.h"

#define X(id, key, label, ...) static const ui_key keys_##id[] = {__VA_ARGS__, {0, false}};
UI_ACTIONS(X)
#undef X

const ui_action_info ui_actions[ACT_COUNT] = {
#define X(id, key, label, ...) [id] = {key, label, keys_##id},
	UI_ACTIONS(X)
#undef X
};

ui_action ui_key_action(wint_t ch, bool fkey)
{
	for (int a = 0; a < ACT_COUNT; a++)
		for (const ui_key *k = ui_actions[a].keys; k->code; k++)
			if (k->code == ch && k->fkey == fkey)
				return (ui_action)a;
	return ACT_NONE;
}

bool ui_scroll(int *scroll, ui_action act)
{
	switch (act) {
	case ACT_UP: *scroll -= *scroll > 0; return true;
	case ACT_DOWN: ++*scroll; return true;
	case ACT_PAGEUP: *scroll = *scroll > 10 ? *scroll - 10 : 0; return true;
	case ACT_PAGEDOWN: *scroll += 10; return true;
	default: return false;
	}
}

bool ui_cursor(int *cursor, int n, ui_action act)
{
	if (act != ACT_UP && act != ACT_DOWN)
		return false;
	if (n > 0)
		*cursor = (*cursor + (act == ACT_UP ? n - 1 : 1)) % n;
	return true;
}

bool ui_list_with_text(int *cursor, int n, int *scroll, ui_action act)
{
	if (ui_cursor(cursor, n, act)) {
		*scroll = 0;
		return true;
	}
	return (act == ACT_PAGEUP || act == ACT_PAGEDOWN) && ui_scroll(scroll, act);
}

void *ui_private(ui *u, ui_screen_id id, size_t size)
{
	if (!u->priv[id]) {
		u->priv[id] = xcalloc(1, size);
		u->priv_size[id] = size;
	}
	return u->priv[id];
}

attr_t ui_attr(const ui *u, ui_role r)
{
	static const attr_t mono[ROLE_COUNT] = {
		[ROLE_NORMAL] = A_NORMAL, [ROLE_TITLE] = A_BOLD | A_REVERSE, [ROLE_SELECTED] = A_REVERSE,
		[ROLE_WARNING] = A_BOLD, [ROLE_CRISIS] = A_BOLD | A_UNDERLINE, [ROLE_DIM] = A_DIM,
		[ROLE_OK] = A_BOLD, [ROLE_KEY] = A_BOLD,
	};
	if (!u->color || r == ROLE_NORMAL)
		return mono[r];
	attr_t extra = r == ROLE_TITLE || r == ROLE_CRISIS || r == ROLE_KEY || r == ROLE_WARNING ? A_BOLD : 0;
	return (attr_t)COLOR_PAIR(r) | extra;
}

const char *ui_tr(const ui *u, const ik_text *t)
{
	return ik_tr(t, u->a->lang);
}

int ui_text(ui *u, int y, int x, int width, int maxrows, int skip, const char *s, attr_t attr)
{
	int n;
	char **lines = text_wrap(s, width, &n);
	int row = 0;
	attron(attr);
	for (int i = skip; i < n && row < maxrows; i++, row++) {
		if (row == maxrows - 1 && i + 1 < n) { /* cut here: the last row says there is more */
			size_t fit = text_fit(lines[i], width - 1);
			mvaddnstr(y + row, x, lines[i], (int)fit);
			addstr("…");
		} else {
			mvaddstr(y + row, x, lines[i]);
		}
	}
	attroff(attr);
	text_lines_free(lines, n);
	return row;
}

int ui_text_rows(const char *s, int width)
{
	int n;
	char **lines = text_wrap(s, width, &n);
	text_lines_free(lines, n);
	return n;
}

int ui_text_scrolled(ui *u, int y, int x, int width, int rows, int *scroll, const char *s, attr_t attr)
{
	int n;
	char **lines = text_wrap(s, width, &n);
	int max = n > rows ? n - (rows - 1) : 0; /* at the end only the "↑ meer" row is taken */
	*scroll = *scroll < 0 ? 0 : *scroll > max ? max : *scroll;
	bool above = *scroll > 0 && rows > 2;
	int body = rows - above;
	bool below = *scroll + body < n && rows > 1;
	body -= below;
	if (above)
		ui_line(u, y, x, width, _("↑ meer (↑ PgUp)"), ui_attr(u, ROLE_KEY));
	attron(attr);
	for (int i = 0; i < body && *scroll + i < n; i++)
		mvaddstr(y + above + i, x, lines[*scroll + i]);
	attroff(attr);
	if (below)
		ui_line(u, y + rows - 1, x, width, _("↓ meer (↓ PgDn)"), ui_attr(u, ROLE_KEY));
	text_lines_free(lines, n);
	return n < rows ? n : rows;
}

void ui_line(ui *u, int y, int x, int width, const char *s, attr_t attr)
{
	if (width <= 0)
		return;
	char *safe = text_sanitize(s, false);
	bool cut = text_width(safe) > width;
	size_t fit = text_fit(safe, cut ? width - 1 : width);
	attron(attr);
	mvaddnstr(y, x, safe, (int)fit);
	if (cut) /* a row too narrow for its text shows that there is more */
		addstr("…");
	attroff(attr);
	free(safe);
}

void ui_status(ui *u, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->status_buf, sizeof u->status_buf, fmt, ap);
	va_end(ap);
	u->status = u->status_buf;
	u->status_error = error;
}

void ui_field_set(ui_field *fl, const char *s)
{
	snprintf(fl->buf, sizeof fl->buf, "%s", s ? s : "");
	fl->len = strlen(fl->buf);
}

static size_t field_chars(const ui_field *fl)
{
	size_t n = 0;
	for (size_t i = 0; i < fl->len; i++)
		n += ((unsigned char)fl->buf[i] & 0xC0) != 0x80;
	return n;
}

/* get_wch gives characters decoded with the locale's character set (UTF-8, or Latin-1 on an
 * older terminal): they are stored as UTF-8 whatever the locale, never as the locale's bytes. */
bool ui_field_add(ui_field *fl, wint_t ch)
{
	if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0) || ch > 0x10FFFF)
		return false;
	char mb[4];
	size_t n = text_utf8_encode((unsigned)ch, mb);
	if (!n || fl->len + n >= sizeof fl->buf || field_chars(fl) >= FLOW_TEXT_MAX)
		return false;
	memcpy(fl->buf + fl->len, mb, n);
	fl->len += n;
	fl->buf[fl->len] = '\0';
	return true;
}

int ui_field_key(ui *u, ui_field *fl, wint_t ch)
{
	fl->back = 0; /* typing goes on at the end: show it */
	if (ch == 127 || ch == 8) {
		if (!fl->len)
			return -1;
		ui_field_backspace(fl);
		return R_REDRAW;
	}
	if (ch < 0x20 || ch == 0x7F)
		return -1;
	if (ui_field_add(fl, ch))
		return R_REDRAW;
	if (field_chars(fl) >= FLOW_TEXT_MAX)
		ui_status(u, true, _("Dit veld is vol: hoogstens %d tekens."), FLOW_TEXT_MAX);
	else
		ui_status(u, true, "%s", _("Dit teken kan niet worden bewaard; het is weggelaten."));
	return R_REDRAW;
}

void ui_field_draw(ui *u, ui_field *fl, int y, int x, int width, int rows, attr_t attr)
{
	char *shown = xasprintf("%s▏", fl->buf);
	int n = ui_text_rows(shown, width);
	bool more = n > rows && rows > 2; /* room for the marker rows */
	int body = more ? rows - 2 : rows;
	int last = n > body ? n - body : 0; /* the first row shown when at the end */
	if (fl->back > last)
		fl->back = last;
	if (fl->back < 0 || !more)
		fl->back = 0;
	int skip = last - fl->back;
	attron(attr);
	for (int r = 0; r < rows; r++)
		mvhline(y + r, x, ' ', width);
	attroff(attr);
	if (more && skip > 0)
		ui_line(u, y, x, width, _("↑ meer (↑ PgUp)"), ui_attr(u, ROLE_KEY));
	ui_text(u, y + more, x, width, body, skip, shown, attr);
	if (more && fl->back > 0)
		ui_line(u, y + rows - 1, x, width, _("↓ meer (↓ PgDn)"), ui_attr(u, ROLE_KEY));
	free(shown);
}

bool ui_field_scroll(ui_field *fl, ui_action act)
{
	if (act == ACT_PAGEUP)
		fl->back += 2; /* ui_field_draw keeps it within the text */
	else if (act == ACT_PAGEDOWN)
		fl->back = fl->back > 2 ? fl->back - 2 : 0;
	else
		return false;
	return true;
}

void ui_field_backspace(ui_field *fl)
{
	while (fl->len > 0) {
		unsigned char c = (unsigned char)fl->buf[--fl->len];
		if ((c & 0xC0) != 0x80)
			break; /* removed the lead byte: one whole character gone */
	}
	fl->buf[fl->len] = '\0';
}

void ui_field_wipe(ui_field *fl)
{
	explicit_bzero(fl->buf, sizeof fl->buf);
	fl->len = 0;
}
