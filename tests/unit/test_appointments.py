"""Appointments: what is stored (local time typed, UTC kept), who with (a care-team member of
the client, or a name typed), what is refused (in sentences naming the field), edits against
a stale version, how one went (a rescheduled one gets its new appointment), the reminder
mark, the order a client's list shows them in and the record's history."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from carecli.data.appointments import (
    add_appointment,
    appointments_between,
    get_appointment,
    list_appointments,
    mark_reminded,
    record_outcome,
    update_appointment,
)
from carecli.data.clients import create_client
from carecli.data.entries import add_entry
from carecli.data.errors import ChangedElsewhere, InvalidInput
from carecli.data.models import AuditLog
from carecli.data.record import load_record
from carecli.domain.appointments import (
    in_order,
    initials,
    line,
    outcome_due,
    outcome_reason,
    reminder_due,
    reminder_reason,
)

pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 11, 24, 16, 0).astimezone()
TODAY = date(2026, 11, 24)


def _client(db, given: str = "Ida", family: str = "Rowe") -> int:
    return create_client(db=db, values={"given_name": given, "family_name": family,
                                        "enrolled_on": date(2026, 1, 5)})


def _add(db, client_id: int, now: datetime = NOW, **values) -> int:
    base = {"with_whom": "Dr Ames", "starts_at": "2026-11-25 10:30"}
    return add_appointment(db=db, client_id=client_id, values={**base, **values}, now=now)


def test_an_appointment_is_stored_in_utc_with_a_care_team_member(db) -> None:
    client = _client(db)
    member = add_entry(db=db, kind="care_team", client_id=client,
                       values={"name": "Dr Ames", "role": "PCP"})
    new = _add(db, client, with_whom="", care_team_member_id=member, location="Elm St clinic",
               purpose="BP review", transport_arranged=True, transport_note="Dial-a-ride 9:45")
    found = get_appointment(db=db, appointment_id=new)
    assert found.starts_at == datetime(2026, 11, 25, 10, 30).astimezone()
    assert found.starts_at.utcoffset() == timedelta(0)
    assert (found.with_whom, found.care_team_member_id, found.status) == (
        "Dr Ames", member, "scheduled")
    assert line(found, TODAY) == "Dr Ames tomorrow 10:30 at Elm St clinic (transport arranged)"
    with db.read() as session:
        summary = session.scalar(select(AuditLog.summary).where(AuditLog.entity == "appointment"))
    assert summary == "scheduled 2026-11-25"  # no name, place or note


@pytest.mark.parametrize(("values", "field", "words"), [
    ({"with_whom": ""}, "with_whom", "pick a care-team member or type a name"),
    ({"starts_at": ""}, "starts_at", "is required"),
    ({"starts_at": "2026-02-30 10:00"}, "starts_at", "not a real date"),
    ({"starts_at": "tomorrow"}, "starts_at", "is not a time"),
    ({"starts_at": "1899-12-31 10:00"}, "starts_at", "before 1900"),
    ({"starts_at": "2029-01-01 10:00"}, "starts_at", "more than two years ahead"),
    ({"starts_at": "2026-11-24 09:00"}, "starts_at", "is in the past"),
    ({"status": "attended", "starts_at": "2026-11-30 09:00"}, "status", "has not happened"),
    ({"status": "lost"}, "status", "must be one of"),
    ({"location": "x" * 401}, "location", "too long"),
])
def test_bad_input_is_refused_naming_the_field(db, values, field, words) -> None:
    client = _client(db)
    with pytest.raises(InvalidInput) as refused:
        _add(db, client, **values)
    assert words in refused.value.errors[field]
    assert list_appointments(db=db, client_id=client) == []


def test_a_past_appointment_is_recorded_after_the_fact_with_how_it_went(db) -> None:
    client = _client(db)
    new = _add(db, client, starts_at="2026-11-20 14:00", status="attended",
               outcome_note="New BP medicine")
    assert get_appointment(db=db, appointment_id=new).status == "attended"


def test_another_clients_care_team_member_is_refused(db) -> None:
    client, other = _client(db), _client(db, "Li", "Wei")
    member = add_entry(db=db, kind="care_team", client_id=other,
                       values={"name": "Dr Bell", "role": "PCP"})
    with pytest.raises(InvalidInput) as refused:
        _add(db, client, care_team_member_id=member)
    assert "care team" in refused.value.errors["with_whom"]


def test_an_edit_of_a_stale_version_is_refused_and_saves_nothing(db) -> None:
    client = _client(db)
    new = _add(db, client)
    values = {"with_whom": "Dr Ames", "starts_at": "2026-11-26 11:00", "location": "Annex"}
    update_appointment(db=db, appointment_id=new, version=1, values=values, now=NOW)
    with pytest.raises(ChangedElsewhere):
        update_appointment(db=db, appointment_id=new, version=1,
                           values={**values, "location": "Main"}, now=NOW)
    found = get_appointment(db=db, appointment_id=new)
    assert (found.location, found.version) == ("Annex", 2)
    assert found.starts_at == datetime(2026, 11, 26, 11, 0).astimezone()


def test_a_past_scheduled_one_can_still_be_edited_without_moving_it(db) -> None:
    client = _client(db)
    new = _add(db, client)
    later = NOW + timedelta(days=3)
    update_appointment(db=db, appointment_id=new, version=1, now=later, values={
        "with_whom": "Dr Ames", "starts_at": "2026-11-25 10:30", "purpose": "BP review"})
    assert get_appointment(db=db, appointment_id=new).purpose == "BP review"


def test_how_it_went_and_a_rescheduled_one_gets_its_new_appointment(db) -> None:
    client = _client(db)
    first = _add(db, client, location="Elm St", transport_arranged=True)
    with pytest.raises(InvalidInput) as early:
        record_outcome(db=db, appointment_id=first, version=1, values={"status": "attended"},
                       now=NOW)
    assert "has not happened" in early.value.errors["status"]
    moved = record_outcome(db=db, appointment_id=first, version=1, now=NOW, values={
        "status": "rescheduled", "outcome_note": "Clinic closed", "new_starts_at":
        "2026-12-02 09:00"})
    old, new = (get_appointment(db=db, appointment_id=i) for i in (first, moved))
    assert (old.status, old.outcome_note) == ("rescheduled", "Clinic closed")
    assert (new.status, new.location, new.transport_arranged, new.outcome_note) == (
        "scheduled", "Elm St", True, None)
    assert new.starts_at == datetime(2026, 12, 2, 9, 0).astimezone()
    after = NOW + timedelta(days=9)
    record_outcome(db=db, appointment_id=moved, version=1, now=after,
                   values={"status": "missed", "outcome_note": "No ride came"})
    assert get_appointment(db=db, appointment_id=moved).status == "missed"


def test_the_reminder_and_outcome_follow_up_days(db) -> None:
    client = _client(db)
    new = _add(db, client, transport_arranged=True)
    found = get_appointment(db=db, appointment_id=new)
    assert (reminder_due(found), outcome_due(found)) == (date(2026, 11, 24), date(2026, 11, 26))
    assert reminder_reason(found, TODAY) == (
        "reminder call: Dr Ames tomorrow 10:30 (transport arranged)")
    assert outcome_reason(found, date(2026, 11, 26)) == (
        "appointment with Dr Ames yesterday: how did it go?")
    mark_reminded(db=db, appointment_id=new, on=TODAY)
    reminded = get_appointment(db=db, appointment_id=new)
    assert (reminded.reminded_on, reminder_due(reminded)) == (TODAY, None)
    record_outcome(db=db, appointment_id=new, version=reminded.version,
                   values={"status": "cancelled"}, now=NOW)
    assert outcome_due(get_appointment(db=db, appointment_id=new)) is None


def test_a_clients_list_shows_what_is_to_come_first_then_the_past(db) -> None:
    client = _client(db)
    past = _add(db, client, starts_at="2026-11-10 09:00", status="attended")
    later = _add(db, client, starts_at="2026-12-20 09:00")
    soon = _add(db, client, starts_at="2026-11-30 09:00")
    older = _add(db, client, starts_at="2026-10-01 09:00", status="missed")
    listed = in_order(list_appointments(db=db, client_id=client), NOW)
    assert [a.id for a in listed] == [soon, later, past, older]


def test_the_calendar_reads_every_clients_appointments_in_the_window(db) -> None:
    ida, li = _client(db), _client(db, "Li", "Wei")
    _add(db, ida, starts_at="2026-11-25 10:30")
    _add(db, li, starts_at="2026-11-26 09:00")
    _add(db, li, starts_at="2027-01-26 09:00")
    cancelled = _add(db, ida, starts_at="2026-11-27 09:00")
    record_outcome(db=db, appointment_id=cancelled, version=1, values={"status": "cancelled"},
                   now=NOW)
    found = appointments_between(db=db, start=NOW.astimezone(UTC),
                              end=NOW + timedelta(days=30))
    assert [(c.client, c.appointment.day, c.appointment.status) for c in found] == [
        ("Ida Rowe", date(2026, 11, 25), "scheduled"), ("Li Wei", date(2026, 11, 26), "scheduled"),
        ("Ida Rowe", date(2026, 11, 27), "cancelled")]


def test_the_history_shows_appointments(db) -> None:
    client = _client(db)
    _add(db, client, starts_at="2026-11-20 14:00", status="missed")
    titles = [e.title for e in load_record(db=db, client_id=client).history]
    assert "Appointment with Dr Ames: missed" in titles


def test_initials() -> None:
    assert initials("Ida Rowe") == "I.R."
    assert initials("José  de la Núñez") == "J.D.L.N."
    assert initials("  ") == "?"
    assert initials("Núñez, José (Pepe)") == "J.N."
