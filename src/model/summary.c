/* summary.c: shared texts for the screens and the slip (see summary.h). */
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"

static const char *const weekdays[] = {N_("maandag"), N_("dinsdag"), N_("woensdag"), N_("donderdag"),
				       N_("vrijdag"), N_("zaterdag"), N_("zondag")};

void summary_contact_lines(strbuf *b, const ik_activity *a)
{
	for (int i = 0; i < a->nphones; i++)
		sb_printf(b, _("Telefoon: %s\n"), a->phones[i]);
	if (a->email)
		sb_printf(b, _("E-mail: %s\n"), a->email);
	if (a->url)
		sb_printf(b, _("Website: %s\n"), a->url);
	if (!a->nphones && !a->email && !a->url)
		sb_printf(b, "%s\n", _("Geen contactgegevens bekend; zie bij Aanmelden."));
}

char *summary_activity(const content *c, const ik_activity *a, bool stale, ik_lang lang)
{
	static const char *const costs[] = {N_("gratis"), N_("lage kosten"), N_("betaald"), N_("onbekend")};
	static const char *const mobs[] = {N_("komt aan huis"), N_("vervoer wordt geregeld"), N_("zelf erheen gaan"),
					    N_("per telefoon of online, vanuit huis"), N_("niet bekend")};
	strbuf b = {0};
	sb_printf(&b, "%s\n%s\n\n%s\n\n", a->name, a->organization, ik_tr(&a->description, lang));
	sb_printf(&b, _("Aanmelden: %s\n\n"), ik_tr(&a->application_process, lang));
	summary_contact_lines(&b, a);
	sb_printf(&b, _("Kosten: %s\n"), _(costs[a->cost]));
	sb_printf(&b, _("Vervoer: %s\n"), _(mobs[a->mobility]));
	if (a->min_age >= 0 || a->max_age >= 0) {
		if (a->max_age < 0)
			sb_printf(&b, _("Leeftijd: vanaf %d jaar\n"), a->min_age);
		else
			sb_printf(&b, _("Leeftijd: %d tot en met %d jaar\n"), a->min_age < 0 ? 0 : a->min_age, a->max_age);
	}
	for (int i = 0; i < a->nschedule; i++) {
		const ik_session *s = &a->schedule[i];
		sb_printf(&b, _("Wanneer: %s %02d:%02d–%02d:%02d\n"), _(weekdays[s->weekday]), s->opens / 60, s->opens % 60,
			  s->closes / 60, s->closes % 60);
	}
	if (a->accessibility)
		sb_printf(&b, _("Toegankelijkheid: %s\n"), ik_tr(a->accessibility, lang));
	char date[11];
	if (a->ends_days >= 0) {
		date_format(a->ends_days, date);
		sb_printf(&b, _("Loopt tot en met: %s\n"), date);
	}
	bool unknown = a->assured_days == IK_DATE_UNKNOWN;
	date_format(a->assured_days, date);
	/* the source is for editors (infokaart check, HSDS), not for this screen */
	sb_printf(&b, _("Gecontroleerd op: %s\n"), unknown ? _("onbekend") : date);
	if (unknown)
		sb_printf(&b, "%s\n", _("Let op: de bron zegt niet wanneer deze gegevens zijn gecontroleerd. Controleer ze voordat u verwijst."));
	else if (stale)
		sb_printf(&b, "%s\n", _("Let op: telefoon, e-mail of tijden zijn meer dan 12 maanden niet gecontroleerd. Controleer ze voordat u ze doorgeeft."));
	(void)c;
	return sb_take(&b);
}

char *summary_tips(const content *c, const answers *as, ik_tip_place place, int index, ik_lang lang)
{
	strbuf b = {0};
	for (int i = 0; i < c->ntips; i++) {
		const ik_tip *t = &c->tips[i];
		if (t->place == place && (t->index == index || t->index < 0) && answers_conds_hold(as, t->when, t->nwhen)) {
			sb_append(&b, b.len ? "\n" : "");
			sb_printf(&b, _("Tip: %s"), ik_tr(&t->text, lang));
		}
	}
	return sb_take(&b);
}

void summary_checked(const ik_activity *a, char buf[8])
{
	char date[11];
	date_format(a->assured_days, date);
	snprintf(buf, 8, "%.7s", date);
}

char *summary_answer(const answers *as, int q, ik_lang lang)
{
	const ik_question *qq = &as->c->questions[q];
	const ik_answer *a = &as->a[q];
	strbuf b = {0};
	if (!a->set) {
		sb_append(&b, _("(geen antwoord)"));
	} else if (qq->type == Q_SINGLE || qq->type == Q_MULTI) {
		int n = 0;
		for (int o = 0; o < qq->nopts; o++)
			if (a->opts >> o & 1)
				sb_printf(&b, "%s%s", n++ ? ", " : "", ik_tr(&qq->opts[o].text, lang));
	} else if (qq->type == Q_TEXT) {
		sb_append(&b, a->text ? a->text : "");
	} else {
		sb_printf(&b, "%d", a->value);
	}
	return sb_take(&b);
}

char *summary_profile_why(const flow *f, ik_lang lang)
{
	strbuf b = {0};
	for (int i = 0; i < f->prof.ndeciding; i++) {
		int q = f->prof.deciding[i];
		char *ans = summary_answer(f->ans, q, lang);
		sb_printf(&b, "• %s → %s\n", ik_tr(&f->c->questions[q].text, lang), ans);
		free(ans);
	}
	return sb_take(&b);
}

char *summary_slip(const flow *f, ik_lang lang)
{
	const content *c = f->c;
	const ik_activity *a = flow_chosen_activity(f);
	strbuf b = {0};
	sb_printf(&b, "%s\n\n", _("Een plek voor u"));
	if (a) {
		sb_printf(&b, "%s (%s)\n%s\n\n", a->name, a->organization, ik_tr(&a->description, lang));
		sb_printf(&b, _("Aanmelden: %s\n"), ik_tr(&a->application_process, lang));
		summary_contact_lines(&b, a);
		sb_appendc(&b, '\n');
	}
	char date[11];
	date_format(f->followup, date);
	if (f->recorded)
		sb_printf(&b, _("We vragen rond %s hoe het gaat. Uw code: %s\n\n"), date, f->case_code);
	sb_printf(&b, "%s\n", _("Hulp nodig? Bel gerust:"));
	for (int i = 0; i < c->ncrisis; i++) {
		const ik_crisis_line *l = &c->crisis[i];
		sb_printf(&b, "  %s: ", ik_tr(&l->name, lang));
		for (int p = 0; p < l->nphones; p++)
			sb_printf(&b, "%s%s", p ? _(" of ") : "", l->phones[p]);
		sb_printf(&b, " (%s)\n", ik_tr(&l->hours, lang));
	}
	return sb_take(&b);
}
