/* gen.c: synthetic catalogues for the benchmark (see gen.h). Field sizes follow the bundled
 * Utrecht catalogue: names of 15-50 bytes, descriptions of one to three sentences (about
 * 100-330 bytes in each language), mostly empty phones, schedules and languages, one to three
 * wijken. Layout follows the bundled file too (two-space indent, one key per line), so the
 * scanner sees the same mix of white space and strings as in a hand-edited file. */
#include "gen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

uint64_t bench_rand(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

int bench_rand_below(uint64_t *s, int n)
{
	return (int)(bench_rand(s) % (uint64_t)n);
}

#define PICK(s, arr) ((arr)[bench_rand_below((s), (int)ARRAY_LEN(arr))])

/* What an activity is: its name in both languages, an id slug, and the interest it serves
 * (an option id of the interests question, or NULL). */
static const struct kind {
	const char *nl, *en, *slug, *interest;
} kinds[] = {
	{"Buurtkamer", "Neighbourhood living room", "buurtkamer", "praten_luisteren"},
	{"Ontmoetingscafé", "Meeting café", "ontmoetingscafe", "praten_luisteren"},
	{"Taalcafé", "Language café", "taalcafe", "leren_taal"},
	{"Wandelgroep", "Walking group", "wandelgroep", "wandelen_fietsen"},
	{"Samen eten", "Eating together", "samen-eten", "eten_koken"},
	{"Buurtkoor", "Neighbourhood choir", "buurtkoor", "muziek"},
	{"Creatief atelier", "Creative studio", "atelier", "creatief"},
	{"Spelmiddag", "Games afternoon", "spelmiddag", "spel"},
	{"Moestuin", "Community garden", "moestuin", "natuur"},
	{"Beweegclub", "Exercise club", "beweegclub", "sport_bewegen"},
	{"Maatjesproject", "Buddy project", "maatjes", "praten_luisteren"},
	{"Rouwgroep", "Grief group", "rouwgroep", NULL},
	{"Belcirkel", "Telephone circle", "belcirkel", "praten_luisteren"},
	{"Huisbezoek", "Home visits", "huisbezoek", NULL},
	{"Filmavond", "Film night", "filmavond", "cultuur_theater"},
	{"Dansmiddag", "Dance afternoon", "dansmiddag", "dansen"},
	{"Gespreksgroep zingeving", "Meaning of life group", "zingeving", "geloof_zingeving"},
	{"Vrijwilligerspunt", "Volunteer desk", "vrijwilligerspunt", "vrijwilligerswerk"},
	{"Dierenbezoek", "Animal visits", "dierenbezoek", "dieren"},
	{"Ideeënmarkt", "Ideas market", "ideeenmarkt", "creatief"},
};

static const char *const flavours[] = {
	"De Zonnebloem", "Het Trefpunt", "De Brug", "Café Één", "De Eik", "Ons Huis", "'t Hoekje",
	"Samen Sterk", "De Oase", "Het Kruispunt", "Bij Ons", "Zuidenwind", "De Wĳngaard",
	"Het Ĳsvogeltje", "Coöperatie De Kroon", "Naïef & Co", "De Vlinder", "Het Atrium",
	"De Groene Zoen", "Rozenprieel", "De Poëzieclub", "Tweede Thuis", "Het Eethuisje",
};

static const char *const places[] = {
	"Overvecht", "Kanaleneiland", "Zuilen", "Lunetten", "Leidsche Rijn", "Vleuten", "De Meern",
	"Hoograven", "Tuinwijk", "Amersfoort", "Zeist", "Nieuwegein", "IJsselstein", "Houten",
	"Bunnik", "Maarssen", "Woerden", "Den Haag", "Rotterdam-Zuid", "Tilburg", "Groningen",
	"Leeuwarden", "Enschede", "Zwolle", "Sint-Michielsgestel", "Ĳmuiden", "Súdwest-Fryslân",
	"Noardeast-Fryslân", "Bergen op Zoom", "Nijmegen", "Arnhem", "Venlo", "Heerlen",
	"Middelburg", "Hoorn", "Almere", "Lelystad", "Emmen", "Assen", "Deventer", "Apeldoorn",
	"Ede", "Gouda", "Delft", "Haarlem", "Alkmaar", "Den Helder", "Maastricht", "Roermond",
	"Oss", "Breda", "Goes", "Gaasterlân", "Dantumadiel", "Tytsjerksteradiel", "Schiedam",
};

static const char *const orgs[] = {
	"Stichting Welzijn", "Buurtteam", "Humanitas afdeling", "Zonnebloem afdeling",
	"Coöperatie Samen Oud", "Leger des Heils", "Diaconie", "Bibliotheek",
	"Stichting Ouderenwerk", "VluchtelingenWerk", "Wĳkcentrum", "Vereniging Dorpsbelang",
	"Stichting Mantelzorg", "Sportbedrijf", "Kerkgemeenschap",
};

/* Description sentences, each with its English twin. */
static const char *const sentences[][2] = {
	{"Elke week komen buurtbewoners samen voor koffie, een praatje en een spelletje.",
	 "Every week neighbours meet for coffee, a chat and a game."},
	{"Iedereen is welkom, ook als u nog niemand kent.", "Everyone is welcome, also if you do not know anyone yet."},
	{"Vrijwilligers ontvangen u en stellen u voor aan de anderen.",
	 "Volunteers welcome you and introduce you to the others."},
	{"Voor ouderen die graag nieuwe mensen willen ontmoeten in hun eigen wijk.",
	 "For older people who would like to meet new people in their own neighbourhood."},
	{"U kunt meedoen zonder aanmelding; de koffie staat klaar.", "You can join without signing up; the coffee is ready."},
	{"We praten over wat u bezighoudt, en ook over de kleine dingen van de dag.",
	 "We talk about what is on your mind, and about the small things of the day."},
	{"Een vaste vrijwilliger komt één keer per week bij u thuis op bezoek.",
	 "A regular volunteer visits you at home once a week."},
	{"Na het overlijden van een naaste kan het stil worden; hier deelt u uw ervaringen met anderen.",
	 "After the death of someone close, life can grow quiet; here you share your experiences with others."},
	{"Samen koken en eten met mensen uit de buurt, voor een kleine bijdrage.",
	 "Cooking and eating together with people from the neighbourhood, for a small contribution."},
	{"U oefent Nederlands in een ontspannen sfeer, met mensen uit allerlei landen.",
	 "You practise Dutch in a relaxed atmosphere, with people from many countries."},
	{"Er is ruimte voor ideeën en wensen van de deelnemers: zij bepalen mee wat er gebeurt.",
	 "There is room for the ideas and wishes of the participants: they help decide what happens."},
	{"Wie slecht ter been is, wordt thuis opgehaald en weer teruggebracht.",
	 "Those who have trouble walking are picked up at home and brought back."},
	{"Deelnemers helpen elkaar met kleine klusjes, formulieren en de weg in de buurt.",
	 "Participants help each other with small jobs, forms and finding their way in the area."},
	{"We wandelen een uur in een rustig tempo en drinken daarna samen koffie.",
	 "We walk for an hour at a gentle pace and have coffee together afterwards."},
	{"Het coöperatieve café wordt gerund door bewoners zelf; iedereen kan een rol krijgen.",
	 "The cooperative café is run by residents themselves; everyone can take on a role."},
	{"Voor mantelzorgers die even op adem willen komen en ervaringen willen delen.",
	 "For carers who want to catch their breath and share experiences."},
	{"In kleine groepjes zingen we bekende liedjes; u hoeft geen noten te kunnen lezen.",
	 "In small groups we sing well-known songs; you do not need to read music."},
	{"Tijdens de creatieve middag maakt u iets moois met verf, klei of textiel.",
	 "During the creative afternoon you make something beautiful with paint, clay or textile."},
	{"Eén keer per maand is er een thema-avond over gezondheid, geld of wonen.",
	 "Once a month there is a theme evening about health, money or housing."},
	{"Het is een coöperatie van bewoners, zorgverleners en de gemeente, met één vast aanspreekpunt.",
	 "It is a cooperative of residents, care workers and the municipality, with one fixed contact person."},
};

static const char *const access_nl[][2] = {
	{"Rolstoeltoegankelijk; er is een invalidetoilet.", "Wheelchair accessible; there is an accessible toilet."},
	{"Bereikbaar met bus 12; de halte is vlak bij de ingang.", "Reachable by bus 12; the stop is close to the entrance."},
	{"De ruimte is op de eerste verdieping, met een lift.", "The room is on the first floor, with a lift."},
	{"Er is een ringleiding voor mensen met een gehoorapparaat.", "There is a hearing loop for people with a hearing aid."},
};

static const char *const apply_nl[][2] = {
	{"Kom gerust langs tijdens de openingstijden.", "Feel free to drop in during opening hours."},
	{"Meld u aan via de website, of vraag de NIZU infolijn (030-2361745) hoe aanmelden werkt.",
	 "Sign up on the website, or ask the NIZU helpline (030-2361745) how to sign up."},
	{"Bel of mail de coördinator; u krijgt binnen een week antwoord.",
	 "Call or e-mail the coordinator; you will get an answer within a week."},
	{"Een verwijzing van de huisarts of het buurtteam is nodig. Alleen met toestemming van de persoon.",
	 "A referral from the GP or the neighbourhood team is needed. Only with the person's consent."},
};

static const char *const days[] = {"ma", "di", "wo", "do", "vr", "za", "zo"};
static const char *const costs[] = {"gratis", "gratis", "laag", "betaald", "onbekend", "onbekend"};
static const char *const mobs[] = {"zelf_gaan", "zelf_gaan", "zelf_gaan", "komt_aan_huis", "vervoer_geregeld", "op_afstand"};
static const char *const barriers[] = {"geld", "mobiliteit", "gehoor", "taal", "gezondheid"};

/* A JSON string: the generator's texts hold no control characters, so only " and \ need care. */
static void put_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void put_text(FILE *f, const char *key, const char *nl, const char *en)
{
	fprintf(f, "      \"%s\": {\n        \"nl\": ", key);
	put_str(f, nl);
	fputs(",\n        \"en\": ", f);
	put_str(f, en);
	fputs("\n      },\n", f);
}

/* Writes a list of k distinct picks from ids[0..n) (k clamped to n). */
static void put_ids(FILE *f, const char *key, const char *const *ids, int n, int k, uint64_t *s)
{
	uint64_t used = 0;
	fprintf(f, "      \"%s\": [", key);
	for (int i = 0; i < k && i < n; i++) {
		int j;
		do
			j = bench_rand_below(s, n);
		while (used >> j & 1);
		used |= UINT64_C(1) << j;
		fputs(i ? ", " : "", f);
		put_str(f, ids[j]);
	}
	fputs("],\n", f);
}

/* The option ids of the question with facet f, in a NULL-terminated array (malloc'd). */
static const char **facet_ids(const content *c, ik_facet f, int *n)
{
	const ik_question *q = &c->questions[c->facet_q[f]];
	const char **ids = xcalloc((size_t)q->nopts + 1, sizeof *ids);
	for (int i = 0; i < q->nopts; i++)
		ids[i] = q->opts[i].id;
	*n = q->nopts;
	return ids;
}

typedef struct {
	const char **wijken, **profiles;
	int nwijken, nprofiles;
} ids_from_base;

/* Writes the description: one to three sentences, and a closing one naming the place. */
static void put_description(FILE *f, const struct kind *k, const char *place, uint64_t *s)
{
	strbuf nl = {0}, en = {0};
	sb_printf(&nl, "%s in %s.", k->nl, place);
	sb_printf(&en, "%s in %s.", k->en, place);
	int n = 1 + bench_rand_below(s, 3), first = bench_rand_below(s, (int)ARRAY_LEN(sentences));
	for (int i = 0; i < n; i++) {
		const char *const *p = sentences[(first + i * 7) % ARRAY_LEN(sentences)];
		sb_printf(&nl, " %s", p[0]);
		sb_printf(&en, " %s", p[1]);
	}
	put_text(f, "description", nl.s, en.s);
	sb_free(&nl);
	sb_free(&en);
}

static void put_activity(FILE *f, int i, const ids_from_base *b, uint64_t *s)
{
	const struct kind *k = &PICK(s, kinds);
	const char *place = PICK(s, places), *flavour = PICK(s, flavours);
	fprintf(f, "    {\n      \"id\": \"%s-%06d\",\n      \"name\": ", k->slug, i);
	char buf[256];
	snprintf(buf, sizeof buf, "%s %s %s", k->nl, flavour, place);
	put_str(f, buf);
	fputs(",\n      \"organization\": ", f);
	snprintf(buf, sizeof buf, "%s %s", PICK(s, orgs), place);
	put_str(f, buf);
	fputs(",\n", f);
	put_description(f, k, place, s);
	if (bench_rand_below(s, 2))
		fprintf(f, "      \"url\": \"https://www.%s-%d.nl/aanbod/\",\n", k->slug, bench_rand_below(s, 900) + 100);
	else
		fputs("      \"url\": null,\n", f);
	if (bench_rand_below(s, 10) < 3)
		fprintf(f, "      \"email\": \"info@%s-%d.nl\",\n", k->slug, bench_rand_below(s, 900) + 100);
	else
		fputs("      \"email\": null,\n", f);
	if (bench_rand_below(s, 10) < 3)
		fprintf(f, "      \"phones\": [\"0%d-%07d\"],\n", 10 + bench_rand_below(s, 80), bench_rand_below(s, 10000000));
	else
		fputs("      \"phones\": [],\n", f);
	if (bench_rand_below(s, 5) == 0)
		fputs("      \"service_area\": [\"stad\"],\n", f);
	else
		put_ids(f, "service_area", b->wijken, b->nwijken, 1 + bench_rand_below(s, 3), s);
	bool senior = bench_rand_below(s, 5) == 0, young = !senior && bench_rand_below(s, 10) == 0;
	fprintf(f, "      \"minimum_age\": %s,\n      \"maximum_age\": %s,\n", senior ? "55" : young ? "16" : "null",
		young ? "27" : "null");
	fputs(bench_rand_below(s, 5) == 0 ? "      \"languages\": [\"nl\", \"en\", \"tr\"],\n" : "      \"languages\": [],\n", f);
	fprintf(f, "      \"cost\": \"%s\",\n      \"schedule\": [", PICK(s, costs));
	int nsess = bench_rand_below(s, 5) < 3 ? 0 : 1 + bench_rand_below(s, 3);
	for (int j = 0, d = bench_rand_below(s, 4); j < nsess; j++, d++) {
		int open = 9 + bench_rand_below(s, 8);
		fprintf(f, "%s\n        {\"weekday\": \"%s\", \"opens_at\": \"%02d:%s\", \"closes_at\": \"%02d:00\"}",
			j ? "," : "", days[d % 7], open, bench_rand_below(s, 2) ? "00" : "30", open + 1 + bench_rand_below(s, 3));
	}
	fputs(nsess ? "\n      ],\n" : "],\n", f);
	if (bench_rand_below(s, 10) < 3) {
		const char *const *a = PICK(s, access_nl);
		put_text(f, "accessibility", a[0], a[1]);
	} else {
		fputs("      \"accessibility\": null,\n", f);
	}
	const char *const *ap = PICK(s, apply_nl);
	put_text(f, "application_process", ap[0], ap[1]);
	fprintf(f, "      \"assured_date\": \"%d-%02d-%02d\",\n", 2019 + bench_rand_below(s, 8), 1 + bench_rand_below(s, 12),
		1 + bench_rand_below(s, 28));
	fprintf(f, "      \"source\": \"Sociale kaart %s, export 2026-10-01, item %d (https://www.socialekaart.nl/aanbod/%d)\",\n",
		place, i, 100000 + i);
	put_ids(f, "profiles", b->profiles, b->nprofiles, bench_rand_below(s, 5), s);
	put_ids(f, "loneliness", content_lonely_ids, 3, 1 + bench_rand_below(s, 3), s);
	put_ids(f, "active_elements", content_element_ids, 7, 1 + bench_rand_below(s, 3), s);
	static const char *const groups[] = {"jongeren", "studenten", "65plus", "migranten", "mantelzorgers", "lhbti"};
	put_ids(f, "target_groups", groups, 6, bench_rand_below(s, 4) == 0, s);
	fputs("      \"interests\": [", f);
	if (k->interest)
		put_str(f, k->interest);
	fprintf(f, "],\n      \"mobility\": \"%s\",\n", PICK(s, mobs));
	put_ids(f, "helps_with", barriers, 5, bench_rand_below(s, 3) == 0, s);
	fprintf(f, "      \"human_route\": %s\n    }", i == 0 || bench_rand_below(s, 100) == 0 ? "true" : "false");
}

static int copy_file(const char *from, const char *to)
{
	size_t len;
	char *text = read_file(from, &len);
	if (!text) {
		fprintf(stderr, "gen: cannot read %s: %s\n", from, strerror(errno));
		return -1;
	}
	FILE *f = fopen(to, "wb");
	int rc = f && fwrite(text, 1, len, f) == len ? 0 : -1;
	if (f && fclose(f) != 0)
		rc = -1;
	if (rc)
		fprintf(stderr, "gen: cannot write %s\n", to);
	free(text);
	return rc;
}

int bench_gen_folder(const char *dir, const char *base_dir, const content *base, int n, uint64_t seed)
{
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, "gen: cannot make %s: %s\n", dir, strerror(errno));
		return -1;
	}
	static const char *const others[] = {"infokaart.json", "crisis.json", "profiles.json", "djg6.json"};
	for (size_t i = 0; i < ARRAY_LEN(others); i++) {
		char *from = xasprintf("%s/%s", base_dir, others[i]), *to = xasprintf("%s/%s", dir, others[i]);
		int rc = copy_file(from, to);
		free(from);
		free(to);
		if (rc)
			return -1;
	}
	ids_from_base b = {0};
	b.wijken = facet_ids(base, FACET_WIJK, &b.nwijken);
	b.profiles = xcalloc((size_t)base->nprofiles + 1, sizeof *b.profiles);
	for (int i = 0; i < base->nprofiles; i++)
		b.profiles[i] = base->profiles[i].id;
	b.nprofiles = base->nprofiles;
	char *path = xasprintf("%s/activities.json", dir);
	FILE *f = fopen(path, "wb");
	int rc = -1;
	if (f) {
		static char iobuf[1 << 16];
		setvbuf(f, iobuf, _IOFBF, sizeof iobuf);
		uint64_t s = seed;
		fprintf(f, "{\n  \"_comment\": \"Generated by infokaart-bench (seed %llu): %d synthetic activities.\",\n"
			   "  \"version\": 1,\n  \"activities\": [\n", (unsigned long long)seed, n);
		for (int i = 0; i < n; i++) {
			put_activity(f, i, &b, &s);
			fputs(i + 1 < n ? ",\n" : "\n", f);
		}
		fputs("  ]\n}\n", f);
		rc = ferror(f) ? -1 : 0;
		if (fclose(f) != 0)
			rc = -1;
	}
	if (rc)
		fprintf(stderr, "gen: cannot write %s\n", path);
	free(path);
	free(b.wijken);
	free(b.profiles);
	return rc;
}
