/* content_hsds_internal.h: what the three files of the HSDS import share: content_hsds.c
 * (files, the shapes a publication comes in, shared helpers), content_hsds_service.c (one
 * service) and content_hsds_parts.c (the fields that need mapping: schedules, service areas,
 * phones, languages, cost, attributes). Nothing else includes it. */
#ifndef INFOKAART_CONTENT_HSDS_INTERNAL_H
#define INFOKAART_CONTENT_HSDS_INTERNAL_H

#include "content_internal.h"
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
} hsds_ours;

/* The service being read. */
typedef struct {
	ik_activity a;
	hsds_vec phones;   /* const char * (arena) */
	hsds_vec languages;/* const char * (arena) */
	ik_session *sess;  /* malloc'd */
	int nsess, capsess;
	strbuf access;     /* accessibility descriptions, joined */
	int locations, virtual_locations;
	hsds_ours ours;
} hsds_building;

/* One import. */
typedef struct {
	const content *c;
	arena *a;
	ld *L;                 /* the file being read */
	int today;
	const char *source;    /* "HSDS import: <file>" */
	hsds_import_result *out;
	int number;            /* the service being read, from 1 */
	const char *name;      /* its name, for messages */
	hsds_building *b;
	hsds_vec hids;         /* the HSDS id of each entry made (const char *, or NULL) */
	int *rich;             /* per entry: how many keys its service had (malloc'd, hids.cap) */
	char **wijk_folds;     /* per wijk option: folded nl text, en text, id (3 each) */
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

/* One service (content_hsds_service.c); sal is the service_at_location it was found in (or
 * NULL). With svc_key, svc is that member of the object at the current path (sal's parts
 * are read there first); without, the path is at svc. */
void hsds_service(hsds_imp *m, const cJSON *svc, const cJSON *parent_org, const cJSON *sal, const char *svc_key);

/* The parts (content_hsds_parts.c). Each reads the member `key` of obj (when present), with
 * the path at obj, and notes what it cannot map. */
void hsds_schedules(hsds_imp *m, const cJSON *obj, const char *key);
void hsds_phones(hsds_imp *m, const cJSON *obj, const char *key);
void hsds_areas(hsds_imp *m, const cJSON *svc);
void hsds_languages(hsds_imp *m, const cJSON *svc);
void hsds_cost(hsds_imp *m, const cJSON *svc);
void hsds_attributes(hsds_imp *m, const cJSON *svc);

#endif
