/* print.c: the slip on paper (see print.h). lp is started with posix_spawnp and an argument
 * list, so no printer name or text ever reaches a shell; the text goes to its standard input.
 * This file must not block the program for long: lp gets PRINT_TIMEOUT_SECONDS. */
#include "print.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "summary.h"

extern char **environ;

enum { OUT_MAX = 4096 };

/* What lp did: its exit, and the first OUT_MAX bytes of what it wrote (stdout and stderr). */
typedef struct {
	int status;       /* as waitpid gives it */
	bool timed_out;   /* stopped after PRINT_TIMEOUT_SECONDS */
	char out[OUT_MAX + 1];
	size_t nout;
} lp_run;

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Feeds text to the child on fd `to` while reading its output from `from`, until it closes
 * its output or the deadline passes. */
static void feed(int to, int from, const char *text, lp_run *r)
{
	size_t len = strlen(text), sent = 0;
	int64_t deadline = now_ms() + PRINT_TIMEOUT_SECONDS * 1000;
	fcntl(to, F_SETFL, fcntl(to, F_GETFL) | O_NONBLOCK);
	for (;;) {
		struct pollfd p[2] = {{.fd = from, .events = POLLIN}, {.fd = to, .events = POLLOUT}};
		int np = to >= 0 ? 2 : 1;
		int64_t left = deadline - now_ms();
		if (left <= 0) {
			r->timed_out = true;
			break;
		}
		int k = poll(p, (nfds_t)np, (int)left);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			break;
		if (np == 2 && p[1].revents) {
			ssize_t w = (p[1].revents & POLLOUT) ? write(to, text + sent, len - sent) : -1;
			if (w > 0)
				sent += (size_t)w;
			if (w < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (w < 0 || sent == len) { /* done, or lp stopped reading (EPIPE) */
				close(to);
				to = -1;
			}
		}
		if (p[0].revents) {
			char buf[512];
			ssize_t got = read(from, buf, sizeof buf);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0)
				break;
			size_t keep = (size_t)got < OUT_MAX - r->nout ? (size_t)got : OUT_MAX - r->nout;
			memcpy(r->out + r->nout, buf, keep);
			r->nout += keep;
		}
	}
	if (to >= 0)
		close(to);
	r->out[r->nout] = '\0';
}

/* Runs lp with argv; returns 0 with *r filled, or an errno value when it could not start. */
static int run_lp(char *const argv[], const char *text, lp_run *r)
{
	int in[2], out[2];
	if (pipe2(in, O_CLOEXEC) != 0)
		return errno;
	if (pipe2(out, O_CLOEXEC) != 0) {
		int e = errno;
		close(in[0]);
		close(in[1]);
		return e;
	}
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, dflt;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDERR_FILENO);
	posix_spawnattr_init(&at);
	sigemptyset(&none);
	sigemptyset(&dflt);
	/* the kiosk ignores these; lp should not inherit that */
	int sigs[] = {SIGPIPE, SIGINT, SIGQUIT, SIGTSTP, SIGTERM, SIGHUP};
	for (size_t i = 0; i < ARRAY_LEN(sigs); i++)
		sigaddset(&dflt, sigs[i]);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dflt);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	pid_t pid;
	int e = posix_spawnp(&pid, argv[0], &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(in[0]);
	close(out[1]);
	if (e != 0) {
		close(in[1]);
		close(out[0]);
		return e;
	}
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old); /* a write to an lp that quit is an error, not our end */
	feed(in[1], out[0], text, r);
	sigaction(SIGPIPE, &old, NULL);
	close(out[0]);
	if (r->timed_out)
		kill(pid, SIGTERM);
	pid_t w;
	while ((w = waitpid(pid, &r->status, 0)) < 0 && errno == EINTR)
		;
	if (w < 0)
		r->status = 255 << 8; /* no exit status to be had (SIGCHLD ignored?): not a success */
	return 0;
}

/* The first non-empty line of s, control characters made spaces, into buf. */
static void first_line(const char *s, char *buf, size_t n)
{
	while (*s == '\n' || *s == '\r' || *s == ' ')
		s++;
	size_t k = 0;
	for (; *s && *s != '\n' && k + 1 < n; s++)
		buf[k++] = (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s;
	while (k && buf[k - 1] == ' ')
		k--;
	buf[k] = '\0';
}

int print_text(const char *text, const char *printer, char *msg, size_t n)
{
	char *argv[] = {"lp", "-t", "infokaart", NULL, NULL, NULL};
	bool named = printer && *printer;
	if (named) {
		argv[3] = "-d";
		argv[4] = (char *)printer;
	}
	lp_run *r = xcalloc(1, sizeof *r);
	int e = run_lp(argv, text ? text : "", r);
	char line[256], job[128] = "";
	int rc = -1;
	first_line(r->out, line, sizeof line);
	if (e == ENOENT) {
		snprintf(msg, n, "%s", _("Er is geen printer ingesteld: lp (CUPS) is niet geïnstalleerd."));
	} else if (e != 0) {
		snprintf(msg, n, _("Afdrukken is niet gelukt: lp kon niet starten (%s)."), strerror(e));
	} else if (r->timed_out) {
		snprintf(msg, n, _("Afdrukken is niet gelukt: lp antwoordde niet binnen %d seconden."),
			 PRINT_TIMEOUT_SECONDS);
	} else if (WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0) {
		const char *id = strstr(r->out, "request id is ");
		if (id && sscanf(id + 14, "%127s", job) != 1)
			job[0] = '\0';
		if (job[0])
			snprintf(msg, n, _("Afgedrukt op %s (opdracht %s)."), named ? printer : _("de standaardprinter"), job);
		else
			snprintf(msg, n, _("Afgedrukt op %s."), named ? printer : _("de standaardprinter"));
		rc = 0;
	} else if (line[0] && !named) {
		snprintf(msg, n, _("Afdrukken is niet gelukt: %s. Is er een standaardprinter? Of zet "
				   "printer = NAAM in het instellingenbestand."), line);
	} else if (line[0]) {
		snprintf(msg, n, _("Afdrukken op %s is niet gelukt: %s"), printer, line);
	} else {
		snprintf(msg, n, _("Afdrukken is niet gelukt: lp stopte met code %d."),
			 WIFEXITED(r->status) ? WEXITSTATUS(r->status) : 128 + WTERMSIG(r->status));
	}
	free(r);
	return rc;
}

/* --- the slip of a recorded referral: mirrors summary_slip, with the same sentences --- */

char *print_slip_text(const content *c, const store_referral *r, ik_lang lang)
{
	int i = content_activity_index(c, r->activity);
	strbuf b = {0};
	sb_printf(&b, "%s\n\n", _("Een plek voor u"));
	if (i >= 0) {
		const ik_activity *a = &c->activities[i];
		sb_printf(&b, "%s (%s)\n%s\n\n", a->name, a->organization, ik_tr(&a->description, lang));
		sb_printf(&b, _("Aanmelden: %s\n"), ik_tr(&a->application_process, lang));
		summary_contact_lines(&b, a);
		sb_appendc(&b, '\n');
	} else {
		sb_printf(&b, _("Activiteit: %s (staat niet meer in de catalogus)\n\n"), r->activity);
	}
	sb_printf(&b, _("We vragen rond %s hoe het gaat. Uw code: %s\n\n"), r->followup_date, r->case_code);
	sb_printf(&b, "%s\n", _("Hulp nodig? Bel gerust:"));
	for (int k = 0; k < c->ncrisis; k++) {
		const ik_crisis_line *l = &c->crisis[k];
		sb_printf(&b, "  %s: ", ik_tr(&l->name, lang));
		for (int p = 0; p < l->nphones; p++)
			sb_printf(&b, "%s%s", p ? _(" of ") : "", l->phones[p]);
		sb_printf(&b, " (%s)\n", ik_tr(&l->hours, lang));
	}
	return sb_take(&b);
}
