"""Hostile times and months: a local time the clocks skip, instants UTC cannot hold, and a
month typed with spaces or full-width digits. Each is refused (or read) with one sentence,
never moved silently, never a traceback."""

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone

import pytest
from test_cli import Run, assert_one_sentence
from test_cli import run as run  # noqa: F401  (the fixture `run`, used by name)
from test_cli_daily import caseload as caseload  # noqa: F401  (the fixture, used by name)

from carecli.data.contact_inputs import ContactInput, clock, parse_month
from carecli.data.errors import InvalidInput
from carecli.data.inputs import validate

NOW = datetime(2026, 11, 24, 21, 0, tzinfo=UTC)


@pytest.fixture
def new_york(local_zone):
    local_zone("America/New_York")


def _moment(value):
    return validate(ContactInput, {"outcome": "reached", "occurred_at": value},
                    clock(NOW)).occurred_at


def test_log_refuses_a_local_time_the_clocks_skip_instead_of_moving_it(
        run: Run, caseload, new_york) -> None:  # noqa: F811
    path, ids = caseload
    code, _out, err = run("--db", str(path), "log", str(ids["Ida"]), "--outcome", "reached",
                          "--at", "2026-03-08 02:30")
    assert code == 1
    assert_one_sentence(err, "--at 2026-03-08 02:30 is not a real local time: the clocks "
                             "skip that hour when they go forward.")
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM contact_log").fetchone() == (0,)


def test_the_hours_around_the_clock_change_are_kept_as_typed(new_york) -> None:
    assert _moment("2026-03-08 01:59") == datetime(2026, 3, 8, 6, 59, tzinfo=UTC)
    assert _moment("2026-03-08 03:00") == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
    # the hour that happens twice in autumn is read as its first time, daylight time
    assert _moment("2025-11-02 01:30") == datetime(2025, 11, 2, 5, 30, tzinfo=UTC)
    with pytest.raises(InvalidInput) as refused:
        _moment(datetime(2026, 3, 8, 2, 30))  # a form's naive datetime: local time too
    assert "not a real local time" in refused.value.errors["occurred_at"]


@pytest.mark.parametrize(("value", "message"), [
    (datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))),
     "0001-01-01 00:00 is not a real date and time"),
    (datetime(1, 1, 1), "0001-01-01 00:00 is not a real date and time"),
    (datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-5))), "is in the future"),
    ("9999-12-31 23:59", "is in the future"),
], ids=["aware-year-1", "naive-year-1", "aware-9999", "typed-9999"])
def test_instants_utc_cannot_hold_are_refused_with_a_sentence(new_york, value, message) -> None:
    with pytest.raises(InvalidInput) as refused:
        _moment(value)
    assert refused.value.errors == {"occurred_at": message}


@pytest.mark.parametrize("typed", [" 2025-01 ", "２０２５-０１"])
def test_report_reads_a_month_typed_with_spaces_or_full_width_digits(
        run: Run, caseload, typed) -> None:  # noqa: F811
    path, _ids = caseload
    code, out, err = run("--db", str(path), "report", "minutes", "--month", typed)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "No client has care-management minutes or is CCM eligible " \
                                  "in 2025-01."
    assert parse_month(typed, NOW.date()) == "2025-01"
