/* content_hsds_internal.h: what the files of the HSDS import share: content_hsds.c (folders,
 * pages; the shapes a publication comes in), content_hsds_file.c (one file of JSON or NDJSON,
 * streamed where it can be), content_hsds_entries.c (the entries made, their undo, the notes
 * of a streamed import), content_hsds_note.c (the report and
 * small helpers), content_hsds_tabular.c (the tabular package: CSV tables joined into
 * services), content_hsds_service.c (one service), content_hsds_parts.c (the fields that need
 * mapping: schedules, phones, cost, attributes), content_hsds_lang.c (languages by code or
 * name), content_hsds_ids.c (the entry's id) and content_hsds_infer.c (where a
 * service is, and what ranking reads that HSDS only says in words). Nothing else includes it. */
#ifndef INFOKAART_CONTENT_HSDS_INTERNAL_H
#define INFOKAART_CONTENT_HSDS_INTERNAL_H

#include "content_internal.h"
#include "csv.h"
#include "hsds_import.h"

/* A growable list of pointers (malloc'd; copied into the arena when a service is done). */
typedef struct {
	const void **v;
	int n, cap;
} hsds_vec;
void hsds_vec_push(hsds_vec *x, const void *p);

/* Our own fields, as read from the attributes of the taxonomy "infokaart". */
typedef struct {
	const char *id;
	uint64_t profiles, interests;
	unsigned lonely, elements, groups, helps_with;
	int mobility, cost, human_route; /* -1 when not given */
	int ends_days;                   /* -1 when not given */
	uint64_t for_roles, not_for_roles;
	const char *description_en, *application_en, *accessibility_en;
	const char *hsds_id; /* the publisher's id our export carried as an attribute (no UUID) */
} hsds_ours;

/* The service being read. */
typedef struct {
	ik_activity a;
	hsds_vec phones;   /* const char * (arena) */
	hsds_vec languages;/* const char * (arena) */
	ik_session *sess;  /* malloc'd */
	int nsess, capsess;
	strbuf access;     /* accessibility descriptions, joined */
	strbuf ext_nl, ext_en; /* "Bel … en vraag naar toestel …": phones with an extension */
	int locations, virtual_locations;
	hsds_ours ours;
	/* where it is (content_hsds_infer.c): areas that are no wijk, and what addresses say */
	strbuf elsewhere;  /* names of areas and towns outside the catalogue's wijken, joined */
	bool in_utrecht;   /* an area or address says Utrecht (or a town or postcode of it) */
	bool outside;      /* an area or address names a place that is not in Utrecht */
	const cJSON *svc;  /* the service object, for the words ranking reads */
} hsds_building;

/* A place in a tabular package: the table row that the object at `path` (as ld_err writes
 * paths: "phones[0]", "service_at_locations[1].location") was built from. */
typedef struct {
	char *path;        /* malloc'd */
	const csv_table *table;
	int row;
} hsds_place;

/* A page of a paginated list, as found (for the check that no page is missing). */
typedef struct {
	const char *file;  /* arena */
	int number, total, items, contents; /* -1 when the page does not say */
	bool more;         /* it says last_page: false */
	char kind;         /* what it lists (each API endpoint pages on its own): 's'ervices,
			    * 'o'rganizations, service 'a't locations */
} hsds_page;

/* The entries made so far (content_hsds_entries.c), found by id and by HSDS id through
 * hash tables of their index + 1 (0: free). While a streamed file is read (`logging`), the
 * entries it replaces are logged, so that a file found broken half-way can be undone. */
typedef struct hsds_undo hsds_undo;
typedef struct {
	hsds_entry *v;         /* malloc'd; strings in the import's `keep` arena */
	int n, cap;
	int *by_id, *by_hid;   /* nslots each */
	size_t nslots;
	hsds_undo *undo;       /* malloc'd */
	int nundo, capundo;
	bool logging;
} hsds_entries;

/* Where a streamed file started (content_hsds_entries.c): what to go back to when it turns
 * out to be broken half-way, as if it had never been read. */
typedef struct {
	int n, services, skipped, notes, number, npages, diags;
	FILE *spill;  /* the file's notes so far beyond some hundreds, printed (NULL: none) */
	int spilled;
} hsds_mark;

/* One import. */
typedef struct {
	const content *c;
	arena *a;              /* where strings go: `keep`, or (streamed) `scratch` */
	arena *keep;           /* what outlives a piece of the publication: the caller's arena */
	arena *scratch;        /* streamed: emptied after each piece (NULL in memory) */
	const hsds_sink *sink; /* streamed: where entries and notes go (NULL in memory) */
	diags *report;
	hsds_mark *mark;       /* the streamed file being read, else NULL */
	hsds_entries E;
	ld *L;                 /* the file being read */
	int today;
	const char *source;    /* "HSDS import: <file>" */
	hsds_import_result *out;
	int number;            /* the service being read, from 1 */
	const char *name;      /* its name, for messages */
	hsds_building *b;
	char **wijk_folds;     /* per wijk option: folded nl text, en text, id (3 each) */
	const ik_activity **by_hsds_id; /* the catalogue in use, sorted by hsds_id (malloc'd) */
	int nby_hsds_id;       /* -1 until made */
	hsds_page *pages;      /* malloc'd */
	int npages;
	const hsds_place *places; /* tabular: where the service's parts come from, else NULL */
	int nplaces;
	int files;             /* files read that held HSDS (or a tabular package) */
} hsds_imp;

/* A note about the current service at the current path (with `key` pushed, when not NULL). */
void hsds_note(hsds_imp *m, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A note about the file at the current path, not about a service. */
void hsds_file_note(hsds_imp *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Helpers over cJSON values. */
const cJSON *hsds_get(const cJSON *obj, const char *key);
const char *hsds_str(const cJSON *obj, const char *key); /* a non-empty string, else NULL */
bool hsds_present(const cJSON *v);                        /* not absent, null, "", [] or {} */
const char *hsds_line(hsds_imp *m, const char *s);        /* arena copy on one line, trimmed; NULL if empty */
/* s for a note: one line (control characters made spaces), at most max bytes of whole
 * UTF-8 characters, "…" where it was cut; "" for NULL. In the arena. */
const char *hsds_snip(hsds_imp *m, const char *s, size_t max);
/* An arena copy with tabs (and, when one_line, newlines) made spaces, trimmed; NULL if empty. */
const char *hsds_clean(hsds_imp *m, const char *s, bool one_line);

/* Reads the JSON text (malloc'd; L owns it, also on failure) of `file` into L, as ld_open does
 * but also for a top-level list. Returns 0 with L->root set, or -1 after reporting why. */
int hsds_open_text(ld *L, const char *file, char *text, size_t len, diags *report, arena *a);

/* One object of a publication (content_hsds.c): a service, a list, a page, an organization…;
 * returns the number of services met in it. */
int hsds_item(hsds_imp *m, const cJSON *v, const cJSON *parent_org);
/* What a list lists, from its first element: 's'ervices, 'o'rganizations, service 'a't
 * locations (see hsds_page). */
char hsds_list_kind(const cJSON *first);
/* A page of a paginated list (v, whose list of `kind` has `count` elements), kept at
 * m->pages[at] for the check that every page was read. */
void hsds_page_seen(hsds_imp *m, const cJSON *v, char kind, int count, int at);

/* content_hsds_file.c: one file of JSON or NDJSON, read streamed where its shape allows
 * (ld_open_list), else whole. Returns 0, or -1 after reporting why it could not be read. */
int hsds_file(hsds_imp *m, const char *path);

/* content_hsds_entries.c. The entry with this id, or with this HSDS id ("id" as published);
 * -1 when none. */
int hsds_entry_by_id(const hsds_imp *m, const char *id);
int hsds_entry_by_hid(const hsds_imp *m, const char *hid);
/* Keeps the finished entry a (in place of entry `replace`, or new when it is -1), whose
 * service had HSDS id hid (or NULL) and `rich` keys with a value: into out->activities, or
 * streamed to the sink. */
void hsds_entry_keep(hsds_imp *m, int replace, const ik_activity *a, const char *hid, int rich);
/* A streamed file begins (k: where it began), is read whole (its notes then printed), or is
 * undone (its entries and notes gone, counts as before). */
void hsds_mark_set(hsds_imp *m, hsds_mark *k);
void hsds_mark_keep(hsds_imp *m);
void hsds_mark_undo(hsds_imp *m);
/* A piece of the publication is done (an element of a streamed list, an NDJSON line, a file):
 * streamed, its notes are printed (or, inside a marked file, put aside) and the scratch
 * arena emptied. Nothing of the piece may be in use. */
void hsds_settle(hsds_imp *m);
void hsds_entries_free(hsds_imp *m);

/* The tabular package in folder dir (content_hsds_tabular.c): services.csv and the tables
 * that belong to it, joined into services and read as those of JSON are. Returns 0, or -1
 * when services.csv could not be read. */
int hsds_tabular(hsds_imp *m, const char *dir, diags *report);

/* One service (content_hsds_service.c); sal is the service_at_location it was found in (or
 * NULL). With svc_key, svc is that member of the object at the current path (sal's parts
 * are read there first); without, the path is at svc. */
void hsds_service(hsds_imp *m, const cJSON *svc, const cJSON *parent_org, const cJSON *sal, const char *svc_key);

/* The entry's id (content_hsds_ids.c): ours when the publication carries a free one, else the
 * one the catalogue in use gave the same HSDS id, else one from the name. And the HSDS id to
 * keep as hsds_id (NULL for our own export's derived ids). */
const char *hsds_entry_id(hsds_imp *m);
const char *hsds_source_id(hsds_imp *m, const cJSON *svc);

/* The parts (content_hsds_parts.c). Each reads the member `key` of obj (when present), with
 * the path at obj, and notes what it cannot map. */
void hsds_schedules(hsds_imp *m, const cJSON *obj, const char *key);
void hsds_phones(hsds_imp *m, const cJSON *obj, const char *key);
void hsds_languages(hsds_imp *m, const cJSON *svc);
void hsds_cost(hsds_imp *m, const cJSON *svc);
void hsds_attributes(hsds_imp *m, const cJSON *svc);

/* content_hsds_infer.c: where the service is (its areas and addresses; a service outside
 * Utrecht says so in its description and gets the wijk "buiten Utrecht" where the content has
 * one), and the facts ranking reads that HSDS gives only in words or numbers: target groups
 * from the ages, interests, kinds of loneliness and groups from taxonomy terms, the name and
 * the description. Each inference is noted. */
void hsds_areas(hsds_imp *m, const cJSON *svc);
void hsds_address(hsds_imp *m, const cJSON *loc);
void hsds_place_decide(hsds_imp *m);
void hsds_infer(hsds_imp *m);

#endif
