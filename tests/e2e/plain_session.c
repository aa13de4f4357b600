/* plain_session.c: infokaart --plain answered prompt by prompt (see plain_session.h). */
#include "plain_session.h"
#include "walk_internal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

long long psess_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void grow(char **s, size_t *len, size_t *cap, const char *add, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*s = realloc(*s, *cap);
		assert_non_null(*s);
	}
	memcpy(*s + *len, add, n);
	*len += n;
	(*s)[*len] = '\0';
}

psess *psess_start(walk_ctx *w, const char *const args[], const char *script)
{
	psess *p = calloc(1, sizeof *p);
	assert_non_null(p);
	for (const char *s = script; *s;) {
		size_t n = strcspn(s, "\n");
		p->lines = realloc(p->lines, (size_t)(p->nlines + 1) * sizeof *p->lines);
		assert_non_null(p->lines);
		p->lines[p->nlines++] = strndup(s, n);
		s += n + (s[n] == '\n');
	}
	grow(&p->text, &p->len, &p->cap, "", 0);
	grow(&p->errtext, &p->errlen, &p->errcap, "", 0);
	const char *argv[16] = {"--plain"};
	int na = 1;
	for (int i = 0; args && args[i] && na < 15; i++)
		argv[na++] = args[i];
	argv[na] = NULL;
	int fds[3];
	p->pid = walk_spawn_piped(w, argv, fds);
	p->in = fds[0];
	p->out = fds[1];
	p->err = fds[2];
	fcntl(p->in, F_SETFL, 0); /* psess_say writes a whole line at once: blocking is fine */
	return p;
}

void psess_say(psess *p, const char *line)
{
	if (p->in < 0)
		return;
	size_t n = strlen(line);
	char *buf = malloc(n + 2);
	assert_non_null(buf);
	memcpy(buf, line, n);
	buf[n] = '\n';
	/* a line is far below the pipe's size and the program reads it at once: blocking is fine,
	 * and EPIPE (it died) is simply the end */
	ssize_t w = write(p->in, buf, n + 1);
	(void)w;
	free(buf);
}

/* Answers every prompt that arrived since the last look. */
static void answer_prompts(psess *p)
{
	char *q;
	while ((q = strstr(p->text + p->scanned, "\n> "))) {
		/* the text since the previous prompt says what this one asks */
		*q = '\0';
		bool draft = strstr(p->text + p->scanned, "onafgemaakte ronde") != NULL;
		*q = '\n';
		p->prompts++;
		p->scanned = (size_t)(q - p->text) + 3;
		if (draft) {
			p->drafts_offered++;
			psess_say(p, p->draft_reply ? p->draft_reply : "n");
		} else if (p->next < p->nlines) {
			psess_say(p, p->lines[p->next++]);
			if (p->next == p->nlines)
				p->last_line_us = psess_now_us();
		} else if (p->in >= 0 && !p->hold) {
			close(p->in); /* the script is done: end of input */
			p->in = -1;
		}
	}
}

static void read_fd(int *fd, char **s, size_t *len, size_t *cap)
{
	char chunk[16384];
	for (;;) {
		ssize_t n = read(*fd, chunk, sizeof chunk);
		if (n > 0) {
			grow(s, len, cap, chunk, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 || errno != EAGAIN) {
			close(*fd);
			*fd = -1;
		}
		return;
	}
}

static void try_reap(psess *p)
{
	if (p->reaped)
		return;
	int st;
	if (waitpid(p->pid, &st, WNOHANG) == p->pid) {
		p->reaped = true;
		p->status = WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
	}
}

int psess_pump(psess *const v[], int n, int timeout_ms)
{
	struct pollfd fds[128];
	assert_true(n <= 64);
	int k = 0;
	for (int i = 0; i < n; i++) {
		fds[k++] = (struct pollfd){.fd = v[i]->out, .events = POLLIN};
		fds[k++] = (struct pollfd){.fd = v[i]->err, .events = POLLIN};
	}
	if (poll(fds, (nfds_t)k, timeout_ms) < 0 && errno != EINTR)
		fail_msg("poll: %s", strerror(errno));
	int open = 0;
	for (int i = 0; i < n; i++) {
		psess *p = v[i];
		if (p->out >= 0 && fds[2 * i].revents) {
			read_fd(&p->out, &p->text, &p->len, &p->cap);
			answer_prompts(p);
		}
		if (p->err >= 0 && fds[2 * i + 1].revents)
			read_fd(&p->err, &p->errtext, &p->errlen, &p->errcap);
		if (p->out >= 0 || p->err >= 0)
			open++;
		else
			try_reap(p);
	}
	return open;
}

bool psess_wait_text(psess *p, size_t from, const char *needle, int timeout_ms)
{
	long long deadline = psess_now_us() + (long long)timeout_ms * 1000;
	psess *v[1] = {p};
	while (!strstr(p->text + (from < p->len ? from : p->len), needle)) {
		long long left = (deadline - psess_now_us()) / 1000;
		if (left <= 0 || (p->out < 0 && p->err < 0))
			return false;
		psess_pump(v, 1, (int)left);
	}
	return true;
}

int psess_wait(psess *p, int timeout_ms)
{
	long long deadline = psess_now_us() + (long long)timeout_ms * 1000;
	psess *v[1] = {p};
	while (p->out >= 0 || p->err >= 0) {
		long long left = (deadline - psess_now_us()) / 1000;
		if (left <= 0)
			return -1;
		psess_pump(v, 1, (int)left);
	}
	while (!p->reaped) {
		try_reap(p);
		if (p->reaped)
			break;
		if (psess_now_us() >= deadline)
			return -1;
		struct timespec ts = {0, 1000000};
		nanosleep(&ts, NULL);
	}
	return p->status;
}

void psess_wait_asleep(psess *p)
{
	long long deadline = psess_now_us() + 2000000;
	char path[64], stat[512];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)p->pid);
	while (psess_now_us() < deadline) {
		FILE *f = fopen(path, "r");
		if (!f)
			return;
		size_t n = fread(stat, 1, sizeof stat - 1, f);
		fclose(f);
		stat[n] = '\0';
		const char *c = strrchr(stat, ')'); /* "pid (comm) S ..." */
		if (!c || c[1] != ' ' || c[2] != 'R')
			return;
		struct timespec ts = {0, 1000000};
		nanosleep(&ts, NULL);
	}
}

bool psess_signal(psess *p, int sig)
{
	if (p->reaped)
		return false;
	/* an ended program that is not reaped yet would take the signal too: look first */
	siginfo_t si = {0};
	if (waitid(P_PID, (id_t)p->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid == p->pid)
		return false;
	return kill(p->pid, sig) == 0;
}

int psess_codes(const psess *p, char (*codes)[16], int max)
{
	static const char mark[] = "Vastgelegd. Casuscode: ";
	int n = 0;
	for (const char *s = p->text; (s = strstr(s, mark)) && n < max; s += sizeof mark - 1) {
		const char *c = s + sizeof mark - 1;
		size_t len = strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
		if (len == 9 && c[3] == '-' && c[9] == '.')
			snprintf(codes[n++], 16, "%.9s", c);
	}
	return n;
}

void psess_free(psess *p)
{
	if (!p)
		return;
	if (!p->reaped) {
		kill(p->pid, SIGKILL);
		while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (p->in >= 0)
		close(p->in);
	if (p->out >= 0)
		close(p->out);
	if (p->err >= 0)
		close(p->err);
	for (int i = 0; i < p->nlines; i++)
		free(p->lines[i]);
	free(p->lines);
	free(p->text);
	free(p->errtext);
	free(p);
}
