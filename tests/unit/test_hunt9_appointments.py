"""Fault hunt (issue 9): appointment defects, each with the test that failed before its fix: a
rescheduled time at fault is named under the outcome form's own field, and a same-day
appointment's reminder call is not due before the appointment was made."""

from datetime import date, datetime, timedelta

import pytest

from carecli.data.appointments import add_appointment, get_appointment, record_outcome
from carecli.data.clients import create_client
from carecli.data.errors import InvalidInput
from carecli.data.queue import load_queue

pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 11, 24, 9, 0).astimezone()


def test_a_rescheduled_time_too_far_ahead_names_the_new_time_field(db) -> None:
    client = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                          "enrolled_on": date(2026, 1, 5)})
    new = add_appointment(db=db, client_id=client, now=NOW, values={
        "with_whom": "Dr Ames", "starts_at": "2026-11-26 10:30"})
    with pytest.raises(InvalidInput) as refused:
        record_outcome(db=db, appointment_id=new, version=1, now=NOW, values={
            "status": "rescheduled", "new_starts_at": "2029-11-26 10:30"})
    assert refused.value.errors == {"new_starts_at": "is more than two years ahead"}


def test_a_same_day_appointment_made_today_is_not_an_overdue_reminder(db) -> None:
    client = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                          "enrolled_on": date(2026, 1, 5)})
    add_appointment(db=db, client_id=client, now=NOW, values={
        "with_whom": "Dr Ames", "starts_at": "2026-11-24 15:00"})
    reminders = [item for item in load_queue(db=db, today=NOW.date(), only=client).items
                 if item.kind == "appointment_reminder"]
    assert [(item.due, item.overdue_days) for item in reminders] == [(NOW.date(), 0)]


def test_an_appointment_made_yesterday_for_today_has_its_reminder_yesterday(db) -> None:
    client = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                          "enrolled_on": date(2026, 1, 5)})
    add_appointment(db=db, client_id=client, now=NOW - timedelta(days=1), values={
        "with_whom": "Dr Ames", "starts_at": "2026-11-24 15:00"})
    reminders = [item for item in load_queue(db=db, today=NOW.date(), only=client).items
                 if item.kind == "appointment_reminder"]
    assert [(item.due, item.overdue_days) for item in reminders] == [(date(2026, 11, 23), 1)]


def test_the_new_appointment_of_one_rescheduled_to_today_has_its_reminder_today(db) -> None:
    client = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                          "enrolled_on": date(2026, 1, 5)})
    first = add_appointment(db=db, client_id=client, now=NOW - timedelta(days=7), values={
        "with_whom": "Dr Ames", "starts_at": "2026-11-27 10:30"})
    moved = record_outcome(db=db, appointment_id=first, version=1, now=NOW, values={
        "status": "rescheduled", "new_starts_at": "2026-11-24 16:00"})
    assert get_appointment(db=db, appointment_id=moved).made_on == NOW.date()
    reminders = [item for item in load_queue(db=db, today=NOW.date(), only=client).items
                 if item.kind == "appointment_reminder"]
    assert [(item.key, item.due, item.overdue_days) for item in reminders] == [
        (f"appointment_reminder:{moved}", NOW.date(), 0)]
