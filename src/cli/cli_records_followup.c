/* cli_records_followup.c: the follow-up loop on the command line: what is due (followups),
 * one person's referrals with their history (case), and an outcome in one command (outcome),
 * with the optional De Jong Gierveld scale scored from the content. Output through
 * cli_emit; options already checked by the command table (commands.c). */
#include "cli_records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "djg.h"
#include "i18n.h"
#include "store_export.h"

enum { NEXT_FOLLOWUP_DAYS = 14 }; /* as the record screen's default */
_Static_assert(STORE_DJG_MISSING == DJG_MISSING, "djg_compute's scores go to the store as they are");

/* --- describing referrals --- */

/* A score, or "onbekend" when it is missing. */
static void score_text(strbuf *b, int v)
{
	if (v == STORE_DJG_MISSING)
		sb_append(b, _("onbekend"));
	else
		sb_printf(b, "%d", v);
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
		score_text(b, v[0].total);
		sb_printf(b, " (%s)\n", d0);
		return;
	}
	store_local_date(v[n - 1].at, d1);
	sb_printf(b, "%s ", _("eerst"));
	score_text(b, v[0].total);
	sb_printf(b, " (%s), %s ", d0, _("laatst"));
	score_text(b, v[n - 1].total);
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
	sb_printf(b, _("  %s verwezen door %s naar %s\n"), created,
		  cli_label(a, STORE_BY_ROLE, r->role),
		  cli_label(a, STORE_BY_ACTIVITY, r->activity));
	sb_printf(b, _("  Profiel: %s; wijk: %s; status: %s"),
		  cli_label(a, STORE_BY_PROFILE, r->profile),
		  cli_label(a, STORE_BY_WIJK, r->wijk),
		  cli_label(a, STORE_BY_STATUS, r->status));
	if (r->closed_at) {
		store_local_date(r->closed_at, closed);
		sb_printf(b, _(" (afgesloten op %s)"), closed);
	}
	if (r->note)
		sb_append(b, _("; met notitie"));
	sb_appendc(b, '\n');
}

/* The first and latest De Jong Gierveld scores of r, as CSV fields or JSON members. */
static void djg_columns(strbuf *b, out_format f, char sep, const store_djg *v, int n)
{
	static const char *const keys[] = {"djg_first", "djg_first_on", "djg_latest", "djg_latest_on"};
	for (int k = 0; k < 2; k++) {
		const store_djg *d = n ? &v[k ? n - 1 : 0] : NULL;
		char total[16] = "", on[11] = "";
		if (d && d->total != STORE_DJG_MISSING)
			snprintf(total, sizeof total, "%d", d->total);
		if (d)
			store_local_date(d->at, on);
		if (f == FMT_CSV) {
			store_csv_field(b, sep, total);
			store_csv_field(b, sep, on);
		} else {
			store_json_key(b, keys[2 * k]);
			sb_append(b, *total ? total : "null");
			store_json_member(b, keys[2 * k + 1], d ? on : NULL);
		}
	}
}

/* --- followups --- */

/* The referrals v[0..n) as text, CSV or JSON, each with its first and latest De Jong Gierveld
 * score; CSV and JSON add the days past the follow-up date (negative: still to come). JSON is
 * {"version": 1, key: value, "referrals": […]}. */
static void referrals_table(strbuf *b, app *a, store *s, const store_referral *v, int n,
			    const cli_opts *o, bool with_notes, const char *key, const char *value)
{
	static const char *const extra[] = {"dagen_te_laat", "djg_eerst", "djg_eerst_op",
					    "djg_laatst", "djg_laatst_op"};
	out_format f = o->format;
	char sep = o->csv_sep;
	if (f == FMT_CSV) {
		store_csv_header(b, sep, with_notes);
		for (size_t k = 0; k < ARRAY_LEN(extra); k++)
			store_csv_field(b, sep, extra[k]);
		sb_append(b, "\r\n");
	} else if (f == FMT_JSON) {
		sb_append(b, "{\"version\":" STORE_JSON_VERSION);
		store_json_member(b, key, value);
		sb_append(b, ",\"referrals\":[");
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
			store_csv_referral(b, sep, &v[i], with_notes);
			store_csv_number(b, sep, a->today - due);
			djg_columns(b, f, sep, d, nd);
			sb_append(b, "\r\n");
		} else {
			sb_append(b, i ? ",\n{" : "\n{");
			store_json_referral(b, &v[i], with_notes);
			store_json_key(b, "days_overdue");
			sb_append(b, late);
			djg_columns(b, f, sep, d, nd);
			sb_appendc(b, '}');
		}
		free(d);
	}
	if (f == FMT_JSON)
		sb_append(b, n ? "\n]}\n" : "]}\n");
	else if (f == FMT_CSV)
		cli_csv_bom(b, o);
}

/* Opens the records and reads the referrals of case code `code`, or else the follow-ups due
 * on or before `until`. Returns EXIT_OK with *s open and *v (n of them) to free, or an exit
 * code after saying why (nothing open). */
static int read_referrals(app *a, const cli_opts *o, const char *code, const char *until, store **s,
			  store_referral **v, int *n)
{
	store_err err = {0};
	int rc = cli_open_records(a, o, s, NULL);
	if (rc != EXIT_OK)
		return rc;
	if ((code ? store_referrals_by_case(*s, code, v, n, &err) : store_followups(*s, until, v, n, &err)) != 0) {
		store_close(*s);
		return cli_db_error(&err);
	}
	return EXIT_OK;
}

int cli_records_followups(app *a, const cli_opts *o)
{
	char until[11];
	date_format(a->today, until);
	if (o->date)
		snprintf(until, sizeof until, "%s", o->date);
	store *s = NULL;
	store_referral *v = NULL;
	int n = 0, rc = read_referrals(a, o, NULL, until, &s, &v, &n);
	if (rc != EXIT_OK)
		return rc;
	strbuf b = {0};
	if (o->format == FMT_TEXT && n == 0)
		sb_printf(&b, _("Geen nazorg te doen op of voor %s.\n"), until);
	else if (o->format == FMT_TEXT)
		sb_printf(&b, ngettext("Nazorg te doen op of voor %s: %d verwijzing.\n",
				       "Nazorg te doen op of voor %s: %d verwijzingen.\n",
				       (unsigned long)n), until, n);
	referrals_table(&b, a, s, v, n, o, false, "due_by", until);
	store_referrals_free(v, n);
	store_close(s);
	return cli_emit(&b, o->format, n ? EXIT_OK : EXIT_NONE);
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
			  store_label_option(cli_names(a), a->lang, FACET_LONELINESS, id));
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
		  store_label_option(cli_names(a), a->lang, FACET_AGE, r->age_group));
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
			sb_printf(b, "    %s  %s", day, cli_label(a, STORE_BY_STATUS, h[i].status));
			if (*h[i].role)
				sb_printf(b, _(", door %s"), cli_label(a, STORE_BY_ROLE, h[i].role));
			sb_appendc(b, '\n');
		}
	}
	if (store_djg_list(s, r->id, &d, &nd, &err) == 0)
		djg_line(b, d, nd);
	free(h);
	free(d);
}

int cli_records_case(app *a, const cli_opts *o)
{
	char code[16];
	store *s = NULL;
	store_referral *v = NULL;
	int n = 0, rc = cli_case_code(o->arg[0], code);
	if (rc == EXIT_OK)
		rc = read_referrals(a, o, code, NULL, &s, &v, &n);
	if (rc != EXIT_OK)
		return rc;
	strbuf b = {0};
	if (o->format != FMT_TEXT) {
		referrals_table(&b, a, s, v, n, o, o->with_notes, "case_code", code);
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
	return cli_emit(&b, o->format, n ? EXIT_OK : EXIT_NONE);
}

/* --- outcome --- */

static int refuse_status(const char *status)
{
	fprintf(stderr, _("infokaart: status '%s' bestaat niet. Kies uit:\n"), status);
	for (int i = 0; store_status_ids[i]; i++)
		fprintf(stderr, "  %-15s %s%s\n", store_status_ids[i],
			store_status_label(store_status_ids[i]),
			store_status_final(store_status_ids[i]) ? _(" (sluit af)") : "");
	return EXIT_USAGE; /* a bad value: wrong use, as the manual page says */
}

static int refuse_role(const content *c, ik_lang lang, const char *role)
{
	const ik_question *q = &c->questions[c->facet_q[FACET_ROLE]];
	fprintf(stderr, _("infokaart: rol '%s' bestaat niet. Kies uit:\n"), role);
	for (int i = 0; i < q->nopts; i++)
		fprintf(stderr, "  %-15s %s\n", q->opts[i].id, ik_tr(&q->opts[i].text, lang));
	return EXIT_USAGE;
}

/* Reads "ja,nee,min_of_meer,…": six answers in the order of the items in djg6.json, "-" (or
 * nothing) for a question without an answer. Returns 0, or an exit code after saying why. */
static int parse_djg(const ik_djg *g, ik_lang lang, const char *spec, int ans[6])
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
			rc = EXIT_USAGE;
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
			fprintf(stderr, "  %d. %s\n", i + 1, ik_tr(&g->items[i].text, lang));
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
static int outcome_inputs(app *a, const cli_opts *o, store_djg *score, bool *have_score)
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
	if ((rc = parse_djg(&c->djg, a->lang, o->djg, ans)) != EXIT_OK)
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
			  cli_label(a, STORE_BY_STATUS, r->status));
	sb_printf(b, _("Vastgelegd: %s staat nu op \"%s\".\n"), r->case_code,
		  cli_label(a, STORE_BY_STATUS, status));
	sb_printf(b, _("Dit is de verwijzing van %s naar %s. "), created,
		  cli_label(a, STORE_BY_ACTIVITY, r->activity));
	if (store_status_final(status))
		sb_append(b, _("De verwijzing is nu afgesloten.\n"));
	else
		sb_printf(b, _("%sVolgende nazorg: %s.\n"),
			  open == 0 ? _("Ze staat weer open. ") : "", next ? next : r->followup_date);
	if (score) {
		sb_printf(b, _("De Jong Gierveld: totaal "));
		score_text(b, score->total);
		sb_printf(b, _(" van 6, %s (emotioneel "), djg_level_text(score->total));
		score_text(b, score->emotional);
		sb_printf(b, _(", sociaal "));
		score_text(b, score->social);
		sb_append(b, _("). Dit is geen diagnose.\n"));
	}
}

int cli_records_outcome(app *a, const cli_opts *o)
{
	char code[16], next[11] = "";
	const char *status = o->arg[1];
	store_djg score;
	bool have_score;
	if (cli_case_code(o->arg[0], code) != EXIT_OK)
		return EXIT_USAGE;
	if (!store_status_known(status))
		return refuse_status(status);
	if (o->next && store_status_final(status))
		return cli_usage(_("--next past niet bij de afsluitende status '%s'."), status);
	int rc = outcome_inputs(a, o, &score, &have_score);
	store *s = NULL;
	store_referral *v = NULL;
	store_err err = {0};
	int n = 0, open = 0, due;
	if (rc != EXIT_OK || (rc = cli_open_records(a, o, &s, NULL)) != EXIT_OK)
		return rc;
	if (store_referrals_by_case(s, code, &v, &n, &err) != 0) {
		rc = cli_db_error(&err);
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
	if (rc < 0) {
		rc = cli_db_error(&err);
		goto out;
	}
	if (rc > 0) { /* erased by another program since we looked it up */
		fprintf(stderr, _("infokaart: de verwijzing is intussen gewist; niets vastgelegd.\n"));
		rc = EXIT_NONE;
		goto out;
	}
	strbuf b = {0};
	outcome_report(&b, a, r, open, status, *next ? next : NULL, have_score ? &score : NULL);
	rc = cli_emit(&b, FMT_TEXT, EXIT_OK);
out:
	store_referrals_free(v, n);
	store_close(s);
	return rc;
}

