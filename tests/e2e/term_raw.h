/* term_raw.h: two things the fault tests need beyond term.h: the raw bytes a child wrote to
 * the pty (to prove that no escape sequence from hostile content reached the terminal, which
 * the rendered screen cannot show), and hanging up the terminal as closing its window does. */
#ifndef INFOKAART_E2E_TERM_RAW_H
#define INFOKAART_E2E_TERM_RAW_H

#include <stddef.h>

#include "term.h"

/* From now on, keeps every byte the child writes (in addition to drawing it). */
void term_raw_start(term *t);

/* The bytes kept so far (NUL-terminated; *len without the NUL; "" before any). Valid until
 * the next call into term. */
const char *term_raw_output(term *t, size_t *len);

/* Closes our side of the pty, as a terminal window that is closed: the kernel sends SIGHUP to
 * the child (the session leader) and its reads and writes on the terminal fail from then on.
 * The screen keeps what was drawn; term_wait_exit still works. */
void term_hangup(term *t);

/* Resizes at once, without term_resize's wait for the child to sleep first: for a storm of
 * resizes while the child is busy drawing. */
void term_resize_now(term *t, int rows, int cols);

#endif
