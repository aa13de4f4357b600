/* walk_pipe.c: infokaart on pipes (see walk.h): a walk turned into the lines --plain reads, and
 * a runner that writes the input and reads standard output and error together (so neither
 * side blocks), with a deadline after which the program is killed and the test fails. */
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
#include <unistd.h>

extern char **environ;

/* A growing NUL-terminated string. */
typedef struct {
	char *s;
	size_t len, cap;
} sbuf;

static void sb_add(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_add(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *piece = NULL;
	int n = vasprintf(&piece, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	memcpy(b->s + b->len, piece, (size_t)n + 1);
	b->len += (size_t)n;
	free(piece);
}

char *walk_plain_input(const walk_spec *s)
{
	sbuf b = {0};
	sb_add(&b, "%s", "");
	const char *phase = NULL;
	cJSON *q;
	cJSON_ArrayForEach (q, walk_questions_json()) {
		const char *qid = walk_json_str(q, "id");
		const char *qphase = walk_json_str(q, "phase");
		for (int g = walk_guides_between(phase, qphase); g > 0; g--)
			sb_add(&b, "\n"); /* the guide: Enter = verder */
		phase = qphase;
		const char *value = walk_spec_value(s, qid);
		const char *type = walk_json_str(q, "type");
		if (!walk_question_asked(s, q))
			continue; /* not asked */
		if (!value) {
			sb_add(&b, "\n"); /* optional: an empty line skips it */
			continue;
		}
		if (strcmp(type, "single") == 0 || strcmp(type, "multi") == 0) {
			char word[64];
			bool first = true;
			for (const char *p = value; *p; first = false) {
				size_t n = strcspn(p, " ");
				snprintf(word, sizeof word, "%.*s", (int)n, p);
				p += n + (p[n] == ' ');
				sb_add(&b, "%s%d", first ? "" : " ",
				       walk_option_index(qid, word) + 1);
			}
			sb_add(&b, "\n");
		} else {
			sb_add(&b, "%s\n", value);
		}
	}
	sb_add(&b, "\n");                           /* profile: agree with the proposal */
	sb_add(&b, "%d\n", s->suggestion + 1);      /* the activity */
	sb_add(&b, "%s\n", s->consent ? "1" : "2"); /* consent */
	if (!s->consent)
		return b.s; /* without consent the walk ends there: nothing more is asked */
	sb_add(&b, "%s\n", strcmp(s->how, "mondeling") == 0 ? "1" : "2");
	sb_add(&b, "%s\n", strcmp(s->followup, WALK_DEFAULT_FOLLOWUP) == 0 ? "" : s->followup);
	sb_add(&b, "%s\n", s->note ? s->note : "");
	return b.s;
}

/* The child's environment: ours without the names extra sets, then extra. Caller frees the
 * array (not the strings). */
static char **child_env(char *const extra[])
{
	size_t n = 0, k = 0;
	while (environ[n])
		n++;
	size_t ne = 0;
	while (extra[ne])
		ne++;
	char **envp = calloc(n + ne + 1, sizeof *envp);
	assert_non_null(envp);
	for (size_t i = 0; i < n; i++) {
		bool replaced = false;
		for (size_t e = 0; e < ne && !replaced; e++) {
			size_t nl = strcspn(extra[e], "=");
			replaced = strncmp(environ[i], extra[e], nl + 1) == 0;
		}
		if (!replaced)
			envp[k++] = environ[i];
	}
	for (size_t e = 0; e < ne; e++)
		envp[k++] = extra[e];
	return envp;
}

static void append_fd(int fd, sbuf *b, bool *open)
{
	char chunk[16384];
	ssize_t n = read(fd, chunk, sizeof chunk);
	if (n > 0)
		sb_add(b, "%.*s", (int)n, chunk);
	else if (n == 0 || (errno != EAGAIN && errno != EINTR))
		*open = false;
}

pid_t walk_spawn_piped(walk_ctx *w, const char *const args[], int fds[3])
{
	int in_p[2], out_p[2], err_p[2];
	assert_int_equal(pipe2(in_p, O_CLOEXEC), 0);
	assert_int_equal(pipe2(out_p, O_CLOEXEC), 0);
	assert_int_equal(pipe2(err_p, O_CLOEXEC), 0);
	char *argv[WALK_MAX_ARGS];
	walk_argv(args, argv);
	char **envp = child_env(w->env);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL); /* ignored signals would survive exec */
		dup2(in_p[0], 0);
		dup2(out_p[1], 1);
		dup2(err_p[1], 2);
		execve(walk_program, argv, envp);
		_exit(127);
	}
	free(envp);
	close(in_p[0]);
	close(out_p[1]);
	close(err_p[1]);
	fds[0] = in_p[1];
	fds[1] = out_p[0];
	fds[2] = err_p[0];
	for (int i = 0; i < 3; i++)
		fcntl(fds[i], F_SETFL, O_NONBLOCK);
	return pid;
}

/* Writes input to fds[0] (closing it when done) while reading fds[1] and fds[2] into out and
 * err, until both are closed or the deadline. Closes every fd; returns whether output ended. */
static bool pump(int fds[3], const char *input, sbuf *out, sbuf *err, long long deadline)
{
	size_t left = strlen(input);
	bool open[3] = {left > 0, true, true};
	if (!open[0])
		close(fds[0]);
	while (open[1] || open[2]) {
		struct pollfd p[3] = {
			{.fd = open[0] ? fds[0] : -1, .events = POLLOUT},
			{.fd = open[1] ? fds[1] : -1, .events = POLLIN},
			{.fd = open[2] ? fds[2] : -1, .events = POLLIN},
		};
		long long wait = deadline - walk_now_ms();
		if (wait <= 0 || (poll(p, 3, (int)wait) < 0 && errno != EINTR))
			break;
		if (p[1].revents)
			append_fd(fds[1], out, &open[1]);
		if (p[2].revents)
			append_fd(fds[2], err, &open[2]);
		if (open[0] && p[0].revents) {
			ssize_t n = write(fds[0], input, left);
			if (n > 0) {
				input += n;
				left -= (size_t)n;
			}
			if (left == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
				close(fds[0]); /* all written, or the program stopped reading */
				open[0] = false;
			}
		}
	}
	bool ended = !open[1] && !open[2];
	for (int i = 0; i < 3; i++)
		if (open[i] || i > 0)
			close(fds[i]);
	return ended;
}

int walk_run_piped(walk_ctx *w, const char *const args[], const char *input, char **out, char **err)
{
	int fds[3];
	pid_t pid = walk_spawn_piped(w, args, fds);
	sbuf ob = {0}, eb = {0};
	sb_add(&ob, "%s", "");
	sb_add(&eb, "%s", "");
	bool ended = pump(fds, input, &ob, &eb, walk_now_ms() + 4 * WALK_WAIT_MS);
	if (!ended)
		kill(pid, SIGKILL);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	*out = ob.s;
	*err = eb.s;
	if (!ended) {
		print_error("stdout so far:\n%s\nstderr so far:\n%s\n", ob.s, eb.s);
		fail_msg("%s did not end within %d ms", walk_program, 4 * WALK_WAIT_MS);
	}
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

int walk_run_plain(walk_ctx *w, const char *input, char **out)
{
	static const char *const plain_args[] = {"--plain", NULL};
	char *err;
	int status = walk_run_piped(w, plain_args, input, out, &err);
	if (*err) {
		print_error("standard error:\n%s\n", err);
		free(err);
		fail_msg("--plain wrote to standard error");
	}
	free(err);
	return status;
}
