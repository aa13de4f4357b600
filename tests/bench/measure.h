/* measure.h: the benchmark's measurements, each on its own: loading in a child process
 * (time and peak RSS), exec to first painted screen through a pseudo-terminal, the typing
 * session over the search, fzf over the same text, profile + ranking, durable records.
 * They report; nothing here asserts a target. */
#ifndef INFOKAART_BENCH_MEASURE_H
#define INFOKAART_BENCH_MEASURE_H

#include <stdbool.h>

#include "content.h"

/* A growable list of timings (milliseconds) with percentiles. */
typedef struct {
	double *v;
	int n, cap;
} samples;
void samples_add(samples *s, double ms);
double samples_pct(const samples *s, double p); /* p in 0..100, nearest rank; -1 when empty */
void samples_free(samples *s);

double bench_now_ms(void); /* CLOCK_MONOTONIC */

/* One load of content folder dir in a fresh child process (self_exe run as
 * "self_exe load dir [cache]"), with the catalogue cache file `cache` (NULL: none). Fills the
 * load time measured inside the child, its peak RSS (kB), the number of activities and of
 * problems found. Returns 0, or -1 when the child failed. */
typedef struct {
	double load_ms;
	long rss_kb;
	int nactivities, nerrors;
} load_result;
int bench_load_child(const char *self_exe, const char *dir, const char *cache, load_result *r);
/* The child's side: loads dir, prints "load_ms nactivities nerrors" on stdout and the first
 * problems on stderr. Returns the exit status. */
int bench_load_main(const char *dir, const char *cache);

/* Execs the infokaart binary on content folder dir under an 80x24 pseudo-terminal and waits
 * for the first screen's text. Fills the time from before fork to the text on screen, and the
 * program's peak RSS so far (VmHWM, kB) and RSS (VmRSS) at that moment. home is a scratch
 * folder for its database (and the catalogue cache beside it), HOME and config. Returns 0, or
 * -1 when the screen did not appear within 60 s. */
int bench_first_screen(const char *exe, const char *dir, const char *home, double *ms, long *hwm_kb, long *rss_kb);

/* measure_cmd.c: a program run to its end, from fork to exit, with stdin, stdout and stderr
 * on /dev/null and extra_env ("NAME=value", NULL-terminated) over the environment. */
typedef struct {
	double ms;
	long rss_kb; /* its peak RSS */
	int status;  /* exit status, 128 + signal */
} run_result;
int bench_run(char *const argv[], char *const extra_env[], run_result *r); /* 0, or -1: no exec */
/* The yardsticks: `cat` of the five content files of dir; cJSON_ParseWithLength of each of
 * them in a child ("self_exe cjson dir", whose side is bench_cjson_main). 0, or -1. */
int bench_cat(const char *dir, run_result *r);
int bench_cjson(const char *self_exe, const char *dir, run_result *r);
int bench_cjson_main(const char *dir);
/* "exe args…" with content dir and database db (its folder holds the catalogue cache) and
 * no settings file. 0 when it ran (its exit status is in r), -1 when it could not. */
int bench_command(const char *exe, const char *dir, const char *db, char *const args[], run_result *r);

/* What bench_commands measures, each round in this order. Cold: a fresh database folder, as
 * at the first start after the catalogue changed; warm: the folder an earlier start used. */
typedef enum {
	CMD_CAT, CMD_CJSON, CMD_CHECK, CMD_SUGGEST_COLD, CMD_SUGGEST_WARM, CMD_VERSION, CMD_SCREEN_COLD,
	CMD_SCREEN_WARM, CMD_SUGGEST_FOREIGN, CMD_QUESTIONS, CMD_EXPORT_HSDS, CMD_IMPORT_HSDS, CMD_N
} cmd_kind;
extern const char *const bench_cmd_names[CMD_N];
typedef struct {
	samples ms;  /* per run */
	long rss_kb; /* the highest peak RSS of the runs */
} cmd_stat;
/* `runs` rounds of: cat, cJSON, `check dir`, `suggest --answers answers` cold and warm,
 * --version, the first screen cold and warm; then, warm, the commands that read all of the
 * catalogue or rank it otherwise: suggest for a person who speaks no Dutch (`foreign`: the
 * languages of every activity compared), `questions --json`, `export-hsds` (every string,
 * over 1 GB of output at 100,000 activities, to /dev/null), and `import-hsds` of that export
 * (written to a file in tmp once, not measured; the catalogue to /dev/null). tmp is a scratch
 * folder. 0, or -1 when one could not run or failed. */
int bench_commands(const char *exe, const char *self, const char *dir, const char *tmp, const char *answers,
		   const char *foreign, int runs, cmd_stat out[CMD_N]);
void bench_remove_tree(const char *dir); /* bench.c: a scratch folder and all in it */

/* The scripted typing session: what an operator types, keystroke by keystroke. */
typedef struct {
	char **queries; /* the search field after each keystroke (malloc'd) */
	int n;
} typing_session;
void bench_session_make(typing_session *ts);
void bench_session_free(typing_session *ts);

/* Runs the session `reps` times over c: per keystroke one search as the search window does
 * (at most SEARCH_SHOWN_MAX results: shown) and one counting every match (all). */
void bench_search(const content *c, const typing_session *ts, int reps, samples *shown, samples *all);

/* Times `fzf --filter` (fuzzy) and `fzf --exact --filter` per keystroke of the session over
 * the catalogue's folded search texts, written to tmp. False when fzf is not installed. */
bool bench_fzf(const content *c, const typing_session *ts, const char *tmp, samples *fuzzy, samples *exact);

/* Profile inference + ranking for npersonas full answer sets (every question answered). */
void bench_rank(const content *c, int npersonas, int reps, int today, samples *out);

/* n durable inserts with store_referral_insert into a new database in tmp; and, for
 * comparison, n plain write + fdatasync pairs on a file there. Returns 0 or -1. */
int bench_record(const content *c, const char *tmp, int n, samples *insert, samples *fsync_ms);

#endif
