#!/bin/sh
# test_language.sh INFOKAART PG_SEED SRCDIR: one language per run on stderr. Failing commands
# that reach every kind of message (the loader's mistakes, the HSDS import's report and
# summary, a settings file, the records database, the central database, system errors through
# strerror, wrong use) run with --lang en and with --lang nl (and lang = in the settings), and
# no line they print is in the other language. The central commands run against a port that
# refuses the connection; a refusal the central store gave (Dutch, as the server answers every
# site) is put into a records database as a sync would, and sync --status shows it. What a line quotes ('…', "…") and technical
# details in […] (SQLite's and libpq's own words) are data, not the program's language, and are
# left out of the check; so are file paths and ids.
# The English runs need the en_US.UTF-8 locale; without it the test is skipped (exit 77).
set -u
prog=$1 seed=$2 src=$3
fail=0 runs=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
if ! locale -a 2>/dev/null | grep -qix 'en_US.utf8'; then
  echo "skip: no en_US.UTF-8 locale (sh .ci/setup makes it)"
  exit 77
fi
export LC_ALL=C.UTF-8 INFOKAART_CONTENT="$src/content" INFOKAART_CONFIG=/dev/null HOME="$tmp" \
  INFOKAART_NOW=1710504000
unset LANGUAGE INFOKAART_DB

code=$("$seed" "$tmp/records.db" 2 1709000000 86400 --no-notes | head -1)
printf 'garbage, not SQLite\n' >"$tmp/damaged.db"
printf 'mode = bogus\nidle_timeout = soon # a comment\nsite_name = a\001b\nprinter = \377\n' >"$tmp/bad.conf"
mkdir -p "$tmp/broken" "$tmp/empty"
cp "$src"/content/*.json "$tmp/broken/"
sed -e 's/"description"/"descripton"/' -e 's/"cost": "gratis"/"cost": "duur"/' "$src/content/activities.json" \
  >"$tmp/broken/activities.json"
pg=postgresql://127.0.0.1:1/none?connect_timeout=2
printf 'sync_url = %s\n' "$pg" >"$tmp/sync.conf"
# refusals as infokaart sync notes them: the server's phrases, kept as they came (one with a
# value in it)
refused=$tmp/refused.db refused2=$tmp/refused2.db
"$seed" "$refused" 1 1709000000 86400 --no-notes >/dev/null
"$seed" "$refused2" 1 1709000000 86400 --no-notes >/dev/null
if command -v sqlite3 >/dev/null; then
  for db in "$refused" "$refused2"; do
    why='deze verwijzing hoort bij een andere site'
    [ "$db" = "$refused2" ] && why='een waarde is langer dan 32 bytes'
    sqlite3 "$db" "INSERT INTO sync_refused (uuid, kind, rev, why, at)
      SELECT uuid, 0, rev, '$why', 1710000000 FROM referral" ||
      { echo "not ok: could not note a refusal in $db"; exit 1; }
  done
else
  echo "note: no sqlite3 command (sh .ci/setup installs it): sync --status shows no refusal"
fi

# The words that give a line away as Dutch or as English (whole words, outside quotes).
dutch='de|het|een|niet|geen|kan|wordt|naar|voor|met|bij|uit|ook|dat|deze|van|moet|zijn|heeft|ingevuld|overgenomen|ontbreekt|bestaat|fout|fouten|dienst|bestand|sleutel|waarde|opmerking|gelezen|ingelezen|overgeslagen|verwijzing|zie|onbekende|kies|uit'
english='the|not|cannot|must|with|from|has|was|and|should|missing|unknown|expected|file|folder|service|read|written|value|key|see|choose|such'

# said TEXT: the last run printed TEXT (so the check above saw the message it is about)
said() {
  grep -q -F -- "$1" "$tmp/err" || { echo "not ok: no '$1' in: $(head -c 600 "$tmp/err")"; fail=1; }
}

# check LANG WHAT ARGS...: runs the program in LANG; every line it prints (stderr, and stdout
# where a command reports there, as check does) must be free of the other language's words
check() {
  lang=$1 what=$2
  shift 2
  runs=$((runs + 1))
  "$prog" "$@" </dev/null >"$tmp/err" 2>&1
  [ -s "$tmp/err" ] || { echo "not ok: $what ($lang) said nothing"; fail=1; return; }
  if [ "$lang" = en ]; then other=$dutch; else other=$english; fi
  # leave out what is quoted, bracketed, a path (with / or .json) or an id with _
  bad=$(sed -e "s/'[^']*'//g" -e 's/"[^"]*"//g' -e 's/\[[^]]*\]//g' -e 's/[^ ]*[\/.][^ ]*//g' \
    -e 's/[A-Za-z0-9]*_[A-Za-z0-9_]*//g' "$tmp/err" |
    grep -inwE "$other" | head -3)
  if [ -n "$bad" ]; then
    echo "not ok: $what ($lang): a line in the other language:"
    echo "$bad" | sed 's/^/    /'
    echo "  (all of stderr: $(head -c 600 "$tmp/err"))"
    fail=1
  fi
}

for lang in en nl; do
  check $lang "content with mistakes" --lang "$lang" --content "$tmp/broken" check "$tmp/broken"
  check $lang "refusing to start on it" --lang "$lang" --content "$tmp/broken" questions
  check $lang "the HSDS import's report" --lang "$lang" import-hsds "$src/tests/data/hsds/ndjson" --out "$tmp/x.json"
  check $lang "a tabular package" --lang "$lang" import-hsds "$src/tests/data/hsds/spec31/csv" --out "$tmp/y.json"
  check $lang "nothing to import" --lang "$lang" import-hsds "$tmp/empty" --out "$tmp/z.json"
  check $lang "a missing answers file (strerror)" --lang "$lang" suggest --answers "$tmp/none.json"
  check $lang "a settings file with mistakes" --lang "$lang" --config "$tmp/bad.conf" check
  check $lang "a damaged database" --lang "$lang" --db "$tmp/damaged.db" followups
  check $lang "no database yet" --lang "$lang" --db "$tmp/none.db" case "$code"
  check $lang "an unknown status" --lang "$lang" --db "$tmp/records.db" outcome "$code" bogus
  check $lang "a central database out of reach" --lang "$lang" stats --from "$pg"
  check $lang "a site name without letters" --lang "$lang" central add-site '!?' --to "$pg"
  [ $lang = en ] && said "no letters or digits"
  check $lang "central sites out of reach" --lang "$lang" central sites --to "$pg"
  check $lang "central erase out of reach" --lang "$lang" central erase K7M-4QXRT --to "$pg"
  check $lang "central purge out of reach" --lang "$lang" central purge --to "$pg"
  check $lang "central init out of reach" --lang "$lang" central init --to "$pg"
  check $lang "an unknown central command" --lang "$lang" central bogus --to "$pg"
  check $lang "catalogue publish out of reach" --lang "$lang" catalogue publish --to "$pg"
  check $lang "a sync_url that refuses" --lang "$lang" --config "$tmp/sync.conf" --db "$tmp/sync.db" sync
  check $lang "sync without an address" --lang "$lang" --db "$tmp/sync.db" sync
  check $lang "a refusal of the central store" --lang "$lang" --db "$refused" sync --status
  [ $lang = en ] && command -v sqlite3 >/dev/null && said "this referral belongs to another site"
  check $lang "a refusal with a value in it" --lang "$lang" --db "$refused2" sync --status
  [ $lang = en ] && command -v sqlite3 >/dev/null && said "a value is longer than 32 bytes"
  check $lang "an unknown option" --bogus --lang "$lang"
done
# lang = in the settings decides the language of the settings' own mistakes too
printf 'lang = en\nmode = bogus\n' >"$tmp/en.conf"
check en "lang = en in a settings file with a mistake" --config "$tmp/en.conf" check
printf 'lang = nl\nmode = bogus\n' >"$tmp/nl.conf"
check nl "lang = nl in a settings file with a mistake" --config "$tmp/nl.conf" check

[ $fail -eq 0 ] && echo "ok: $runs runs, each in one language"
exit $fail
