/* walk.h: what the infokaart end-to-end tests share. A fresh temporary folder and environment
 * per test (pinned clock, own database, never $HOME), waits that fail the test with the screen
 * shown, key sequences written as words, the content read independently of the program (to
 * know question texts and to compute the expected profile from profiles.json's rules), walk
 * specifications that both the screen and the --plain walk follow, and the referral read back
 * from SQLite. Every wait has a deadline; nothing sleeps and hopes. */
#ifndef INFOKAART_E2E_WALK_H
#define INFOKAART_E2E_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "term.h"

enum { WALK_WAIT_MS = 15000 }; /* generous: only a failing wait ever takes this long */

/* The pinned clock: 2026-11-23; the default follow-up date is 14 days later. */
#define WALK_NOW "1795445981"
#define WALK_TODAY "2026-11-23"
#define WALK_DEFAULT_FOLLOWUP "2026-12-07"

/* One test's world: a temporary folder holding the database, and the extra environment every
 * spawned program gets (INFOKAART_DB, INFOKAART_NOW, ESCDELAY, LC_ALL, INFOKAART_CONTENT;
 * HOME, XDG_DATA_HOME and XDG_CONFIG_HOME in the folder; and empty NO_COLOR, LANG, LANGUAGE
 * and LC_MESSAGES so the runner's own settings cannot change colours or the language). */
typedef struct {
	char dir[512]; /* the temporary folder (removed by walk_ctx_free) */
	char db[600];  /* INFOKAART_DB: dir/t.db unless walk_ctx_set_db changed it */
	char *env[24]; /* "NAME=value", NULL-terminated; owned */
	int nenv;
	term *t; /* the program on screen, if any (freed by walk_ctx_free) */
	const void *arg; /* a table-driven test's case (WALK_CASE), else NULL */
} walk_ctx;

/* Makes the folder and the environment. Fails the test if it cannot. */
walk_ctx *walk_ctx_new(void);
/* Adds or replaces "NAME=value" in the environment. */
void walk_ctx_setenv(walk_ctx *w, const char *name, const char *value);
/* Points INFOKAART_DB somewhere else (an absolute path). */
void walk_ctx_set_db(walk_ctx *w, const char *path);
/* Kills what still runs, removes the folder. Accepts NULL. */
void walk_ctx_free(walk_ctx *w);

/* The infokaart binary under test (argv[1] of the test program). */
extern const char *walk_program;
/* Sets walk_program from argc/argv and loads the content ($INFOKAART_CONTENT); prints a TAP
 * "Bail out!" and returns false when either is missing. */
bool walk_init(int argc, char **argv);
void walk_done(void);

/* --- the test program --- */

struct CMUnitTest;
/* cmocka setup and teardown: *state becomes a fresh walk_ctx whose arg is what *state held
 * before (a WALK_CASE's case), freed after the test, also when it failed. */
int walk_setup(void **state);
int walk_teardown(void **state);
/* A test in a fresh walk_ctx; a table-driven test's case under a name of its own. */
#define WALK_TEST(fn) cmocka_unit_test_setup_teardown(fn, walk_setup, walk_teardown)
#define WALK_CASE(test, fn, arg)                                                                   \
	{                                                                                          \
		.name = #test, .test_func = (fn), .setup_func = walk_setup,                        \
		.teardown_func = walk_teardown, .initial_state = (void *)(arg)                      \
	}
/* The whole test program: walk_init (a TAP "Bail out!" and status 1 when it fails), the tests
 * as one cmocka group with group_setup and group_teardown (NULL: none), walk_done. Returns the
 * exit status. WALK_RUN runs a test table without group fixtures. */
int walk_main(int argc, char **argv, const struct CMUnitTest *tests, size_t n,
              int (*group_setup)(void **), int (*group_teardown)(void **));
#define WALK_RUN(argc, argv, tests)                                                                \
	walk_main((argc), (argv), (tests), sizeof(tests) / sizeof(tests)[0], NULL, NULL)

/* Starts infokaart (with extra arguments, NULL-terminated list, may be NULL) in a rows x cols
 * terminal with the context's environment (replacing a program started before); the context
 * frees it. */
term *walk_spawn(walk_ctx *w, int rows, int cols, const char *const args[]);

/* Waits for needle to appear (or to go) or fails the test at the caller's line with the
 * screen dumped. */
#define EXPECT_TEXT(t, needle) walk_expect((t), (needle), true, __FILE__, __LINE__)
#define EXPECT_GONE(t, needle) walk_expect((t), (needle), false, __FILE__, __LINE__)
void walk_expect(term *t, const char *needle, bool present, const char *file, int line);
/* Fails the test at once, with the screen dumped, when needle is on the screen now (after
 * reading what output is available). Wait first for a text drawn after it in the same frame:
 * what a frame has not reached yet is absent too. */
#define EXPECT_ABSENT(t, needle) walk_expect_absent((t), (needle), __FILE__, __LINE__)
void walk_expect_absent(term *t, const char *needle, const char *file, int line);

/* Fails the test at the caller's line, with the whole output shown, when needle is not in
 * out (EXPECT_IN) or is in it (EXPECT_NOT_IN): for what a program wrote on a pipe. */
#define EXPECT_IN(out, needle) walk_expect_in((out), (needle), true, __FILE__, __LINE__)
#define EXPECT_NOT_IN(out, needle) walk_expect_in((out), (needle), false, __FILE__, __LINE__)
void walk_expect_in(const char *out, const char *needle, bool present, const char *file, int line);

/* Waits for the child to exit with status, then checks that no sanitizer complained on the
 * screen (LeakSanitizer reports after endwin). */
#define EXPECT_EXIT(t, status) walk_expect_exit((t), (status), __FILE__, __LINE__)
void walk_expect_exit(term *t, int status, const char *file, int line);

/* Sends keys after which the program must end with status 0 (EXPECT_QUIT), or stops with
 * unsaved answers: q, the question "Wilt u stoppen?", j, and status 0 (STOP_AND_CONFIRM). */
#define EXPECT_QUIT(t, keys) walk_expect_quit((t), (keys), __FILE__, __LINE__)
#define STOP_AND_CONFIRM(t) walk_stop_and_confirm((t), __FILE__, __LINE__)
void walk_expect_quit(term *t, const char *keys, const char *file, int line);
void walk_stop_and_confirm(term *t, const char *file, int line);

/* Sends keys written as words separated by spaces: a key name from term.h ("Down", "Enter",
 * "Esc", "F2", "PgDn"), or anything else as the bytes themselves ("q", "3", "!"). "Space"
 * is the space bar. */
void walk_keys(term *t, const char *keys);

/* Waits for a question's text (its start: the whole of it may wrap). */
#define EXPECT_QUESTION(t, qid) walk_expect_question((t), (qid), __FILE__, __LINE__)
void walk_expect_question(term *t, const char *qid, const char *file, int line);

/* The first screen row containing needle, or -1. */
int walk_find_row(term *t, const char *needle);
/* Waits until the row containing needle is drawn as the highlighted one (reverse video, or a
 * foreground colour, at column col); returns that row. Fails the test after the deadline. */
#define EXPECT_SELECTED(t, needle, col)                                                            \
	walk_expect_selected((t), (needle), (col), __FILE__, __LINE__)
int walk_expect_selected(term *t, const char *needle, int col, const char *file, int line);
/* Waits until the attributes (TERM_ATTR_*) at row, col are exactly want. */
#define EXPECT_ATTR(t, row, col, want)                                                             \
	walk_expect_attr((t), (row), (col), (want), __FILE__, __LINE__)
void walk_expect_attr(term *t, int row, int col, int want, const char *file, int line);
/* Copies the text of row (trimmed) into out. */
void walk_row_text(term *t, int row, char *out, size_t n);

/* --- the content, read by the test itself --- */

/* The Dutch text of a question, of an option (by id), an option's 0-based index; a prefix
 * short enough to stay on one screen row (at most max bytes, cut at a character). Fail the
 * test for an unknown id. */
const char *walk_question_text(const char *qid);
const char *walk_option_text(const char *qid, const char *opt);
int walk_option_index(const char *qid, const char *opt);
void walk_prefix(const char *s, size_t max, char *out, size_t n);
/* The activity id for its display name; NULL if none has that name. */
const char *walk_activity_id(const char *name);
/* A profile's Dutch name for its id. */
const char *walk_profile_name(const char *id);

/* --- walks --- */

/* One answer: a question id and its value: option ids separated by spaces (choices), a
 * number (scale, number), or text. */
typedef struct {
	const char *qid;
	const char *value;
} walk_answer;

/* A walk through the whole card, as the signaller answers it. Questions not listed are
 * optional ones left empty, or ones whose `when` does not hold (they must not be shown). */
typedef struct {
	walk_answer answers[24]; /* in walk order, ending with {NULL, NULL} */
	bool arrows;             /* screen: choose single answers with ↓ and Enter, not digits */
	int suggestion;          /* 0-based place in the suggestion list (< 9) */
	bool consent;            /* the person agrees */
	const char *how;         /* "mondeling" or "schriftelijk" when consent */
	const char *date_keys;   /* screen: keys on the date field, NULL for the default */
	const char *followup;    /* the follow-up date these keys give (plain types it) */
	const char *note;        /* NULL: none */
} walk_spec;

/* The referral as the database holds it. */
typedef struct {
	char case_code[32], role[64], profile[64], activity[64], wijk[64], age_group[64];
	char loneliness[256], consent_how[32], followup_date[16];
	int consent;
	bool note_null;
	char note[256];
} walk_record;

/* Four walks with different roles and answers (walks.c); the screen and --plain tests both
 * follow them. */
extern const walk_spec walk_huisarts, walk_wijkagent, walk_winkel, walk_vrijwilliger;

/* The value of an answer in the spec, or NULL. */
const char *walk_spec_value(const walk_spec *s, const char *qid);
/* The profile id profiles.json's rules give for the spec's answers (exactly one must hold). */
const char *walk_expected_profile(const walk_spec *s);

/* The id of the first question (the role). */
const char *walk_first_question(void);
/* Screen: answers every question of the spec from the first question on (and Enter on the
 * conversation guide), checking that each choice is marked before going on; stops when the
 * profile screen comes. walk_questions_from starts at question `first` (on screen or coming
 * next; a guide before it is taken as passed) and stops before question `stop` (NULL: after
 * the last question). */
void walk_questions(term *t, const walk_spec *s);
void walk_questions_from(term *t, const walk_spec *s, const char *first, const char *stop);
/* Screen: on the first question, role huisarts (1), then the first signal of the next one
 * ticked (1): two answers, both seen marked, that stopping would lose. */
void walk_answer_two(term *t);
/* Screen: from the profile screen to "Vastgelegd", in three parts. walk_choose checks the
 * proposed profile, highlights the spec's suggestion, writes the name read off the highlighted
 * row, opens its details with Enter and chooses it with Enter; it stops on the record form.
 * walk_record_form fills in consent, how, the date and the note, and presses Enter on
 * [ Vastleggen ]. walk_expect_done waits for "Vastgelegd" and writes the case code shown. */
void walk_to_done(term *t, const walk_spec *s, char *activity, size_t an, char *code, size_t cn);
void walk_choose(term *t, const walk_spec *s, char *activity, size_t an);
/* walk_choose in two halves: from the profile screen to the whole suggestion list (its footer,
 * drawn last, says so: "/ zoeken" but in a kiosk), and from there to the record form. */
void walk_to_suggestions(term *t, const walk_spec *s, const char *footer);
void walk_pick(term *t, const walk_spec *s, char *activity, size_t an);
void walk_record_form(term *t, const walk_spec *s);
void walk_expect_done(term *t, const walk_spec *s, char *code, size_t cn);

/* Plain: the whole walk as input lines (caller frees). */
char *walk_plain_input(const walk_spec *s);

/* Reads the referral rows; returns how many there are (0 when the file or the table does
 * not exist) and fills *r with the last one (r may be NULL: only the count). */
int walk_db_read(const char *db, walk_record *r);
/* Runs a query that gives one integer (e.g. a count) on the database, read-only; 0 when the
 * file does not exist. Fails the test when the query does not run. */
int walk_db_int(const char *db, const char *sql);
/* The rows of a table; 0 when the file or the table does not exist. */
int walk_db_rows(const char *db, const char *table);
/* Checks the record against the spec: role, wijk, age group, kinds of loneliness, profile
 * (from the rules), the activity (by the name shown), consent, how, follow-up date, note. */
void walk_check_record(const walk_record *r, const walk_spec *s, const char *activity_name,
                       const char *case_code);
/* Reads the database: it holds n referrals, the last one as walk_check_record says. */
void walk_check_last_record(const char *db, int n, const walk_spec *s, const char *activity_name,
                            const char *case_code);

/* Runs infokaart with args (NULL-terminated) and the context's environment, its standard
 * input, output and error on pipes: writes input (then closes it), reads everything until the
 * program ends. Returns the exit status (128 + signal); kills it and fails the test after
 * the deadline. *out and *err are NUL-terminated; caller frees. */
int walk_run_piped(walk_ctx *w, const char *const args[], const char *input, char **out,
                   char **err);
/* walk_run_piped of `infokaart --plain`; fails the test when anything went to standard error.
 * *out: the output (caller frees). */
int walk_run_plain(walk_ctx *w, const char *input, char **out);

#endif
