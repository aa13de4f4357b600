#!/bin/bash
# test_sync_network.sh INFOKAART SEED PYTHON3: the network as a coordinator runs it. `central
# init` can run again; the credentials `central add-site` prints work with a password (SCRAM);
# a sync without a name keeps the site's name, and a quiet kiosk's attempts are seen
# centrally; one bad row (invalid UTF-8, too long, a date the server refuses) is refused and
# reported while the rest goes on; the coordinator erases a case in the whole network, and the
# site's copy goes at its next sync; central retention deletes old notes, and an old copy does
# not bring them back; the server's text reaches stderr without control characters. Skips (77)
# only without PostgreSQL binaries.
set -u
. "$(dirname "$0")/synclib.sh"
pg_start
network_setup "Kiosk Één" "Balie"
W=$PGT_WORK A=$PGT_WORK/a.db B=$PGT_WORK/b.db

# --- a database without the schema, told in the run's language ---
q "CREATE DATABASE bare" || die "CREATE DATABASE bare failed"
ik --lang en central sites --to "${PG_URL%/central}/bare"; rc=$?
[ $rc -eq 1 ] || say "central sites on a database without the schema should fail (exit 1), got $rc"
grep -q 'has not been set up yet; the coordinator does that with: infokaart central init. \[schema infokaart is missing\]' "$W/err" ||
  say "a database without the schema should be told in English: $(err)"

# --- init again: nothing breaks, the sites stay ---
ik central init --to "$PG_URL" || say "central init a second time should work: $(err)"
[ "$(q "SELECT count(*) FROM infokaart.site")" = 2 ] || say "init again lost or added sites"
ik central init --to "$URL_1"; rc=$?
[ $rc -eq 1 ] || say "central init as a site should fail (exit 1), got $rc"

# --- the printed password works, with the server asking for it ---
printf 'host all %s 127.0.0.1/32 scram-sha-256\nlocal all all trust\nhost all all 127.0.0.1/32 trust\n' "$ROLE_1" \
  >"$PGT_DIR/data/pg_hba.conf"
pgt_as_owner "$PGT_BIN/pg_ctl" reload -D "$PGT_DIR/data" >/dev/null || die "reload failed"
sleep 0.5
"$SEED" "$A" 8 $((T0 - 200 * DAY)) $((20 * DAY)) >"$W/a.codes" || die "seeding failed"
PGPASSFILE=/dev/null ik --db "$A" sync --to "$URL_1"; rc=$?
[ $rc -eq 1 ] || say "a sync without the password should fail, got $rc: $(out)"
printf '127.0.0.1:%s:central:%s:%s\n' "$PG_PORT" "$ROLE_1" "$PASS_1" >"$W/pgpass"
chmod 600 "$W/pgpass"
PGPASSFILE=$W/pgpass ik --db "$A" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "a sync with the printed ~/.pgpass line should work, got $rc: $(err)"
printf '127.0.0.1:%s:central:%s:%s\n' "$PG_PORT" "$ROLE_1" "niet-$PASS_1" >"$W/pgpass.bad"
chmod 600 "$W/pgpass.bad"
PGPASSFILE=$W/pgpass.bad ik --db "$A" sync --to "$URL_1"; rc=$?
[ $rc -eq 1 ] || say "a sync with a wrong password should fail, got $rc"
grep -q -F "$PASS_1" "$W/out" "$W/err" && say "the password shows in the output"
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$PGT_DIR/data/pg_hba.conf"
pgt_as_owner "$PGT_BIN/pg_ctl" reload -D "$PGT_DIR/data" >/dev/null || die "reload failed"
sleep 0.5

# --- the name stays without --site-name; every attempt is seen, also with nothing to send ---
[ "$(q "SELECT name FROM infokaart.site WHERE role = '$ROLE_1'")" = "Kiosk Één" ] ||
  say "a sync without a name blanked the site's name: '$(q "SELECT name FROM infokaart.site WHERE role = '$ROLE_1'")'"
q "UPDATE infokaart.site SET last_seen = now() - interval '3 days', last_sync = now() - interval '3 days' WHERE role = '$ROLE_1'"
ik --db "$A" sync --to "$URL_1" || say "a sync with nothing to send failed: $(err)"
[ "$(q "SELECT last_seen > now() - interval '1 minute' FROM infokaart.site WHERE role = '$ROLE_1'")" = t ] ||
  say "a quiet kiosk's sync is not seen centrally (last_seen)"
[ "$(q "SELECT last_sync < now() - interval '1 day' FROM infokaart.site WHERE role = '$ROLE_1'")" = t ] ||
  say "last_sync should stay the time changes last arrived"
ik central sites --to "$URL_C"; rc=$?
[ $rc -eq 0 ] || say "central sites should work for the coordinator, got $rc: $(err)"
grep -q "^Kiosk Één ($ROLE_1): laatste poging 20[0-9-]* [0-9:]*, laatste wijzigingen 20" "$W/out" ||
  say "central sites should show the quiet kiosk's last attempt: $(out)"
grep -q "^Balie ($ROLE_2): laatste poging nog nooit" "$W/out" || say "central sites should show a site that never synced: $(out)"
ik central sites --to "$URL_1"; rc=$?
[ $rc -ne 0 ] || say "a site could list the sites"
ik --db "$A" sync --to "$URL_1" --site-name "Kiosk Overvecht" || say "sync --site-name failed: $(err)"
[ "$(q "SELECT name FROM infokaart.site WHERE role = '$ROLE_1'")" = "Kiosk Overvecht" ] || say "--site-name did not rename the site"

# --- a database bound to one site does not sync as another ---
ik --db "$A" sync --to "$URL_2"; rc=$?
[ $rc -eq 1 ] || say "a's database synced with b's login should fail, got $rc: $(out)"
grep -q "hoort bij site $(site_of "$A")" "$W/err" || say "the refusal should name the database's own site: $(err)"

# --- one bad row does not hold up the rest ---
"$SEED" "$B" 10 $((T0 - 5 * DAY)) 3600 >"$W/b.codes" || die "seeding failed"
bad_utf8=$(sed -n 2p "$W/b.codes") too_long=$(sed -n 4p "$W/b.codes") bad_date=$(sed -n 6p "$W/b.codes")
wide_role=$(sed -n 8p "$W/b.codes")
sqlite3 "$B" "UPDATE referral SET note = CAST(X'4F6D61C3' || X'2820' AS TEXT) WHERE case_code = '$bad_utf8';
  UPDATE referral SET note = printf('%.9000c', 'x') WHERE case_code = '$too_long';
  UPDATE referral SET followup_date = '2025-02-30' WHERE case_code = '$bad_date';
  UPDATE referral SET role = printf('%.300c', 'r') WHERE case_code = '$wide_role';" || die "could not spoil b's rows"
INFOKAART_SYNC_BATCH=4 ik --db "$B" sync --to "$URL_2"; rc=$?
[ $rc -eq 1 ] || say "a sync with refused rows should exit 1 (and say so), got $rc: $(out)"
grep -q 'geweigerd' "$W/err" || say "the sync should say rows were refused: $(err)"
grep -q '^Gesynchroniseerd' "$W/out" || say "the rest should be synchronised: $(out)"
for c in $(cat "$W/b.codes"); do
  case $c in "$bad_utf8" | "$too_long" | "$bad_date" | "$wide_role")
    [ "$(q "SELECT count(*) FROM infokaart.referral WHERE case_code = '$c'")" = 0 ] || say "the bad row $c was stored centrally" ;;
  *) [ "$(q "SELECT count(*) FROM infokaart.referral WHERE case_code = '$c'")" = 1 ] || say "the good row $c did not arrive" ;;
  esac
done
[ "$(unsent "$B")" = 0 ] || say "the refused rows should not stay unsent: $(unsent "$B")"
ik --db "$B" sync --status
grep -q '^Geweigerd door de centrale database: 4 wijzigingen' "$W/out" || say "the status should count the 4 refused rows: $(out)"
ik --lang en --db "$B" sync --status
grep -q '^Refused by the central database: 4 changes (the latest: [A-Z0-9-]*: [a-z]' "$W/out" ||
  say "the status in English should count the 4 refused rows: $(out)"
grep -E -q ' (een|geen|de|te) ' "$W/out" && say "the status in English has Dutch in it: $(out)"
ik --db "$B" sync --to "$URL_2"; rc=$?
[ $rc -eq 0 ] || say "the next sync should end well, got $rc: $(err)"
# Mended, the row travels and leaves the list.
sqlite3 "$B" "UPDATE referral SET followup_date = '2025-03-01' WHERE case_code = '$bad_date'" || die "could not mend"
ik --db "$B" sync --to "$URL_2" || say "the sync after mending failed: $(err)"
[ "$(q "SELECT followup_date FROM infokaart.referral WHERE case_code = '$bad_date'")" = 2025-03-01 ] || say "the mended row did not travel"
ik --db "$B" sync --status
grep -q '^Geweigerd door de centrale database: 3 wijzigingen' "$W/out" || say "the mended row should leave the refused list: $(out)"

# --- the coordinator erases a case in the whole network ---
victim=$(sed -n 3p "$W/a.codes")
printf 'sync_url = %s\n' "$URL_2" >"$W/b.config"
ik --config "$W/b.config" --db "$B" delete "$victim"; rc=$?
[ $rc -eq 1 ] || say "delete of another site's case should find nothing here, got $rc"
grep -q 'central erase' "$W/err" || say "delete of an unknown code should name the coordinator's central erase: $(err)"
sqlite3 "$A" ".backup '$W/a-old.db'" || die "backup failed"
ik central erase "$victim" --to "$URL_2"; rc=$?
[ $rc -ne 0 ] || say "a site could erase in the whole network"
ik central erase "$victim" --to "$URL_C"; rc=$?
[ $rc -eq 0 ] || say "central erase as the coordinator should work, got $rc: $(err)"
grep -q '1 verwijzing' "$W/out" || say "central erase should count what it erased: $(out)"
[ "$(q "SELECT count(*) FROM infokaart.referral WHERE case_code = '$victim'")" = 0 ] || say "the case is still central"
ik --db "$A" sync --to "$URL_1" || say "site a's sync after the erasure failed: $(err)"
[ "$(lsq "$A" "SELECT count(*) FROM referral WHERE case_code = '$victim'")" = 0 ] || say "site a kept its copy of the erased case"
grep -q 'Gewist' "$W/out" || say "site a's sync should say what it erased: $(out)"
ik central erase "$victim" --to "$URL_C"; rc=$?
[ $rc -eq 1 ] || say "erasing it again should find nothing (exit 1), got $rc"

# --- central retention; an old copy does not bring the notes back ---
ik central purge --days 30 --to "$URL_C"; rc=$?
[ $rc -eq 0 ] || say "central purge should work, got $rc: $(err)"
[ "$(q "SELECT count(*) FROM infokaart.referral WHERE note IS NOT NULL AND coalesce(note_set_at, created_at) < to_timestamp($((T0 - 30 * DAY)))")" = 0 ] ||
  say "central purge left old notes"
[ "$(q "SELECT count(*) FROM infokaart.referral WHERE note IS NOT NULL")" -gt 0 ] || say "central purge took recent notes too"
ik central purge --to "$URL_1"; rc=$?
[ $rc -ne 0 ] || say "a site could purge centrally"
sqlite3 "$W/a-old.db" "UPDATE sync_state SET pushed_rev = 0" || die "could not reset"
INFOKAART_NOW=$((T0 - 100 * DAY)) ik --db "$W/a-old.db" sync --to "$URL_1" || say "the old copy's sync failed: $(err)"
[ "$(q "SELECT count(*) FROM infokaart.referral WHERE note IS NOT NULL AND coalesce(note_set_at, created_at) < to_timestamp($((T0 - 30 * DAY)))")" = 0 ] ||
  say "an old copy brought centrally purged notes back"
[ "$(q "SELECT count(*) FROM infokaart.referral WHERE case_code = '$victim'")" = 0 ] || say "an old copy brought the erased case back"

# --- the server's words reach a terminal (or a journal) without their control characters ---
evil=$(printf 'evil\033]0;x\007\302\233')
q "CREATE ROLE \"$evil\" LOGIN IN ROLE infokaart_site" || die "could not make the role"
ik --db "$W/evil.db" sync --to "postgresql://evil%1B%5D0%3Bx%07%C2%9B@127.0.0.1:$PG_PORT/central"; rc=$?
[ $rc -eq 1 ] || say "a sync as a role without a site should fail, got $rc"
grep -q 'geen site' "$W/err" || say "the server's reason should show: $(err)"
LC_ALL=C grep -q "$(printf '[\033\007]\|\302[\200-\237]')" "$W/err" "$W/out" &&
  say "control characters of the server's text reached stderr: $(od -c "$W/err" | head -5)"

pgt_done "init, credentials, names, bad rows, network-wide erasure, central retention, safe messages"
