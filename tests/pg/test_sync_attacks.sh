#!/bin/bash
# test_sync_attacks.sh INFOKAART SEED PYTHON3: a kiosk is a shared machine, so its password
# will be stolen. With site B's credentials, as psql or as a doctored local database synced by
# the real program, nothing of site A can be read, overwritten or erased, no catalogue can be
# published and no coordinator's function called; site A's central rows stay exactly its own
# local rows, and B's own rows still arrive. Skips (77) only without PostgreSQL binaries.
set -u
. "$(dirname "$0")/synclib.sh"
pg_start
W=$PGT_WORK

network_setup "Locatie A" "Locatie B"
A=$W/a.db B=$W/b.db
"$SEED" "$A" 12 $((T0 - 5 * DAY)) 3600 >"$W/a.codes" || die "seeding a failed"
"$SEED" "$B" 6 $((T0 - 3 * DAY)) 3600 >/dev/null || die "seeding b failed"
ik --db "$A" sync --to "$URL_1" || die "site a's first sync failed: $(err)"
ik --db "$B" sync --to "$URL_2" || die "site b's first sync failed: $(err)"
sa=$(site_of "$A")
victim=$(lsq "$A" "SELECT uuid FROM referral ORDER BY id LIMIT 1")
vcode=$(lsq "$A" "SELECT case_code FROM referral ORDER BY id LIMIT 1")
[ -n "$victim" ] && [ "$(q "SELECT count(*) FROM infokaart.referral WHERE id = '$victim'")" = 1 ] ||
  die "setup: site a's referral is not central"
same_as_central "$A" "setup: site a before the attacks" || die "setup failed"
central_snapshot | grep -v '^sites|' >"$W/before"

# psql as site b: every statement must be refused (exit code and a permission error).
refused_as_b() {
  local what=$1 sql=$2
  if qas "$ROLE_2" "$sql" >"$W/psql.out" 2>"$W/psql.err"; then
    say "site b could $what: $(head -c 200 "$W/psql.out")"
  elif ! grep -q 'permission denied' "$W/psql.err"; then
    say "site b's attempt to $what failed, but not as refused: $(head -c 200 "$W/psql.err")"
  fi
}

# --- reading another site's data ---
refused_as_b "read other sites' notes" "SELECT note FROM infokaart.referral WHERE site_id = '$sa'"
refused_as_b "count every site's referrals" "SELECT count(*) FROM infokaart.referral"
refused_as_b "read other sites' history" "SELECT * FROM infokaart.referral_status"
refused_as_b "read other sites' scores" "SELECT * FROM infokaart.djg_score"
refused_as_b "read the erasures" "SELECT * FROM infokaart.erasure"
refused_as_b "read the list of sites" "SELECT name FROM infokaart.site"

# --- writing into another site's rows, straight in the tables ---
refused_as_b "overwrite another site's note" "UPDATE infokaart.referral SET note = 'overschreven' WHERE id = '$victim'"
refused_as_b "erase another site's referral" "DELETE FROM infokaart.referral WHERE id = '$victim'"
refused_as_b "take over another site's referral" "UPDATE infokaart.referral SET site_id = gen_random_uuid() WHERE id = '$victim'"
refused_as_b "rename another site" "UPDATE infokaart.site SET name = 'overgenomen' WHERE site_id = '$sa'"
refused_as_b "publish a catalogue by INSERT" "INSERT INTO infokaart.catalogue (activities) VALUES ('[]')"

# --- the coordinator's functions ---
refused_as_b "publish a catalogue by function" "SELECT * FROM infokaart.catalogue_publish('[]')"
refused_as_b "erase a case network-wide" "SELECT * FROM infokaart.erase_case('$vcode')"
refused_as_b "purge every site's notes" "SELECT infokaart.purge_notes($T0, 1)"
refused_as_b "add a site" "SELECT infokaart.add_member('ik_site_x', 'x', 'SCRAM-SHA-256\$4096:x')"
refused_as_b "make a role" "CREATE ROLE ik_site_y LOGIN"
refused_as_b "create a table in the network's schema" "CREATE TABLE infokaart.x (a int)"
refused_as_b "create a table in the public schema" "CREATE TABLE public.x (a int)"

# --- the site's own functions, aimed at site a's rows ---
# Each is refused with its reason, and changes nothing (checked at the end).
aimed() {
  local what=$1 sql=$2
  qas "$ROLE_2" "$sql" >"$W/psql.out" 2>"$W/psql.err" || { say "$what: failed instead of refusing: $(cat "$W/psql.err")"; return; }
  grep -q 'hoort bij een andere site' "$W/psql.out" || say "$what: no refusal: $(cat "$W/psql.out")"
}
aimed "push_referral at another site's referral" "SELECT infokaart.push_referral('$victim', '999999',
  'AAA-BBBBB', '$T0', '2025-10-01', 'huisarts', 'vangnet', 'buurtteams', '', '', '', 'false', '', NULL,
  'overschreven', '$T0', 'verwezen', NULL)"
aimed "push_erasure of another site's referral" "SELECT infokaart.push_erasure('$victim', '$T0')"
aimed "push_status on another site's referral" "SELECT infokaart.push_status(gen_random_uuid()::text,
  '$victim', 'afgerond', 'winkel', '$T0')"
aimed "push_djg on another site's referral" "SELECT infokaart.push_djg(gen_random_uuid()::text, '$victim',
  '$T0', '6', '3', '3')"
# The hello names only the caller's own site, whatever it is given.
qas "$ROLE_2" "SELECT site_id FROM infokaart.site_hello('overgenomen')" >"$W/psql.out" 2>&1
[ "$(cat "$W/psql.out")" != "$sa" ] || say "site_hello as b answered with site a's id"
[ "$(q "SELECT name FROM infokaart.site WHERE site_id = '$sa'")" = "Locatie A" ] || say "site a's name changed"

# --- through the program: b's own database doctored to carry site a's UUID ---
nb=$(q "SELECT count(*) FROM infokaart.referral WHERE site_id <> '$sa'")
sqlite3 "$B" "UPDATE referral SET uuid = '$victim', note = 'overschreven door b' WHERE id = 1" ||
  die "could not doctor b's database"
"$SEED" "$B" 2 "$T0" 60 >/dev/null || die "seeding b failed"
ik --db "$B" sync --to "$URL_2"; rc=$?
[ $rc -eq 1 ] || say "b's sync with a row the server refuses should exit 1 (and say so), got $rc: $(err)"
grep -q -i 'geweigerd' "$W/err" || say "b's sync should say a change was refused: $(err)"
# The server's refusal is Dutch, whatever the site's language; an English run shows it in English.
ik --lang en --db "$B" sync --status
grep -q '^Refused by the central database: 1 change (the latest: [A-Z0-9-]*: this referral belongs to another site)' "$W/out" ||
  say "sync --status --lang en should show the refusal in English: $(out)"
grep -q 'hoort bij' "$W/out" && say "sync --status --lang en shows the server's Dutch: $(out)"
[ "$(q "SELECT count(*) FROM infokaart.referral WHERE site_id <> '$sa'")" = $((nb + 2)) ] ||
  say "b's two new referrals should arrive although another row was refused"
# An erasure tombstone for site a's UUID.
sqlite3 "$B" "UPDATE sync_state SET rev = rev + 1;
  INSERT INTO erasure (uuid, at, rev) VALUES ('$victim', $T0, (SELECT rev FROM sync_state));" ||
  die "could not add a tombstone to b's database"
ik --db "$B" sync --to "$URL_2"
# And as the catalogue's publisher.
ik --content "$INFOKAART_CONTENT" catalogue publish --to "$URL_2"; rc=$?
[ $rc -ne 0 ] || say "site b could publish a catalogue: $(out)"

# --- site a is untouched ---
central_snapshot | grep -v '^sites|' >"$W/after"
grep "$sa\|catalogue|" "$W/before" >"$W/before.a"
grep "$sa\|catalogue|" "$W/after" >"$W/after.a"
cmp -s "$W/before.a" "$W/after.a" ||
  { say "site a's central rows (or the catalogue) changed:"; diff "$W/before.a" "$W/after.a" | head -6 | cut -c1-200; }
same_as_central "$A" "site a after site b's attacks"
[ "$(q "SELECT note FROM infokaart.referral WHERE id = '$victim'")" = "$(lsq "$A" "SELECT note FROM referral WHERE uuid = '$victim'")" ] ||
  say "site a's note was overwritten"
[ "$(q "SELECT count(*) FROM infokaart.catalogue")" = 0 ] || say "a catalogue was published by a site"

pgt_done "a stolen site password reaches nothing of another site"
