/* plain_session.h: infokaart --plain driven as a person at a terminal would drive it: each
 * prompt ("> ") is answered with the next line of a script, so a test knows how far the
 * program got and can stop or kill it at a chosen moment (the kill and concurrency tests).
 * Several sessions run side by side: one poll(2) serves them all. Nothing sleeps and hopes:
 * every wait has a deadline. Test code: setup failures fail the running cmocka test. */
#ifndef INFOKAART_E2E_PLAIN_SESSION_H
#define INFOKAART_E2E_PLAIN_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "walk.h"

typedef struct {
	pid_t pid;
	int in, out, err;     /* our ends: its stdin (-1 once closed), stdout, stderr (-1 at EOF) */
	char *text;           /* everything it wrote to stdout, NUL-terminated */
	size_t len, cap;
	char *errtext;        /* and to stderr */
	size_t errlen, errcap;
	char **lines;         /* the script: one line per prompt */
	int nlines;
	int next;             /* lines written so far */
	int prompts;          /* prompts seen so far */
	size_t scanned;       /* where the text after the last prompt starts */
	const char *draft_reply; /* the answer when a prompt offers an unfinished walk (not a
	                          * script line); NULL: "n" */
	int drafts_offered;   /* how often that happened */
	bool hold;            /* when the script is done, keep stdin open (psess_say goes on) */
	long long last_line_us; /* CLOCK_MONOTONIC µs when the last line went out, 0 before */
	bool reaped;
	int status;           /* once reaped: exit status, or 128 + signal */
} psess;

/* Starts `infokaart --plain` (plus args, NULL-terminated, may be NULL) with the context's
 * environment; script holds the lines to answer with ("a\nb\n..."). When the prompts outrun
 * the script, its stdin is closed (end of input). */
psess *psess_start(walk_ctx *w, const char *const args[], const char *script);

/* Writes one more line to the program now (after the script, with hold set). */
void psess_say(psess *p, const char *line);

/* Answers prompts until the output from byte `from` on contains needle (true), or the program
 * ended or the deadline passed (false). */
bool psess_wait_text(psess *p, size_t from, const char *needle, int timeout_ms);

/* Reads what is there for the sessions (waiting up to timeout_ms for something to happen)
 * and answers new prompts. Returns how many sessions still have output open. */
int psess_pump(psess *const v[], int n, int timeout_ms);

/* Waits for the program to end (answering prompts), up to timeout_ms; returns its status or
 * -1 when it still runs. */
int psess_wait(psess *p, int timeout_ms);

/* Waits (up to 2 s) until the program sleeps in the kernel, as it does waiting for input:
 * a signal then finds it idle, as a shutdown usually does. */
void psess_wait_asleep(psess *p);

/* Sends sig to the program unless it has ended; true when it went to a running process. */
bool psess_signal(psess *p, int sig);

/* The case codes the program printed as recorded ("Vastgelegd. Casuscode: XXX-XXXXX."),
 * appended to codes (each 16 bytes); returns how many were added. */
int psess_codes(const psess *p, char (*codes)[16], int max);

/* Kills (SIGKILL) what still runs, reaps it, frees. Accepts NULL. */
void psess_free(psess *p);

/* CLOCK_MONOTONIC in microseconds. */
long long psess_now_us(void);

#endif
