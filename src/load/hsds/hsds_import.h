/* hsds_import.h: reading Open Referral HSDS publications into catalogue entries (the loader's
 * part of hsds.h). Every field that could not be mapped, and every default filled in, is
 * reported with file:line:col. */
#ifndef INFOKAART_HSDS_IMPORT_H
#define INFOKAART_HSDS_IMPORT_H

#include "hsds.h"

/* What an import found. The activities and their strings live in the arena passed in. */
typedef struct {
	ik_activity *activities;
	int n;
	int services; /* services met in the publication, duplicates included */
	int skipped;  /* of those, not imported: no name, defunct or inactive, seen before */
	int notes;    /* lines added to the report */
	bool incomplete; /* a paginated list with pages that were not there */
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

#endif
