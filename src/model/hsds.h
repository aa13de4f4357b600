/* hsds.h: the catalogue and Open Referral HSDS 3.0 (https://openreferral.org): what both ways
 * share. Import (load/hsds/hsds_import.h, part of the loader) turns an HSDS JSON publication
 * into catalogue entries; export (report/hsds_export.h, written with jsonw) writes the
 * catalogue as HSDS services, our own fields as attributes of the taxonomy "infokaart". The
 * mapping is described in README.md ("Open Referral (HSDS)"). */
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

#endif
