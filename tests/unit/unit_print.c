/* unit_print.c: the slip on paper (print.h) and `infokaart print-slip`. print_text runs a fake
 * `lp` (a shell script first on PATH that writes its arguments and its standard input to
 * files), so no printer is needed: the text reaches lp's stdin, -d names the printer, lp's own
 * error comes back in plain words, and with no lp on PATH the message says CUPS is missing.
 * The slip of a recorded referral is built from the store; the command is run for real
 * ($INFOKAART_BUILD_ROOT/infokaart) on a database seeded through the store API. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "content.h"
#include "load.h"
#include "print.h"
#include "store.h"
#include "util.h"

#define NOW_TEXT "1710504000" /* 2024-03-15 12:00 UTC */

static content *C;

typedef struct {
	char *dir, *bin;  /* temporary folder; the folder the fake lp lives in */
	char *old_path;   /* PATH before the test */
} fixture;

static const char *env_dir(const char *name)
{
	const char *v = getenv(name);
	if (!v || !*v)
		fail_msg("%s is not set (run the tests with meson test)", name);
	return v;
}

static char *slurp(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	char *s = read_file(p, NULL);
	free(p);
	return s;
}

/* A fake lp: writes "$@" one per line to argv, stdin to stdin, then runs `tail`. */
static void fake_lp(const fixture *f, const char *tail)
{
	char *p = xasprintf("%s/lp", f->bin);
	FILE *out = fopen(p, "w");
	assert_non_null(out);
	fprintf(out, "#!/bin/sh\nprintf '%%s\\n' \"$@\" > '%s/argv'\ncat > '%s/stdin'\n%s\n", f->dir, f->dir, tail);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(chmod(p, 0755), 0);
	free(p);
}

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	fixture *f = xcalloc(1, sizeof *f);
	f->dir = xasprintf("%s/ik_unit_print_XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	f->bin = xasprintf("%s/bin", f->dir);
	mkdir(f->bin, 0700);
	const char *path = getenv("PATH");
	f->old_path = xstrdup(path ? path : "/usr/bin:/bin");
	char *p = xasprintf("%s:/usr/bin:/bin", f->bin);
	setenv("PATH", p, 1);
	free(p);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	setenv("PATH", f->old_path, 1);
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(cmd);
	free(f->dir);
	free(f->bin);
	free(f->old_path);
	free(f);
	return 0;
}

static void print_text_sends_the_text_on_lps_stdin(void **state)
{
	fixture *f = *state;
	fake_lp(f, "echo 'request id is kantoor-12 (1 file(s))'");
	char msg[256];
	const char *text = "Een plek voor u\n\nKoffieochtend (Buurthuis)\nÉén keer per week.\n";
	assert_int_equal(print_text(text, "kantoor", msg, sizeof msg), 0);
	assert_string_equal(msg, "Afgedrukt op kantoor (opdracht kantoor-12).");
	char *argv = slurp(f->dir, "argv"), *in = slurp(f->dir, "stdin");
	assert_string_equal(argv, "-t\ninfokaart\n-d\nkantoor\n");
	assert_string_equal(in, text);
	free(argv);
	free(in);
}

static void print_text_without_a_printer_uses_the_default(void **state)
{
	fixture *f = *state;
	fake_lp(f, "exit 0");
	char msg[256];
	assert_int_equal(print_text("x\n", "", msg, sizeof msg), 0);
	assert_string_equal(msg, "Afgedrukt op de standaardprinter.");
	char *argv = slurp(f->dir, "argv");
	assert_string_equal(argv, "-t\ninfokaart\n");
	free(argv);
}

static void print_text_passes_a_printer_name_as_one_argument(void **state)
{
	fixture *f = *state;
	fake_lp(f, "exit 0");
	char msg[256];
	assert_int_equal(print_text("x\n", "a;touch$IFS/tmp/x", msg, sizeof msg), 0); /* no shell */
	char *argv = slurp(f->dir, "argv");
	assert_string_equal(argv, "-t\ninfokaart\n-d\na;touch$IFS/tmp/x\n");
	free(argv);
}

static void print_text_says_what_lp_said_when_it_fails(void **state)
{
	fixture *f = *state;
	fake_lp(f, "echo 'lp: Error - The printer or class does not exist.' >&2; echo second line >&2; exit 1");
	char msg[256];
	assert_int_equal(print_text("x\n", "kantoor", msg, sizeof msg), -1);
	assert_string_equal(msg, "Afdrukken op kantoor is niet gelukt: lp: Error - The printer or class does not exist.");
	fake_lp(f, "echo 'lp: Error - No default destination.' >&2; exit 1");
	assert_int_equal(print_text("x\n", NULL, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "No default destination"));
	assert_non_null(strstr(msg, "printer = NAAM"));
	fake_lp(f, "exit 3");
	assert_int_equal(print_text("x\n", "kantoor", msg, sizeof msg), -1);
	assert_string_equal(msg, "Afdrukken is niet gelukt: lp stopte met code 3.");
}

static void print_text_without_lp_says_cups_is_missing(void **state)
{
	fixture *f = *state;
	setenv("PATH", f->bin, 1); /* an empty folder: no lp anywhere */
	char msg[256];
	assert_int_equal(print_text("x\n", "", msg, sizeof msg), -1);
	assert_string_equal(msg, "Er is geen printer ingesteld: lp (CUPS) is niet geïnstalleerd.");
	setenv("PATH", "", 1);
	assert_int_equal(print_text("x\n", "kantoor", msg, sizeof msg), -1);
	assert_string_equal(msg, "Er is geen printer ingesteld: lp (CUPS) is niet geïnstalleerd.");
}

static void print_text_survives_an_lp_that_does_not_read(void **state)
{
	fixture *f = *state;
	char *p = xasprintf("%s/lp", f->bin);
	FILE *out = fopen(p, "w");
	assert_non_null(out);
	fputs("#!/bin/sh\nexec 0<&-\nexit 0\n", out); /* closes stdin at once: our writes meet EPIPE */
	assert_int_equal(fclose(out), 0);
	chmod(p, 0755);
	free(p);
	size_t n = 4 << 20;
	char *big = xmalloc(n + 1);
	memset(big, 'x', n);
	big[n] = '\0';
	char msg[256];
	assert_int_equal(print_text(big, "", msg, sizeof msg), 0); /* and no SIGPIPE ended us */
	free(big);
}

static store_referral sample(const char *code, const char *activity)
{
	store_referral r;
	memset(&r, 0, sizeof r);
	snprintf(r.case_code, sizeof r.case_code, "%s", code);
	r.created_at = 1710504000;
	strcpy(r.role, "wijkagent");
	strcpy(r.profile, "contact_aan_huis");
	snprintf(r.activity, sizeof r.activity, "%s", activity);
	strcpy(r.wijk, "overvecht");
	r.consent = true;
	strcpy(r.consent_how, "mondeling");
	strcpy(r.followup_date, "2024-03-29");
	return r;
}

static void print_slip_text_holds_activity_date_code_and_crisis_lines(void **state)
{
	store_referral r = sample("K7M-4QXRT", "nizu_infolijn");
	char *s = print_slip_text(C, &r, LANG_NL);
	assert_true(strncmp(s, "Een plek voor u\n\nNIZU infolijn (", 31) == 0);
	assert_non_null(strstr(s, "Aanmelden: Bel de infolijn"));
	assert_non_null(strstr(s, "Telefoon: 030-2361745\n"));
	assert_non_null(strstr(s, "We vragen rond 2024-03-29 hoe het gaat. Uw code: K7M-4QXRT\n"));
	assert_non_null(strstr(s, "113"));
	free(s);
	r = sample("K7M-4QXRT", "weggehaald");
	s = print_slip_text(C, &r, LANG_EN);
	assert_non_null(strstr(s, "weggehaald (staat niet meer in de catalogus)"));
	assert_non_null(strstr(s, "Uw code: K7M-4QXRT"));
	free(s);
}

/* --- the command --- */

typedef struct {
	int status;
	char *out, *err;
} result;

static result run(const fixture *f, const char *const *args)
{
	char *argv[16];
	int n = 0;
	argv[n++] = xasprintf("%s/infokaart", env_dir("INFOKAART_BUILD_ROOT"));
	for (; *args && n < 15; args++)
		argv[n++] = (char *)*args;
	argv[n] = NULL;
	char *o = xasprintf("%s/out", f->dir), *e = xasprintf("%s/err", f->dir);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fo = open(o, O_WRONLY | O_CREAT | O_TRUNC, 0600), fe = open(e, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fo < 0 || fe < 0 || dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
			_exit(126);
		setenv("INFOKAART_NOW", NOW_TEXT, 1);
		execv(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	result r = {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(o, NULL), read_file(e, NULL)};
	assert_non_null(r.out);
	assert_non_null(r.err);
	free(o);
	free(e);
	free(argv[0]);
	return r;
}

static void print_slip_command_shows_and_prints_the_newest_referral(void **state)
{
	fixture *f = *state;
	char *db = xasprintf("%s/records.db", f->dir), *cfg = xasprintf("%s/config", f->dir);
	store *s = NULL;
	store_err err = {0};
	if (store_open(db, &s, &err) != 0)
		fail_msg("store_open: %s", err.msg);
	store_referral old = sample("K7M-4QXRT", "buurtteams"), newer = sample("K7M-4QXRT", "nizu_infolijn");
	newer.created_at += 86400;
	strcpy(newer.followup_date, "2024-04-05");
	assert_int_equal(store_referral_insert(s, &old, &err), 0);
	assert_int_equal(store_referral_insert(s, &newer, &err), 0);
	store_close(s);

	const char *show[] = {"--db", db, "print-slip", "k7m 4qxrt", NULL};
	result r = run(f, show);
	if (r.status != 0 || !strstr(r.out, "NIZU infolijn") || !strstr(r.out, "2024-04-05"))
		fail_msg("exit %d\n%s\n%s", r.status, r.out, r.err);
	free(r.out);
	free(r.err);

	FILE *c = fopen(cfg, "w");
	assert_non_null(c);
	fputs("printer = kantoor\n", c);
	assert_int_equal(fclose(c), 0);
	fake_lp(f, "echo 'request id is kantoor-7 (1 file(s))'");
	const char *print[] = {"--db", db, "--config", cfg, "print-slip", "K7M-4QXRT", "--print", NULL};
	r = run(f, print);
	if (r.status != 0 || !strstr(r.out, "Afgedrukt op kantoor (opdracht kantoor-7)."))
		fail_msg("exit %d\n%s\n%s", r.status, r.out, r.err);
	char *in = slurp(f->dir, "stdin"), *argv = slurp(f->dir, "argv");
	assert_non_null(strstr(in, "Uw code: K7M-4QXRT"));
	assert_string_equal(argv, "-t\ninfokaart\n-d\nkantoor\n");
	free(in);
	free(argv);
	free(r.out);
	free(r.err);

	const char *unknown[] = {"--db", db, "print-slip", "AAA-BBBBB", NULL};
	r = run(f, unknown);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "AAA-BBBBB"));
	free(r.out);
	free(r.err);
	const char *bad[] = {"--db", db, "print-slip", NULL};
	r = run(f, bad);
	assert_int_equal(r.status, 2);
	free(r.out);
	free(r.err);
	free(db);
	free(cfg);
}

static int load_content(void **state)
{
	diags d = {0};
	int rc = content_load(env_dir("INFOKAART_CONTENT"), &C, &d);
	diags_print(&d, stderr);
	diags_free(&d);
	return rc;
}

static int free_content(void **state)
{
	content_free(C);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(print_text_sends_the_text_on_lps_stdin, setup, teardown),
		cmocka_unit_test_setup_teardown(print_text_without_a_printer_uses_the_default, setup, teardown),
		cmocka_unit_test_setup_teardown(print_text_passes_a_printer_name_as_one_argument, setup, teardown),
		cmocka_unit_test_setup_teardown(print_text_says_what_lp_said_when_it_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(print_text_without_lp_says_cups_is_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(print_text_survives_an_lp_that_does_not_read, setup, teardown),
		cmocka_unit_test(print_slip_text_holds_activity_date_code_and_crisis_lines),
		cmocka_unit_test_setup_teardown(print_slip_command_shows_and_prints_the_newest_referral, setup, teardown),
	};
	return cmocka_run_group_tests(tests, load_content, free_content);
}
