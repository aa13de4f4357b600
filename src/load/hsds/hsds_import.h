/* hsds_import.h: reading Open Referral HSDS publications into catalogue entries (the loader's
 * part of hsds.h). Every field that could not be mapped, and every default filled in, is
 * reported with file:line:col. */
#ifndef INFOKAART_HSDS_IMPORT_H
#define INFOKAART_HSDS_IMPORT_H

#include <stdio.h>

#include "hsds.h"

/* An entry as the import keeps it while it reads on. */
typedef struct {
	const char *id;   /* the entry's id */
	const char *hid;  /* the service's "id" as published (a second copy is the same service), or NULL */
	int rich;         /* how many keys with a value that copy had */
	bool human_route;
	long handle;      /* what hsds_sink.put returned for the copy kept (hsds_import_to), else -1 */
} hsds_entry;

/* What an import found. The activities and their strings live in the arena passed in. */
typedef struct {
	ik_activity *activities; /* hsds_import; NULL from hsds_import_to */
	hsds_entry *entries;     /* the entries in order (in the arena): with hsds_import_to, each
				  * one's text is the one its handle names */
	int n;
	int services; /* services met in the publication, duplicates included */
	int skipped;  /* of those, not imported: no name, defunct or inactive, seen before */
	int notes;    /* lines added to the report */
	int printed;  /* hsds_import_to: lines of the report printed to sink->notes and forgotten */
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

/* Where hsds_import_to hands what it makes, so that memory does not grow with the
 * publication: each entry as it is made, and the notes once they are final. */
typedef struct {
	/* Takes entry a (its strings live until put returns) and returns a handle (>= 0) to
	 * find its text by, or -1 when it could not be kept (the import goes on: ctx knows). A
	 * later, fuller copy of a service is put again: the entry then names the new handle;
	 * so does an entry of a file that turned out broken half-way and was read again. */
	long (*put)(void *ctx, const ik_activity *a);
	void *ctx;
	FILE *notes; /* where the report's lines are printed (as diags_print) once final */
} hsds_sink;

/* hsds_import, streamed: a top-level list, a page with its "contents" and NDJSON are read a
 * piece at a time, every entry goes to sink->put as it is made instead of into
 * out->activities, and the report is printed to sink->notes as it grows (out->printed
 * lines; what is left in report after it, none as a rule, is still to print). What stays in
 * memory: out->entries (an id and a handle per entry) and the piece being read. The same
 * entries, notes and order as hsds_import. */
int hsds_import_to(const content *c, const char *path, int today, const hsds_sink *sink, arena *a,
		   hsds_import_result *out, diags *report);

#endif
