/* cli_sync_labels.c: the names the central overviews show for the ids the referrals carry
 * (the label tables of central.sql), taken from the content in use and the program's own
 * statuses, in Dutch and English: sent by `catalogue publish` and `central init`. */
#include <stdlib.h>
#include <string.h>

#include "central.h"
#include "cli_sync.h"
#include "i18n.h"

/* The options of the question with this facet as labels; *n is how many (0 when the content
 * has no such question). */
static central_label *options(const content *c, ik_facet facet, int *n)
{
	int q = c->facet_q[facet];
	*n = q >= 0 ? c->questions[q].nopts : 0;
	central_label *v = xcalloc((size_t)*n + 1, sizeof *v);
	for (int i = 0; i < *n; i++) {
		const ik_option *o = &c->questions[q].opts[i];
		v[i] = (central_label){o->id, ik_tr(&o->text, LANG_NL), ik_tr(&o->text, LANG_EN), NULL, false};
	}
	return v;
}

/* The statuses with their labels as the program shows them: Dutch (the source) and English,
 * each through gettext in that language for a moment (without the English messages the
 * English label is left out). The strings are gettext's: static. */
static central_label *statuses(const app *a, int *n)
{
	for (*n = 0; store_status_ids[*n];)
		(*n)++;
	central_label *v = xcalloc((size_t)*n + 1, sizeof *v);
	for (int english = 0; english <= 1; english++) {
		i18n_set_english(english);
		for (int i = 0; i < *n; i++) {
			const char *id = store_status_ids[i], *label = store_status_label(id);
			v[i].id = id;
			v[i].final = store_status_final(id);
			if (!english)
				v[i].nl = label;
			else if (strcmp(label, v[i].nl) != 0)
				v[i].en = label;
		}
	}
	i18n_set_english(a->lang == LANG_EN);
	return v;
}

char *cli_sync_labels(const app *a, const content *c, char **said)
{
	central_labels l = {.n = {0}};
	central_label *v[CENTRAL_LABEL_N];
	int n = c->nprofiles;
	v[CENTRAL_LABEL_PROFILE] = xcalloc((size_t)n + 1, sizeof(central_label));
	for (int i = 0; i < n; i++) {
		const ik_profile *p = &c->profiles[i];
		v[CENTRAL_LABEL_PROFILE][i] =
			(central_label){p->id, ik_tr(&p->name, LANG_NL), ik_tr(&p->name, LANG_EN), NULL, false};
	}
	l.n[CENTRAL_LABEL_PROFILE] = n;
	v[CENTRAL_LABEL_WIJK] = options(c, FACET_WIJK, &l.n[CENTRAL_LABEL_WIJK]);
	v[CENTRAL_LABEL_ROLE] = options(c, FACET_ROLE, &l.n[CENTRAL_LABEL_ROLE]);
	v[CENTRAL_LABEL_STATUS] = statuses(a, &l.n[CENTRAL_LABEL_STATUS]);
	n = c->nactivities;
	v[CENTRAL_LABEL_ACTIVITY] = xcalloc((size_t)n + 1, sizeof(central_label));
	for (int i = 0; i < n; i++) {
		const ik_activity *x = &c->activities[i];
		v[CENTRAL_LABEL_ACTIVITY][i] = (central_label){x->id, x->name, NULL, x->organization, false};
	}
	l.n[CENTRAL_LABEL_ACTIVITY] = n;
	for (int k = 0; k < CENTRAL_LABEL_N; k++)
		l.v[k] = v[k];
	char *json = central_labels_json(&l);
	*said = xasprintf(_("Namen voor de overzichten: %d profielen, %d wijken, %d rollen, %d "
			    "statussen en %d activiteiten.\n"),
			  l.n[CENTRAL_LABEL_PROFILE], l.n[CENTRAL_LABEL_WIJK], l.n[CENTRAL_LABEL_ROLE],
			  l.n[CENTRAL_LABEL_STATUS], l.n[CENTRAL_LABEL_ACTIVITY]);
	for (int k = 0; k < CENTRAL_LABEL_N; k++)
		free(v[k]);
	return json;
}
