"""`carecli export calendar`: appointments and due work as an iCalendar file, parsed back with
the `icalendar` package: initials only unless `--details`, the same UIDs from one export to the
next, cancelled appointments sent as cancelled, written private and never over a file carecli
did not write."""

import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from test_cli import Run, assert_one_sentence
from test_cli import run as run  # noqa: F401  (the fixture `run`, used by name)

from carecli.config import resolve_database
from carecli.data.appointments import add_appointment, record_outcome
from carecli.data.clients import create_client
from carecli.data.db import open_database
from carecli.domain.appointments import Appointment, CalendarAppointment
from carecli.domain.daily import QueueItem
from carecli.export.calendar import MARKER, calendar_ics, uid

NOW = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
APPOINTMENT, CHECK_IN = uid("", "appointment:7"), uid("", "work:1:cadence")


def _appointment(**changes) -> CalendarAppointment:
    base = dict(id=7, client_id=1, care_team_member_id=None, with_whom="Dr Ames",
                starts_at=datetime(2026, 11, 25, 15, 30, tzinfo=UTC), location="Cardiology, Elm St",
                purpose="Heart failure review", transport_arranged=True,
                transport_note="Dial-a-ride", status="scheduled", reminded_on=None,
                outcome_note=None, version=3)
    return CalendarAppointment(Appointment(**{**base, **changes}), "Ida Rowe")


def _item(**changes) -> QueueItem:
    base = dict(key="cadence", client_id=1, client="Ida Rowe", kind="check_in",
                due=date(2026, 11, 26), reason="check-in due (high risk, every 7 days)",
                risk_tier="high", overdue_days=0)
    return QueueItem(**{**base, **changes})


def _events(text: str) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(text).walk("VEVENT")}


def test_without_details_a_client_is_only_initials() -> None:
    text = calendar_ics([_appointment()], [(date(2026, 11, 26), _item()),
                                           (date(2026, 11, 24), _item(key="safety:4",
                                                                      kind="safety"))],
                        now=NOW)
    events = _events(text)
    visit = events[APPOINTMENT]
    assert str(visit["summary"]) == "Appointment: I.R."
    assert visit.decoded("dtstart") == datetime(2026, 11, 25, 15, 30, tzinfo=UTC)
    assert visit.decoded("duration") == timedelta(minutes=60)
    assert str(visit["status"]) == "CONFIRMED" and int(visit["sequence"]) == 3
    assert "location" not in visit and "description" not in visit
    check_in = events[CHECK_IN]
    assert str(check_in["summary"]) == "Check-in call: I.R."
    assert check_in.decoded("dtstart") == date(2026, 11, 26)
    assert str(events[uid("", "work:1:safety:4")]["summary"]) == "Urgent call: I.R."
    for word in ("Ida", "Rowe", "Ames", "Cardiology", "Heart", "high risk", "PHQ"):
        assert word not in text
    assert MARKER in text.splitlines()[1] or MARKER in text[:200]


def test_with_details_everything_is_said() -> None:
    events = _events(calendar_ics([_appointment()], [(date(2026, 11, 26), _item())], now=NOW,
                                  details=True))
    visit = events[APPOINTMENT]
    assert str(visit["summary"]) == "Ida Rowe: appointment with Dr Ames"
    assert str(visit["location"]) == "Cardiology, Elm St"
    assert str(visit["description"]) == (
        "Purpose: Heart failure review\nTransport arranged\nDial-a-ride")
    assert str(events[CHECK_IN]["summary"]) == (
        "Ida Rowe: check-in due (high risk, every 7 days)")


def test_a_cancelled_appointment_is_sent_cancelled_and_uids_are_stable() -> None:
    first = calendar_ics([_appointment()], [], now=NOW)
    later = calendar_ics([_appointment(status="rescheduled", version=4)], [],
                         now=NOW + timedelta(days=1))
    (before,), (after,) = _events(first).values(), _events(later).values()
    assert before["uid"] == after["uid"]
    assert str(after["status"]) == "CANCELLED" and int(after["sequence"]) == 4


@pytest.fixture
def caseload(tmp_path: Path) -> Path:
    """Ida Rowe with an appointment tomorrow and one cancelled; Li Wei with none: both enrolled
    long ago and never reached, so each has a check-in due."""
    path = tmp_path / "carecli.db"
    db = open_database(resolve_database(str(path)))
    try:
        ida, _li = (create_client(db=db, values={"given_name": g, "family_name": f,
                                                 "enrolled_on": "2026-01-05"})
                    for g, f in (("Ida", "Rowe"), ("Li", "Wei")))
        tomorrow = datetime.now().astimezone().replace(hour=10, minute=30) + timedelta(days=1)
        add_appointment(db=db, client_id=ida, values={
            "with_whom": "Dr Ames", "starts_at": tomorrow.strftime("%Y-%m-%d %H:%M"),
            "location": "Elm St clinic"})
        called_off = add_appointment(db=db, client_id=ida, values={
            "with_whom": "Dr Bell", "starts_at": (tomorrow + timedelta(days=2)).strftime(
                "%Y-%m-%d %H:%M")})
        record_outcome(db=db, appointment_id=called_off, version=1,
                       values={"status": "cancelled"})
        add_appointment(db=db, client_id=ida, values={  # outside the window
            "with_whom": "Dr Cole", "starts_at": (tomorrow + timedelta(days=40)).strftime(
                "%Y-%m-%d %H:%M")})
    finally:
        db.dispose()
    return path


def test_the_command_writes_a_private_file_that_parses_back(run: Run, caseload: Path,
                                                            tmp_path: Path) -> None:
    target = tmp_path / "work.ics"
    code, out, err = run("--db", str(caseload), "export", "calendar", "-o", str(target))
    assert code == 0, err
    assert out == "" and "Wrote the calendar of the next 30 days to" in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text()
    summaries = sorted(str(e["summary"]) for e in _events(text).values())
    assert summaries == ["Appointment follow-up: I.R.", "Appointment: I.R.",
                         "Appointment: I.R.", "Check-in call: I.R.", "Check-in call: L.W.",
                         "Reminder call: I.R."]
    statuses = sorted(str(e["status"]) for e in _events(text).values() if "status" in e)
    assert statuses == ["CANCELLED", "CONFIRMED"]
    assert "Ames" not in text and "Elm" not in text
    code, _, err = run("--db", str(caseload), "export", "calendar", "-o", str(target))
    assert code == 1
    assert_one_sentence(err, "already exists; nothing was written (--force replaces")
    code, _, err = run("--db", str(caseload), "export", "calendar", "-o", str(target),
                       "--force", "--details")
    assert code == 0, err
    again = target.read_text()
    assert _events(again).keys() == _events(text).keys()
    assert "Ida Rowe: appointment with Dr Ames" in again


def test_printed_without_o_and_a_plan_copy_is_never_replaced(run: Run, caseload: Path,
                                                             tmp_path: Path) -> None:
    code, out, err = run("--db", str(caseload), "export", "calendar", "--days", "7")
    assert code == 0, err
    assert Calendar.from_ical(out)["prodid"] == f"-//carecli//{MARKER}//EN"
    target = tmp_path / "plan.ics"
    target.write_text("<!-- carecli care plan export -->")
    code, _, err = run("--db", str(caseload), "export", "calendar", "-o", str(target),
                       "--force")
    assert code == 1
    assert_one_sentence(err, "was not written by carecli, so it is not replaced")


@pytest.mark.parametrize("days", ["0", "367"])
def test_days_out_of_range_is_one_sentence(run: Run, caseload: Path, days: str) -> None:
    code, out, err = run("--db", str(caseload), "export", "calendar", "--days", days)
    assert code == 1 and out == ""
    assert_one_sentence(err, f"--days takes 1 to 366, not {days}.")


def test_uids_say_nothing_and_are_stable_for_the_same_database() -> None:
    work = [(date(2026, 11, 24), _item(key="tcm_visit:3", kind="tcm_visit")),
            (date(2026, 11, 26), _item())]
    first = _events(calendar_ics([_appointment()], work, now=NOW, key="k1"))
    later = _events(calendar_ics([_appointment()], work, now=NOW + timedelta(days=1),
                                 key="k1"))
    assert first.keys() == later.keys() and len(first) == 3
    for found in first:  # 32 hex digits: no kind of work, no id
        local, domain = found.split("@")
        assert len(local) == 32 and set(local) <= set("0123456789abcdef"), found
        assert domain == "carecli.invalid"
    assert not first.keys() & _events(calendar_ics([_appointment()], work, now=NOW,
                                                   key="k2")).keys()
    assert all(int(later[u]["sequence"]) > int(first[u]["sequence"]) for u in first
               if u != uid("k1", "appointment:7"))  # work: a newer export, a newer version


def test_replacing_an_export_strikes_out_what_is_no_longer_due(run: Run, caseload: Path,
                                                               tmp_path: Path) -> None:
    """Ida's appointment tomorrow is cancelled and Li Wei reached: the appointment is sent
    cancelled, its reminder call and outcome follow-up (gone from the queue) too, under
    neutral words; Li Wei's check-in moves (the same entry, a month ahead)."""
    from carecli.data.appointments import appointments_between
    from carecli.data.contacts import log_contact

    target = tmp_path / "work.ics"
    assert run("--db", str(caseload), "export", "calendar", "-o", str(target))[0] == 0
    before = _events(target.read_text())
    db = open_database(resolve_database(str(caseload)))
    try:
        start = datetime.now(UTC) - timedelta(days=1)
        found = appointments_between(db=db, start=start, end=start + timedelta(days=3))
        ames = next(f.appointment for f in found if f.appointment.with_whom == "Dr Ames")
        record_outcome(db=db, appointment_id=ames.id, version=ames.version,
                       values={"status": "cancelled"})
        log_contact(db=db, client_id=2, values={"mode": "phone", "outcome": "reached",
                                                "minutes": 10})
    finally:
        db.dispose()
    code, _, err = run("--db", str(caseload), "export", "calendar", "-o", str(target),
                       "--force")
    assert code == 0, err
    after = _events(target.read_text())
    assert after.keys() == before.keys()  # nothing new: struck out or moved
    changed = sorted((str(before[u]["summary"]), str(after[u]["summary"]),
                      str(after[u].get("status"))) for u in before
                     if str(after[u].get("status")) != str(before[u].get("status"))
                     or after[u].decoded("dtstart") != before[u].decoded("dtstart"))
    assert changed == [
        ("Appointment follow-up: I.R.", "Done or no longer due", "CANCELLED"),
        ("Appointment: I.R.", "Appointment: I.R.", "CANCELLED"),
        ("Check-in call: L.W.", "Check-in call: L.W.", "None"),
        ("Reminder call: I.R.", "Done or no longer due", "CANCELLED"),
    ]
    assert all(int(after[u]["sequence"]) > int(before[u]["sequence"]) for u in before
               if str(after[u].get("status")) == "CANCELLED"
               and str(before[u].get("status")) != "CANCELLED")
