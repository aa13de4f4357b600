/* app.c: what front ends share when they start a walk: a flow with the configured defaults. */
#include "app.h"

#include <stdio.h>
#include <unistd.h>

#include "i18n.h"
#include "store.h"

flow *app_flow_new(const app *a)
{
	flow *f = flow_new(a->c, a->today);
	const struct {
		ik_facet facet;
		const char *id, *key;
	} presets[] = {{FACET_ROLE, a->cfg.default_role, "default_role"}, {FACET_WIJK, a->cfg.default_wijk, "default_wijk"}};
	for (size_t i = 0; i < ARRAY_LEN(presets); i++) {
		if (presets[i].id[0] && flow_preset(f, presets[i].facet, presets[i].id) != 0) {
			fprintf(stderr, _("infokaart: instelling %s: '%s' is geen antwoord op de vraag in de inhoud.\n"),
				presets[i].key, presets[i].id);
			flow_free(f);
			return NULL;
		}
	}
	return f;
}

void app_purge_on_start(const app *a)
{
	if (a->cfg.mode == MODE_TRAINING || access(a->db_path, F_OK) != 0)
		return; /* training never touches the records; no database yet: nothing to purge */
	store *s = NULL;
	store_err err = {0};
	int removed = 0;
	if (store_open(a->db_path, &s, &err) != 0 || store_purge(s, a->now, a->cfg.retention_days, &removed, &err) != 0)
		fprintf(stderr, _("infokaart: let op: oude notities konden niet worden gewist: %s\n"), err.msg);
	store_close(s);
}
