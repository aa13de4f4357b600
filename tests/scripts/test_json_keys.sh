#!/bin/sh
# test_json_keys.sh INFOKAART PG_SEED SRCDIR: every JSON document a command writes (questions,
# suggest, export, followups, case, stats) is an object whose first member is "version": 1,
# and every key in it, at any depth, is English snake_case: [a-z][a-z0-9_]*, none of the Dutch
# keys the commands used before (sinds, verwijzingen, sleutel, naam, aantal, notitie, …).
set -u
prog=$1 seed=$2 src=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 INFOKAART_CONTENT="$src/content" INFOKAART_CONFIG=/dev/null HOME="$tmp" \
  INFOKAART_NOW=1710504000
unset LANGUAGE INFOKAART_DB
db=$tmp/records.db
code=$("$seed" "$db" 4 1709000000 86400 | head -1) || { echo "not ok: pg-seed failed"; exit 1; }
n=0
run() { # run NAME ARGS...: the command's JSON into $tmp/NAME.json
  name=$1
  shift
  "$prog" --db "$db" "$@" >"$tmp/$name.json" 2>"$tmp/err" || { echo "not ok: infokaart $*: $(cat "$tmp/err")"; exit 1; }
  n=$((n + 1))
}
run questions questions --json
run suggest suggest --answers "$src/tests/data/scenarios/weduwe_overvecht.json" --json
run export export --format json --with-notes
run followups followups --date 2030-01-01 --format json
run case case "$code" --format json --with-notes
run stats stats --format json
python3 - "$tmp"/*.json <<'PY'
import json, re, sys
dutch = {"sinds", "verwijzingen", "gestart", "reeksen", "sleutel", "naam", "aantal", "datum", "rol",
         "profiel", "activiteit", "leeftijd", "eenzaamheid", "toestemming", "toestemming_hoe", "nazorg",
         "afgesloten", "notitie", "dagen_te_laat", "djg_eerst", "djg_eerst_op", "djg_laatst",
         "djg_laatst_op", "maand"}
bad = []
def walk(v, where, f):
    if isinstance(v, dict):
        for k, x in v.items():
            if not re.fullmatch(r"[a-z][a-z0-9_]*", k) or k in dutch:
                bad.append(f"{f}: {where}.{k}")
            walk(x, f"{where}.{k}", f)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            walk(x, f"{where}[{i}]", f)
for f in sys.argv[1:]:
    d = json.load(open(f, encoding="utf-8"))
    if not isinstance(d, dict) or list(d)[:1] != ["version"] or d["version"] != 1:
        bad.append(f"{f}: does not start with \"version\": 1")
    walk(d, "", f.rsplit("/", 1)[-1])
for b in bad[:20]:
    print("not ok:", b)
sys.exit(1 if bad else 0)
PY
rc=$?
[ $rc -eq 0 ] && echo "ok: $n JSON documents carry version 1 and English snake_case keys"
exit $rc
