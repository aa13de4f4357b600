/* training.c: compares a trainee's walk with a practice case and says in plain words what
 * differed and why it matters (see training.h). Pure logic over loaded content and answers:
 * it reads no file and records nothing. */
#include "summary.h"
#include "training.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "profile.h"
#include "rank.h"

const ik_case *training_find(const ik_cases *cs, const char *id)
{
	for (int i = 0; cs && id && i < cs->n; i++)
		if (strcmp(cs->v[i].id, id) == 0)
			return &cs->v[i];
	return NULL;
}

int training_walk_end(const answers *as)
{
	const content *c = as->c;
	for (int q = 0; q < c->nquestions; q++) {
		const ik_question *qq = &c->questions[q];
		if (qq->type != Q_SINGLE || !answers_applies(as, q))
			continue;
		int o = answers_single(as, q);
		if (o >= 0 && qq->opts[o].ends)
			return q;
	}
	return -1;
}

int training_place(const content *c, const ik_case *k, int a)
{
	if (k->profile < 0 || a < 0)
		return 0;
	suggestion s[TRAINING_TOP];
	int n = rank_suggest(c, k->answers, k->profile, 0, s, TRAINING_TOP);
	for (int i = 0; i < n; i++)
		if (s[i].activity == a)
			return i + 1;
	return 0;
}

static bool in_rules(const content *c, int q)
{
	for (int p = 0; p < c->nprofiles; p++)
		for (int r = 0; r < c->profiles[p].nrules; r++)
			if (c->profiles[p].rules[r].question == q)
				return true;
	return false;
}

static training_weight weight_of(const content *c, int q)
{
	const ik_question *qq = &c->questions[q];
	for (int o = 0; o < qq->nopts; o++)
		if (qq->opts[o].ends)
			return TRAINING_WEIGHS_WALK;
	if (in_rules(c, q))
		return TRAINING_WEIGHS_PROFILE;
	if (qq->facet != FACET_NONE && qq->facet != FACET_ROLE && qq->facet != FACET_SUPPORT)
		return TRAINING_WEIGHS_SUGGESTIONS;
	return TRAINING_WEIGHS_CONVERSATION;
}

static bool same_answer(const ik_question *q, const ik_answer *x, const ik_answer *y)
{
	if (q->type == Q_SINGLE || q->type == Q_MULTI)
		return x->opts == y->opts;
	return x->value == y->value;
}

void training_compare(const content *c, const ik_case *k, const answers *trainee, int trainee_profile,
		      int trainee_activity, training_feedback *out)
{
	memset(out, 0, sizeof *out);
	out->trainee_end = training_walk_end(trainee);
	for (int q = 0; q < c->nquestions && out->nitems < TRAINING_MAX_ITEMS; q++) {
		const ik_question *qq = &c->questions[q];
		const ik_answer *ref = &k->answers->a[q], *got = &trainee->a[q];
		if (!ref->set || qq->type == Q_TEXT)
			continue;
		training_item *it = &out->items[out->nitems++];
		it->question = q;
		it->weight = weight_of(c, q);
		if (out->trainee_end >= 0 && q > out->trainee_end) {
			it->match = TRAINING_NOT_REACHED;
			out->nnot_reached++;
		} else if (!got->set && qq->optional) {
			it->match = TRAINING_SKIPPED;
			out->nskipped++;
		} else if (got->set && same_answer(qq, ref, got)) {
			it->match = TRAINING_SAME;
			out->nsame++;
		} else {
			it->match = TRAINING_DIFFERENT;
			out->ndifferent++;
		}
	}
	if (out->trainee_end >= 0) /* a walk that ended has no profile or activity, whatever was left over */
		trainee_profile = trainee_activity = -1;
	out->reference_profile = k->profile;
	out->trainee_profile = trainee_profile;
	out->profile_same = trainee_profile == k->profile;
	out->trainee_activity = trainee_activity;
	for (int i = 0; i < k->nactivities; i++)
		out->activity_in_reference |= k->activities[i] == trainee_activity;
	out->activity_place = training_place(c, k, trainee_activity);
}

/* ---- the texts ---- */


static const char *qtext(const content *c, int q, ik_lang lang)
{
	return ik_tr(&c->questions[q].text, lang);
}

static const char *pname(const content *c, int p, ik_lang lang)
{
	return ik_tr(&c->profiles[p].name, lang);
}

/* The case's profile and the answers that decide it, or where its walk ends. */
static void reference_profile(strbuf *b, const content *c, const ik_case *k, ik_lang lang)
{
	if (k->profile < 0) {
		char *w = summary_answer(k->answers, k->end_question, lang);
		sb_printf(b, _("In deze casus eindigt de route bij de vraag '%s': het antwoord is '%s'. "
			       "Er is geen profiel en geen activiteit; u geeft alleen informatie.\n"),
			  qtext(c, k->end_question, lang), w);
		free(w);
		return;
	}
	profile_result r;
	profile_infer(c, k->answers, &r);
	sb_printf(b, _("In de casus: %s. Dat volgt uit deze antwoorden:\n"), pname(c, k->profile, lang));
	for (int i = 0; i < r.ndeciding; i++) {
		char *w = summary_answer(k->answers, r.deciding[i], lang);
		sb_printf(b, "  • %s → %s\n", qtext(c, r.deciding[i], lang), w);
		free(w);
	}
}

static void good_choices(strbuf *b, const content *c, const ik_case *k)
{
	sb_printf(b, "%s\n", _("Goede keuzes in deze casus:"));
	for (int i = 0; i < k->nactivities; i++) {
		const ik_activity *a = &c->activities[k->activities[i]];
		if (strcmp(a->name, a->organization) == 0)
			sb_printf(b, "  • %s\n", a->name);
		else
			sb_printf(b, "  • %s (%s)\n", a->name, a->organization);
	}
}

static const char *why_it_matters(training_weight w)
{
	switch (w) {
	case TRAINING_WEIGHS_WALK: return _("Dit antwoord bepaalt of de route doorgaat naar een profiel en suggesties.");
	case TRAINING_WEIGHS_PROFILE: return _("Dit antwoord bepaalt mee welk profiel past.");
	case TRAINING_WEIGHS_SUGGESTIONS: return _("Dit antwoord bepaalt mee welke activiteiten passen.");
	case TRAINING_WEIGHS_CONVERSATION: break;
	}
	return _("Dit antwoord verandert het profiel en de suggesties niet, maar het helpt in het gesprek.");
}

static void answers_part(strbuf *b, const content *c, const ik_case *k, const training_feedback *fb,
			 const answers *trainee, ik_lang lang)
{
	if (fb->ndifferent == 0 && fb->nnot_reached == 0)
		sb_printf(b, ngettext("Geen verschillen: uw antwoord is hetzelfde als in de casus (%d vraag vergeleken).\n",
				      "Geen verschillen: uw antwoorden zijn hetzelfde als in de casus (%d vragen vergeleken).\n",
				      fb->nsame),
			  fb->nsame);
	else
		sb_printf(b, _("Hetzelfde als in de casus: %d. Anders: %d.\n"), fb->nsame, fb->ndifferent);
	if (fb->nskipped)
		sb_printf(b, ngettext("%d vraag liet u open. Die is niet verplicht en telt niet mee.\n",
				      "%d vragen liet u open. Die zijn niet verplicht en tellen niet mee.\n", fb->nskipped),
			  fb->nskipped);
	if (fb->nnot_reached) {
		char *w = summary_answer(trainee, fb->trainee_end, lang);
		sb_printf(b, ngettext("Uw route stopte bij de vraag '%s' (u koos '%s'). Daardoor kwam %d vraag niet aan bod.\n",
				      "Uw route stopte bij de vraag '%s' (u koos '%s'). Daardoor kwamen %d vragen niet aan bod.\n",
				      fb->nnot_reached),
			  qtext(c, fb->trainee_end, lang), w, fb->nnot_reached);
		free(w);
	}
	if (fb->ndifferent == 0)
		return;
	sb_printf(b, "\n%s\n", _("Wat anders was:"));
	for (int i = 0; i < fb->nitems; i++) {
		const training_item *it = &fb->items[i];
		if (it->match != TRAINING_DIFFERENT)
			continue;
		char *mine = summary_answer(trainee, it->question, lang), *ref = summary_answer(k->answers, it->question, lang);
		sb_printf(b, "• %s\n  %s %s\n  %s %s\n  %s\n", qtext(c, it->question, lang), _("U koos:"), mine,
			  _("In de casus:"), ref, why_it_matters(it->weight));
		free(mine);
		free(ref);
	}
}

/* The deciding questions of the case's profile on which the trainee answered differently. */
static void deciding_differences(strbuf *b, const content *c, const ik_case *k, const training_feedback *fb,
				 ik_lang lang)
{
	profile_result r;
	profile_infer(c, k->answers, &r);
	strbuf list = {0};
	for (int i = 0; i < fb->nitems; i++) {
		const training_item *it = &fb->items[i];
		bool deciding = false;
		for (int j = 0; j < r.ndeciding; j++)
			deciding |= r.deciding[j] == it->question;
		if (deciding && it->match == TRAINING_DIFFERENT)
			sb_printf(&list, "%s'%s'", list.len ? ", " : "", qtext(c, it->question, lang));
	}
	if (list.len)
		sb_printf(b, _("Het verschil zit in uw antwoord bij %s. Met de antwoorden van de casus past %s beter dan %s.\n"),
			  list.s, pname(c, k->profile, lang), pname(c, fb->trainee_profile, lang));
	else
		sb_printf(b, "%s\n", _("Uw antwoorden bij de vragen die het profiel bepalen zijn hetzelfde: u koos zelf een "
				       "ander profiel dan het programma voorstelde."));
	sb_free(&list);
}

static void profile_part(strbuf *b, const content *c, const ik_case *k, const training_feedback *fb, ik_lang lang)
{
	sb_printf(b, "\n%s\n", _("Profiel"));
	reference_profile(b, c, k, lang);
	if (k->profile < 0) {
		if (fb->trainee_end >= 0 && fb->trainee_profile < 0)
			sb_printf(b, "%s\n", _("Uw route eindigde ook met alleen informatie. Goed."));
		else if (fb->trainee_profile >= 0)
			sb_printf(b, _("U ging verder en kwam uit op %s. Respecteer de keuze van de persoon: dring niet aan.\n"),
				  pname(c, fb->trainee_profile, lang));
		else
			sb_printf(b, "%s\n", _("U ging verder dan de casus. Respecteer de keuze van de persoon: dring niet aan."));
		return;
	}
	if (fb->profile_same) {
		sb_printf(b, _("U kwam ook uit op %s. Goed.\n"), pname(c, k->profile, lang));
	} else if (fb->trainee_profile >= 0) {
		sb_printf(b, _("U kwam uit op %s. Dat is een ander profiel.\n"), pname(c, fb->trainee_profile, lang));
		deciding_differences(b, c, k, fb, lang);
	} else if (fb->trainee_end >= 0) {
		sb_printf(b, "%s\n", _("Uw route eindigde zonder profiel, maar in de casus wil de persoon steun."));
	} else {
		sb_printf(b, "%s\n", _("U koos geen profiel."));
	}
	sb_printf(b, _("Wat vaak helpt bij %s: %s\n"), pname(c, k->profile, lang), ik_tr(&c->profiles[k->profile].helps, lang));
}

static void activity_part(strbuf *b, const content *c, const ik_case *k, const training_feedback *fb)
{
	sb_printf(b, "\n%s\n", _("Activiteit"));
	const ik_activity *a = fb->trainee_activity >= 0 ? &c->activities[fb->trainee_activity] : NULL;
	if (k->nactivities == 0) {
		if (a)
			sb_printf(b, _("U koos %s, maar in deze casus past geen activiteit: de persoon wil geen steun.\n"), a->name);
		else
			sb_printf(b, "%s\n", _("U koos geen activiteit. Dat klopt: in deze casus geeft u alleen informatie."));
		return;
	}
	if (!a)
		sb_printf(b, "%s\n", _("U koos geen activiteit."));
	else if (fb->activity_in_reference)
		sb_printf(b, _("U koos %s. Dat is een van de goede keuzes in deze casus.\n"), a->name);
	else if (fb->activity_place > 0)
		sb_printf(b, _("U koos %s. Dat staat niet bij de goede keuzes in deze casus. Bij de antwoorden van de "
			       "casus staat het op plek %d van de suggesties.\n"),
			  a->name, fb->activity_place);
	else
		sb_printf(b, _("U koos %s. Dat staat niet bij de goede keuzes in deze casus. Bij de antwoorden van de "
			       "casus staat het niet bij de eerste %d suggesties.\n"),
			  a->name, TRAINING_TOP);
	good_choices(b, c, k);
}

char *training_feedback_text(const content *c, const ik_case *k, const training_feedback *fb, const answers *trainee,
			     ik_lang lang)
{
	strbuf b = {0};
	sb_printf(&b, _("Uw uitwerking van de casus: %s\n\n"), ik_tr(&k->title, lang));
	answers_part(&b, c, k, fb, trainee, lang);
	profile_part(&b, c, k, fb, lang);
	activity_part(&b, c, k, fb);
	return sb_take(&b);
}

static void text_list(strbuf *b, const char *head, const ik_text *v, int n, bool quoted, ik_lang lang)
{
	if (!n)
		return;
	sb_printf(b, "\n%s\n", head);
	for (int i = 0; i < n; i++)
		sb_printf(b, quoted ? "  • “%s”\n" : "  • %s\n", ik_tr(&v[i], lang));
}

char *training_case_text(const content *c, const ik_case *k, ik_lang lang)
{
	(void)c;
	strbuf b = {0};
	sb_printf(&b, "%s\n\n%s\n", ik_tr(&k->title, lang), ik_tr(&k->story, lang));
	text_list(&b, _("Wat u ziet en hoort:"), k->signals, k->nsignals, false, lang);
	text_list(&b, _("Wat de persoon zegt:"), k->says, k->nsays, true, lang);
	/* k->source is for whoever edits the cases, never on a trainee's screen */
	return sb_take(&b);
}

char *training_reveal_text(const content *c, const ik_case *k, int shown, ik_lang lang)
{
	if (shown < 0)
		shown = 0;
	if (shown > k->nexplanation)
		shown = k->nexplanation;
	strbuf b = {0};
	sb_printf(&b, "%s\n", ik_tr(&k->title, lang));
	sb_printf(&b, _("Uitleg: stap %d van %d\n"), shown, k->nexplanation);
	for (int i = 0; i < shown; i++)
		sb_printf(&b, "\n%d. %s\n", i + 1, ik_tr(&k->explanation[i], lang));
	if (shown < k->nexplanation)
		return sb_take(&b);
	sb_appendc(&b, '\n');
	reference_profile(&b, c, k, lang);
	if (k->nactivities)
		good_choices(&b, c, k);
	return sb_take(&b);
}

void content_cases_free(ik_cases *cs)
{
	if (!cs)
		return;
	for (int i = 0; i < cs->n; i++)
		answers_free(cs->v[i].answers);
	arena_free(cs->arena);
	free(cs);
}
