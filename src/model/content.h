/* content.h: the infokaart content in memory: phases, questions, guide, crisis lines,
 * profiles, activities and the De Jong Gierveld module, as the loader (load/load.h) reads and
 * validates them from the JSON files in content/ (see content/SCHEMA.md). All ids are
 * resolved to indices at load time, so the logic above never compares strings. Plain C: this
 * header includes no JSON library. */
#ifndef INFOKAART_CONTENT_H
#define INFOKAART_CONTENT_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "util.h"

#define IK_MAX_OPTIONS 64 /* options per question: answers keep them in a 64-bit set */

/* Bilingual text: both always non-NULL after a successful load. */
typedef struct {
	const char *nl;
	const char *en;
} ik_text;

typedef enum { LANG_NL = 0, LANG_EN = 1 } ik_lang;
const char *ik_tr(const ik_text *t, ik_lang lang); /* the text in lang; "" for a NULL t */

typedef enum { Q_SINGLE, Q_MULTI, Q_SCALE, Q_TEXT, Q_NUMBER } ik_qtype;

typedef enum {
	FACET_NONE,
	FACET_ROLE,
	FACET_SUPPORT,
	FACET_WIJK,
	FACET_AGE,
	FACET_LONELINESS,
	FACET_BARRIERS,
	FACET_INTERESTS,
	FACET_LANGUAGES,
	FACET_GROUPS,
	FACET_WISH,      /* single: option ids meer_contact, niet_nu mean something */
	FACET_CAPACITY,  /* single: zelf, met_hulp, beperkt */
	FACET_LIVING,    /* single: ja = lives alone */
	FACET_MOBILITY,  /* single: met_vervoer, thuis */
	FACET_AGE_YEARS, /* number: the age in years, when known */
	FACET_WISHES,    /* text: what the person would like, in their words */
	FACET_COUNT
} ik_facet;

typedef enum { BARRIER_NONE, BARRIER_GELD, BARRIER_MOBILITEIT, BARRIER_GEHOOR, BARRIER_TAAL, BARRIER_GEZONDHEID } ik_barrier;
typedef enum { LONELY_SOCIAAL = 1 << 0, LONELY_EMOTIONEEL = 1 << 1, LONELY_EXISTENTIEEL = 1 << 2 } ik_lonely;
typedef enum { GROUP_JONGEREN = 1 << 0, GROUP_STUDENTEN = 1 << 1, GROUP_65PLUS = 1 << 2, GROUP_MIGRANTEN = 1 << 3, GROUP_MANTELZORGERS = 1 << 4, GROUP_LHBTI = 1 << 5 } ik_group;
typedef enum { COST_GRATIS, COST_LAAG, COST_BETAALD, COST_ONBEKEND } ik_cost;
typedef enum { MOB_KOMT_AAN_HUIS, MOB_VERVOER_GEREGELD, MOB_ZELF_GAAN, MOB_OP_AFSTAND, MOB_ONBEKEND } ik_mobility;
/* What an option of the wish, capacity, living or mobility question means to the ranking (by
 * its id, see SCHEMA.md "facets"); MEANS_NONE for the others, such as weet_niet. */
typedef enum {
	MEANS_NONE,
	MEANS_MORE_CONTACT, /* wish meer_contact */
	MEANS_NOT_NOW,      /* wish niet_nu */
	MEANS_SELF,         /* capacity zelf */
	MEANS_WITH_HELP,    /* capacity met_hulp; mobility met_vervoer */
	MEANS_HOME,         /* capacity beperkt; mobility thuis */
	MEANS_ALONE         /* living ja */
} ik_means;
typedef enum { TIER_NETWERK, TIER_PRAKTISCH, TIER_OMGAAN, TIER_VANGNET } ik_tier;

/* A condition on an earlier answer: holds when the answer to `question` includes any of
 * `opts` (or, with `none`, includes none of them). */
typedef struct {
	int question;  /* index into content.questions */
	uint64_t opts; /* option bit set */
	bool none;     /* true: "none" condition */
} ik_cond;

typedef struct {
	const char *id;
	ik_text text;
	const ik_text *ends; /* non-NULL: choosing this option ends the walk with this text */
	bool exclusive;      /* multi: clears the other options */
	int min_age, max_age;/* age facet: inclusive range; -1 when open */
	unsigned groups;     /* age and groups facets: ik_group bits this option stands for */
	ik_barrier barrier;  /* barriers facet */
	unsigned lonely;     /* loneliness facet: ik_lonely bit of this option, 0 for others */
	ik_means means;      /* wish, capacity, living and mobility facets */
	unsigned elements;   /* active elements this answer asks for (bit per content_element_ids) */
	bool crisis;         /* choosing it opens the crisis screen before anything else */
	const char **words;  /* interests facet: words in the wishes text that name this interest */
	int nwords;          /* (lower-case, diacritics folded) */
} ik_option;

typedef struct {
	const char *id;
	int phase; /* index into content.phases */
	ik_qtype type;
	ik_facet facet;
	ik_text text;
	const ik_text *help; /* NULL when absent */
	ik_option *opts;
	int nopts;
	int min, max; /* scale, number */
	const ik_text *min_label, *max_label;
	bool optional;
	ik_cond *when; /* all must hold for the question to be asked */
	int nwhen;
} ik_question;

typedef struct {
	const char *id;
	ik_text title, intro;
	bool guide; /* show the conversation guide in this phase */
} ik_phase;

typedef struct {
	const char *id;
	ik_text title, text;
} ik_principle;

typedef struct {
	int role;     /* option index in the role question */
	ik_text *lines;
	int nlines;
} ik_opener;

/* Where a tip is shown: with a phase's intro, under a question, with the suggestions, or at
 * the end when the person wants no support. */
typedef enum { TIP_PHASE, TIP_QUESTION, TIP_SUGGEST, TIP_END } ik_tip_place;

/* A line of advice for the signaller, shown only when its conditions hold (for example only
 * for some roles): never printed as something to say to the person. */
typedef struct {
	const char *id;
	ik_tip_place place;
	int index;   /* phase or question index for TIP_PHASE and TIP_QUESTION */
	ik_cond *when;
	int nwhen;
	ik_text text;
} ik_tip;

typedef struct {
	const char *id;
	ik_text name, hours, text;
	const char **phones;
	int nphones;
	const char *url; /* NULL when absent */
	uint64_t not_for_roles; /* role option bits whose own service this is: not shown to them */
} ik_crisis_line;

typedef struct {
	const char *id;
	ik_text name, description, helps, avoid;
	ik_tier tier;
	ik_cond *rules;
	int nrules;
} ik_profile;

/* An assured_date nobody gave: far enough in the past that every entry with it counts as
 * older than 12 months (rank.h: stale), so it is always shown as "check before you refer". */
#define IK_DATE_UNKNOWN (-1000000)

typedef struct {
	int weekday; /* 0 = maandag … 6 = zondag */
	int opens, closes; /* minutes after midnight */
} ik_session;

typedef struct {
	const char *id, *name, *organization;
	ik_text description;
	const char *url, *email; /* NULL when unknown */
	const char **phones;
	int nphones;
	uint64_t wijken;   /* option bits of the wijk question */
	bool citywide;     /* service_area holds "stad" */
	int min_age, max_age; /* -1 when no limit */
	const char **languages;
	int nlanguages;
	ik_cost cost;
	ik_session *schedule;
	int nschedule;
	const ik_text *accessibility; /* NULL when unknown */
	ik_text application_process;
	int assured_days; /* days since 1970-01-01; IK_DATE_UNKNOWN when the source does not say */
	int ends_days;    /* last day it runs, days since 1970-01-01; -1 when no end is known */
	const char *source;
	const char *hsds_id; /* the service's id in the HSDS publication it came from; NULL when none */
	uint64_t profiles; /* bit i = content.profiles[i] (at most 64 profiles) */
	unsigned lonely;   /* ik_lonely bits */
	unsigned elements; /* bit per active element, see content_element_ids */
	unsigned groups;   /* ik_group bits */
	uint64_t interests;/* option bits of the interests question */
	ik_mobility mobility;
	unsigned helps_with; /* bit per ik_barrier */
	bool human_route;
	uint64_t for_roles;     /* role option bits this is the natural next step for */
	uint64_t not_for_roles; /* role option bits it is never suggested to (their own service) */
} ik_activity;

typedef struct {
	const char *id;
	ik_text text;
	int subscale; /* 0 emotioneel, 1 sociaal */
	unsigned scores; /* bit per answer index that scores 1 */
} ik_djg_item;

typedef struct {
	bool present;
	ik_text title, citation, caveat;
	const char *answer_ids[4]; /* NULL-terminated */
	ik_text answers[3];
	ik_djg_item items[6];
} ik_djg;

typedef struct content {
	arena *arena; /* owns everything below */
	ik_phase *phases;
	int nphases;
	ik_question *questions;
	int nquestions;
	int facet_q[FACET_COUNT]; /* question index per facet, -1 when no question has it */
	ik_text support_end;
	ik_principle *principles;
	int nprinciples;
	ik_opener *openers;
	int nopeners;
	ik_tip *tips;
	int ntips;
	ik_text crisis_title, crisis_intro;
	ik_crisis_line *crisis;
	int ncrisis;
	ik_text profiles_disclaimer;
	ik_profile *profiles;
	int nprofiles;
	ik_activity *activities; /* in the arena, or in the catalogue image: */
	int nactivities;
	void *image;       /* the catalogue image mapped (load/content_image.h); NULL when none */
	size_t image_size;
	ik_djg djg;
	struct content_lookup *lookup; /* content_lookup_prepare: indices made at their first use */
	struct search_texts *search;   /* and room for the search texts (search.h) */
} content;

void content_free(content *c); /* accepts NULL */

int content_question_index(const content *c, const char *id); /* -1 when unknown */
int content_option_index(const ik_question *q, const char *id); /* -1 when unknown */
int content_profile_index(const content *c, const char *id);
/* By id: a look through the list for a small catalogue; for a big one, after
 * content_lookup_prepare, a binary search in an order of the ids made at the first call (so a
 * start that never looks an activity up does not pay for it). Not for two threads at once. */
int content_activity_index(const content *c, const char *id);
/* Gives c (the loader's, complete) room for the index content_activity_index makes, and for
 * the search texts (search.h). */
void content_lookup_prepare(content *c);

extern const char *const content_element_ids[7];
extern const char *const content_group_ids[];  /* NULL-terminated, in ik_group bit order */
extern const char *const content_lonely_ids[]; /* NULL-terminated, in ik_lonely bit order */

#endif
