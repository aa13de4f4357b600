/* records.h: what the screens read and write in the records, one call each, so that no
 * screen opens the store itself: the operator's list (follow-ups due, or one case), the sync
 * state line, an outcome, the figures as text. Each call opens the database, does one thing
 * and closes it again; errors come back in store_err. */
#ifndef INFOKAART_RECORDS_H
#define INFOKAART_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "store.h"
#include "store_sync.h"

/* The referrals of case_code (stored form, "K7M-4QXRT"), or with NULL the follow-ups due up to
 * today. *v is malloc'd (store_referrals_free). Returns 0, or -1 with err filled. */
int app_referrals(const app *a, const char *case_code, store_referral **v, int *n, store_err *err);

/* The state of the sync, when a central store is set up or a sync ever ran: true with *st
 * filled; false when there is nothing to show (or it cannot be read). Never the network. */
bool app_sync_state(const app *a, store_sync_state *st);

/* Records a follow-up of referral id: its new status (an id of store_status_ids) as set by
 * role, and when next_followup (YYYY-MM-DD) is not NULL the date to follow it up again, in
 * one transaction (store_outcome). Returns 0, 1 when the referral no longer exists, or -1
 * with err filled. */
int app_set_outcome(const app *a, int64_t id, const char *status, const char *role, const char *next_followup,
		    store_err *err);

/* The figures as text (report/stats_text.h) at width columns, or a sentence saying there are
 * none yet or why they could not be read. malloc'd. */
char *app_stats_text(const app *a, int width);

#endif
