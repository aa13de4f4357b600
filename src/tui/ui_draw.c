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
	for (int i = skip; i < n && row < maxrows; i++, row++)
		mvaddstr(y + row, x, lines[i]);
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

void ui_line(ui *u, int y, int x, int width, const char *s, attr_t attr)
{
	if (width <= 0)
		return;
	char *safe = text_sanitize(s, false);
	size_t fit = text_fit(safe, width);
	attron(attr);
	mvaddnstr(y, x, safe, (int)fit);
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

bool ui_field_add(ui_field *fl, wint_t ch)
{
	if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0) || ch > 0x10FFFF)
		return false;
	char mb[8];
	mbstate_t st = {0};
	size_t n = wcrtomb(mb, (wchar_t)ch, &st);
	if (n == (size_t)-1 || fl->len + n >= sizeof fl->buf)
		return false;
	memcpy(fl->buf + fl->len, mb, n);
	fl->len += n;
	fl->buf[fl->len] = '\0';
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
