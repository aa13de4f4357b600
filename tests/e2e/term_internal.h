/* term_internal.h: what term.c (the pty, bytes, keys, the child's end) and term_screen.c
 * (reading the screen) share. Not for tests: they use term.h. */
#ifndef INFOKAART_E2E_TERM_INTERNAL_H
#define INFOKAART_E2E_TERM_INTERNAL_H

#include "term.h"

#include <stddef.h>
#include <vterm.h>

/* A growable byte buffer, NUL-terminated once anything was appended. */
typedef struct {
	char *s;    /* the bytes */
	size_t len; /* bytes used, without the NUL */
	size_t cap; /* bytes allocated */
} buf;

/* One child on one pty, and the screen it drew. */
struct term {
	pid_t pid;           /* the child (a session leader with the pty as controlling tty) */
	int master;          /* pty master, O_NONBLOCK | O_CLOEXEC */
	int pidfd;           /* readable when the child ends; -1 if pidfd_open is unavailable */
	int rows, cols;      /* current size of the screen and the pty */
	VTerm *vt;           /* the terminal emulator */
	VTermScreen *screen; /* its screen buffer */
	bool eof;            /* read gave EIO or 0: the child's side is closed, no more output */
	bool reaped;         /* waitpid collected the child */
	bool drained;        /* and what it left in the pty was read */
	int status;          /* once reaped: exit status, or 128 + signal */
	buf out;             /* bytes owed to the child: keys and libvterm's replies */
	bool raw_on;         /* keep a copy of everything read (term_raw.h) */
	buf raw;             /* that copy */
	double spawned_at;   /* CLOCK_MONOTONIC ms (with a fraction) just before the fork */
};

/* Allocation for test code: out of memory aborts. */
void *term_xrealloc(void *p, size_t n);
void term_buf_append(buf *b, const char *s, size_t n);

/* CLOCK_MONOTONIC in ms, and what is left until a deadline (0..INT_MAX, for poll). */
long long term_now_ms(void);
int term_ms_left(long long deadline);

/* Reads what the child wrote into the screen and writes what we owe it, without waiting.
 * Returns the bytes read. */
size_t term_service(term *t);

/* Waits up to timeout_ms until the master is readable (or writable while we owe bytes), or,
 * with want_exit, until the child ends. Returns poll's result (0: nothing happened). */
int term_await_io(term *t, int timeout_ms, bool want_exit);

#endif
