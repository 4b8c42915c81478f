"""Fault hunt (issue 9): a correction that turns a contact with the client into communication
with the care team (or back) changes `successful` between TRUE and NULL: the check-ins set by
hand it answered open again, and those it answers now are answered. A care-team contact from
before 0006 (stored TRUE/FALSE) keeps that meaning unless the correction changes its outcome or
with whom it was."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from carecli.data.clients import create_client
from carecli.data.contacts import contacts, correct_contact, log_contact
from carecli.data.follow_ups import schedule_follow_up
from carecli.data.models import CheckIn, ContactLog
from carecli.domain.enums import CheckInStatus

pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 11, 24, 16, 0).astimezone()


def _status(db, check_in_id: int) -> str:
    with db.read() as session:
        return session.scalar(select(CheckIn.status).where(CheckIn.id == check_in_id))


def _client_with_a_check_in_today(db) -> tuple[int, int]:
    """Ida Rowe, with a check-in set by hand for today: her id and the check-in's."""
    client = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                          "enrolled_on": date(2026, 1, 5)})
    schedule_follow_up(db=db, client_id=client, now=NOW, values={
        "kind": "check_in", "due_on": "2026-11-24", "reason": "confirm the discharge date"})
    with db.read() as session:
        return client, session.scalar(select(CheckIn.id))


def test_a_call_corrected_to_the_care_team_no_longer_answers_the_clients_check_in(db) -> None:
    client, due = _client_with_a_check_in_today(db)
    log_contact(db=db, client_id=client, now=NOW, values={
        "outcome": "reached", "minutes": 5, "occurred_at": "2026-11-24 10:00"})
    assert _status(db, due) == CheckInStatus.DONE
    entry = contacts(db=db, client_id=client)[0]
    correct_contact(db=db, contact_id=entry.id, version=entry.version,
                    values={"with_whom": "Dr Ames", "with_whom_kind": "care_team"},
                    reason="It was the PCP's office", now=NOW)
    assert contacts(db=db, client_id=client)[0].successful is None
    assert _status(db, due) == CheckInStatus.OPEN


def test_a_care_team_call_corrected_to_the_client_reached_answers_the_check_in(db) -> None:
    client, due = _client_with_a_check_in_today(db)
    log_contact(db=db, client_id=client, now=NOW, values={
        "outcome": "reached", "minutes": 5, "occurred_at": "2026-11-24 10:00",
        "with_whom": "Dr Ames", "with_whom_kind": "care_team"})
    assert _status(db, due) == CheckInStatus.OPEN
    entry = contacts(db=db, client_id=client)[0]
    correct_contact(db=db, contact_id=entry.id, version=entry.version,
                    values={"with_whom": None, "with_whom_kind": "client"},
                    reason="It was Ida herself on the line", now=NOW)
    assert contacts(db=db, client_id=client)[0].successful is True
    assert _status(db, due) == CheckInStatus.DONE


def test_a_care_team_contact_from_before_0006_keeps_its_meaning_when_its_minutes_change(db):
    """Logged as reached with the PCP before 0006 (stored TRUE, it answered the check-in): a
    correction of its minutes alone leaves it so, and the check-in with it."""
    client = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                          "enrolled_on": date(2026, 1, 5)})
    schedule_follow_up(db=db, client_id=client, now=NOW, values={
        "kind": "check_in", "due_on": "2026-11-24", "reason": "confirm the discharge date"})
    log_contact(db=db, client_id=client, now=NOW, values={
        "outcome": "reached", "minutes": 5, "occurred_at": "2026-11-24 10:00"})
    with db.write() as session:  # as the app before 0006 stored a call with the PCP
        row = session.scalar(select(ContactLog))
        row.with_whom, row.with_whom_kind = "Dr Ames", "care_team"
        due = session.scalar(select(CheckIn.id))
    entry = contacts(db=db, client_id=client)[0]
    correct_contact(db=db, contact_id=entry.id, version=entry.version, values={"minutes": 8},
                    reason="The call ran longer", now=NOW)
    corrected = contacts(db=db, client_id=client)[0]
    assert (corrected.minutes, corrected.successful) == (8, True)
    assert _status(db, due) == CheckInStatus.DONE
    correct_contact(db=db, contact_id=entry.id, version=corrected.version,
                    values={"outcome": "no_answer"}, reason="Nobody picked up", now=NOW)
    assert contacts(db=db, client_id=client)[0].successful is None
    assert _status(db, due) == CheckInStatus.OPEN
