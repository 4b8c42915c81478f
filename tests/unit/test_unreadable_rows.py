"""A value no carecli form would store (written by another program or an old version straight
into the file) never stops the caseload opening: that client is still listed, flagged
"⚠ check record", and every other row loads as before."""

import sqlite3
import time
from contextlib import closing
from datetime import date, timedelta

import pytest
from rich.console import Console

from carecli.clinical import score
from carecli.data.assessments import complete_assessment, start_assessment
from carecli.data.caseload import load_caseload
from carecli.data.clients import create_client
from carecli.data.record import load_record
from carecli.domain.caseload import CaseloadFilter, view
from carecli.widgets.record_overview import overview


def write(db_path, sql: str, *params) -> None:
    """Change the file the way another program would: plain sqlite3, no carecli checks."""
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute(sql, params)


@pytest.fixture
def two_clients(db, today) -> tuple[int, int]:
    fine, odd = (
        create_client(db=db, values={
            "given_name": given, "family_name": "Test", "date_of_birth": "1950-05-05",
            "enrolled_on": today - timedelta(days=100), "risk_tier": "moderate",
        })
        for given in ("Fine", "Odd")
    )
    return fine, odd


def rows_by_id(db, today) -> dict:
    return {row.id: row for row in load_caseload(db=db, today=today)}


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("enrolled_on", "garbage"),
        ("enrolled_on", "2026-02-30"),
        ("enrolled_on", 20260101),
        ("date_of_birth", "2026-02-30"),
        ("date_of_birth", "garbage"),
        ("risk_tier", "extreme"),
        ("cadence_days", "fortnightly"),
        ("cadence_days", 0),
        ("status", "Active"),
        ("family_name", b"\xff\xfe"),
    ],
)
def test_an_unreadable_client_value_is_flagged_not_fatal(db, db_path, today, two_clients,
                                                         column, value):
    fine, odd = two_clients
    before = rows_by_id(db, today)[fine]
    write(db_path, f"UPDATE client SET {column} = ? WHERE id = ?", value, odd)
    rows = rows_by_id(db, today)
    assert rows[fine] == before
    assert "data_problem" in rows[odd].flags
    shown = view(list(rows.values()), filt=CaseloadFilter(text="check record", status=None),
                 sort_by="name", descending=False, today=today)
    assert [row.id for row in shown] == [odd]


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO check_in (client_id, due_on, status) VALUES (?, 'garbage', 'open')",
        "INSERT INTO hospital_stay (client_id, kind, facility, admitted_on, discharged_on)"
        " VALUES (?, 'hospital', 'General', '2026-11-01', '2026-13-01')",
        "INSERT INTO contact_log (client_id, occurred_at, mode, outcome, successful, minutes)"
        " VALUES (?, 'garbage', 'phone', 'reached', 1, 5)",
    ],
)
def test_an_unreadable_entry_is_flagged_not_fatal(db, db_path, today, two_clients, sql):
    fine, odd = two_clients
    before = rows_by_id(db, today)[fine]
    write(db_path, sql, odd)
    rows = rows_by_id(db, today)
    assert rows[fine] == before
    assert rows[odd].name == "Test, Odd" and "data_problem" in rows[odd].flags


def test_enrolled_on_the_last_day_of_the_calendar(db, db_path, today, two_clients):
    """The reported lock-out: 9999-12-31 plus a cadence ran off the calendar at every start."""
    fine, odd = two_clients
    write(db_path, "UPDATE client SET enrolled_on = '9999-12-31', date_of_birth = '9999-12-31'"
          " WHERE id = ?", odd)
    rows = rows_by_id(db, today)
    assert rows[odd].next_due == date.max
    assert rows[odd].age is None
    assert rows[fine].next_due == today - timedelta(days=100) + timedelta(days=14)
    write(db_path, "UPDATE client SET enrolled_on = '2026-01-01', cadence_days = ? WHERE id = ?",
          10**15, odd)
    assert rows_by_id(db, today)[odd].next_due == date.max


@pytest.fixture
def clock_ahead_of_utc():
    """This computer's clock set to New Zealand time (UTC+13 in November)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Pacific/Auckland")
        time.tzset()
        yield
    time.tzset()


def test_a_contact_at_the_end_of_time_on_a_clock_ahead_of_utc(db, db_path, today, two_clients,
                                                              clock_ahead_of_utc):
    _, odd = two_clients
    write(db_path, "INSERT INTO contact_log (client_id, occurred_at, mode, outcome, successful,"
          " minutes) VALUES (?, '9999-12-31 23:00:00.000000', 'phone', 'reached', 1, 5)", odd)
    assert "data_problem" in rows_by_id(db, today)[odd].flags


def test_a_safety_finding_stays_on_a_row_that_cannot_be_read(db, db_path, today, two_clients):
    _, odd = two_clients
    answers = {str(i): 0 for i in range(1, 9)} | {"9": 2}
    assessment = start_assessment(db=db, client_id=odd, kind="reassessment", steps=["phq9"])
    complete_assessment(db=db, assessment_id=assessment, answers={"phq9": answers},
                        scores={"phq9": score("phq9", answers)})
    write(db_path, "UPDATE client SET given_name = ? WHERE id = ?", b"\x00\xff", odd)
    row = rows_by_id(db, today)[odd]
    assert row.flags[0] == "suicidal_ideation" and "data_problem" in row.flags
    assert row.family_name == "Test"


def test_the_record_of_someone_born_after_today_shows_no_age(db, db_path, today, two_clients):
    _, odd = two_clients
    write(db_path, "UPDATE client SET date_of_birth = '9999-12-31' WHERE id = ?", odd)
    console = Console(width=100, record=True)
    console.print(overview(load_record(db=db, client_id=odd), today))
    born = next(line for line in console.export_text().splitlines() if "Date of birth" in line)
    assert born.split() == ["Date", "of", "birth", "9999-12-31"]
