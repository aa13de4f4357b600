#!/bin/sh
# test_i18n.sh INFOKAART SRCDIR: the English catalogue is complete and the screens speak it.
# - msgfmt --check on src/po/en.po: no untranslated or fuzzy message, formats that match;
# - a fresh xgettext of POTFILES has no message that en.po lacks (msgcmp);
# - POTFILES lists every source file that marks strings, and nothing that is gone;
# - --plain through pipes is English with LANG=en_US.UTF-8, with --lang en (also under
#   LC_ALL=C.UTF-8), and Dutch by default, with LANG=nl_NL.UTF-8 and with --lang nl.
# The English runs need the en_US.UTF-8 locale (.ci/setup makes it); without it they are
# skipped (exit 77) after the catalogue checks.
set -u
prog=$1 src=$2
po=$src/src/po
fail=0
say() { echo "not ok: $*"; fail=1; }

stats=$(msgfmt --check --statistics -o /dev/null "$po/en.po" 2>&1) || say "msgfmt --check: $stats"
case $stats in
  *untranslated*|*fuzzy*) say "en.po is not complete: $stats" ;;
  *" translated message"*) echo "en.po: $stats" ;;
  *) say "msgfmt said: $stats" ;;
esac

# - every refusal and check sentence of the central store (central.sql: RETURN '…' of a push
#   function, the last literal of infokaart.need(…), format's %s kept) is in the list the site
#   translates them from (central_refusal_say in central_push.c): a phrase missing there would
#   reach an English run in Dutch.
sql_phrases=$(python3 - "$src/src/central/central.sql" "$src/src/central/central_push.c" <<'PY'
import re, sys
sql = re.sub(r"--[^\n]*", "", open(sys.argv[1], encoding="utf-8").read())
said = set(re.findall(r"RETURN\s+'([^']+)'", sql))
for args in re.findall(r"infokaart\.need\((.*?)\);", sql, re.S):
    said.add(re.findall(r"'([^']*)'", args)[-1])
c = open(sys.argv[2], encoding="utf-8").read()
listed = set(re.findall(r'N_\("([^"]*)"\)', c[c.index("refusals[] = {"):]))
for p in sorted(said - listed):
    print(p)
PY
) || say "reading central.sql failed"
[ -z "$sql_phrases" ] || say "central.sql says what central_refusal_say does not list: $sql_phrases"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
xgettext --directory="$src" --files-from="$po/POTFILES" --from-code=UTF-8 --keyword=_ --keyword=N_ \
  --keyword=ngettext:1,2 -o "$tmp/fresh.pot" 2>"$tmp/xgettext.err" || say "xgettext: $(cat "$tmp/xgettext.err")"
msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po/en.po" "$tmp/fresh.pot" 2>&1 || say "msgmerge failed"
# every untranslated message, a multi-line one too (its msgid "" line is followed by its text)
missing=$(msgattrib --untranslated --no-obsolete --no-wrap "$tmp/merged.po" | sed -n '/^msgid /,/^msgstr/{/^msgstr/d;p}' |
  sed 's/^msgid //' | grep -v '^""$')
[ -z "$missing" ] || say "strings in the code without an English translation (merge them into src/po/en.po):
$missing"

for f in $(find "$src/src" -name '*.[ch]' | sort); do
  rel=${f#"$src"/}
  [ "$rel" = src/base/i18n.h ] && continue
  if grep -qE '(^|[^A-Za-z0-9_])(N?_|ngettext)\(' "$f" && ! grep -qx "$rel" "$po/POTFILES"; then
    say "$rel marks strings for translation but is not in src/po/POTFILES"
  fi
done
while read -r rel; do
  [ -f "$src/$rel" ] || say "src/po/POTFILES names $rel, which does not exist"
done <"$po/POTFILES"

plain() { # plain ENV... -- ARGS: runs a walk that stops at once; prints what it said
  printf 'q\n' | env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG HOME="$tmp" INFOKAART_DB="$tmp/none.db" \
    INFOKAART_CONFIG=/dev/null "$@" 2>&1
}
expect() { # expect WHAT TEXT OUTPUT
  case $3 in *"$2"*) ;; *) say "$1: no '$2' in:
$3" ;; esac
}
nl_stop="Gestopt: er is niets vastgelegd."
expect "default (C.UTF-8)" "$nl_stop" "$(plain LC_ALL=C.UTF-8 "$prog" --plain)"
expect "LANG=nl_NL.UTF-8" "$nl_stop" "$(plain LANG=nl_NL.UTF-8 "$prog" --plain)"
expect "--help" "Gebruik: infokaart" "$(plain LC_ALL=C.UTF-8 "$prog" --help)"

if ! locale -a 2>/dev/null | grep -qix 'en_US.utf8'; then
  echo "skip: no en_US.UTF-8 locale (sh .ci/setup makes it)"
  [ $fail -eq 0 ] && exit 77
  exit 1
fi
en_stop="Stopped: nothing was recorded."
en_title="infokaart: from signal to referral"
out=$(plain LANG=en_US.UTF-8 "$prog" --plain)
expect "LANG=en_US.UTF-8" "$en_stop" "$out"
expect "LANG=en_US.UTF-8" "$en_title" "$out"
expect "--lang en" "$en_stop" "$(plain LANG=nl_NL.UTF-8 "$prog" --plain --lang en)"
expect "--lang en under LC_ALL=C.UTF-8" "$en_stop" "$(plain LC_ALL=C.UTF-8 "$prog" --plain --lang en)"
expect "LANGUAGE=en under LC_ALL=C.UTF-8" "$en_stop" "$(plain LC_ALL=C.UTF-8 LANGUAGE=en "$prog" --plain)"
expect "--lang nl with LANG=en_US.UTF-8" "$nl_stop" "$(plain LANG=en_US.UTF-8 "$prog" --plain --lang nl)"
printf 'lang = en\n' >"$tmp/config"
expect "lang = en in the config" "$en_stop" \
  "$(printf 'q\n' | env -u LANGUAGE -u LANG LC_ALL=C.UTF-8 HOME="$tmp" INFOKAART_DB="$tmp/none.db" "$prog" --config "$tmp/config" --plain 2>&1)"
expect "--help in English" "Usage: infokaart" "$(plain LANG=en_US.UTF-8 "$prog" --help)"
expect "an English error" "unknown command 'nope'" "$(plain LANG=en_US.UTF-8 "$prog" nope)"
[ $fail -eq 0 ] && echo "ok: the screens speak English and Dutch"
exit $fail
