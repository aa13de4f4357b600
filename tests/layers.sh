#!/bin/sh
# layers.sh SRCDIR: each third-party header is included only in its own layer, so the logic
# stays testable without a terminal, a database or a server: cJSON in the content loader,
# SQLite in the store, libpq in the central store, curses in the screens.
set -u
src=$1/src
fail=0
check() { # header, shell pattern of the files allowed to include it
  for f in $(grep -l "#include <$1>" "$src"/*.c "$src"/*.h 2>/dev/null); do
    base=${f##*/}
    case $base in
      $2) ;;
      *) echo "not ok: $base includes <$1>, which belongs in $2 only"; fail=1 ;;
    esac
  done
}
check cJSON.h 'content*'
for f in $(grep -l '#include "content_json.h"' "$src"/*.c "$src"/*.h); do
  case ${f##*/} in content*) ;; *) echo "not ok: ${f##*/} includes content_json.h (cJSON)"; fail=1 ;; esac
done
check sqlite3.h 'store*'
check libpq-fe.h 'central*'
check curses.h 'ui.h'
check ncurses.h 'ui.h'
# and each layer does use its header somewhere (a moved file would otherwise pass silently)
for h in cJSON.h sqlite3.h libpq-fe.h curses.h; do
  grep -q "#include <$h>" "$src"/*.c "$src"/*.h || { echo "not ok: nothing includes <$h>"; fail=1; }
done
[ $fail -eq 0 ] && echo "ok: every third-party header stays in its layer"
exit $fail
