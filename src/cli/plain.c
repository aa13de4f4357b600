/* plain.c: the numbered-prompt front end (see plain.h). It drives the same flow as the TUI;
 * every prompt also accepts b (back), ! (crisis numbers), q (stop). */
#include "plain.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flow.h"
#include "i18n.h"
#include "record.h"
#include "summary.h"
#include "text.h"

typedef struct {
	app *a;
	FILE *in, *out;
	flow *f;
	char *line;
	size_t cap;
} plain;

enum { IN_LINE, IN_AGAIN, IN_EOF, IN_BACK, IN_QUIT, IN_STOPPED }; /* IN_AGAIN: ask the same again */

static volatile sig_atomic_t got_stop; /* SIGTERM or SIGHUP: keep the walk as a draft */

static void on_stop(int sig)
{
	(void)sig;
	got_stop = 1;
}

static const char *tr(const plain *p, const ik_text *t)
{
	return ik_tr(t, p->a->lang);
}

static void show_crisis(plain *p)
{
	const content *c = p->a->c;
	fprintf(p->out, "\n== %s ==\n%s\n", tr(p, &c->crisis_title), tr(p, &c->crisis_intro));
	for (int i = 0; i < c->ncrisis; i++) {
		const ik_crisis_line *l = &c->crisis[i];
		if (!answers_crisis_line_shown(p->f->ans, l))
			continue;
		fprintf(p->out, "- %s: ", tr(p, &l->name));
		for (int k = 0; k < l->nphones; k++)
			fprintf(p->out, "%s%s", k ? _(" of ") : "", l->phones[k]);
		fprintf(p->out, " (%s). %s\n", tr(p, &l->hours), tr(p, &l->text));
	}
	fputc('\n', p->out);
}

/* Reads one line after prompt; handles the global commands. */
static int ask(plain *p, const char *prompt)
{
	for (;;) {
		fprintf(p->out, "%s\n> ", prompt);
		fflush(p->out);
		ssize_t n = getline(&p->line, &p->cap, p->in);
		if (got_stop)
			return IN_STOPPED;
		if (n < 0)
			return IN_EOF;
		while (n > 0 && (p->line[n - 1] == '\n' || p->line[n - 1] == '\r'))
			p->line[--n] = '\0';
		char *text = text_from_input(p->line, (size_t)n); /* UTF-8, or converted from the locale */
		if (!text) {
			fprintf(p->out, "%s\n", _("Die tekst is geen UTF-8 en past niet bij de taalinstelling (locale); typ het opnieuw."));
			continue;
		}
		explicit_bzero(p->line, (size_t)n);
		free(p->line);
		p->line = text;
		p->cap = strlen(text) + 1;
		if (strcmp(p->line, "!") == 0) {
			show_crisis(p);
			continue;
		}
		if (strcmp(p->line, "b") == 0)
			return IN_BACK;
		if (strcmp(p->line, "q") == 0)
			return IN_QUIT;
		return IN_LINE;
	}
}

/* A note or text answer longer than FLOW_TEXT_MAX characters is refused with the limit. */
static bool too_long(plain *p)
{
	size_t chars = 0;
	for (const char *s = p->line; *s; s++)
		chars += ((unsigned char)*s & 0xC0) != 0x80;
	if (chars <= FLOW_TEXT_MAX)
		return false;
	fprintf(p->out, _("Dat is te lang: hoogstens %d tekens, u typte er %zu. Typ het korter.\n"), FLOW_TEXT_MAX, chars);
	return true;
}

static void list_options(plain *p, const ik_question *q, const ik_answer *a)
{
	for (int o = 0; o < q->nopts; o++)
		fprintf(p->out, "  %2d) %s%s\n", o + 1, tr(p, &q->opts[o].text),
			a->set && (a->opts >> o & 1) ? _("  [gekozen]") : "");
}

/* Parses "1 3 4" into option bits; returns how many words were not an option number (those
 * are left out of bits, the others kept). */
static int parse_numbers(const char *s, int nopts, uint64_t *bits)
{
	*bits = 0;
	int bad = 0;
	for (;;) {
		while (*s == ' ' || *s == ',')
			s++;
		if (!*s)
			return bad;
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || (*end && *end != ' ' && *end != ',') || v < 1 || v > nopts) {
			bad++;
			end = (char *)s + strcspn(s, " ,");
		} else {
			*bits |= UINT64_C(1) << (v - 1);
		}
		s = end;
	}
}

/* Applies the typed line to question qi: true when it was understood (an empty line keeps
 * what was there: flow_next then says what is missing). A line not understood changes
 * nothing, except that the valid numbers of a multiple choice are kept. */
static bool answer_question(plain *p, int qi)
{
	const ik_question *q = &p->a->c->questions[qi];
	answers *as = p->f->ans;
	const char *line = p->line;
	if (q->type == Q_TEXT) {
		if (too_long(p))
			return false;
		answers_set_text(as, qi, line);
		return true;
	}
	if (!*line)
		return true;
	if (q->type == Q_SCALE || q->type == Q_NUMBER) {
		char *end;
		long v = strtol(line, &end, 10);
		if (*end || end == line || v < q->min || v > q->max)
			return false;
		answers_set_value(as, qi, (int)v);
		return true;
	}
	uint64_t bits;
	int bad = parse_numbers(line, q->nopts, &bits);
	if (q->type == Q_SINGLE) {
		if (bad || !bits || (bits & (bits - 1)))
			return false;
		answers_set_single(as, qi, __builtin_ctzll(bits));
		return true;
	}
	if (bits)
		answers_unset(as, qi);
	for (int o = 0; o < q->nopts; o++)
		if (bits >> o & 1)
			answers_toggle(as, qi, o);
	return !bad;
}

/* The tips for this place whose conditions hold, one line each. */
static void print_tips(plain *p, ik_tip_place place, int index)
{
	char *tips = summary_tips(p->a->c, p->f->ans, place, index, p->a->lang);
	if (*tips)
		fprintf(p->out, "%s\n", tips);
	free(tips);
}

static int step_question(plain *p, int qi)
{
	const content *c = p->a->c;
	const ik_question *q = &c->questions[qi];
	if (qi == 0 || c->questions[qi - 1].phase != q->phase)
		print_tips(p, TIP_PHASE, q->phase);
	fprintf(p->out, "\n[%s] %s\n", tr(p, &c->phases[q->phase].title), tr(p, &q->text));
	if (q->help)
		fprintf(p->out, "%s\n", tr(p, q->help));
	print_tips(p, TIP_QUESTION, qi);
	list_options(p, q, &p->f->ans->a[qi]);
	const char *how;
	switch (q->type) {
	case Q_SINGLE: how = _("Typ een nummer en Enter."); break;
	case Q_MULTI: how = _("Typ een of meer nummers met spaties ertussen, en Enter."); break;
	case Q_TEXT: how = _("Typ uw antwoord en Enter (schrijf geen namen)."); break;
	default: how = NULL;
	}
	char range[160];
	if (!how) {
		snprintf(range, sizeof range, _("Typ een getal van %d tot %d en Enter."), q->min, q->max);
		how = range;
	}
	char prompt[512];
	snprintf(prompt, sizeof prompt, "%s%s %s", how, q->optional ? _(" (Enter alleen: overslaan.)") : "",
		 _("b = terug, ! = crisishulp, q = stoppen."));
	int r = ask(p, prompt);
	if (r != IN_LINE)
		return r;
	if (!answer_question(p, qi)) { /* the same question again, with what was understood */
		fprintf(p->out, "%s\n", _("Dat antwoord begrijp ik niet. Probeer het nog eens."));
		if (q->type == Q_MULTI && p->f->ans->a[qi].set)
			fprintf(p->out, "%s\n", _("De nummers die wel klopten zijn gekozen."));
		return IN_AGAIN;
	}
	return IN_LINE;
}

static void show_guide(plain *p, int phase)
{
	const content *c = p->a->c;
	fprintf(p->out, "\n[%s]\n%s\n", tr(p, &c->phases[phase].title), tr(p, &c->phases[phase].intro));
	print_tips(p, TIP_PHASE, phase);
	int role = answers_facet_single(p->f->ans, FACET_ROLE);
	for (int i = 0; i < c->nopeners; i++)
		for (int k = 0; c->openers[i].role == role && k < c->openers[i].nlines; k++)
			fprintf(p->out, "  \"%s\"\n", tr(p, &c->openers[i].lines[k]));
	for (int i = 0; i < c->nprinciples; i++)
		fprintf(p->out, "- %s: %s\n", tr(p, &c->principles[i].title), tr(p, &c->principles[i].text));
}

static int step_profile(plain *p)
{
	const content *c = p->a->c;
	flow *f = p->f;
	fprintf(p->out, "\n[%s]\n", _("Profiel"));
	if (f->prof.state == PROFILE_SELECTED) {
		const ik_profile *pr = &c->profiles[f->profile];
		fprintf(p->out, _("Voorstel: %s\n%s\n"), tr(p, &pr->name), tr(p, &pr->description));
		fprintf(p->out, _("Wat helpt: %s\nVermijd: %s\n"), tr(p, &pr->helps), tr(p, &pr->avoid));
		char *why = summary_profile_why(f, p->a->lang);
		fprintf(p->out, _("Waarom dit profiel:\n%s"), why);
		free(why);
	} else {
		fprintf(p->out, "%s\n", f->prof.state == PROFILE_TIE ? _("Meer dan één profiel past. Kies er zelf een.")
								      : _("Er is te weinig informatie voor een profiel. Kies er zelf een, of ga terug (b)."));
	}
	fprintf(p->out, "(%s)\n", tr(p, &c->profiles_disclaimer));
	for (int i = 0; i < c->nprofiles; i++)
		fprintf(p->out, "  %2d) %s%s\n", i + 1, tr(p, &c->profiles[i].name), i == f->profile ? _("  [gekozen]") : "");
	int r = ask(p, f->profile >= 0 ? _("Enter = akkoord, of typ het nummer van een ander profiel.")
				       : _("Typ het nummer van een profiel."));
	if (r != IN_LINE)
		return r;
	char *end;
	long v = strtol(p->line, &end, 10);
	if (*p->line && (!*end && v >= 1 && v <= c->nprofiles))
		flow_set_profile(f, (int)v - 1);
	else if (*p->line)
		fprintf(p->out, "%s\n", _("Dat nummer staat niet in de lijst."));
	return IN_LINE;
}

static int step_suggest(plain *p)
{
	const content *c = p->a->c;
	flow *f = p->f;
	fprintf(p->out, "\n[%s]\n", _("Suggesties"));
	for (int i = 0; i < f->nsugg; i++) {
		const suggestion *s = &f->sugg[i];
		const ik_activity *act = &c->activities[s->activity];
		char checked[8];
		summary_checked(act, checked);
		if (s->route)
			fprintf(p->out, "%s\n", _("  Iemand die verder helpt:"));
		fprintf(p->out, _("  %2d) %s (%s) · gecontroleerd %s%s\n"), i + 1, act->name, act->organization, checked,
			i == f->chosen ? _("  [gekozen]") : "");
		for (int k = 0; k < s->nreasons; k++) {
			char buf[512];
			rank_reason_text(c, &s->reasons[k], p->a->lang, buf, sizeof buf);
			fprintf(p->out, "        - %s\n", buf);
		}
	}
	print_tips(p, TIP_SUGGEST, -1);
	int r = ask(p, _("Typ het nummer van de activiteit die u samen kiest (Enter = de gekozen)."));
	if (r != IN_LINE)
		return r;
	char *end;
	long v = strtol(p->line, &end, 10);
	if (*p->line && !*end && v >= 1 && v <= f->nsugg) {
		flow_choose(f, (int)v - 1);
		char *d = summary_activity(c, flow_chosen_activity(f), f->sugg[f->chosen].stale, p->a->lang);
		fprintf(p->out, "\n%s", d);
		free(d);
	} else if (*p->line) {
		fprintf(p->out, "%s\n", _("Dat nummer staat niet in de lijst."));
	}
	return IN_LINE;
}

/* Asks the record form's fields, then stores; on a database error offers to retry. */
static int step_record(plain *p)
{
	flow *f = p->f;
	fprintf(p->out, "\n[%s]\n", _("Vastleggen"));
	int r = ask(p, _("Geeft de persoon toestemming om door te verwijzen? 1) ja  2) nee"));
	if (r != IN_LINE)
		return r;
	if (strcmp(p->line, "1") && strcmp(p->line, "2")) {
		fprintf(p->out, "%s\n", _("Typ 1 of 2."));
		return IN_LINE;
	}
	flow_set_consent(f, p->line[0] == '1' ? CONSENT_YES : CONSENT_NO);
	if (flow_may_record(f, NULL) == FLOW_RECORD_NOTHING) {
		flow_next(f, NULL); /* the end: nobody referred, nothing stored */
		return IN_LINE;
	}
	while (f->consent == CONSENT_YES && f->consent_how < 0) {
		if ((r = ask(p, _("Hoe gaf de persoon toestemming? 1) mondeling  2) schriftelijk"))) != IN_LINE)
			return r;
		if (!strcmp(p->line, "1") || !strcmp(p->line, "2"))
			f->consent_how = p->line[0] - '1';
	}
	char date[11], prompt[256];
	date_format(f->followup, date);
	for (;;) {
		snprintf(prompt, sizeof prompt, _("Datum om na te vragen hoe het ging (JJJJ-MM-DD, Enter = %s):"), date);
		if ((r = ask(p, prompt)) != IN_LINE)
			return r;
		int d;
		if (!*p->line)
			break;
		if (date_parse(p->line, &d) == 0 && d >= f->today) {
			f->followup = d;
			break;
		}
		fprintf(p->out, "%s\n", _("Dat is geen datum vanaf vandaag (bijvoorbeeld 2026-12-07)."));
	}
	do
		if ((r = ask(p, _("Korte notitie (optioneel, geen namen; wordt na de bewaartermijn gewist). Enter = geen:"))) != IN_LINE)
			return r;
	while (too_long(p));
	flow_set_note(f, p->line);
	for (;;) {
		store_err err = {0};
		if (record_referral(p->a, f, &err) == 0)
			return IN_LINE;
		fprintf(p->out, _("Niet vastgelegd: %s\nUw antwoorden zijn bewaard.\n"), err.msg);
		if ((r = ask(p, _("Enter = opnieuw proberen, q = stoppen zonder vastleggen."))) != IN_LINE)
			return r == IN_QUIT ? IN_QUIT : r;
	}
}

static int finish(plain *p, step_kind k)
{
	flow *f = p->f;
	if (k == STEP_END_INFO) {
		const ik_question *q = &p->a->c->questions[p->a->c->facet_q[FACET_SUPPORT]];
		const char *why = NULL;
		if (f->end_option < 0)
			flow_may_record(f, &why); /* ended on the record step: no consent */
		fprintf(p->out, "\n%s\n\n%s\n%s\n", f->end_option >= 0 ? tr(p, q->opts[f->end_option].ends) : why,
			tr(p, &p->a->c->support_end), _("Er is niets vastgelegd."));
		print_tips(p, TIP_END, -1);
		show_crisis(p);
		return 0;
	}
	char date[11];
	date_format(f->followup, date);
	fprintf(p->out, _("\nVastgelegd. Casuscode: %s. Nagaan hoe het ging: %s.\n\n"), f->case_code, date);
	char *slip = summary_slip(f, p->a->lang);
	fprintf(p->out, "----- %s -----\n%s-----\n", _("Om mee te geven"), slip);
	free(slip);
	return 0;
}

/* A draft of an interrupted walk: offered before anything else. */
static void offer_draft(plain *p)
{
	int64_t at = p->a->draft_at;
	if (!at)
		return;
	char when[64];
	time_t t = (time_t)at;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	char prompt[256];
	snprintf(prompt, sizeof prompt, _("Er is een onafgemaakte ronde van %s. Verder gaan? j = ja, n = nee (wissen)"), when);
	for (;;) {
		if (ask(p, prompt) != IN_LINE)
			return; /* no answer: the draft stays for next time */
		if (!strcmp(p->line, "j") || !strcmp(p->line, "n"))
			break;
	}
	bool resume = p->line[0] == 'j';
	if (app_draft_take(p->a, resume ? p->f : NULL) != 0 && resume)
		fprintf(p->out, "%s\n", _("Die ronde past niet meer bij de inhoud; u begint opnieuw."));
}

int plain_run(app *a, FILE *in, FILE *out)
{
	plain p = {.a = a, .in = in, .out = out};
	if (a->cfg.mode == MODE_TRAINING) {
		fprintf(stderr, "%s\n", _("infokaart: de oefenmodus werkt alleen in de schermversie (zonder --plain)."));
		return 2;
	}
	p.f = app_flow_new(a);
	if (!p.f)
		return 2;
	struct sigaction sa = {0};
	sa.sa_handler = on_stop; /* no SA_RESTART: a read in progress returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	fprintf(out, "%s\n%s\n", _("infokaart: van signaal naar verwijzing"),
		_("Bij acuut gevaar: typ ! voor de crisisnummers."));
	offer_draft(&p);
	int rc = 1;
	for (;;) {
		flow_step s = flow_current(p.f);
		int r = IN_LINE;
		if (s.kind == STEP_DONE || s.kind == STEP_END_INFO) {
			rc = finish(&p, s.kind);
			break;
		}
		switch (s.kind) {
		case STEP_GUIDE:
			show_guide(&p, s.index);
			r = ask(&p, _("Enter = verder, b = terug."));
			break;
		case STEP_QUESTION: r = step_question(&p, s.index); break;
		case STEP_PROFILE: r = step_profile(&p); break;
		case STEP_SUGGEST: r = step_suggest(&p); break;
		case STEP_RECORD: r = step_record(&p); break;
		default: break;
		}
		if (r == IN_STOPPED || got_stop) {
			if (flow_current(p.f).kind == STEP_DONE) {
				rc = finish(&p, STEP_DONE); /* stored before the signal came: say so */
				break;
			}
			bool keep = flow_dirty(p.f);
			app_save_draft(a, p.f);
			fprintf(out, "\n%s\n", keep ? _("Gestopt: de onafgemaakte ronde is bewaard en wordt bij de volgende start aangeboden.")
						    : _("Gestopt: er is niets vastgelegd."));
			break;
		}
		if (r == IN_EOF || r == IN_QUIT) {
			fprintf(out, "\n%s\n", _("Gestopt: er is niets vastgelegd."));
			break;
		}
		const char *why = NULL;
		if (r == IN_BACK)
			flow_back(p.f);
		else if (r == IN_LINE && s.kind != STEP_RECORD && flow_next(p.f, &why) != 0 && why)
			fprintf(out, "%s\n", why);
		if (flow_take_crisis(p.f)) /* talk of death: the crisis numbers before anything else */
			show_crisis(&p);
	}
	flow_free(p.f);
	free(p.line);
	return rc;
}
