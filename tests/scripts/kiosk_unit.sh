#!/bin/sh
# Checks the kiosk's systemd unit with systemd-analyze verify, instantiated for tty1 and
# pointing at the binary just built: an unknown key, a typo or a missing binary fails (the
# manual page it names is not looked up: it is not installed yet). With a
# third and fourth argument, the sync service and its timer are verified the same way. Both
# services keep no core dump (LimitCORE=0: typed text would be in it) and are hardened:
# `systemd-analyze security` must rate their exposure under 5 (of 10).
set -eu
unit_in=$1
binary=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "SKIP: systemd-analyze is not installed; the kiosk unit was not verified"
  exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed "s|@BINDIR@/infokaart|$binary|" "$unit_in" > "$dir/infokaart-kiosk@tty1.service"
out=$(cd "$dir" && systemd-analyze verify --man=no ./infokaart-kiosk@tty1.service 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then echo "$out"; exit 1; fi
grep -q -- "--mode kiosk" "$dir/infokaart-kiosk@tty1.service"
echo "ok: kiosk unit verified"

# $1: a unit file in $dir. Its exposure (0.0 to 10.0, printed), under 5.0, and LimitCORE=0;
# its records in the StateDirectory (no fixed home), the same database for kiosk and sync.
hardened() {
  grep -q '^LimitCORE=0$' "$dir/$1" || { echo "not ok: $1 lacks LimitCORE=0"; exit 1; }
  grep -q '^StateDirectory=infokaart$' "$dir/$1" && grep -q '^StateDirectoryMode=0700$' "$dir/$1" &&
    grep -q '^Environment=INFOKAART_DB=%S/infokaart/infokaart.db$' "$dir/$1" ||
    { echo "not ok: $1 should keep its records in StateDirectory=infokaart (mode 0700, INFOKAART_DB there)"; exit 1; }
  ! grep -q '/home' "$dir/$1" || { echo "not ok: $1 names a fixed home: $(grep /home "$dir/$1")"; exit 1; }
  sec=$(cd "$dir" && systemd-analyze security --offline=true "./$1" 2>&1)
  level=$(printf '%s\n' "$sec" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
  [ -n "$level" ] || { printf '%s\n' "$sec" | tail -5; echo "not ok: no exposure level for $1"; exit 1; }
  echo "$1: exposure $level"
  if ! (cd "$dir" && systemd-analyze security --offline=true --threshold=49 "./$1" >/dev/null 2>&1); then
    printf '%s\n' "$sec" | grep '✗' | head -20
    echo "not ok: $1 exposure $level, not under 5"
    exit 1
  fi
}
hardened infokaart-kiosk@tty1.service
if [ $# -ge 4 ]; then
  sed "s|@BINDIR@/infokaart|$binary|" "$3" > "$dir/infokaart-sync.service"
  cp "$4" "$dir/infokaart-sync.timer"
  out=$(cd "$dir" && systemd-analyze verify --man=no ./infokaart-sync.service ./infokaart-sync.timer 2>&1) ||
    { echo "$out"; exit 1; }
  if [ -n "$out" ]; then echo "$out"; exit 1; fi
  grep -q "^ExecStart=$binary sync\$" "$dir/infokaart-sync.service"
  grep -q "^Unit=\|^OnUnitActiveSec=" "$dir/infokaart-sync.timer"
  echo "ok: sync service and timer verified"
  hardened infokaart-sync.service
fi
