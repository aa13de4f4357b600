/* measure.c: the benchmark's measurements (see measure.h). Processes that are measured for
 * memory run as children of their own, so one catalogue size never inflates the next. */
#include "measure.h"
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "term.h"

void samples_add(samples *s, double ms)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, (size_t)s->cap * sizeof *s->v);
	}
	s->v[s->n++] = ms;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double samples_pct(const samples *s, double p)
{
	if (!s->n)
		return -1;
	double *v = xmalloc((size_t)s->n * sizeof *v);
	memcpy(v, s->v, (size_t)s->n * sizeof *v);
	qsort(v, (size_t)s->n, sizeof *v, dbl_cmp);
	int k = (int)(p / 100.0 * s->n + 0.999999) - 1; /* nearest rank */
	double r = v[k < 0 ? 0 : k >= s->n ? s->n - 1 : k];
	free(v);
	return r;
}

void samples_free(samples *s)
{
	free(s->v);
	*s = (samples){0};
}

double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int bench_load_main(const char *dir, const char *cache)
{
	diags d = {0};
	content *c = NULL;
	content_source src = {.cache = cache};
	double t0 = bench_now_ms();
	content_load_from(dir, &src, &c, &d);
	double t1 = bench_now_ms();
	printf("%.3f %d %d\n", t1 - t0, c ? c->nactivities : 0, d.n);
	for (int i = 0; i < d.n && i < 5; i++)
		fprintf(stderr, "%s:%d:%d: %s\n", d.v[i].file, d.v[i].line, d.v[i].col, d.v[i].msg);
	content_free(c);
	diags_free(&d);
	return 0;
}

int bench_load_child(const char *self_exe, const char *dir, const char *cache, load_result *r)
{
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		execl(self_exe, self_exe, "load", dir, cache, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	char buf[256];
	size_t got = 0;
	ssize_t n;
	while (got < sizeof buf - 1 && ((n = read(fd[0], buf + got, sizeof buf - 1 - got)) > 0 || (n < 0 && errno == EINTR)))
		got += n > 0 ? (size_t)n : 0;
	buf[got] = '\0';
	close(fd[0]);
	int st;
	struct rusage ru;
	if (pid < 0 || wait4(pid, &st, 0, &ru) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	r->rss_kb = ru.ru_maxrss;
	return sscanf(buf, "%lf %d %d", &r->load_ms, &r->nactivities, &r->nerrors) == 3 ? 0 : -1;
}

/* A "Vm…:" line of /proc/PID/status, in kB; -1 when it cannot be read. */
static long vm_status_kb(pid_t pid, const char *key)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	long kb = -1;
	size_t n = strlen(key);
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, key, n) == 0 && line[n] == ':') {
			kb = strtol(line + n + 1, NULL, 10);
			break;
		}
	if (f)
		fclose(f);
	return kb;
}

int bench_first_screen(const char *exe, const char *dir, const char *home, double *ms, long *hwm_kb, long *rss_kb)
{
	char *env[] = {xasprintf("INFOKAART_CONTENT=%s", dir), xasprintf("INFOKAART_DB=%s/first.db", home),
		       xasprintf("HOME=%s", home), xasprintf("XDG_DATA_HOME=%s", home),
		       xasprintf("XDG_CONFIG_HOME=%s", home), xstrdup("LC_ALL=C.UTF-8"), NULL};
	char *argv[] = {(char *)exe, NULL};
	term *t = term_spawn(argv, env, 24, 80);
	/* from the fork, as a person's terminal is there before the program starts; the wait
	 * polls the pty (poll(2)) and looks at the screen after every read, never sleeps */
	bool ok = t && term_wait_text(t, "Wat is uw rol?", 60000);
	*ms = t ? bench_now_ms() - term_spawned_at(t) : -1;
	*hwm_kb = t ? vm_status_kb(term_pid(t), "VmHWM") : -1;
	*rss_kb = t ? vm_status_kb(term_pid(t), "VmRSS") : -1;
	if (t && !ok)
		term_dump(t, stderr);
	term_free(t);
	for (int i = 0; env[i]; i++)
		free(env[i]);
	return ok ? 0 : -1;
}

/* What an operator types while a caller talks: words as people say them, mostly without
 * accents, some with; a typo and its correction ('\b' is Backspace); '\n' closes the search
 * field (not timed) and starts the next query. */
static const char session_script[] =
	"koffie\n" "buurtkamer overvecht\n" "taalcafe\n" "wandelgorep\b\b\b\broep zeist\n" "ideeën\n"
	"één keer per week\n" "rouw\n" "mantelzorg\n" "cafe zonnebloem\n" "ijmuiden\n" "fryslan\n"
	"huisbezoek 65plus\n" "xylofoon\n" "samen eten leidsche rijn\n";

void bench_session_make(typing_session *ts)
{
	*ts = (typing_session){0};
	strbuf field = {0};
	sb_append(&field, "");
	int cap = 0;
	for (const char *p = session_script; *p;) {
		if (*p == '\n') {
			field.len = 0;
			field.s[0] = '\0';
			p++;
			continue;
		}
		if (*p == '\b') {
			while (field.len && (field.s[field.len - 1] & 0xC0) == 0x80)
				field.len--;
			field.len -= field.len > 0;
			field.s[field.len] = '\0';
			p++;
		} else {
			size_t k = 1;
			while ((p[k] & 0xC0) == 0x80)
				k++; /* one keystroke types one whole character */
			sb_appendn(&field, p, k);
			p += k;
		}
		if (ts->n == cap) {
			cap = cap ? cap * 2 : 64;
			ts->queries = xrealloc(ts->queries, (size_t)cap * sizeof *ts->queries);
		}
		ts->queries[ts->n++] = xstrdup(field.s);
	}
	sb_free(&field);
}

void bench_session_free(typing_session *ts)
{
	for (int i = 0; i < ts->n; i++)
		free(ts->queries[i]);
	free(ts->queries);
	*ts = (typing_session){0};
}
