/* app.c: what front ends share when they start a walk: a flow with the configured defaults. */
#include "app.h"

#include <stdio.h>

#include "i18n.h"

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
