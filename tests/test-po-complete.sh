#!/bin/bash
# test-po-complete.sh — every message the sources mark is translated in
# each catalogue of po/LINGUAS, and none is fuzzy. The template is made
# from the sources now (xgettext, as po/meson.build's update target does),
# so a new string without its translation fails here, in the same change.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
root=${SOURCE_ROOT:-$(dirname "$0")/..}
for t in xgettext msgmerge msgfmt; do
  if ! command -v "$t" >/dev/null; then
    echo "1..0 # SKIP $t is not installed (Debian's gettext package; build-aux/dev installs it)"
    exit 0
  fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root" || exit 1
xgettext --from-code=UTF-8 --add-comments=Translators --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=ngettext:1,2 --keyword=g_dngettext:2,3 -f po/POTFILES.in -o "$tmp/valueloop.pot" ||
  { echo "Bail out! xgettext failed"; exit 1; }
langs=$(grep -v '^#' po/LINGUAS)
echo "1..$(wc -w <<<"$langs")"
n=0
for lang in $langs; do
  n=$((n + 1))
  msgmerge -q "po/$lang.po" "$tmp/valueloop.pot" -o "$tmp/$lang.po"
  stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  if grep -qE "fuzzy|untranslated" <<<"$stats"; then
    echo "not ok $n - $lang: $stats"
    # Which ones, so the fix is at hand.
    msgattrib --no-wrap --only-fuzzy "$tmp/$lang.po" 2>/dev/null | grep -vx 'msgid ""' | grep -E '^msgid ' | head -n 20 | sed 's/^/# fuzzy: /'
    msgattrib --no-wrap --untranslated "$tmp/$lang.po" 2>/dev/null | grep -vx 'msgid ""' | grep -E '^msgid ' | head -n 20 | sed 's/^/# untranslated: /'
  else
    echo "ok $n - $lang: $stats"
  fi
done
