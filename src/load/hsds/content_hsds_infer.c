/* content_hsds_infer.c: where an imported service is, and what ranking reads of it that HSDS
 * says only in words or numbers (see content_hsds_internal.h). Service areas become wijken
 * where their names match; a service whose areas and addresses name other places is outside
 * Utrecht and says so: the wijk "buiten Utrecht" where the content has one, and its
 * description starts with "Buiten Utrecht (werkgebied: …)". Without profiles, an imported
 * service still ranks by age, area and kind of activity: target groups follow from its ages;
 * interests, kinds of loneliness and groups from the words of its taxonomy terms, name and
 * description. Every inference is noted, so the coordinator can check it; our own attributes
 * (taxonomy "infokaart") always decide over words. */
#include <stdlib.h>
#include <string.h>

#include "content_hsds_internal.h"
#include "i18n.h"
#include "text.h"

/* --- where it is --- */

static const char *const city_names[] = {"utrecht", "stad", "stad utrecht", "utrecht stad", "heel utrecht",
					 "hele stad", "gemeente utrecht", NULL};
/* Places of the gemeente Utrecht that are no wijk name themselves. */
static const char *const utrecht_places[] = {"utrecht", "vleuten", "de meern", "haarzuilens", NULL};

/* The folded names of every wijk option (nl text, en text, id with spaces), made once. */
static char **wijk_folds(hsds_imp *m)
{
	if (m->wijk_folds)
		return m->wijk_folds;
	int wq = m->c->facet_q[FACET_WIJK];
	int n = wq >= 0 ? m->c->questions[wq].nopts : 0;
	char **f = xcalloc((size_t)n * 3 + 1, sizeof *f);
	for (int i = 0; i < n; i++) {
		const ik_option *o = &m->c->questions[wq].opts[i];
		char *id = xstrdup(o->id);
		for (char *p = id; *p; p++)
			if (*p == '_' || *p == '-')
				*p = ' ';
		f[3 * i] = text_fold(o->text.nl);
		f[3 * i + 1] = text_fold(o->text.en);
		f[3 * i + 2] = text_fold(id);
		free(id);
	}
	return m->wijk_folds = f;
}

/* Whether folded text f names a place of the gemeente as a word ("utrecht west", "de meern"). */
static bool names_utrecht(const char *f)
{
	for (int i = 0; utrecht_places[i]; i++)
		for (const char *p = strstr(f, utrecht_places[i]); p; p = strstr(p + 1, utrecht_places[i])) {
			size_t k = strlen(utrecht_places[i]);
			bool start = p == f || p[-1] == ' ' || p[-1] == '-' || p[-1] == ',' || p[-1] == '(';
			bool end = p[k] == '\0' || p[k] == ' ' || p[k] == '-' || p[k] == ',' || p[k] == ')' || p[k] == '.';
			if (start && end)
				return true;
		}
	return false;
}

/* Adds a place outside the catalogue's wijken to the ones the description will name. */
static void elsewhere(hsds_imp *m, const char *name)
{
	strbuf *e = &m->b->elsewhere;
	const char *s = hsds_snip(m, hsds_line(m, name), 60);
	if (*s && (!e->s || !strstr(e->s, s)))
		sb_printf(e, "%s%s", e->len ? ", " : "", s);
}

void hsds_areas(hsds_imp *m, const cJSON *svc)
{
	hsds_building *b = m->b;
	ik_activity *a = &b->a;
	const cJSON *arr = hsds_get(svc, "service_areas");
	char **folds = wijk_folds(m);
	ld_push_key(m->L, "service_areas");
	int i = 0;
	for (const cJSON *e = cJSON_IsArray(arr) ? arr->child : NULL; e; e = e->next, i++) {
		ld_push_index(m->L, i);
		const char *name = hsds_str(e, "name");
		char *f = name ? text_fold(name) : NULL;
		bool found = false;
		for (int k = 0; f && city_names[k] && !found; k++)
			if (strcmp(f, city_names[k]) == 0)
				a->citywide = found = true;
		for (int k = 0; f && !found && folds[k]; k++)
			if (strcmp(f, folds[k]) == 0) {
				a->wijken |= UINT64_C(1) << (k / 3);
				found = true;
			}
		if (found) {
			b->in_utrecht = true;
		} else if (f && names_utrecht(f)) {
			b->in_utrecht = true;
			hsds_note(m, "name", _("werkgebied '%s' is geen wijk van de catalogus, maar ligt in Utrecht"),
				  hsds_snip(m, name, 60));
		} else {
			if (name) {
				b->outside = true;
				elsewhere(m, name);
			}
			hsds_note(m, "name", _("werkgebied '%s' is geen wijk van de catalogus en noemt Utrecht niet"),
				  name ? hsds_snip(m, name, 60) : _("(zonder naam)"));
		}
		free(f);
		ld_pop(m->L);
	}
	ld_pop(m->L);
}

/* Whether a postal code is one of the gemeente Utrecht (3451–3455 Vleuten-De Meern, 3511–3585). */
static bool utrecht_postcode(const char *pc)
{
	int n = 0, k = 0;
	for (; pc[k] >= '0' && pc[k] <= '9' && k < 4; k++)
		n = n * 10 + (pc[k] - '0');
	return k == 4 && ((n >= 3451 && n <= 3455) || (n >= 3511 && n <= 3585));
}

void hsds_address(hsds_imp *m, const cJSON *loc)
{
	hsds_building *b = m->b;
	const cJSON *arr = hsds_get(loc, "addresses");
	for (const cJSON *e = cJSON_IsArray(arr) ? arr->child : NULL; e; e = e->next) {
		const char *city = hsds_str(e, "city"), *pc = hsds_str(e, "postal_code"), *country = hsds_str(e, "country");
		char *f = city ? text_fold(city) : NULL, *cf = country ? text_fold(country) : NULL;
		bool dutch = !cf || strcmp(cf, "nl") == 0 || strcmp(cf, "nld") == 0 || strcmp(cf, "nederland") == 0 ||
			     strcmp(cf, "netherlands") == 0 || strcmp(cf, "the netherlands") == 0;
		bool here = dutch && ((f && names_utrecht(f)) || (pc && utrecht_postcode(pc)));
		if (here) {
			b->in_utrecht = true;
		} else if (city || country) {
			b->outside = true;
			elsewhere(m, city ? city : country);
		}
		free(f);
		free(cf);
	}
}

/* The wijk option for "outside Utrecht" ("Buiten Utrecht, of onbekend"), or -1. */
static int outside_option(hsds_imp *m)
{
	int wq = m->c->facet_q[FACET_WIJK];
	const ik_question *q = wq >= 0 ? &m->c->questions[wq] : NULL;
	for (int i = 0; q && i < q->nopts && i < 63; i++) {
		char *f = text_fold(q->opts[i].text.nl);
		bool hit = strncmp(f, "buiten utrecht", 14) == 0 || strcmp(q->opts[i].id, "buiten_utrecht") == 0;
		free(f);
		if (hit)
			return i;
	}
	return -1;
}

void hsds_place_decide(hsds_imp *m)
{
	hsds_building *b = m->b;
	ik_activity *a = &b->a;
	if (a->wijken || a->citywide) {
		b->outside = false; /* a wijk of its own: the other areas were noted one by one */
		return;
	}
	if (b->in_utrecht) {
		b->outside = false;
		a->citywide = true;
		hsds_note(m, NULL, "%s", _("een werkgebied of adres in Utrecht, maar geen wijk: 'stad' (de hele stad) ingevuld"));
		return;
	}
	if (b->outside && b->elsewhere.len) {
		int w = outside_option(m);
		if (w >= 0)
			a->wijken = UINT64_C(1) << w;
		else
			a->citywide = true;
		hsds_note(m, NULL, _("buiten Utrecht ('%s'): dat staat vooraan in de beschrijving; werkgebied %s"),
			  b->elsewhere.s, w >= 0 ? m->c->questions[m->c->facet_q[FACET_WIJK]].opts[w].id : "stad");
		return;
	}
	b->outside = false;
	a->citywide = true;
	hsds_note(m, NULL, "%s", _("geen werkgebied of adres dat zegt waar de dienst is: 'stad' (de hele stad) ingevuld"));
}

/* --- what ranking reads --- */

/* A word that points at a fact: at the start of a word, in the folded text (a prefix:
 * "walk" finds "walking"). kind: 'i' interest (an option id), 'l' loneliness, 'g' target group. */
typedef struct {
	char kind;
	const char *value;
	const char *words[12];
} cue;

static const cue cues[] = {
	{'i', "muziek", {"music", "muziek", "choir", "koor", "zing", "sing", "concert"}},
	{'i', "dansen", {"dans", "danc"}},
	{'i', "sport_bewegen", {"sport", "exercis", "fitness", "beweg", "yoga", "gym", "zwem", "swim", "tai chi"}},
	{'i', "wandelen_fietsen", {"walk", "wandel", "cycl", "fiets", "bike"}},
	{'i', "eten_koken", {"cook", "kook", "meal", "maaltijd", "lunch", "diner", "dinner", "eettafel", "breakfast", "ontbijt"}},
	{'i', "creatief", {"craft", "creati", "knit", "brei", "handwerk", "paint", "schilder", "teken", "drawing"}},
	{'i', "cultuur_theater", {"theat", "cultu", "museum", "musea", "film", "cinema", "bioscoop", "toneel"}},
	{'i', "spel", {"game", "spel", "bingo", "schaak", "chess", "sjoel", "kaarten"}},
	{'i', "natuur", {"natur", "natuur", "garden", "tuin", "moestuin", "outdoor"}},
	{'i', "geloof_zingeving", {"faith", "church", "kerk", "mosque", "moskee", "spiritu", "zingeving", "religi", "geloof"}},
	{'i', "vrijwilligerswerk", {"volunteer", "vrijwillig"}},
	{'i', "praten_luisteren", {"listen", "luister", "befriend", "maatje", "buddy", "counsel", "gesprek", "conversation", "praat", "talk"}},
	{'i', "leren_taal", {"language class", "taalles", "taalcafe", "learn", "leren", "course", "cursus", "education", "computer"}},
	{'l', "sociaal", {"social activit", "sociale activit", "meeting", "ontmoet", "community cent", "buurthuis", "wijkcentrum", "inloop", "drop-in", "koffieochtend", "coffee morning"}},
	{'l', "emotioneel", {"befriend", "maatje", "buddy", "one-to-one", "one to one", "een op een", "huisbezoek", "listening ear", "luisterend oor", "bereave", "rouw", "grief"}},
	{'l', "existentieel", {"volunteer", "vrijwillig", "zingeving", "meaning", "purpose", "spiritu"}},
	{'g', "65plus", {"older", "elderly", "senior", "ouderen", "oudere", "pension", "gepensioneerd", "65+", "60+"}},
	{'g', "jongeren", {"youth", "young people", "jongeren", "jongere ", "teen", "tiener", "adolescent"}},
	{'g', "studenten", {"student"}},
	{'g', "migranten", {"migrant", "refugee", "vluchteling", "newcomer", "nieuwkomer", "asylum", "asiel", "statushouder", "immigra"}},
	{'g', "mantelzorgers", {"carer", "caregiver", "mantelzorg", "informal care"}},
	{'g', "lhbti", {"lgbt", "lhbt", "queer", "gay", "lesbi", "transgender"}},
};

/* The first cue word of c at a word start in f, or NULL. */
static const char *cue_in(const cue *c, const char *f)
{
	for (int w = 0; w < 12 && c->words[w]; w++)
		for (const char *p = strstr(f, c->words[w]); p; p = strstr(p + 1, c->words[w]))
			if (p == f || !((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9')))
				return c->words[w];
	return NULL;
}

/* The bit a cue sets, or -1 when the content has no such option or the field was given. */
static int cue_bit(hsds_imp *m, const cue *c)
{
	const hsds_ours *o = &m->b->ours;
	if (c->kind == 'i') {
		int iq = m->c->facet_q[FACET_INTERESTS];
		int k = iq >= 0 && !o->interests ? content_option_index(&m->c->questions[iq], c->value) : -1;
		return k < 64 ? k : -1;
	}
	const char *const *ids = c->kind == 'l' ? content_lonely_ids : content_group_ids;
	for (int k = 0; ids[k] && !(c->kind == 'l' ? o->lonely : o->groups); k++)
		if (strcmp(ids[k], c->value) == 0)
			return k;
	return -1;
}

/* The texts the cues are looked for in, with what to call them in the report. */
static void sources(hsds_imp *m, const char *text[8], const char *what[8], int *n, strbuf *terms)
{
	const cJSON *svc = m->b->svc;
	*n = 0;
	text[*n] = m->b->a.name, what[(*n)++] = _("de naam");
	text[*n] = hsds_str(svc, "description"), what[(*n)++] = _("de beschrijving");
	text[*n] = hsds_str(svc, "eligibility_description"), what[(*n)++] = "eligibility_description";
	const cJSON *attrs = hsds_get(svc, "attributes");
	for (const cJSON *e = cJSON_IsArray(attrs) ? attrs->child : NULL; e; e = e->next) {
		const cJSON *t = hsds_get(e, "taxonomy_term");
		const char *tax = hsds_str(t, "taxonomy");
		if (tax && strcmp(tax, HSDS_TAXONOMY) == 0)
			continue;
		const char *parts[] = {hsds_str(t, "name"), hsds_str(t, "code"), hsds_str(e, "value"), hsds_str(e, "label")};
		for (size_t k = 0; k < ARRAY_LEN(parts); k++)
			if (parts[k])
				sb_printf(terms, "%s%s", terms->len ? " | " : "", parts[k]);
	}
	text[*n] = terms->s, what[(*n)++] = _("de taxonomietermen");
}

/* Target groups from the ages: 60 and over is for older people, up to 30 from 12 for the young. */
static void groups_from_ages(hsds_imp *m, strbuf *said)
{
	ik_activity *a = &m->b->a;
	if (m->b->ours.groups)
		return;
	if (a->min_age >= 60 && !(a->groups & GROUP_65PLUS)) {
		a->groups |= GROUP_65PLUS;
		sb_printf(said, _("%sdoelgroep 65plus (minimum_age %d)"), said->len ? "; " : "", a->min_age);
	}
	if (a->max_age >= 0 && a->max_age <= 30 && a->min_age >= 12 && !(a->groups & GROUP_JONGEREN)) {
		a->groups |= GROUP_JONGEREN;
		sb_printf(said, _("%sdoelgroep jongeren (%d tot en met %d jaar)"), said->len ? "; " : "", a->min_age, a->max_age);
	}
}

void hsds_infer(hsds_imp *m)
{
	ik_activity *a = &m->b->a;
	if (m->b->ours.id) /* our own export: its attributes say all there is, words add nothing */
		return;
	strbuf said = {0};
	groups_from_ages(m, &said);
	const char *text[8], *what[8];
	int ns;
	strbuf terms = {0};
	sources(m, text, what, &ns, &terms);
	char *folded[8] = {0};
	for (int s = 0; s < ns; s++)
		folded[s] = text[s] ? text_fold(text[s]) : NULL;
	for (size_t c = 0; c < ARRAY_LEN(cues); c++) {
		int bit = cue_bit(m, &cues[c]);
		const char *word = NULL;
		int s = 0;
		for (; bit >= 0 && s < ns && !word; s++)
			word = folded[s] ? cue_in(&cues[c], folded[s]) : NULL;
		if (!word)
			continue;
		uint64_t before = cues[c].kind == 'i' ? a->interests : cues[c].kind == 'l' ? a->lonely : a->groups;
		if (cues[c].kind == 'i')
			a->interests |= UINT64_C(1) << bit;
		else if (cues[c].kind == 'l')
			a->lonely |= 1u << bit;
		else
			a->groups |= 1u << bit;
		if (before >> bit & 1)
			continue;
		const char *kind = cues[c].kind == 'i' ? _("interesse") : cues[c].kind == 'l' ? _("eenzaamheid") : _("doelgroep");
		sb_printf(&said, _("%s%s %s ('%s' in %s)"), said.len ? "; " : "", kind, cues[c].value, word, what[s - 1]);
	}
	for (int s = 0; s < ns; s++)
		free(folded[s]);
	sb_free(&terms);
	if (said.len)
		hsds_note(m, NULL, _("afgeleid voor de rangschikking, controleer het: %s"), said.s);
	sb_free(&said);
}
