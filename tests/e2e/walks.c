/* walks.c: four signallers walking the card with different answers (see walk.h). Each fits
 * exactly one profile of profiles.json; the comment names it, the test computes it from the
 * rules. Between them they use digits, arrows, Space on options past 9, a skipped optional
 * question shown only for 55+, the scale, the number and text fields, both kinds of consent,
 * every way to move the follow-up date, and a note with non-ASCII letters. */
#include "walk.h"

/* recent + meer_contact + zelf: nieuw_begin */
const walk_spec walk_huisarts = {
	.answers = {
		{"role", "huisarts"},
		{"signals_contact", "somber_boos"},
		{"signals_events", "overlijden pensioen"},
		{"wants_support", "ja"},
		{"onset", "recent"},
		{"wish", "meer_contact"},
		{"capacity", "zelf"},
		{"loneliness_kind", "emotioneel"},
		{"age_group", "age_65plus"},
		{"living", "nee"},
		{"wijk", "oost"},
		{"interests", "muziek praten_luisteren"},
		{"languages", "nl"},
		{"contact_satisfaction", "2"},
		{"contacts_per_week", "4"},
		{"wishes", "weer zingen"},
		{NULL, NULL},
	},
	.arrows = false,
	.suggestion = 1,
	.consent = true,
	.how = "mondeling",
	.date_keys = NULL,
	.followup = WALK_DEFAULT_FOLLOWUP,
	.note = "belt zelf na",
};

/* lang + niet_nu + met_hulp: vangnet. Age 28-54, so "Woont de persoon alleen?" is not asked. */
const walk_spec walk_wijkagent = {
	.answers = {
		{"role", "wijkagent"},
		{"signals_outside", "gordijnen_dicht brievenbus_vol"},
		{"wants_support", "ja"},
		{"onset", "lang"},
		{"wish", "niet_nu"},
		{"capacity", "met_hulp"},
		{"barriers", "mobiliteit"},
		{"loneliness_kind", "sociaal existentieel"},
		{"age_group", "age_28_54"},
		{"groups", "migranten"},
		{"wijk", "overvecht"},
		{"languages", "nl tr"},
		{"contact_satisfaction", "1"},
		{NULL, NULL},
	},
	.arrows = true,
	.suggestion = 2,
	.consent = true,
	.how = "schriftelijk",
	.date_keys = "PgDn",
	.followup = "2026-12-14",
	.note = NULL,
};

/* recent + meer_contact + beperkt: opstap_met_hulp. (Without consent nothing would be
 * recorded: e2e_trust walks this spec with .consent = false.) */
const walk_spec walk_winkel = {
	.answers = {
		{"role", "winkel"},
		{"signals_contact", "veel_aandacht"},
		{"signals_social", "mist_mensen"},
		{"wants_support", "ja"},
		{"onset", "recent"},
		{"wish", "meer_contact"},
		{"capacity", "beperkt"},
		{"loneliness_kind", "sociaal"},
		{"age_group", "age_55_64"},
		{"living", "ja"},
		{"wijk", "zuidwest"},
		{"interests", "eten_koken"},
		{"languages", "nl"},
		{"contact_satisfaction", "3"},
		{NULL, NULL},
	},
	.arrows = false,
	.suggestion = 4,
	.consent = true,
	.how = "mondeling",
	.date_keys = "Right Right Left",
	.followup = "2026-12-08",
	.note = "kassa",
};

/* lang + meer_contact + zelf: aansluiting_zoeken */
const walk_spec walk_vrijwilliger = {
	.answers = {
		{"role", "vrijwilliger"},
		{"wants_support", "ja"},
		{"onset", "lang"},
		{"wish", "meer_contact"},
		{"capacity", "zelf"},
		{"loneliness_kind", "weet_niet"},
		{"age_group", "age_16_27"},
		{"groups", "studenten"},
		{"wijk", "vleuten_de_meern"},
		{"interests", "dansen dieren"},
		{"languages", "en"},
		{"contact_satisfaction", "5"},
		{"contacts_per_week", "0"},
		{NULL, NULL},
	},
	.arrows = true,
	.suggestion = 0,
	.consent = true,
	.how = "mondeling",
	.date_keys = "PgDn PgDn Left",
	.followup = "2026-12-20",
	.note = "Één keer per week, café",
};
