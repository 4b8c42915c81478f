"""The queue's appointment items: a reminder call the day before (done when made, or when the
appointment is no longer scheduled; gone after its day) and an outcome follow-up the day after
(until its status says how it went)."""

from datetime import date, datetime, timedelta

import pytest

from carecli.data.appointments import add_appointment, mark_reminded, record_outcome
from carecli.data.clients import create_client
from carecli.data.contacts import log_contact
from carecli.data.follow_ups import snooze
from carecli.data.queue import load_queue

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 24)  # a Tuesday
NOW = datetime(2026, 11, 24, 9, 0).astimezone()


def _client(db) -> int:
    client = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                          "enrolled_on": date(2026, 1, 5)})
    log_contact(db=db, client_id=client, now=NOW, values={"outcome": "reached"})
    return client  # reached today: no check-in due for a fortnight


def _items(db, client: int, day: date) -> list[tuple[str, date, str]]:
    return [(i.key, i.due, i.reason) for i in load_queue(db=db, today=day, only=client).items]


def _appointment(db, client: int, **values) -> int:
    return add_appointment(db=db, client_id=client, now=NOW, values={
        "with_whom": "Dr Ames", "starts_at": "2026-11-26 10:30", **values})


def test_a_reminder_call_the_day_before_and_how_it_went_the_day_after(db) -> None:
    client = _client(db)
    new = _appointment(db, client, transport_arranged=True)
    assert _items(db, client, TODAY) == []
    wednesday, friday = TODAY + timedelta(days=1), TODAY + timedelta(days=3)
    assert _items(db, client, wednesday) == [
        (f"appointment_reminder:{new}", wednesday,
         "reminder call: Dr Ames tomorrow 10:30 (transport arranged)")]
    assert _items(db, client, TODAY + timedelta(days=2))[0][0] == f"appointment_reminder:{new}"
    assert _items(db, client, friday) == [
        (f"appointment_outcome:{new}", friday,
         "appointment with Dr Ames yesterday: how did it go?")]
    assert load_queue(db=db, today=friday + timedelta(days=4), only=client).items[0].overdue_days \
        == 4
    month_later = date(2026, 12, 26)  # 30 days after it
    assert _items(db, client, month_later)[-1][0] == f"appointment_outcome:{new}"
    assert f"appointment_outcome:{new}" not in [  # given up a month after
        key for key, *_ in _items(db, client, month_later + timedelta(days=1))]
    mark_reminded(db=db, appointment_id=new, on=wednesday)
    assert _items(db, client, wednesday) == []
    record_outcome(db=db, appointment_id=new, version=2, values={"status": "attended"},
                   now=NOW + timedelta(days=3))
    assert _items(db, client, friday) == []


def test_a_cancelled_appointment_asks_for_nothing(db) -> None:
    client = _client(db)
    new = _appointment(db, client)
    record_outcome(db=db, appointment_id=new, version=1, values={"status": "cancelled"},
                   now=NOW)
    for ahead in range(5):
        assert _items(db, client, TODAY + timedelta(days=ahead)) == []


def test_the_week_ahead_counts_the_reminder_and_an_item_can_be_snoozed(db) -> None:
    client = _client(db)
    new = _appointment(db, client)
    week = dict(load_queue(db=db, today=TODAY).week)
    assert week[TODAY + timedelta(days=1)] == 1
    later = NOW + timedelta(days=1)
    snooze(db=db, client_id=client, now=later, item_key=f"appointment_reminder:{new}",
           until_on="2026-11-26", reason="She asked to be called on the day")
    assert _items(db, client, TODAY + timedelta(days=1)) == []
