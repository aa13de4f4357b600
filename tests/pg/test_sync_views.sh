#!/bin/bash
# test_sync_views.sh INFOKAART SEED PYTHON3: the central store as BI tools read it. `central
# init` fills the label tables from the content (and the program's statuses, in Dutch and
# English); a referral whose id no label names yet is pushed all the same and shows its id; a
# reader (`central add-reader`) selects every view and label table but never a note or a case
# code, and writes nothing; the views' numbers equal `stats --from`, and followups_due equals
# each site's own `followups`; stats --from has a series per site (a quiet site with 0);
# every row names a known site (foreign keys); every table, view and table column carries a
# comment; `catalogue publish` updates the labels (an id the content dropped keeps its name
# and loses its position), in the transaction of the catalogue, and on a server set up before
# the labels it says to run `central init`. Skips (77) only without PostgreSQL binaries.
set -u
. "$(dirname "$0")/synclib.sh"
pg_start
network_setup "Kiosk Één" "Balie" "Stille kiosk"
W=$PGT_WORK A=$PGT_WORK/a.db B=$PGT_WORK/b.db
ik central add-reader "BI Metabase" --to "$PG_URL"; rc=$?
[ $rc -eq 0 ] || die "central add-reader should exit 0, got $rc: $(err)"
READER=$(sed -n 's#^ *postgresql://\([^@]*\)@.*#\1#p' "$W/out")
[ "$READER" = ik_reader_bi_metabase ] || say "add-reader should print the reader's address with its role: $(out)"
grep -q "^ *[^ ]*:[0-9]*:central:$READER:[A-Za-z0-9]\{32\}\$" "$W/out" || say "add-reader should print a ~/.pgpass line: $(out)"

# --- labels from the content and the program (init filled them) ---
"$PY" - "$INFOKAART_CONTENT" >"$W/labels.content" <<'PY' || die "could not read the content's labels"
import json, sys
d = sys.argv[1]
q = {x["id"]: x for x in json.load(open(d + "/infokaart.json", encoding="utf-8"))["questions"]}
for i, p in enumerate(json.load(open(d + "/profiles.json", encoding="utf-8"))["profiles"], 1):
    print("profile|%s|%s|%s|%d" % (p["id"], p["name"]["nl"], p["name"]["en"], i))
for kind, qid in (("wijk", "wijk"), ("role", "role")):
    for i, o in enumerate(q[qid]["options"], 1):
        print("%s|%s|%s|%s|%d" % (kind, o["id"], o["text"]["nl"], o["text"]["en"], i))
for i, a in enumerate(json.load(open(d + "/activities.json", encoding="utf-8"))["activities"], 1):
    print("activity|%s|%s|%s|%d" % (a["id"], a["name"], a["organization"], i))
PY
q "SELECT 'profile', id, name, name_en, position FROM infokaart.label_profile
   UNION ALL SELECT 'wijk', id, name, name_en, position FROM infokaart.label_wijk
   UNION ALL SELECT 'role', id, name, name_en, position FROM infokaart.label_role
   UNION ALL SELECT 'activity', id, name, organization, position FROM infokaart.label_activity" |
  LC_ALL=C sort >"$W/labels.central"
LC_ALL=C sort "$W/labels.content" | cmp -s - "$W/labels.central" ||
  { say "the label tables are not the content's names:"; LC_ALL=C sort "$W/labels.content" | diff - "$W/labels.central" | head -6; }
[ "$(q "SELECT string_agg(id || ':' || final, ',' ORDER BY position) FROM infokaart.label_status")" = \
  "verwezen:false,contact_gelegd:false,gestart:false,niet_bereikt:true,past_niet:true,geen_plek:true,wil_niet_meer:true,afgerond:true" ] ||
  say "label_status should hold the program's statuses in order, the final ones marked: $(q "SELECT * FROM infokaart.label_status")"

# --- two sites sync; a profile no label names yet does not stop a push ---
"$SEED" "$A" 24 $((T0 - 120 * DAY)) $((5 * DAY)) >"$W/a.codes" || die "seeding failed"
"$SEED" "$B" 9 $((T0 - 40 * DAY)) $((4 * DAY)) >"$W/b.codes" || die "seeding failed"
newp=$(sed -n 5p "$W/a.codes")
sqlite3 "$A" "UPDATE referral SET profile = 'nog_geen_label' WHERE case_code = '$newp'" || die "could not change a profile"
ik --db "$A" sync --to "$URL_1"; rc=$?
[ $rc -eq 0 ] || say "a sync with a profile no label names should exit 0, got $rc: $(err)"
ik --db "$B" sync --to "$URL_2" || say "site b's sync failed: $(err)"
[ "$(q "SELECT profile_name FROM infokaart.referral_overview o JOIN infokaart.referral r ON r.id = o.referral_id
        WHERE r.case_code = '$newp'")" = nog_geen_label ] || say "a profile without a label should show its id in referral_overview"
[ "$(q "SELECT profile_name || '|' || profile_name_en FROM infokaart.referral_overview WHERE profile = 'vangnet' LIMIT 1")" = \
  "$(grep '^profile|vangnet|' "$W/labels.content" | cut -d'|' -f3,4)" ] || say "referral_overview should name the profile vangnet as the content does"

# The status names are the program's: what stats shows in each language.
for lang in nl en; do
  "$IK" --lang $lang stats --from "$URL_C" --format json >"$W/stats.$lang.json" 2>"$W/err" || say "stats --from --lang $lang failed: $(err)"
done
col=name
for lang in nl en; do
  "$PY" -c 'import json, sys; [print(s["key"] + "|" + s["name"]) for s in json.load(open(sys.argv[1]))["series"]["status"]]' \
    "$W/stats.$lang.json" | LC_ALL=C sort >"$W/status.stats.$lang"
  [ -s "$W/status.stats.$lang" ] || say "setup: stats shows no statuses"
  q "SELECT id || '|' || $col FROM infokaart.label_status WHERE id IN (SELECT status FROM infokaart.referral)" |
    LC_ALL=C sort >"$W/status.labels.$lang"
  cmp -s "$W/status.stats.$lang" "$W/status.labels.$lang" ||
    { say "label_status.$col differs from the names stats --lang $lang shows:"; diff "$W/status.stats.$lang" "$W/status.labels.$lang" | head -4; }
  col=name_en
done

# --- the reader: every view and label, never a note or a case code, no writing ---
for rel in referral_overview referrals_per_month outcomes_per_activity followups_due \
           label_profile label_wijk label_role label_status label_activity referral_status djg_score; do
  qas "$READER" "SELECT count(*) FROM infokaart.$rel" >/dev/null 2>"$W/err" || say "the reader cannot select $rel: $(err)"
done
qas "$READER" "SELECT * FROM infokaart.referral" >/dev/null 2>&1 && say "the reader selected every column of referral"
for c in note case_code note_set_at note_gone_upto; do
  qas "$READER" "SELECT $c FROM infokaart.referral LIMIT 1" >/dev/null 2>&1 && say "the reader can select referral.$c"
  [ "$(q "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'infokaart' AND column_name = '$c'
          AND table_name IN (SELECT table_name FROM information_schema.views WHERE table_schema = 'infokaart')")" = 0 ] ||
    say "a view has a column $c"
done
[ "$(qas "$READER" "SELECT count(*) FROM infokaart.referral_overview")" = 33 ] || say "the reader should see the 33 referrals in referral_overview"
qas "$READER" "SELECT id, site_id, status, closed_at FROM infokaart.referral LIMIT 1" >/dev/null 2>"$W/err" ||
  say "the reader should select referral's other columns: $(err)"
for t in erasure catalogue meta; do
  qas "$READER" "SELECT 1 FROM infokaart.$t LIMIT 1" >/dev/null 2>&1 && say "the reader can select $t"
done
qas "$READER" "SELECT role FROM infokaart.site LIMIT 1" >/dev/null 2>&1 && say "the reader can select a site's login role"
qas "$READER" "UPDATE infokaart.label_profile SET name = 'x'" >/dev/null 2>&1 && say "the reader can write a label"
qas "$READER" "SELECT infokaart.labels_publish('{}')" >/dev/null 2>&1 && say "the reader can publish labels"
qas "$READER" "SELECT infokaart.purge_notes(0, 1)" >/dev/null 2>&1 && say "the reader can purge notes"
qas "$ROLE_1" "SELECT infokaart.labels_publish('{}')" >/dev/null 2>&1 && say "a site can publish labels"
qas "$ROLE_1" "SELECT count(*) FROM infokaart.referral_overview" >/dev/null 2>&1 && say "a site can read the views"
qas "$ROLE_C" "SELECT count(*) FROM infokaart.referrals_per_month" >/dev/null 2>"$W/err" || say "the coordinator cannot read the views: $(err)"

# --- the views' numbers are the figures of stats --from ---
stats=$W/stats.nl.json
qv() { qas "$READER" "$1"; }
{
  qv "SELECT 'month', month_text, sum(referrals) FROM infokaart.referrals_per_month GROUP BY 2"
  qv "SELECT 'site', site_id, sum(referrals) FROM infokaart.referrals_per_month GROUP BY 2"
  qv "SELECT 'activity', coalesce(activity, ''), sum(referrals) FROM infokaart.outcomes_per_activity GROUP BY 2"
  qv "SELECT 'status', status, sum(referrals) FROM infokaart.outcomes_per_activity GROUP BY 2"
  qv "SELECT 'total', 'referrals', sum(referrals) FROM infokaart.referrals_per_month"
  qv "SELECT 'total', 'started', sum(started) FROM infokaart.referrals_per_month"
  qv "SELECT 'total', 'open', sum(open) FROM infokaart.referrals_per_month"
  qv "SELECT 'total', 'started_by_activity', sum(started) FROM infokaart.outcomes_per_activity"
} | LC_ALL=C sort >"$W/views.figures"
"$PY" - "$stats" <<'PY' | LC_ALL=C sort >"$W/stats.figures"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for k in ("month", "site", "activity", "status"):
    for s in d["series"][k]:
        if s["count"]:  # the views have no rows for quiet months and sites
            print("%s|%s|%d" % (k, s["key"], s["count"]))
for k in ("referrals", "started", "open"):
    print("total|%s|%d" % (k, d[k]))
print("total|started_by_activity|%d" % d["started"])
PY
[ "$(wc -l <"$W/stats.figures")" -ge 15 ] || say "setup: stats --from gave few figures: $(cat "$stats")"
cmp -s "$W/stats.figures" "$W/views.figures" ||
  { say "the views' numbers differ from stats --from (< stats, > views):"; diff "$W/stats.figures" "$W/views.figures" | head -8; }

# followups_due per site equals each machine's own followups on the server's date.
today=$(q "SELECT current_date")
for s in 1:$A 2:$B; do
  n=${s%%:*} db=${s#*:}
  role=ROLE_$n
  local_n=$("$IK" --db "$db" followups --date "$today" --format json 2>/dev/null |
    "$PY" -c 'import json, sys; print(len(json.load(sys.stdin)["referrals"]))')
  view_n=$(qv "SELECT count(*) FROM infokaart.followups_due f JOIN infokaart.site s USING (site_id)
              WHERE s.site_id = '$(site_of "$db")'")
  [ -n "$local_n" ] && [ "$local_n" = "$view_n" ] || say "followups_due of site $n: $view_n, its own followups: ${local_n:-none}"
done
[ "$(qv "SELECT count(*) FROM infokaart.followups_due WHERE days_overdue < 0")" = 0 ] || say "followups_due lists a follow-up still to come"

# --- stats --from per site: every site once by name, the quiet one with 0 ---
"$PY" - "$stats" "$(lsq "$A" "SELECT count(*) FROM referral")" "$(lsq "$B" "SELECT count(*) FROM referral")" <<'PY' ||
import json, sys
s = [(x["name"], x["count"]) for x in json.load(open(sys.argv[1], encoding="utf-8"))["series"]["site"]]
assert s == [("Kiosk Één", int(sys.argv[2])), ("Balie", int(sys.argv[3])), ("Stille kiosk", 0)], s
PY
  say "stats --from should count per site, largest first, the quiet one with 0: $(grep -o '"site":.*' "$stats")"
"$IK" --lang en stats --from "$URL_C" >"$W/stats.en.text" 2>&1 || say "stats --from --lang en (text) failed"
grep -q '^Per site$' "$W/stats.en.text" || say "the English text should have 'Per site': $(tail -5 "$W/stats.en.text")"
grep -q '^Stille kiosk  *0$' "$W/stats.en.text" || say "the text should show the quiet site with 0: $(tail -5 "$W/stats.en.text")"

# --- foreign keys: every row names a known site ---
[ "$(q "SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE contype = 'f'
        AND connamespace = 'infokaart'::regnamespace")" = \
  "djg_score_site_fkey,erasure_site_fkey,referral_site_fkey,referral_status_site_fkey" ] ||
  say "the foreign keys to site are not all there: $(q "SELECT conname FROM pg_constraint WHERE contype = 'f'")"
q "INSERT INTO infokaart.referral (id, site_id, rev, case_code, created_at, created_date, consent, status)
   VALUES (gen_random_uuid(), gen_random_uuid(), 1, 'X', now(), current_date, true, 'verwezen')" >/dev/null 2>&1 &&
  say "a referral of an unknown site was stored"

# --- every table, view and table column is described ---
[ "$(q "SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'infokaart'::regnamespace
        AND c.relkind IN ('r', 'v') AND obj_description(c.oid, 'pg_class') IS NULL")" = 0 ] ||
  say "tables or views without a comment: $(q "SELECT relname FROM pg_class c WHERE relnamespace = 'infokaart'::regnamespace AND relkind IN ('r', 'v') AND obj_description(oid, 'pg_class') IS NULL")"
[ "$(q "SELECT string_agg(c.relname || '.' || a.attname, ' ') FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
        WHERE c.relnamespace = 'infokaart'::regnamespace AND c.relkind = 'r' AND a.attnum > 0
        AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL")" = "" ] ||
  say "table columns without a comment: $(q "SELECT string_agg(c.relname || '.' || a.attname, ' ') FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid WHERE c.relnamespace = 'infokaart'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL")"

# --- publish updates the labels; a dropped id keeps its name, loses its position ---
cp -r "$INFOKAART_CONTENT" "$W/v2"
"$PY" - "$W/v2" <<'PY' || die "could not change the content copy"
import json, sys
d = sys.argv[1]
p = json.load(open(d + "/profiles.json", encoding="utf-8"))
p["profiles"][0]["name"]["nl"] = "Hernoemd profiel"
json.dump(p, open(d + "/profiles.json", "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
"$IK" check "$W/v2" >/dev/null || die "setup: the changed copy does not pass check"
first=$(grep -m1 '^profile|' "$W/labels.content" | cut -d'|' -f2)
before=$(q "SELECT xmin FROM infokaart.label_wijk ORDER BY id LIMIT 1")
ik --content "$W/v2" catalogue publish --to "$URL_C"; rc=$?
[ $rc -eq 0 ] || say "catalogue publish should exit 0, got $rc: $(err)"
grep -q '^Namen voor de overzichten: 8 profielen, 11 wijken, 6 rollen, 8 statussen en [0-9]* activiteiten' "$W/out" ||
  say "publish should say what it named: $(out)"
[ "$(q "SELECT name FROM infokaart.label_profile WHERE id = '$first'")" = "Hernoemd profiel" ] || say "publish did not rename the profile"
[ "$(q "SELECT xmin FROM infokaart.label_wijk ORDER BY id LIMIT 1")" = "$before" ] || say "publish rewrote a label that did not change"
q "INSERT INTO infokaart.label_role (id, name, position) VALUES ('oude_rol', 'Oude rol', 7)" || die "setup: could not add a role"
ik catalogue publish --to "$URL_C" || say "the second publish failed: $(err)"
[ "$(q "SELECT name || '|' || coalesce(position::text, 'none') FROM infokaart.label_role WHERE id = 'oude_rol'")" = "Oude rol|none" ] ||
  say "a role the content no longer has should keep its name and lose its position"
ik catalogue publish --to "$URL_1"; rc=$?
[ $rc -eq 1 ] || say "a site's catalogue publish should fail (exit 1), got $rc"

# --- a server set up before the labels: publish says what to do and publishes nothing ---
q "DROP FUNCTION infokaart.labels_publish(text)" || die "could not drop labels_publish"
versions=$(q "SELECT count(*) FROM infokaart.catalogue")
ik --content "$W/v2" --lang nl catalogue publish --to "$URL_C"; rc=$?
[ $rc -eq 1 ] || say "publish to a server without labels should exit 1, got $rc"
grep -q 'infokaart central init' "$W/err" || say "publish should say to run central init: $(err)"
cp -r "$W/v2" "$W/v3" && sed -i '0,/"name": "Handjehelpen",/s//"name": "Handjehelpen v3",/' "$W/v3/activities.json"
ik --content "$W/v3" catalogue publish --to "$URL_C"
[ "$(q "SELECT count(*) FROM infokaart.catalogue")" = "$versions" ] || say "a publish whose labels failed still stored a catalogue"
ik central init --to "$PG_URL" || say "central init again failed: $(err)"
ik --content "$W/v3" catalogue publish --to "$URL_C" || say "publish after init failed: $(err)"
[ "$(q "SELECT count(*) FROM infokaart.catalogue")" = $((versions + 1)) ] || say "publish after init stored no new version"
qas "$READER" "SELECT count(*) FROM infokaart.referrals_per_month" >/dev/null || say "init again took the reader's rights"

pgt_done "labels, reader, views equal to stats, per-site series, foreign keys, comments, publish"
