#!/bin/sh
# test_man.sh MANPAGE INFOKAART SRCDIR: the manual page has no groff warnings, and it and
# --help agree: every command and option that --help names (in Dutch and in English) is in
# the manual page, and every command main.c and cli_records.c dispatch is in --help.
set -u
man_page=$1 prog=$2 src=$3
fail=0
say() { echo "$*"; fail=1; }

warnings=$(groff -man -ww -z -Tutf8 "$man_page" 2>&1)
[ -z "$warnings" ] || say "groff warnings: $warnings"
if command -v man >/dev/null 2>&1; then
  warnings=$(MANWIDTH=80 man --warnings -l "$man_page" 2>&1 >/dev/null)
  [ -z "$warnings" ] || say "man warnings: $warnings"
fi

# the page as words: \- is -, font escapes go
text=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$man_page")
help_nl=$(LANGUAGE='' LC_ALL=C.UTF-8 "$prog" --help) || say "--help failed"
help_en=$(LANGUAGE='' LC_ALL=C.UTF-8 "$prog" --lang en --help) || say "--lang en --help failed"
for help in "$help_nl" "$help_en"; do
  commands=$(printf '%s\n' "$help" | sed -n 's/^  \([a-z][a-z-]*\)\( .*\)\{0,1\}$/\1/p')
  options=$(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u)
  [ -n "$commands" ] || say "no commands found in --help"
  for w in $commands $options; do
    printf '%s\n' "$text" | grep -q -- "$w" || say "'$w' is in --help but not in the manual page"
  done
done
dispatched=$(sed -n 's/.*strcmp(cmd, "\([a-z-]*\)").*/\1/p' "$src/main.c"
             sed -n 's/^[[:space:]]*{"\([a-z][a-z-]*\)", [O0].*/\1/p' "$src/cli/cli_records.c")
[ -n "$dispatched" ] || say "no commands found in main.c"
for w in $dispatched; do
  printf '%s\n' "$help_nl" | grep -q "^  $w\b" || say "command '$w' is not in --help"
done
for section in NAME SYNOPSIS DESCRIPTION MODES COMMANDS OPTIONS KEYS FILES ENVIRONMENT "EXIT STATUS" EXAMPLES; do
  grep -q "^\.SH \"\{0,1\}$section\"\{0,1\}$" "$man_page" || say "section $section missing"
done
[ $fail -eq 0 ] && echo "manual page and --help agree"
exit $fail
