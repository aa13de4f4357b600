/* record.c: from flow to store (see record.h). */
#include "record.h"

#include <stdio.h>
#include <string.h>

static void option_id(const flow *f, ik_facet facet, char *buf, size_t n)
{
	int o = answers_facet_single(f->ans, facet);
	snprintf(buf, n, "%s", o >= 0 ? f->c->questions[f->c->facet_q[facet]].opts[o].id : "");
}

void record_from_flow(const flow *f, int64_t now, store_referral *r)
{
	memset(r, 0, sizeof *r);
	store_new_case_code(r->case_code);
	r->created_at = now;
	option_id(f, FACET_ROLE, r->role, sizeof r->role);
	option_id(f, FACET_WIJK, r->wijk, sizeof r->wijk);
	option_id(f, FACET_AGE, r->age_group, sizeof r->age_group);
	if (f->profile >= 0)
		snprintf(r->profile, sizeof r->profile, "%s", f->c->profiles[f->profile].id);
	const ik_activity *a = flow_chosen_activity(f);
	if (a)
		snprintf(r->activity, sizeof r->activity, "%s", a->id);
	uint64_t lonely = answers_facet_opts(f->ans, FACET_LONELINESS);
	size_t used = 0;
	for (int i = 0; lonely >> i && used < sizeof r->loneliness; i++)
		if (lonely >> i & 1)
			used += (size_t)snprintf(r->loneliness + used, sizeof r->loneliness - used, "%s%s", used ? "," : "",
						 f->c->questions[f->c->facet_q[FACET_LONELINESS]].opts[i].id);
	r->consent = f->consent == CONSENT_YES;
	if (r->consent && f->consent_how >= 0)
		snprintf(r->consent_how, sizeof r->consent_how, "%s", flow_consent_how_ids[f->consent_how]);
	date_format(f->followup, r->followup_date);
	r->note = f->note;
}

int record_referral(const app *a, flow *f, store_err *err)
{
	if (a->cfg.mode == MODE_TRAINING) { /* never: training writes nothing to the records */
		snprintf(err->msg, sizeof err->msg, "%s", "training");
		return -1;
	}
	const char *why = NULL;
	if (flow_may_record(f, &why) != FLOW_RECORD_REFERRAL) { /* the consent rule: flow.h */
		snprintf(err->msg, sizeof err->msg, "%s", why);
		return -1;
	}
	store_referral r;
	store *s = NULL;
	record_from_flow(f, a->now, &r);
	int rc = store_open(a->db_path, &s, err) == 0 && store_referral_insert(s, &r, err) == 0 ? 0 : -1;
	store_close(s);
	if (rc == 0)
		flow_recorded(f, r.id, r.case_code);
	return rc;
}
