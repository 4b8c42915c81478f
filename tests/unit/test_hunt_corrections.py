"""Correcting a contact: after the client's enrolment day was moved later, the minutes of a
contact from before the new day can still be corrected (billing depends on them), while moving
a contact to before the enrolment day is still refused; a correction of the outcome or the
time answers the check-ins set by hand again (an attempt answers none)."""

from datetime import date

import pytest
from sqlalchemy import select
from test_contacts import NOW, _client, _log

from carecli.data.clients import client_values, get_client, update_client
from carecli.data.contacts import contacts, correct_contact
from carecli.data.errors import InvalidInput
from carecli.data.follow_ups import schedule_follow_up
from carecli.data.models import CheckIn
from carecli.domain.enums import CheckInStatus


def _enrol_later(db, client_id: int, day: date) -> None:
    client = get_client(db=db, client_id=client_id)
    update_client(db=db, client_id=client_id, version=client.version,
                  values={**client_values(client), "enrolled_on": day})


def test_minutes_of_a_contact_before_a_moved_enrolment_day_can_be_corrected(db) -> None:
    client = _client(db)
    _log(db, client, outcome="reached", minutes=10, occurred_at="2026-02-02 10:00")
    _enrol_later(db, client, date(2026, 3, 2))
    entry = contacts(db=db, client_id=client)[0]
    correct_contact(db=db, contact_id=entry.id, version=entry.version, values={"minutes": 25},
                    reason="the call ran longer", now=NOW)
    assert contacts(db=db, client_id=client)[0].minutes == 25
    corrected = contacts(db=db, client_id=client)[0]
    with pytest.raises(InvalidInput) as refused:
        correct_contact(db=db, contact_id=entry.id, version=corrected.version,
                        values={"occurred_at": "2026-02-03 10:00"}, reason="wrong day",
                        now=NOW)
    assert refused.value.errors == {
        "occurred_at": "is before the client's enrolment on 2026-03-02"}


def _check_in(db, check_in_id: int) -> tuple:
    with db.read() as session:
        row = session.get(CheckIn, check_in_id)
        return row.status, row.contact_id


def _correct(db, client_id: int, values: dict, reason: str = "mis-click") -> int:
    entry = next(e for e in contacts(db=db, client_id=client_id) if e.minutes == 5)
    correct_contact(db=db, contact_id=entry.id, version=entry.version, values=values,
                    reason=reason, now=NOW)
    return entry.id


def test_a_check_in_answered_by_a_call_corrected_to_an_attempt_opens_again(db) -> None:
    client = _client(db)
    due = schedule_follow_up(db=db, client_id=client, now=NOW, values={
        "kind": "check_in", "due_on": "2026-11-24", "reason": "confirm the discharge date"})
    _log(db, client, outcome="reached", minutes=5, occurred_at="2026-11-24 10:00",
         follow_up={"kind": "check_in", "due_on": "2026-11-24", "reason": "call back"})
    own = max(check_in_id for check_in_id, in _ids(db))
    contact = _correct(db, client, {"outcome": "voicemail"})
    assert _check_in(db, due) == (CheckInStatus.OPEN, None)
    _correct(db, client, {"outcome": "reached"}, reason="it was answered after all")
    assert _check_in(db, due) == (CheckInStatus.DONE, contact)
    assert _check_in(db, own) == (CheckInStatus.OPEN, None)  # its own follow-up: not its answer
    _correct(db, client, {"occurred_at": "2026-11-23 10:00"}, reason="it was Monday")
    assert _check_in(db, due) == (CheckInStatus.OPEN, None)  # before the day it was due


def _ids(db):
    with db.read() as session:
        return session.execute(select(CheckIn.id)).all()
