#!/bin/sh
# test_hsds_cli.sh INFOKAART SRCDIR PYTHON3: import-hsds and export-hsds as a user runs them.
# The official HSDS examples and our Utrecht sample import into an activities.json that
# `infokaart check` accepts, with a report on stderr; the export validates against the HSDS
# 3.0 schema (tests/hsds_validate.py); export, then import, gives the bundled catalogue back
# in every field but `source`; wrong use exits 2, an unreadable path 1.
set -u
prog=$1 src=$2 py=$3
data=$src/tests/data/hsds
fail=0
say() { echo "not ok: $*"; fail=1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 INFOKAART_CONTENT="$src/content" INFOKAART_CONFIG=/dev/null HOME="$tmp"
unset LANGUAGE

for sample in examples utrecht; do
  mkdir -p "$tmp/$sample"
  "$prog" import-hsds "$data/$sample" --out "$tmp/$sample/activities.json" 2>"$tmp/$sample.report" ||
    say "import-hsds $sample failed: $(cat "$tmp/$sample.report")"
  "$prog" check "$tmp/$sample/activities.json" >"$tmp/$sample.check" ||
    say "check refused the import of $sample: $(cat "$tmp/$sample.check")"
done
grep -q "service_full.json:[0-9]*:[0-9]*: schedules\[0\]: service 2 'Community Counselling': schedule 'freq=WEEKLY" \
  "$tmp/examples.report" || say "the examples' report lacks the schedule note: $(cat "$tmp/examples.report")"
grep -q "3 dienst(en) gelezen, 1 ingelezen, 2 overgeslagen" "$tmp/examples.report" ||
  say "the examples' summary: $(tail -1 "$tmp/examples.report")"
grep -q "die uit de huidige catalogus zijn toegevoegd: nizu_infolijn" "$tmp/examples.report" ||
  say "the human routes were not added to the examples' import"
grep -q "diensten.json:[0-9]*:[0-9]*: contents\[1\].schedules\[0\]: service 2 'Wandelgroep Leidsche Rijn': schedule 'freq=MONTHLY" \
  "$tmp/utrecht.report" || say "the Utrecht report lacks the monthly session: $(cat "$tmp/utrecht.report")"
if ! "$prog" import-hsds "$data/utrecht" >"$tmp/stdout.json" 2>/dev/null ||
   ! cmp -s "$tmp/stdout.json" "$tmp/utrecht/activities.json"; then
  say "import-hsds without --out does not write the same catalogue to stdout"
fi

"$prog" export-hsds --out "$tmp/hsds.json" || say "export-hsds failed"
"$py" "$src/tests/scripts/hsds_validate.py" "$data/schema/service_with_definitions.json" "$tmp/hsds.json" \
  "$data/examples/service_full.json" "$data/examples/service_list.json" || say "the export is not valid HSDS 3.0"
"$prog" export-hsds | cmp -s - "$tmp/hsds.json" || say "export-hsds to stdout differs from --out"

mkdir -p "$tmp/back"
"$prog" import-hsds "$tmp/hsds.json" --out "$tmp/back/activities.json" 2>"$tmp/back.report" || say "import of the export failed"
grep -q "0 opmerking(en)" "$tmp/back.report" || say "the round trip reported something: $(cat "$tmp/back.report")"
"$py" - "$src/content/activities.json" "$tmp/back/activities.json" <<'PY' || say "the round trip changed the catalogue"
import json, sys
def load(p):
    return {a["id"]: a for a in json.load(open(p, encoding="utf-8"))["activities"]}
a, b = load(sys.argv[1]), load(sys.argv[2])
bad = 0
if a.keys() != b.keys():
    print("ids differ:", sorted(a.keys() ^ b.keys())); bad += 1
for k in a.keys() & b.keys():
    for f, v in a[k].items():
        if f.startswith("_") or f == "source":
            continue
        w = b[k].get(f)
        if f in ("service_area", "profiles", "loneliness", "active_elements", "target_groups", "interests",
                 "helps_with", "for_roles", "not_for_roles") and isinstance(v, list) and isinstance(w, list):
            v, w = sorted(v), sorted(w)  # sets: the catalogue's order is not kept
        if v != w and not (f in ("helps_with",) and v in (None, []) and w == []):
            print(f"{k}.{f}: {v!r} became {w!r}"); bad += 1
sys.exit(1 if bad else 0)
PY

"$prog" import-hsds "$tmp/no-such-file.json" >/dev/null 2>&1; [ $? -eq 1 ] || say "a missing file should exit 1"
"$prog" import-hsds >/dev/null 2>&1; [ $? -eq 2 ] || say "import-hsds without a path should exit 2"
"$prog" export-hsds extra >/dev/null 2>&1; [ $? -eq 2 ] || say "export-hsds with a word should exit 2"
[ $fail -eq 0 ] && echo "ok: import-hsds and export-hsds"
exit $fail
