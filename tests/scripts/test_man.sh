#!/bin/sh
# test_man.sh MANPAGE INFOKAART SRCDIR: the manual page has no groff warnings, and it and
# --help agree: every command and option that --help names (in Dutch and in English) is in
# the manual page, and every command of the command table (as `infokaart completion bash` lists
# them) is in --help, and the completion script is valid bash.
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
completion=$(LC_ALL=C.UTF-8 "$prog" completion bash) || say "completion bash failed"
printf '%s\n' "$completion" | bash -n || say "the completion script is no valid bash"
# the words offered after "infokaart": the commands, then the options of every run
dispatched=$(printf '%s\n' "$completion" | sed -n "s/^    \*) words='\(.*\)' ;;$/\1/p" | tr ' ' '\n' | grep -v '^-')
[ -n "$dispatched" ] || say "no commands found in 'infokaart completion bash'"
# and completion offers what a command takes: e.g. stats --format, suggest --answers
for pair in "stats --format" "suggest --answers" "export --with-notes" "catalogue publish"; do
  printf '%s\n' "$completion" | grep -q "^    ${pair% *}) words='.*${pair#* }" || say "completion lacks '$pair'"
done
# and it completes as a person would type: "infokaart sta<Tab>", "infokaart stats --fo<Tab>"
got=$(printf '%s\n' "$completion" | bash -c 'source /dev/stdin
  COMP_WORDS=(infokaart sta); COMP_CWORD=1; _infokaart; printf "%s;" "${COMPREPLY[@]}"
  COMP_WORDS=(infokaart --db x stats --fo); COMP_CWORD=4; _infokaart; printf "%s;" "${COMPREPLY[@]}"
  COMP_WORDS=(infokaart stats --format ""); COMP_CWORD=3; _infokaart; printf "%s;" "${COMPREPLY[@]}"')
[ "$got" = "stats;--format;text;csv;json;" ] || say "completion completed 'sta', 'stats --fo' and '--format' as '$got'"
for w in $dispatched; do
  printf '%s\n' "$help_nl" | grep -q "^  $w\b" || say "command '$w' is not in --help"
done
for section in NAME SYNOPSIS DESCRIPTION MODES COMMANDS OPTIONS KEYS FILES ENVIRONMENT "EXIT STATUS" EXAMPLES; do
  grep -q "^\.SH \"\{0,1\}$section\"\{0,1\}$" "$man_page" || say "section $section missing"
done
[ $fail -eq 0 ] && echo "manual page and --help agree"
exit $fail
