/* term.h: a terminal for end-to-end tests. Runs a real program under a pseudo-terminal, feeds
 * its output to libvterm and answers questions about the screen, as a person at an xterm would
 * see it. Every wait has a deadline (CLOCK_MONOTONIC); nothing here sleeps and hopes. Output is
 * read whenever the harness waits, so a child that writes a lot never blocks on us.
 * Test-only code: failures to set up print one line to stderr; misuse (unknown key) aborts. */
#ifndef INFOKAART_E2E_TERM_H
#define INFOKAART_E2E_TERM_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

typedef struct term term;

/* Starts argv[0] (a path, no PATH search) with argv under a new pty of rows x cols and a
 * libvterm screen of the same size (UTF-8, alternate screen enabled, like xterm).
 * The child's environment is the current one plus extra_env ("NAME=value" strings,
 * NULL-terminated, may be NULL; an entry replaces an inherited variable of the same name).
 * TERM is xterm-256color unless extra_env sets it. Inherited LINES and COLUMNS are dropped
 * (ncurses would prefer them to the pty size); extra_env may set them.
 * Returns NULL (after one line on stderr) if argv[0] is not executable or the pty cannot be
 * made. If exec fails anyway, the child prints why on the pty and exits 127.
 * Free with term_free. */
term *term_spawn(char *const argv[], char *const extra_env[], int rows, int cols);

/* When term_spawn started the child: CLOCK_MONOTONIC milliseconds (with a fraction) just
 * before the fork, the screen and the pty made by then, as a person's terminal is there before
 * the program starts. A benchmark times a program's first screen from here, so that the
 * libvterm screen it allocates first (fresh memory: half a millisecond on the CI machine) is
 * not counted as the program's. */
double term_spawned_at(const term *t);

/* Sends raw bytes to the child, e.g. "j", "\r", "\x1b". Waits (reading output meanwhile) up
 * to 2 s for the pty to take them; anything left is sent during later waits. */
void term_send(term *t, const char *bytes);

/* Sends a named key as xterm does, honouring the modes the child set (so "Up" is ESC O A after
 * ncurses' keypad(), ESC [ A before). Names: Up Down Left Right Enter Esc Backspace (DEL, 0x7f)
 * Tab S-Tab Space Home End PgUp PgDn Insert Delete F1..F12, and C-a..C-z, "C-\\", "C-]".
 * An unknown name aborts the test run (it is a bug in the test). */
void term_key(term *t, const char *name);

/* Reads output into the screen until the UTF-8 needle is on it: within one row (trailing
 * spaces kept, so "a  " matches at a row's end) or in the whole screen joined with '\n'
 * (rows right-trimmed, so a needle may span rows). Returns true at once if it already is;
 * false after timeout_ms, or sooner once the child's side of the pty is closed and the
 * needle is absent (it can no longer appear). */
bool term_wait_text(term *t, const char *needle, int timeout_ms);

/* Reads output until the needle is no longer on the screen (same matching as above).
 * Returns false if it is still there after timeout_ms. */
bool term_wait_gone(term *t, const char *needle, int timeout_ms);

/* The screen now (after reading output already available): rows joined by '\n', trailing
 * spaces trimmed per row, UTF-8, a wide character once, combining marks after their base.
 * Caller frees. Never NULL. */
char *term_screen(term *t);

/* Whether row (0-based) contains needle (untrimmed row text). False for a row off screen. */
bool term_row_contains(term *t, int row, const char *needle);

/* Attributes of the cell at row, col (0-based screen cells; the right half of a wide character
 * reports its left half): a bit set of TERM_ATTR_*. -1 off screen. */
enum {
	TERM_ATTR_BOLD = 1,
	TERM_ATTR_REVERSE = 2,
	TERM_ATTR_UNDERLINE = 4,
	TERM_ATTR_FG = 8, /* a foreground colour other than the default */
};
int term_attr_at(term *t, int row, int col);

/* Resizes the screen and the pty (TIOCSWINSZ on the master): the child gets SIGWINCH. */
void term_resize(term *t, int rows, int cols);

/* Waits for the child to end, reading its output meanwhile and draining what is left after it
 * ended. Returns its exit status (0..255), 128 + the signal if a signal ended it, or -1 if it
 * is still running after timeout_ms. Once ended, later calls return the same status at once. */
int term_wait_exit(term *t, int timeout_ms);

/* Sends sig to the child process (not its process group); nothing if it was already reaped. */
void term_kill(term *t, int sig);

/* The child's process id (still returned after it was reaped). */
pid_t term_pid(term *t);

/* Writes the screen in a frame, with size, cursor and child state, for failure messages. */
void term_dump(term *t, FILE *f);

/* Kills the child's process group and the child (SIGKILL) if still running, reaps it, closes
 * the pty and frees everything. Accepts NULL. */
void term_free(term *t);

#endif
