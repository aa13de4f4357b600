/* hsds.h: the catalogue and Open Referral HSDS 3.0 (https://openreferral.org), both ways.
 * Import (content_hsds.c, part of the loader: it reads JSON with the ld_* toolkit) turns an
 * HSDS JSON publication into catalogue entries and reports, with file:line:col, everything it
 * could not map and every default it filled in. Export (hsds_export.c, written with jsonw,
 * no JSON library) writes the catalogue as HSDS services, our own fields as attributes of
 * the taxonomy "infokaart". The mapping is described in README.md ("Open Referral (HSDS)"). */
#ifndef INFOKAART_HSDS_H
#define INFOKAART_HSDS_H

#include "content.h"

/* The taxonomy our attributes belong to (taxonomy_term.taxonomy), and its terms: one per
 * catalogue field HSDS has no place for. An attribute's value is one value of that field (a
 * list field gives one attribute per element). NULL-terminated. */
#define HSDS_TAXONOMY "infokaart"
extern const char *const hsds_term_codes[];

/* The application process an entry gets when the publication names none. */
extern const ik_text hsds_default_application;

/* A UUID (8-4-4-4-12 lower-case hex, RFC 9562 version 8) derived from kind and key, so
 * every export of the same catalogue gives the same ids: e.g. ("service", activity id),
 * ("term", term code). */
void hsds_uuid(char out[37], const char *kind, const char *key);

/* What an import found. The activities and their strings live in the arena passed in. */
typedef struct {
	ik_activity *activities;
	int n;
	int services; /* services met in the publication, duplicates included */
	int skipped;  /* of those, not imported: no name, defunct or inactive, seen before */
	int notes;    /* lines added to the report */
} hsds_import_result;

/* Reads the HSDS JSON at path (one file, or every *.json in a folder, in name order) into
 * catalogue entries for content c: wijk, interest and profile ids are c's, and the entries are
 * valid against it. A file holds one JSON object: a service, a service_at_location with its
 * service, an organization with its services, or a paginated list of any of these
 * ({"contents": […]}). Services are numbered from 1 in the order they are read; of two copies
 * of one service (by HSDS id) the one with more fields is kept. Every field
 * that could not be mapped, and every default filled in, is added to report as
 * "file:line:col: path: service N 'name': what". Strings go into arena a; today (days since
 * 1970) is the assured_date of entries that carry none. Returns 0, or -1 when a file could
 * not be read or parsed, or holds JSON that is no HSDS (also in report; out then holds what
 * the other files gave). */
int hsds_import(const content *c, const char *path, int today, arena *a, hsds_import_result *out,
		diags *report);

/* Appends the activities of c as HSDS 3.0 JSON to out: an object shaped like HSDS's paginated
 * list ({"total_items", …, "contents": [service, …]}, one page), each service complete with
 * its organization, phones, schedules, service areas, languages, cost options and
 * attributes, valid against the HSDS 3.0 schema service_with_definitions.json. */
void hsds_export(const content *c, strbuf *out);

/* Appends activities v[0..n) (whose ids are resolved against c) to out as an activities.json
 * (content/SCHEMA.md), two-space indented, keys in the schema's order. */
void hsds_activities_json(const content *c, const ik_activity *v, int n, strbuf *out);

#endif
