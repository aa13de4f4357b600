/* content_hsds_ids.c: the id of an imported entry (see content_hsds_internal.h). The
 * publisher's own id is kept beside ours (hsds_id); a service the catalogue in use already has
 * (the same hsds_id) keeps the id it has there, renamed or not, because records refer to it;
 * otherwise our own attribute's id, or one made from the name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_hsds_internal.h"
#include "i18n.h"
#include "text.h"

static bool id_taken(const hsds_imp *m, const char *id)
{
	return hsds_entry_by_id(m, id) >= 0;
}

/* An id from the name: folded to a-z, 0-9 and _, made unique with -2, -3, … */
static const char *id_from_name(hsds_imp *m, const char *name)
{
	char *f = text_fold(name), base[57];
	size_t k = 0;
	for (const char *p = f; *p && k < 56; p++) {
		bool alnum = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
		if (alnum)
			base[k++] = *p;
		else if (k && base[k - 1] != '_')
			base[k++] = '_';
	}
	while (k && base[k - 1] == '_')
		k--;
	base[k] = '\0';
	free(f);
	char id[64], try[80];
	snprintf(id, sizeof id, "%s%s", k && base[0] >= 'a' && base[0] <= 'z' ? "" : "hsds_", k ? base : "dienst");
	snprintf(try, sizeof try, "%s", id);
	for (int i = 2; id_taken(m, try); i++)
		snprintf(try, sizeof try, "%.56s-%d", id, i % 10000000);
	return arena_strdup(m->a, try);
}

static int by_hsds_id(const void *x, const void *y)
{
	return strcmp((*(const ik_activity *const *)x)->hsds_id, (*(const ik_activity *const *)y)->hsds_id);
}

/* The entry of the catalogue in use that came from the service with HSDS id hid, or NULL. The
 * catalogue is sorted by hsds_id once, on first use. */
static const ik_activity *known_service(hsds_imp *m, const char *hid)
{
	if (m->nby_hsds_id < 0) {
		m->nby_hsds_id = 0;
		m->by_hsds_id = xmalloc((size_t)(m->c->nactivities + 1) * sizeof *m->by_hsds_id);
		for (int i = 0; i < m->c->nactivities; i++)
			if (m->c->activities[i].hsds_id)
				m->by_hsds_id[m->nby_hsds_id++] = &m->c->activities[i];
		qsort(m->by_hsds_id, (size_t)m->nby_hsds_id, sizeof *m->by_hsds_id, by_hsds_id);
	}
	ik_activity key = {.hsds_id = hid};
	const ik_activity *k = &key, **found = NULL;
	if (hid && m->nby_hsds_id)
		found = bsearch(&k, m->by_hsds_id, (size_t)m->nby_hsds_id, sizeof *m->by_hsds_id, by_hsds_id);
	return found ? *found : NULL;
}

/* The entry's id: ours when the publication carries one that is free; else the id the
 * catalogue in use gave this service (the same HSDS id: renamed or not, it is the same
 * service, and records refer to that id); else one from the name. */
const char *hsds_entry_id(hsds_imp *m)
{
	const char *ours = m->b->ours.id, *name = m->b->a.name;
	if (ours && ld_is_id(ours) && !id_taken(m, ours))
		return ours;
	const ik_activity *known = known_service(m, m->b->a.hsds_id);
	if (known && !id_taken(m, known->id)) {
		if (strcmp(known->name, name) != 0)
			hsds_note(m, "id", _("dezelfde dienst (HSDS-id) als '%s' in de catalogus die in gebruik is, daar '%s' "
					     "genoemd: die id blijft"), known->id, hsds_snip(m, known->name, 60));
		return known->id;
	}
	const char *id = id_from_name(m, name);
	if (ours)
		hsds_note(m, "attributes", _("infokaart-id '%s' %s: de id '%s' wordt gebruikt"), hsds_snip(m, ours, 64),
			  ld_is_id(ours) ? _("is al gebruikt") : _("is geen geldige id"), id);
	return id;
}

/* The HSDS id to keep: the service's own, unless it is the id our export derived from the
 * entry's infokaart id (then the entry is ours: its publisher's id, when it had one that is no
 * UUID, came along as our attribute hsds_id). */
const char *hsds_source_id(hsds_imp *m, const cJSON *svc)
{
	const char *hid = hsds_line(m, hsds_str(svc, "id")), *ours = m->b->ours.id;
	char derived[37];
	if (hid && ours) {
		hsds_uuid(derived, "service", ours);
		if (strcmp(derived, hid) == 0)
			return m->b->ours.hsds_id;
	}
	return hid;
}

