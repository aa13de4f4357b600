#!/bin/sh
# test_install.sh SRCDIR: a Debian-style packaging check. Builds the project as a package
# would (release, -Dwerror=true, prefix /usr) in a temporary folder, installs it into a
# DESTDIR, and checks the tree: the binary, the content, its description as documentation, the
# manual page, the English messages, the units (where systemd.pc says), the kiosk user
# (sysusers.d, tmpfiles.d), the bash completion, nothing outside /usr but the units; then runs
# the installed binary on the installed content, and that only the sync helper loads libpq.
# Slow (a whole build): suite 'package'.
set -u
src=$(cd "$1" && pwd)
fail=0
say() { echo "not ok: $*"; fail=1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root

if ! meson setup "$tmp/build" "$src" --buildtype=release -Dwerror=true --prefix=/usr \
     --wrap-mode=nodownload >"$tmp/setup.log" 2>&1; then
  cat "$tmp/setup.log"; echo "not ok: meson setup failed"; exit 1
fi
if ! meson compile -C "$tmp/build" >"$tmp/compile.log" 2>&1; then
  grep -E 'error|warning' "$tmp/compile.log" | head -40; echo "not ok: the release build with -Dwerror=true failed"; exit 1
fi
echo "ok: release build with -Dwerror=true"
if ! meson install -C "$tmp/build" --destdir "$root" --no-rebuild >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"; echo "not ok: meson install failed"; exit 1
fi

# the units where systemd.pc says (Debian 12: /lib/systemd/system), else under the prefix
unitdir=$(pkg-config --variable=systemdsystemunitdir systemd 2>/dev/null) || unitdir=
unitdir=${unitdir:-/usr/lib/systemd/system}
unitdir=${unitdir#/}
for f in usr/bin/infokaart usr/libexec/infokaart/infokaart-sync usr/share/infokaart/infokaart.json usr/share/infokaart/activities.json \
         usr/share/infokaart/crisis.json usr/share/infokaart/profiles.json usr/share/infokaart/djg6.json \
         usr/share/man/man1/infokaart.1 usr/share/locale/en/LC_MESSAGES/infokaart.mo \
         "$unitdir/infokaart-kiosk@.service" "$unitdir/infokaart-sync.service" "$unitdir/infokaart-sync.timer" \
         usr/lib/sysusers.d/infokaart.conf usr/lib/tmpfiles.d/infokaart.conf \
         usr/share/bash-completion/completions/infokaart usr/share/doc/infokaart/SCHEMA.md \
         usr/share/doc/infokaart/RANKING.md usr/share/infokaart/sql/central.sql; do
  [ -f "$root/$f" ] || say "$f is not installed"
done
[ ! -e "$root/usr/share/infokaart/SCHEMA.md" ] || say "SCHEMA.md is installed with the content, not only as documentation"
grep -q '^u infokaart - .* /var/lib/infokaart ' "$root/usr/lib/sysusers.d/infokaart.conf" 2>/dev/null ||
  say "sysusers.d/infokaart.conf should make the user infokaart with its home in /var/lib/infokaart"
bash -n "$root/usr/share/bash-completion/completions/infokaart" 2>/dev/null &&
  grep -q '^complete .* infokaart$' "$root/usr/share/bash-completion/completions/infokaart" ||
  say "the installed bash completion is not 'infokaart completion bash'"
[ -d "$root/usr/share/infokaart/training" ] || say "usr/share/infokaart/training/ is not installed"
[ -x "$root/usr/bin/infokaart" ] || say "usr/bin/infokaart is not executable"
[ -x "$root/usr/libexec/infokaart/infokaart-sync" ] || say "usr/libexec/infokaart/infokaart-sync is not executable"
outside=$(cd "$root" && find . ! -type d ! -path './usr/*' ! -path "./$unitdir/*")
[ -z "$outside" ] || say "installed outside /usr (and the units' folder $unitdir): $outside"
stray=$(cd "$root" && find . -name '*.c' -o -name '*.h' -o -name '*.o' -o -name 'meson.build' | head -5)
[ -z "$stray" ] || say "build files installed: $stray"

bin=$root/usr/bin/infokaart
env -u INFOKAART_CONTENT "$bin" --version | grep -q "^infokaart [0-9]" || say "--version of the installed binary"
env -u INFOKAART_CONTENT INFOKAART_CONFIG=/dev/null "$bin" check "$root/usr/share/infokaart" >"$tmp/check.log" 2>&1 ||
  say "the installed binary refuses the installed content: $(cat "$tmp/check.log")"
if ldd "$bin" | grep -q libpq; then
  say "usr/bin/infokaart loads libpq: only the sync helper may"
fi
ldd "$root/usr/libexec/infokaart/infokaart-sync" | grep -q libpq || say "the sync helper does not link libpq"
strings "$bin" | grep -qx '/usr/libexec/infokaart/infokaart-sync' || say "the binary does not look for its helper in /usr/libexec/infokaart"
# sync --status goes through the helper: found from the installed binary's folder
env -u INFOKAART_CONTENT INFOKAART_CONFIG=/dev/null INFOKAART_DB="$tmp/status.db" "$bin" sync --status \
  >"$tmp/status.log" 2>&1
grep -q "kan niet starten" "$tmp/status.log" && say "the installed binary cannot start its sync helper: $(cat "$tmp/status.log")"
strings "$bin" | grep -qx '/usr/share/infokaart' || say "the binary does not look for its content in /usr/share/infokaart"
strings "$bin" | grep -qx '/usr/share/locale' || say "the binary does not look for its messages in /usr/share/locale"
# no build path in the binary: the same source gives the same binary wherever it is built
for p in "$src" "$tmp/build"; do
  ! grep -qF "$p" "$bin" || say "the installed binary names the build path $p"
done
[ ! -e "$root/usr/bin/infokaart-uninstalled" ] || say "infokaart-uninstalled (build folder only) is installed"
msg=$(env -u INFOKAART_CONTENT INFOKAART_CONFIG=/dev/null HOME="$tmp" "$bin" --content "$tmp/none" check 2>&1)
case $msg in *"$src"*) say "an error of the installed binary names the source tree: $msg" ;; esac
msgunfmt "$root/usr/share/locale/en/LC_MESSAGES/infokaart.mo" 2>/dev/null | grep -q 'Stopped: nothing was recorded.' ||
  say "the installed English catalogue lacks a known message"
grep -q "ExecStart=/usr/bin/infokaart" "$root/$unitdir/infokaart-kiosk@.service" ||
  say "the kiosk unit does not start /usr/bin/infokaart"
if ! groff -man -ww -z "$root/usr/share/man/man1/infokaart.1" 2>"$tmp/man.log" || [ -s "$tmp/man.log" ]; then
  say "the installed manual page: $(cat "$tmp/man.log")"
fi
[ $fail -eq 0 ] && echo "ok: installs cleanly into a DESTDIR"
exit $fail
