#!/usr/bin/env bash
# test-cli.sh — valueloop-cli end to end, as TAP.
# Every bad-input case checks the exit status, that the message names the
# file, and that the file on disk is byte for byte unchanged.
set -u
CLI=${VALUELOOP_CLI:?set VALUELOOP_CLI to the built valueloop-cli}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
export XDG_DATA_HOME=$DIR/data LC_ALL=C.UTF-8
cd "$DIR" || exit 1

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && sed 's/^/# /' <<<"$2"; }
check() { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-}"; fi; }

# refused NAME FILE EXPECTED-TEXT -- COMMAND...: non-zero exit, message names
# FILE and contains EXPECTED-TEXT, FILE unchanged (or still absent).
refused() {
  local name=$1 file=$2 text=$3; shift 4
  local before after out rc
  before=$( [ -e "$file" ] && sha256sum "$file" || echo absent)
  out=$("$@" 2>&1); rc=$?
  after=$( [ -e "$file" ] && sha256sum "$file" || echo absent)
  if [ $rc -ne 0 ] && grep -qF -- "$file" <<<"$out" && grep -qF -- "$text" <<<"$out" &&
     [ "$before" = "$after" ] && [ -z "$(ls -a | grep -E -- '-(journal|wal|shm)$|\.tmp$')" ]; then
    ok "$name"
  else
    not_ok "$name" "rc=$rc out=$out before=$before after=$after"
  fi
}

out=$("$CLI" demo plan.valueloop 2>&1)
check "demo creates the sample plan" '[ $? -eq 0 ] && grep -q "Items *1[5-9][0-9]" <<<"$out"' "$out"
out=$("$CLI" info plan.valueloop)
check "info shows counts per kind and backlog" 'grep -q "Objectives *8" <<<"$out" && grep -q "Backlog “Commerce Platform”" <<<"$out" && grep -qE "Format: *[0-9]+" <<<"$out"' "$out"
check "info leaves the file unchanged" '[ "$(sha256sum < plan.valueloop)" = "$(cat plan.valueloop | sha256sum)" ]'

out=$("$CLI" list plan.valueloop --backlog Storefront --status reviewed)
check "list filters by backlog and status" '[ "$(grep -c " reviewed " <<<"$out")" -ge 5 ] && ! grep -q " launched " <<<"$out" && grep -q "^# Storefront" <<<"$out"' "$out"

out=$("$CLI" add plan.valueloop --backlog Storefront --title "Quick reorder from email" --moscow must --cost 5 --launch-date 2026-10-01 2>&1)
check "add appends an item with fields" 'grep -q "must *Quick reorder from email" <<<"$out"' "$out"
check "added item is last in rank order" '"$CLI" list plan.valueloop --backlog Storefront | tail -n 1 | grep -q "Quick reorder from email"'
id=$("$CLI" list plan.valueloop --backlog Storefront | tail -n 1 | cut -c1-8)
out=$("$CLI" set plan.valueloop "$id" status ready 2>&1)
check "set changes a field by id prefix" 'grep -q "status = ready" <<<"$out"' "$out"
check "set is visible in list" '"$CLI" list plan.valueloop --status ready | grep -q "Quick reorder from email"'

"$CLI" export-json plan.valueloop -o a.json
"$CLI" import-json a.json copy.valueloop >/dev/null
"$CLI" export-json copy.valueloop -o b.json
check "export → import → export is identical" 'cmp -s a.json b.json'
check "check accepts a good plan" '"$CLI" check plan.valueloop | grep -q "OK"'

"$CLI" new empty.valueloop --title "Empty" >/dev/null
out=$("$CLI" add empty.valueloop --title "First idea" 2>&1)
check "add to a new plan creates its first backlog" 'grep -q "First idea" <<<"$out" && "$CLI" info empty.valueloop | grep -q "Backlog “Backlog”: 1 items"' "$out"

cp plan.valueloop laptop2.valueloop
XDG_DATA_HOME=$DIR/data2 "$CLI" set laptop2.valueloop "$id" cost 21 >/dev/null
"$CLI" set plan.valueloop "$id" moscow could >/dev/null
before2=$(sha256sum < laptop2.valueloop)
out=$("$CLI" merge plan.valueloop laptop2.valueloop 2>&1)
check "merge takes the other device's edit" 'grep -q "1 fields taken" <<<"$out" && "$CLI" list plan.valueloop --status ready | grep -q "could .*Quick reorder"' "$out"
check "merge leaves the other file unchanged" '[ "$(sha256sum < laptop2.valueloop)" = "$before2" ]'
out=$("$CLI" export-json plan.valueloop | grep -c '"cost" : 21')
check "merged value is in the plan" '[ "$out" -ge 1 ]'
refused "merge refuses another plan" empty.valueloop "another plan" -- "$CLI" merge plan.valueloop empty.valueloop

cp laptop2.valueloop "plan.sync-conflict-20261125-093012-ABCD123.valueloop"
XDG_DATA_HOME=$DIR/data2 "$CLI" set "plan.sync-conflict-20261125-093012-ABCD123.valueloop" "$id" title "Renamed on laptop 2" >/dev/null 2>&1 || true
out=$("$CLI" sync plan.valueloop 2>&1)
check "sync prints one summary line" '[ "$(wc -l <<<"$out")" -eq 1 ] && grep -q "plan.valueloop:" <<<"$out"' "$out"
out=$("$CLI" sync plan.valueloop 2>&1)
check "sync again is up to date" 'grep -q "no changes to import, up to date" <<<"$out"' "$out"

cp plan.valueloop mycopy.valueloop
refused "a copy of an open plan is refused" mycopy.valueloop "is a copy of the plan" -- "$CLI" set mycopy.valueloop "$id" cost 3
out=$("$CLI" independent mycopy.valueloop 2>&1)
check "independent makes a copy a plan of its own" '"$CLI" set mycopy.valueloop "$id" cost 3 >/dev/null && [ "$("$CLI" info mycopy.valueloop | sed -n "s/Document: *//p")" != "$("$CLI" info plan.valueloop | sed -n "s/Document: *//p")" ]' "$out"

# Bad input
refused "new refuses an existing file" plan.valueloop "already exists" -- "$CLI" new plan.valueloop
head -c 4096 /dev/urandom > random.valueloop
refused "info refuses random bytes" random.valueloop "not a database" -- "$CLI" info random.valueloop
refused "check refuses random bytes" random.valueloop "not a database" -- "$CLI" check random.valueloop
refused "add refuses random bytes" random.valueloop "not a database" -- "$CLI" add random.valueloop --title x
sqlite3 foreign.valueloop "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
refused "set refuses another program's database" foreign.valueloop "another program" -- "$CLI" set foreign.valueloop abcd title x
cp plan.valueloop truncated.valueloop; truncate -s $(( $(stat -c %s plan.valueloop) / 2 )) truncated.valueloop
refused "info refuses a truncated plan" truncated.valueloop "damaged" -- "$CLI" info truncated.valueloop
cp plan.valueloop trigger.valueloop; sqlite3 trigger.valueloop "CREATE TRIGGER t AFTER UPDATE ON item BEGIN SELECT 1; END;"
refused "list refuses a plan with a trigger" trigger.valueloop "trigger" -- "$CLI" list trigger.valueloop
cp plan.valueloop newer.valueloop; sqlite3 newer.valueloop "PRAGMA user_version = 9;"
refused "add refuses a plan from a newer version" newer.valueloop "newer version" -- "$CLI" add newer.valueloop --backlog Storefront --title x
out=$("$CLI" info newer.valueloop 2>&1)
check "info reads a newer plan read-only and says so" 'grep -q "read-only" <<<"$out" && grep -q "Items" <<<"$out"' "$out"
refused "set refuses an impossible date" plan.valueloop "2026-02-30" -- "$CLI" set plan.valueloop "$id" launch-date 2026-02-30
refused "set refuses an unknown field" plan.valueloop "no field" -- "$CLI" set plan.valueloop "$id" colour red
refused "set refuses an unknown row" plan.valueloop "no row" -- "$CLI" set plan.valueloop ffffffff title x
refused "add refuses a bad value and adds nothing" plan.valueloop "moscow" -- "$CLI" add plan.valueloop --backlog Storefront --title "Half" --moscow sometimes
refused "add refuses an unknown backlog" plan.valueloop "no backlog" -- "$CLI" add plan.valueloop --backlog Nowhere --title x
refused "info refuses a missing file" missing.valueloop "does not exist" -- "$CLI" info missing.valueloop
echo '{"format": "valueloop", "version": 1, "doc-id": "nope"}' > bad.json
refused "import-json refuses a bad export" bad.json "doc-id" -- "$CLI" import-json bad.json new.valueloop
check "a refused import creates no plan" '[ ! -e new.valueloop ]'
out=$("$CLI" maps plan.valueloop)
check "maps lists both sample maps with node and card counts" 'grep -qE "impact map +19 nodes +0 cards +Mobile conversion impact map" <<<"$out" && grep -qE "story map +15 nodes +17 cards +Shopper buys on mobile" <<<"$out"' "$out"
out=$("$CLI" map plan.valueloop "Shopper buys on mobile")
check "map prints a story map as an outline" 'grep -q "^  Activity: Pay$" <<<"$out" && grep -q "^    Step: Pay with a wallet or card — 3 cards, 2 launched$" <<<"$out" && grep -q "^  Release: Walking skeleton — 8 cards" <<<"$out" && grep -q "^  Unplanned$" <<<"$out"' "$out"
out=$("$CLI" map plan.valueloop "Mobile conversion impact map")
check "map prints an impact map as a tree" 'grep -q "^  Goal: " <<<"$out" && grep -q "^    Actor: Mobile shoppers$" <<<"$out" && grep -q "^        Deliverable: Guest checkout" <<<"$out"' "$out"
refused "map names the plan when the map is not there" plan.valueloop "no map" -- "$CLI" map plan.valueloop "Nowhere map"
FIX=${G_TEST_SRCDIR:?}/fixtures/csv
out=$("$CLI" export-csv okr-review plan.valueloop --cycle "2026 H2" -o okr.csv 2>&1)
check "export-csv writes the OKR review of a cycle" '[ $? -eq 0 ] && head -n 1 okr.csv | grep -q "^Cycle,Level,Objective"' "$out"
out=$("$CLI" export-csv burndown plan.valueloop 2>&1); rc=$?
check "export-csv refuses an unknown kind" '[ $rc -eq 2 ] && grep -q "okr-review" <<<"$out"' "$out"
refused "export-csv names the plan when the cycle is not there" plan.valueloop "no cycle" -- "$CLI" export-csv okr-review plan.valueloop --cycle "1999 H1"
# The sample plan in the language asked for (the build tree's catalogues).
po_dir="${G_TEST_BUILDDIR:-}/../po"
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$' && [ -d "$po_dir/zh_CN" ]; then
  out=$(LC_ALL=C VALUELOOP_LOCALEDIR="$po_dir" "$CLI" demo --lang zh_CN demo-zh.valueloop 2>&1)
  check "demo --lang zh_CN writes the sample plan in Chinese" 'grep -q "年价值闭环" <<<"$out" && sqlite3 demo-zh.valueloop "SELECT title FROM item" | grep -qx "免注册游客结账"' "$out"
  out=$(LC_ALL=zh_CN.UTF-8 VALUELOOP_LOCALEDIR="$po_dir" "$CLI" demo --lang en demo-en.valueloop 2>&1)
  check "demo --lang en writes it in English under a Chinese locale" '"$CLI" info demo-en.valueloop | grep -q "Shoplane — value loops"' "$out"
else
  ok "demo --lang # SKIP no zh_CN.UTF-8 locale or no built catalogue (build-aux/dev test makes both)"
  ok "demo --lang en # SKIP as above"
fi
# Maps as pictures and PDFs (tests/test-map-export.c checks their content).
out=$("$CLI" export-map plan.valueloop "Shopper buys on mobile" -o story.png --scale 2 2>&1)
check "export-map writes a PNG at 2×" '[ $? -eq 0 ] && [ "$(python3 -c "import struct; print(*struct.unpack(\">II\", open(\"story.png\", \"rb\").read(24)[16:]))")" = "3856 1296" ]' "$out"
out=$("$CLI" export-map plan.valueloop "Mobile conversion impact map" -o impact.pdf --steps 2>&1)
check "export-map --steps writes a handout, a page a step" '[ $? -eq 0 ] && grep -q "impact.pdf: 10 steps" <<<"$out" && [ "$(pdfinfo impact.pdf | sed -n "s/^Pages: *//p")" -eq 10 ]' "$out"
echo "the old picture" > kept.svg
refused "export-map names the plan when the map is not there" plan.valueloop "no map" -- "$CLI" export-map plan.valueloop "Treasure map" -o kept.svg
check "a refused export-map leaves the old file" 'grep -q "the old picture" kept.svg'
out=$("$CLI" export-map plan.valueloop "Shopper buys on mobile" -o story.jpeg 2>&1); rc=$?
check "export-map refuses a format it does not write" '[ $rc -eq 2 ] && grep -q ".png, .svg or .pdf" <<<"$out"' "$out"
out=$("$CLI" export-map plan.valueloop "Shopper buys on mobile" -o story.svg --steps 2>&1); rc=$?
check "export-map --steps is for PDF only" '[ $rc -eq 2 ] && [ ! -e story.svg ]' "$out"
out=$("$CLI" import-csv "$FIX/jira-all-fields.csv" plan.valueloop --backlog Storefront --dry-run 2>&1)
check "import-csv --dry-run shows the source and the counts" 'grep -q "Source: Jira" <<<"$out" && grep -q "5 new, 0 updated, 0 skipped" <<<"$out"' "$out"
check "import-csv --dry-run writes nothing" '! "$CLI" list plan.valueloop | grep -q "Selected one"'
sum=$(sha256sum < plan.valueloop)
out=$("$CLI" import-csv "$FIX/impossible-date.csv" plan.valueloop --backlog Storefront 2>&1); rc=$?
check "import-csv refuses an impossible date by line and column" '[ $rc -eq 1 ] && grep -q "impossible-date.csv, line 3, column 3 (Launch Date)" <<<"$out" && grep -q "Nothing was imported" <<<"$out" && [ "$(sha256sum < plan.valueloop)" = "$sum" ]' "$out"
check "a refused import adds nothing" '! "$CLI" list plan.valueloop | grep -q " Two$"'
out=$("$CLI" import-csv "$FIX/linear.csv" plan.valueloop --backlog Storefront --map "Assignee=" 2>&1)
check "import-csv imports with a column left out" '"$CLI" list plan.valueloop --backlog Storefront | grep -q "Wishlist sharing" && ! "$CLI" export-csv backlog plan.valueloop | grep "Wishlist sharing" | grep -q "Chen Jing"' "$out"
out=$("$CLI" import-csv "$FIX/linear.csv" plan.valueloop --backlog Storefront 2>&1)
check "importing again updates instead of adding" 'grep -q "0 new, 4 updated" <<<"$out" && [ "$("$CLI" list plan.valueloop | grep -c "Wishlist sharing")" -eq 1 ]' "$out"
out=$("$CLI" import-csv "$FIX/linear.csv" plan.valueloop --backlog Storefront --map Title=colour 2>&1); rc=$?
check "import-csv refuses an unknown field to map to" '[ $rc -eq 1 ] && grep -q "“colour” is not a field" <<<"$out"' "$out"

out=$("$CLI" reviews plan.valueloop --due 2>&1)
check "reviews --due lists the overdue reviews first" '[ $? -eq 0 ] && head -n 1 <<<"$out" | grep -q "^# Overdue" && grep -q "days late" <<<"$out" && ! grep -q "^# Waiting" <<<"$out"' "$out"
late=$("$CLI" reviews plan.valueloop --due | sed -n 2p | cut -c1-8)
out=$("$CLI" reading plan.valueloop "$late" 2.31 --date 2026-11-30 --note "T+30" 2>&1)
check "reading records a reading and sets the actual value" 'grep -q "the actual value is now 2.31" <<<"$out"' "$out"
out=$("$CLI" review plan.valueloop "$late" --verdict validated --note "Held for four weeks" 2>&1)
check "review completes the review" 'grep -q "reviewed, Validated" <<<"$out" && "$CLI" list plan.valueloop --status reviewed | grep -q "^$late"' "$out"
idea=$("$CLI" list plan.valueloop --status idea | sed -n 2p | cut -c1-8)
refused "reading refuses an item not launched" plan.valueloop "not launched" -- "$CLI" reading plan.valueloop "$idea" 3
refused "reading refuses an impossible date" plan.valueloop "2026-02-30" -- "$CLI" reading plan.valueloop "$late" 3 --date 2026-02-30
out=$("$CLI" review plan.valueloop "$late" --verdict great 2>&1); rc=$?
check "review refuses an unknown verdict" '[ $rc -eq 2 ] && grep -q "validated, invalidated or inconclusive" <<<"$out"' "$out"
out=$("$CLI" portfolio plan.valueloop --backlog Storefront 2>&1)
check "portfolio shows the cost per stage, key result and backlog" 'grep -q "^# AARRR stage" <<<"$out" && grep -q "^# Key result" <<<"$out" && grep -qE "100.0%  .* Storefront$" <<<"$out"' "$out"
check "portfolio counts as delivered what launched in the current cycle" 'grep -qE "^Delivered: launched in the cycle “[0-9]{4} H[12]”" <<<"$out"' "$out"
refused "portfolio names the plan when the cycle is not there" plan.valueloop "no cycle" -- "$CLI" portfolio plan.valueloop --cycle "1999 H1"
out=$("$CLI" report cycle-time plan.valueloop --backlog Storefront 2>&1)
check "report cycle-time says its clock and its percentiles" 'grep -q "^# From In Progress to Launched" <<<"$out" && grep -qE "^# Cycle Time of [0-9]+ items: 50th percentile [0-9.]+ days" <<<"$out"' "$out"
out=$("$CLI" report cfd plan.valueloop --csv 2>&1)
check "report cfd --csv has a row for each of the last 90 days" '[ "$(grep -c "^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]," <<<"$out")" -eq 90 ] && head -1 <<<"$out" | grep -q "^Date,Idea,Ready,Planned,In Progress,Launched,Reviewed,Dropped"' "$out"
out=$("$CLI" report throughput plan.valueloop --from 2026-02-30 2>&1); rc=$?
check "report refuses an impossible date and says which option" '[ $rc -ne 0 ] && grep -qF -- "--from: “2026-02-30” is not a date" <<<"$out"' "$out"
out=$("$CLI" report velocity plan.valueloop 2>&1); rc=$?
check "report names the reports it knows" '[ $rc -eq 2 ] && grep -q "cfd, cycle-time, lead-time, throughput, aging, calibration" <<<"$out"' "$out"
out=$("$CLI" calendar plan.valueloop -o releases.ics 2>&1)
check "calendar writes an iCalendar file" 'grep -qE "^Wrote [0-9]+ events to releases.ics" <<<"$out" && head -1 releases.ics | grep -q "^BEGIN:VCALENDAR"' "$out"

out=$("$CLI" frobnicate 2>&1); rc=$?
check "an unknown command is a usage error" '[ $rc -eq 2 ] && grep -q "unknown command" <<<"$out"' "$out"
for c in new demo info list add set maps map export-json import-json export-csv import-csv sync merge independent check reviews reading review portfolio report calendar; do
  out=$("$CLI" "$c" --help 2>&1); rc=$?
  check "$c --help" '[ $rc -eq 0 ] && grep -qi "usage" <<<"$out"' "$out"
done

echo "1..$n"
