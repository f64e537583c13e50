#!/bin/bash
# test-install.sh — `meson install` into a DESTDIR puts in place what a
# GNOME desktop needs, valid: both programs, the desktop file, the
# AppStream metainfo, the GSettings schema, the MIME type (a plan is
# recognised by its name and by its content), the icons and the Chinese
# translation.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
build=${BUILD_ROOT:?BUILD_ROOT: the meson build folder}
id=io.github.valueloop.Valueloop
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && sed 's/^/# /' <<<"$2"; }
check() { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-}"; fi; }
tool() { command -v "$1" >/dev/null || { echo "ok $((n + 1)) - $2 # SKIP $1 is not installed (build-aux/dev installs it)"; n=$((n + 1)); return 1; }; }

dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
echo "1..14"
out=$(meson install -C "$build" --destdir "$dest" --no-rebuild 2>&1)
check "meson install into a DESTDIR" '[ $? -eq 0 ]' "$out"
share=$(dirname "$(find "$dest" -type d -path "*/share/applications" | head -n 1)")
bin=$(dirname "$(find "$dest" -type f -path "*/bin/valueloop" | head -n 1)")
for f in "$bin/valueloop" "$bin/valueloop-cli"; do
  check "installs $(basename "$f")" '[ -x "$f" ]'
done
files=(applications/$id.desktop metainfo/$id.metainfo.xml glib-2.0/schemas/$id.gschema.xml
       mime/packages/$id.mime.xml icons/hicolor/scalable/apps/$id.svg
       icons/hicolor/symbolic/apps/$id-symbolic.svg locale/zh_CN/LC_MESSAGES/valueloop.mo)
for f in "${files[@]}"; do
  check "installs share/$f" '[ -s "$share/$f" ]'
done
if tool desktop-file-validate "the desktop file is valid"; then
  out=$(desktop-file-validate "$share/applications/$id.desktop" 2>&1)
  check "the desktop file is valid" '[ $? -eq 0 ]' "$out"
fi
if tool appstreamcli "the metainfo is valid"; then
  out=$(appstreamcli validate --no-net --explain "$share/metainfo/$id.metainfo.xml" 2>&1)
  check "the metainfo is valid" '[ $? -eq 0 ]' "$out"
fi
out=$(glib-compile-schemas --strict --dry-run "$share/glib-2.0/schemas" 2>&1)
check "the GSettings schema compiles strictly" '[ $? -eq 0 ]' "$out"
# The MIME database built in the install; a plan by its name, and by its
# content when it has no name to go by.
if tool update-mime-database "a plan is application/x-valueloop by name and by content" && tool gio "as above"; then
  update-mime-database "$share/mime" >/dev/null 2>&1
  "$bin/valueloop-cli" new "$dest/plan.valueloop" >/dev/null && cp "$dest/plan.valueloop" "$dest/plan-without-a-name"
  by_name=$(XDG_DATA_DIRS="$share:/usr/share" gio info -a standard::content-type "$dest/plan.valueloop" 2>&1)
  by_content=$(XDG_DATA_DIRS="$share:/usr/share" gio info -a standard::content-type "$dest/plan-without-a-name" 2>&1)
  check "a plan is application/x-valueloop by name and by content" \
    'grep -q "content-type: application/x-valueloop" <<<"$by_name" && grep -q "content-type: application/x-valueloop" <<<"$by_content"' \
    "by name: $by_name
by content: $by_content"
fi
