/* main.c: reads the command line, resolves paths and the clock into the app struct, and
 * hands over to a front end (ncurses TUI, --plain line mode) or a subcommand. Only main
 * decides to exit. */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "buildinfo.h"
#include "cli_common.h"
#include "commands.h"
#include "config.h"
#include "i18n.h"
#include "plain.h"
#include "tui.h"

static bool is_dir(const char *p)
{
	struct stat st;
	return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Run from its build folder, the program finds "infokaart-uninstalled" beside it (meson
 * writes it there, never installs it): `key` from it (content, localedir), malloc'd; NULL for
 * an installed program. No build path is compiled in. */
static char *uninstalled_path(const char *key)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 32);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	strcpy(slash + 1, "infokaart-uninstalled");
	FILE *f = fopen(exe, "r");
	if (!f)
		return NULL;
	char line[4096], *found = NULL;
	size_t klen = strlen(key);
	while (!found && fgets(line, sizeof line, f))
		if (strncmp(line, key, klen) == 0 && line[klen] == '=') {
			line[strcspn(line, "\n")] = '\0';
			found = xstrdup(line + klen + 1);
		}
	fclose(f);
	return found;
}

/* Run from the build folder: the source tree's content, so a change there shows up without
 * installing. Otherwise the installed data folder. */
static char *default_content(void)
{
	char *dir = uninstalled_path("content");
	if (is_dir(dir))
		return dir;
	free(dir);
	return xstrdup(INFOKAART_DATADIR);
}

static char *default_db(void)
{
	const char *env = getenv("INFOKAART_DB");
	if (env && *env)
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/infokaart/infokaart.db", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/infokaart/infokaart.db", home && *home ? home : ".");
}

/* The clock: now, or INFOKAART_NOW (for tests and training: unix seconds from 2000 to 2999).
 * Returns -1 after saying why when INFOKAART_NOW is no such number. */
static int set_clock(app *a)
{
	const char *pin = getenv("INFOKAART_NOW");
	a->now = (int64_t)time(NULL);
	if (pin && *pin) {
		char *end;
		errno = 0;
		long long v = strtoll(pin, &end, 10);
		if (errno || *end || v < 946684800LL || v > 32503680000LL) {
			fprintf(stderr, _("infokaart: INFOKAART_NOW='%s' is geen tijd (seconden sinds 1970, vanaf het jaar 2000).\n"), pin);
			return -1;
		}
		a->now = v;
	}
	time_t t = (time_t)a->now;
	struct tm tm;
	localtime_r(&t, &tm);
	a->today = date_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

/* The language the environment asks for, as gettext reads it: LANGUAGE first, then the first
 * of LC_ALL, LC_MESSAGES and LANG that is set; the C locale means Dutch (the source). */
static ik_lang lang_from_env(void)
{
	const char *v = getenv("LANGUAGE");
	if (v && *v)
		return strncmp(v, "en", 2) == 0 ? LANG_EN : LANG_NL;
	const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < ARRAY_LEN(vars); i++) {
		v = getenv(vars[i]);
		if (v && *v)
			return !i18n_c_locale(v) && strncmp(v, "en", 2) == 0 ? LANG_EN : LANG_NL;
	}
	return LANG_NL;
}

/* The locale's categories that the program and its libraries read, from the environment:
 * characters (text widths, ncurses), numbers (the decimal point of strtod, of cJSON and of the
 * loader, which follows them) and messages (gettext, strerror). The rest stay "C": nothing is
 * sorted or formatted by them (dates are written as numbers), and each is a file to load, 0.2
 * ms of every start together where the locale is not in the archive (C.UTF-8). A category
 * that a new use needs (LC_COLLATE for strcoll, LC_TIME for a month's name) is set here. */
static void locale_setup(void)
{
	static const int used[] = {LC_CTYPE, LC_NUMERIC, LC_MESSAGES};
	for (size_t i = 0; i < ARRAY_LEN(used); i++)
		setlocale(used[i], "");
}

/* Where the translations are: the build folder's own when run from there, else LOCALEDIR. */
static void i18n_setup(void)
{
	char *dir = uninstalled_path("localedir");
	bindtextdomain("infokaart", is_dir(dir) ? dir : INFOKAART_LOCALEDIR);
	free(dir);
	bind_textdomain_codeset("infokaart", "UTF-8");
	textdomain("infokaart");
}

/* Screens in the same language as the content (without an English locale the screens stay
 * Dutch while the content is English: i18n.h). */
static void i18n_language(ik_lang lang)
{
	i18n_set_english(lang == LANG_EN);
}

/* Reads the system's files, those of XDG_CONFIG_DIRS and then the user's (config_paths), or
 * only `only` when given; says what is wrong unless quiet (a first read that only looks for
 * `lang`, so that its mistakes are said in the language it asks for). */
static int read_config(ik_config *cfg, const char *only, bool quiet)
{
	diags d = {0};
	config_defaults(cfg);
	if (only) {
		if (access(only, R_OK) != 0)
			diags_add(&d, only, 0, 0, "%s", _("kan het instellingenbestand niet lezen"));
		config_read(only, cfg, &d);
	} else {
		char **paths = config_paths();
		for (int i = 0; paths[i]; i++)
			config_read(paths[i], cfg, &d);
		config_paths_free(paths);
	}
	if (!quiet)
		diags_print(&d, stderr);
	int n = d.n;
	diags_free(&d);
	return n ? -1 : 0;
}

/* What is typed (notes, answers, a PIN) lives in this process's memory: a crash must not leave
 * it in a core file, and no other process of the same user may read it through ptrace or
 * /proc/PID/mem. Before anything else is read. */
static void no_core_dumps(void)
{
	const struct rlimit none = {0, 0};
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/* Ctrl-C, Ctrl-Z and Ctrl-\ wait (blocked) from the first instruction until the mode is
 * known: the settings may make this a kiosk, which ignores them, and a signal in the first
 * milliseconds must not stop it. Any other mode lets them through again (a pending Ctrl-C
 * then acts as usual). */
static const int stop_signals[] = {SIGINT, SIGTSTP, SIGQUIT};

static void hold_stop_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < ARRAY_LEN(stop_signals); i++)
		sigaddset(&set, stop_signals[i]);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static void release_stop_signals(bool kiosk)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < ARRAY_LEN(stop_signals); i++) {
		sigaddset(&set, stop_signals[i]);
		if (kiosk)
			signal(stop_signals[i], SIG_IGN); /* a pending one is discarded */
	}
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* The value of --lang wherever it stands (main reads it again in order): every message of the
 * run, the first included, is in that language. -1 when there is none (or it is no language). */
static int lang_flag(int argc, char **argv)
{
	int lang = -1;
	for (int i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], "--lang") == 0 && (strcmp(argv[i + 1], "nl") == 0 || strcmp(argv[i + 1], "en") == 0))
			lang = argv[i + 1][0] == 'e' ? LANG_EN : LANG_NL;
	return lang;
}

int main(int argc, char **argv)
{
	hold_stop_signals();
	no_core_dumps();
	locale_setup();
	i18n_setup();
	app a = {0};
	const char *content_opt = NULL, *db_opt = NULL, *config_opt = NULL, *mode_opt = NULL;
	int lang_opt = -1;
	bool plain = false, help = false, takes_value;
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	int nrest = 0, rc = 0;
	a.lang = lang_flag(argc, argv) >= 0 ? (ik_lang)lang_flag(argc, argv) : lang_from_env();
	i18n_language(a.lang); /* for the messages below; again once flags and settings are read */
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		if (!cli_global_option(o, &takes_value)) {
			if (o[0] == '-' && o[1] && !nrest) {
				rc = cli_usage(_("onbekende optie '%s'."), o);
				goto out;
			}
			rest[nrest++] = argv[i]; /* the command and its own words and options */
		} else if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) {
			help = true;
		} else if (strcmp(o, "--version") == 0) {
			printf("infokaart %s\n", INFOKAART_VERSION);
			goto out;
		} else if (strcmp(o, "--plain") == 0) {
			plain = true;
		} else if (i + 1 == argc) {
			rc = cli_usage(_("optie %s heeft een waarde nodig."), o);
			goto out;
		} else {
			const char *v = argv[++i];
			if (strcmp(o, "--config") == 0)
				config_opt = v;
			else if (strcmp(o, "--mode") == 0)
				mode_opt = v;
			else if (strcmp(o, "--content") == 0)
				content_opt = v;
			else if (strcmp(o, "--db") == 0)
				db_opt = v;
			else if (strcmp(v, "nl") == 0 || strcmp(v, "en") == 0)
				lang_opt = v[0] == 'e' ? LANG_EN : LANG_NL;
			else {
				rc = cli_usage(_("taal '%s' onbekend: kies nl of en."), v);
				goto out;
			}
		}
	}
	if (help) { /* in the language asked for, before any settings file can stand in the way */
		i18n_language(lang_opt >= 0 ? (ik_lang)lang_opt : a.lang);
		cli_print_help(stdout);
		goto out;
	}
	const char *env_config = getenv("INFOKAART_CONFIG"); /* like --config; tests point it at /dev/null */
	if (!config_opt && env_config && *env_config)
		config_opt = env_config;
	if (lang_opt < 0) { /* lang = in the settings decides the language of their own mistakes too */
		read_config(&a.cfg, config_opt, true);
		if (a.cfg.lang[0])
			i18n_language(a.cfg.lang[0] == 'e' ? LANG_EN : LANG_NL);
	}
	if (read_config(&a.cfg, config_opt, false) != 0) {
		rc = 2;
		goto out;
	}
	if (mode_opt) {
		int m = config_mode_from_name(mode_opt);
		if (m < 0) {
			rc = cli_usage(_("modus '%s' onbekend: kies standard, kiosk, operator of training."), mode_opt);
			goto out;
		}
		a.cfg.mode = (ik_mode)m;
	}
	release_stop_signals(a.cfg.mode == MODE_KIOSK);
	if (lang_opt >= 0)
		a.lang = (ik_lang)lang_opt;
	else if (a.cfg.lang[0])
		a.lang = a.cfg.lang[0] == 'e' ? LANG_EN : LANG_NL;
	i18n_language(a.lang);
	const char *env_content = getenv("INFOKAART_CONTENT");
	char *content_dflt = content_opt || (env_content && *env_content) ? NULL : default_content();
	a.content_dir = content_opt ? content_opt : content_dflt ? content_dflt : env_content;
	char *db = db_opt ? xstrdup(db_opt) : default_db();
	a.db_path = db;
	if (set_clock(&a) != 0) {
		rc = 2;
		goto done;
	}

	const cli_command *cmd = nrest ? cli_command_find(rest[0]) : NULL;
	if (nrest && !cmd) {
		rc = cli_usage(_("onbekende opdracht '%s'."), rest[0]);
	} else if (cmd) {
		rc = cli_run(&a, cmd, rest + 1, nrest - 1);
	} else if (cli_load_content(&a) != 0) {
		rc = 1;
	} else {
		app_start_records(&a);
		rc = plain ? plain_run(&a, stdin, stdout) : tui_run(&a);
	}
done:
	content_free(a.c);
	free(content_dflt);
	free(db);
out:
	free(rest);
	/* what was written must have arrived: a full disk or a closed pipe is an error, not 0 */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("infokaart: de uitvoer kon niet worden geschreven: %s\n"), strerror(errno ? errno : EIO));
		if (rc == 0)
			rc = 1;
	}
	return rc;
}
