"""`carecli log` and `report minutes` print names a terminal's encoding cannot show (an ASCII or
Latin-1 locale, a phone system's script) without a traceback: a traceback after the contact
was saved invites logging it twice."""

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest
from test_cli_daily import caseload as caseload  # noqa: F401  (the fixture, used by name)


def _carecli(path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "carecli", "--db", str(path), *args], capture_output=True,
        stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONIOENCODING": "ascii"},
        encoding="ascii", errors="strict", timeout=60)


def test_log_for_an_accented_name_on_an_ascii_terminal_logs_once_and_says_so(
        caseload) -> None:  # noqa: F811
    path, ids = caseload
    done = _carecli(path, "log", "Núñez", "--outcome", "reached", "--at", "2026-11-02 10:30")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[0] == (
        f"Logged: reached, phone, 0 min, 2026-11-02 10:30, for Jos\\xe9 N\\xfa\\xf1ez "
        f"(id {ids['José']}).")
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT client_id FROM contact_log").fetchall() == [(ids["José"],)]


def test_report_on_an_ascii_terminal_is_still_the_names_in_json_and_readable_text(
        caseload) -> None:  # noqa: F811
    path, ids = caseload
    assert _carecli(path, "log", str(ids["José"]), "--outcome", "reached", "--minutes",
                    "5").returncode == 0
    as_json = _carecli(path, "report", "minutes", "--json")
    assert (as_json.returncode, as_json.stderr) == (0, "")
    assert {r["client"] for r in json.loads(as_json.stdout)} == {"Núñez, José", "Rowe, Ida"}
    table = _carecli(path, "report", "minutes")
    assert (table.returncode, table.stderr) == (0, "")
    assert "N\\xfa\\xf1ez, Jos\\xe9" in table.stdout


def _count(path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT COUNT(*) FROM contact_log").fetchone()[0]


@pytest.mark.skipif(not os.path.exists(os.devnull.replace("null", "full")),
                    reason="no full device here")
def test_log_to_a_full_disk_says_the_contact_was_logged_and_succeeds(caseload) -> None:  # noqa: F811
    path, ids = caseload
    with open(os.devnull.replace("null", "full"), "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "carecli", "--db", str(path), "log", str(ids["Ida"]),
             "--outcome", "reached"], stdout=full, stderr=subprocess.PIPE, text=True,
            stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 0
    assert done.stderr == ("carecli: the contact was logged, but this could not be printed: "
                           "No space left on device.\n")
    assert _count(path) == 1


@pytest.mark.parametrize("form", ["--csv", "--json"])
def test_report_with_its_output_closed_prints_nothing_and_fails_nothing(
        caseload, form) -> None:  # noqa: F811
    path, _ids = caseload
    done = subprocess.run(
        [sys.executable, "-m", "carecli", "--db", str(path), "report", "minutes", form],
        stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=60,
        preexec_fn=lambda: os.close(1))  # `carecli report minutes >&-`
    assert (done.returncode, done.stderr) == (0, "")


def test_today_on_an_ascii_terminal_prints_the_queue_and_valid_json(caseload) -> None:  # noqa: F811
    path, ids = caseload  # every client is long overdue: all four are in the queue
    plain = _carecli(path, "today", "--date", "2026-11-30")
    assert (plain.returncode, plain.stderr) == (0, "")
    assert "N\\xfa\\xf1ez, Jos\\xe9" in plain.stdout
    as_json = _carecli(path, "today", "--date", "2026-11-30", "--json")
    assert (as_json.returncode, as_json.stderr) == (0, "")
    assert "Núñez, José" in {item["client"] for item in json.loads(as_json.stdout)}
