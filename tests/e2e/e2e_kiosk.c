/* e2e_kiosk.c: infokaart on a shared terminal (mode = kiosk in a settings file of the test's
 * own, idle_timeout = 2, idle_countdown = 3, the PIN set first with `infokaart set-pin` on a
 * pipe): the idle countdown and the wipe of the last person's answers, a key that stops the
 * countdown, a welcome screen that never counts down, Ctrl-C/Z/\ doing nothing, leaving only
 * with the PIN, no search and no note field, and a walk that still records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "walk.h"

#define PIN "2468"

/* A kiosk's settings file: the idle wipe after idle + countdown seconds. */
static void write_config(walk_ctx *w, int idle, int countdown)
{
	char path[700];
	snprintf(path, sizeof path, "%s/kiosk.conf", w->dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "# the kiosk under test\nmode = kiosk\nidle_timeout = %d\nidle_countdown = %d\n", idle, countdown);
	assert_int_equal(fclose(f), 0);
	walk_ctx_setenv(w, "INFOKAART_CONFIG", path);
}

/* The settings file every kiosk test starts from: the idle wipe after 2 + 3 seconds. */
static void write_kiosk_config(walk_ctx *w)
{
	write_config(w, 2, 3);
}

/* `infokaart set-pin` with the PIN twice on its standard input (not a terminal). */
static void set_pin(walk_ctx *w)
{
	static const char *const args[] = {"set-pin", NULL};
	char *out, *err;
	int status = walk_run_piped(w, args, PIN "\n" PIN "\n", &out, &err);
	if (status != 0 || !strstr(out, "Pincode ingesteld"))
		print_error("stdout:\n%s\nstderr:\n%s\n", out, err);
	free(out);
	free(err);
	assert_int_equal(status, 0);
}

/* walk_setup and the kiosk's settings file; then the PIN. */
static int setup_without_pin(void **state)
{
	walk_setup(state);
	write_kiosk_config(*state);
	return 0;
}

static int setup(void **state)
{
	setup_without_pin(state);
	set_pin(*state);
	return 0;
}

static term *start_kiosk(walk_ctx *w)
{
	term *t = walk_spawn(w, 24, 80, NULL);
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_TEXT(t, "( ) Huisarts");
	return t;
}

/* The way out: q, the PIN (shown as dots), Enter; the program ends with status 0. */
static void leave_with_pin(term *t)
{
	walk_keys(t, "q");
	EXPECT_TEXT(t, "Pincode om te stoppen:");
	term_send(t, PIN);
	EXPECT_TEXT(t, "Pincode om te stoppen: ••••");
	EXPECT_QUIT(t, "Enter");
}

static void idle_countdown_then_wipes_the_answers_and_shows_the_welcome_again(void **state)
{
	term *t = start_kiosk(*state);
	walk_answer_two(t);
	/* no more keys: after idle_timeout the countdown asks, and counts down */
	EXPECT_TEXT(t, "Bent u er nog?");
	EXPECT_TEXT(t, "seconden begint infokaart opnieuw. Alle antwoorden worden dan");
	EXPECT_TEXT(t, "Over 2 seconden");
	/* at zero: the welcome question, nothing marked, the signal question gone */
	EXPECT_GONE(t, "Bent u er nog?");
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_TEXT(t, "( ) Huisarts");
	EXPECT_GONE(t, "(•)");
	EXPECT_GONE(t, "[x]");
	EXPECT_GONE(t, "Wat ziet u aan het huis?");
	EXPECT_GONE(t, "De gordijnen");
	leave_with_pin(t);
}

static void a_key_during_the_countdown_keeps_the_answers(void **state)
{
	term *t = start_kiosk(*state);
	walk_answer_two(t);
	EXPECT_TEXT(t, "Bent u er nog?");
	/* Space would untick the highlighted signal: the key only says "still here" */
	walk_keys(t, "Space");
	EXPECT_GONE(t, "Bent u er nog?");
	EXPECT_TEXT(t, "Wat ziet u aan het huis?");
	EXPECT_TEXT(t, "[x] De gordijnen zijn dagenlang dicht");
	/* the key started the idle time again: a new countdown, and at its second count the
	 * first one would long have wiped everything */
	EXPECT_TEXT(t, "Over 2 seconden");
	walk_keys(t, "Space");
	EXPECT_GONE(t, "Bent u er nog?");
	EXPECT_TEXT(t, "[x] De gordijnen zijn dagenlang dicht");
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "(•) Huisarts");
	leave_with_pin(t);
}

static void the_untouched_welcome_screen_never_counts_down(void **state)
{
	term *t = start_kiosk(*state);
	/* idle_timeout is 2 s; 2 s more and the countdown (3 s) would be on screen */
	assert_false(term_wait_text(t, "Bent u er nog?", 4000));
	EXPECT_TEXT(t, "( ) Huisarts");
	leave_with_pin(t);
}

/* before with `from` replaced by `to` (each once). */
/* noinline: inlined twice, gcc 12 -O3 takes one call's result for a pointer to the other's
 * local `s` (a false -Werror=dangling-pointer in the release build) */
__attribute__((noinline)) static char *replaced(const char *before, const char *from, const char *to)
{
	const char *at = strstr(before, from);
	assert_non_null(at);
	char *s = NULL;
	assert_true(asprintf(&s, "%.*s%s%s", (int)(at - before), before, to, at + strlen(from)) >= 0);
	return s;
}

static void ctrl_c_ctrl_z_and_ctrl_backslash_do_nothing(void **state)
{
	term *t = start_kiosk(*state);
	walk_keys(t, "1");
	EXPECT_TEXT(t, "(•) Huisarts");
	char *before = term_screen(t);
	walk_keys(t, "C-c C-z C-\\");
	assert_int_equal(term_wait_exit(t, 500), -1);
	/* the keys were read before this one: the screen differs only by the new choice */
	walk_keys(t, "2");
	EXPECT_TEXT(t, "(•) Wijkagent");
	char *step = replaced(before, "(•) Huisarts", "( ) Huisarts");
	char *want = replaced(step, "( ) Wijkagent", "(•) Wijkagent");
	char *after = term_screen(t);
	if (strcmp(after, want) != 0) {
		term_dump(t, stderr);
		print_error("expected:\n%s\n", want);
	}
	assert_string_equal(after, want);
	free(before);
	free(step);
	free(want);
	free(after);
	leave_with_pin(t);
}

static void interrupt_stop_and_quit_signals_are_ignored(void **state)
{
	term *t = start_kiosk(*state);
	term_kill(t, SIGINT);
	term_kill(t, SIGTSTP);
	term_kill(t, SIGQUIT);
	assert_int_equal(term_wait_exit(t, 500), -1);
	walk_keys(t, "1"); /* not stopped either: it still answers */
	EXPECT_TEXT(t, "(•) Huisarts");
	leave_with_pin(t);
}

static void q_asks_for_the_pin_a_wrong_one_is_refused_the_right_one_exits(void **state)
{
	walk_ctx *w = *state;
	char path[700];
	snprintf(path, sizeof path, "%s/infokaart/pin", w->dir);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char hash[256] = "";
	assert_non_null(fgets(hash, sizeof hash, f));
	fclose(f);
	assert_memory_equal(hash, "$y$", 3); /* yescrypt */
	assert_null(strstr(hash, PIN));

	term *t = start_kiosk(w);
	walk_keys(t, "q");
	EXPECT_TEXT(t, "Pincode om te stoppen:");
	term_send(t, "1357");
	EXPECT_TEXT(t, "Pincode om te stoppen: ••••");
	EXPECT_ABSENT(t, "1357"); /* typed digits are never shown */
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Onjuiste pincode.");
	assert_int_equal(term_wait_exit(t, 1100), -1); /* the wait after a wrong one (1 s) */
	EXPECT_TEXT(t, "Pincode om te stoppen:");
	term_send(t, PIN);
	EXPECT_TEXT(t, "Pincode om te stoppen: ••••");
	EXPECT_QUIT(t, "Enter");
}

/* Each wrong PIN doubles the wait before the next is even checked: guessing takes long. */
static void after_a_wrong_pin_the_next_waits_longer_each_time(void **state)
{
	write_config(*state, 60, 3); /* no idle wipe while the test waits */
	term *t = start_kiosk(*state);
	walk_keys(t, "q");
	EXPECT_TEXT(t, "Pincode om te stoppen:");
	term_send(t, "1357");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Onjuiste pincode. Opnieuw proberen kan over 1 seconde.");
	term_send(t, PIN); /* the right one, but too soon: not even checked */
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Nog even wachten: opnieuw proberen kan over 1 seconde.");
	assert_int_equal(term_wait_exit(t, 1100), -1);
	term_send(t, "9999");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Onjuiste pincode. Opnieuw proberen kan over 2 seconden.");
	assert_int_equal(term_wait_exit(t, 2100), -1);
	term_send(t, PIN);
	EXPECT_QUIT(t, "Enter");
}

/* Whether the process runs infokaart itself (its exec done), not the test's fork. */
static bool runs_infokaart(term *t)
{
	char link[64], exe[1024];
	snprintf(link, sizeof link, "/proc/%d/exe", (int)term_pid(t));
	ssize_t n = readlink(link, exe, sizeof exe - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	const char *base = strrchr(exe, '/');
	return base && strcmp(base + 1, "infokaart") == 0;
}

/* Waits until the program has path open (it reads it), or fails the test after the deadline. */
static void wait_until_open(term *t, const char *path)
{
	char dir[64], link[700], target[1024];
	snprintf(dir, sizeof dir, "/proc/%d/fd", (int)term_pid(t));
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		DIR *d = runs_infokaart(t) ? opendir(dir) : NULL;
		struct dirent *e;
		while (d && (e = readdir(d))) {
			snprintf(link, sizeof link, "%s/%s", dir, e->d_name);
			ssize_t n = readlink(link, target, sizeof target - 1);
			if (n > 0 && (target[n] = '\0', strcmp(target, path) == 0)) {
				closedir(d);
				return;
			}
		}
		if (d)
			closedir(d);
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 < WALK_WAIT_MS);
	fail_msg("the program never opened %s", path);
}

/* Ctrl-C (typed and as a signal), Ctrl-\\ and Ctrl-Z while the kiosk is still loading its
 * content, before any screen: they must not stop it. The catalogue is a FIFO that the test
 * fills only after the keys, so the program is held right there. */
static void ctrl_c_while_it_starts_does_not_stop_it(void **state)
{
	walk_ctx *w = *state;
	const char *content = getenv("INFOKAART_CONTENT");
	assert_non_null(content);
	char cmd[2400], fifo[800], dir[700];
	snprintf(dir, sizeof dir, "%s/content", w->dir);
	snprintf(cmd, sizeof cmd, "cp -r '%s' '%s' && rm '%s/activities.json'", content, dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(fifo, sizeof fifo, "%s/activities.json", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	int fd = open(fifo, O_RDWR | O_CLOEXEC); /* a writer that writes nothing yet: the reader waits */
	assert_true(fd >= 0);
	walk_ctx_setenv(w, "INFOKAART_CONTENT", dir);
	term *t = walk_spawn(w, 24, 80, NULL);
	wait_until_open(t, fifo); /* held there, in the middle of starting */
	term_send(t, "\x03\x1c\x1a"); /* typed before any raw mode: the terminal makes them signals */
	term_kill(t, SIGINT);
	term_kill(t, SIGQUIT);
	assert_int_equal(term_wait_exit(t, 500), -1);
	snprintf(cmd, sizeof cmd, "%s/activities.json", content);
	FILE *src = fopen(cmd, "rb");
	assert_non_null(src);
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, src)) > 0)
		assert_int_equal(write(fd, buf, n), (ssize_t)n);
	fclose(src);
	close(fd);
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_TEXT(t, "( ) Huisarts");
	assert_int_equal(term_wait_exit(t, 300), -1);
	leave_with_pin(t);
}

static void kiosk_choose(term *t, const walk_spec *s, char *activity, size_t an);

/* A kiosk walk of *s (without a note: the kiosk has no note field) up to the record form. */
static void to_the_form(term *t, walk_spec *s, char *activity, size_t an)
{
	s->note = NULL;
	walk_questions(t, s);
	kiosk_choose(t, s, activity, an);
}

/* The finished screen with the case code is wiped long before the walk's idle time. */
static void the_finished_screen_is_wiped_soon(void **state)
{
	walk_ctx *w = *state;
	write_config(w, 600, 3);
	term *t = start_kiosk(w);
	walk_spec s = walk_huisarts;
	char activity[200], code[32];
	to_the_form(t, &s, activity, sizeof activity);
	walk_keys(t, "Left Enter Left Enter Enter Enter");
	walk_expect_done(t, &s, code, sizeof code);
	/* 20 s and the 3 s countdown: well within 30 s, where the walk itself waits 10 minutes */
	assert_true(term_wait_text(t, "Bent u er nog?", 30000));
	assert_true(term_wait_gone(t, code, 10000));
	EXPECT_TEXT(t, "( ) Huisarts");
	leave_with_pin(t);
}

static void without_a_pin_q_says_one_is_needed_and_esc_returns(void **state)
{
	term *t = start_kiosk(*state);
	walk_keys(t, "1");
	EXPECT_TEXT(t, "(•) Huisarts");
	walk_keys(t, "q");
	EXPECT_TEXT(t, "Stoppen kan alleen met een pincode. Die is nog niet ingesteld:");
	EXPECT_TEXT(t, "'infokaart set-pin'");
	walk_keys(t, "Enter"); /* no way out from the keyboard */
	assert_int_equal(term_wait_exit(t, 300), -1);
	walk_keys(t, "Esc");
	EXPECT_GONE(t, "Stoppen kan alleen met een pincode.");
	EXPECT_TEXT(t, "(•) Huisarts");
	term_kill(t, SIGTERM); /* how systemd stops it: a clean end */
	EXPECT_EXIT(t, 0);
}

/* The suggestions in the kiosk (no search in its footer): highlights the spec's suggestion,
 * writes its name, opens its details and chooses it; stops on the record form. */
static void kiosk_choose(term *t, const walk_spec *s, char *activity, size_t an)
{
	walk_to_suggestions(t, s, "F2 ! crisishulp");
	EXPECT_ABSENT(t, "/ zoeken");
	walk_pick(t, s, activity, an);
}

static void there_is_no_search_and_no_note_field(void **state)
{
	term *t = start_kiosk(*state);
	walk_keys(t, "/");
	walk_keys(t, "1"); /* typed into a search field, this would choose nothing */
	EXPECT_TEXT(t, "(•) Huisarts");
	EXPECT_ABSENT(t, "Zoek");
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "Dit is de eerste vraag.");
	walk_spec s = walk_huisarts;
	s.note = NULL;
	walk_questions(t, &s);
	char activity[200];
	kiosk_choose(t, &s, activity, sizeof activity);
	EXPECT_TEXT(t, "Toestemming persoon:");
	EXPECT_TEXT(t, "[ Vastleggen ]"); /* the last field: the form is drawn */
	EXPECT_ABSENT(t, "Notitie");
	EXPECT_ABSENT(t, "Geen namen.");
	walk_keys(t, "/ F6"); /* neither opens anything on the form */
	walk_keys(t, "Left");
	EXPECT_TEXT(t, "(•) ja");
	EXPECT_ABSENT(t, "Zoek");
	EXPECT_ABSENT(t, "Notitie");
	leave_with_pin(t);
}

static void a_whole_walk_records_the_referral_without_a_note(void **state)
{
	walk_ctx *w = *state;
	term *t = start_kiosk(w);
	walk_spec s = walk_huisarts;
	char activity[200], code[32];
	to_the_form(t, &s, activity, sizeof activity);
	EXPECT_TEXT(t, "Nagaan op:");
	walk_keys(t, "Left"); /* consent: ja */
	EXPECT_TEXT(t, "(•) ja");
	walk_keys(t, "Enter Left"); /* to how; mondeling */
	EXPECT_TEXT(t, "(•) mondeling");
	walk_keys(t, "Enter Enter"); /* to the date; past it (no note) to [ Vastleggen ] */
	walk_keys(t, "Enter");       /* store */
	walk_expect_done(t, &s, code, sizeof code);
	walk_check_last_record(w->db, 1, &s, activity, code); /* note: NULL */
	leave_with_pin(t);
	assert_int_equal(walk_db_read(w->db, NULL), 1);
}

int main(int argc, char **argv)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, walk_teardown)
	const struct CMUnitTest tests[] = {
		T(idle_countdown_then_wipes_the_answers_and_shows_the_welcome_again),
		T(a_key_during_the_countdown_keeps_the_answers),
		T(the_untouched_welcome_screen_never_counts_down),
		T(ctrl_c_ctrl_z_and_ctrl_backslash_do_nothing),
		T(interrupt_stop_and_quit_signals_are_ignored),
		T(q_asks_for_the_pin_a_wrong_one_is_refused_the_right_one_exits),
		T(after_a_wrong_pin_the_next_waits_longer_each_time),
		T(ctrl_c_while_it_starts_does_not_stop_it),
		T(the_finished_screen_is_wiped_soon),
		cmocka_unit_test_setup_teardown(without_a_pin_q_says_one_is_needed_and_esc_returns,
		                                setup_without_pin, walk_teardown),
		T(there_is_no_search_and_no_note_field),
		T(a_whole_walk_records_the_referral_without_a_note),
	};
#undef T
	return WALK_RUN(argc, argv, tests);
}
