"""Correcting a contact after the client's enrolment day was moved later: the minutes of a
contact from before the new day can still be corrected (billing depends on them); moving a
contact to before the enrolment day is still refused."""

from datetime import date

import pytest
from test_contacts import NOW, _client, _log

from carecli.data.clients import client_values, get_client, update_client
from carecli.data.contacts import contacts, correct_contact
from carecli.data.errors import InvalidInput


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
