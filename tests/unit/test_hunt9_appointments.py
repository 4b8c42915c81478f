"""Fault hunt (issue 9): appointment defects, each proven by a test that fails today (marked
xfail strict until fixed)."""

from datetime import date, datetime

import pytest

from carecli.data.appointments import add_appointment, record_outcome
from carecli.data.clients import create_client
from carecli.data.errors import InvalidInput
from carecli.data.queue import load_queue

pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 11, 24, 9, 0).astimezone()


@pytest.mark.xfail(strict=True, reason="data/appointments.py record_outcome: a new time more "
                   "than two years ahead is refused under `starts_at`, a field the outcome form "
                   "does not have, so no field is marked and the message reads 'Please fix 1 "
                   "field marked in red. is more than two years ahead'")
def test_a_rescheduled_time_too_far_ahead_names_the_new_time_field(db) -> None:
    client = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                          "enrolled_on": date(2026, 1, 5)})
    new = add_appointment(db=db, client_id=client, now=NOW, values={
        "with_whom": "Dr Ames", "starts_at": "2026-11-26 10:30"})
    with pytest.raises(InvalidInput) as refused:
        record_outcome(db=db, appointment_id=new, version=1, now=NOW, values={
            "status": "rescheduled", "new_starts_at": "2029-11-26 10:30"})
    assert set(refused.value.errors) == {"new_starts_at"}


@pytest.mark.xfail(strict=True, reason="domain/appointments.py reminder_due is always the day "
                   "before: an appointment made this morning for this afternoon shows a reminder "
                   "call 1 day overdue, due before the appointment even existed")
def test_a_same_day_appointment_made_today_is_not_an_overdue_reminder(db) -> None:
    client = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                          "enrolled_on": date(2026, 1, 5)})
    add_appointment(db=db, client_id=client, now=NOW, values={
        "with_whom": "Dr Ames", "starts_at": "2026-11-24 15:00"})
    reminders = [item for item in load_queue(db=db, today=NOW.date(), only=client).items
                 if item.kind == "appointment_reminder"]
    assert all(item.overdue_days == 0 and item.due >= NOW.date() for item in reminders)
