#!/bin/sh
# test_exit_codes.sh INFOKAART PG_SEED SRCDIR: every command exits as the manual page's EXIT
# STATUS says: 0 done; 1 content mistakes, nothing found, a change refused, an HSDS file that
# could not be read or gave nothing, printing or the central database failed, stdout not
# written; 2 wrong use (an unknown command or option, a missing word, a bad value, a config
# mistake, no terminal); 3 the records database. Each row is one run: the code it must give,
# then its arguments. The records are seeded through the store API (pg-seed).
set -u
prog=$1 seed=$2 src=$3
fail=0 runs=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 INFOKAART_CONTENT="$src/content" INFOKAART_CONFIG=/dev/null HOME="$tmp" \
  INFOKAART_NOW=1710504000 XDG_CONFIG_HOME="$tmp/config"
unset LANGUAGE INFOKAART_DB

db=$tmp/records.db
codes=$("$seed" "$db" 3 1709000000 86400 --no-notes) || { echo "not ok: pg-seed failed"; exit 1; }
code1=$(echo "$codes" | sed -n 1p) code2=$(echo "$codes" | sed -n 2p)
printf 'garbage, not SQLite\n' >"$tmp/damaged.db"
printf 'lang = fr\n' >"$tmp/bad.conf"
mkdir -p "$tmp/empty" "$tmp/broken"
cp "$src"/content/*.json "$tmp/broken/" && printf '{"version": 1, "activities": []}\n' >"$tmp/broken/activities.json"
answers=$src/tests/data/scenarios/weduwe_overvecht.json
pg=postgresql://127.0.0.1:1/none?connect_timeout=2

# expect CODE [< FILE] ARGS...: runs the program on the seeded records (stdin from /dev/null)
expect() {
  want=$1
  shift
  runs=$((runs + 1))
  "$prog" --db "$db" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
  got=$?
  [ "$got" -eq "$want" ] || { echo "not ok: infokaart $* exits $got, not $want: $(head -c 300 "$tmp/err")"; fail=1; }
}

expect 0 check
expect 1 check "$tmp/nowhere"
expect 1 --content "$tmp/broken" check
expect 0 --content "$tmp/broken" followups --date 2030-01-01 # records outlive content: ids for names
expect 0 questions --json
expect 2 questions --bogus
expect 2 suggest
expect 1 suggest --answers "$tmp/nowhere.json"
expect 0 suggest --answers "$answers" --json
expect 0 followups --date 2030-01-01
expect 1 followups --date 2000-01-01
expect 2 followups --date 2024-13-01
expect 2 followups --format xml
expect 2 outcome "$code1"
expect 2 outcome "$code1" bogus
expect 2 outcome "$code1" gestart --role directeur
expect 2 outcome "$code1" gestart --djg ja,ja,ja,ja,ja,soms
expect 2 outcome "$code1" gestart --djg ja,ja
expect 2 outcome xx gestart
expect 1 outcome ZZZ-ZZZZZ gestart
expect 0 outcome "$code1" gestart --role infolijn
expect 0 case "$code1" --format json
expect 1 case ZZZ-ZZZZZ
expect 2 case x
expect 0 stats
expect 0 stats --format json
expect 1 stats --since 2099-01-01
expect 1 stats --from "$pg"
expect 0 export --format json
expect 1 export --since 2099-01-01
expect 2 export --format text
expect 0 purge
expect 2 purge --days 0
expect 1 delete ZZZ-ZZZZZ
expect 2 delete
expect 0 delete "$code2"
expect 1 print-slip ZZZ-ZZZZZ
expect 2 print-slip x
expect 0 print-slip "$code1"
expect 0 import-hsds "$src/tests/data/hsds/utrecht" --out "$tmp/imported.json"
expect 1 import-hsds "$tmp/nowhere"
expect 2 import-hsds
expect 0 export-hsds --out "$tmp/export.json"
expect 1 export-hsds --out "$tmp/nowhere/export.json"
expect 2 export-hsds word
expect 0 sync --status
expect 2 sync
expect 1 sync --to "$pg"
expect 2 catalogue bogus
expect 1 catalogue publish --to "$pg"
expect 0 completion bash
expect 2 completion zsh
expect 2 bogus-command
expect 2 --bogus
expect 2 --lang fr check
expect 2 --mode bogus check
expect 2 --config "$tmp/bad.conf" check
expect 2 # the screens, without a terminal
expect 1 --plain # input ends before anything is recorded
expect 1 set-pin # no PIN read
db=$tmp/damaged.db
expect 3 followups
expect 3 outcome "$code1" gestart
db=$tmp/none.db
expect 1 followups
[ -e "$tmp/none.db" ] && { echo "not ok: followups made a database"; fail=1; }

# standard output that cannot be written
if [ -w /dev/full ]; then
  runs=$((runs + 1))
  "$prog" --db "$tmp/records.db" stats --format json >/dev/full 2>/dev/null
  got=$?
  [ "$got" -eq 1 ] || { echo "not ok: stats to a full disk exits $got, not 1"; fail=1; }
fi

[ $fail -eq 0 ] && echo "ok: $runs runs exit as the manual page says"
exit $fail
