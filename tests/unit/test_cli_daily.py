"""`carecli log` and `carecli report minutes`: what they write and print, one sentence for every
bad input, and a log that waits for another window's write instead of failing."""

import csv
import io
import json
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from test_cli import Run, assert_one_sentence
from test_cli import run as run  # noqa: F401  (the fixture `run`, used by name)

from carecli.config import resolve_database
from carecli.data.clients import create_client
from carecli.data.db import open_database
from carecli.data.entries import add_entry


@pytest.fixture
def caseload(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """A database with four clients: Ida Rowe (eligible for CCM), José Núñez, Ann Lee and
    Ann Leeds; returns its path and their ids by first name."""
    path = tmp_path / "carecli.db"
    db = open_database(resolve_database(str(path)))
    ids = {}
    try:
        for given, family in (("Ida", "Rowe"), ("José", "Núñez"), ("Ann", "Lee"),
                              ("Anne", "Leeds")):
            ids[given] = create_client(db=db, values={
                "given_name": given, "family_name": family, "enrolled_on": "2026-01-05"})
        for name in ("COPD", "Heart failure"):
            add_entry(db=db, kind="condition", client_id=ids["Ida"], values={"name": name})
        add_entry(db=db, kind="consent", client_id=ids["Ida"], values={
            "kind": "care_management", "given_on": "2026-01-05", "method": "verbal"})
    finally:
        db.dispose()
    return path, ids


def _contacts(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT client_id, outcome, mode, minutes, note FROM contact_log "
                            "ORDER BY id").fetchall()


def test_log_by_id_stores_the_contact_and_prints_the_next_due_date(run: Run, caseload) -> None:
    path, ids = caseload
    code, out, err = run("--db", str(path), "log", str(ids["Ida"]), "--outcome", "reached",
                         "--minutes", "25", "--note", "Reviewed the BP log.",
                         "--at", "2026-11-02 10:30")
    assert code == 0, err
    assert out.splitlines() == [
        f"Logged: reached, phone, 25 min, 2026-11-02 10:30, for Ida Rowe (id {ids['Ida']}).",
        "Next due: 2026-11-16 (Mon).",  # moderate risk: 14 days
    ]
    assert _contacts(path) == [(ids["Ida"], "reached", "phone", 25, "Reviewed the BP log.")]


def test_log_by_part_of_the_name_says_when_the_next_call_is_a_retry(run: Run, caseload) -> None:
    path, ids = caseload
    code, out, err = run("log", "nunez", "--outcome", "voicemail", "--mode", "video",
                         "--at", "2026-11-25 10:00", "--db", str(path))
    assert code == 0, err
    assert out.splitlines()[-1] == (
        "Next due: 2026-11-27 (Fri), a retry (1 unsuccessful attempt in a row).")
    assert _contacts(path) == [(ids["José"], "voicemail", "video", 0, None)]


def test_an_ambiguous_client_lists_the_matches_and_logs_nothing(run: Run, caseload) -> None:
    path, ids = caseload
    code, out, err = run("--db", str(path), "log", "ann", "--outcome", "reached")
    assert code == 1 and out == ""
    assert_one_sentence(err, f"'ann' matches 2 clients: Ann Lee (id {ids['Ann']}), "
                             f"Anne Leeds (id {ids['Anne']}); give the id or more of the name.")
    assert _contacts(path) == []
    code, _, err = run("--db", str(path), "log", "Ann Lee", "--outcome", "reached")
    assert code == 0, err  # the exact name is not ambiguous
    assert _contacts(path)[0][0] == ids["Ann"]


@pytest.mark.parametrize(("argv", "expected"), [
    (["Zed", "--outcome", "reached"], "No client has the id or name 'Zed'."),
    (["999", "--outcome", "reached"], "No client has the id or name '999'."),
    (["Ida", "--outcome", "spoke"], "--outcome must be one of: 'reached', 'no_answer', "),
    (["Ida", "--outcome", "reached", "--mode", "telegram"], "--mode must be one of: 'phone', "),
    (["Ida", "--outcome", "reached", "--minutes", "-5"], "--minutes must be at least 0."),
    (["Ida", "--outcome", "reached", "--minutes", "700"], "--minutes must be at most 600"),
    (["Ida", "--outcome", "reached", "--at", "2999-01-01 10:00"], "--at is in the future."),
    (["Ida", "--outcome", "reached", "--at", "2026-02-30 10:00"],
     "--at 2026-02-30 10:00 is not a real date and time."),
    (["Ida", "--outcome", "reached", "--at", "2026-11-02 24:10"],
     "--at 2026-11-02 24:10 is not a real date and time."),
    (["Ida", "--outcome", "reached", "--at", "tuesday"],
     "--at 'tuesday' is not a time: use YYYY-MM-DD HH:MM."),
    (["Ida", "--outcome", "reached", "--at", "2025-12-31 10:00"],
     "--at is before the client's enrolment on 2026-01-05."),
], ids=["unknown-name", "unknown-id", "unknown-outcome", "unknown-mode", "negative-minutes",
        "too-many-minutes", "future-time", "impossible-date", "impossible-hour",
        "not-a-time", "before-enrolment"])
def test_bad_input_gets_one_sentence_and_logs_nothing(run: Run, caseload, argv, expected
                                                      ) -> None:
    path, _ = caseload
    code, out, err = run("--db", str(path), "log", *argv)
    assert code == 1 and out == ""
    assert_one_sentence(err, expected)
    assert _contacts(path) == []


@pytest.mark.parametrize(("argv", "expected"), [
    (["Ida"], "the following arguments are required: --outcome"),
    (["Ida", "--outcome", "reached", "--minutes", "ten"],
     "argument --minutes: invalid int value: 'ten'"),
    (["Ida", "--outcome", "reached", "--minutes", "2.5"],
     "argument --minutes: invalid int value: '2.5'"),
    (["--outcome", "reached"], "the following arguments are required: CLIENT"),
], ids=["no-outcome", "minutes-not-a-number", "minutes-not-whole", "no-client"])
def test_bad_arguments_get_one_line(run: Run, caseload, argv, expected) -> None:
    path, _ = caseload
    code, out, err = run("--db", str(path), "log", *argv)
    assert code == 2 and out == ""
    assert_one_sentence(err, expected)
    assert _contacts(path) == []


def test_a_reached_call_with_a_note_says_it_followed_up_a_safety_finding(run: Run,
                                                                        caseload) -> None:
    path, ids = caseload
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("INSERT INTO safety_finding (client_id, flag, instrument_id, answers, "
                     "found_at) VALUES (?, 'suicidal_ideation', 'phq9', '{}', "
                     "'2026-11-01 12:00:00.000000')", (ids["Ida"],))
    code, out, err = run("--db", str(path), "log", "rowe", "--outcome", "reached",
                         "--note", "Safety plan in place.", "--at", "2026-11-02 10:30")
    assert code == 0, err
    assert "Safety finding followed up: suicidal ideation." in out.splitlines()


def _log(run: Run, path: Path, client: str, minutes: str, at: str) -> None:
    code, _, err = run("--db", str(path), "log", client, "--outcome", "reached",
                       "--minutes", minutes, "--at", at)
    assert code == 0, err


def test_report_minutes_as_text_json_and_csv(run: Run, caseload) -> None:
    path, ids = caseload
    _log(run, path, "Ida", "25", "2026-11-02 10:30")
    _log(run, path, "Ida", "20", "2026-11-20 10:30")
    _log(run, path, "Ida", "50", "2026-10-20 10:30")
    _log(run, path, "nunez", "15", "2026-11-03 09:00")
    code, out, err = run("--db", str(path), "report", "minutes", "--month", "2026-11")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Care-management minutes in 2026-11"
    assert lines[2].split() == [str(ids["José"]), "Núñez,", "José", "15", "no"]
    assert lines[3].split() == [str(ids["Ida"]), "Rowe,", "Ida", "45", "eligible", "99490",
                                "99439"]
    code, out, err = run("--db", str(path), "report", "minutes", "--month", "2026-11",
                         "--json")
    assert code == 0, err
    assert json.loads(out) == [
        {"client_id": ids["José"], "client": "Núñez, José", "month": "2026-11", "minutes": 15,
         "codes": [], "complex": False, "eligible": False},
        {"client_id": ids["Ida"], "client": "Rowe, Ida", "month": "2026-11", "minutes": 45,
         "codes": ["99490", "99439"], "complex": False, "eligible": True},
    ]
    code, out, err = run("--db", str(path), "report", "minutes", "--month", "2026-10",
                         "--csv")
    assert code == 0, err
    assert list(csv.reader(io.StringIO(out))) == [
        ["client_id", "client", "month", "minutes", "codes", "complex", "eligible"],
        [str(ids["Ida"]), "Rowe, Ida", "2026-10", "50", "99490 99439", "no", "yes"],
    ]


def test_a_name_a_spreadsheet_would_run_is_quoted_in_csv(run: Run, caseload) -> None:
    path, _ = caseload
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE client SET family_name = '=HYPERLINK(1)' WHERE given_name = 'Ida'")
    _log(run, path, "Ida", "25", "2026-11-02 10:30")
    code, out, err = run("--db", str(path), "report", "minutes", "--month", "2026-11", "--csv")
    assert code == 0, err
    assert list(csv.reader(io.StringIO(out)))[1][1] == "'=HYPERLINK(1), Ida"


@pytest.mark.parametrize(("argv", "expected", "exit_code"), [
    (["--month", "2026-13"], "--month '2026-13' is not a month: use YYYY-MM.", 1),
    (["--month", "2999-01"], "--month is in the future.", 1),
    (["--json", "--csv"], "argument --csv: not allowed with argument --json", 2),
], ids=["unreal-month", "future-month", "two-formats"])
def test_a_bad_report_gets_one_sentence(run: Run, caseload, argv, expected, exit_code) -> None:
    path, _ = caseload
    code, out, err = run("--db", str(path), "report", "minutes", *argv)
    assert code == exit_code and out == ""
    assert_one_sentence(err, expected)


def test_a_month_without_minutes_or_eligible_clients_says_so(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_database(resolve_database(str(path))).dispose()
    code, out, err = run("--db", str(path), "report", "minutes", "--month", "2026-02")
    assert code == 0, err
    assert out == "No client has care-management minutes or is CCM eligible in 2026-02.\n"


@pytest.mark.parametrize("command", [["log", "Ida", "--outcome", "reached"],
                                     ["report", "minutes"]], ids=["log", "report"])
def test_a_database_that_is_not_there_is_not_created(run: Run, tmp_path: Path,
                                                     command: list[str]) -> None:
    path = tmp_path / "typo.db"
    code, out, err = run("--db", str(path), *command)
    assert code == 1 and out == ""
    assert_one_sentence(err, f"There is no database at {path}; nothing was done.")
    assert list(tmp_path.iterdir()) == []


def test_log_waits_while_another_window_writes_and_then_succeeds(caseload) -> None:
    """Another program holds the database in a write transaction while `carecli log` starts:
    the command waits for it (SQLite's busy timeout) and logs; both writes are kept."""
    path, ids = caseload
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("INSERT INTO audit_log (at, action, entity) "
                       "VALUES ('2026-11-02 09:00:00.000000', 'other', 'window')")
        process = subprocess.Popen(
            [sys.executable, "-m", "carecli", "--db", str(path), "log", str(ids["Ida"]),
             "--outcome", "reached", "--minutes", "12", "--at", "2026-11-02 10:30"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        time.sleep(1.5)  # long enough for the command to reach the lock, usually
        assert process.poll() is None  # it cannot have logged while the lock is held
        holder.execute("COMMIT")
    finally:
        holder.close()
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Next due: 2026-11-16 (Mon)." in out
    assert _contacts(path) == [(ids["Ida"], "reached", "phone", 12, None)]
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'other'"
                            ).fetchone() == (1,)


def test_the_report_reads_while_another_window_writes(run: Run, caseload) -> None:
    path, _ = caseload
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("INSERT INTO audit_log (at, action, entity) "
                       "VALUES ('2026-11-02 09:00:00.000000', 'other', 'window')")
        code, out, err = run("--db", str(path), "report", "minutes", "--month", "2026-11")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 0, err
    assert "Rowe, Ida" in out


def test_log_with_a_care_team_member_is_coordination(run: Run, caseload) -> None:
    path, ids = caseload
    db = open_database(resolve_database(str(path)))
    try:
        add_entry(db=db, kind="care_team", client_id=ids["José"],
                  values={"name": "Dr Ames", "role": "PCP"})
    finally:
        db.dispose()
    run("--db", str(path), "log", "nunez", "--outcome", "voicemail", "--at", "2026-11-25 10:00")
    code, out, err = run("--db", str(path), "log", "nunez", "--outcome", "reached", "--mode",
                         "fax", "--minutes", "10", "--with", "dr ames", "--at",
                         "2026-11-25 11:00")
    assert code == 0, err
    assert out.splitlines()[-2:] == [
        "With the care team: coordination about the client; their follow-up is as it was.",
        "Next due: 2026-11-27 (Fri), a retry (1 unsuccessful attempt in a row)."]
    code, out, err = run("--db", str(path), "log", "nunez", "--outcome", "reached",
                         "--with", "Maria (daughter)", "--at", "2026-11-25 12:00")
    assert code == 0, err
    assert out.splitlines()[-1] == "Next due: 2026-12-09 (Wed)."  # someone else: reached
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT with_whom, with_whom_kind, successful FROM contact_log "
                            "ORDER BY id").fetchall() == [
            (None, None, 0), ("Dr Ames", "care_team", None), ("Maria (daughter)", "other", 1)]
