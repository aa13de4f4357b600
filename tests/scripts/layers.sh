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

# One pass: each "#include" of a project header, judged by awk against the allowed folders.
# header -> folder that owns it (load/hsds counts as load)
owners=$(cd "$src" && find . -name '*.h' -not -path './po/*' | sed 's#^\./##' |
  awk -F/ '{ print $NF, (NF > 1 ? $1 : ".") }')
bad=$(cd "$src" && grep -rHo --include='*.[ch]' '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]*"' . |
  sed 's#^\./##; s#:.*"\(.*\)"$# \1#' |
  awk -v owners="$owners" '
    BEGIN {
      n = split(owners, o, "\n"); for (i = 1; i <= n; i++) { split(o[i], f, " "); own[f[1]] = f[2] }
      # folder: the folders it may include from (itself first)
      ok["base"] = "base"; ok["model"] = "model base"; ok["load"] = "load model base"
      ok["store"] = "store base"; ok["central"] = "central store base"
      ok["report"] = "report model store base"
      ok["app"] = "app load report model store base"
      ok["cli"] = "cli app central load report model store base"
      ok["tui"] = "tui app report model store base"
      ok["."] = "tui cli app central load report model store base"
    }
    END { print "checked " NR }
    {
      file = $1; hdr = $2; sub(/.*\//, "", hdr)
      layer = index(file, "/") ? substr(file, 1, index(file, "/") - 1) : "."
      if (!(layer in ok)) { print file " is in a folder that is no layer"; next }
      if (hdr == "buildinfo.h" && layer == ".") next # main.c: version and paths from meson
      if (hdr == "content_image_id.h" && layer == "load") next # made by src/load/sources_id.py
      ow = (hdr in own) ? own[hdr] : "?"
      if (index(" " ok[layer] " ", " " ow " ") == 0)
        print file " includes " $2 " from " ow "/, which " layer "/ may not use (allowed: " ok[layer] ")"
    }')
checked=$(printf '%s\n' "$bad" | sed -n 's/^checked //p')
bad=$(printf '%s\n' "$bad" | grep -v '^checked ')
[ "${checked:-0}" -gt 100 ] || { echo "not ok: only ${checked:-no} includes were checked"; fail=1; }
if [ -n "$bad" ]; then
  printf '%s\n' "$bad" | sed 's/^/not ok: /'
  fail=1
fi

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
