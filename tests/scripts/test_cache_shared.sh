#!/bin/sh
# test_cache_shared.sh INFOKAART INFOKAART_SYNC BENCH SRCDIR: the program and its helper (which
# loads the content for central, catalogue, sync and stats --from) use one catalogue cache
# beside the database: a cache one of them made is mapped by the other, not made again. The
# helper's central init loads the content before it finds no server.
set -u
prog=$1 helper=$2 bench=$3 src=$4
fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 INFOKAART_CONFIG=/dev/null HOME="$tmp" \
  INFOKAART_DB="$tmp/records.db" XDG_CONFIG_HOME="$tmp/config"
unset LANGUAGE
INFOKAART_CONTENT=$src/content "$bench" gen 1000 "$tmp/content" >/dev/null ||
  { echo "not ok: no catalogue generated"; exit 1; }
export INFOKAART_CONTENT="$tmp/content"
cache=$tmp/records.db-catalogue.cache
answers=$src/tests/data/scenarios/weduwe_overvecht.json
pg=postgresql://127.0.0.1:1/none?connect_timeout=2

program() { "$prog" suggest --answers "$answers" >/dev/null 2>"$tmp/err"; }
helper() { "$helper" central init --to "$pg" >/dev/null 2>"$tmp/err"; } # fails: no server
# made_by WHO THEN: WHO makes the cache, THEN's start must leave that very file in place
made_by() {
  rm -f "$cache"
  $1
  [ -f "$cache" ] || { echo "not ok: $1 made no cache: $(head -c 300 "$tmp/err")"; fail=1; return; }
  before=$(stat -c '%i %Y.%y' "$cache")
  sleep 1 # a file made again would have another time, even on the same inode
  $2
  after=$(stat -c '%i %Y.%y' "$cache")
  [ "$before" = "$after" ] || { echo "not ok: the cache $1 made was made again by $2"; fail=1; return; }
  echo "ok: the cache $1 made is used by $2"
}
made_by program helper
made_by helper program
made_by helper helper
exit $fail
