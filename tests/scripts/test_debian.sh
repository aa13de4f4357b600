#!/bin/sh
# test_debian.sh SRCDIR BUILDDIR: debian/ agrees with the meson build, so the package stays
# buildable without running dpkg-buildpackage (too slow for every run; the README says how):
# - debian/changelog's version is meson's project version;
# - every pkg-config module meson.build asks for is in Build-Depends, by the Debian package
#   that owns its .pc file (dpkg -S), and those only the tests need are marked <!nocheck>;
# - every suite debian/rules runs exists, and none of them needs a server, a terminal or the
#   network (sync, e2e, valgrind, package);
# - every Files: pattern of debian/copyright, and every file of debian/infokaart.docs, exists.
# Where the package puts files is checked by the install test (test_install.sh).
set -u
src=$1 build=$2
fail=0
say() { echo "not ok: $*"; fail=1; }
deb=$src/debian
[ -d "$deb" ] || { echo "not ok: no debian/ folder"; exit 1; }

version=$(sed -n "s/^ *version : '\([^']*\)'.*/\1/p" "$src/meson.build" | head -1)
changelog=$(sed -n '1s/^infokaart (\([^)-]*\)\(-[^)]*\)\{0,1\}).*/\1/p' "$deb/changelog")
[ -n "$version" ] && [ "$version" = "$changelog" ] ||
  say "debian/changelog is at '${changelog:-?}', meson.build at '${version:-?}'"

# Build-Depends as "package<TAB>profile" lines (profile "nocheck" or empty).
bdeps=$(sed -n '/^Build-Depends:/,/^[A-Z][A-Za-z-]*:/p' "$deb/control" | sed '$d' |
  sed 's/^Build-Depends://' | tr ',' '\n' | sed -n 's/^ *\([a-z0-9][a-z0-9.+-]*\)[^<]*\(<!\([a-z]*\)>\)\{0,1\}.*/\1	\3/p')
[ -n "$bdeps" ] || say "no Build-Depends read from debian/control"
if command -v dpkg >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1; then
  for f in $(cd "$src" && find . -name meson.build -not -path './build*' -not -path './obj-*'); do
    for mod in $(grep -o "dependency('[^']*'" "$src/$f" | sed "s/dependency('//; s/'//"); do
      pc=$(pkg-config --path "$mod" 2>/dev/null) || { echo "skip: $mod.pc is not installed here"; continue; }
      pkg=$(dpkg -S "$pc" 2>/dev/null | sed 's/:.*//; s/,.*//')
      [ -n "$pkg" ] || { say "no Debian package owns $pc"; continue; }
      line=$(printf '%s\n' "$bdeps" | grep "^$pkg	")
      case $f in ./tests/*) want=nocheck ;; *) want= ;; esac
      if [ -z "$line" ]; then
        say "$f needs $mod ($pkg), which debian/control's Build-Depends lacks"
      elif [ "${line#*	}" != "$want" ]; then
        say "$pkg (for $mod in $f) should be ${want:+<!$want> }in Build-Depends, is '<!${line#*	}>'"
      fi
    done
  done
else
  echo "skip: no dpkg or pkg-config here; Build-Depends not compared"
fi

suites=$(sed -n 's/.*dh_auto_test -- //p' "$deb/rules" | grep -o -- '--suite [a-z0-9-]*' | sed 's/--suite //')
[ -n "$suites" ] || say "debian/rules runs no test suite"
known=$(meson introspect --tests "$build" | python3 -c \
  'import json, sys; print("\n".join(sorted({s.split(":")[-1] for t in json.load(sys.stdin) for s in t["suite"]})))')
for s in $suites; do
  printf '%s\n' "$known" | grep -qx "$s" || say "debian/rules runs suite '$s', which meson does not have"
  case $s in sync | e2e | valgrind | package | fuzz*) say "debian/rules runs suite '$s', which needs a server, a terminal or a whole build" ;; esac
done

set -f # the patterns are globbed one by one below, in the source tree
patterns=$(sed -n '/^Files:/,/^[A-Z][A-Za-z-]*:/{s/^Files://;/^[A-Z]/d;p}' "$deb/copyright")
for pattern in $patterns; do
  set +f
  # shellcheck disable=SC2086 # the pattern is meant to glob
  set -- "$src"/$pattern
  [ -e "$1" ] || say "debian/copyright names '$pattern', which matches no file"
  set -f
done
set +f
while read -r doc; do
  [ -z "$doc" ] || [ -e "$src/$doc" ] || say "debian/infokaart.docs names $doc, which does not exist"
done <"$deb/infokaart.docs"
[ $fail -eq 0 ] && echo "ok: debian/ agrees with the meson build ($version; suites: $(echo $suites))"
exit $fail
