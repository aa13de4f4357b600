#!/bin/sh
# link_layers.sh LIB...: the layers' static libraries call only down. For each library, every
# symbol it uses but does not define must be defined by a library of a layer it stands on
# (src/meson.build), or come from outside the project: libc, or the third-party library of
# its own layer (cJSON only from load, sqlite3 only from store, libpq only from central,
# curses only from tui). So an upward call, or a stray use of another layer's library, is
# caught whatever the tests happen to link. Needs nm (binutils).
set -u
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
for lib in "$@"; do
  name=$(basename "$lib" .a)
  name=${name#libik}
  nm -g --defined-only "$lib" 2>/dev/null | awk -v l="$name" 'NF == 3 { print "D", $3, l }'
  nm -u "$lib" 2>/dev/null | awk -v l="$name" '{ print "U", $NF, l }'
done >"$tmp/syms"
awk '
  BEGIN {
    # the layers a layer may call (src/meson.build). cli calls the sync commands through
    # cli_sync.h: in the main program the hand-over (clihandover), in infokaart-sync the
    # commands themselves (clisync).
    ok["base"] = "base"; ok["model"] = "model base"; ok["load"] = "load model base"
    ok["store"] = "store base"; ok["central"] = "central store base"
    ok["report"] = "report model store base"; ok["app"] = "app load report model store base"
    ok["cli"] = "cli clihandover clisync app load report model store base"
    ok["clihandover"] = "clihandover cli app load report model store base"
    ok["clisync"] = "clisync cli central app load report model store base"
    ok["tui"] = "tui app report model store base"
    # third-party libraries by their prefixes, and the one layer that may call each
    third["cJSON_"] = "load"; third["sqlite3_"] = "store"; third["PQ"] = "central"
    third["newterm"] = "tui"; third["wget_wch"] = "tui"; third["wrefresh"] = "tui"; third["endwin"] = "tui"
  }
  $1 == "D" { def[$2] = $3; next }
  $1 == "U" { use[++n] = $3 " " $2 }
  END {
    bad = 0
    for (i = 1; i <= n; i++) {
      split(use[i], u, " "); lib = u[1]; sym = u[2]
      if (!(lib in ok)) { print "not ok: " lib " is no layer"; bad = 1; continue }
      if (sym in def) {
        if (index(" " ok[lib] " ", " " def[sym] " ") == 0) {
          print "not ok: " lib " calls " sym " of " def[sym] ", which it may not use"; bad = 1
        }
        continue
      }
      for (p in third)
        if (index(sym, p) == 1 && third[p] != lib) {
          print "not ok: " lib " calls " sym ", which only " third[p] " may use"; bad = 1
        }
    }
    if (n < 100) { print "not ok: only " n " symbols were checked"; bad = 1 }
    if (!bad) print "ok: every layer library calls only the layers below it (" n " symbols)"
    exit bad
  }' "$tmp/syms"
