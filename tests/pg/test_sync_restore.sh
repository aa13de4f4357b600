#!/bin/bash
# test_sync_restore.sh INFOKAART SEED PYTHON3: a kiosk restored from a backup (or a cloned
# disk) and used again. The backup is copied, more changes are synced, the copy is put back
# and new changes are made: the next sync says the database was restored, and the central
# store ends with the new changes (a changed status, a new outcome, notes shredded by
# retention), keeps what only the lost copy sent, and brings back no erased case: the copy
# erases it again. Skips (77) only without PostgreSQL binaries.
set -u
. "$(dirname "$0")/synclib.sh"
pg_start
network_setup "Kiosk"
W=$PGT_WORK DB=$W/site.db

"$SEED" "$DB" 20 $((T0 - 20 * DAY)) 3600 >"$W/codes" || die "seeding failed"
ik --db "$DB" sync --to "$URL_1" || die "the first sync failed: $(err)"
sqlite3 "$DB" ".backup '$W/backup.db'" || die "sqlite3 .backup failed"

# --- the copy that is lost: more changes, synced ---
x=$(sed -n 1p "$W/codes") y=$(sed -n 2p "$W/codes") gone=$(sed -n 3p "$W/codes")
for c in $(sed -n 1,12p "$W/codes"); do
  ik --db "$DB" outcome "$c" contact_gelegd --role infolijn || die "outcome $c failed: $(err)"
done
ik --db "$DB" delete "$gone" >/dev/null || die "delete failed: $(err)"
"$SEED" "$DB" 3 $((T0 - DAY)) 60 >"$W/lost.codes" || die "seeding failed"
ik --db "$DB" sync --to "$URL_1" || die "the second sync failed: $(err)"
lost_max=$(q "SELECT max_rev FROM infokaart.site WHERE role = '$ROLE_1'")

# --- the backup is put back, and used ---
rm -f "$DB" "$DB-wal" "$DB-shm" && cp "$W/backup.db" "$DB" || die "could not restore the backup"
[ "$(lsq "$DB" "SELECT rev FROM sync_state")" -lt "$lost_max" ] ||
  die "setup: the backup's counter should be below what the lost copy pushed"
INFOKAART_NOW=$((T0 + 3600)) ik --db "$DB" outcome "$x" afgerond --role huisarts || say "outcome $x failed: $(err)"
INFOKAART_NOW=$((T0 + 3600)) ik --db "$DB" outcome "$y" gestart --role winkel --djg ja,nee,ja,nee,ja,nee ||
  say "outcome $y failed: $(err)"
# Retention: the notes of the referrals older than 15 days go (a shorter period, given now).
INFOKAART_NOW=$((T0 + 3600)) ik --db "$DB" purge --days 15 >/dev/null || say "purge failed: $(err)"
shredded=$(lsq "$DB" "SELECT count(*) FROM referral WHERE note IS NULL")
[ "$shredded" -gt 0 ] || die "setup: purge --days 15 shredded nothing"
ik --db "$DB" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "the sync after the restore should exit 0, got $rc: $(err)"
grep -q 'teruggezet of gekopieerd' "$W/out" || say "the sync should say the database was restored or copied: $(out)"

# --- the central store has the new changes ---
xu=$(lsq "$DB" "SELECT uuid FROM referral WHERE case_code = '$x'")
yu=$(lsq "$DB" "SELECT uuid FROM referral WHERE case_code = '$y'")
[ "$(q "SELECT status FROM infokaart.referral WHERE id = '$xu'")" = afgerond ] ||
  say "the new status of $x did not reach the central store: $(q "SELECT status, rev FROM infokaart.referral WHERE id = '$xu'")"
[ "$(q "SELECT status FROM infokaart.referral WHERE id = '$yu'")" = gestart ] || say "the new status of $y did not reach the central store"
[ "$(q "SELECT count(*) FROM infokaart.referral_status WHERE referral_id = '$yu' AND status = 'gestart' AND role = 'winkel'")" = 1 ] ||
  say "the new history row of $y is not there once"
[ "$(q "SELECT count(*) FROM infokaart.djg_score WHERE referral_id = '$yu' AND at = to_timestamp($((T0 + 3600)))")" = 1 ] ||
  say "the new score of $y did not travel"
shredded=$(lsq "$DB" "SELECT count(*) FROM referral WHERE note IS NULL")
codes=$(lsq "$DB" "SELECT group_concat(quote(case_code)) FROM referral")
[ "$(q "SELECT count(*) FROM infokaart.referral WHERE note IS NULL AND case_code IN ($codes)")" = "$shredded" ] ||
  say "the notes shredded after the restore are not shredded centrally ($shredded locally)"
# Every row of the restored database is central as it is here; the erased case stays erased,
# and what only the lost copy sent (its three new referrals) stays too.
site=$(site_of "$DB")
for t in referral status djg; do
  local_rows "$DB" $t >"$W/l.$t"
  central_rows "$site" $t >"$W/c.$t"
  [ -z "$(comm -23 "$W/l.$t" "$W/c.$t")" ] ||
    { say "$t rows of the restored database differ centrally:"; comm -23 "$W/l.$t" "$W/c.$t" | head -4 | cut -c1-200; }
done
[ "$(q "SELECT count(*) FROM infokaart.referral WHERE case_code = '$gone'")" = 0 ] || say "the erased case $gone came back"
[ "$(lsq "$DB" "SELECT count(*) FROM referral WHERE case_code = '$gone'")" = 0 ] ||
  say "the case $gone, erased before the backup was put back, should be erased again here"
for c in $(cat "$W/lost.codes"); do
  [ "$(q "SELECT count(*) FROM infokaart.referral WHERE case_code = '$c'")" = 1 ] || say "the lost copy's referral $c went"
done

# --- and from now on it is the copy that pushed last: no notice, nothing left ---
ik --db "$DB" outcome "$x" contact_gelegd --role huisarts >/dev/null || say "outcome failed: $(err)"
ik --db "$DB" sync --to "$URL_1" || say "the next sync failed: $(err)"
grep -q 'teruggezet' "$W/out" && say "the next sync should not speak of a restore: $(out)"
[ "$(q "SELECT status FROM infokaart.referral WHERE id = '$xu'")" = contact_gelegd ] || say "the next change of $x did not travel"
[ "$(unsent "$DB")" = 0 ] || say "nothing should be left unsent"

pgt_done "a restored backup: the new changes reach the central store"
