/* measure_cmd.c: the program as a user runs it (check, suggest, --version: a process from
 * fork to exit), next to two yardsticks measured in the same round: `cat` of the same content
 * files (the floor: reading them) and cJSON parsing them alone (the reference). On a machine
 * shared with other jobs the milliseconds wander; their ratios to the yardsticks much less. */
#include "measure.h"

#include <cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const content_files[] = {"infokaart.json", "crisis.json", "profiles.json", "activities.json",
					     "djg6.json"};

int bench_run(char *const argv[], char *const extra_env[], run_result *r)
{
	double t0 = bench_now_ms();
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		for (int i = 0; extra_env[i]; i++)
			putenv(extra_env[i]); /* the child's own copy of the environment */
		execv(argv[0], argv);
		_exit(127);
	}
	int st;
	struct rusage ru;
	if (pid < 0 || wait4(pid, &st, 0, &ru) != pid)
		return -1;
	r->ms = bench_now_ms() - t0;
	r->rss_kb = ru.ru_maxrss;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return r->status == 127 ? -1 : 0;
}

int bench_cat(const char *dir, run_result *r)
{
	char *argv[ARRAY_LEN(content_files) + 2] = {"/bin/cat"};
	for (size_t i = 0; i < ARRAY_LEN(content_files); i++)
		argv[i + 1] = xasprintf("%s/%s", dir, content_files[i]);
	char *env[] = {NULL};
	int rc = bench_run(argv, env, r);
	for (size_t i = 0; i < ARRAY_LEN(content_files); i++)
		free(argv[i + 1]);
	return rc == 0 && r->status == 0 ? 0 : -1;
}

int bench_cjson_main(const char *dir)
{
	int bad = 0;
	for (size_t i = 0; i < ARRAY_LEN(content_files); i++) {
		char *p = xasprintf("%s/%s", dir, content_files[i]);
		size_t len;
		char *text = read_file(p, &len);
		cJSON *root = text ? cJSON_ParseWithLength(text, len) : NULL;
		bad += !root;
		cJSON_Delete(root);
		free(text);
		free(p);
	}
	return bad ? 1 : 0;
}

int bench_cjson(const char *self_exe, const char *dir, run_result *r)
{
	char *argv[] = {(char *)self_exe, "cjson", (char *)dir, NULL}, *env[] = {NULL};
	return bench_run(argv, env, r) == 0 && r->status == 0 ? 0 : -1;
}

/* The program's environment for a measured run: no settings file, this database (the
 * catalogue cache lives beside it), the content folder dir. */
static void program_env(char *env[4], const char *dir, const char *db)
{
	env[0] = xasprintf("INFOKAART_CONTENT=%s", dir);
	env[1] = xasprintf("INFOKAART_DB=%s", db);
	env[2] = xstrdup("INFOKAART_CONFIG=/dev/null");
	env[3] = NULL;
}

int bench_command(const char *exe, const char *dir, const char *db, char *const args[], run_result *r)
{
	char *argv[16] = {(char *)exe}, *env[4];
	int n = 1;
	for (; args[n - 1] && n < (int)ARRAY_LEN(argv) - 1; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	program_env(env, dir, db);
	int rc = bench_run(argv, env, r);
	for (int i = 0; env[i]; i++)
		free(env[i]);
	return rc;
}

const char *const bench_cmd_names[CMD_N] = {"cat", "cjson", "check", "suggest_cold", "suggest_warm", "version",
					    "screen_cold", "screen_warm", "suggest_foreign", "questions", "export_hsds",
					    "import_hsds"};

static void note(cmd_stat *s, double ms, long rss_kb)
{
	samples_add(&s->ms, ms);
	s->rss_kb = rss_kb > s->rss_kb ? rss_kb : s->rss_kb;
}

/* Runs `what` with a database in folder db_dir (made first when fresh, removed after). */
static int timed_command(const char *exe, const char *dir, const char *db_dir, bool fresh, char *const args[],
			 cmd_stat *s)
{
	if (fresh && mkdir(db_dir, 0700) != 0)
		return -1;
	char *db = xasprintf("%s/x.db", db_dir);
	run_result r;
	int rc = bench_command(exe, dir, db, args, &r);
	if (rc == 0 && r.status != 0) {
		fprintf(stderr, "bench: %s %s exited %d\n", exe, args[0], r.status);
		rc = -1;
	}
	if (rc == 0)
		note(s, r.ms, r.rss_kb);
	free(db);
	if (fresh)
		bench_remove_tree(db_dir);
	return rc;
}

static int timed_screen(const char *exe, const char *dir, const char *home, bool fresh, cmd_stat *s)
{
	double ms;
	long hwm, now;
	if (fresh && mkdir(home, 0700) != 0)
		return -1;
	int rc = bench_first_screen(exe, dir, home, &ms, &hwm, &now);
	if (rc == 0)
		note(s, ms, hwm);
	if (fresh)
		bench_remove_tree(home);
	return rc;
}

/* import-hsds of the catalogue's own HSDS export, hsds (made by export-hsds first, when it is
 * not there: not measured); the catalogue it makes goes to /dev/null. */
static int timed_import(const char *exe, const char *dir, const char *warm, const char *hsds, cmd_stat *s)
{
	struct stat st;
	if (stat(hsds, &st) != 0) {
		char *make[] = {"export-hsds", "--out", (char *)hsds, NULL};
		cmd_stat unmeasured = {0};
		int rc = timed_command(exe, dir, warm, false, make, &unmeasured);
		samples_free(&unmeasured.ms);
		if (rc != 0)
			return rc;
	}
	char *import[] = {"import-hsds", (char *)hsds, NULL};
	return timed_command(exe, dir, warm, false, import, s);
}

/* The warm runs of the commands that read all of the catalogue or rank it otherwise. */
static int whole_catalogue(const char *exe, const char *dir, const char *warm, const char *foreign, const char *hsds,
			   cmd_stat out[CMD_N])
{
	char *foreign_suggest[] = {"suggest", "--answers", (char *)foreign, NULL},
	     *questions[] = {"questions", "--json", NULL}, *export_hsds[] = {"export-hsds", NULL};
	int rc = timed_command(exe, dir, warm, false, foreign_suggest, &out[CMD_SUGGEST_FOREIGN]);
	if (rc == 0)
		rc = timed_command(exe, dir, warm, false, questions, &out[CMD_QUESTIONS]);
	if (rc == 0)
		rc = timed_command(exe, dir, warm, false, export_hsds, &out[CMD_EXPORT_HSDS]);
	if (rc == 0)
		rc = timed_import(exe, dir, warm, hsds, &out[CMD_IMPORT_HSDS]);
	return rc;
}

int bench_commands(const char *exe, const char *self, const char *dir, const char *tmp, const char *answers,
		   const char *foreign, int runs, cmd_stat out[CMD_N])
{
	char *cold = xasprintf("%s/cold", tmp), *warm = xasprintf("%s/warm", tmp), *hsds = xasprintf("%s/hsds.json", tmp);
	char *check[] = {"check", (char *)dir, NULL}, *suggest[] = {"suggest", "--answers", (char *)answers, NULL},
	     *version[] = {"--version", NULL};
	cmd_stat primed = {0};
	/* the warm runs find what an earlier start left beside the database */
	int rc = mkdir(warm, 0700) == 0 ? 0 : -1;
	if (rc == 0)
		rc = timed_command(exe, dir, warm, false, suggest, &primed);
	if (rc == 0)
		rc = timed_screen(exe, dir, warm, false, &primed);
	samples_free(&primed.ms);
	for (int i = 0; i < runs && rc == 0; i++) {
		run_result r;
		rc = bench_cat(dir, &r);
		if (rc == 0)
			note(&out[CMD_CAT], r.ms, r.rss_kb);
		if (rc == 0 && (rc = bench_cjson(self, dir, &r)) == 0)
			note(&out[CMD_CJSON], r.ms, r.rss_kb);
		if (rc == 0)
			rc = timed_command(exe, dir, warm, false, check, &out[CMD_CHECK]);
		if (rc == 0)
			rc = timed_command(exe, dir, cold, true, suggest, &out[CMD_SUGGEST_COLD]);
		if (rc == 0)
			rc = timed_command(exe, dir, warm, false, suggest, &out[CMD_SUGGEST_WARM]);
		if (rc == 0)
			rc = timed_command(exe, dir, warm, false, version, &out[CMD_VERSION]);
		if (rc == 0)
			rc = timed_screen(exe, dir, cold, true, &out[CMD_SCREEN_COLD]);
		if (rc == 0)
			rc = timed_screen(exe, dir, warm, false, &out[CMD_SCREEN_WARM]);
		if (rc == 0)
			rc = whole_catalogue(exe, dir, warm, foreign, hsds, out);
	}
	bench_remove_tree(warm);
	unlink(hsds);
	free(cold);
	free(warm);
	free(hsds);
	return rc;
}
