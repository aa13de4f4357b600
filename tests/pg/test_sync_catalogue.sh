#!/bin/bash
# test_sync_catalogue.sh INFOKAART SEED PYTHON3: the coordinator publishes a catalogue
# centrally; the same text again makes no new version and invalid content is not published; a
# site's sync pulls the newest version, and every command that loads content then uses it
# (suggest shows a changed title). A bad catalogue put on the server (an unknown profile; a
# JSON syntax error) is refused with the loader's FILE:LINE:COL diagnostics, the site keeps
# the version it had, its records are still pushed, and it does not fetch that version again.
# Only a coordinator publishes, after the checks `check` makes (training cases too), and
# nothing over 4 MiB is published or fetched. A good version after all that is taken.
set -u
. "$(dirname "$0")/synclib.sh"
pg_start
network_setup "Locatie"
W=$PGT_WORK DB=$W/site.db
answers=${INFOKAART_TEST_DATA:?set by tests/meson.build}/scenarios/weduwe_overvecht.json
[ -f "$answers" ] || die "missing $answers"

# The name suggest shows for handjehelpen with database $1.
title() {
  "$IK" --db "$1" suggest --answers "$answers" --json 2>"$W/err.suggest" |
    "$PY" -c 'import json, sys; print([s["name"] for s in json.load(sys.stdin)["suggestions"] if s["id"] == "handjehelpen"][0])'
}
versions() { q "SELECT count(*) FROM infokaart.catalogue"; }

# A copy of the content with handjehelpen renamed: what the coordinator publishes.
new_title="Handjehelpen (centraal $$)"
cp -r "$INFOKAART_CONTENT" "$W/v1"
"$PY" - "$W/v1/activities.json" "$new_title" <<'PY' || die "could not rename handjehelpen"
import sys
p, new = sys.argv[1], sys.argv[2]
t = open(p, encoding="utf-8").read()
old = '"name": "Handjehelpen",'
assert t.count(old) == 1, "the name line is not unique"
open(p, "w", encoding="utf-8").write(t.replace(old, '"name": "%s",' % new))
PY
"$IK" check "$W/v1" >/dev/null || die "setup: the renamed copy does not pass check"
"$SEED" "$DB" 12 $((T0 - 10 * DAY)) 3600 >/dev/null || die "seeding failed"
old_title=$(title "$DB")
[ "$old_title" = Handjehelpen ] || die "setup: suggest shows '$old_title' for handjehelpen: $(cat "$W/err.suggest")"

# --- publish ---
ik --content "$W/v1" catalogue publish --to "$URL_C"; rc=$?
[ $rc -eq 0 ] || say "catalogue publish should exit 0, got $rc: $(err)"
grep -q 'versie 1\b' "$W/out" || say "publish should name version 1: $(out)"
[ "$(versions)" = 1 ] || say "one version should be stored, found $(versions)"
[ "$(q "SELECT md5(activities) FROM infokaart.catalogue WHERE version = 1")" = "$(md5sum <"$W/v1/activities.json" | cut -d' ' -f1)" ] ||
  say "the stored version 1 is not the published activities.json"
ik --content "$W/v1" catalogue publish --to "$URL_C"; rc=$?
[ $rc -eq 0 ] || say "publishing the same text again should exit 0, got $rc: $(err)"
[ "$(versions)" = 1 ] || say "publishing the same text again made a new version"
grep -q 'versie 2' "$W/out" && say "publishing the same text again speaks of version 2: $(out)"
# Invalid content: refused with the diagnostics of check, nothing published.
cp -r "$W/v1" "$W/broken"
sed -i 's/"name": "'"$new_title"'",/"name": "'"$new_title"'"/' "$W/broken/activities.json"
"$IK" check "$W/broken" >"$W/check.broken" 2>&1 && die "setup: the broken copy passes check"
ik --content "$W/broken" catalogue publish --to "$URL_C"; rc=$?
[ $rc -eq 1 ] || say "publishing invalid content should exit 1, got $rc"
diag=$(grep -m1 -o ':[0-9]*:[0-9]*: .*' "$W/check.broken")
grep -q -F -- "$diag" "$W/out" "$W/err" || say "publishing invalid content should give check's diagnostic '$diag': $(out) $(err)"
[ "$(versions)" = 1 ] || say "invalid content was published"
# A folder that loads but that check rejects (a training case names an activity the catalogue
# lacks, so training would fail at every site) is not published either.
cp -r "$INFOKAART_CONTENT" "$W/notrain"
"$PY" - "$W/notrain/activities.json" <<'PY' || die "could not drop an activity"
import json, sys
p = sys.argv[1]
d = json.load(open(p, encoding="utf-8"))
d["activities"] = [a for a in d["activities"] if a["id"] != "appeltaartconcerten"]
json.dump(d, open(p, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
"$IK" check "$W/notrain" >"$W/check.notrain" 2>&1 && die "setup: check accepts the folder without appeltaartconcerten"
ik --content "$W/notrain" catalogue publish --to "$URL_C"; rc=$?
[ $rc -eq 1 ] || say "publishing a folder check rejects should exit 1, got $rc"
grep -q 'training/.*appeltaartconcerten' "$W/err" || say "publish should give check's training diagnostic: $(err)"
[ "$(versions)" = 1 ] || say "a folder check rejects was published"
# Larger than a site takes: refused before it goes out, here and on the server.
cp -r "$W/v1" "$W/huge"
"$PY" - "$W/huge/activities.json" <<'PY' || die "could not pad the catalogue"
import sys
p = sys.argv[1]
t = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(t.replace('"_comment": "', '"_comment": "' + "x" * 4200000, 1))
PY
ik --content "$W/huge" catalogue publish --to "$URL_C"; rc=$?
[ $rc -eq 1 ] || say "publishing a catalogue over 4 MiB should exit 1, got $rc: $(out)"
grep -q "bytes, meer dan de 4194304 die een site aanneemt" "$W/err" ||
  say "publishing a catalogue over 4 MiB should say its size: $(err)"
qas "$ROLE_C" "SELECT * FROM infokaart.catalogue_publish(repeat('x', 4194305))" >/dev/null 2>&1 &&
  say "the server took a catalogue over 4 MiB"
[ "$(versions)" = 1 ] || say "a catalogue over 4 MiB was published"

# --- a site pulls it ---
ik --db "$DB" sync --status
grep -q '^Catalogus: meegeleverd' "$W/out" || say "before the pull the bundled catalogue is in use: $(out)"
ik --db "$DB" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "the sync that pulls version 1 should exit 0, got $rc: $(err)"
ik --db "$DB" sync --status
grep -q '^Catalogus: centrale versie 1\b' "$W/out" || say "the status should say 'Catalogus: centrale versie 1': $(out)"
cmp -s "$DB-catalogue.json" "$W/v1/activities.json" || say "the catalogue kept next to the database is not version 1"
[ "$(title "$DB")" = "$new_title" ] || say "after the pull suggest should show '$new_title', shows '$(title "$DB")'"
same_as_central "$DB" "after the pull"
# Another database without a pull keeps the bundled catalogue.
"$SEED" "$W/other.db" 1 "$T0" 60 >/dev/null
[ "$(title "$W/other.db")" = Handjehelpen ] || say "a database that never pulled should keep the bundled catalogue"

# --- bad catalogues on the server are refused; the site keeps version 1 ---
# $1: a file whose text is stored as the next version, as if a broken (or newer) program
# published it. Prints the version.
put_version() {
  grep -q -F '$pgtest$' "$1" && die "setup: the text holds the quote tag"
  { printf '%s' "INSERT INTO infokaart.catalogue (published_at, published_by, activities) VALUES (now(), 'pgtest', \$pgtest\$"
    cat "$1"
    printf '%s\n' "\$pgtest\$) RETURNING version;"; } | "$PGT_BIN/psql" -XAtq -v ON_ERROR_STOP=1 "$PG_URL"
}
# $1: a file with the catalogue text; $2 its name. Syncs and checks the refusal against the
# diagnostic check gives for the same text.
refused() {
  local file=$1 what=$2 v diag
  v=$(put_version "$file") || { say "could not store $what"; return; }
  [ "$(q "SELECT md5(activities) FROM infokaart.catalogue WHERE version = $v")" = "$(md5sum <"$file" | cut -d' ' -f1)" ] ||
    say "setup: $what was not stored as it is"
  rm -rf "$W/bad" && cp -r "$INFOKAART_CONTENT" "$W/bad" && cp "$file" "$W/bad/activities.json"
  "$IK" check "$W/bad" >"$W/check.bad" 2>&1 && { say "setup: check accepts $what"; return; }
  diag=$(grep -m1 -o ':[0-9]*:[0-9]*: .*' "$W/check.bad")
  "$SEED" "$DB" 2 "$T0" 60 >/dev/null || die "seeding failed"
  ik --db "$DB" sync --to "$URL_1"; rc=$?
  [ $rc -eq 1 ] || say "a sync meeting $what (version $v) should exit 1, got $rc: $(err)"
  grep -q 'geweigerd' "$W/err" || say "the refusal of $what should say 'geweigerd': $(err)"
  grep -q -F -- "$diag" "$W/err" || say "the refusal of $what should give the loader's '$diag': $(err)"
  grep -q -E '^[^ ]+:[0-9]+:[0-9]+: ' "$W/err" || say "the refusal of $what has no FILE:LINE:COL line: $(err)"
  same_as_central "$DB" "records pushed although $what was refused"
  ik --db "$DB" sync --status
  grep -q '^Catalogus: centrale versie 1\b' "$W/out" || say "after refusing $what the site should keep version 1: $(out)"
  cmp -s "$DB-catalogue.json" "$W/v1/activities.json" || say "refusing $what changed the kept catalogue"
  [ "$(title "$DB")" = "$new_title" ] || say "after refusing $what suggest should still show version 1's title"
}
"$PY" - "$W/v1/activities.json" "$W/unknown.json" <<'PY' || die "could not write the catalogue with an unknown profile"
import sys
t = open(sys.argv[1], encoding="utf-8").read()
i = t.index('"id": "handjehelpen"'); j = t.index('"profiles": [', i) + len('"profiles": [')
open(sys.argv[2], "w", encoding="utf-8").write(t[:j] + '\n        "bestaat_niet",' + t[j:])
PY
refused "$W/unknown.json" "a catalogue with an unknown profile"
sed '0,/"name": "'"$new_title"'",/s//"name": "'"$new_title"'"/' "$W/v1/activities.json" >"$W/syntax.json"
refused "$W/syntax.json" "a catalogue with a JSON syntax error"

# --- a refused version is not fetched again; one larger than a site takes is not fetched ---
ik --db "$DB" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "a sync after a refusal should not fetch the refused version again, got $rc: $(err)"
grep -q 'geweigerd' "$W/err" && say "the refused version was fetched and refused again: $(err)"
grep -q 'centrale versie [0-9]* is hier geweigerd' <("$IK" --db "$DB" sync --status) ||
  say "the status should name the refused version"
head -c 4300000 /dev/zero | tr '\0' 'x' >"$W/huge.json"
rm -f "$DB-catalogue-new.json"
v=$(put_version "$W/huge.json") || say "could not store the huge version"
ik --db "$DB" sync --to "$URL_1"; rc=$?
[ $rc -eq 1 ] || say "a sync meeting a catalogue over 4 MiB should exit 1, got $rc"
grep -q 'niet opgehaald' "$W/err" || say "the refusal should say the catalogue was not fetched: $(err)"
[ -e "$DB-catalogue-new.json" ] && say "the huge catalogue was written to disk"
ik --db "$DB" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "the next sync should not try the huge version again, got $rc: $(err)"
cmp -s "$DB-catalogue.json" "$W/v1/activities.json" || say "the huge version changed the kept catalogue"

# --- a good version after the bad ones is taken ---
ik --content "$INFOKAART_CONTENT" catalogue publish --to "$URL_C"; rc=$?
[ $rc -eq 0 ] || say "publishing the bundled content should exit 0, got $rc: $(err)"
newest=$(q "SELECT max(version) FROM infokaart.catalogue")
grep -q "versie $newest\b" "$W/out" || say "publish should name version $newest: $(out)"
ik --db "$DB" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "the sync that pulls version $newest should exit 0, got $rc: $(err)"
ik --db "$DB" sync --status
grep -q "^Catalogus: centrale versie $newest\b" "$W/out" || say "the status should say 'centrale versie $newest': $(out)"
[ "$(title "$DB")" = Handjehelpen ] || say "after version $newest suggest should show the bundled title again"

pgt_done "catalogue publish, pull, refusal"
