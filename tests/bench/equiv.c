/* equiv.c: the fast paths of issues 7 and 16 against slow references, so that "behaviour
 * identical" stays checked: the loader's tree builder (content_tree.c) against cJSON's own
 * parser, and its own checks against jsonscan's (on random values and on mangled ones), the
 * catalogue search against a plain strstr loop, and the top-k ranking against the full order.
 * Plain C with TAP output (one line per check), run with the unit tests:
 *   equiv CONTENT_DIR [JSON_FILE…] */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_json.h"
#include "load.h"
#include "gen.h"
#include "rank.h"
#include "search.h"
#include "text.h"

static int checks, failures;

static void tap(bool ok, const char *what, const char *detail)
{
	checks++;
	failures += !ok;
	printf("%s %d - %s%s%s\n", ok ? "ok" : "not ok", checks, what, detail ? ": " : "", detail ? detail : "");
}

/* Whether two trees hold the same values in the same order. */
static bool same_tree(const cJSON *a, const cJSON *b)
{
	for (; a && b; a = a->next, b = b->next) {
		if ((a->type & 0xFF) != (b->type & 0xFF) || !!a->string != !!b->string ||
		    (a->string && strcmp(a->string, b->string) != 0) || !!a->valuestring != !!b->valuestring ||
		    (a->valuestring && strcmp(a->valuestring, b->valuestring) != 0))
			return false;
		if (cJSON_IsNumber(a) && (memcmp(&a->valuedouble, &b->valuedouble, sizeof(double)) != 0 || a->valueint != b->valueint))
			return false;
		if (!same_tree(a->child, b->child))
			return false;
	}
	return !a && !b;
}

/* Whether the tree builder refuses exactly what jsonscan or cJSON refuses, and otherwise builds
 * the tree cJSON builds. */
static int built, refused; /* texts both built; texts jsonscan refused */

static bool same_build(const char *text, size_t len)
{
	diags d = {0};
	int problems = jsonscan_check(text, len, "t.json", &d);
	diags_free(&d);
	ld_pool *pool = NULL;
	cJSON *mine = ld_tree_parse(&pool, text, len, 0, 0);
	bool ok;
	if (problems) {
		refused++;
		ok = !mine;
	} else {
		built++;
		cJSON *ref = cJSON_ParseWithLength(text, len);
		ok = ref && mine ? same_tree(ref, mine) : !ref && !mine;
		cJSON_Delete(ref);
	}
	ld_pool_free(pool);
	return ok;
}

/* text with a few bytes changed, inserted, doubled or cut off: what a hand edit or a bad
 * transfer does to a file. */
static void mangle(strbuf *b, uint64_t *s)
{
	static const char *const bits[] = {"\"", "\\", ",", ":", "{", "}", "[", "]", "\x01", "\x7f", "\xc2\x85",
					   "\xff", "\xe2\x82", "\xed\xa0\x80", "\\u0000", "\\ud800", "\\b", "\\x",
					   " ", "\n", "0", "-", "e", "tru", "null", "\"k0\""};
	for (int k = 1 + bench_rand_below(s, 3); k > 0 && b->len; k--) {
		size_t at = (size_t)bench_rand_below(s, (int)b->len);
		int what = bench_rand_below(s, 4);
		if (what == 3) {
			b->len = at; /* cut off */
			b->s[at] = '\0';
			continue;
		}
		const char *piece = bits[bench_rand_below(s, (int)ARRAY_LEN(bits))];
		strbuf o = {0};
		sb_appendn(&o, b->s, at); /* before */
		sb_append(&o, piece);
		sb_append(&o, b->s + at + (what == 0 ? 1 : 0)); /* 0: replace a byte; else insert */
		sb_free(b);
		*b = o;
	}
}

/* Random JSON values with the awkward parts: escapes, surrogate pairs, numbers cJSON reads
 * through strtod, deep nesting, keys written with escapes. */
static void random_value(strbuf *b, uint64_t *s, int depth)
{
	static const char *const atoms[] = {"0", "-0", "1.5", "-2.25e3", "1E-2", "12345678901234567890", "0.1",
					    "true", "false", "null", "\"\"", "\"x\"", "\"\\u00e9\\n\\t\\\"\\\\\\/\"",
					    "\"\\ud83d\\ude00 Één ĳ\"", "\"caf\\u00E9\"", "1e400", "-1e400", "123456789012345"};
	int k = depth > 5 ? 2 : bench_rand_below(s, 4);
	if (k == 0 || k == 1) {
		bool obj = k == 0;
		sb_appendc(b, obj ? '{' : '[');
		for (int i = 0, n = bench_rand_below(s, 5); i < n; i++) {
			sb_append(b, i ? ", " : " ");
			if (obj)
				sb_printf(b, "\"%s%d\": ", bench_rand_below(s, 3) ? "k" : "\\u006b", bench_rand_below(s, 6));
			random_value(b, s, depth + 1);
		}
		sb_append(b, obj ? " }" : "\n]");
	} else {
		sb_append(b, atoms[bench_rand_below(s, (int)ARRAY_LEN(atoms))]);
	}
}

static int naive_search(const content *c, const char *query, int *out, int max)
{
	char *q = text_fold(query), *terms[16], *save = NULL;
	int nt = 0, n = 0;
	for (char *t = strtok_r(q, " ", &save); t && nt < 16; t = strtok_r(NULL, " ", &save))
		terms[nt++] = t;
	for (int i = 0; i < c->nactivities && n < max; i++) {
		bool all = true;
		for (int k = 0; k < nt && all; k++)
			all = strstr(search_text(c, i), terms[k]) != NULL;
		if (all)
			out[n++] = i;
	}
	free(q);
	return n;
}

static int naive_index(const content *c, const char *id)
{
	for (int i = 0; i < c->nactivities; i++)
		if (strcmp(c->activities[i].id, id) == 0)
			return i;
	return -1;
}

static void check_search(const content *c, const char *name, int rounds)
{
	static const char *const words[] = {"koffie", "Één", "ĳs", "café", "a", "e", " ", "  x  ", "zz", "|", "ÉÉN KEER",
					    "stad", "heel utrecht", "\xff", "wandel", "65plus", ""};
	int *a = xmalloc((size_t)(c->nactivities + 1) * sizeof *a), *b = xmalloc((size_t)(c->nactivities + 1) * sizeof *b);
	uint64_t s = 7;
	bool ok = true;
	for (int r = 0; r < rounds && ok; r++) {
		strbuf q = {0};
		sb_append(&q, "");
		for (int t = bench_rand_below(&s, 4); t > 0; t--) {
			if (bench_rand_below(&s, 2)) {
				sb_append(&q, words[bench_rand_below(&s, (int)ARRAY_LEN(words))]);
			} else { /* a piece of some activity's own text */
				const char *st = search_text(c, bench_rand_below(&s, c->nactivities));
				size_t len = strlen(st), at = (size_t)bench_rand_below(&s, (int)len);
				sb_appendn(&q, st + at, len - at < 10 ? len - at : (size_t)bench_rand_below(&s, 10) + 1);
			}
			sb_append(&q, bench_rand_below(&s, 2) ? " " : "");
		}
		int max = bench_rand_below(&s, 2) ? SEARCH_SHOWN_MAX : c->nactivities;
		int na = naive_search(c, q.s, a, max), nb = search_catalogue(c, q.s, b, max);
		ok = na == nb && memcmp(a, b, (size_t)na * sizeof *a) == 0;
		if (!ok)
			tap(false, "search matches a plain strstr loop", q.s);
		sb_free(&q);
	}
	if (ok)
		tap(true, "search matches a plain strstr loop", name);
	free(a);
	free(b);
}

/* An activity by id, as a look through the list finds it: every id, unknown ids around them. */
static void check_lookup(const content *c, const char *name)
{
	bool ok = true;
	for (int i = 0; i < c->nactivities && ok; i++) {
		const char *id = c->activities[i].id;
		char before[80], after[80];
		snprintf(before, sizeof before, "%.*s", (int)strlen(id) - 1, id);
		snprintf(after, sizeof after, "%s~", id);
		ok = content_activity_index(c, id) == i && content_activity_index(c, before) == naive_index(c, before) &&
		     content_activity_index(c, after) == naive_index(c, after);
		if (!ok)
			tap(false, "an activity by id is the one a look through the list finds", id);
	}
	ok = ok && content_activity_index(c, "") == -1 && content_activity_index(c, "\xff") == -1;
	tap(ok, "an activity by id is the one a look through the list finds", name);
}

/* The first max of the full order, with the best human route kept: what ranking promises. */
static void check_rank(const content *c, const char *name, int rounds)
{
	answers *as = answers_new(c);
	suggestion *all = xmalloc((size_t)c->nactivities * sizeof *all), top[12];
	uint64_t s = 11;
	bool ok = true;
	for (int r = 0; r < rounds && ok; r++) {
		answers_clear(as);
		for (int q = 0; q < c->nquestions; q++) {
			const ik_question *qq = &c->questions[q];
			if (qq->type == Q_SINGLE && bench_rand_below(&s, 4))
				answers_set_single(as, q, bench_rand_below(&s, qq->nopts));
			else if (qq->type == Q_MULTI)
				for (int k = bench_rand_below(&s, 4); k > 0; k--)
					answers_toggle(as, q, bench_rand_below(&s, qq->nopts));
		}
		int profile = bench_rand_below(&s, c->nprofiles + 1) - 1, max = 1 + bench_rand_below(&s, 12);
		int n = rank_suggest(c, as, profile, 20500, all, c->nactivities);
		int k = rank_suggest(c, as, profile, 20500, top, max);
		int want = n < max ? n : max, human = -1;
		bool shown = false;
		for (int i = 0; i < want; i++)
			shown |= c->activities[all[i].activity].human_route;
		for (int i = want; !shown && human < 0 && i < n; i++)
			if (c->activities[all[i].activity].human_route)
				human = i;
		ok = k == want;
		for (int i = 0; ok && i < k; i++)
			ok = memcmp(&top[i], &all[i == k - 1 && human >= 0 ? human : i], sizeof top[i]) == 0;
	}
	tap(ok, "ranking keeps the first of the full order and a human route", name);
	free(all);
	answers_free(as);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc < 2) {
		fputs("usage: equiv CONTENT_DIR [JSON_FILE…]\n", stderr);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		size_t len;
		char *text = read_file(argv[i], &len);
		tap(text && same_build(text, len), "tree builder matches cJSON", argv[i]);
		free(text);
	}
	uint64_t s = 3;
	bool same = true;
	built = refused = 0;
	for (int i = 0; i < 3000 && same; i++) {
		strbuf b = {0};
		random_value(&b, &s, 0);
		same = same_build(b.s, b.len);
		if (!same)
			tap(false, "tree builder matches cJSON", b.s);
		sb_free(&b);
	}
	if (same) {
		char what[64];
		snprintf(what, sizeof what, "%d random values jsonscan accepts", built);
		tap(true, "tree builder matches cJSON", what);
	}
	built = refused = 0;
	for (int i = 0; i < 20000 && same; i++) {
		strbuf b = {0};
		random_value(&b, &s, 0);
		mangle(&b, &s);
		same = same_build(b.s, b.len);
		if (!same)
			tap(false, "tree builder refuses what jsonscan refuses", b.s);
		sb_free(&b);
	}
	if (same) {
		char what[96];
		snprintf(what, sizeof what, "of 20000 mangled values jsonscan refused %d, accepted %d", refused, built);
		tap(true, "tree builder refuses what jsonscan refuses", what);
	}
	diags d = {0};
	content *base = NULL, *gen = NULL;
	if (content_load(argv[1], &base, &d) != 0) {
		diags_print(&d, stderr);
		tap(false, "the bundled content loads", argv[1]);
	} else {
		char dir[] = "/tmp/infokaart-equiv-XXXXXX";
		if (mkdtemp(dir) && bench_gen_folder(dir, argv[1], base, 600, 5) == 0 && content_load(dir, &gen, &d) == 0) {
			check_search(base, "bundled catalogue", 3000);
			check_search(gen, "600 generated activities", 1500);
			check_rank(base, "bundled catalogue", 400);
			check_rank(gen, "600 generated activities", 100);
			check_lookup(base, "bundled catalogue");
			check_lookup(gen, "600 generated activities");
		} else {
			diags_print(&d, stderr);
			tap(false, "a generated catalogue loads", dir);
		}
		static const char *const files[] = {"activities.json", "infokaart.json", "crisis.json", "profiles.json", "djg6.json"};
		for (size_t i = 0; i < ARRAY_LEN(files); i++) {
			char *p = xasprintf("%s/%s", dir, files[i]);
			remove(p);
			free(p);
		}
		remove(dir);
	}
	content_free(gen);
	content_free(base);
	diags_free(&d);
	printf("1..%d\n", checks);
	return failures ? 1 : 0;
}
