#!/bin/sh
# Checks the kiosk's systemd unit with systemd-analyze verify, instantiated for tty1 and
# pointing at the binary just built: an unknown key, a typo or a missing binary fails. With a
# third and fourth argument, the sync service and its timer are verified the same way.
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
out=$(cd "$dir" && systemd-analyze verify ./infokaart-kiosk@tty1.service 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then echo "$out"; exit 1; fi
grep -q -- "--mode kiosk" "$dir/infokaart-kiosk@tty1.service"
echo "ok: kiosk unit verified"
if [ $# -ge 4 ]; then
  sed "s|@BINDIR@/infokaart|$binary|" "$3" > "$dir/infokaart-sync.service"
  cp "$4" "$dir/infokaart-sync.timer"
  out=$(cd "$dir" && systemd-analyze verify ./infokaart-sync.service ./infokaart-sync.timer 2>&1) ||
    { echo "$out"; exit 1; }
  if [ -n "$out" ]; then echo "$out"; exit 1; fi
  grep -q "^ExecStart=$binary sync\$" "$dir/infokaart-sync.service"
  grep -q "^Unit=\|^OnUnitActiveSec=" "$dir/infokaart-sync.timer"
  echo "ok: sync service and timer verified"
fi
