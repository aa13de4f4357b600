#!/bin/bash
# test_sync_sites.sh INFOKAART SEED PYTHON3: two sites sync at the same moment to a server that
# has never seen either: both succeed, each takes its site id from its login, each site's
# rows are centrally exactly its own local rows, each batch is one transaction, a second round
# writes nothing, two overlapping syncs of one site do no harm, and the network-wide
# statistics are the sum of the two sites' local statistics, with a series per site.
set -u
. "$(dirname "$0")/synclib.sh"
pg_start
network_setup "Locatie A" "Locatie B"
W=$PGT_WORK

"$SEED" "$W/a.db" 300 $((T0 - 80 * DAY)) 20000 >/dev/null || die "seeding a failed"
"$SEED" "$W/b.db" 120 $((T0 - 40 * DAY)) 20000 >/dev/null || die "seeding b failed"
la=$(site_of "$W/a.db") lb=$(site_of "$W/b.db")
[ "$(lsq "$W/a.db" "SELECT count(DISTINCT uuid) FROM referral")" = 300 ] ||
  say "setup: site a's referral uuids are not unique"

na=$(local_pending "$W/a.db") nb=$(local_pending "$W/b.db")
[ "$na" -gt 500 ] || say "setup: site a should have more than one default batch of changes, has $na"
# Both at once: a in batches of the default size (500; it has about 650 changes), b in small
# batches, so their transactions interleave.
"$IK" --db "$W/a.db" sync --to "$URL_1" --site-name "Locatie A" >"$W/a.out" 2>"$W/a.err" &
pa=$!
INFOKAART_SYNC_BATCH=25 "$IK" --db "$W/b.db" sync --to "$URL_2" --site-name "Locatie B" >"$W/b.out" 2>"$W/b.err" &
pb=$!
wait_pid $pa 90; ra=$?
wait_pid $pb 90; rb=$?
[ $ra -eq 0 ] || say "site a's sync should exit 0, got $ra: $(cat "$W/a.err")"
[ $rb -eq 0 ] || say "site b's sync should exit 0, got $rb: $(cat "$W/b.err")"
grep -q '^Gesynchroniseerd:' "$W/a.out" || say "site a printed no 'Gesynchroniseerd:' line: $(cat "$W/a.out")"
sa=$(site_of "$W/a.db") sb=$(site_of "$W/b.db")
[ -n "$sa" ] && [ "$sa" != "$sb" ] || say "two databases should have two different site ids: '$sa' '$sb'"
[ "$sa" = "$(q "SELECT site_id FROM infokaart.site WHERE role = '$ROLE_1'")" ] && [ "$sa" != "$la" ] &&
  [ "$sb" = "$(q "SELECT site_id FROM infokaart.site WHERE role = '$ROLE_2'")" ] && [ "$sb" != "$lb" ] ||
  say "each database should take the site id of its login: a $la -> $sa, b $lb -> $sb"

same_as_central "$W/a.db" "site a after the concurrent syncs"
same_as_central "$W/b.db" "site b after the concurrent syncs"
[ "$(q "SELECT string_agg(name, ',' ORDER BY name) FROM infokaart.site")" = "Locatie A,Locatie B" ] ||
  say "the central site table should hold the two sites by name: $(q "SELECT * FROM infokaart.site")"
for t in referral referral_status djg_score; do
  c=$(q "SELECT count(*) FROM infokaart.$t")
  l=$(( $(lsq "$W/a.db" "SELECT count(*) FROM $t") + $(lsq "$W/b.db" "SELECT count(*) FROM $t") ))
  [ "$c" = "$l" ] || say "central $t holds $c rows, the two sites $l"
  [ "$(q "SELECT count(*) FROM infokaart.$t WHERE site_id NOT IN ('$sa', '$sb')")" = 0 ] || say "central $t has rows of an unknown site"
done
# Each batch is one transaction: the rows of a site carry ceil(changes / batch) distinct xmins.
xmins() {
  q "SELECT count(DISTINCT x) FROM (SELECT xmin::text AS x FROM infokaart.referral WHERE site_id = '$1'
     UNION ALL SELECT xmin::text FROM infokaart.referral_status WHERE site_id = '$1'
     UNION ALL SELECT xmin::text FROM infokaart.djg_score WHERE site_id = '$1') t"
}
[ "$(xmins "$sa")" = $(((na + 499) / 500)) ] || say "site a's $na changes should come in $(((na + 499) / 500)) transactions of 500, came in $(xmins "$sa")"
[ "$(xmins "$sb")" = $(((nb + 24) / 25)) ] || say "site b's $nb changes should come in $(((nb + 24) / 25)) transactions (INFOKAART_SYNC_BATCH=25), came in $(xmins "$sb")"
# A referral's history and scores carry the referral's site.
[ "$(q "SELECT count(*) FROM infokaart.referral_status s JOIN infokaart.referral r ON r.id = s.referral_id WHERE r.site_id <> s.site_id")" = 0 ] ||
  say "status rows carry another site than their referral"

# Both again at once: nothing to send, nothing written.
central_snapshot >"$W/snap1"
"$IK" --db "$W/a.db" sync --to "$URL_1" >/dev/null 2>"$W/a.err" & pa=$!
"$IK" --db "$W/b.db" sync --to "$URL_2" >/dev/null 2>"$W/b.err" & pb=$!
wait_pid $pa 60 || say "site a's second sync failed: $(cat "$W/a.err")"
wait_pid $pb 60 || say "site b's second sync failed: $(cat "$W/b.err")"
central_snapshot >"$W/snap2"
cmp -s "$W/snap1" "$W/snap2" || { say "the second round wrote to the central tables:"; diff "$W/snap1" "$W/snap2" | head -6; }

# Two syncs of the same database at once (a cron run overlapping a manual one): both end well
# and the central store still equals the site, once.
"$SEED" "$W/a.db" 30 $((T0 - DAY)) 60 >/dev/null || die "seeding a failed"
INFOKAART_SYNC_BATCH=10 "$IK" --db "$W/a.db" sync --to "$URL_1" >/dev/null 2>"$W/a.err" & pa=$!
INFOKAART_SYNC_BATCH=10 "$IK" --db "$W/a.db" sync --to "$URL_1" >/dev/null 2>"$W/b.err" & pb=$!
wait_pid $pa 60 || say "the first of two overlapping syncs of site a failed: $(cat "$W/a.err")"
wait_pid $pb 60 || say "the second of two overlapping syncs of site a failed: $(cat "$W/b.err")"
same_as_central "$W/a.db" "site a after two overlapping syncs"
[ "$(unsent "$W/a.db")" = 0 ] || say "after two overlapping syncs nothing is unsent"

# Network-wide statistics: the two sites' local statistics added up, series by series.
"$IK" --db "$W/a.db" stats --format json >"$W/a.json" 2>"$W/err" || say "stats a failed: $(err)"
"$IK" --db "$W/b.db" stats --format json >"$W/b.json" 2>"$W/err" || say "stats b failed: $(err)"
"$IK" stats --from "$URL_C" --format json >"$W/c.json" 2>"$W/err" || say "stats --from failed: $(err)"
"$PY" - "$W/a.json" "$W/b.json" "$W/c.json" "$(site_of "$W/a.db")" "$(site_of "$W/b.db")" <<'PY' ||
import json, sys
a, b, c = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:4])
bad = []
# the network's own series: each site once, with its name and its referrals
sites = c["series"].pop("site", None)
want = sorted([(sys.argv[4], "Locatie A", a["referrals"]), (sys.argv[5], "Locatie B", b["referrals"])],
              key=lambda s: (-s[2], s[1]))
if [(e["key"], e["name"], e["count"]) for e in sites or []] != want:
    bad.append(f"site: {sites} != {want}")
for k in ("referrals", "started", "open"):
    if a[k] + b[k] != c[k]:
        bad.append(f"{k}: {a[k]} + {b[k]} != {c[k]}")
if c.get("since") != a.get("since") or c.get("version") != 1:
    bad.append(f"since: {c.get('since')!r}, version {c.get('version')!r}")
if set(c["series"]) != set(a["series"]):
    bad.append(f"series: {sorted(c['series'])} != {sorted(a['series'])}")
for series in a["series"]:
    m = [{e["key"]: e for e in x["series"].get(series, [])} for x in (a, b, c)]
    for key in set(m[0]) | set(m[1]) | set(m[2]):
        n = [x[key]["count"] if key in x else 0 for x in m]
        if n[0] + n[1] != n[2]:
            bad.append(f"{series}[{key!r}]: {n[0]} + {n[1]} != {n[2]}")
        local = m[0].get(key) or m[1].get(key)
        if key in m[2] and local and local["name"] != m[2][key]["name"]:
            bad.append(f"{series}[{key!r}]: named {m[2][key]['name']!r}, locally {local['name']!r}")
months = [e["key"] for e in c["series"]["month"]]
if months != sorted(months) or len(months) < 3:
    bad.append(f"months not in order (or too few to test): {months}")
if a["referrals"] < 1 or b["referrals"] < 1:
    bad.append("setup: a site has no referrals")
for line in bad[:12]:
    print("   ", line)
sys.exit(1 if bad else 0)
PY
  say "the network-wide statistics are not the sum of the two sites"

pgt_done "two sites syncing at once"
