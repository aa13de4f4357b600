/* hsds.c: what the HSDS import (load/hsds/) and export (report/hsds_export.c) share: the
 * terms of our taxonomy, the default application process and the ids derived from ours. */
#include "hsds.h"

#include <stdio.h>

const char *const hsds_term_codes[] = {"id", "profiles", "loneliness", "active_elements", "target_groups",
	"interests", "mobility", "helps_with", "human_route", "cost", "description_en", "application_process_en",
	"accessibility_en", "ends_on", "for_roles", "not_for_roles", "hsds_id", NULL};

const ik_text hsds_default_application = {
	"Hoe aanmelden werkt, staat niet in de publicatie. Neem contact op met de organisatie.",
	"How to sign up is not in the publication. Get in touch with the organisation.",
};

/* --- ids --- */

static uint64_t fnv(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return h;
}

static uint64_t mix(uint64_t h) /* MurmurHash3's finaliser: every input bit moves every output bit */
{
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	return h ^ h >> 33;
}

void hsds_uuid(char out[37], const char *kind, const char *key)
{
	uint64_t a = fnv(fnv(UINT64_C(14695981039346656037), "infokaart/"), kind);
	uint64_t b = fnv(fnv(UINT64_C(0x6c62272e07bb0142), "infokaart\\"), kind);
	a = mix(fnv(fnv(a, "/"), key));
	b = mix(fnv(fnv(b, "/"), key) ^ a);
	a = (a & ~UINT64_C(0xf000)) | UINT64_C(0x8000);                          /* version 8 */
	b = (b & ~(UINT64_C(3) << 62)) | (UINT64_C(2) << 62);                    /* variant 10 */
	snprintf(out, 37, "%08x-%04x-%04x-%04x-%012llx", (unsigned)(a >> 32), (unsigned)(a >> 16 & 0xffff),
		 (unsigned)(a & 0xffff), (unsigned)(b >> 48), (unsigned long long)(b & UINT64_C(0xffffffffffff)));
}
