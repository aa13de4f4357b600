/* commands.c: the command table (see commands.h), the option parser every command shares,
 * --help and the bash completion, all read from that one table. */
#include "commands.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_hsds.h"
#include "cli_print.h"
#include "cli_records.h"
#include "cli_sync.h"
#include "i18n.h"
#include "text.h"

#define CLI_SITE_NAME_MAX 64 /* as site_name in the settings (config.h) */

enum { MAX_DAYS = 3650 /* as retention_days in the config */ };

/* Every command that opens the records also takes --days (the retention applied first); the
 * tables in CSV take --csv-sep and --bom. */
#define RECORDS O_DAYS
#define CSV (O_CSV | O_BOM)

/* TRANSLATORS: in synopses keep the command and option words; the man page lists the same. */
const cli_command cli_commands[] = {
	{"check", N_("[MAP|BESTAND…]"), N_("controleer de inhoud (standaard: de gebruikte inhoud)"), 0, "", 0, -1,
	 cli_check},
	{"questions", N_("--json"), N_("de vragen met hun ids, voor scripts"), O_JSON, "", 0, 0, cli_questions},
	{"suggest", N_("--answers BESTAND [--json]"), N_("profiel en suggesties voor een antwoordenbestand"),
	 O_ANSWERS | O_JSON, "", 0, 0, cli_suggest},
	{"set-pin", "", N_("stel de pincode in waarmee de kiosk te verlaten is"), 0, "", 0, 0, cli_set_pin},
	{"followups", N_("[--date JJJJ-MM-DD] [--format text|csv|json]"),
	 N_("nazorg die vandaag (of op die datum) te doen is"), RECORDS | O_DATE | O_FORMAT | O_JSON | CSV, "", 0, 0,
	 cli_records_followups},
	{"outcome", N_("CODE STATUS [--role ROL] [--djg A,B,C,D,E,F] [--next JJJJ-MM-DD]"),
	 N_("leg de uitkomst van nazorg vast"), RECORDS | O_ROLE | O_DJG | O_NEXT, "", 2, 2, cli_records_outcome},
	{"case", N_("CODE [--format text|csv|json] [--with-notes]"), N_("alle verwijzingen van een code, met verloop"),
	 RECORDS | O_FORMAT | O_JSON | O_NOTES | CSV, "", 1, 1, cli_records_case},
	{"stats", N_("[--since JJJJ-MM-DD] [--format text|csv|json] [--from URL]"),
	 N_("overzichten: per maand, profiel, wijk, activiteit, rol;\n"
	    "met --from van het hele netwerk (centrale database),\n"
	    "ook per site"),
	 RECORDS | O_SINCE | O_FORMAT | O_JSON | O_FROM | CSV, "", 0, 0, cli_records_stats},
	{"export", N_("[--format csv|json] [--since JJJJ-MM-DD] [--with-notes]"),
	 N_("de verwijzingen als tabel, zonder namen; CSV (ook van\n"
	    "followups, case en stats) met --csv-sep ';' en --bom\n"
	    "voor een spreadsheet in het Nederlands"),
	 RECORDS | O_FORMAT | O_JSON | O_SINCE | O_NOTES | CSV, "", 0, 0,
	 cli_records_export},
	{"purge", N_("[--days N]"),
	 N_("verwijder notities na de bewaartermijn (retention_days,\n"
	    "standaard 90 dagen); de opdrachten hierboven doen dat ook"),
	 RECORDS, "", 0, 0, cli_records_purge},
	{"delete", N_("CODE"), N_("wis alles van een code; kan niet ongedaan worden"), RECORDS, "", 1, 1,
	 cli_records_delete},
	{"print-slip", N_("CODE [--print]"), N_("het briefje voor de persoon (met --print naar de printer)"),
	 O_PRINT, "", 1, 1, cli_print_slip},
	{"import-hsds", N_("MAP|BESTAND [--out BESTAND]"),
	 N_("Open Referral HSDS-diensten als catalogus (activities.json)"), O_OUT, "", 1, 1, cli_hsds_import},
	{"export-hsds", N_("[--out BESTAND]"), N_("de catalogus als Open Referral HSDS 3.0"), O_OUT, "", 0, 0,
	 cli_hsds_export},
	{"sync", N_("[--to URL] [--site-name NAAM] [--status]"),
	 N_("verstuur de verwijzingen naar de centrale PostgreSQL\n"
	    "(sync_url) en haal een nieuwere catalogus op"),
	 RECORDS | O_TO | O_SITE | O_STATUS, "", 0, 0, cli_sync},
	{"catalogue", N_("publish [--to URL]"),
	 N_("publiceer de catalogus (activities.json) centraal\n(alleen een coördinator)"), RECORDS | O_TO,
	 "publish", 1, 1, cli_sync_catalogue},
	{"central", N_("init|add-site NAAM|add-coordinator NAAM|add-reader NAAM|sites|erase CODE|purge [--to URL]"),
	 N_("voor de coördinator: richt de centrale database in,\n"
	    "voeg een site, coördinator of lezer (BI) toe, toon de\n"
	    "sites, wis een code in het hele netwerk, verwijder oude\n"
	    "notities centraal (--days N)"),
	 RECORDS | O_TO, "init add-site add-coordinator add-reader sites erase purge", 1, 2, cli_central},
	{"completion", N_("bash"), N_("een script dat opdrachten en opties aanvult in bash"), 0, "bash", 1, 1,
	 cli_completion},
};
const int cli_ncommands = (int)ARRAY_LEN(cli_commands);

/* The options of the commands, with the bit that allows each. */
static const struct {
	const char *name;
	unsigned bit;
	bool flag; /* takes no value */
} options[] = {
	{"--date", O_DATE, false},     {"--format", O_FORMAT, false}, {"--role", O_ROLE, false},
	{"--djg", O_DJG, false},       {"--since", O_SINCE, false},   {"--with-notes", O_NOTES, true},
	{"--next", O_NEXT, false},     {"--days", O_DAYS, false},     {"--to", O_TO, false},
	{"--from", O_FROM, false},     {"--site-name", O_SITE, false}, {"--status", O_STATUS, true},
	{"--out", O_OUT, false},       {"--print", O_PRINT, true},    {"--json", O_JSON, true},
	{"--answers", O_ANSWERS, false}, {"--csv-sep", O_CSV, false}, {"--bom", O_BOM, true},
};

/* The options of every run, read by main wherever they stand (app.h, main.c). */
static const struct {
	const char *name, *value; /* value: N_() metavariable, NULL for a flag */
	const char *summary;      /* N_() */
} global_options[] = {
	{"--plain", NULL, N_("vragen als genummerde regels (schermlezer, braille, scripts)")},
	{"--content", N_("MAP"), N_("map met de inhoud (anders $INFOKAART_CONTENT)")},
	{"--db", N_("PAD"), N_("database (anders $INFOKAART_DB of\n$XDG_DATA_HOME/infokaart/infokaart.db)")},
	{"--lang", "nl|en", N_("taal van de schermen en de inhoud (anders uit LANG)")},
	{"--mode", "M", N_("standard, kiosk, operator of training")},
	{"--config", N_("BESTAND"),
	 N_("alleen dit instellingenbestand (anders /etc/infokaart/config,\ndaarna die in "
	    "$XDG_CONFIG_DIRS en $XDG_CONFIG_HOME)")},
	{"-h, --help", NULL, N_("deze hulp")},
	{"--version", NULL, N_("versie")},
};

const cli_command *cli_command_find(const char *word)
{
	for (int i = 0; word && i < cli_ncommands; i++)
		if (strcmp(word, cli_commands[i].name) == 0)
			return &cli_commands[i];
	return NULL;
}

/* --- the parser --- */

/* Checks and stores the value of one option. Returns 0 or an exit code. */
static int take_value(const app *a, const cli_command *c, cli_opts *o, unsigned bit, const char *name, const char *v)
{
	int days;
	char *end;
	switch (bit) {
	case O_DATE:
	case O_SINCE:
	case O_NEXT:
		if (date_parse(v, &days) != 0)
			return cli_usage(_("%s wil een datum als JJJJ-MM-DD."), name);
		if (bit == O_NEXT && (days < a->today || days > a->today + MAX_DAYS))
			return cli_usage(_("%s wil een datum van vandaag tot over tien jaar, niet '%s'."), name, v);
		*(bit == O_DATE ? &o->date : bit == O_SINCE ? &o->since : &o->next) = v;
		return 0;
	case O_FORMAT:
		if (strcmp(v, "csv") == 0)
			o->format = FMT_CSV;
		else if (strcmp(v, "json") == 0)
			o->format = FMT_JSON;
		else if (strcmp(v, "text") == 0 && strcmp(c->name, "export") != 0)
			o->format = FMT_TEXT;
		else
			return cli_usage(_("--format '%s' ken ik hier niet."), v);
		return 0;
	case O_DAYS:
		o->days = (int)strtol(v, &end, 10);
		if (!*v || *end || o->days < 1 || o->days > MAX_DAYS)
			return cli_usage(_("--days wil een aantal dagen (1 tot 3650), niet '%s'."), v);
		return 0;
	case O_TO:
	case O_FROM: o->url = v; return 0;
	case O_SITE:
		if (!text_utf8_valid(v, strlen(v), NULL) || strlen(v) > CLI_SITE_NAME_MAX || strpbrk(v, "\t\n\r\x1b"))
			return cli_usage(_("--site-name wil een naam in UTF-8 van hoogstens %d bytes, zonder stuurtekens."), CLI_SITE_NAME_MAX);
		o->site_name = v;
		return 0;
	case O_ROLE: o->role = v; return 0;
	case O_DJG: o->djg = v; return 0;
	case O_OUT: o->out = v; return 0;
	case O_ANSWERS: o->answers = v; return 0;
	case O_CSV:
		if ((v[0] != ',' && v[0] != ';') || v[1])
			return cli_usage(_("--csv-sep wil ',' of ';', niet '%s'."), v);
		o->csv_sep = v[0];
		return 0;
	}
	return 0;
}

static int parse(const app *a, const cli_command *c, char **args, int n, cli_opts *o)
{
	o->days = a->cfg.retention_days >= 1 ? a->cfg.retention_days : CLI_RETENTION_DAYS_DEFAULT;
	o->format = strcmp(c->name, "export") == 0 ? FMT_CSV : FMT_TEXT;
	o->arg = args;
	o->csv_sep = ',';
	for (int i = 0; i < n; i++) {
		size_t k = 0;
		while (k < ARRAY_LEN(options) && strcmp(args[i], options[k].name) != 0)
			k++;
		unsigned bit = k < ARRAY_LEN(options) ? options[k].bit : 0;
		if (args[i][0] == '-' && args[i][1] && !(bit & c->options))
			return cli_usage(_("onbekende optie '%s' bij deze opdracht."), args[i]);
		if (bit && options[k].flag) {
			*(bit == O_NOTES    ? &o->with_notes
			  : bit == O_STATUS ? &o->status
			  : bit == O_PRINT  ? &o->print
			  : bit == O_BOM    ? &o->bom
					    : &o->json) = true;
			if (bit == O_JSON)
				o->format = FMT_JSON;
		} else if (bit) {
			if (i + 1 == n)
				return cli_usage(_("optie %s heeft een waarde nodig."), args[i]);
			int rc = take_value(a, c, o, bit, args[i], args[i + 1]);
			if (rc)
				return rc;
			i++;
		} else if (o->narg == c->max_args) {
			return cli_usage(_("te veel woorden: '%s'."), args[i]);
		} else {
			args[o->narg++] = args[i]; /* the words, gathered at the front */
		}
	}
	if (o->narg < c->min_args)
		return cli_usage(_("%s wil meer woorden; zie de hulp."), c->name);
	if ((o->bom || o->csv_sep != ',') && o->format != FMT_CSV)
		return cli_usage("%s", _("--bom en --csv-sep horen bij --format csv."));
	return 0;
}

int cli_run(app *a, const cli_command *c, char **args, int n)
{
	cli_opts o = {0};
	int rc = parse(a, c, args, n, &o);
	return rc ? rc : c->run(a, &o);
}

/* --- help and completion --- */

/* "  word" padded to `col` columns, then text whose further lines are indented to col; a
 * word wider than col - 2 puts the text on the next line. */
static void help_row(FILE *out, const char *word, const char *text, int col)
{
	int w = 2 + text_width(word);
	fprintf(out, "  %s", word);
	if (w > col - 2) {
		fputc('\n', out);
		w = 0;
	}
	for (const char *line = text; line; ) {
		const char *nl = strchr(line, '\n');
		fprintf(out, "%*s%.*s\n", col - w, "", nl ? (int)(nl - line) : (int)strlen(line), line);
		w = 0;
		line = nl ? nl + 1 : NULL;
	}
}

void cli_print_help(FILE *out)
{
	fputs(_("Gebruik: infokaart [OPTIES] [OPDRACHT]\n"
		"\n"
		"Zonder opdracht start de schermversie: van signaal naar verwijzing.\n"
		"\n"
		"Opdrachten:\n"), out);
	for (int i = 0; i < cli_ncommands; i++) {
		const cli_command *c = &cli_commands[i];
		char *word = *c->synopsis ? xasprintf("%s %s", c->name, _(c->synopsis)) : xstrdup(c->name);
		help_row(out, word, _(c->summary), 32);
		free(word);
	}
	fputs(_("\nOpties:\n"), out);
	for (size_t i = 0; i < ARRAY_LEN(global_options); i++) {
		char *word = global_options[i].value ? xasprintf("%s %s", global_options[i].name, _(global_options[i].value))
						    : xstrdup(global_options[i].name);
		help_row(out, word, _(global_options[i].summary), 21);
		free(word);
	}
	fputs(_("\nMeer in 'man infokaart'.\n"), out);
}

/* "-h, --help" stands for two names. */
static bool names_option(const char *names, const char *name)
{
	const char *comma = strstr(names, ", ");
	if (!comma)
		return strcmp(names, name) == 0;
	size_t n = (size_t)(comma - names);
	return (strncmp(names, name, n) == 0 && name[n] == '\0') || strcmp(comma + 2, name) == 0;
}

bool cli_global_option(const char *name, bool *takes_value)
{
	for (size_t i = 0; i < ARRAY_LEN(global_options); i++)
		if (names_option(global_options[i].name, name)) {
			*takes_value = global_options[i].value != NULL;
			return true;
		}
	return false;
}

int cli_completion(app *a, const cli_opts *o)
{
	(void)a;
	if (strcmp(o->arg[0], "bash") != 0)
		return cli_usage(_("completion kent alleen 'bash', niet '%s'."), o->arg[0]);
	strbuf b = {0};
	sb_append(&b, "# bash completion for infokaart, made by 'infokaart completion bash'\n"
		      "_infokaart() {\n"
		      "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd= i\n"
		      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
		      "    case ${COMP_WORDS[i]} in\n"
		      "      ");
	for (size_t i = 0, n = 0; i < ARRAY_LEN(global_options); i++) /* their value is no command */
		if (global_options[i].value)
			sb_printf(&b, "%s%s", n++ ? "|" : "", global_options[i].name);
	sb_append(&b, ") i=$((i + 1)) ;;\n"
		      "      -*) ;;\n"
		      "      *) cmd=${COMP_WORDS[i]}; break ;;\n"
		      "    esac\n"
		      "  done\n"
		      "  case $prev in\n"
		      "    --content|--db|--config|--answers|--out) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
		      "    --lang) COMPREPLY=($(compgen -W 'nl en' -- \"$cur\")); return ;;\n"
		      "    --mode) COMPREPLY=($(compgen -W 'standard kiosk operator training' -- \"$cur\")); return ;;\n"
		      "    --format) COMPREPLY=($(compgen -W 'text csv json' -- \"$cur\")); return ;;\n"
		      "  esac\n"
		      "  local words\n"
		      "  case $cmd in\n");
	for (int i = 0; i < cli_ncommands; i++) {
		const cli_command *c = &cli_commands[i];
		sb_printf(&b, "    %s) words='", c->name);
		bool first = true;
		for (size_t k = 0; k < ARRAY_LEN(options); k++)
			if (options[k].bit & c->options) {
				sb_printf(&b, "%s%s", first ? "" : " ", options[k].name);
				first = false;
			}
		if (*c->words)
			sb_printf(&b, "%s%s", first ? "" : " ", c->words);
		sb_append(&b, "' ;;\n");
	}
	sb_append(&b, "    *) words='");
	for (int i = 0; i < cli_ncommands; i++)
		sb_printf(&b, "%s ", cli_commands[i].name);
	for (size_t i = 0; i < ARRAY_LEN(global_options); i++) {
		const char *n = global_options[i].name;
		const char *comma = strstr(n, ", ");
		sb_printf(&b, "%s%s", comma ? comma + 2 : n, i + 1 < ARRAY_LEN(global_options) ? " " : "");
	}
	sb_append(&b, "' ;;\n"
		      "  esac\n"
		      "  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
		      "}\n"
		      "complete -o default -F _infokaart infokaart\n");
	return cli_emit(&b, FMT_CSV, EXIT_OK); /* as it is: no text made safe, nothing to sanitise */
}
