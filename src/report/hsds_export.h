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

/* Appends activities v[0..n) (whose ids are resolved against c) to out as an activities.json
 * (content/SCHEMA.md), two-space indented, keys in the schema's order. */
void hsds_activities_json(const content *c, const ik_activity *v, int n, strbuf *out);

#endif
