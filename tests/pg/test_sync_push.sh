#!/bin/bash
# test_sync_push.sh INFOKAART SEED PYTHON3: one site against a real PostgreSQL on loopback.
# Without a network nothing is marked as sent and the status says why; a sync makes the central
# store equal to the local database; a second sync (and even a re-push of everything already
# stored) writes no new row version; a follow-up recorded later travels and history is only
# ever added to; an erasure travels; notes shredded by retention are shredded centrally; the
# network-wide statistics equal the local ones; a kiosk restored from an old backup is told
# apart and counts again, but brings no erased referral or shredded note back. Skips (77) only
# without PostgreSQL binaries.
set -u
. "$(dirname "$0")/synclib.sh"
pg_start
network_setup "Testlocatie"
W=$PGT_WORK DB=$W/site.db

# 30 old referrals (their notes expire in the shredding step), 10 recent ones.
"$SEED" "$DB" 30 $((T0 - 60 * DAY)) 3600 >"$W/old.codes" || die "seeding failed"
"$SEED" "$DB" 10 $((T0 - 2 * DAY)) 600 >"$W/new.codes" || die "seeding failed"
total=$(lsq "$DB" "SELECT (SELECT count(*) FROM referral) + (SELECT count(*) FROM referral_status) + (SELECT count(*) FROM djg_score)")

# --- usage and status before any sync ---
ik --db "$DB" sync; rc=$?
[ $rc -eq 2 ] || say "sync without --to and without sync_url should exit 2, got $rc: $(err)"
ik --db "$DB" sync --status; rc=$?
[ $rc -eq 0 ] || say "sync --status should exit 0, got $rc: $(err)"
grep -q "^Site: $(site_of "$DB")" "$W/out" || say "sync --status lacks 'Site: <the site id>': $(out)"
grep -q '^Laatste synchronisatie: nog nooit' "$W/out" || say "before any sync the status should say 'nog nooit': $(out)"
[ "$(local_pending "$DB")" = "$total" ] || say "setup: the database should hold $total unsent rows"
grep -q "^Nog niet verstuurd: $total wijzigingen" "$W/out" ||
  say "before any sync the status should count the $total rows to send (as 'Gesynchroniseerd' will): $(out)"
before=$(unsent "$DB")
grep -q '^Catalogus: meegeleverd' "$W/out" || say "before any sync the bundled catalogue is in use: $(out)"

# --- network gone: a closed port, with a password in the URL that must never show ---
pgt_free_port || die "no free port"
closed=$PGT_FREE_PORT
start=$SECONDS
ik --db "$DB" sync --to "postgresql://infokaart:geheim-wachtwoord@127.0.0.1:$closed/central"; rc=$?
[ $rc -eq 1 ] || say "sync to a closed port should exit 1, got $rc"
[ $((SECONDS - start)) -le 15 ] || say "sync to a closed port took $((SECONDS - start)) s; it should fail quickly"
one_clear_line "sync to a closed port" geheim-wachtwoord
ik --db "$DB" sync --status
grep -q '^Laatste poging mislukt op ' "$W/out" || say "after a failed sync the status should say 'Laatste poging mislukt op …': $(out)"
grep -q -F geheim-wachtwoord "$W/out" && say "sync --status shows the password: $(out)"
grep -q '^Laatste synchronisatie: nog nooit' "$W/out" || say "a failed sync is not a synchronisation: $(out)"
[ "$(unsent "$DB")" = "$before" ] || say "a failed sync changed the unsent count: $(out)"
[ "$(lsq "$DB" "SELECT pushed_rev FROM sync_state")" = 0 ] || say "a failed sync moved pushed_rev"

# --- the first sync, the URL from the config file ---
printf 'sync_url = %s\nsite_name = Testlocatie Één\n' "$URL_1" >"$W/config"
ik --config "$W/config" --db "$DB" sync; rc=$?
[ $rc -eq 0 ] || say "the first sync (sync_url from the config) should exit 0, got $rc: $(err)"
grep -q "^Gesynchroniseerd: $total wijzigingen verstuurd" "$W/out" ||
  say "the first sync should print 'Gesynchroniseerd: $total wijzigingen verstuurd …' (one per row): $(out)"
same_as_central "$DB" "after the first sync"
site=$(site_of "$DB")
[ "$(q "SELECT count(*) FROM infokaart.site WHERE site_id = '$site' AND name = 'Testlocatie Één'")" = 1 ] ||
  say "the central site row lacks this site with its name: $(q "SELECT * FROM infokaart.site")"
ik --db "$DB" sync --status
grep -q '^Nog niet verstuurd: 0 ' "$W/out" || say "after a sync nothing is unsent: $(out)"
grep -q '^Laatste synchronisatie: 2025-10-01 12:00' "$W/out" || say "the status should give the time of the sync (the pinned clock): $(out)"
grep -q '^Laatste poging mislukt' "$W/out" && say "after a good sync the old failure should be gone: $(out)"

# --- idempotence: again, nothing changes, not even a row version ---
central_snapshot >"$W/snap1"
[ "$(grep -c '^referral|' "$W/snap1")" = 40 ] || say "setup: the snapshot should list the 40 referrals"
ik --db "$DB" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "the second sync should exit 0, got $rc: $(err)"
central_snapshot >"$W/snap2"
cmp -s "$W/snap1" "$W/snap2" || { say "the second sync wrote to the central tables:"; diff "$W/snap1" "$W/snap2" | head -6; }
# A re-push of everything (as after a crash between the central commit and the local
# confirmation) must change nothing either: the upsert by id is idempotent.
sqlite3 "$DB" "UPDATE sync_state SET pushed_rev = 0" || die "could not reset pushed_rev"
[ "$(local_pending "$DB")" = "$total" ] || say "setup: after resetting pushed_rev every row should be unsent again"
ik --db "$DB" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "the re-push should exit 0, got $rc: $(err)"
central_snapshot >"$W/snap3"
cmp -s "$W/snap1" "$W/snap3" || { say "re-pushing stored changes wrote new row versions (not idempotent):"; diff "$W/snap1" "$W/snap3" | head -6; }
[ "$(unsent "$DB")" = 0 ] || say "after the re-push nothing is unsent"

# A backup of the kiosk as it is now, for the stale push at the end.
sqlite3 "$DB" ".backup '$W/backup.db'" || die "sqlite3 .backup failed"

# --- a follow-up recorded later travels; history is append-only ---
code=$(sed -n 2p "$W/new.codes")
ruuid=$(lsq "$DB" "SELECT uuid FROM referral WHERE case_code = '$code'")
q "SELECT id FROM infokaart.referral_status WHERE referral_id = '$ruuid' ORDER BY id" >"$W/hist.before"
ndjg=$(q "SELECT count(*) FROM infokaart.djg_score WHERE referral_id = '$ruuid'")
INFOKAART_NOW=$((T0 + 3600)) ik --db "$DB" outcome "$code" wil_niet_meer --role infolijn --djg ja,nee,min_of_meer,ja,nee,ja ||
  say "outcome failed: $(err)"
ik --db "$DB" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "the sync after an outcome should exit 0, got $rc: $(err)"
same_as_central "$DB" "after an outcome"
[ "$(q "SELECT status FROM infokaart.referral WHERE id = '$ruuid'")" = wil_niet_meer ] || say "the new status did not travel"
[ "$(q "SELECT count(*) FROM infokaart.referral_status WHERE referral_id = '$ruuid' AND status = 'wil_niet_meer' AND role = 'infolijn' AND at = to_timestamp($((T0 + 3600)))")" = 1 ] ||
  say "the new history row is not there once"
q "SELECT id FROM infokaart.referral_status WHERE referral_id = '$ruuid' ORDER BY id" >"$W/hist.after"
[ -s "$W/hist.before" ] && [ -z "$(comm -23 "$W/hist.before" "$W/hist.after")" ] || say "old history rows went missing centrally"
[ $(($(wc -l <"$W/hist.after") - $(wc -l <"$W/hist.before"))) -eq 1 ] || say "exactly one history row should be added"
[ "$(q "SELECT count(*) FROM infokaart.djg_score WHERE referral_id = '$ruuid'")" = $((ndjg + 1)) ] || say "the new score did not travel"

# --- erasure travels ---
gone=$(sed -n 3p "$W/old.codes")
guuid=$(lsq "$DB" "SELECT uuid FROM referral WHERE case_code = '$gone'")
[ "$(q "SELECT count(*) FROM infokaart.referral_status WHERE referral_id = '$guuid'")" -gt 0 ] || say "setup: $gone has no central history"
nref=$(q "SELECT count(*) FROM infokaart.referral")
ik --db "$DB" delete "$gone" || say "delete failed: $(err)"
ik --db "$DB" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "the sync after an erasure should exit 0, got $rc: $(err)"
[ "$(q "SELECT (SELECT count(*) FROM infokaart.referral WHERE case_code = '$gone' OR id = '$guuid')
          + (SELECT count(*) FROM infokaart.referral_status WHERE referral_id = '$guuid')
          + (SELECT count(*) FROM infokaart.djg_score WHERE referral_id = '$guuid')")" = 0 ] ||
  say "the erased case $gone still has rows centrally"
[ "$(q "SELECT count(*) FROM infokaart.erasure WHERE id = '$guuid' AND site_id = '$site'")" = 1 ] ||
  say "no central erasure row for $guuid"
[ "$(q "SELECT count(*) FROM infokaart.referral")" = $((nref - 1)) ] || say "the erasure removed more than the one referral"
same_as_central "$DB" "after an erasure"
[ "$(lsq "$DB" "SELECT count(*) FROM erasure")" = 0 ] || say "the local tombstone should be dropped once the central store has it"

# --- shredding travels: 95 days on, the old notes are gone locally and centrally ---
[ "$(q "SELECT count(*) FROM infokaart.referral WHERE site_id = '$site' AND note IS NOT NULL")" = 39 ] ||
  say "setup: every referral should carry a note centrally before shredding"
INFOKAART_NOW=$((T0 + 35 * DAY)) ik --db "$DB" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "the sync 35 days on should exit 0, got $rc: $(err)"
[ "$(lsq "$DB" "SELECT count(*) FROM referral WHERE note IS NOT NULL")" = 10 ] || say "sync should purge the expired notes locally first"
[ "$(q "SELECT count(*) FROM infokaart.referral WHERE note IS NOT NULL")" = 10 ] ||
  say "the expired notes are not shredded centrally: $(q "SELECT count(*) FROM infokaart.referral WHERE note IS NOT NULL")"
for c in $(cat "$W/new.codes"); do
  [ "$(q "SELECT note IS NOT NULL FROM infokaart.referral WHERE case_code = '$c'")" = t ] || say "the recent note of $c went centrally"
done
same_as_central "$DB" "after shredding"
# An explicit purge with a shorter period shreds the recent notes too; the next sync carries it.
INFOKAART_NOW=$((T0 + 35 * DAY)) ik --db "$DB" purge --days 30 || say "purge --days 30 failed: $(err)"
[ "$(lsq "$DB" "SELECT count(*) FROM referral WHERE note IS NOT NULL")" = 0 ] || say "setup: purge --days 30 left notes"
INFOKAART_NOW=$((T0 + 35 * DAY)) ik --db "$DB" sync --to "$URL_1" || say "the sync after purge failed: $(err)"
[ "$(q "SELECT count(*) FROM infokaart.referral WHERE note IS NOT NULL")" = 0 ] || say "notes shredded by purge --days stay centrally"

# --- the network-wide statistics equal the local ones for a single site, but for the series
# per site (the network's only, last), which holds this one site with its name and every referral ---
nref=$(lsq "$DB" "SELECT count(*) FROM referral")
for f in json csv text; do
  "$IK" --db "$DB" stats --format $f >"$W/stats.local.$f" 2>"$W/err" || say "local stats --format $f failed: $(err)"
  "$IK" stats --from "$URL_C" --format $f >"$W/stats.central.$f" 2>"$W/err" || say "stats --from --format $f failed: $(err)"
done
"$PY" - "$W/stats.central.json" "$W/stats.central.nosite.json" "$site" "$nref" <<'PY' || say "stats --from --format json: no series 'site' with this site alone"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
site = d["series"].pop("site")
assert site == [{"key": sys.argv[3], "name": "Testlocatie Één", "count": int(sys.argv[4])}], site
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n")
PY
"$PY" -c 'import json, sys; d = json.load(open(sys.argv[1], encoding="utf-8")); assert "site" not in d["series"]; print(json.dumps(d, ensure_ascii=False, separators=(",", ":")))' \
  "$W/stats.local.json" >"$W/stats.local.nosite.json" || say "the local stats --format json has a series 'site'"
grep -qx "site,$site,Testlocatie Één,$nref$(printf '\r')" "$W/stats.central.csv" || say "stats --from --format csv lacks the row of the site: $(grep '^site' "$W/stats.central.csv")"
grep -v '^site,' "$W/stats.central.csv" >"$W/stats.central.nosite.csv"
grep -q '^site,' "$W/stats.local.csv" && say "the local stats --format csv has rows of sites"
cp "$W/stats.local.csv" "$W/stats.local.nosite.csv"
sed -n '/^Per site$/,$p' "$W/stats.central.text" | grep -q "^Testlocatie Één .* $nref\$" ||
  say "stats --from (text) should end with 'Per site' and this site's bar: $(tail -3 "$W/stats.central.text")"
sed '/^Per site$/,$d' "$W/stats.central.text" | sed '$d' >"$W/stats.central.nosite.text"
grep -q '^Per site' "$W/stats.local.text" && say "the local stats (text) has a chart per site"
cp "$W/stats.local.text" "$W/stats.local.nosite.text"
for f in json csv text; do
  cmp -s "$W/stats.local.nosite.$f" "$W/stats.central.nosite.$f" ||
    { say "stats --from --format $f differs from the local stats:"; diff "$W/stats.local.nosite.$f" "$W/stats.central.nosite.$f" | head -8; }
done
"$IK" --db "$DB" stats --since 2025-09-01 --format csv >"$W/since.local" 2>/dev/null
"$IK" stats --from "$URL_C" --since 2025-09-01 --format csv 2>/dev/null | grep -v '^site,' >"$W/since.central"
cmp -s "$W/since.local" "$W/since.central" || say "stats --since differs between local and central"
cmp -s "$W/since.local" "$W/stats.local.csv" && say "setup: --since 2025-09-01 should leave out the old referrals"
# --- a kiosk restored from the old backup, everything unsent: another copy pushed since, so
# the sync says so and what it holds counts again (its changes get revs above the central
# ones); but an erased referral and a shredded note never come back, and the history only grows ---
sqlite3 "$W/backup.db" "UPDATE sync_state SET pushed_rev = 0" || die "could not reset the backup's pushed_rev"
[ "$(lsq "$W/backup.db" "SELECT count(*) FROM referral WHERE note IS NOT NULL AND case_code = '$gone'")" = 1 ] ||
  say "setup: the backup should hold the erased referral with its note"
hist=$(q "SELECT count(*) FROM infokaart.referral_status")
ik --db "$W/backup.db" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "the sync of the restored backup should exit 0, got $rc: $(err)"
grep -q '^Gesynchroniseerd: [1-9]' "$W/out" || say "setup: the backup should have pushed its changes again: $(out)"
grep -q 'teruggezet of gekopieerd' "$W/out" || say "the sync should say the database was restored or copied: $(out)"
[ "$(q "SELECT count(*) FROM infokaart.referral WHERE id = '$guuid'")" = 0 ] || say "the restored backup brought the erased referral back"
[ "$(q "SELECT count(*) FROM infokaart.referral WHERE note IS NOT NULL")" = 0 ] || say "the restored backup brought shredded notes back"
[ "$(q "SELECT status FROM infokaart.referral WHERE id = '$ruuid'")" = "$(lsq "$W/backup.db" "SELECT status FROM referral WHERE uuid = '$ruuid'")" ] ||
  say "the restored backup's state of $code should count centrally"
[ "$(q "SELECT count(*) FROM infokaart.referral_status")" = "$hist" ] || say "the restored backup changed the history"
[ "$(q "SELECT count(*) FROM infokaart.referral_status WHERE referral_id = '$ruuid' AND status = 'wil_niet_meer'")" = 1 ] ||
  say "the history row of the lost outcome went"

ik stats --from "postgresql://infokaart:geheim-wachtwoord@127.0.0.1:$closed/central"; rc=$?
[ $rc -eq 1 ] || say "stats --from a closed port should exit 1, got $rc"
one_clear_line "stats --from a closed port" geheim-wachtwoord

pgt_done "sync of one site: status, network gone, idempotence, changes, erasure, shredding, stats"
