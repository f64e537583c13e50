#!/usr/bin/env bash
# test-syncthing.sh — two real Syncthing instances on 127.0.0.1 share a plan.
#
# Both laptops edit the same plan while their link is paused (the same
# field on both, plus edits of their own). When the link resumes,
# Syncthing keeps one version and makes a real .sync-conflict- copy.
# `valueloop-cli sync` on both sides then has to converge: both shared
# files identical, both working copies up to date, no conflict copy left,
# and every edit from both sides present (the losing value of the field
# both edited kept in the conflict table). TAP output.
set -u
CLI=${VALUELOOP_CLI:?set VALUELOOP_CLI to the built valueloop-cli}
command -v syncthing >/dev/null || { echo "1..0 # SKIP syncthing is not installed (Debian: syncthing)"; exit 0; }
command -v curl >/dev/null || { echo "1..0 # SKIP curl is not installed"; exit 0; }

T=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
export LC_ALL=C.UTF-8 STNODEFAULTFOLDER=1 STNOUPGRADE=1 STGUIASSETS=
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && sed 's/^/# /' <<<"$2"; }
check() { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-}"; fi; }
bail() { echo "Bail out! $*"; for s in a b; do sed 's/^/# '$s': /' "$T/$s/log" 2>/dev/null | tail -20; done; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
KEY=valueloop-test-key

for s in a b; do
  mkdir -p "$T/$s/folder/.stfolder" "$T/$s/data"
  syncthing generate --home="$T/$s/home" --no-default-folder >"$T/$s/generate.log" 2>&1 || bail "syncthing generate failed"
  declare "ID_$s=$(sed -n 's/.*Device ID: *//p' "$T/$s/generate.log")"
  declare "PORT_$s=$(free_port)" "GUI_$s=$(free_port)"
done

write_config() {  # write_config SIDE
  local s=$1 port gui
  port=$(eval echo "\$PORT_$s"); gui=$(eval echo "\$GUI_$s")
  cat >"$T/$s/home/config.xml" <<XML
<configuration version="36">
  <folder id="plans" label="plans" path="$T/$s/folder" type="sendreceive" rescanIntervalS="2"
          fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
    <filesystemType>basic</filesystemType>
    <device id="$ID_a"></device>
    <device id="$ID_b"></device>
    <minDiskFree unit="%">0</minDiskFree>
    <versioning></versioning>
    <maxConflicts>10</maxConflicts>
  </folder>
  <device id="$ID_a" name="laptop-a" compression="metadata"><address>tcp://127.0.0.1:$PORT_a</address></device>
  <device id="$ID_b" name="laptop-b" compression="metadata"><address>tcp://127.0.0.1:$PORT_b</address></device>
  <gui enabled="true" tls="false"><address>127.0.0.1:$gui</address><apikey>$KEY</apikey></gui>
  <options>
    <listenAddress>tcp://127.0.0.1:$port</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <urAccepted>-1</urAccepted>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <startBrowser>false</startBrowser>
    <crashReportingEnabled>false</crashReportingEnabled>
    <minHomeDiskFree unit="%">0</minHomeDiskFree>
  </options>
</configuration>
XML
}

api() {  # api SIDE METHOD PATH
  local gui; gui=$(eval echo "\$GUI_$1")
  curl -sf -X "$2" -H "X-API-Key: $KEY" "http://127.0.0.1:$gui$3"
}

for s in a b; do
  write_config "$s"
  syncthing serve --home="$T/$s/home" --no-browser --no-restart --no-upgrade >"$T/$s/log" 2>&1 &
  pids+=($!)
done
for s in a b; do
  for _ in $(seq 100); do api "$s" GET /rest/system/ping >/dev/null 2>&1 && break; sleep 0.2; done
  api "$s" GET /rest/system/ping >/dev/null || bail "syncthing $s did not start"
done
ok "two syncthing instances on 127.0.0.1 (no discovery, relays or NAT)"

cli() {  # cli SIDE ARGS...: valueloop-cli as that laptop
  local s=$1; shift
  XDG_DATA_HOME="$T/$s/data" "$CLI" "$@"
}
PLAN=plan.valueloop
A=$T/a/folder/$PLAN
B=$T/b/folder/$PLAN

# until TIMEOUT COMMAND: retry a shell condition every 0.5 s
until_true() {
  local limit=$1; shift
  for _ in $(seq $((limit * 2))); do eval "$@" && return 0; sleep 0.5; done
  return 1
}
idle_and_in_sync() {
  for s in a b; do
    api "$s" POST "/rest/db/scan?folder=plans" >/dev/null 2>&1
  done
  sleep 1
  for s in a b; do
    local other=b; [ "$s" = b ] && other=a
    local dev; dev=$(eval echo "\$ID_$other")
    api "$s" GET "/rest/db/completion?folder=plans&device=$dev" | grep -q '"completion": *100' || return 1
    api "$s" GET "/rest/db/status?folder=plans" | grep -q '"state": *"idle"' || return 1
  done
}

cli a demo "$A" >/dev/null
until_true 60 '[ -f "$B" ] && cmp -s "$A" "$B"' || bail "the plan never reached laptop B"
ok "the plan reached laptop B"
cli b sync "$B" >/dev/null || bail "laptop B could not open the plan"
item=$(cli a list "$A" --backlog Storefront | sed -n 2p | cut -c1-8)
other=$(cli a list "$A" --backlog Storefront | sed -n 3p | cut -c1-8)

api a POST "/rest/system/pause?device=$ID_b" >/dev/null
api b POST "/rest/system/pause?device=$ID_a" >/dev/null
sleep 1
cli a set "$A" "$item" title "Guest checkout, as laptop A sees it" >/dev/null
cli a add "$A" --backlog Storefront --title "Added on laptop A while offline" >/dev/null
sleep 1.2   # laptop B edits later: its value should win the field both edited
cli b set "$B" "$item" title "Guest checkout, as laptop B sees it" >/dev/null
cli b set "$B" "$other" cost 34 >/dev/null
cli b add "$B" --backlog Storefront --title "Added on laptop B while offline" >/dev/null
check "both laptops published different versions while paused" '! cmp -s "$A" "$B"'

api a POST "/rest/system/resume?device=$ID_b" >/dev/null
api b POST "/rest/system/resume?device=$ID_a" >/dev/null
conflict() { ls "$T/a/folder" "$T/b/folder" | grep -q 'sync-conflict'; }
until_true 90 conflict || bail "syncthing made no conflict copy"
ok "syncthing made a real .sync-conflict- copy"

# Each laptop runs sync (as the app does when the folder changes) until
# both sides are quiet.
converged=0
for round in $(seq 20); do
  until_true 60 idle_and_in_sync || bail "syncthing did not settle"
  ra=$(cli a sync "$A" 2>&1); rb=$(cli b sync "$B" 2>&1)
  echo "# round $round: A: $ra | B: $rb"
  until_true 60 idle_and_in_sync || bail "syncthing did not settle"
  if ! conflict && cmp -s "$A" "$B" &&
     cli a sync "$A" | grep -q "no changes to import, up to date" &&
     cli b sync "$B" | grep -q "no changes to import, up to date"; then
    converged=1; break
  fi
done
check "both working copies and shared files converge" '[ $converged = 1 ]'
check "no conflict copy is left" '! conflict' "$(ls "$T/a/folder" "$T/b/folder")"

json=$(cli a export-json "$A")
check "laptop A's new item is there" 'grep -q "Added on laptop A while offline" <<<"$json"'
check "laptop B's new item is there" 'grep -q "Added on laptop B while offline" <<<"$json"'
check "laptop B's other edit is there" 'grep -q "\"cost\" : 34" <<<"$json"'
check "the field both edited has laptop B's later value" 'cli a list "$A" --backlog Storefront | grep -q "as laptop B sees it"'
check "laptop A's value of that field is kept as a conflict" 'grep -q "as laptop A sees it" <<<"$json"'
check "no journal, WAL or temp file travelled" '! ls -a "$T/a/folder" "$T/b/folder" | grep -E -- "-(journal|wal|shm)$|^~\\$"'

echo "1..$n"
