"""Communication with the care team about a client (a fax to the PCP, a call with the
cardiologist's office) is logged like a contact: its minutes count, it shows in the history,
but it is not a contact with the client (`successful` None), so it neither resets the cadence
nor counts as an attempt, and never closes a safety finding."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from carecli.data.caseload import load_caseload
from carecli.data.clients import create_client
from carecli.data.contacts import contacts, correct_contact, log_contact
from carecli.data.minutes import client_month
from carecli.data.models import ContactLog, SafetyFinding
from carecli.data.queue import load_queue
from carecli.data.record import load_record

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 24)  # a Tuesday
NOW = datetime(2026, 11, 24, 16, 0).astimezone()
PCP = {"with_whom": "Dr Ames", "with_whom_kind": "care_team"}


def _client(db) -> int:
    return create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                        "enrolled_on": date(2026, 1, 5)})


def _log(db, client_id: int, **values):
    return log_contact(db=db, client_id=client_id, values=values, now=NOW)


def _row(db, client_id: int):
    return next(r for r in load_caseload(db=db, today=TODAY) if r.id == client_id)


def _queue_kinds(db, client_id: int) -> list[tuple[str, date]]:
    queue = load_queue(db=db, today=TODAY, only=client_id)
    return [(item.kind, item.due) for item in queue.items]


def test_a_reached_fax_to_the_pcp_after_a_voicemail_leaves_the_retry_due(db) -> None:
    client = _client(db)
    _log(db, client, occurred_at="2026-11-20 09:00", outcome="reached", minutes=20)
    tried = _log(db, client, occurred_at="2026-11-23 09:00", outcome="voicemail", minutes=2)
    assert (tried.next_due, tried.retry) == (date(2026, 11, 24), True)
    fax = _log(db, client, occurred_at="2026-11-24 10:00", outcome="reached", mode="fax",
               minutes=15, note="Sent the BP log to the PCP.", **PCP)
    assert fax.coordination
    assert (fax.next_due, fax.retry, fax.failed_in_a_row) == (date(2026, 11, 24), True, 1)
    assert contacts(db=db, client_id=client)[0].successful is None
    row = _row(db, client)
    assert (row.next_due, row.last_contact) == (date(2026, 11, 24), date(2026, 11, 20))
    assert _queue_kinds(db, client) == [("retry", date(2026, 11, 24))]
    assert client_month(db=db, client_id=client, today=TODAY).minutes == 37


def test_care_team_attempts_are_not_attempts_to_reach_the_client(db) -> None:
    client = _client(db)
    _log(db, client, occurred_at="2026-11-20 09:00", outcome="reached", minutes=20)
    for hour in (9, 10, 11):
        logged = _log(db, client, occurred_at=f"2026-11-23 {hour}:00", outcome="no_answer",
                      minutes=1, **PCP)
    assert (logged.retry, logged.failed_in_a_row, logged.unable_to_reach) == (False, 0, False)
    assert logged.next_due == date(2026, 12, 4)  # moderate: 14 days after Nov 20
    row = _row(db, client)
    assert row.next_due == date(2026, 12, 4)
    assert "unable_to_reach" not in row.flags
    assert _queue_kinds(db, client) == []


def test_a_care_team_call_with_a_note_never_closes_a_safety_finding(db) -> None:
    client = _client(db)
    with db.write() as session:
        session.add(SafetyFinding(client_id=client, flag="suicidal_ideation",
                                  instrument_id="phq9", answers={"9": 2},
                                  found_at=datetime(2026, 11, 24, 8, 0).astimezone()))
    logged = _log(db, client, occurred_at="2026-11-24 09:00", outcome="reached",
                  note="Told the PCP about the PHQ-9.", **PCP)
    assert logged.closed_findings == ()
    assert "suicidal_ideation" in _row(db, client).flags
    assert "safety" in [item.kind for item in load_queue(db=db, today=TODAY, only=client).items]


def test_a_correction_to_the_care_team_makes_it_coordination_and_back(db) -> None:
    client = _client(db)
    logged = _log(db, client, occurred_at="2026-11-23 09:00", outcome="reached", minutes=5)
    assert _row(db, client).last_contact == date(2026, 11, 23)
    correct_contact(db=db, contact_id=logged.contact_id, version=1, values=PCP,
                    reason="It was the PCP's office", now=NOW)
    with db.read() as session:
        assert session.scalar(select(ContactLog.successful)) is None
    assert _row(db, client).last_contact is None
    correct_contact(db=db, contact_id=logged.contact_id, version=2,
                    values={"with_whom": "Ida", "with_whom_kind": "client"},
                    reason="It was her after all", now=NOW)
    assert contacts(db=db, client_id=client)[0].successful is True


def test_the_history_tells_a_care_team_contact_apart(db) -> None:
    client = _client(db)
    _log(db, client, occurred_at="2026-11-24 10:00", outcome="reached", mode="fax",
         minutes=15, **PCP)
    titles = [event.title for event in load_record(db=db, client_id=client).history]
    assert "Fax with Dr Ames (care team): reached" in titles
