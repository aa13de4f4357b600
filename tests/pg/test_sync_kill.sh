#!/bin/bash
# test_sync_kill.sh INFOKAART SEED PYTHON3: a sync cut off halfway resumes with nothing lost or
# doubled. A test-only trigger on the central server makes a batch hang at a known row; then
# the server is killed (pg_ctl stop -m immediate): the sync exits 1 with one clear line, the
# batches committed before stay, the local database counts only those as sent, and after a
# restart the next sync makes the central store equal to the local database. The same with
# the sync client itself killed (SIGKILL) in the middle of a batch.
set -u
. "$(dirname "$0")/synclib.sh"
pg_start
network_setup "Locatie"
W=$PGT_WORK DB=$W/site.db

"$SEED" "$DB" 60 $((T0 - 20 * DAY)) 1800 >"$W/codes" || die "seeding failed"
total=$(unsent "$DB")
[ "$total" = "$(local_pending "$DB")" ] || say "sync --status counts $total unsent changes; the database holds $(local_pending "$DB")"

# --- the server dies in the middle of the sync ---
hang_install 25
INFOKAART_SYNC_BATCH=7 "$IK" --db "$DB" sync --to "$URL_1" >"$W/out" 2>"$W/err" &
pid=$!
hang_wait 60 $pid || { kill -9 $pid; die "the sync never reached the hanging row: $(err) $(out)"; }
committed=$(q "SELECT count(*) FROM infokaart.referral")
[ "$committed" -gt 0 ] && [ "$committed" -lt 25 ] ||
  say "before the kill the committed batches should hold some referrals but fewer than 25, hold $committed"
# The kiosk never waits on the sync: a follow-up is recorded while the sync hangs.
code=$(head -1 "$W/codes")
start=$SECONDS
timeout 20 "$IK" --db "$DB" outcome "$code" gestart --role huisarts >/dev/null 2>"$W/err.outcome"; rc=$?
[ $rc -eq 0 ] || say "recording an outcome while a sync hangs should work, exit $rc: $(cat "$W/err.outcome")"
[ $((SECONDS - start)) -le 5 ] || say "recording an outcome waited $((SECONDS - start)) s for the sync"
pg_kill || die "pg_ctl stop -m immediate failed"
wait_pid $pid 30; rc=$?
[ $rc -eq 1 ] || say "a sync whose server died should exit 1, got $rc: $(err)"
one_clear_line "sync with the server killed"
ik --db "$DB" sync --status
grep -q '^Laatste poging mislukt op ' "$W/out" || say "the status should tell of the failed attempt: $(out)"
left=$(unsent "$DB")
rows=$(lsq "$DB" "SELECT (SELECT count(*) FROM referral) + (SELECT count(*) FROM referral_status) + (SELECT count(*) FROM djg_score)")
[ -n "$left" ] && [ "$left" -gt 0 ] && [ "$left" -lt "$rows" ] ||
  say "after the kill the committed batches (only they) should count as sent: $left of $rows changes unsent"
[ "$left" = "$(local_pending "$DB")" ] || say "sync --status says $left unsent; the database holds $(local_pending "$DB")"
pg_restart
[ "$(q "SELECT count(*) FROM infokaart.referral")" = "$committed" ] ||
  say "after the restart the central store should hold exactly the $committed committed referrals"
hang_remove
ik --db "$DB" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "the sync after the restart should exit 0, got $rc: $(err)"
same_as_central "$DB" "after the server was killed and the sync resumed"
[ "$(q "SELECT count(*) FROM infokaart.referral_status s JOIN infokaart.referral r ON r.id = s.referral_id
        WHERE r.case_code = '$code' AND s.status = 'gestart' AND s.role = 'huisarts'")" = 1 ] ||
  say "the outcome recorded during the hanging sync did not travel"
[ "$(unsent "$DB")" = 0 ] || say "after the resume nothing is unsent"
ik --db "$DB" sync --status
grep -q '^Laatste poging mislukt' "$W/out" && say "after the resume the failure should be gone: $(out)"

# --- the sync client is killed (SIGKILL) in the middle of a batch ---
"$SEED" "$DB" 40 $((T0 - 5 * DAY)) 600 >>"$W/codes" || die "seeding failed"
before=$(q "SELECT count(*) FROM infokaart.referral")
hang_install $((before + 20))
INFOKAART_SYNC_BATCH=7 "$IK" --db "$DB" sync --to "$URL_1" >"$W/out" 2>"$W/err" &
pid=$!
hang_wait 60 $pid || { kill -9 $pid; die "the second sync never reached the hanging row: $(err) $(out)"; }
kill -9 $pid
wait $pid 2>/dev/null
# The server notices the dead client (client_connection_check_interval) and rolls back.
if ! wait_for_sql "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'" 0 20; then
  echo "note: the server did not notice the killed client in 20 s; ending its backend"
  q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep'" >/dev/null
fi
hang_remove
[ "$(lsq "$DB" "PRAGMA quick_check")" = ok ] || say "the local database is damaged after the client was killed"
mid=$(unsent "$DB")
[ -n "$mid" ] && [ "$mid" -gt 0 ] || say "the killed sync cannot have confirmed everything: $mid unsent"
ik --db "$DB" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "the sync after the killed one should exit 0, got $rc: $(err)"
same_as_central "$DB" "after the client was killed and the sync resumed"
[ "$(q "SELECT count(*) FROM infokaart.referral")" = 100 ] || say "central should hold 100 referrals"

pgt_done "a sync cut off by a dead server or a killed client resumes with nothing lost or doubled"
