/* content_hsds_lang.c: an HSDS service's languages as the catalogue's codes (see
 * content_hsds_internal.h): ISO 639-1 as the walk asks for them, from a 639-2/3 code, a BCP 47
 * tag ("en-GB") or, where a publisher gives none, the language's name in English, Dutch or
 * itself ("Turkish", "Turks", "Türkçe"). A name read is said; one not known is noted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_hsds_internal.h"
#include "i18n.h"
#include "text.h"

/* ISO 639-2/3 codes of languages spoken in Utrecht, with their ISO 639-1 code: the walk asks
 * for 639-1. */
static const char *const lang_map[][2] = {
	{"nld", "nl"}, {"dut", "nl"}, {"eng", "en"}, {"tur", "tr"}, {"ara", "ar"}, {"pol", "pl"}, {"fra", "fr"},
	{"fre", "fr"}, {"deu", "de"}, {"ger", "de"}, {"spa", "es"}, {"por", "pt"}, {"urd", "ur"}, {"fas", "fa"},
	{"per", "fa"}, {"som", "so"}, {"tir", "ti"}, {"ukr", "uk"}, {"rus", "ru"}, {"zho", "zh"}, {"chi", "zh"},
	{"hin", "hi"}, {"bul", "bg"}, {"ron", "ro"}, {"rum", "ro"}, {"ita", "it"}, {"kur", "ku"}, {"pus", "ps"},
	{"amh", "am"}, {"ind", "id"}, {"hun", "hu"}, {"ell", "el"}, {"gre", "el"}, {"srp", "sr"}, {"hrv", "hr"},
	{"bos", "bs"}, {"sqi", "sq"}, {"alb", "sq"}, {"vie", "vi"}, {"tha", "th"}, {"ben", "bn"}, {"pan", "pa"},
};

/* Language names as publishers write them (English, Dutch and the language's own name,
 * folded: lower case, no diacritics), with their ISO 639-1 code (639-2 where there is none). */
static const char *const lang_names[][2] = {
	{"dutch", "nl"}, {"nederlands", "nl"}, {"flemish", "nl"}, {"vlaams", "nl"}, {"english", "en"},
	{"engels", "en"}, {"turkish", "tr"}, {"turks", "tr"}, {"turkce", "tr"}, {"arabic", "ar"},
	{"arabisch", "ar"}, {"polish", "pl"}, {"pools", "pl"}, {"polski", "pl"}, {"french", "fr"},
	{"frans", "fr"}, {"francais", "fr"}, {"german", "de"}, {"duits", "de"}, {"deutsch", "de"},
	{"spanish", "es"}, {"spaans", "es"}, {"espanol", "es"}, {"somali", "so"}, {"somalisch", "so"},
	{"tigrinya", "ti"}, {"tigrinia", "ti"}, {"ukrainian", "uk"}, {"oekraiens", "uk"}, {"chinese", "zh"},
	{"chinees", "zh"}, {"mandarin", "zh"}, {"cantonese", "zh"}, {"kantonees", "zh"}, {"portuguese", "pt"},
	{"portugees", "pt"}, {"urdu", "ur"}, {"persian", "fa"}, {"perzisch", "fa"}, {"farsi", "fa"},
	{"dari", "fa"}, {"russian", "ru"}, {"russisch", "ru"}, {"italian", "it"}, {"italiaans", "it"},
	{"kurdish", "ku"}, {"koerdisch", "ku"}, {"hindi", "hi"}, {"romanian", "ro"}, {"roemeens", "ro"},
	{"bulgarian", "bg"}, {"bulgaars", "bg"}, {"pashto", "ps"}, {"pasjtoe", "ps"}, {"amharic", "am"},
	{"amhaars", "am"}, {"bengali", "bn"}, {"bengaals", "bn"}, {"punjabi", "pa"}, {"greek", "el"},
	{"grieks", "el"}, {"hungarian", "hu"}, {"hongaars", "hu"}, {"vietnamese", "vi"}, {"vietnamees", "vi"},
	{"slovak", "sk"}, {"slowaaks", "sk"}, {"berber", "ber"}, {"berbers", "ber"}, {"tamazight", "ber"},
	{"papiamento", "pap"}, {"sranantongo", "srn"}, {"sranan tongo", "srn"}, {"indonesian", "id"},
	{"indonesisch", "id"}, {"serbian", "sr"}, {"servisch", "sr"}, {"croatian", "hr"}, {"kroatisch", "hr"},
	{"bosnian", "bs"}, {"bosnisch", "bs"}, {"albanian", "sq"}, {"albanees", "sq"}, {"thai", "th"},
	{"thais", "th"},
};

/* The code of an HSDS language: its code ("nl", "NLD", "en-GB", "nl_NL") or else its name
 * ("Dutch", "Nederlands"). Writes it into out (lower case) and returns how it was found:
 * 'c' by code, 'n' by name, 0 not at all. */
static int language_code(const cJSON *e, char out[8])
{
	const char *code = hsds_str(e, "code"), *name = hsds_str(e, "name");
	size_t n = code ? strcspn(code, "-_") : 0; /* the primary subtag of a BCP 47 tag */
	bool ok = n == 2 || n == 3;
	for (size_t k = 0; ok && k < n; k++) {
		char ch = code[k] >= 'A' && code[k] <= 'Z' ? (char)(code[k] + 32) : code[k];
		ok = ch >= 'a' && ch <= 'z';
		out[k] = ch;
	}
	if (ok) {
		out[n] = '\0';
		for (size_t k = 0; n == 3 && k < ARRAY_LEN(lang_map); k++)
			if (strcmp(lang_map[k][0], out) == 0)
				strcpy(out, lang_map[k][1]);
		return 'c';
	}
	out[0] = '\0';
	char *f = name ? text_fold(name) : NULL;
	for (size_t k = 0; f && k < ARRAY_LEN(lang_names); k++)
		if (strcmp(lang_names[k][0], f) == 0)
			snprintf(out, 8, "%s", lang_names[k][1]);
	bool found = f && out[0];
	free(f);
	return found ? 'n' : 0;
}

void hsds_languages(hsds_imp *m, const cJSON *svc)
{
	const cJSON *arr = hsds_get(svc, "languages");
	hsds_vec *v = &m->b->languages;
	ld_push_key(m->L, "languages");
	int i = 0;
	for (const cJSON *e = cJSON_IsArray(arr) ? arr->child : NULL; e; e = e->next, i++) {
		ld_push_index(m->L, i);
		char code[8] = "";
		int how = language_code(e, code);
		const char *raw = hsds_str(e, "code"), *name = hsds_str(e, "name");
		if (!how) {
			hsds_note(m, NULL, _("taal '%s' heeft geen ISO 639-code en is geen bekende taalnaam: niet overgenomen"),
				  hsds_snip(m, raw ? raw : name ? name : "?", 30));
		} else {
			bool seen = false;
			for (int k = 0; k < v->n && !seen; k++)
				seen = strcmp(v->v[k], code) == 0;
			if (!seen)
				hsds_vec_push(v, arena_strdup(m->a, code));
			if (how == 'n')
				hsds_note(m, "name", _("taal '%s' (zonder code) overgenomen als '%s'"), hsds_snip(m, name, 30), code);
		}
		ld_pop(m->L);
	}
	ld_pop(m->L);
}

