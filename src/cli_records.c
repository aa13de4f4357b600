/* cli_records.c: the record subcommands (see cli_records.h). Each command reads its own
 * options from one table, opens the store (deleting expired notes first), asks the store, and
 * writes one buffer: plain Dutch text (made safe for a terminal), CSV or JSON. It never
 * changes a record except through the store's one-transaction calls. */
#include "cli_records.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "chart.h"
#include "cli.h"
#include "djg.h"
#include "i18n.h"
#include "store.h"
#include "store_export.h"
#include "store_label.h"
#include "text.h"
#include "util.h"

enum { EXIT_OK, EXIT_NONE, EXIT_USAGE, EXIT_DB };
enum { NEXT_FOLLOWUP_DAYS = 14, MAX_DAYS = 3650 /* as retention_days in the config */ };
typedef enum { FMT_TEXT, FMT_CSV, FMT_JSON } out_format;

/* Options, as bits of what a command accepts. */
enum { O_DATE = 1, O_FORMAT = 2, O_ROLE = 4, O_DJG = 8, O_SINCE = 16, O_NOTES = 32, O_NEXT = 64,
       O_DAYS = 128 };

typedef struct {
	const char *date, *since, *role, *djg, *next; /* as given; dates checked */
	out_format format;
	int days;           /* retention period for notes */
	bool with_notes;
	const char *arg[2]; /* the command's words */
	int narg;
} opts;

typedef struct {
	const char *name;
	unsigned options; /* O_* it accepts besides --days */
	int nargs;        /* words it needs */
	int (*run)(app *a, const opts *o);
} command;

static const struct {
	const char *name;
	unsigned bit;
} option_table[] = {
	{"--date", O_DATE}, {"--format", O_FORMAT},  {"--role", O_ROLE}, {"--djg", O_DJG},
	{"--since", O_SINCE}, {"--with-notes", O_NOTES}, {"--next", O_NEXT}, {"--days", O_DAYS},
};

/* --- small helpers --- */

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("infokaart: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", _("Zie 'infokaart --help'.\n"));
	return EXIT_USAGE;
}

static int db_error(const store_err *err)
{
	fprintf(stderr, "infokaart: %s\n", err->msg);
	return EXIT_DB;
}

/* "k7m 4qxrt", "K7M4QXRT" and "K7M-4QXRT" are the same code: codes are read aloud and typed. */
static void normal_code(const char *in, char out[16])
{
	char raw[16];
	size_t n = 0;
	for (const char *p = in; *p && n < sizeof raw - 1; p++)
		if (isalnum((unsigned char)*p))
			raw[n++] = (char)toupper((unsigned char)*p);
	raw[n] = '\0';
	if (n == 8)
		snprintf(out, 16, "%.3s-%.5s", raw, raw + 3);
	else
		snprintf(out, 16, "%s", in);
}

static int terminal_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *env = getenv("COLUMNS");
	int cols = env ? atoi(env) : 0;
	return cols > 0 ? cols : 80;
}

/* Writes b to stdout (text made safe for a terminal first) and frees it. */
static int emit(strbuf *b, out_format f, int rc)
{
	char *out = f == FMT_TEXT ? text_sanitize(b->s ? b->s : "", true) : sb_take(b);
	fputs(out, stdout);
	free(out);
	sb_free(b);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("infokaart: uitvoer");
		return EXIT_NONE;
	}
	return rc;
}

/* The content for names; the ids do when it cannot be loaded (records outlive content). */
static const content *names(app *a)
{
	if (!a->c) {
		diags d = {0};
		if (content_load(a->content_dir, &a->c, &d) != 0)
			fprintf(stderr, _("infokaart: de inhoud in %s kan niet worden geladen; "
					  "u ziet ids in plaats van namen.\n"), a->content_dir);
		diags_free(&d);
	}
	return a->c;
}

static const char *label(app *a, store_by by, const char *key)
{
	return store_label(names(a), a->lang, by, key);
}

/* --- opening the records --- */

/* Opens the database and deletes the notes past the retention period, as every start of the
 * program does. A database that does not exist yet is not made: there is nothing to find. */
static int open_records(app *a, const opts *o, store **s, int *purged)
{
	store_err err = {0};
	int removed = 0;
	*s = NULL;
	if (access(a->db_path, F_OK) != 0) {
		fprintf(stderr, _("infokaart: er zijn nog geen verwijzingen vastgelegd (geen database "
				  "op %s).\n"), a->db_path);
		return EXIT_NONE;
	}
	if (store_open(a->db_path, s, &err) != 0)
		return db_error(&err);
	if (store_purge(*s, a->now, o->days, &removed, &err) != 0) {
		store_close(*s);
		*s = NULL;
		return db_error(&err);
	}
	if (purged)
		*purged = removed;
	else if (removed > 0)
		fprintf(stderr, ngettext("infokaart: %d notitie ouder dan %d dagen verwijderd.\n",
					 "infokaart: %d notities ouder dan %d dagen verwijderd.\n",
					 (unsigned long)removed), removed, o->days);
	return EXIT_OK;
}

/* --- describing referrals --- */

static void djg_text(strbuf *b, const store_djg *d)
{
	if (d->total == STORE_DJG_MISSING)
		sb_append(b, _("onbekend"));
	else
		sb_printf(b, "%d", d->total);
}

/* "De Jong Gierveld: eerst 4 (2024-02-16), laatst 2 (2024-03-01)". */
static void djg_line(strbuf *b, const store_djg *v, int n)
{
	char d0[11], d1[11];
	if (n == 0)
		return;
	store_local_date(v[0].at, d0);
	sb_printf(b, "  %s ", _("De Jong Gierveld:"));
	if (n == 1) {
		djg_text(b, &v[0]);
		sb_printf(b, " (%s)\n", d0);
		return;
	}
	store_local_date(v[n - 1].at, d1);
	sb_printf(b, "%s ", _("eerst"));
	djg_text(b, &v[0]);
	sb_printf(b, " (%s), %s ", d0, _("laatst"));
	djg_text(b, &v[n - 1]);
	sb_printf(b, " (%s)\n", d1);
}

/* "vandaag", "3 dagen te laat", "over 2 dagen". */
static void due_text(strbuf *b, int today, const char *date)
{
	int d;
	if (date_parse(date, &d) != 0)
		return;
	int late = today - d;
	if (late == 0)
		sb_append(b, _("vandaag"));
	else if (late > 0)
		sb_printf(b, ngettext("%d dag te laat", "%d dagen te laat", (unsigned long)late), late);
	else
		sb_printf(b, ngettext("over %d dag", "over %d dagen", (unsigned long)-late), -late);
}

/* Two or three lines about r for people: when, who, where to, and its state. */
static void referral_text(strbuf *b, app *a, const store_referral *r)
{
	char created[11], closed[11];
	store_local_date(r->created_at, created);
	sb_printf(b, _("  %s verwezen door %s naar %s\n"), created, label(a, STORE_BY_ROLE, r->role),
		  label(a, STORE_BY_ACTIVITY, r->activity));
	sb_printf(b, _("  Profiel: %s; wijk: %s; status: %s"), label(a, STORE_BY_PROFILE, r->profile),
		  label(a, STORE_BY_WIJK, r->wijk), label(a, STORE_BY_STATUS, r->status));
	if (r->closed_at) {
		store_local_date(r->closed_at, closed);
		sb_printf(b, _(" (afgesloten op %s)"), closed);
	}
	if (r->note)
		sb_append(b, _("; met notitie"));
	sb_appendc(b, '\n');
}

/* The first and latest De Jong Gierveld scores of r, as CSV fields or JSON members. */
static void djg_columns(strbuf *b, out_format f, const store_djg *v, int n)
{
	static const char *const keys[] = {"djg_eerst", "djg_eerst_op", "djg_laatst", "djg_laatst_op"};
	for (int k = 0; k < 2; k++) {
		const store_djg *d = n ? &v[k ? n - 1 : 0] : NULL;
		char total[16] = "", on[11] = "";
		if (d && d->total != STORE_DJG_MISSING)
			snprintf(total, sizeof total, "%d", d->total);
		if (d)
			store_local_date(d->at, on);
		if (f == FMT_CSV) {
			store_csv_field(b, total);
			store_csv_field(b, on);
		} else {
			store_json_key(b, keys[2 * k]);
			sb_append(b, *total ? total : "null");
			store_json_member(b, keys[2 * k + 1], d ? on : NULL);
		}
	}
}

/* --- followups --- */

/* The referrals v[0..n) as text, CSV or JSON, each with its first and latest De Jong Gierveld
 * score; CSV and JSON add the days past the follow-up date (negative: still to come). */
static void referrals_table(strbuf *b, app *a, store *s, const store_referral *v, int n,
			    out_format f, bool with_notes)
{
	static const char *const extra[] = {"dagen_te_laat", "djg_eerst", "djg_eerst_op",
					    "djg_laatst", "djg_laatst_op"};
	if (f == FMT_CSV) {
		store_csv_header(b, with_notes);
		for (size_t k = 0; k < ARRAY_LEN(extra); k++)
			store_csv_field(b, extra[k]);
		sb_append(b, "\r\n");
	} else if (f == FMT_JSON) {
		sb_appendc(b, '[');
	}
	for (int i = 0; i < n; i++) {
		store_djg *d = NULL;
		int nd = 0, due = 0;
		store_err err = {0};
		store_djg_list(s, v[i].id, &d, &nd, &err); /* without its scores a row still counts */
		date_parse(v[i].followup_date, &due);
		char late[16];
		snprintf(late, sizeof late, "%d", a->today - due);
		if (f == FMT_TEXT) {
			sb_printf(b, "\n%s  %s %s, ", v[i].case_code, _("nazorg"), v[i].followup_date);
			due_text(b, a->today, v[i].followup_date);
			sb_appendc(b, '\n');
			referral_text(b, a, &v[i]);
			djg_line(b, d, nd);
		} else if (f == FMT_CSV) {
			store_csv_referral(b, &v[i], with_notes);
			store_csv_field(b, late);
			djg_columns(b, f, d, nd);
			sb_append(b, "\r\n");
		} else {
			sb_append(b, i ? ",\n{" : "\n{");
			store_json_referral(b, &v[i], with_notes);
			store_json_key(b, "dagen_te_laat");
			sb_append(b, late);
			djg_columns(b, f, d, nd);
			sb_appendc(b, '}');
		}
		free(d);
	}
	if (f == FMT_JSON)
		sb_append(b, n ? "\n]\n" : "]\n");
}

static int run_followups(app *a, const opts *o)
{
	char until[11];
	date_format(a->today, until);
	if (o->date)
		snprintf(until, sizeof until, "%s", o->date);
	store *s = NULL;
	store_referral *v = NULL;
	store_err err = {0};
	int n = 0, rc = open_records(a, o, &s, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (store_followups(s, until, &v, &n, &err) != 0) {
		store_close(s);
		return db_error(&err);
	}
	strbuf b = {0};
	if (o->format == FMT_TEXT && n == 0)
		sb_printf(&b, _("Geen nazorg te doen op of voor %s.\n"), until);
	else if (o->format == FMT_TEXT)
		sb_printf(&b, ngettext("Nazorg te doen op of voor %s: %d verwijzing.\n",
				       "Nazorg te doen op of voor %s: %d verwijzingen.\n",
				       (unsigned long)n), until, n);
	referrals_table(&b, a, s, v, n, o->format, false);
	store_referrals_free(v, n);
	store_close(s);
	return emit(&b, o->format, n ? EXIT_OK : EXIT_NONE);
}

/* --- one case --- */

/* "sociaal,emotioneel" as the option texts, joined by ", ". */
static void loneliness_text(strbuf *b, app *a, const char *ids)
{
	if (!*ids) {
		sb_append(b, store_label_option(NULL, a->lang, FACET_LONELINESS, ""));
		return;
	}
	char *copy = xstrdup(ids), *save = NULL;
	int k = 0;
	for (char *id = strtok_r(copy, ",", &save); id; id = strtok_r(NULL, ",", &save))
		sb_printf(b, "%s%s", k++ ? ", " : "",
			  store_label_option(names(a), a->lang, FACET_LONELINESS, id));
	free(copy);
}

static void case_details(strbuf *b, app *a, store *s, const store_referral *r)
{
	store_history *h = NULL;
	store_djg *d = NULL;
	store_err err = {0};
	int nh = 0, nd = 0;
	char day[11];
	referral_text(b, a, r);
	sb_printf(b, _("  Leeftijd: %s; eenzaamheid: "),
		  store_label_option(names(a), a->lang, FACET_AGE, r->age_group));
	loneliness_text(b, a, r->loneliness);
	sb_printf(b, _("\n  Toestemming: %s"), r->consent ? _("ja") : _("nee"));
	if (*r->consent_how)
		sb_printf(b, " (%s)", r->consent_how);
	sb_printf(b, _("; nazorg: %s\n"), r->followup_date);
	if (r->note) {
		sb_printf(b, "  %s ", _("Notitie:"));
		for (const char *p = r->note; *p; p++) /* later lines indented under the first */
			if (*p == '\n')
				sb_append(b, "\n    ");
			else
				sb_appendc(b, *p);
		sb_appendc(b, '\n');
	}
	if (store_history_list(s, r->id, &h, &nh, &err) == 0 && nh) {
		sb_printf(b, "  %s\n", _("Verloop:"));
		for (int i = 0; i < nh; i++) {
			store_local_date(h[i].at, day);
			sb_printf(b, "    %s  %s", day, label(a, STORE_BY_STATUS, h[i].status));
			if (*h[i].role)
				sb_printf(b, _(", door %s"), label(a, STORE_BY_ROLE, h[i].role));
			sb_appendc(b, '\n');
		}
	}
	if (store_djg_list(s, r->id, &d, &nd, &err) == 0)
		djg_line(b, d, nd);
	free(h);
	free(d);
}

static int run_case(app *a, const opts *o)
{
	char code[16];
	normal_code(o->arg[0], code);
	store *s = NULL;
	store_referral *v = NULL;
	store_err err = {0};
	int n = 0, rc = open_records(a, o, &s, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (store_referrals_by_case(s, code, &v, &n, &err) != 0) {
		store_close(s);
		return db_error(&err);
	}
	strbuf b = {0};
	if (o->format != FMT_TEXT) {
		referrals_table(&b, a, s, v, n, o->format, o->with_notes);
	} else if (n == 0) {
		sb_printf(&b, _("Geen verwijzing met code %s.\n"), code);
	} else {
		sb_printf(&b, ngettext("Code %s: %d verwijzing.\n", "Code %s: %d verwijzingen.\n",
				       (unsigned long)n), code, n);
		for (int i = 0; i < n; i++) {
			sb_printf(&b, _("\nVerwijzing %d van %d\n"), i + 1, n);
			case_details(&b, a, s, &v[i]);
		}
	}
	store_referrals_free(v, n);
	store_close(s);
	return emit(&b, o->format, n ? EXIT_OK : EXIT_NONE);
}

/* --- outcome --- */

static int refuse_status(const char *status)
{
	fprintf(stderr, _("infokaart: status '%s' bestaat niet. Kies uit:\n"), status);
	for (int i = 0; store_status_ids[i]; i++)
		fprintf(stderr, "  %-15s %s%s\n", store_status_ids[i],
			store_status_label(store_status_ids[i]),
			store_status_final(store_status_ids[i]) ? _(" (sluit af)") : "");
	return EXIT_NONE;
}

static int refuse_role(const content *c, ik_lang lang, const char *role)
{
	const ik_question *q = &c->questions[c->facet_q[FACET_ROLE]];
	fprintf(stderr, _("infokaart: rol '%s' bestaat niet. Kies uit:\n"), role);
	for (int i = 0; i < q->nopts; i++)
		fprintf(stderr, "  %-15s %s\n", q->opts[i].id, ik_tr(&q->opts[i].text, lang));
	return EXIT_NONE;
}

/* Reads "ja,nee,min_of_meer,…": six answers in the order of the items in djg6.json, "-" (or
 * nothing) for a question without an answer. Returns 0, or an exit code after saying why. */
static int parse_djg(const ik_djg *g, const char *spec, int ans[6])
{
	char *copy = xstrdup(spec), *p = copy;
	int n = 0, rc = EXIT_OK;
	for (char *end; p && rc == EXIT_OK; p = end ? end + 1 : NULL, n++) {
		end = strchr(p, ',');
		if (end)
			*end = '\0';
		if (n == 6) {
			rc = EXIT_USAGE;
			break;
		}
		ans[n] = DJG_MISSING;
		if (!*p || strcmp(p, "-") == 0)
			continue;
		for (int k = 0; g->answer_ids[k]; k++)
			if (strcmp(p, g->answer_ids[k]) == 0)
				ans[n] = k;
		if (ans[n] == DJG_MISSING)
			rc = EXIT_NONE;
	}
	if (rc == EXIT_OK && n != 6)
		rc = EXIT_USAGE;
	if (rc != EXIT_OK) {
		fprintf(stderr, _("infokaart: --djg wil zes antwoorden, gescheiden door komma's, in de "
				  "volgorde van de vragen; elk één van"));
		for (int k = 0; g->answer_ids[k]; k++)
			fprintf(stderr, "%s %s", k ? "," : "", g->answer_ids[k]);
		fprintf(stderr, _(", of - voor geen antwoord.\n"));
		for (int i = 0; i < 6; i++)
			fprintf(stderr, "  %d. %s\n", i + 1, g->items[i].text.nl);
	}
	free(copy);
	return rc;
}

static const char *djg_level_text(int total)
{
	return total == STORE_DJG_MISSING ? _("te weinig antwoorden voor een totaal")
	       : total <= 1               ? _("niet eenzaam")
	       : total <= 4               ? _("matig eenzaam")
					  : _("ernstig eenzaam");
}

/* The referral of a case an outcome is for: the most recent open one, else the most recent. */
static const store_referral *pick(const store_referral *v, int n, int *open)
{
	const store_referral *r = &v[n - 1];
	*open = 0;
	for (int i = 0; i < n; i++)
		if (!v[i].closed_at) {
			(*open)++;
			r = &v[i];
		}
	return r;
}

/* Checks --role and --djg against the content (both need it) and scores the answers. */
static int outcome_inputs(app *a, const opts *o, store_djg *score, bool *have_score)
{
	*have_score = false;
	if (!o->role && !o->djg)
		return EXIT_OK;
	if (cli_load_content(a) != 0)
		return EXIT_NONE;
	const content *c = a->c;
	if (o->role && c->facet_q[FACET_ROLE] >= 0 &&
	    content_option_index(&c->questions[c->facet_q[FACET_ROLE]], o->role) < 0)
		return refuse_role(c, a->lang, o->role);
	if (!o->djg)
		return EXIT_OK;
	int ans[6], rc;
	if (!c->djg.present) {
		fprintf(stderr, "%s", _("infokaart: de inhoud heeft geen De Jong Gierveld-schaal "
					"(djg6.json).\n"));
		return EXIT_NONE;
	}
	if ((rc = parse_djg(&c->djg, o->djg, ans)) != EXIT_OK)
		return rc;
	djg_score d = djg_compute(&c->djg, ans);
	*score = (store_djg){a->now, d.total, d.emotional, d.social};
	*have_score = true;
	return EXIT_OK;
}

static void outcome_report(strbuf *b, app *a, const store_referral *r, int open, const char *status,
			   const char *next, const store_djg *score)
{
	char created[11];
	store_local_date(r->created_at, created);
	if (open > 1)
		sb_printf(b, _("Let op: code %s heeft %d open verwijzingen; deze uitkomst geldt voor "
			       "de laatste.\n"), r->case_code, open);
	else if (open == 0)
		sb_printf(b, _("Let op: deze verwijzing was al afgesloten (%s).\n"),
			  label(a, STORE_BY_STATUS, r->status));
	sb_printf(b, _("Vastgelegd: %s staat nu op \"%s\".\n"), r->case_code,
		  label(a, STORE_BY_STATUS, status));
	sb_printf(b, _("Dit is de verwijzing van %s naar %s. "), created,
		  label(a, STORE_BY_ACTIVITY, r->activity));
	if (store_status_final(status))
		sb_append(b, _("De verwijzing is nu afgesloten.\n"));
	else
		sb_printf(b, _("Volgende nazorg: %s.\n"), next ? next : r->followup_date);
	if (score) {
		sb_printf(b, _("De Jong Gierveld: totaal "));
		djg_text(b, score);
		sb_printf(b, _(" van 6, %s (emotioneel "), djg_level_text(score->total));
		djg_text(b, &(store_djg){.total = score->emotional});
		sb_printf(b, _(", sociaal "));
		djg_text(b, &(store_djg){.total = score->social});
		sb_append(b, _("). Dit is geen diagnose.\n"));
	}
}

static int run_outcome(app *a, const opts *o)
{
	char code[16], next[11] = "";
	const char *status = o->arg[1];
	store_djg score;
	bool have_score;
	normal_code(o->arg[0], code);
	if (!store_status_known(status))
		return refuse_status(status);
	if (o->next && store_status_final(status))
		return usage_error(_("--next past niet bij de afsluitende status '%s'."), status);
	int rc = outcome_inputs(a, o, &score, &have_score);
	store *s = NULL;
	store_referral *v = NULL;
	store_err err = {0};
	int n = 0, open = 0, due;
	if (rc != EXIT_OK || (rc = open_records(a, o, &s, NULL)) != EXIT_OK)
		return rc;
	if (store_referrals_by_case(s, code, &v, &n, &err) != 0) {
		rc = db_error(&err);
		goto out;
	}
	if (n == 0) {
		fprintf(stderr, _("infokaart: geen verwijzing met code %s; niets vastgelegd.\n"), code);
		rc = EXIT_NONE;
		goto out;
	}
	const store_referral *r = pick(v, n, &open);
	/* Followed up and still open: the next follow-up is due in two weeks unless given, so
	 * the referral does not stay on the list as overdue. A date still to come is kept. */
	if (o->next)
		snprintf(next, sizeof next, "%s", o->next);
	else if (!store_status_final(status) && date_parse(r->followup_date, &due) == 0 &&
		 due <= a->today)
		date_format(a->today + NEXT_FOLLOWUP_DAYS, next);
	store_outcome_rec rec = {status, o->role, a->now, have_score ? &score : NULL,
				 *next ? next : NULL};
	rc = store_outcome(s, r->id, &rec, &err);
	if (rc != 0) {
		rc = rc < 0 ? db_error(&err) : EXIT_NONE;
		goto out;
	}
	strbuf b = {0};
	outcome_report(&b, a, r, open, status, *next ? next : NULL, have_score ? &score : NULL);
	rc = emit(&b, FMT_TEXT, EXIT_OK);
out:
	store_referrals_free(v, n);
	store_close(s);
	return rc;
}

/* --- stats --- */

static int percent(int64_t part, int64_t whole)
{
	return whole ? (int)((part * 100 + whole / 2) / whole) : 0;
}

static void stats_text(strbuf *b, app *a, const store_statistics *st, const char *since)
{
	int width = terminal_width();
	if (since)
		sb_printf(b, _("Verwijzingen sinds %s: %lld"), since, (long long)st->total);
	else
		sb_printf(b, _("Verwijzingen: %lld"), (long long)st->total);
	sb_printf(b, _(", waarvan %lld gestart (%d%%) en %lld nog open.\n"), (long long)st->started,
		  percent(st->started, st->total), (long long)st->open);
	for (int by = 0; by < STORE_BY_N; by++) {
		const store_counts *c = &st->by[by];
		chart_item *items = xcalloc((size_t)c->n + 1, sizeof *items);
		for (int i = 0; i < c->n; i++)
			items[i] = (chart_item){label(a, by, c->v[i].key), c->v[i].count};
		int nlines;
		char **lines = chart_bars(items, c->n, width, &nlines);
		sb_printf(b, "\n%s\n", store_by_title(by));
		for (int i = 0; i < nlines; i++)
			sb_printf(b, "%s\n", lines[i]);
		text_lines_free(lines, nlines);
		free(items);
	}
}

static void stats_csv(strbuf *b, app *a, const store_statistics *st)
{
	const struct {
		const char *key;
		int64_t count;
	} totals[] = {{"verwijzingen", st->total}, {"gestart", st->started}, {"open", st->open}};
	sb_append(b, "reeks,sleutel,naam,aantal\r\n");
	for (size_t i = 0; i < ARRAY_LEN(totals); i++)
		sb_printf(b, "totaal,%s,,%lld\r\n", totals[i].key, (long long)totals[i].count);
	for (int by = 0; by < STORE_BY_N; by++)
		for (int i = 0; i < st->by[by].n; i++) {
			const store_count *c = &st->by[by].v[i];
			store_csv_field(b, store_by_ids[by]);
			store_csv_field(b, c->key);
			store_csv_field(b, label(a, by, c->key));
			sb_printf(b, ",%lld\r\n", (long long)c->count);
		}
}

static void stats_json(strbuf *b, app *a, const store_statistics *st, const char *since)
{
	sb_appendc(b, '{');
	store_json_member(b, "sinds", since);
	sb_printf(b, ",\"verwijzingen\":%lld,\"gestart\":%lld,\"open\":%lld,\"reeksen\":{",
		  (long long)st->total, (long long)st->started, (long long)st->open);
	for (int by = 0; by < STORE_BY_N; by++) {
		store_json_key(b, store_by_ids[by]);
		sb_appendc(b, '[');
		for (int i = 0; i < st->by[by].n; i++) {
			const store_count *c = &st->by[by].v[i];
			sb_append(b, i ? ",{" : "{");
			store_json_member(b, "sleutel", c->key);
			store_json_member(b, "naam", label(a, by, c->key));
			sb_printf(b, ",\"aantal\":%lld}", (long long)c->count);
		}
		sb_appendc(b, ']');
	}
	sb_append(b, "}}\n");
}

static int run_stats(app *a, const opts *o)
{
	store *s = NULL;
	store_statistics st;
	store_err err = {0};
	int rc = open_records(a, o, &s, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (store_stats(s, o->since, &st, &err) != 0) {
		store_close(s);
		return db_error(&err);
	}
	store_close(s);
	strbuf b = {0};
	if (o->format == FMT_CSV)
		stats_csv(&b, a, &st);
	else if (o->format == FMT_JSON)
		stats_json(&b, a, &st, o->since);
	else
		stats_text(&b, a, &st, o->since);
	rc = st.total ? EXIT_OK : EXIT_NONE;
	store_statistics_free(&st);
	return emit(&b, o->format, rc);
}

/* --- export --- */

static int run_export(app *a, const opts *o)
{
	store *s = NULL;
	store_err err = {0};
	int rows = 0, rc = open_records(a, o, &s, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (o->with_notes)
		fprintf(stderr, "%s", _("infokaart: let op, deze export bevat de notities (vrije "
					"tekst). Bewaar het bestand veilig en verwijder het na "
					"gebruik.\n"));
	rc = store_export(s, stdout, o->format == FMT_JSON ? STORE_JSON : STORE_CSV, o->since,
			  o->with_notes, &rows, &err);
	store_close(s);
	if (rc == -1)
		return db_error(&err);
	if (rc == -2) {
		perror("infokaart: uitvoer");
		return EXIT_NONE;
	}
	return rows ? EXIT_OK : EXIT_NONE;
}

/* --- retention and erasure --- */

static int run_purge(app *a, const opts *o)
{
	store *s = NULL;
	int removed = 0, rc = open_records(a, o, &s, &removed);
	if (rc != EXIT_OK)
		return rc;
	store_close(s);
	if (removed)
		printf(ngettext("%d notitie ouder dan %d dagen verwijderd; de andere gegevens zijn "
				"bewaard.\n",
				"%d notities ouder dan %d dagen verwijderd; de andere gegevens zijn "
				"bewaard.\n", (unsigned long)removed), removed, o->days);
	else
		printf(_("Geen notities ouder dan %d dagen; niets verwijderd.\n"), o->days);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_NONE;
}

static int run_delete(app *a, const opts *o)
{
	char code[16];
	normal_code(o->arg[0], code);
	store *s = NULL;
	store_delete_report rep;
	store_err err = {0};
	int rc = open_records(a, o, &s, NULL);
	if (rc != EXIT_OK)
		return rc;
	rc = store_delete_case(s, code, &rep, &err);
	store_close(s);
	if (rc < 0)
		return db_error(&err);
	if (rc > 0) {
		fprintf(stderr, _("infokaart: geen verwijzing met code %s; niets gewist.\n"), code);
		return EXIT_NONE;
	}
	strbuf b = {0};
	sb_printf(&b, _("Gewist voor code %s: "), code);
	sb_printf(&b, ngettext("%d verwijzing", "%d verwijzingen", (unsigned long)rep.referrals),
		  rep.referrals);
	sb_printf(&b, ngettext(" (met %d notitie)", " (met %d notities)", (unsigned long)rep.notes),
		  rep.notes);
	sb_printf(&b, ngettext(", %d statusregel", ", %d statusregels", (unsigned long)rep.history),
		  rep.history);
	sb_printf(&b, ngettext(" en %d De Jong Gierveld-score.\n",
			       " en %d De Jong Gierveld-scores.\n", (unsigned long)rep.djg), rep.djg);
	sb_append(&b, _("Dit kan niet ongedaan worden gemaakt.\n"));
	if (!rep.wal_cleared)
		sb_printf(&b, _("Een ander programma heeft de database nog open. Sluit het: pas dan "
				"verdwijnen de laatste sporen uit %s-wal.\n"), a->db_path);
	return emit(&b, FMT_TEXT, EXIT_OK);
}

/* --- the commands and their options --- */

static const command commands[] = {
	{"followups", O_DATE | O_FORMAT, 0, run_followups},
	{"outcome", O_ROLE | O_DJG | O_NEXT, 2, run_outcome},
	{"case", O_FORMAT | O_NOTES, 1, run_case},
	{"stats", O_SINCE | O_FORMAT, 0, run_stats},
	{"export", O_FORMAT | O_SINCE | O_NOTES, 0, run_export},
	{"purge", 0, 0, run_purge},
	{"delete", 0, 1, run_delete},
};

static const command *find_command(const char *word)
{
	for (size_t i = 0; word && i < ARRAY_LEN(commands); i++)
		if (strcmp(word, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

bool cli_records_is_command(const char *word)
{
	return find_command(word) != NULL;
}

/* Checks and stores the value of one option. Returns 0 or an exit code. */
static int take_value(const command *c, opts *o, unsigned bit, const char *name, const char *v)
{
	int days;
	char *end;
	switch (bit) {
	case O_DATE:
	case O_SINCE:
	case O_NEXT:
		if (date_parse(v, &days) != 0)
			return usage_error(_("%s wil een datum als JJJJ-MM-DD."), name);
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
			return usage_error(_("--format '%s' ken ik hier niet."), v);
		return 0;
	case O_DAYS:
		o->days = (int)strtol(v, &end, 10);
		if (!*v || *end || o->days < 1 || o->days > MAX_DAYS)
			return usage_error(_("--days wil een aantal dagen (1 tot 3650), niet '%s'."), v);
		return 0;
	case O_ROLE: o->role = v; return 0;
	case O_DJG: o->djg = v; return 0;
	}
	return 0;
}

static int parse(const app *a, const command *c, char **args, int n, bool json, opts *o)
{
	memset(o, 0, sizeof *o);
	o->days = a->cfg.retention_days >= 1 ? a->cfg.retention_days : CLI_RETENTION_DAYS_DEFAULT;
	o->format = json ? FMT_JSON : strcmp(c->name, "export") == 0 ? FMT_CSV : FMT_TEXT;
	for (int i = 0; i < n; i++) {
		unsigned bit = 0;
		for (size_t k = 0; k < ARRAY_LEN(option_table); k++)
			if (strcmp(args[i], option_table[k].name) == 0)
				bit = option_table[k].bit;
		if (args[i][0] == '-' && args[i][1] && !(bit & (c->options | O_DAYS)))
			return usage_error(_("onbekende optie '%s' bij deze opdracht."), args[i]);
		if (bit == O_NOTES) {
			o->with_notes = true;
		} else if (bit) {
			if (i + 1 == n)
				return usage_error(_("optie %s heeft een waarde nodig."), args[i]);
			int rc = take_value(c, o, bit, args[i], args[i + 1]);
			if (rc)
				return rc;
			i++;
		} else if (o->narg == c->nargs) {
			return usage_error(_("te veel woorden: '%s'."), args[i]);
		} else {
			o->arg[o->narg++] = args[i];
		}
	}
	if (o->narg < c->nargs)
		return usage_error(_("%s wil meer woorden; zie de hulp."), c->name);
	return 0;
}

int cli_records_run(app *a, char **args, int n, bool json)
{
	const command *c = find_command(args[0]);
	opts o;
	if (!c)
		return usage_error(_("onbekende opdracht '%s'."), args[0]);
	int rc = parse(a, c, args + 1, n - 1, json, &o);
	return rc ? rc : c->run(a, &o);
}
