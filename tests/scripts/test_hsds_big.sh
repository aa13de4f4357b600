#!/bin/sh
# test_hsds_big.sh INFOKAART PYTHON3 SANITIZE: import-hsds of a big publication (40 MB, 2,000
# services of 20 kB, with the notes publishers' data gets, a service found twice and a fuller
# copy of another far down the list) keeps its memory well below the file's size (issue 16:
# it is read an element at a time, the catalogue written as it is made): peak RSS under 30 MB,
# where holding the file alone takes 40 MB. The same services as a top-level list, as a page
# with members after its "contents", as NDJSON and as a folder of pages give one catalogue;
# a list broken at its end imports nothing from it and says only where it is broken. Under a
# sanitizer (SANITIZE not "none") memory is not measured: its allocator keeps freed memory.
set -u
prog=$1 py=$2 sanitize=$3
fail=0
say() { echo "not ok: $*"; fail=1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 INFOKAART_CONFIG=/dev/null HOME="$tmp" INFOKAART_DB="$tmp/db"
unset LANGUAGE

"$py" - "$tmp" <<'PY' || exit 1
import json, os, sys
t = sys.argv[1]
words = "Een ochtend met koffie, een praatje en een wandeling door de wijk; iedereen is welkom, ook ĳverige "
def svc(i, full=True):
    s = {"id": f"5e2a1c90-0d4b-4a7e-8f11-{i:012d}", "name": f"Activiteit {i} in Overvecht",
         "description": (words * 200)[:20000], "status": "active"}
    if full:
        s.update({"url": f"www.example.org/{i}", "phones": [{"number": "(030) 000 0000"}],
                  "languages": [{"name": "Nederlands"}], "assured_date": "2026-01-02"})
    return s
services = [svc(i, i != 10) for i in range(2000)]
services.insert(1000, svc(10))   # a fuller copy of service 10: in its place
services.insert(1500, svc(20))   # the same service again: not imported twice
os.makedirs(f"{t}/pages")
with open(f"{t}/list.json", "w", encoding="utf-8") as f:
    json.dump(services, f, ensure_ascii=False, indent=2)
with open(f"{t}/page.json", "w", encoding="utf-8") as f:
    f.write('{"contents": ' + json.dumps(services, ensure_ascii=False) + ', "page_number": 1, "total_pages": 1}\n')
with open(f"{t}/list.ndjson", "w", encoding="utf-8") as f:
    f.writelines(json.dumps(s, ensure_ascii=False) + "\n" for s in services)
for k in range(4):
    part = services[k * 501:(k + 1) * 501]
    with open(f"{t}/pages/page-{k + 1}.json", "w", encoding="utf-8") as f:
        json.dump({"total_pages": 4, "page_number": k + 1, "contents": part}, f, ensure_ascii=False, indent=1)
with open(f"{t}/broken.json", "w", encoding="utf-8") as f:
    f.write(json.dumps(services, ensure_ascii=False, indent=2)[:-2] + ",\n  {\"name\": }\n]\n")
PY

# peak RSS (kB) of the command, through getrusage
peak() {
  "$py" -c 'import resource, subprocess, sys
rc = subprocess.run(sys.argv[1:]).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)' "$@"
}

set -- $(peak "$prog" import-hsds "$tmp/list.json" --out "$tmp/list.out" 2>"$tmp/list.report")
kb=$1 rc=$2
[ "$rc" -eq 0 ] || say "import-hsds of the list exits $rc: $(tail -3 "$tmp/list.report")"
grep -q "2002 dienst(en) gelezen, 2000 ingelezen, 2 overgeslagen" "$tmp/list.report" ||
  say "the list's summary: $(tail -1 "$tmp/list.report")"
grep -q "list.json:[0-9]*:[0-9]*: \[1000\].id: dienst 1001 'Activiteit 10 in Overvecht': een vollediger exemplaar" \
  "$tmp/list.report" || say "the fuller copy is not said at its place"
"$prog" check "$tmp/list.out" >/dev/null 2>&1 || say "check refused the import of the list"
if [ "$sanitize" = none ]; then
  [ "$kb" -lt 30000 ] || say "import-hsds of a 40 MB list peaked at $kb kB (at most 30000)"
fi

# one catalogue, whatever the form (but for the file named in source)
strip() { grep -v '"source": ' "$1"; }
strip "$tmp/list.out" >"$tmp/list.cmp"
for form in page.json list.ndjson pages; do
  "$prog" import-hsds "$tmp/$form" --out "$tmp/$form.out" 2>"$tmp/$form.report" ||
    say "import-hsds of $form failed: $(tail -3 "$tmp/$form.report")"
  strip "$tmp/$form.out" | cmp -s - "$tmp/list.cmp" || say "$form gives another catalogue than the list"
  [ "$(grep -c ': dienst ' "$tmp/$form.report")" -eq "$(grep -c ': dienst ' "$tmp/list.report")" ] ||
    say "$form has other notes than the list"
done

# broken at its end: nothing of it, and no note about what came before the mistake
"$prog" import-hsds "$tmp/broken.json" --out "$tmp/broken.out" 2>"$tmp/broken.report"
[ $? -eq 1 ] || say "import-hsds of a broken list should exit 1"
grep -q "geen enkele dienst ingelezen" "$tmp/broken.report" || say "the broken list: $(tail -2 "$tmp/broken.report")"
[ "$(grep -c ': dienst ' "$tmp/broken.report")" -eq 0 ] || say "the broken list's services were reported"
grep -q "broken.json:[0-9]*:[0-9]*: " "$tmp/broken.report" || say "the mistake is not said at its place"
[ -e "$tmp/broken.out" ] && say "import-hsds of a broken list wrote --out"

[ $fail -eq 0 ] && echo "ok: import-hsds of a 40 MB list in $kb kB"
exit $fail
