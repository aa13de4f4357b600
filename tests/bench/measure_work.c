/* measure_work.c: the in-process measurements (see measure.h): search per keystroke, fzf over
 * the same text, profile + ranking, durable records. Each calls the program's own functions
 * (search_catalogue, profile_infer, rank_suggest, store_referral_insert). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "flow.h"
#include "gen.h"
#include "measure.h"
#include "profile.h"
#include "rank.h"
#include "search.h"
#include "store.h"
#include "text.h"

void bench_search(const content *c, const typing_session *ts, int reps, samples *shown, samples *all)
{
	int *out = xmalloc((size_t)(c->nactivities + 1) * sizeof *out);
	for (int r = 0; r < reps; r++) {
		for (int i = 0; i < ts->n; i++) {
			double t0 = bench_now_ms();
			search_catalogue(c, ts->queries[i], out, SEARCH_SHOWN_MAX);
			double t1 = bench_now_ms();
			search_catalogue(c, ts->queries[i], out, c->nactivities);
			double t2 = bench_now_ms();
			samples_add(shown, t1 - t0);
			samples_add(all, t2 - t1);
		}
	}
	free(out);
}

enum { FZF_BUDGET_MS = 20000 };

/* Runs fzf with the lines file on stdin and its output thrown away; -1 when it cannot run. */
static double run_fzf(const char *fzf, const char *lines, const char *query, bool exact)
{
	double t0 = bench_now_ms();
	pid_t pid = fork();
	if (pid == 0) {
		int in = open(lines, O_RDONLY), out = open("/dev/null", O_WRONLY);
		if (in < 0 || out < 0)
			_exit(127);
		dup2(in, STDIN_FILENO);
		dup2(out, STDOUT_FILENO);
		if (exact)
			execl(fzf, fzf, "--exact", "--filter", query, (char *)NULL);
		else
			execl(fzf, fzf, "--filter", query, (char *)NULL);
		_exit(127);
	}
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) > 1)
		return -1; /* fzf exits 1 when nothing matches */
	return bench_now_ms() - t0;
}

static const char *find_fzf(void)
{
	static const char *const where[] = {"/usr/bin/fzf", "/usr/local/bin/fzf", "/bin/fzf"};
	for (size_t i = 0; i < ARRAY_LEN(where); i++)
		if (access(where[i], X_OK) == 0)
			return where[i];
	return NULL;
}

bool bench_fzf(const content *c, const typing_session *ts, const char *tmp, samples *fuzzy, samples *exact)
{
	const char *fzf = find_fzf();
	if (!fzf)
		return false;
	char *lines = xasprintf("%s/search_text.txt", tmp);
	FILE *f = fopen(lines, "wb");
	if (!f) {
		free(lines);
		return false;
	}
	for (int i = 0; i < c->nactivities; i++)
		fprintf(f, "%s\n", search_text(c, i));
	fclose(f);
	/* fzf takes seconds a key on a big catalogue: time every stride-th keystroke, so that the
	 * whole session stays within about FZF_BUDGET_MS per mode */
	bool ok = true;
	int stride = 1;
	double start = bench_now_ms();
	for (int i = 0; i < ts->n && ok && bench_now_ms() - start < 4 * FZF_BUDGET_MS; i += stride) {
		char *q = text_fold(ts->queries[i]); /* the text is folded, so the query is too */
		double a = run_fzf(fzf, lines, q, false), b = run_fzf(fzf, lines, q, true);
		ok = a >= 0 && b >= 0;
		samples_add(fuzzy, a);
		samples_add(exact, b);
		free(q);
		if (i == 0 && a * ts->n > FZF_BUDGET_MS)
			stride = (int)(a * ts->n / FZF_BUDGET_MS) + 1;
	}
	unlink(lines);
	free(lines);
	return ok;
}

/* A full answer set: every question answered, choices drawn from s. */
static void persona(const content *c, answers *as, uint64_t *s)
{
	answers_clear(as);
	for (int q = 0; q < c->nquestions; q++) {
		const ik_question *qq = &c->questions[q];
		switch (qq->type) {
		case Q_SINGLE: answers_set_single(as, q, bench_rand_below(s, qq->nopts)); break;
		case Q_MULTI:
			for (int k = 1 + bench_rand_below(s, 3); k > 0; k--)
				answers_toggle(as, q, bench_rand_below(s, qq->nopts));
			break;
		case Q_SCALE:
		case Q_NUMBER: answers_set_value(as, q, qq->min + bench_rand_below(s, qq->max - qq->min + 1)); break;
		case Q_TEXT: answers_set_text(as, q, "graag iets in de buurt, liefst overdag"); break;
		}
	}
}

void bench_rank(const content *c, int npersonas, int reps, int today, samples *out)
{
	answers *as = answers_new(c);
	uint64_t s = 42;
	suggestion sugg[FLOW_MAX_SUGGEST];
	for (int p = 0; p < npersonas; p++) {
		persona(c, as, &s);
		for (int r = 0; r < reps; r++) {
			double t0 = bench_now_ms();
			profile_result pr;
			profile_infer(c, as, &pr);
			int prof = pr.state == PROFILE_UNKNOWN || pr.ncandidates == 0 ? -1 : pr.candidates[0];
			rank_suggest(c, as, prof, today, sugg, FLOW_MAX_SUGGEST);
			samples_add(out, bench_now_ms() - t0);
		}
	}
	answers_free(as);
}

static int fsync_probe(const char *tmp, int n, samples *out)
{
	char *path = xasprintf("%s/fsync.bin", tmp);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	char block[4096];
	memset(block, 'x', sizeof block);
	for (int i = 0; fd >= 0 && i < n; i++) {
		double t0 = bench_now_ms();
		if (pwrite(fd, block, sizeof block, (off_t)(i % 16) * (off_t)sizeof block) != (ssize_t)sizeof block ||
		    fdatasync(fd) != 0)
			break;
		samples_add(out, bench_now_ms() - t0);
	}
	if (fd >= 0)
		close(fd);
	unlink(path);
	free(path);
	return fd >= 0 ? 0 : -1;
}

int bench_record(const content *c, const char *tmp, int n, samples *insert, samples *fsync_ms)
{
	char *path = xasprintf("%s/record.db", tmp);
	store *st = NULL;
	store_err err;
	int rc = store_open(path, &st, &err);
	if (rc != 0)
		fprintf(stderr, "bench: store_open: %s\n", err.msg);
	const ik_question *wq = &c->questions[c->facet_q[FACET_WIJK]];
	for (int i = 0; rc == 0 && i < n; i++) {
		store_referral r = {.created_at = 1795000000 + i, .consent = true};
		store_new_case_code(r.case_code);
		snprintf(r.role, sizeof r.role, "huisarts");
		snprintf(r.profile, sizeof r.profile, "%s", c->profiles[i % c->nprofiles].id);
		snprintf(r.activity, sizeof r.activity, "%s", c->activities[i % c->nactivities].id);
		snprintf(r.wijk, sizeof r.wijk, "%s", wq->opts[i % wq->nopts].id);
		snprintf(r.loneliness, sizeof r.loneliness, "sociaal,emotioneel");
		snprintf(r.consent_how, sizeof r.consent_how, "mondeling");
		snprintf(r.followup_date, sizeof r.followup_date, "2026-12-07");
		r.note = i % 4 == 0 ? "Wil graag samen met een buurvrouw gaan." : NULL;
		double t0 = bench_now_ms();
		rc = store_referral_insert(st, &r, &err);
		samples_add(insert, bench_now_ms() - t0);
		if (rc != 0)
			fprintf(stderr, "bench: store_referral_insert: %s\n", err.msg);
	}
	store_close(st);
	static const char *const tails[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < ARRAY_LEN(tails); i++) {
		char *p = xasprintf("%s%s", path, tails[i]);
		unlink(p);
		free(p);
	}
	free(path);
	return rc == 0 && fsync_probe(tmp, n, fsync_ms) == 0 ? 0 : -1;
}
