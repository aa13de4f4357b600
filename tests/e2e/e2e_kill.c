/* e2e_kill.c: infokaart killed at any moment, and several copies recording at once. The kill
 * harness records referrals with --plain, restarting the program each round, and sends
 * SIGKILL, SIGTERM or SIGHUP at a random moment: after a random line of the walk, or (more
 * often) a random time after the last line, which is while the referral is being stored,
 * committed and reported. Afterwards the database passes integrity_check and holds every case
 * code the program printed as recorded. A few rounds do the same on screen. The concurrency
 * test starts eight programs at once on a new database. Counts go out as TAP comments.
 * INFOKAART_KILL_SEED repeats a run; INFOKAART_KILL_SCALE multiplies the rounds (soak). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kill_check.h"
#include "plain_session.h"
#include "walk.h"

enum {
	PLAIN_SIGKILL_ROUNDS = 240,
	PLAIN_SIGTERM_ROUNDS = 60,
	PLAIN_SIGHUP_ROUNDS = 60,
	SCREEN_KILL_ROUNDS = 6,
	MAX_CODES = 4096,
	CONCURRENT = 8,     /* programs at once */
	CONCURRENT_RUNS = 6 /* walks each */
};

static unsigned seed, first_seed;
static int scale = 1;

static const walk_spec *const specs[] = {&walk_huisarts, &walk_wijkagent, &walk_winkel,
                                         &walk_vrijwilliger};

/* What a series of rounds did. */
typedef struct {
	int rounds;   /* programs started */
	int signals;  /* signals that reached a running program */
	int died;     /* of those, how many ended the program by the signal's default action */
	int handled;  /* how many the program caught, ending with a status of its own */
	int finished; /* rounds that ended on their own before the signal */
	int in_commit; /* signals sent after the last line (while storing) */
	int drafts;   /* unfinished walks offered at a start */
	int said_kept; /* runs that said the unfinished walk was kept */
	bool promised; /* the last run said so, and no start has offered it since */
	char codes[MAX_CODES][16]; /* every case code the program reported as recorded */
	int ncodes;
} tally;

static long long rnd(long long n)
{
	return n > 0 ? (long long)(rand_r(&seed) % (unsigned long long)n) : 0;
}

/* Nothing a person could read as an error, and no sanitizer report. */
static void expect_clean_run(const psess *p)
{
	if (strstr(p->text, "Niet vastgelegd") || strstr(p->errtext, "Sanitizer") ||
	    strstr(p->errtext, "runtime error") || strstr(p->errtext, "database")) {
		print_error("stdout:\n%s\nstderr:\n%s\n", p->text, p->errtext);
		fail_msg("a run after earlier kills reported a problem (seed %u)", first_seed);
	}
}

static void collect(tally *t, const psess *p)
{
	t->ncodes += psess_codes(p, t->codes + t->ncodes, MAX_CODES - t->ncodes);
}

/* Time from the last line to the end of a run, in µs: the window in which storing happens
 * (the shortest of two runs, so that a signal sent within it mostly finds the program still
 * at work). */
static long long calibrate(walk_ctx *w, tally *t)
{
	long long shortest = -1;
	for (int i = 0; i < 3; i++) {
		char *script = walk_plain_input(specs[i]);
		psess *p = psess_start(w, NULL, script);
		free(script);
		psess *v[1] = {p};
		while (psess_pump(v, 1, WALK_WAIT_MS) > 0)
			;
		long long took = psess_now_us() - p->last_line_us;
		assert_int_equal(psess_wait(p, WALK_WAIT_MS), 0);
		expect_clean_run(p);
		collect(t, p);
		t->rounds++;
		t->finished++;
		if (i > 0 && (shortest < 0 || took < shortest)) /* the first one also made the file */
			shortest = took;
		psess_free(p);
	}
	return shortest < 1000 ? 1000 : shortest;
}

/* One round: a walk, and sig after a random line or during storing. */
static void round_once(walk_ctx *w, int sig, long long window_us, tally *t)
{
	char *script = walk_plain_input(specs[rnd(4)]);
	int before = sig == SIGKILL ? 0 : walk_db_int(w->db, "SELECT count(*) FROM referral");
	psess *p = psess_start(w, NULL, script);
	free(script);
	bool in_commit = rnd(10) < 6;
	int after = in_commit ? p->nlines : (int)rnd(p->nlines);
	long long delay = in_commit ? rnd(window_us) : rnd(3000);
	long long at = -1;
	bool sent = false;
	psess *v[1] = {p};
	for (;;) {
		if (at < 0 && p->next >= after)
			at = psess_now_us() + delay;
		if (at >= 0) {
			long long left = at - psess_now_us();
			if (left > 0) {
				struct timespec ts = {left / 1000000, left % 1000000 * 1000};
				nanosleep(&ts, NULL);
			}
			if (psess_signal(p, sig)) {
				sent = true;
				t->signals++;
				t->in_commit += in_commit;
			}
			break;
		}
		if (psess_pump(v, 1, 50) == 0)
			break;
	}
	int status = psess_wait(p, WALK_WAIT_MS);
	assert_true(status >= 0);
	if (status == 128 + sig)
		t->died++;
	else if (sent)
		t->handled++;
	else
		t->finished++;
	t->drafts += p->drafts_offered;
	t->rounds++;
	expect_clean_run(p);
	if (t->promised && p->prompts > 0) { /* it got as far as its first question */
		if (p->drafts_offered == 0)
			fail_msg("%s: a run said the unfinished walk was kept, the next start did not offer "
			         "it (seed %u)", strsignal(sig), first_seed);
		t->promised = false;
	}
	/* "kept as unfinished" must not be said of a walk that was stored: the user would walk it
	 * again and refer the person twice */
	if (sig != SIGKILL && strstr(p->text, "onafgemaakte ronde is bewaard")) {
		t->said_kept++;
		t->promised = true;
		int now = walk_db_int(w->db, "SELECT count(*) FROM referral");
		if (now != before)
			fail_msg("%s: the run stored referral %d but said \"Gestopt: de onafgemaakte ronde "
			         "is bewaard\" and never \"Vastgelegd\" (seed %u)", strsignal(sig), now,
			         first_seed);
	}
	collect(t, p);
	psess_free(p);
}

static void plain_kills(walk_ctx *w, int sig, int rounds, const char *name)
{
	tally *t = calloc(1, sizeof *t);
	assert_non_null(t);
	long long window = calibrate(w, t);
	int want = rounds * scale;
	/* until `want` signals reached a running program (a run may end before its moment) */
	for (int i = 0; t->signals < want && i < 3 * want; i++) {
		round_once(w, sig, window, t);
		if (i % 60 == 59) /* the next start must find a sound file too */
			kill_check_db(w->db, t->codes, t->ncodes);
	}
	int total = kill_check_db(w->db, t->codes, t->ncodes);
	printf("# %s: %d runs, %d signals to a running program (%d after the last line, while "
	       "storing: window %lld us); %d ended by the signal, %d caught it and exited, %d "
	       "finished first; %d said the unfinished walk was kept, %d unfinished walks offered "
	       "at a start; %d reported case codes all in the database (%d referrals), integrity "
	       "ok\n",
	       name, t->rounds, t->signals, t->in_commit, window, t->died, t->handled, t->finished,
	       t->said_kept, t->drafts, t->ncodes, total);
	assert_int_equal(t->signals, want);
	assert_true(t->ncodes > 0);
	free(t);
}

static void sigkill_at_random_moments_loses_no_reported_referral(void **state)
{
	plain_kills(*state, SIGKILL, PLAIN_SIGKILL_ROUNDS, "SIGKILL --plain");
}

static void sigterm_at_random_moments_loses_no_reported_referral(void **state)
{
	plain_kills(*state, SIGTERM, PLAIN_SIGTERM_ROUNDS, "SIGTERM --plain");
}

static void sighup_at_random_moments_loses_no_reported_referral(void **state)
{
	plain_kills(*state, SIGHUP, PLAIN_SIGHUP_ROUNDS, "SIGHUP --plain");
}

/* On screen: the walk to the record form, Enter on [ Vastleggen ], SIGKILL a random moment
 * later (within 1.5 times what storing took in a first, unkilled round). What the screen
 * showed as recorded must be in the database. */
static void sigkill_on_screen_while_storing_loses_nothing_shown(void **state)
{
	walk_ctx *w = *state;
	char codes[SCREEN_KILL_ROUNDS * 4 + 1][16];
	int ncodes = 0, shown = 0, kills = 0, rounds = SCREEN_KILL_ROUNDS * scale;
	long long window = 0;
	if (rounds > SCREEN_KILL_ROUNDS * 4)
		rounds = SCREEN_KILL_ROUNDS * 4;
	for (int i = 0; i <= rounds; i++) {
		const walk_spec *s = specs[i % 4];
		int before = kill_check_db(w->db, codes, ncodes);
		term *t = walk_spawn(w, 24, 80, NULL);
		walk_questions(t, s);
		char activity[200];
		walk_choose(t, s, activity, sizeof activity);
		walk_record_form(t, s); /* ends with Enter on [ Vastleggen ] */
		long long t0 = psess_now_us();
		if (i == 0) { /* the calibration round */
			EXPECT_TEXT(t, "Vastgelegd. Casuscode: ");
			window = psess_now_us() - t0;
		} else {
			long long delay = rnd(window * 3 / 2);
			struct timespec ts = {delay / 1000000, delay % 1000000 * 1000};
			nanosleep(&ts, NULL);
		}
		if (term_wait_exit(t, 0) < 0) {
			term_kill(t, SIGKILL);
			kills += i > 0;
		}
		assert_int_equal(term_wait_exit(t, WALK_WAIT_MS), 128 + SIGKILL);
		int after = kill_check_db(w->db, codes, ncodes);
		int row = walk_find_row(t, "Vastgelegd. Casuscode: ");
		if (row >= 0) {
			char text[400];
			walk_row_text(t, row, text, sizeof text);
			const char *c = strstr(text, "Casuscode: ") + strlen("Casuscode: ");
			if (strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == 9)
				snprintf(codes[ncodes++], 16, "%.9s", c);
			assert_int_equal(after, before + 1); /* shown: stored */
			shown += i > 0;
		}
		kill_check_db(w->db, codes, ncodes);
	}
	printf("# SIGKILL on screen: %d kills within %lld us after Enter on [ Vastleggen ], %d "
	       "had shown \"Vastgelegd\" (all of those stored), %d codes checked, integrity ok\n",
	       kills, window * 3 / 2, shown, ncodes);
}

/* Eight programs at once on a database that does not exist yet (they race to create and
 * migrate it), each recording several walks one after another: every one is stored, none
 * reports a problem. */
static void concurrent_instances_lose_no_referral(void **state)
{
	walk_ctx *w = *state;
	tally *t = calloc(1, sizeof *t);
	assert_non_null(t);
	psess *slot[CONCURRENT];
	int runs[CONCURRENT] = {0}, runs_each = CONCURRENT_RUNS * scale;
	for (int i = 0; i < CONCURRENT; i++) {
		char *script = walk_plain_input(specs[i % 4]);
		slot[i] = psess_start(w, NULL, script);
		free(script);
	}
	long long deadline = psess_now_us() + 12LL * WALK_WAIT_MS * 1000;
	for (;;) {
		psess *active[CONCURRENT];
		int n = 0;
		for (int i = 0; i < CONCURRENT; i++)
			if (slot[i])
				active[n++] = slot[i];
		if (n == 0)
			break;
		assert_true(psess_now_us() < deadline);
		psess_pump(active, n, 50);
		for (int i = 0; i < CONCURRENT; i++) {
			psess *p = slot[i];
			if (!p || p->out >= 0 || p->err >= 0)
				continue;
			assert_int_equal(psess_wait(p, WALK_WAIT_MS), 0);
			expect_clean_run(p);
			int got = psess_codes(p, t->codes + t->ncodes, MAX_CODES - t->ncodes);
			assert_int_equal(got, 1);
			t->ncodes += got;
			psess_free(p);
			slot[i] = NULL;
			if (++runs[i] < runs_each) {
				char *script = walk_plain_input(specs[(i + runs[i]) % 4]);
				slot[i] = psess_start(w, NULL, script);
				free(script);
			}
		}
	}
	int total = kill_check_db(w->db, t->codes, t->ncodes);
	int want = CONCURRENT * runs_each;
	printf("# concurrent: %d programs at once, %d walks, %d codes reported, %d referrals "
	       "stored, integrity ok\n", CONCURRENT, want, t->ncodes, total);
	assert_int_equal(t->ncodes, want);
	assert_int_equal(total, want);
	free(t);
}

int main(int argc, char **argv)
{
	const char *s = getenv("INFOKAART_KILL_SEED");
	seed = s && *s ? (unsigned)strtoul(s, NULL, 10) : (unsigned)time(NULL) ^ (unsigned)getpid();
	first_seed = seed;
	const char *k = getenv("INFOKAART_KILL_SCALE");
	if (k && atoi(k) > 0)
		scale = atoi(k);
	printf("# seed %u (INFOKAART_KILL_SEED=%u repeats this run)\n", first_seed, first_seed);
	const struct CMUnitTest tests[] = {
		WALK_TEST(sigkill_at_random_moments_loses_no_reported_referral),
		WALK_TEST(sigterm_at_random_moments_loses_no_reported_referral),
		WALK_TEST(sighup_at_random_moments_loses_no_reported_referral),
		WALK_TEST(sigkill_on_screen_while_storing_loses_nothing_shown),
		WALK_TEST(concurrent_instances_lose_no_referral),
	};
	return WALK_RUN(argc, argv, tests);
}
