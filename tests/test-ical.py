#!/usr/bin/python3
# test-ical.py — `valueloop-cli calendar` read by Python's icalendar
# (Debian's python3-icalendar, hence Debian's python3), as GNOME Calendar
# or Thunderbird would import it, and checked against the plan itself (read with sqlite3):
# every launch, planned launch and review due on its day, all-day events,
# stable UIDs, folded lines, a Chinese title whole.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import datetime
import os
import sqlite3
import subprocess
import sys
import tempfile

CLI = os.environ["VALUELOOP_CLI"]

try:
    import icalendar
except ImportError:
    print("1..0 # SKIP python3-icalendar is not installed (build-aux/dev test installs it)")
    sys.exit(0)

work = tempfile.mkdtemp(prefix="vl-ical-")
os.environ["XDG_DATA_HOME"] = work
plan = os.path.join(work, "plan.valueloop")
tests = []
LONG = "长标题：结账流程中的一页式结账与地址自动补全，适用于所有移动设备和桌面浏览器, with; commas"


def test(fn):
    tests.append(fn)
    return fn


def cli(*args):
    r = subprocess.run([CLI, *args], capture_output=True)
    if r.returncode != 0:
        raise AssertionError(f"valueloop-cli {' '.join(args)}: {r.stderr.decode()}")
    return r.stdout.decode()


def export(name):
    out = os.path.join(work, name)
    said = cli("calendar", plan, "-o", out)
    with open(out, "rb") as f:
        data = f.read()
    return data, said


def expected_events():
    """(kind, uuid, day) of every event, from the plan's rows."""
    db = sqlite3.connect(plan)
    rows = db.execute(
        "SELECT lower(hex(i.uuid)), i.status, i.launch_date, i.review_due, it.end_date, i.title FROM item i "
        "LEFT JOIN iteration it ON it.id = i.iteration AND it.deleted <> 1 WHERE i.deleted <> 1").fetchall()
    db.close()
    events = {}
    for hexid, status, launch, due, end, title in rows:
        u = f"{hexid[0:8]}-{hexid[8:12]}-{hexid[12:16]}-{hexid[16:20]}-{hexid[20:]}"
        if status in (4, 5) and launch:
            events[f"launch-{u}@valueloop"] = (launch, title)
        if status == 4 and due:
            events[f"review-{u}@valueloop"] = (due, title)
        if status < 4 and end:
            events[f"planned-{u}@valueloop"] = (end, title)
    return events


cli("demo", plan)
cli("add", plan, "--title", LONG, "--backlog", "Storefront", "--status", "launched",
    "--launch-date", "2026-10-01")
first, said = export("first.ics")
cal = icalendar.Calendar.from_ical(first)
vevents = [c for c in cal.walk() if c.name == "VEVENT"]


@test
def parses_as_a_calendar():
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0"
    assert "Valueloop" in str(cal["PRODID"])
    assert len(vevents) > 50, len(vevents)
    assert f"Wrote {len(vevents)} events" in said, said


@test
def every_event_on_its_day():
    expected = expected_events()
    got = {str(e["UID"]): e for e in vevents}
    assert set(got) == set(expected), set(got) ^ set(expected)
    kinds = {uid.split("-")[0] for uid in got}
    assert kinds == {"launch", "review", "planned"}, kinds
    for uid, (day, title) in expected.items():
        e = got[uid]
        start = e.decoded("DTSTART")
        end = e.decoded("DTEND")
        assert type(start) is datetime.date, f"{uid}: an all-day event, not {type(start)}"
        assert start.isoformat() == day, f"{uid}: {start} is not {day}"
        assert end - start == datetime.timedelta(days=1), uid
        assert title in str(e["SUMMARY"]), (uid, str(e["SUMMARY"]))
        assert str(e["STATUS"]) == ("TENTATIVE" if uid.startswith("planned") else "CONFIRMED")
        assert "DTSTAMP" in e


@test
def lines_folded_and_crlf():
    assert first.endswith(b"\r\n")
    lines = first.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), max(len(line) for line in lines)
    assert any(line.startswith(b" ") for line in lines), "the long Chinese title is folded"
    for line in lines:
        line.decode("utf-8")   # never cut inside a character
    summaries = [str(e["SUMMARY"]) for e in vevents]
    assert f"Launch: {LONG}" in summaries, "the title reads back whole, commas and semicolon included"


@test
def uids_stable_on_export_again():
    again, _ = export("again.ics")
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(again).walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert sorted(uids) == sorted(str(e["UID"]) for e in vevents)


@test
def refused_target_names_the_file():
    r = subprocess.run([CLI, "calendar", plan, "-o", os.path.join(work, "missing", "x.ics")],
                       capture_output=True)
    assert r.returncode != 0
    assert b"x.ics" in r.stderr or b"missing" in r.stderr, r.stderr


print(f"1..{len(tests)}")
failed = 0
for n, fn in enumerate(tests, 1):
    try:
        fn()
        print(f"ok {n} - {fn.__name__}")
    except Exception as e:   # noqa: BLE001 - every failure is reported
        failed += 1
        print(f"not ok {n} - {fn.__name__}: {e!r}")
sys.exit(1 if failed else 0)
