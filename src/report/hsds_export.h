/* hsds_export.h: the catalogue written for its neighbours: as HSDS 3.0 services, and imported
 * entries as an activities.json (see hsds.h for what import and export share). */
#ifndef INFOKAART_HSDS_EXPORT_H
#define INFOKAART_HSDS_EXPORT_H

#include "hsds.h"
#include "util.h"

/* Appends the activities of c as HSDS 3.0 JSON to out: an object shaped like HSDS's paginated
 * list ({"total_items", …, "contents": [service, …]}, one page), each service complete with
 * its organization, phones, schedules, service areas, languages, cost options and
 * attributes, valid against the HSDS 3.0 schema service_with_definitions.json. */
void hsds_export(const content *c, strbuf *out);

/* Takes the text written so far: n bytes at s (not NUL-terminated for it). Returns 0, or -1
 * to stop the export. */
typedef int (*hsds_flush_fn)(void *ctx, const char *s, size_t n);
/* The bytes out holds before it is handed on: about 10 KB a service, so some dozen services. */
enum { HSDS_EXPORT_CHUNK = 256 * 1024 };
/* hsds_export streamed: the same bytes, but whenever out holds HSDS_EXPORT_CHUNK bytes or
 * more after a service, and at the end, its text is passed to flush(ctx, …) and out emptied
 * (what out held before is passed first). So memory stays at one chunk and one service
 * however big the catalogue. flush NULL: all of it stays in out, as hsds_export. Returns 0,
 * or -1 as soon as flush did. */
int hsds_export_to(const content *c, strbuf *out, hsds_flush_fn flush, void *ctx);

/* Appends activities v[0..n) (whose ids are resolved against c) to out as an activities.json
 * (content/SCHEMA.md), two-space indented, keys in the schema's order. */
void hsds_activities_json(const content *c, const ik_activity *v, int n, strbuf *out);
/* The same a piece at a time: HEAD, each activity (hsds_activity_json appends one, without
 * the line end after it) with SEP between two and "\n" after the last, TAIL. */
#define HSDS_ACTIVITIES_HEAD "{\n  \"version\": 1,\n  \"activities\": [\n"
#define HSDS_ACTIVITIES_SEP ",\n"
#define HSDS_ACTIVITIES_TAIL "  ]\n}\n"
void hsds_activity_json(const content *c, const ik_activity *a, strbuf *out);

#endif
