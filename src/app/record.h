/* record.h: turns a finished walk-through into a stored referral: the categorical facts
 * (role, profile, activity, wijk, age group, kinds of loneliness), consent, follow-up date and
 * the optional note; never a name. Joins flow (logic) and store (SQLite) in one place, for
 * every front end. */
#ifndef INFOKAART_RECORD_H
#define INFOKAART_RECORD_H

#include "app.h"
#include "flow.h"
#include "store.h"

/* Fills r from f (a fresh case code, created_at = now). r->note points into f: do not free. */
void record_from_flow(const flow *f, int64_t now, store_referral *r);

/* Stores the referral durably in the app's database; on success moves the flow to its done
 * step and returns 0. On failure returns -1 with err filled and leaves the flow as it was, so
 * the user can retry. Never in training mode, and never without the person's consent
 * (flow_may_record; returns -1 with its reason). */
int record_referral(const app *a, flow *f, store_err *err);

#endif
