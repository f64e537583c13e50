#!/usr/bin/env python3
# test-csv-read.py — the CSV exports read back by Python's csv module, cell
# by cell, as another program would: standard and spreadsheet flavours (a
# decimal-comma locale), a formula-looking title, Chinese.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import datetime
import io
import os
import subprocess
import sys
import tempfile

CLI = os.environ["VALUELOOP_CLI"]
tests = []


def test(fn):
    tests.append(fn)
    return fn


def cli(*args, env=None):
    e = dict(os.environ)
    e.update(env or {})
    r = subprocess.run([CLI, *args], capture_output=True, env=e)
    if r.returncode != 0:
        raise AssertionError(f"valueloop-cli {' '.join(args)}: {r.stderr.decode()}")
    return r.stdout


def rows_of(data, delimiter=","):
    assert data.endswith(b"\r\n"), "rows end with CRLF"
    text = data.decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))


work = tempfile.mkdtemp(prefix="vl-csv-read-")
os.environ["XDG_DATA_HOME"] = work
plan = os.path.join(work, "sample.valueloop")
cli("demo", plan)
cli("add", plan, "--backlog", "Storefront", "--title", "=HYPERLINK(\"http://x\")", "--cost", "2.5")
cli("add", plan, "--backlog", "Storefront", "--title", "会员积分，第二期", "--status", "ready")

BACKLOG_HEADER = ["ID", "Backlog", "Title", "Description", "Status", "Owner", "MoSCoW", "P1", "User Value",
                  "Business Value", "Cost", "AARRR", "Key Result", "Value Loop", "Iteration", "Upstream",
                  "Metric", "Baseline", "Expected", "Launch Date", "Review Due", "Actual", "Verdict",
                  "Review Note"]
C = {"LC_ALL": "C.UTF-8", "LANGUAGE": ""}
DE = {"LC_ALL": "de_DE.UTF-8", "LANGUAGE": "en"}


def listed_titles():
    """The titles `valueloop-cli list` prints, backlog by backlog, in rank order."""
    titles = []
    for line in cli("list", plan, env=C).decode().splitlines():
        if not line.startswith("# "):
            titles.append(line[35:])   # "id  status       moscow  P1  title"
    return titles


@test
def backlog_standard():
    data = cli("export-csv", "backlog", plan, env=C)
    assert not data.startswith(b"\xef\xbb\xbf"), "no BOM in the standard flavour"
    rows = rows_of(data)
    assert rows[0] == BACKLOG_HEADER, rows[0]
    body = rows[1:]
    assert all(len(r) == len(BACKLOG_HEADER) for r in body)
    count = int([l for l in cli("info", plan, env=C).decode().splitlines() if l.strip().startswith("Items")][0].split()[-1])
    assert len(body) == count, (len(body), count)
    by_title = {r[2]: r for r in body}
    formula = [r for r in body if "HYPERLINK" in r[2]][0]
    assert formula[2] == "'=HYPERLINK(\"http://x\")", formula[2]
    assert formula[10] == "2.5"
    zh = by_title["会员积分，第二期"]
    assert zh[4] == "ready" and zh[1] == "Storefront"
    guest = by_title["Guest checkout without account creation"]
    assert guest[4] == "reviewed" and guest[6] == "must" and guest[7] == "true"
    assert guest[17] == "2.1" and guest[18] == "2.24" and guest[21] == "2.27"
    launched = datetime.date.fromisoformat(guest[19])
    assert datetime.date.fromisoformat(guest[20]) - launched == datetime.timedelta(days=30)
    for r in body:
        for col in (8, 9):
            int(r[col])
        for col in (10, 17, 18, 21):
            if r[col]:
                float(r[col])
        for col in (19, 20):
            assert r[col] == "" or (len(r[col]) == 10 and r[col][4] == "-" and r[col][7] == "-"), r[col]


@test
def backlog_order_is_rank_order():
    rows = rows_of(cli("export-csv", "backlog", plan, env=C))[1:]
    titles = [r[2].lstrip("'") for r in rows]
    listed = [t for t in listed_titles()]
    assert titles == listed, "the export is in the list's rank order"


@test
def spreadsheet_decimal_comma():
    data = cli("export-csv", "value-review", plan, "--spreadsheet", env=DE)
    assert data.startswith(b"\xef\xbb\xbf"), "a BOM for Excel"
    assert b"sep=" not in data[:20]
    rows = rows_of(data[3:], delimiter=";")
    assert rows[0][:4] == ["Item", "Backlog", "Value Loop", "AARRR"], rows[0]
    guest = [r for r in rows if r[0] == "Guest checkout without account creation"][0]
    assert guest[6] == "2,1" and guest[7] == "2,24" and guest[8] == "2,27", guest
    assert guest[9] == "121,4", guest[9]
    datetime.date.fromisoformat(guest[10])   # ISO 8601: a date in every Excel locale


@test
def spreadsheet_decimal_point():
    data = cli("export-csv", "portfolio", plan, "--spreadsheet", env=C)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = rows_of(data[3:])
    assert rows[0] == ["Dimension", "Name", "Items", "Cost", "Share of Cost (%)", "Open Cost", "Delivered Cost"]
    stages = [r for r in rows if r[0] == "AARRR Stage"]
    shares = sum(float(r[4]) for r in stages)
    assert abs(shares - 100) < 0.6, shares
    for r in rows[1:]:
        assert float(r[3]) == float(r[5]) + float(r[6]), r


@test
def okr_review():
    rows = rows_of(cli("export-csv", "okr-review", plan, env=C))
    assert rows[0][0] == "Cycle" and rows[0][10] == "Progress (%)"
    for r in rows[1:]:
        assert r[0] == "2026 H2"
        if r[10]:
            assert 0 <= float(r[10]) <= 100


n = 0
failed = 0
print(f"1..{len(tests)}")
for fn in tests:
    n += 1
    try:
        fn()
        print(f"ok {n} {fn.__name__}")
    except Exception as e:  # noqa: BLE001 — every failure is reported
        failed += 1
        import traceback
        print(f"not ok {n} {fn.__name__}: {e!r}")
        for line in traceback.format_exc().splitlines():
            print(f"# {line}")
sys.exit(1 if failed else 0)
