/* bench.c: infokaart-bench, the cost of the program as a catalogue grows. For the bundled
 * catalogue and generated ones (1,000, 10,000 and 100,000 activities by default) it prints one
 * JSON object per size on stdout (one line each), then a table: load + validate, exec to the
 * first painted screen, search latency per keystroke, fzf on the same text, profile + ranking,
 * durable record commits and peak memory. It reports and never fails on slow numbers; it fails
 * only when something could not be measured (a generated catalogue that does not load, a
 * program that never shows its first screen).
 *
 *   infokaart-bench [--exe INFOKAART] [--content DIR] [--sizes 1000,10000,100000] [--runs N]
 *                   [--seed N] [--keep] [--no-fzf] [--answers FILE] [--foreign FILE]
 *   infokaart-bench gen N DIR [SEED]     write a content folder with N generated activities
 *   infokaart-bench load DIR [CACHE]     (internal) load DIR once (with its cache) and print the time
 *   infokaart-bench cjson DIR            (internal) parse DIR's files with cJSON alone */
#include <errno.h>
#include <math.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"
#include "gen.h"
#include "measure.h"
#include "search.h"

#define DEFAULT_SEED 20261123
#define RECORDS 500

typedef struct {
	const char *exe, *content_dir, *sizes, *answers, *foreign; /* foreign: answers of one who speaks no Dutch */
	int runs; /* 0: by size */
	uint64_t seed;
	bool keep, fzf;
} options;

/* What one catalogue size measured; a negative number means "not measured". */
typedef struct {
	char label[16];
	int nactivities, nerrors;
	double file_mb, gen_s;
	samples load, load_warm, texts, search, search_all, fzf, fzf_exact, rank, record, fsync;
	long loader_rss_kb, loader_warm_rss_kb;
	bool fzf_ok;
	cmd_stat cmd[CMD_N]; /* the program as a user runs it, and the yardsticks */
} result;

static void json_stat(const char *key, const samples *s, bool p99)
{
	if (!s->n) {
		printf(",\"%s\":null", key);
		return;
	}
	if (p99)
		printf(",\"%s\":{\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f,\"n\":%d}", key, samples_pct(s, 50),
		       samples_pct(s, 99), samples_pct(s, 100), s->n);
	else
		printf(",\"%s\":{\"median\":%.3f,\"min\":%.3f,\"max\":%.3f,\"n\":%d}", key, samples_pct(s, 50),
		       samples_pct(s, 0), samples_pct(s, 100), s->n);
}

static void print_json(const result *r)
{
	printf("{\"size\":\"%s\",\"activities\":%d,\"errors\":%d,\"file_mb\":%.2f", r->label, r->nactivities,
	       r->nerrors, r->file_mb);
	if (r->gen_s >= 0)
		printf(",\"generate_s\":%.2f", r->gen_s);
	json_stat("load_ms", &r->load, false);
	printf(",\"load_mb_per_s\":%.0f", r->file_mb / (samples_pct(&r->load, 50) / 1000));
	json_stat("load_warm_ms", &r->load_warm, false);
	json_stat("search_texts_ms", &r->texts, false);
	json_stat("search_key_ms", &r->search, true);
	json_stat("search_key_all_matches_ms", &r->search_all, true);
	if (r->fzf_ok) {
		json_stat("fzf_filter_ms", &r->fzf, true);
		json_stat("fzf_exact_filter_ms", &r->fzf_exact, true);
		printf(",\"fzf_ratio_p50\":%.1f,\"fzf_exact_ratio_p50\":%.1f", samples_pct(&r->fzf, 50) / samples_pct(&r->search, 50),
		       samples_pct(&r->fzf_exact, 50) / samples_pct(&r->search, 50));
	} else {
		printf(",\"fzf\":\"not installed\"");
	}
	json_stat("rank_ms", &r->rank, true);
	printf(",\"record_commit_ms\":{\"median\":%.3f,\"p99\":%.3f,\"n\":%d}", samples_pct(&r->record, 50),
	       samples_pct(&r->record, 99), r->record.n);
	printf(",\"fdatasync_ms\":{\"median\":%.3f}", samples_pct(&r->fsync, 50));
	printf(",\"peak_rss_mb\":{\"loader\":%.1f,\"loader_warm\":%.1f}", r->loader_rss_kb / 1024.0,
	       r->loader_warm_rss_kb / 1024.0);
	double cat = samples_pct(&r->cmd[CMD_CAT].ms, 50), cj = samples_pct(&r->cmd[CMD_CJSON].ms, 50);
	printf(",\"commands\":{");
	for (int k = 0; k < CMD_N; k++) {
		const cmd_stat *c = &r->cmd[k];
		double m = samples_pct(&c->ms, 50);
		printf("%s\"%s\":{\"median_ms\":%.3f,\"min_ms\":%.3f,\"max_ms\":%.3f,\"n\":%d,\"peak_rss_mb\":%.1f,"
		       "\"x_cat\":%.2f,\"x_cjson\":%.3f}", k ? "," : "", bench_cmd_names[k], m, samples_pct(&c->ms, 0),
		       samples_pct(&c->ms, 100), c->ms.n, c->rss_kb / 1024.0, m / cat, m / cj);
	}
	printf("}}\n");
	fflush(stdout);
}

static void print_table(const result *rs, int n)
{
	printf("\n%-8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s\n", "size", "json MB", "load ms", "warm ms",
	       "texts ms", "key p50", "key p99", "fzf p50", "rank p50", "rec p50", "rec p99", "load MB", "warm MB");
	for (int i = 0; i < n; i++) {
		const result *r = &rs[i];
		char fzf[16] = "-";
		if (r->fzf_ok)
			snprintf(fzf, sizeof fzf, "%.2f", samples_pct(&r->fzf, 50));
		printf("%-8s %8.1f %8.1f %8.1f %8.1f %8.3f %8.3f %8s %8.3f %8.3f %8.3f %8.1f %8.1f\n", r->label, r->file_mb,
		       samples_pct(&r->load, 50), samples_pct(&r->load_warm, 50), samples_pct(&r->texts, 50),
		       samples_pct(&r->search, 50),
		       samples_pct(&r->search, 99), fzf, samples_pct(&r->rank, 50), samples_pct(&r->record, 50),
		       samples_pct(&r->record, 99), r->loader_rss_kb / 1024.0, r->loader_warm_rss_kb / 1024.0);
	}
	printf("(in-process, ms medians unless p99; load = content_load, JSON to image; warm = the same from "
	       "the cache; texts = making the search texts, which the screens do after the first screen, in the "
	       "background; key = one search per keystroke as the search window runs it; fzf = `fzf --filter` per "
	       "keystroke over the same folded text, process start included)\n");
	printf("\n%-8s %7s %8s %17s %17s %17s %17s %17s %7s %7s %7s %7s\n", "size", "cat ms", "cJSON ms",
	       "check ms ×cJSON", "suggest cold", "suggest warm", "screen cold", "screen warm", "version", "MB chk",
	       "MB sug", "MB scr");
	for (int i = 0; i < n; i++) {
		const cmd_stat *c = rs[i].cmd;
		double cat = samples_pct(&c[CMD_CAT].ms, 50), cj = samples_pct(&c[CMD_CJSON].ms, 50);
		printf("%-8s %7.1f %8.1f", rs[i].label, cat, cj);
		const int shown[] = {CMD_CHECK, CMD_SUGGEST_COLD, CMD_SUGGEST_WARM, CMD_SCREEN_COLD, CMD_SCREEN_WARM};
		for (size_t k = 0; k < ARRAY_LEN(shown); k++) {
			double m = samples_pct(&c[shown[k]].ms, 50);
			printf(" %7.1f %6.3f×", m, m / cj);
		}
		printf(" %7.1f %7.0f %7.0f %7.0f\n", samples_pct(&c[CMD_VERSION].ms, 50), c[CMD_CHECK].rss_kb / 1024.0,
		       fmax(c[CMD_SUGGEST_COLD].rss_kb, c[CMD_SUGGEST_WARM].rss_kb) / 1024.0,
		       fmax(c[CMD_SCREEN_COLD].rss_kb, c[CMD_SCREEN_WARM].rss_kb) / 1024.0);
	}
	printf("(processes from fork to exit, or to the first screen; ms medians; ×cJSON = the median over the "
	       "median of cJSON parsing the same files alone, measured in the same rounds; cold = the first start "
	       "after the catalogue changed, warm = a start with its cache; MB = peak RSS)\n");
}

/* Every command measured, with its peak RSS: the figure issue 16 sets a bound on. */
static void print_rss_table(const result *rs, int n)
{
	printf("\n%-8s", "size");
	for (int k = CMD_CHECK; k < CMD_N; k++)
		printf(" %15s", bench_cmd_names[k]);
	printf("\n");
	for (int i = 0; i < n; i++) {
		printf("%-8s", rs[i].label);
		for (int k = CMD_CHECK; k < CMD_N; k++)
			printf(" %6.0f MB %5.2fs", rs[i].cmd[k].rss_kb / 1024.0, samples_pct(&rs[i].cmd[k].ms, 50) / 1000);
		printf("\n");
	}
	printf("(every command: its highest peak RSS over the runs and its median time; suggest_foreign, "
	       "questions, export_hsds and import_hsds warm; export_hsds writes to /dev/null, import_hsds reads "
	       "an export-hsds of the catalogue and writes to /dev/null)\n");
}

static double file_mb(const char *dir)
{
	char *p = xasprintf("%s/activities.json", dir);
	struct stat st;
	double mb = stat(p, &st) == 0 ? (double)st.st_size / (1024.0 * 1024.0) : -1;
	free(p);
	return mb;
}

/* Runs every measurement on content folder dir. Returns 0, or -1 when one could not run. */
static int measure(const options *o, const char *self, const char *dir, const char *tmp, result *r)
{
	int size = atoi(r->label); /* 0 for the bundled catalogue */
	int runs = o->runs ? o->runs : size >= 100000 ? 5 : size >= 10000 ? 9 : 11;
	r->file_mb = file_mb(dir);
	char *cache = xasprintf("%s/load.cache", tmp);
	load_result lr;
	int rc = bench_load_child(self, dir, cache, &lr); /* makes the cache for the warm loads */
	for (int i = 0; i < runs && rc == 0; i++) {
		if ((rc = bench_load_child(self, dir, NULL, &lr)) != 0)
			break;
		samples_add(&r->load, lr.load_ms);
		r->loader_rss_kb = lr.rss_kb > r->loader_rss_kb ? lr.rss_kb : r->loader_rss_kb;
		r->nactivities = lr.nactivities;
		r->nerrors = lr.nerrors;
		if ((rc = bench_load_child(self, dir, cache, &lr)) != 0)
			break;
		samples_add(&r->load_warm, lr.load_ms);
		r->loader_warm_rss_kb = lr.rss_kb > r->loader_warm_rss_kb ? lr.rss_kb : r->loader_warm_rss_kb;
	}
	unlink(cache);
	free(cache);
	if (rc != 0) {
		fprintf(stderr, "bench: the loader child failed on %s\n", dir);
		return -1;
	}
	if (r->nerrors) {
		fprintf(stderr, "bench: %s does not load: %d problem(s)\n", dir, r->nerrors);
		return -1;
	}
	if (o->exe && bench_commands(o->exe, self, dir, tmp, o->answers, o->foreign, runs, r->cmd) != 0) {
		fprintf(stderr, "bench: the commands could not be measured on %s\n", dir);
		return -1;
	}
	diags d = {0};
	content *c = NULL;
	if (content_load(dir, &c, &d) != 0) {
		diags_free(&d);
		return -1;
	}
	typing_session ts;
	bench_session_make(&ts);
	/* the search texts, as the screens make them in the background after the first screen */
	double t0 = bench_now_ms();
	search_prepare(c, content_release_strings);
	(void)search_text(c, 0); /* waits for them */
	samples_add(&r->texts, bench_now_ms() - t0);
	bench_search(c, &ts, size >= 100000 ? 3 : 5, &r->search, &r->search_all);
	if (o->fzf) {
		r->fzf_ok = bench_fzf(c, &ts, tmp, &r->fzf, &r->fzf_exact);
		if (!r->fzf_ok)
			fprintf(stderr, "bench: fzf: not installed\n");
	}
	bench_session_free(&ts);
	bench_rank(c, 100, 3, date_days(2026, 11, 23), &r->rank);
	rc = bench_record(c, tmp, RECORDS, &r->record, &r->fsync);
	content_free(c);
	return rc;
}

static void result_free(result *r)
{
	samples *all[] = {&r->load, &r->load_warm, &r->texts, &r->search, &r->search_all, &r->fzf, &r->fzf_exact,
			  &r->rank, &r->record, &r->fsync};
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		samples_free(all[i]);
	for (int k = 0; k < CMD_N; k++)
		samples_free(&r->cmd[k].ms);
}

static int usage(void)
{
	fputs("usage: infokaart-bench [--exe INFOKAART] [--content DIR] [--sizes 1000,10000,100000] [--runs N]\n"
	      "                       [--seed N] [--keep] [--no-fzf] [--answers FILE] [--foreign FILE]\n"
	      "       infokaart-bench gen N DIR [SEED]\n",
	      stderr);
	return 2;
}

static int parse_options(int argc, char **argv, options *o)
{
	const char *env = getenv("INFOKAART_CONTENT");
	*o = (options){.content_dir = env && *env ? env : INFOKAART_TEST_CONTENT, .sizes = "1000,10000,100000",
		       .seed = DEFAULT_SEED, .fzf = true, .answers = INFOKAART_TEST_ANSWERS,
		       .foreign = INFOKAART_TEST_FOREIGN};
	for (int i = 1; i < argc; i++) {
		bool arg = i + 1 < argc;
		if (strcmp(argv[i], "--exe") == 0 && arg)
			o->exe = argv[++i];
		else if (strcmp(argv[i], "--content") == 0 && arg)
			o->content_dir = argv[++i];
		else if (strcmp(argv[i], "--sizes") == 0 && arg)
			o->sizes = argv[++i];
		else if (strcmp(argv[i], "--answers") == 0 && arg)
			o->answers = argv[++i];
		else if (strcmp(argv[i], "--foreign") == 0 && arg)
			o->foreign = argv[++i];
		else if (strcmp(argv[i], "--runs") == 0 && arg)
			o->runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && arg)
			o->seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--keep") == 0)
			o->keep = true;
		else if (strcmp(argv[i], "--no-fzf") == 0)
			o->fzf = false;
		else
			return -1;
	}
	return 0;
}

static int load_base(const char *dir, content **c)
{
	diags d = {0};
	int rc = content_load(dir, c, &d);
	diags_print(&d, stderr);
	diags_free(&d);
	return rc;
}

static int gen_main(int argc, char **argv)
{
	if (argc < 4)
		return usage();
	const char *env = getenv("INFOKAART_CONTENT");
	const char *base_dir = env && *env ? env : INFOKAART_TEST_CONTENT;
	content *base;
	if (load_base(base_dir, &base) != 0)
		return 1;
	int rc = bench_gen_folder(argv[3], base_dir, base, atoi(argv[2]), argc > 4 ? strtoull(argv[4], NULL, 10) : DEFAULT_SEED);
	content_free(base);
	return rc ? 1 : 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path) == 0 ? 0 : (fprintf(stderr, "bench: cannot remove %s: %s\n", path, strerror(errno)), 0);
}

/* Removes a scratch folder and everything the measured programs left in it. */
void bench_remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "load") == 0)
		return bench_load_main(argv[2], argc > 3 ? argv[3] : NULL);
	if (argc >= 3 && strcmp(argv[1], "cjson") == 0)
		return bench_cjson_main(argv[2]);
	if (argc >= 2 && strcmp(argv[1], "gen") == 0)
		return gen_main(argc, argv);
	options o;
	if (parse_options(argc, argv, &o) != 0)
		return usage();
	char self[4096];
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
	if (len <= 0)
		return 1;
	self[len] = '\0';
	content *base;
	if (load_base(o.content_dir, &base) != 0)
		return 1;
	char tmp[] = "/tmp/infokaart-bench-XXXXXX";
	if (!mkdtemp(tmp)) {
		fprintf(stderr, "bench: mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	result rs[16];
	int n = 0, rc = 0;
	char *sizes = xasprintf("bundled,%s", o.sizes), *save = NULL;
	for (char *tok = strtok_r(sizes, ",", &save); tok && n < (int)ARRAY_LEN(rs) && rc == 0; tok = strtok_r(NULL, ",", &save)) {
		result *r = &rs[n++];
		*r = (result){.gen_s = -1};
		snprintf(r->label, sizeof r->label, "%s", tok);
		char *dir = strcmp(tok, "bundled") == 0 ? xstrdup(o.content_dir) : xasprintf("%s/catalogue-%s", tmp, tok);
		if (strcmp(tok, "bundled") != 0) {
			fprintf(stderr, "bench: generating %s activities\n", tok);
			double t0 = bench_now_ms();
			rc = bench_gen_folder(dir, o.content_dir, base, atoi(tok), o.seed);
			r->gen_s = (bench_now_ms() - t0) / 1000;
		}
		fprintf(stderr, "bench: measuring %s\n", tok);
		if (rc == 0)
			rc = measure(&o, self, dir, tmp, r);
		if (rc == 0)
			print_json(r);
		if (strcmp(tok, "bundled") != 0 && !o.keep)
			bench_remove_tree(dir);
		free(dir);
	}
	if (rc == 0)
		print_table(rs, n);
	if (rc == 0 && o.exe)
		print_rss_table(rs, n);
	for (int i = 0; i < n; i++)
		result_free(&rs[i]);
	free(sizes);
	if (o.keep)
		fprintf(stderr, "bench: generated catalogues kept in %s\n", tmp);
	else
		bench_remove_tree(tmp);
	content_free(base);
	return rc ? 1 : 0;
}
