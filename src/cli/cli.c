/* cli.c: check, questions --json and suggest: content in, text or JSON out; and set-pin. */
#include "cli.h"
#include "load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "content_answers.h"
#include "i18n.h"
#include "jsonw.h"
#include "pin.h"
#include "profile.h"
#include "rank.h"
#include "summary.h"
#include "store_export.h"
#include "training.h"

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A training case is checked against the content it belongs to: the folder above its
 * training/ folder, or else the content in use. */
static void check_case_file(app *a, const char *path, diags *d)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	slash = strrchr(dir, '/');
	const char *base = slash ? dir : ".";
	if (slash)
		*slash = '\0';
	content *c = NULL;
	if (content_load(is_dir(base) && strcmp(base, ".") ? base : a->content_dir, &c, d) == 0)
		content_check_case(c, path, d);
	content_free(c);
	free(dir);
}

/* A folder: the content and its training cases; a file: that file (see content_check_path). */
void cli_check_path(app *a, const char *path, diags *d)
{
	const char *slash = strrchr(path, '/');
	bool in_training = slash && slash - path >= 8 && strncmp(slash - 8, "training", 8) == 0 &&
			   (slash - path == 8 || slash[-9] == '/');
	if (!is_dir(path) && in_training) {
		check_case_file(a, path, d);
		return;
	}
	char *tdir = xasprintf("%s/training", path);
	content *c = NULL;
	if (!is_dir(path) || !is_dir(tdir)) {
		content_check_path(path, a->content_dir, d);
	} else if (content_load(path, &c, d) == 0) { /* loaded once, for the cases too */
		ik_cases *cs = NULL;
		content_load_cases(c, tdir, &cs, d);
		content_cases_free(cs);
	}
	content_free(c);
	free(tdir);
}

int cli_check(app *a, const cli_opts *o)
{
	diags d = {0};
	char **paths = o->arg;
	int n = o->narg;
	char *dflt[] = {(char *)a->content_dir};
	if (n == 0) {
		paths = dflt;
		n = 1;
	}
	for (int i = 0; i < n; i++)
		cli_check_path(a, paths[i], &d);
	diags_print(&d, stdout);
	int errors = d.n;
	diags_free(&d);
	if (errors) {
		printf(_("%d fout(en) gevonden.\n"), errors);
		return 1;
	}
	printf("%s\n", _("Inhoud in orde."));
	return 0;
}

static void text_obj(strbuf *b, const ik_text *t)
{
	if (!t) {
		sb_append(b, "null");
		return;
	}
	sb_append(b, "{\"nl\":");
	jsonw_str(b, t->nl);
	sb_append(b, ",\"en\":");
	jsonw_str(b, t->en);
	sb_appendc(b, '}');
}

static const char *const qtype_names[] = {"single", "multi", "scale", "text", "number"};

static void question_json(strbuf *b, const content *c, const ik_question *q)
{
	sb_append(b, "{\"id\":");
	jsonw_str(b, q->id);
	sb_append(b, ",\"phase\":");
	jsonw_str(b, c->phases[q->phase].id);
	sb_append(b, ",\"type\":");
	jsonw_str(b, qtype_names[q->type]);
	sb_printf(b, ",\"optional\":%s,\"text\":", q->optional ? "true" : "false");
	text_obj(b, &q->text);
	if (q->type == Q_SCALE || q->type == Q_NUMBER)
		sb_printf(b, ",\"min\":%d,\"max\":%d", q->min, q->max);
	if (q->nopts) {
		sb_append(b, ",\"options\":[");
		for (int o = 0; o < q->nopts; o++) {
			sb_append(b, o ? ",{\"id\":" : "{\"id\":");
			jsonw_str(b, q->opts[o].id);
			sb_append(b, ",\"text\":");
			text_obj(b, &q->opts[o].text);
			sb_printf(b, ",\"ends_walk\":%s}", q->opts[o].ends ? "true" : "false");
		}
		sb_appendc(b, ']');
	}
	if (q->nwhen) {
		sb_append(b, ",\"when\":[");
		for (int k = 0; k < q->nwhen; k++) {
			const ik_cond *cd = &q->when[k];
			const ik_question *cq = &c->questions[cd->question];
			sb_append(b, k ? ",{\"question\":" : "{\"question\":");
			jsonw_str(b, cq->id);
			sb_printf(b, ",\"%s\":[", cd->none ? "none" : "any");
			int m = 0;
			for (int o = 0; o < cq->nopts; o++)
				if (cd->opts >> o & 1) {
					sb_append(b, m++ ? "," : "");
					jsonw_str(b, cq->opts[o].id);
				}
			sb_append(b, "]}");
		}
		sb_appendc(b, ']');
	}
	sb_appendc(b, '}');
}

int cli_questions(app *a, const cli_opts *o)
{
	bool json = o->json;
	if (cli_load_content(a) != 0)
		return 1;
	const content *c = a->c;
	strbuf b = {0};
	if (json) {
		sb_append(&b, "{\"version\":" STORE_JSON_VERSION ",\"phases\":[");
		for (int p = 0; p < c->nphases; p++) {
			sb_append(&b, p ? ",{\"id\":" : "{\"id\":");
			jsonw_str(&b, c->phases[p].id);
			sb_append(&b, ",\"title\":");
			text_obj(&b, &c->phases[p].title);
			sb_appendc(&b, '}');
		}
		sb_append(&b, "],\"questions\":[");
		for (int q = 0; q < c->nquestions; q++) {
			if (q)
				sb_appendc(&b, ',');
			question_json(&b, c, &c->questions[q]);
		}
		sb_append(&b, "]}\n");
	} else {
		for (int q = 0; q < c->nquestions; q++) {
			const ik_question *qq = &c->questions[q];
			sb_printf(&b, "%s [%s]: %s\n", qq->id, qtype_names[qq->type], ik_tr(&qq->text, a->lang));
			for (int k = 0; k < qq->nopts; k++)
				sb_printf(&b, "    %s: %s\n", qq->opts[k].id, ik_tr(&qq->opts[k].text, a->lang));
		}
	}
	fputs(b.s, stdout);
	sb_free(&b);
	return 0;
}

static const char *const state_names[] = {"selected", "tie", "unknown"};

static void suggest_json(strbuf *b, const app *a, const profile_result *pr, const suggestion *s, int n)
{
	const content *c = a->c;
	sb_append(b, "{\"version\":" STORE_JSON_VERSION ",\"profile\":{\"state\":");
	jsonw_str(b, state_names[pr->state]);
	sb_append(b, ",\"id\":");
	jsonw_str(b, pr->chosen >= 0 ? c->profiles[pr->chosen].id : NULL);
	sb_append(b, ",\"candidates\":[");
	for (int i = 0; i < pr->ncandidates; i++) {
		sb_append(b, i ? "," : "");
		jsonw_str(b, c->profiles[pr->candidates[i]].id);
	}
	sb_append(b, "],\"decided_by\":[");
	for (int i = 0; i < pr->ndeciding; i++) {
		sb_append(b, i ? "," : "");
		jsonw_str(b, c->questions[pr->deciding[i]].id);
	}
	sb_append(b, "]},\"suggestions\":[");
	for (int i = 0; i < n; i++) {
		const ik_activity *act = &c->activities[s[i].activity];
		sb_append(b, i ? ",{\"id\":" : "{\"id\":");
		jsonw_str(b, act->id);
		sb_append(b, ",\"name\":");
		jsonw_str(b, act->name);
		char date[11];
		date_format(act->assured_days, date);
		sb_printf(b, ",\"score\":%d,\"assured_date\":\"%s\",\"stale\":%s,\"human_route\":%s,\"route\":%s,\"reasons\":[",
			  s[i].score, date, s[i].stale ? "true" : "false", act->human_route ? "true" : "false",
			  s[i].route ? "true" : "false");
		for (int r = 0; r < s[i].nreasons; r++) {
			char buf[512];
			rank_reason_text(c, &s[i].reasons[r], a->lang, buf, sizeof buf);
			sb_append(b, r ? "," : "");
			jsonw_str(b, buf);
		}
		sb_append(b, "]}");
	}
	sb_append(b, "]}\n");
}

int cli_suggest(app *a, const cli_opts *o)
{
	if (!o->answers)
		return cli_usage("%s", _("suggest heeft --answers BESTAND nodig."));
	const char *answers_path = o->answers;
	bool json = o->json;
	if (cli_load_content(a) != 0)
		return 1;
	const content *c = a->c;
	answers *as = answers_new(c);
	diags d = {0};
	int rc = 0;
	if (content_read_answers(c, answers_path, as, &d) != 0) {
		diags_print(&d, stderr);
		rc = 1;
		goto out;
	}
	profile_result pr;
	profile_infer(c, as, &pr);
	suggestion s[10];
	int n = rank_suggest(c, as, pr.chosen, a->today, s, 10);
	strbuf b = {0};
	if (json) {
		suggest_json(&b, a, &pr, s, n);
	} else {
		if (pr.state == PROFILE_SELECTED)
			sb_printf(&b, _("Profiel: %s\n"), ik_tr(&c->profiles[pr.chosen].name, a->lang));
		else
			sb_printf(&b, "%s\n", pr.state == PROFILE_TIE ? _("Profiel: gelijkspel, kies zelf") : _("Profiel: onvoldoende informatie"));
		for (int i = 0; i < n; i++) {
			const ik_activity *act = &c->activities[s[i].activity];
			char checked[8];
			summary_checked(act, checked);
			if (s[i].route)
				sb_printf(&b, "%s\n", _("Iemand die verder helpt:"));
			sb_printf(&b, _("%2d. %s (%s) · gecontroleerd %s%s\n"), i + 1, act->name, act->organization, checked,
				  s[i].stale ? _(" · controleer telefoon, e-mail en tijden") : "");
			for (int r = 0; r < s[i].nreasons; r++) {
				char buf[512];
				rank_reason_text(c, &s[i].reasons[r], a->lang, buf, sizeof buf);
				sb_printf(&b, "      - %s\n", buf);
			}
		}
	}
	fputs(b.s ? b.s : "", stdout);
	sb_free(&b);
out:
	diags_free(&d);
	answers_free(as);
	return rc;
}

/* Reads one line from in; on a terminal with echo off. Returns a malloc'd string or NULL. */
static char *read_secret(FILE *in, const char *prompt)
{
	int fd = fileno(in);
	struct termios old, quiet;
	bool tty = isatty(fd) && tcgetattr(fd, &old) == 0;
	if (tty) {
		fputs(prompt, stderr);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, in);
	if (tty) {
		tcsetattr(fd, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n < 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static void free_secret(char *s)
{
	if (s) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

int cli_set_pin(app *a, const cli_opts *o)
{
	(void)a;
	(void)o;
	FILE *in = stdin;
	char *p1 = read_secret(in, _("Nieuwe pincode (4 tot 32 tekens): "));
	char *p2 = p1 ? read_secret(in, _("Nog een keer: ")) : NULL;
	char hash[256];
	int rc = 1;
	char *path = pin_user_path();
	if (!p1 || !p2)
		fprintf(stderr, "%s\n", _("infokaart: geen pincode gelezen; er is niets veranderd."));
	else if (strcmp(p1, p2) != 0)
		fprintf(stderr, "%s\n", _("infokaart: de twee pincodes verschillen; er is niets veranderd."));
	else if (!pin_acceptable(p1))
		fprintf(stderr, "%s\n", _("infokaart: een pincode heeft 4 tot 32 tekens, zonder spaties."));
	else if (pin_hash(p1, hash, sizeof hash) != 0)
		fprintf(stderr, "%s\n", _("infokaart: de pincode kon niet worden versleuteld."));
	else if (pin_write(path, hash) != 0)
		fprintf(stderr, _("infokaart: kan %s niet schrijven: %s\n"), path, strerror(errno));
	else {
		printf(_("Pincode ingesteld (%s).\n"), path);
		rc = 0;
	}
	free_secret(p1);
	free_secret(p2);
	free(path);
	return rc;
}
