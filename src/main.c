/* main.c: reads the command line, resolves paths and the clock into the app struct, and
 * hands over to a front end (ncurses TUI, --plain line mode) or a subcommand. Only main
 * decides to exit. */
#include <errno.h>
#include <locale.h>
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
#include "cli.h"
#include "cli_hsds.h"
#include "cli_print.h"
#include "cli_records.h"
#include "config.h"
#include "i18n.h"
#include "plain.h"
#include "tui.h"

/* TRANSLATORS: keep the command and option words; the man page lists the same. */
static const char *const usage = N_(
	"Gebruik: infokaart [OPTIES] [OPDRACHT]\n"
	"\n"
	"Zonder opdracht start de schermversie: van signaal naar verwijzing.\n"
	"\n"
	"Opdrachten:\n"
	"  check [MAP|BESTAND…]          controleer de inhoud (standaard: de gebruikte inhoud)\n"
	"  questions --json              de vragen met hun ids, voor scripts\n"
	"  suggest --answers BESTAND [--json]\n"
	"                                profiel en suggesties voor een antwoordenbestand\n"
	"  set-pin                       stel de pincode in waarmee de kiosk te verlaten is\n"
	"  followups [--date JJJJ-MM-DD] [--format text|csv|json]\n"
	"                                nazorg die vandaag (of op die datum) te doen is\n"
	"  outcome CODE STATUS [--role ROL] [--djg A,B,C,D,E,F] [--next JJJJ-MM-DD]\n"
	"                                leg de uitkomst van nazorg vast\n"
	"  case CODE [--format text|csv|json] [--with-notes]\n"
	"                                alle verwijzingen van een code, met verloop\n"
	"  stats [--since JJJJ-MM-DD] [--format text|csv|json] [--from URL]\n"
	"                                overzichten: per maand, profiel, wijk, activiteit, rol;\n"
	"                                met --from van het hele netwerk (centrale database)\n"
	"  export [--format csv|json] [--since JJJJ-MM-DD] [--with-notes]\n"
	"                                de verwijzingen als tabel, zonder namen; CSV (ook van\n"
	"                                followups, case en stats) met --csv-sep ';' en --bom\n"
	"                                voor een spreadsheet in het Nederlands\n"
	"  purge [--days N]              verwijder notities na de bewaartermijn (retention_days,\n"
	"                                standaard 90 dagen); de opdrachten hierboven doen dat ook\n"
	"  delete CODE                   wis alles van een code; kan niet ongedaan worden\n"
	"  print-slip CODE [--print]     het briefje voor de persoon (met --print naar de printer)\n"
	"  import-hsds MAP|BESTAND [--out BESTAND]\n"
	"                                Open Referral HSDS-diensten als catalogus (activities.json)\n"
	"  export-hsds [--out BESTAND]   de catalogus als Open Referral HSDS 3.0\n"
	"  sync [--to URL] [--site-name NAAM] [--status]\n"
	"                                verstuur de verwijzingen naar de centrale PostgreSQL\n"
	"                                (sync_url) en haal een nieuwere catalogus op\n"
	"  catalogue publish [--to URL]  publiceer de catalogus (activities.json) centraal\n"
	"                                (alleen een coördinator)\n"
	"  central init|add-site NAAM|add-coordinator NAAM|sites|erase CODE|purge [--to URL]\n"
	"                                voor de coördinator: richt de centrale database in,\n"
	"                                voeg een site of coördinator toe, toon de sites, wis\n"
	"                                een code in het hele netwerk, verwijder oude notities\n"
	"                                centraal (--days N)\n"
	"\n"
	"Opties:\n"
	"  --plain            vragen als genummerde regels (schermlezer, braille, scripts)\n"
	"  --content MAP      map met de inhoud (anders $INFOKAART_CONTENT)\n"
	"  --db PAD           database (anders $INFOKAART_DB of\n"
	"                     $XDG_DATA_HOME/infokaart/infokaart.db)\n"
	"  --lang nl|en       taal van de schermen en de inhoud (anders uit LANG)\n"
	"  --mode M           standard, kiosk, operator of training\n"
	"  --config BESTAND   alleen dit instellingenbestand (anders /etc/infokaart/config\n"
	"                     en daarna $XDG_CONFIG_HOME/infokaart/config)\n"
	"  -h, --help         deze hulp\n"
	"  --version          versie\n"
	"\n"
	"Meer in 'man infokaart'.\n");

static bool is_dir(const char *p)
{
	struct stat st;
	return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Whether the program runs from its build folder (which holds build.ninja). */
static bool in_build_dir(void)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 32);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	strcpy(slash + 1, "build.ninja");
	return access(exe, F_OK) == 0;
}

/* Run from the build folder: the source tree's content, so a change there shows up without
 * installing. Otherwise the installed data folder. */
static const char *default_content(void)
{
	if (in_build_dir() && is_dir(INFOKAART_SOURCE_CONTENT))
		return INFOKAART_SOURCE_CONTENT;
	if (is_dir(INFOKAART_DATADIR))
		return INFOKAART_DATADIR;
	return INFOKAART_SOURCE_CONTENT;
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

static void set_clock(app *a)
{
	const char *pin = getenv("INFOKAART_NOW"); /* for tests and training: unix seconds */
	a->now = pin && *pin ? strtoll(pin, NULL, 10) : (int64_t)time(NULL);
	time_t t = (time_t)a->now;
	struct tm tm;
	localtime_r(&t, &tm);
	a->today = date_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static bool is_c_locale(const char *v)
{
	return strcmp(v, "C") == 0 || strncmp(v, "C.", 2) == 0 || strcmp(v, "POSIX") == 0;
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
			return !is_c_locale(v) && strncmp(v, "en", 2) == 0 ? LANG_EN : LANG_NL;
	}
	return LANG_NL;
}

/* Where the translations are: the build folder's own when run from there, else LOCALEDIR. */
static void i18n_setup(void)
{
	const char *dir = INFOKAART_LOCALEDIR;
	if (in_build_dir() && is_dir(INFOKAART_BUILD_LOCALEDIR))
		dir = INFOKAART_BUILD_LOCALEDIR;
	bindtextdomain("infokaart", dir);
	bind_textdomain_codeset("infokaart", "UTF-8");
	textdomain("infokaart");
}

/* Screens in the same language as the content. gettext reads LANGUAGE only outside the C
 * locale, so under C or C.UTF-8 English messages need an English locale for LC_MESSAGES:
 * en_US.UTF-8 when it is installed; without it the screens stay Dutch (the content is
 * English all the same). */
static void i18n_language(ik_lang lang)
{
	setenv("LANGUAGE", lang == LANG_EN ? "en" : "nl", 1);
	const char *now = setlocale(LC_MESSAGES, "");
	if (lang == LANG_EN && (!now || is_c_locale(now)))
		setlocale(LC_MESSAGES, "en_US.UTF-8");
}

/* Reads /etc/infokaart/config and then the user's file, or only `only` when given. */
static int read_config(ik_config *cfg, const char *only)
{
	diags d = {0};
	config_defaults(cfg);
	if (only) {
		if (access(only, R_OK) != 0)
			diags_add(&d, only, 0, 0, "%s", _("kan het instellingenbestand niet lezen"));
		config_read(only, cfg, &d);
	} else {
		config_read("/etc/infokaart/config", cfg, &d);
		char *user = config_user_path();
		config_read(user, cfg, &d);
		free(user);
	}
	diags_print(&d, stderr);
	int n = d.n;
	diags_free(&d);
	return n ? -1 : 0;
}

/* Commands that read their own options (main passes them on untouched). */
static bool own_options(const char *cmd)
{
	return cli_records_is_command(cmd) || strcmp(cmd, "import-hsds") == 0 || strcmp(cmd, "export-hsds") == 0 ||
	       strcmp(cmd, "print-slip") == 0;
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("infokaart: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", _("Zie 'infokaart --help'.\n"));
	return 2;
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

int main(int argc, char **argv)
{
	no_core_dumps();
	setlocale(LC_ALL, "");
	i18n_setup();
	app a = {0};
	const char *content_opt = NULL, *db_opt = NULL, *answers_path = NULL, *config_opt = NULL, *mode_opt = NULL;
	int lang_opt = -1;
	bool plain = false, json = false, help = false;
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	int nrest = 0, rc = 0;
	a.lang = lang_from_env();
	i18n_language(a.lang); /* for the messages below; again once flags and settings are read */
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		bool has_arg = i + 1 < argc;
		if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) {
			help = true;
		} else if (strcmp(o, "--version") == 0) {
			printf("infokaart %s\n", INFOKAART_VERSION);
			goto out;
		} else if (strcmp(o, "--plain") == 0) {
			plain = true;
		} else if (strcmp(o, "--json") == 0) {
			json = true;
		} else if (strcmp(o, "--content") == 0 || strcmp(o, "--db") == 0 || strcmp(o, "--lang") == 0 ||
			   strcmp(o, "--answers") == 0 || strcmp(o, "--config") == 0 || strcmp(o, "--mode") == 0) {
			if (!has_arg) {
				rc = usage_error(_("optie %s heeft een waarde nodig."), o);
				goto out;
			}
			const char *v = argv[++i];
			if (strcmp(o, "--config") == 0)
				config_opt = v;
			else if (strcmp(o, "--mode") == 0)
				mode_opt = v;
			else if (o[2] == 'c')
				content_opt = v;
			else if (o[2] == 'd')
				db_opt = v;
			else if (o[2] == 'a')
				answers_path = v;
			else if (strcmp(v, "nl") == 0 || strcmp(v, "en") == 0)
				lang_opt = v[0] == 'e' ? LANG_EN : LANG_NL;
			else {
				rc = usage_error(_("taal '%s' onbekend: kies nl of en."), v);
				goto out;
			}
		} else if (o[0] == '-' && o[1] && !(nrest && own_options(rest[0]))) {
			rc = usage_error(_("onbekende optie '%s'."), o);
			goto out;
		} else {
			rest[nrest++] = argv[i];
		}
	}
	if (help) { /* in the language asked for, before any settings file can stand in the way */
		i18n_language(lang_opt >= 0 ? (ik_lang)lang_opt : a.lang);
		fputs(_(usage), stdout);
		goto out;
	}
	const char *env_config = getenv("INFOKAART_CONFIG"); /* like --config; tests point it at /dev/null */
	if (!config_opt && env_config && *env_config)
		config_opt = env_config;
	if (read_config(&a.cfg, config_opt) != 0) {
		rc = 2;
		goto out;
	}
	if (mode_opt) {
		int m = config_mode_from_name(mode_opt);
		if (m < 0) {
			rc = usage_error(_("modus '%s' onbekend: kies standard, kiosk, operator of training."), mode_opt);
			goto out;
		}
		a.cfg.mode = (ik_mode)m;
	}
	if (lang_opt >= 0)
		a.lang = (ik_lang)lang_opt;
	else if (a.cfg.lang[0])
		a.lang = a.cfg.lang[0] == 'e' ? LANG_EN : LANG_NL;
	i18n_language(a.lang);
	const char *env_content = getenv("INFOKAART_CONTENT");
	a.content_dir = content_opt ? content_opt : env_content && *env_content ? env_content : default_content();
	char *db = db_opt ? xstrdup(db_opt) : default_db();
	a.db_path = db;
	set_clock(&a);

	const char *cmd = nrest ? rest[0] : NULL;
	if (cmd && strcmp(cmd, "check") == 0) {
		rc = cli_check(&a, rest + 1, nrest - 1);
	} else if (cmd && strcmp(cmd, "questions") == 0) {
		rc = cli_questions(&a, json);
	} else if (cmd && strcmp(cmd, "set-pin") == 0) {
		rc = cli_set_pin(&a, stdin);
	} else if (cmd && strcmp(cmd, "suggest") == 0) {
		rc = answers_path ? cli_suggest(&a, answers_path, json) : usage_error("%s", _("suggest heeft --answers BESTAND nodig."));
	} else if (cmd && strcmp(cmd, "import-hsds") == 0) {
		rc = cli_hsds_import(&a, rest + 1, nrest - 1);
	} else if (cmd && strcmp(cmd, "export-hsds") == 0) {
		rc = cli_hsds_export(&a, rest + 1, nrest - 1);
	} else if (cmd && strcmp(cmd, "print-slip") == 0) {
		rc = cli_print_slip(&a, rest + 1, nrest - 1);
	} else if (cli_records_is_command(cmd)) {
		rc = cli_records_run(&a, rest, nrest, json);
	} else if (cmd) {
		rc = usage_error(_("onbekende opdracht '%s'."), cmd);
	} else if (cli_load_content(&a) != 0) {
		rc = 1;
	} else {
		app_purge_on_start(&a);
		rc = plain ? plain_run(&a, stdin, stdout) : tui_run(&a);
	}
	content_free(a.c);
	free(db);
out:
	free(rest);
	return rc;
}
