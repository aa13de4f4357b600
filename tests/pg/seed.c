/* seed.c: fills a local infokaart database with referrals for the sync tests, through the
 * store API (store.h) as the program itself writes them: much faster and more controllable
 * than walking the screens. Prints the case codes it made, one per line. Writes nothing but
 * the database it is given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

static const char *const roles[] = {"huisarts", "wijkagent", "winkel", "vrijwilliger", "infolijn"};
static const char *const profiles[] = {"nieuw_begin", "opstap_met_hulp", "contact_aan_huis",
				       "aansluiting_zoeken", "vangnet"};
static const char *const activities[] = {"handjehelpen", "buurtteams", "nizu_infolijn",
					 "welzijn_op_recept", "gelukscafes", "project_o_maatjes"};
static const char *const wijken[] = {"overvecht", "zuidwest", "binnenstad", "leidsche_rijn", ""};
static const char *const ages[] = {"age_65plus", "age_55_64", "age_16_27", ""};

#define PICK(v, i) ((v)[(i) % (sizeof(v) / sizeof((v)[0]))])

static int usage(void)
{
	fputs("usage: pg-seed DB N AT STEP [--no-notes]\n"
	      "  N referrals, the i-th created at AT + i*STEP (unix seconds), each with a note\n"
	      "  (unless --no-notes), a varied status history and some De Jong Gierveld scores.\n",
	      stderr);
	return 2;
}

/* The follow-up of referral i: every second one reached, every third started with a score,
 * every fifth completed with a score. Returns 0, or -1 after printing why. */
static int follow_up(store *s, const store_referral *r, int i, store_err *err)
{
	int64_t day = 86400;
	if (i % 2 == 1 && store_status_set(s, r->id, "contact_gelegd", "infolijn", r->created_at + day, err) != 0)
		return -1;
	if (i % 3 == 0) {
		store_djg d = {.at = r->created_at + 2 * day, .emotional = i % 4, .social = (i / 4) % 4};
		d.total = d.emotional + d.social;
		store_outcome_rec o = {.status = "gestart", .role = "vrijwilliger", .at = r->created_at + 2 * day, .djg = &d};
		if (store_outcome(s, r->id, &o, err) != 0)
			return -1;
	}
	if (i % 5 == 0) {
		store_djg d = {.at = r->created_at + 3 * day, .total = 1, .emotional = 1, .social = 0};
		store_outcome_rec o = {.status = "afgerond", .role = "infolijn", .at = r->created_at + 3 * day, .djg = &d};
		if (store_outcome(s, r->id, &o, err) != 0)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 5 || argc > 6 || (argc == 6 && strcmp(argv[5], "--no-notes") != 0))
		return usage();
	int n = atoi(argv[2]);
	long long at = atoll(argv[3]), step = atoll(argv[4]);
	bool notes = argc == 5;
	store *s = NULL;
	store_err err = {0};
	if (store_open(argv[1], &s, &err) != 0) {
		fprintf(stderr, "pg-seed: %s\n", err.msg);
		return 1;
	}
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		store_referral r;
		memset(&r, 0, sizeof r);
		store_new_case_code(r.case_code);
		r.created_at = at + (long long)i * step;
		snprintf(r.role, sizeof r.role, "%s", PICK(roles, i));
		snprintf(r.profile, sizeof r.profile, "%s", PICK(profiles, i));
		snprintf(r.activity, sizeof r.activity, "%s", PICK(activities, i));
		snprintf(r.wijk, sizeof r.wijk, "%s", PICK(wijken, i));
		snprintf(r.age_group, sizeof r.age_group, "%s", PICK(ages, i));
		snprintf(r.loneliness, sizeof r.loneliness, "%s", i % 2 ? "sociaal,emotioneel" : "sociaal");
		r.consent = i % 4 != 3;
		snprintf(r.consent_how, sizeof r.consent_how, "%s", r.consent ? "mondeling" : "");
		snprintf(r.followup_date, sizeof r.followup_date, "2025-0%d-1%d", 1 + i % 9, i % 10);
		char note[128];
		snprintf(note, sizeof note, "Één notitie %d van %s: belt 's avonds terug", i, r.case_code);
		r.note = notes ? note : NULL;
		if (store_referral_insert(s, &r, &err) != 0 || follow_up(s, &r, i, &err) != 0) {
			fprintf(stderr, "pg-seed: referral %d: %s\n", i, err.msg);
			rc = 1;
			break;
		}
		printf("%s\n", r.case_code);
	}
	store_close(s);
	return rc;
}
