/* term_screen.c: reading libvterm's screen for the e2e terminal (see term.h): text per row
 * (a wide character once, combining marks with their base), waiting for text to come or go,
 * attributes, and the framed dump for failure messages. */
#include "term_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static void buf_append_utf8(buf *b, uint32_t cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else if (cp < 0x110000) {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	} else {
		term_buf_append(b, "\xEF\xBF\xBD", 3); /* U+FFFD */
		return;
	}
	term_buf_append(b, u, n);
}

/* Appends one row as it looks: each cell's characters, a space for an empty cell, nothing for
 * the right half of a wide character. The text is exactly t->cols columns wide. */
static void row_text(term *t, int row, buf *b)
{
	for (int col = 0; col < t->cols; col++) {
		VTermScreenCell cell;
		vterm_screen_get_cell(t->screen, (VTermPos){.row = row, .col = col}, &cell);
		if (cell.chars[0] == (uint32_t)-1)
			continue; /* right half of a wide character (libvterm marks it so) */
		if (cell.chars[0] == 0) {
			term_buf_append(b, " ", 1);
			continue;
		}
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
			buf_append_utf8(b, cell.chars[i]);
		if (cell.width > 1)
			col += cell.width - 1;
	}
}

/* The whole screen, rows joined by '\n', each right-trimmed. Caller frees. */
static char *screen_text(term *t)
{
	buf b = {0};
	term_buf_append(&b, "", 0);
	for (int row = 0; row < t->rows; row++) {
		if (row)
			term_buf_append(&b, "\n", 1);
		size_t start = b.len;
		row_text(t, row, &b);
		while (b.len > start && b.s[b.len - 1] == ' ')
			b.len--;
		b.s[b.len] = '\0';
	}
	return b.s;
}

/* Whether needle is in one row (untrimmed) or in the screen text (trimmed rows, joined). */
static bool on_screen(term *t, const char *needle)
{
	bool found = false;
	buf b = {0};
	for (int row = 0; row < t->rows && !found; row++) {
		b.len = 0;
		term_buf_append(&b, "", 0);
		row_text(t, row, &b);
		found = strstr(b.s, needle) != NULL;
	}
	free(b.s);
	if (!found) {
		char *s = screen_text(t);
		found = strstr(s, needle) != NULL;
		free(s);
	}
	return found;
}

/* Reads output until on_screen(needle) == want, the deadline, or the end of output. */
static bool wait_screen(term *t, const char *needle, bool want, int timeout_ms)
{
	long long deadline = term_now_ms() + timeout_ms;
	for (;;) {
		term_service(t);
		if (on_screen(t, needle) == want)
			return true;
		if (t->eof)
			return false; /* the screen cannot change any more */
		int left = term_ms_left(deadline);
		if (left == 0)
			return false;
		term_await_io(t, left, false);
	}
}

bool term_wait_text(term *t, const char *needle, int timeout_ms)
{
	return wait_screen(t, needle, true, timeout_ms);
}

bool term_wait_gone(term *t, const char *needle, int timeout_ms)
{
	return wait_screen(t, needle, false, timeout_ms);
}

char *term_screen(term *t)
{
	term_service(t);
	return screen_text(t);
}

bool term_row_contains(term *t, int row, const char *needle)
{
	term_service(t);
	if (row < 0 || row >= t->rows)
		return false;
	buf b = {0};
	term_buf_append(&b, "", 0);
	row_text(t, row, &b);
	bool found = strstr(b.s, needle) != NULL;
	free(b.s);
	return found;
}

int term_attr_at(term *t, int row, int col)
{
	term_service(t);
	if (row < 0 || row >= t->rows || col < 0 || col >= t->cols)
		return -1;
	VTermScreenCell cell;
	vterm_screen_get_cell(t->screen, (VTermPos){.row = row, .col = col}, &cell);
	if (cell.chars[0] == (uint32_t)-1 && col > 0)
		vterm_screen_get_cell(t->screen, (VTermPos){.row = row, .col = col - 1}, &cell);
	int attr = 0;
	if (cell.attrs.bold)
		attr |= TERM_ATTR_BOLD;
	if (cell.attrs.reverse)
		attr |= TERM_ATTR_REVERSE;
	if (cell.attrs.underline)
		attr |= TERM_ATTR_UNDERLINE;
	if (!VTERM_COLOR_IS_DEFAULT_FG(&cell.fg))
		attr |= TERM_ATTR_FG;
	return attr;
}

void term_dump(term *t, FILE *f)
{
	term_service(t);
	buf rule = {0}, b = {0};
	term_buf_append(&rule, "+", 1);
	for (int col = 0; col < t->cols; col++)
		term_buf_append(&rule, "-", 1);
	term_buf_append(&rule, "+\n", 2);
	term_buf_append(&b, rule.s, rule.len);
	for (int row = 0; row < t->rows; row++) {
		term_buf_append(&b, "|", 1);
		row_text(t, row, &b);
		term_buf_append(&b, "|\n", 2);
	}
	term_buf_append(&b, rule.s, rule.len);
	VTermPos cur;
	vterm_state_get_cursorpos(vterm_obtain_state(t->vt), &cur);
	fprintf(f, "%sscreen %dx%d (rows x cols), cursor at row %d col %d, child %d ", b.s, t->rows,
	        t->cols, cur.row, cur.col, (int)t->pid);
	siginfo_t info = {0};
	if (t->reaped)
		fprintf(f, "ended with status %d\n", t->status);
	else if (waitid(P_PID, (id_t)t->pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid)
		fprintf(f, "has ended (%s %d), not yet waited for\n",
		        info.si_code == CLD_EXITED ? "status" : "signal", info.si_status);
	else
		fprintf(f, "not ended yet%s\n", t->eof ? " (its side of the pty is closed)" : "");
	free(rule.s);
	free(b.s);
}

