/* e2e_records.c: `infokaart stats` as a person sees it in a terminal: the real binary (argv[1])
 * under a pseudo-terminal of 80x24 (and a narrower one), its output read back through libvterm
 * (term.h); and CSV and JSON written to a terminal, read as raw bytes (term_raw.h). The database is seeded through the store API with a pinned clock; the test waits
 * for the program to end (with a deadline) and then reads the screen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "term.h"
#include "term_raw.h"
#include "text.h"
#include "util.h"

enum { WAIT_MS = 10000 };
#define NOW "1710504000" /* 2024-03-15 12:00 UTC */

static const char *program;

typedef struct {
	char dir[256], db[300];
	term *t;
} ctx;

static int setup(void **state)
{
	ctx *c = xcalloc(1, sizeof *c);
	const char *tmp = getenv("TMPDIR");
	snprintf(c->dir, sizeof c->dir, "%s/infokaart-e2e-rec-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(c->dir))
		return -1;
	snprintf(c->db, sizeof c->db, "%s/t.db", c->dir);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	ctx *c = *state;
	term_free(c->t);
	static const char *const sfx[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
		char p[320];
		snprintf(p, sizeof p, "%s%s", c->db, sfx[i]);
		unlink(p);
	}
	rmdir(c->dir);
	free(c);
	return 0;
}

/* Four referrals in March 2024: three by a wijkagent, one by a huisarts (whose role text is
 * longer than the label column); one of them started. */
static void seed(const ctx *c)
{
	store *s = NULL;
	store_err err = {0};
	if (store_open(c->db, &s, &err) != 0)
		fail_msg("store_open: %s", err.msg);
	for (int i = 0; i < 4; i++) {
		store_referral r;
		memset(&r, 0, sizeof r);
		store_new_case_code(r.case_code);
		r.created_at = INT64_C(1710504000) - i * 3600;
		strcpy(r.role, i < 3 ? "wijkagent" : "huisarts");
		strcpy(r.profile, "contact_aan_huis");
		strcpy(r.activity, "buurtteams");
		strcpy(r.wijk, "overvecht");
		strcpy(r.followup_date, "2024-03-29");
		if (store_referral_insert(s, &r, &err) != 0 ||
		    (i == 0 && store_status_set(s, r.id, "gestart", "", INT64_C(1710504000), &err) != 0))
			fail_msg("seed: %s", err.msg);
	}
	store_close(s);
}

/* Runs infokaart stats in a rows x cols terminal until it ends; returns the screen. */
static char *stats_screen(ctx *c, int rows, int cols)
{
	char *const argv[] = {(char *)program, "--db", c->db, "stats", NULL};
	char *const env[] = {"LC_ALL=C.UTF-8", "INFOKAART_NOW=" NOW, "LANG=", "LANGUAGE=", NULL};
	c->t = term_spawn(argv, env, rows, cols);
	assert_non_null(c->t);
	int status = term_wait_exit(c->t, WAIT_MS);
	if (status != 0) {
		term_dump(c->t, stderr);
		fail_msg("infokaart stats ended with %d", status);
	}
	return term_screen(c->t);
}

/* The screen row that starts with prefix (a copy), or fail. */
static char *row_starting(const char *screen, const char *prefix)
{
	for (const char *p = screen; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, prefix, strlen(prefix)) == 0) {
			const char *end = strchr(p, '\n');
			return xstrndup(p, end ? (size_t)(end - p) : strlen(p));
		}
	}
	fail_msg("no row starts with \"%s\" on:\n%s", prefix, screen);
	return NULL;
}

/* Full blocks in s. */
static int blocks(const char *s)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, "\u2588")); p += strlen("\u2588"))
		n++;
	return n;
}

static void stats_draws_titled_bar_charts_in_80_columns(void **state)
{
	ctx *c = *state;
	seed(c);
	char *screen = stats_screen(c, 24, 80);
	assert_non_null(strstr(screen, "Verwijzingen: 4, waarvan 1 gestart (25%) en 4 nog open."));
	assert_non_null(strstr(screen, "\nPer rol van de signaleerder\nWijkagent "));
	assert_non_null(strstr(screen, "\nPer profiel\nContact aan huis "));
	assert_non_null(strstr(screen, "\nPer wijk\nOvervecht "));
	assert_non_null(strstr(screen, "\nPer activiteit\nBuurtteam "));
	assert_non_null(strstr(screen, "\nPer status nu\nVerwezen "));
	/* The largest bar fills its column and the count ends in the last column. */
	char *wijkagent = row_starting(screen, "Wijkagent ");
	assert_int_equal(text_width(wijkagent), 80);
	assert_string_equal(wijkagent + strlen(wijkagent) - 5, "\u2588 3");
	/* A label too long for the column is cut by display width, with an ellipsis. */
	char *huisarts = row_starting(screen, "Huisarts of praktijkondersteune\u2026 ");
	assert_int_equal(text_width(huisarts), 80);
	assert_string_equal(huisarts + strlen(huisarts) - 2, " 1");
	/* A third of the wijkagent bar: the label column is 32, the bar column 80 - 32 - 1 - 2 =
	 * 45, so 45 * 8 / 3 = 120 eighths: exactly 15 full blocks. */
	assert_int_equal(blocks(huisarts), 15);
	assert_int_equal(blocks(wijkagent), 45);
	free(wijkagent);
	free(huisarts);
	free(screen);
}

static void stats_fits_a_narrower_terminal(void **state)
{
	ctx *c = *state;
	seed(c);
	char *screen = stats_screen(c, 24, 60);
	char *row = row_starting(screen, "Wijkagent ");
	assert_int_equal(text_width(row), 60);
	assert_string_equal(row + strlen(row) - 2, " 3");
	free(row);
	free(screen);
}

/* What a terminal would run if it got it raw: OSC (a window title), CSI (colour), BEL, a C1
 * CSI (U+009B) and a byte that is no UTF-8. */
static const char hostile[] = "\x1b]0;gekaapt\x07\x1b[31mrood\xc2\x9b" "31m \xff einde";

/* One referral due today with the hostile note; its code into code. */
static void seed_hostile(const ctx *c, char code[16])
{
	store *s = NULL;
	store_err err = {0};
	store_referral r;
	memset(&r, 0, sizeof r);
	store_new_case_code(r.case_code);
	r.created_at = INT64_C(1710504000) - 3600;
	strcpy(r.role, "wijkagent");
	strcpy(r.profile, "contact_aan_huis");
	strcpy(r.activity, "buurtteams");
	strcpy(r.wijk, "overvecht");
	strcpy(r.followup_date, "2024-03-15");
	r.note = (char *)hostile;
	if (store_open(c->db, &s, &err) != 0 || store_referral_insert(s, &r, &err) != 0)
		fail_msg("seed: %s", err.msg);
	store_close(s);
	snprintf(code, 16, "%s", r.case_code);
}

/* CSV and JSON that reach a terminal carry no control character and no broken UTF-8: the
 * note's text arrives (followups shows no note), its escape sequences do not. */
static void csv_and_json_on_a_terminal_carry_no_control_characters(void **state)
{
	ctx *c = *state;
	char code[16];
	seed_hostile(c, code);
	char *const runs[][8] = {
		{"case", code, "--format", "csv", "--with-notes", NULL},
		{"case", code, "--format", "json", "--with-notes", NULL},
		{"export", "--with-notes", NULL},
		{"export", "--format", "json", "--with-notes", NULL},
		{"followups", "--format", "csv", NULL},
	};
	char *const env[] = {"LC_ALL=C.UTF-8", "INFOKAART_NOW=" NOW, "LANG=", "LANGUAGE=", NULL};
	for (size_t k = 0; k < ARRAY_LEN(runs); k++) {
		char *argv[12] = {(char *)program, "--db", c->db};
		for (int i = 0; runs[k][i]; i++)
			argv[3 + i] = runs[k][i];
		term_free(c->t);
		c->t = term_spawn(argv, env, 24, 200);
		assert_non_null(c->t);
		term_raw_start(c->t);
		int status = term_wait_exit(c->t, WAIT_MS);
		size_t len = 0;
		const char *raw = term_raw_output(c->t, &len);
		if (status != 0 || !strstr(raw, code) ||
		    (strcmp(runs[k][0], "followups") != 0 && !strstr(raw, "einde")))
			fail_msg("%s %s: exit %d, output:\n%s", runs[k][0], runs[k][1], status, raw);
		for (size_t i = 0; i < len; i++) {
			unsigned char ch = (unsigned char)raw[i];
			if (ch == 0x1b || ch == 0x07 || (ch == 0xc2 && i + 1 < len &&
							 (unsigned char)raw[i + 1] >= 0x80 &&
							 (unsigned char)raw[i + 1] <= 0x9f))
				fail_msg("%s %s: control byte 0x%02x at %zu", runs[k][0], runs[k][1], ch, i);
		}
		assert_true(text_utf8_valid(raw, len, NULL));
	}
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(int argc, char **argv)
{
	if (argc < 2 || access(argv[1], X_OK) != 0) {
		printf("Bail out! usage: e2e_records PATH-TO-INFOKAART\n");
		return 1;
	}
	program = argv[1];
	setlocale(LC_ALL, ""); /* text_width needs UTF-8 (meson sets LC_ALL=C.UTF-8) */
	const struct CMUnitTest tests[] = {
		T(stats_draws_titled_bar_charts_in_80_columns),
		T(stats_fits_a_narrower_terminal),
		T(csv_and_json_on_a_terminal_carry_no_control_characters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
