"""`carecli log` on a client whose stored values another program wrote and carecli cannot read:
one sentence and nothing saved when the client cannot be read; when only another contact or
the cadence cannot be read, the contact is logged and said to be, never a traceback after the
save (which would invite logging it twice)."""

import sqlite3
from contextlib import closing

import pytest
from test_cli import Run, assert_one_sentence
from test_cli import run as run  # noqa: F401  (the fixture `run`, used by name)
from test_cli_daily import caseload as caseload  # noqa: F401  (the fixture, used by name)


def _spoil(path, sql: str, *params) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(sql, params)


def _count(path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT COUNT(*) FROM contact_log").fetchone()[0]


def _log(run: Run, path, client_id: int):
    return run("--db", str(path), "log", str(client_id), "--outcome", "reached",
               "--at", "2026-11-02 10:30")


def test_a_client_whose_enrolment_day_cannot_be_read_gets_one_sentence(
        run: Run, caseload) -> None:  # noqa: F811
    path, ids = caseload
    _spoil(path, "UPDATE client SET enrolled_on = '2026-02-30' WHERE id = ?", ids["Ida"])
    code, out, err = _log(run, path, ids["Ida"])
    assert (code, out) == (1, "")
    assert_one_sentence(err, "A value stored in the database cannot be read (day is out of "
                             "range for month)")
    assert _count(path) == 0


@pytest.mark.parametrize("spoil", [
    "UPDATE contact_log SET occurred_at = 'not a time' WHERE client_id = ?",
    "UPDATE client SET risk_tier = 'weird' WHERE id = ?",
], ids=["another-contact", "risk-tier"])
def test_a_contact_is_logged_and_said_so_when_other_stored_values_cannot_be_read(
        run: Run, caseload, spoil) -> None:  # noqa: F811
    path, ids = caseload
    assert _log(run, path, ids["Ida"])[0] == 0
    _spoil(path, spoil, ids["Ida"])
    code, out, err = _log(run, path, ids["Ida"])
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "Next due: unknown: a value stored for this client cannot " \
                                   "be read."
    assert out.startswith(("Logged: reached", "Logged for Ida Rowe"))
    assert _count(path) == 2
