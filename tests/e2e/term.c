/* term.c: the e2e terminal (see term.h): a pty from forkpty(3) with a non-blocking master, and
 * a libvterm 0.1.4 screen. One service step reads what the child wrote into libvterm and writes
 * what we owe the child: keys, and libvterm's replies to queries (DA, cursor position), which
 * arrive through its output callback. Every wait loops over service and poll(2) until a
 * CLOCK_MONOTONIC deadline. Knows nothing of infokaart and does not use curses. */
#include "term_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

extern char **environ;

enum {
	READ_CHUNK = 4096,         /* bytes per read(2) (one pty buffer page) */
	READ_SLICE_MS = 20,        /* reading this long, a wait looks at the screen and the clock */
	SEND_TIMEOUT_MS = 2000,    /* how long term_send waits for the pty to take its bytes */
	EXIT_TICK_MS = 10,         /* waitpid interval when no pidfd can tell us of the exit */
	DRAIN_QUIET_MS = 50,       /* after the exit, stop draining when the pty is quiet this long */
	DRAIN_MAX_MS = 2000,       /* and in any case after this long */
	IDLE_MAX_MS = 2000,        /* how long a resize waits for the child to sleep */
	IDLE_TICK_MS = 1,          /* how often it looks */
};

void *term_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("term: out of memory\n", stderr);
		abort();
	}
	return p;
}

void term_buf_append(buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = term_xrealloc(b->s, cap);
		b->cap = cap;
	}
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

long long term_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left until deadline, clamped to 0..INT_MAX for poll(2). */
int term_ms_left(long long deadline)
{
	long long left = deadline - term_now_ms();
	return left < 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left;
}

/* libvterm's output callback: replies to the child's queries, and the keys we "type". */
static void on_vterm_output(const char *s, size_t len, void *user)
{
	term *t = user;
	term_buf_append(&t->out, s, len);
}

/* ---- the child ---- */

/* Whether two "NAME=value" (or "NAME=") strings name the same variable. */
static bool same_name(const char *a, const char *b)
{
	size_t na = strcspn(a, "="), nb = strcspn(b, "=");
	return na == nb && memcmp(a, b, na) == 0;
}

static bool names_in(char *const list[], const char *entry)
{
	for (size_t i = 0; list && list[i]; i++)
		if (same_name(list[i], entry))
			return true;
	return false;
}

/* The child's environment: ours without TERM, LINES, COLUMNS and whatever extra sets, then
 * TERM=xterm-256color unless extra sets TERM, then extra. The strings are borrowed. */
static char **child_env(char *const extra[])
{
	static char term_default[] = "TERM=xterm-256color";
	static char *const dropped[] = {"TERM=", "LINES=", "COLUMNS=", NULL};
	size_t n = 0, k = 0;
	for (size_t i = 0; environ && environ[i]; i++)
		n++;
	for (size_t i = 0; extra && extra[i]; i++)
		n++;
	char **envp = term_xrealloc(NULL, (n + 2) * sizeof *envp);
	for (size_t i = 0; environ && environ[i]; i++)
		if (!names_in(dropped, environ[i]) && !names_in(extra, environ[i]))
			envp[k++] = environ[i];
	if (!names_in(extra, term_default))
		envp[k++] = term_default;
	for (size_t i = 0; extra && extra[i]; i++)
		envp[k++] = extra[i];
	envp[k] = NULL;
	return envp;
}

/* In the forked child (async-signal-safe calls only): a clean signal state, a UTF-8 tty as
 * xterm sets it up, then exec. On failure the message appears on the test's screen. */
static _Noreturn void child_exec(char *const argv[], char **envp)
{
	struct sigaction dfl = {.sa_handler = SIG_DFL};
	sigemptyset(&dfl.sa_mask);
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &dfl, NULL); /* ignored signals would survive exec */
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag |= IUTF8;
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
	}
	execve(argv[0], argv, envp);
	static const char msg[] = "term: exec failed: ";
	ssize_t ignored = write(STDERR_FILENO, msg, sizeof msg - 1);
	ignored = write(STDERR_FILENO, argv[0], strlen(argv[0]));
	ignored = write(STDERR_FILENO, "\r\n", 2);
	(void)ignored;
	_exit(127);
}

term *term_spawn(char *const argv[], char *const extra_env[], int rows, int cols)
{
	if (!argv || !argv[0] || rows < 1 || cols < 1 || rows > USHRT_MAX || cols > USHRT_MAX) {
		fputs("term_spawn: no program, or a bad size\n", stderr);
		return NULL;
	}
	if (access(argv[0], X_OK) != 0) {
		fprintf(stderr, "term_spawn: cannot run %s: %s\n", argv[0], strerror(errno));
		return NULL;
	}
	term *t = term_xrealloc(NULL, sizeof *t);
	*t = (term){.master = -1, .pidfd = -1, .rows = rows, .cols = cols};
	t->vt = vterm_new(rows, cols);
	if (!t->vt) {
		fputs("term_spawn: vterm_new failed\n", stderr);
		free(t);
		return NULL;
	}
	vterm_set_utf8(t->vt, 1); /* 0.1.4 starts in a non-UTF-8 mode */
	vterm_output_set_callback(t->vt, on_vterm_output, t);
	t->screen = vterm_obtain_screen(t->vt);
	vterm_screen_enable_altscreen(t->screen, 1);
	vterm_screen_reset(t->screen, 1);

	char **envp = child_env(extra_env);
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	t->spawned_at = (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
	t->pid = forkpty(&t->master, NULL, NULL, &ws);
	if (t->pid == 0)
		child_exec(argv, envp);
	free(envp);
	if (t->pid < 0) {
		fprintf(stderr, "term_spawn: forkpty: %s\n", strerror(errno));
		vterm_free(t->vt);
		free(t);
		return NULL;
	}
	fcntl(t->master, F_SETFL, fcntl(t->master, F_GETFL) | O_NONBLOCK);
	fcntl(t->master, F_SETFD, FD_CLOEXEC); /* later children must not hold this pty open */
	t->pidfd = pidfd_open(t->pid, 0);      /* works on a zombie too; CLOEXEC by default */
	return t;
}

double term_spawned_at(const term *t)
{
	return t->spawned_at;
}

/* ---- moving bytes ---- */

/* Reads what the child wrote into the screen, without waiting, for at most about
 * READ_SLICE_MS: a child that never stops writing must not hold a wait past its deadline. */
static size_t read_available(term *t)
{
	char chunk[READ_CHUNK];
	size_t total = 0;
	long long stop = term_now_ms() + READ_SLICE_MS;
	while (!t->eof) {
		ssize_t n = read(t->master, chunk, sizeof chunk);
		if (n > 0) {
			vterm_input_write(t->vt, chunk, (size_t)n);
			if (t->raw_on)
				term_buf_append(&t->raw, chunk, (size_t)n); /* term_raw.h */
			total += (size_t)n;
			if (term_now_ms() >= stop)
				break;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			break;
		} else {
			t->eof = true; /* EIO (Linux) or 0: every slave fd is closed */
		}
	}
	return total;
}

/* Writes what we owe the child, as far as the pty takes it now. */
static void write_pending(term *t)
{
	size_t done = 0;
	while (done < t->out.len) {
		ssize_t n = write(t->master, t->out.s + done, t->out.len - done);
		if (n > 0)
			done += (size_t)n;
		else if (n < 0 && errno == EINTR)
			continue;
		else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		else
			done = t->out.len; /* EIO: nobody is left to read these bytes */
	}
	if (done == 0)
		return;
	memmove(t->out.s, t->out.s + done, t->out.len - done);
	t->out.len -= done;
	t->out.s[t->out.len] = '\0';
}

/* Reading first: output may make libvterm queue replies, which then go out at once. */
size_t term_service(term *t)
{
	size_t got = read_available(t);
	write_pending(t);
	return got;
}

int term_await_io(term *t, int timeout_ms, bool want_exit)
{
	struct pollfd p[2];
	nfds_t n = 0;
	if (!t->eof)
		p[n++] = (struct pollfd){.fd = t->master,
		                         .events = (short)(POLLIN | (t->out.len ? POLLOUT : 0))};
	if (want_exit && t->pidfd >= 0 && !t->reaped)
		p[n++] = (struct pollfd){.fd = t->pidfd, .events = POLLIN};
	int r = poll(p, n, timeout_ms);
	return r < 0 ? 0 : r; /* EINTR: the caller looks again */
}

/* Sends queued bytes, reading output meanwhile, for up to SEND_TIMEOUT_MS. */
static void flush_pending(term *t)
{
	long long deadline = term_now_ms() + SEND_TIMEOUT_MS;
	for (;;) {
		term_service(t);
		if (t->out.len == 0 || t->eof)
			return;
		int left = term_ms_left(deadline);
		if (left == 0) {
			fprintf(stderr, "term: the child has not taken %zu bytes yet; sending them later\n",
			        t->out.len);
			return;
		}
		term_await_io(t, left, false);
	}
}

void term_send(term *t, const char *bytes)
{
	term_buf_append(&t->out, bytes, strlen(bytes));
	flush_pending(t);
}

/* Keys libvterm encodes itself, so that cursor keys follow the child's DECCKM mode. */
static const struct {
	const char *name;
	VTermKey key;
	VTermModifier mod;
} vterm_keys[] = {
	{"Up", VTERM_KEY_UP, VTERM_MOD_NONE},
	{"Down", VTERM_KEY_DOWN, VTERM_MOD_NONE},
	{"Left", VTERM_KEY_LEFT, VTERM_MOD_NONE},
	{"Right", VTERM_KEY_RIGHT, VTERM_MOD_NONE},
	{"Enter", VTERM_KEY_ENTER, VTERM_MOD_NONE},
	{"Esc", VTERM_KEY_ESCAPE, VTERM_MOD_NONE},
	{"Backspace", VTERM_KEY_BACKSPACE, VTERM_MOD_NONE},
	{"Tab", VTERM_KEY_TAB, VTERM_MOD_NONE},
	{"S-Tab", VTERM_KEY_TAB, VTERM_MOD_SHIFT},
	{"Home", VTERM_KEY_HOME, VTERM_MOD_NONE},
	{"End", VTERM_KEY_END, VTERM_MOD_NONE},
	{"PgUp", VTERM_KEY_PAGEUP, VTERM_MOD_NONE},
	{"PgDn", VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE},
	{"Insert", VTERM_KEY_INS, VTERM_MOD_NONE},
	{"Delete", VTERM_KEY_DEL, VTERM_MOD_NONE},
};

void term_key(term *t, const char *name)
{
	for (size_t i = 0; i < sizeof vterm_keys / sizeof vterm_keys[0]; i++) {
		if (strcmp(name, vterm_keys[i].name) == 0) {
			vterm_keyboard_key(t->vt, vterm_keys[i].key, vterm_keys[i].mod);
			flush_pending(t);
			return;
		}
	}
	char c[2] = {0, 0};
	int f = 0;
	char tail = 0;
	if (strcmp(name, "Space") == 0) {
		c[0] = ' ';
	} else if (sscanf(name, "F%d%c", &f, &tail) == 1 && f >= 1 && f <= 12) {
		vterm_keyboard_key(t->vt, VTERM_KEY_FUNCTION(f), VTERM_MOD_NONE);
		flush_pending(t);
		return;
	} else if (strncmp(name, "C-", 2) == 0 && name[2] && !name[3] &&
	           ((name[2] >= 'a' && name[2] <= 'z') || strchr("@[\\]^_", name[2]))) {
		/* What xterm sends for Ctrl+key: the character with bits 5 and 6 cleared.
		 * (libvterm would use its CSI u form for C-i, C-m, C-j and C-[.) */
		c[0] = (char)(name[2] & 0x1F);
	}
	if (!c[0] && strcmp(name, "C-@") != 0) {
		fprintf(stderr, "term_key: unknown key name \"%s\"\n", name);
		abort();
	}
	term_buf_append(&t->out, c, 1); /* C-@ is a NUL byte, hence the explicit length */
	flush_pending(t);
}

/* Whether the pty's foreground process (the child, unless it started a job) is asleep in the
 * kernel rather than running: after its output is read, that is waiting for input. True when
 * /proc cannot tell. */
static bool foreground_asleep(term *t)
{
	pid_t pgrp = tcgetpgrp(t->master);
	char path[64], stat[512];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)(pgrp > 0 ? pgrp : t->pid));
	FILE *f = fopen(path, "r");
	if (!f)
		return true;
	size_t n = fread(stat, 1, sizeof stat - 1, f);
	fclose(f);
	stat[n] = '\0';
	const char *p = strrchr(stat, ')'); /* "pid (comm) S ...": comm may hold ')' and spaces */
	return !p || p[1] != ' ' || p[2] != 'R';
}

/* Reads output until the child sleeps, for up to IDLE_MAX_MS (a busy child is let be).
 * ncurses checks its SIGWINCH flag and only then blocks in read(2): a signal between the two
 * is noticed only at the next key. A person resizes an idle program; so do we. */
static void wait_child_idle(term *t)
{
	long long deadline = term_now_ms() + IDLE_MAX_MS;
	for (;;) {
		term_service(t);
		if (t->eof || foreground_asleep(t))
			return;
		int left = term_ms_left(deadline);
		if (left == 0)
			return;
		term_await_io(t, left < IDLE_TICK_MS ? left : IDLE_TICK_MS, false);
	}
}

void term_resize(term *t, int rows, int cols)
{
	if (rows < 1 || cols < 1 || rows > USHRT_MAX || cols > USHRT_MAX)
		return;
	wait_child_idle(t); /* also: what was drawn for the old size lands on the old size */
	t->rows = rows;
	t->cols = cols;
	vterm_set_size(t->vt, rows, cols);
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	if (ioctl(t->master, TIOCSWINSZ, &ws) != 0)
		fprintf(stderr, "term_resize: TIOCSWINSZ: %s\n", strerror(errno));
}

/* ---- the child's end ---- */

/* Collects the child if it has ended. Returns whether it is reaped. */
static bool try_reap(term *t)
{
	if (t->reaped)
		return true;
	int st;
	pid_t r;
	do
		r = waitpid(t->pid, &st, WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		return false;
	t->reaped = true;
	if (r < 0) {
		fprintf(stderr, "term: waitpid(%d): %s\n", (int)t->pid, strerror(errno));
		t->status = -1;
	} else {
		t->status = WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
	}
	if (t->pidfd >= 0) {
		close(t->pidfd);
		t->pidfd = -1;
	}
	return true;
}

/* After the exit: read what is still in the pty, until it closes or stays quiet (a process
 * the child left behind may hold it open). */
static void drain(term *t)
{
	long long deadline = term_now_ms() + DRAIN_MAX_MS;
	while (!t->eof && term_ms_left(deadline) > 0) {
		if (term_service(t) > 0 || t->eof)
			continue;
		if (term_await_io(t, DRAIN_QUIET_MS, false) == 0)
			return;
	}
}

int term_wait_exit(term *t, int timeout_ms)
{
	long long deadline = term_now_ms() + timeout_ms;
	for (;;) {
		term_service(t);
		if (try_reap(t)) {
			if (!t->drained)
				drain(t);
			t->drained = true;
			return t->status;
		}
		int left = term_ms_left(deadline);
		if (left == 0)
			return -1;
		term_await_io(t, t->pidfd >= 0 ? left : (left < EXIT_TICK_MS ? left : EXIT_TICK_MS), true);
	}
}

void term_kill(term *t, int sig)
{
	if (!t->reaped)
		kill(t->pid, sig); /* an unreaped zombie keeps its pid, so this cannot hit a stranger */
}

pid_t term_pid(term *t)
{
	return t->pid;
}

void term_free(term *t)
{
	if (!t)
		return;
	if (!try_reap(t)) {
		kill(-t->pid, SIGKILL); /* the child's process group: what it started in the foreground */
		kill(t->pid, SIGKILL);
		while (waitpid(t->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (t->pidfd >= 0)
		close(t->pidfd);
	close(t->master);
	vterm_free(t->vt);
	free(t->out.s);
	free(t->raw.s);
	free(t);
}
