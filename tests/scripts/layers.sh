#!/bin/sh
# layers.sh ROOT: the layers of src/ (see src/meson.build) only point down. Each folder may
# include headers of its own and of the folders listed for it below; each third-party header
# belongs to one folder, so the logic stays testable without a terminal, a database or a
# server. The build enforces the same with per-layer include folders; this test says it in
# words, and also catches a header included by a path that the build would happen to find.
set -u
src=$1/src
fail=0
say() { echo "not ok: $*"; fail=1; }

# folder: the folders it may include from (itself first)
allowed() {
  case $1 in
    base) echo "base" ;;
    model) echo "model base" ;;
    load) echo "load model base" ;;
    store) echo "store base" ;;
    central) echo "central store base" ;;
    report) echo "report model store base" ;;
    app) echo "app load report model store base" ;;
    cli) echo "cli app central load report model store base" ;;
    tui) echo "tui app report model store base" ;;
    .) echo "tui cli app central load report model store base" ;;
  esac
}
# the folder that owns a project header (load/hsds counts as load), from a map made once
map=$(mktemp) || exit 1
trap 'rm -f "$map"' EXIT
find "$src" -name '*.h' -not -path '*/po/*' | sort | while read -r f; do
  rel=${f#"$src"/}
  case $rel in */*) echo "${f##*/} ${rel%%/*}" ;; *) echo "${f##*/} ." ;; esac
done >"$map"
owner() {
  o=$(awk -v h="$1" '$1 == h { print $2; exit }' "$map")
  echo "${o:-?}"
}

for f in $(find "$src" -name '*.[ch]' | sort); do
  rel=${f#"$src"/}
  case $rel in */*) layer=${rel%%/*} ;; *) layer=. ;; esac
  ok=$(allowed "$layer")
  [ -n "$ok" ] || { say "$rel is in a folder that is no layer"; continue; }
  for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
    [ "$h" = buildinfo.h ] && [ "$layer" = . ] && continue # main.c: version and paths from meson
    o=$(owner "${h##*/}")
    case " $ok " in
      *" $o "*) ;;
      *) say "$rel includes $h from $o/, which $layer/ may not use (allowed: $ok)" ;;
    esac
  done
done

# third-party headers: header, the one folder allowed to include it
third() {
  for f in $(grep -rlE "#include <$1>" "$src" --include='*.[ch]'); do
    rel=${f#"$src"/}
    case $rel in "$2"/*) ;; *) say "$rel includes <$1>, which belongs in src/$2/ only" ;; esac
  done
  [ -n "${3:-}" ] || grep -rqE "#include <$1>" "$src/$2" ||
    say "nothing in src/$2/ includes <$1> (a moved file would pass silently)"
}
third cJSON.h load
third sqlite3.h store
third libpq-fe.h central
third curses.h tui
third ncurses.h tui optional
third term.h tui
[ $fail -eq 0 ] && echo "ok: every layer includes only from the layers below it"
exit $fail
