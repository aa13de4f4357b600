/* records.c: the screens' calls into the records (see records.h). */
#include "records.h"

#include <stdlib.h>
#include <unistd.h>

#include "i18n.h"
#include "stats_text.h"

int app_referrals(const app *a, const char *case_code, store_referral **v, int *n, store_err *err)
{
	store *s = NULL;
	char today[11];
	date_format(a->today, today);
	*v = NULL;
	*n = 0;
	int rc = store_open(a->db_path, &s, err);
	if (rc == 0)
		rc = case_code ? store_referrals_by_case(s, case_code, v, n, err) : store_followups(s, today, v, n, err);
	store_close(s);
	return rc == 0 ? 0 : -1;
}

bool app_sync_state(const app *a, store_sync_state *st)
{
	store *s = NULL;
	store_err err = {0};
	bool ok = store_open(a->db_path, &s, &err) == 0 && store_sync_state_get(s, st, &err) == 0;
	store_close(s);
	return ok && (a->cfg.sync_url[0] || st->last_try_at);
}

int app_set_outcome(const app *a, int64_t id, const char *status, const char *role, const char *next_followup,
		    store_err *err)
{
	store *s = NULL;
	store_outcome_rec o = {.status = status, .role = role, .at = a->now, .next_followup = next_followup};
	int rc = store_open(a->db_path, &s, err);
	if (rc == 0)
		rc = store_outcome(s, id, &o, err);
	store_close(s);
	return rc;
}

char *app_stats_text(const app *a, int width)
{
	store *s = NULL;
	store_err err = {0};
	store_statistics st = {0};
	strbuf b = {0};
	if (access(a->db_path, F_OK) != 0)
		sb_append(&b, _("Er zijn nog geen verwijzingen vastgelegd op deze computer."));
	else if (store_open(a->db_path, &s, &err) != 0 || store_stats(s, NULL, &st, &err) != 0)
		sb_printf(&b, _("De cijfers konden niet worden gelezen: %s"), err.msg);
	else
		report_stats_text(&b, a->c, a->lang, &st, NULL, width);
	store_statistics_free(&st);
	store_close(s);
	return sb_take(&b);
}
