#!/bin/sh
# test_hsds_cli.sh INFOKAART SRCDIR PYTHON3: import-hsds and export-hsds as a user runs them.
# HSDS as publishers make it (Open Referral's 3.0 and 3.1 examples, the tabular package of CSV
# tables, Open Referral UK's validator mocks, NDJSON, the pages of a paginated API, our Utrecht
# sample) imports into an activities.json that `infokaart check` accepts, with a report on
# stderr; a publication that gives nothing exits 1 and writes nothing (an old --out file stays
# as it was); a renamed service keeps its id, and the publisher's id comes back on export; the
# export validates against the HSDS 3.0 schema (tests/hsds_validate.py), and one that cannot be
# written whole exits 1 and leaves an old file as it was; export, then import,
# gives the bundled catalogue back in every field but `source`; wrong use exits 2.
set -u
prog=$1 src=$2 py=$3
data=$src/tests/data/hsds
fail=0
say() { echo "not ok: $*"; fail=1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 INFOKAART_CONTENT="$src/content" INFOKAART_CONFIG=/dev/null HOME="$tmp"
unset LANGUAGE

for sample in examples utrecht spec31 spec31/csv oruk ndjson pages; do
  mkdir -p "$tmp/$sample"
  "$prog" import-hsds "$data/$sample" --out "$tmp/$sample/activities.json" 2>"$tmp/$sample.report"
  rc=$?
  want=0
  [ "$sample" = ndjson ] && want=1 # one of its lines is no JSON: said, and the rest is imported
  [ $rc -eq $want ] || say "import-hsds $sample exits $rc, not $want: $(cat "$tmp/$sample.report")"
  "$prog" check "$tmp/$sample/activities.json" >"$tmp/$sample.check" ||
    say "check refused the import of $sample: $(cat "$tmp/$sample.check")"
done
grep -q "service_full.json:[0-9]*:[0-9]*: schedules\[0\]: dienst 2 'Community Counselling': rooster 'freq=WEEKLY" \
  "$tmp/examples.report" || say "the examples' report lacks the schedule note: $(cat "$tmp/examples.report")"
grep -q "3 dienst(en) gelezen, 1 ingelezen, 2 overgeslagen" "$tmp/examples.report" ||
  say "the examples' summary: $(tail -1 "$tmp/examples.report")"
grep -q "die uit de huidige catalogus zijn toegevoegd: nizu_infolijn" "$tmp/examples.report" ||
  say "the human routes were not added to the examples' import"
grep -q "diensten.json:[0-9]*:[0-9]*: contents\[1\].schedules\[0\]: dienst 2 'Wandelgroep Leidsche Rijn': rooster 'freq=MONTHLY" \
  "$tmp/utrecht.report" || say "the Utrecht report lacks the monthly session: $(cat "$tmp/utrecht.report")"
if ! "$prog" import-hsds "$data/utrecht" >"$tmp/stdout.json" 2>/dev/null ||
   ! cmp -s "$tmp/stdout.json" "$tmp/utrecht/activities.json"; then
  say "import-hsds without --out does not write the same catalogue to stdout"
fi

"$prog" export-hsds --out "$tmp/hsds.json" || say "export-hsds failed"
"$py" "$src/tests/scripts/hsds_validate.py" "$data/schema/service_with_definitions.json" "$tmp/hsds.json" \
  "$data/examples/service_full.json" "$data/examples/service_list.json" || say "the export is not valid HSDS 3.0"
"$prog" export-hsds | cmp -s - "$tmp/hsds.json" || say "export-hsds to stdout differs from --out"
# written a chunk at a time: a write that fails half-way exits 1, and an old --out file stays whole
"$prog" export-hsds >/dev/full 2>"$tmp/full.err"; [ $? -eq 1 ] || say "export-hsds to a full disk should exit 1"
grep -q "kan stdout niet schrijven" "$tmp/full.err" || say "export-hsds to a full disk does not say so: $(cat "$tmp/full.err")"
cp "$tmp/hsds.json" "$tmp/old.json"
(trap '' XFSZ; ulimit -f 200; "$prog" export-hsds --out "$tmp/old.json" 2>"$tmp/fsize.err"); [ $? -eq 1 ] ||
  say "export-hsds that cannot write its whole file should exit 1"
cmp -s "$tmp/old.json" "$tmp/hsds.json" || say "a failed export-hsds --out changed the old file"
[ -z "$(ls "$tmp" | grep 'old.json.new-')" ] || say "a failed export-hsds --out left its temporary file"

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

# the forms publishers use, each as it should come out
grep -q "services.csv:2:1: dienst 1 'Community Counselling'" "$tmp/spec31/csv.report" ||
  say "the tabular package's notes do not point at services.csv: $(cat "$tmp/spec31/csv.report")"
grep -q "phones.csv:2:[0-9]*: phones\[0\].extension: dienst 1 'Community Counselling': toestel 100" "$tmp/spec31/csv.report" ||
  say "the tabular package's phone extension is not said at its field in phones.csv"
grep -q "diensten.ndjson:5:38: " "$tmp/ndjson.report" || say "NDJSON's broken line 5 is not reported at its place"
grep -q "3 dienst(en) gelezen, 3 ingelezen" "$tmp/ndjson.report" || say "NDJSON: $(tail -1 "$tmp/ndjson.report")"
grep -q "pagina-1.json: een lijst van 3 pagina's, maar pagina 3 ontbreekt" "$tmp/pages.report" ||
  say "a missing page is not said: $(cat "$tmp/pages.report")"
grep -q "de lijst is niet compleet" "$tmp/pages.report" || say "the summary does not say the list is incomplete"
"$py" - "$tmp" <<'PY' || say "the imports lost what the publications say"
import json, sys
t = sys.argv[1]
def cat(name):
    return {a["id"]: a for a in json.load(open(f"{t}/{name}/activities.json", encoding="utf-8"))["activities"]}
bad = []
n = cat("ndjson")
z, w, c = n.get("zangkoor_de_lindeboom"), n.get("wandelclub_heuvelrug"), n.get("taalcafe_kanaleneiland")
if not z or z["url"] != "https://www.example.org/koor" or z["languages"] != ["nl", "tr", "en"] \
        or "65plus" not in z["target_groups"] or "muziek" not in z["interests"] \
        or z["hsds_id"] != "0b7c3a52-5d1e-4f0a-9c3e-1a2b3c4d5e01" or "toestel 12" not in z["application_process"]["nl"]:
    bad.append(f"ndjson zangkoor: {z}")
if not w or w["service_area"] != ["buiten_utrecht"] or not w["description"]["nl"].startswith("Buiten Utrecht (werkgebied: Zeist)"):
    bad.append(f"ndjson wandelclub (Zeist): {w and (w['service_area'], w['description'])}")
if not c or c["assured_date"] is not None or c["service_area"] != ["stad"]:
    bad.append(f"ndjson taalcafe (no assured_date, an address in Utrecht): {c and (c['assured_date'], c['service_area'])}")
if len(cat("spec31/csv")) != 4 or len(cat("oruk")) < 4:  # with the three human routes added
    bad.append(f"tabular {len(cat('spec31/csv'))}, oruk {len(cat('oruk'))}")
for b in bad:
    print("   ", b)
sys.exit(1 if bad else 0)
PY

# nothing imported: exit 1, and --out is neither made nor touched
mkdir -p "$tmp/empty" "$tmp/notes"
printf '{"version": 1, "activities": []}\n' >"$tmp/keep.json"
cp "$data/examples/location.json" "$tmp/notes/"
for what in "$tmp/empty" "$tmp/notes" "$tmp/no-such-file.json"; do
  cp "$tmp/keep.json" "$tmp/out.json"
  "$prog" import-hsds "$what" --out "$tmp/out.json" 2>"$tmp/none.report"
  rc=$?
  [ $rc -eq 1 ] || say "import-hsds of $what (nothing to import) exits $rc, not 1"
  cmp -s "$tmp/keep.json" "$tmp/out.json" || say "import-hsds of $what changed --out"
  grep -q "geen enkele dienst ingelezen" "$tmp/none.report" || say "import-hsds of $what does not say nothing was imported"
  "$prog" import-hsds "$what" --out "$tmp/new.json" 2>/dev/null
  [ -e "$tmp/new.json" ] && say "import-hsds of $what made --out"
done

# a renamed service is the same service: with the last import as the catalogue in use, its id
# stays; and the publisher's id is the service id again on export
mkdir -p "$tmp/inuse" "$tmp/renamed"
cp "$src"/content/*.json "$tmp/inuse/" && cp "$tmp/pages/activities.json" "$tmp/inuse/activities.json"
sed 's/"Buurtlunch Oost"/"Lunch in de buurt (Oost)"/' "$data/pages/pagina-1.json" >"$tmp/renamed/pagina-1.json"
"$prog" --content "$tmp/inuse" import-hsds "$tmp/renamed" --out "$tmp/renamed.json" 2>"$tmp/renamed.report" ||
  say "import of the renamed service failed: $(cat "$tmp/renamed.report")"
grep -q '"id": "buurtlunch_oost",' "$tmp/renamed.json" && grep -q '"name": "Lunch in de buurt (Oost)",' "$tmp/renamed.json" ||
  say "the renamed service did not keep its id: $(grep -A1 '"id"' "$tmp/renamed.json" | head -4)"
grep -q "dezelfde dienst (HSDS-id) als 'buurtlunch_oost'" "$tmp/renamed.report" || say "the kept id is not said"
"$prog" --content "$tmp/inuse" export-hsds | grep -q '"id": "5e2a1c90-0d4b-4a7e-8f11-000000000001"' ||
  say "export-hsds does not write the publisher's id back"

# an imported catalogue (publishers' ids, unknown dates, a service outside Utrecht) exports valid HSDS
mkdir -p "$tmp/nd"
cp "$src"/content/*.json "$tmp/nd/" && cp "$tmp/ndjson/activities.json" "$tmp/nd/activities.json"
"$prog" --content "$tmp/nd" export-hsds --out "$tmp/nd.json" || say "export-hsds of an imported catalogue failed"
"$py" "$src/tests/scripts/hsds_validate.py" "$data/schema/service_with_definitions.json" "$tmp/nd.json" >/dev/null ||
  say "the export of an imported catalogue is not valid HSDS 3.0"

"$prog" import-hsds "$tmp/no-such-file.json" >/dev/null 2>&1; [ $? -eq 1 ] || say "a missing file should exit 1"
"$prog" import-hsds >/dev/null 2>&1; [ $? -eq 2 ] || say "import-hsds without a path should exit 2"
"$prog" export-hsds extra >/dev/null 2>&1; [ $? -eq 2 ] || say "export-hsds with a word should exit 2"
# --out that is no regular file (a FIFO here; /dev/null, /dev/stdout as root) is written to, not
# replaced: renaming a file over /dev/null made it a plain file for every program on the machine
mkfifo "$tmp/pipe" || say "mkfifo"
for cmd in export-hsds import-hsds; do
  arg=; [ $cmd = import-hsds ] && arg=$data/utrecht
  (timeout 20 cat "$tmp/pipe" >"$tmp/piped.json") &
  reader=$!
  timeout 20 "$prog" $cmd $arg --out "$tmp/pipe" 2>"$tmp/pipe.err" || say "$cmd --out FIFO failed: $(cat "$tmp/pipe.err")"
  [ -p "$tmp/pipe" ] || { say "$cmd --out replaced the FIFO by a file"; rm -f "$tmp/pipe"; mkfifo "$tmp/pipe"; }
  (sleep 1; : >"$tmp/pipe") 2>/dev/null & # lets a reader that got nothing end
  wait $reader
  [ -s "$tmp/piped.json" ] || say "$cmd --out FIFO: the reader got nothing"
done
[ -z "$(ls "$tmp" | grep 'pipe.new-')" ] || say "--out FIFO left a temporary file"

[ $fail -eq 0 ] && echo "ok: import-hsds and export-hsds"
exit $fail
