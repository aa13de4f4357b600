/* term_raw.c: the raw output of a child and hanging up its terminal (see term_raw.h). Lives
 * beside term.c and uses its internals: term.c only appends to t->raw while capturing. */
#include "term_raw.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include "term_internal.h"

void term_raw_start(term *t)
{
	t->raw_on = true;
	term_buf_append(&t->raw, "", 0);
}

const char *term_raw_output(term *t, size_t *len)
{
	term_service(t);
	*len = t->raw.len;
	return t->raw.s ? t->raw.s : "";
}

void term_hangup(term *t)
{
	term_service(t); /* what it drew before the window closed */
	if (t->master >= 0)
		close(t->master);
	t->master = -1;
	t->eof = true;
}

void term_resize_now(term *t, int rows, int cols)
{
	term_service(t);
	t->rows = rows;
	t->cols = cols;
	vterm_set_size(t->vt, rows, cols);
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	ioctl(t->master, TIOCSWINSZ, &ws);
}
