#!/bin/sh
# A bounded libFuzzer run for CI: run_fuzz.sh TARGET CORPUS SECONDS [DICT] (FUZZ_SECONDS in the
# environment overrides SECONDS, for a longer run by hand). libFuzzer writes
# new inputs into its first corpus folder, so the committed corpus is copied first; crashes go
# to $FUZZ_ARTIFACTS (default: a folder in the temporary folder), and the test fails on one.
# The last line says how many inputs ran.
set -u
target=$1 corpus=$2 seconds=${FUZZ_SECONDS:-$3} dict=${4:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/infokaart-fuzzrun-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
cp -R "$corpus/." "$work/corpus"
artifacts=${FUZZ_ARTIFACTS:-$work/artifacts}
mkdir -p "$artifacts"
set -- -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$artifacts/"
[ -n "$dict" ] && set -- "$@" -dict="$dict"
"$target" "$@" "$work/corpus" >"$work/log" 2>&1
status=$?
grep -E '^(#[0-9]+.*(DONE|pulse|NEW)|==[0-9]+==|SUMMARY|.*ERROR|stat::number_of_executed_units|stat::new_units_added)' "$work/log" | tail -n 40
if [ $status -ne 0 ]; then
  tail -n 60 "$work/log"
  for f in "$artifacts"/*; do # the input, to save as a regression test (tests/fuzz/regress)
    [ -f "$f" ] && { echo "$f (base64):"; base64 "$f"; } >&2
  done
  echo "fuzz: $(basename "$target") failed (status $status); the input is in $artifacts" >&2
  exit 1
fi
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
echo "fuzz: $(basename "$target"): ${execs:-?} inputs in ${seconds} s, no crash"
