"""Appointments of a client: list them, add one, edit one, say how it went (a rescheduled one
gets its new appointment in the same transaction), mark its reminder call made, and read the
ones of every client in a window for the calendar export.

Times are typed in local time (`YYYY-MM-DD HH:MM`) and stored in UTC. Rules: no time before
1900 or more than two years ahead; a new or moved appointment that is still `scheduled` is not
in the past (one that has happened is recorded as attended, missed or cancelled: that is how
one is written down after the fact); attended or missed only once its time has come. Every
edit names the version it read (a stale form is refused) and records an audit row with ids,
dates and codes only.
"""

from datetime import date, datetime, timedelta
from typing import Any

from pydantic import ValidationInfo, field_validator
from sqlalchemy import select

from carecli.data.audit import record_change
from carecli.data.contact_inputs import FUTURE_SLACK, Moment, clock
from carecli.data.db import Database
from carecli.data.errors import InvalidInput, NotFound
from carecli.data.follow_ups import stored_client
from carecli.data.inputs import EARLIEST, InputModel, OptName, OptText, optional_text, validate
from carecli.data.models import Appointment as AppointmentRow
from carecli.data.models import CareTeamMember, Client
from carecli.data.versions import check_version
from carecli.domain.appointments import Appointment, CalendarAppointment
from carecli.domain.enums import AppointmentStatus

ENTITY = "appointment"
AHEAD_DAYS = 2 * 366
"""An appointment more than about two years ahead is taken for a typing mistake."""
SHORT_MAX = 400
NOT_YET = {AppointmentStatus.ATTENDED, AppointmentStatus.MISSED}
"""Outcomes that need the appointment's time to have come."""


def _now(info: ValidationInfo) -> datetime:
    return (info.context or {})["now"]


class AppointmentInput(InputModel):
    """An appointment as its form gives it."""

    care_team_member_id: int | None = None
    with_whom: OptName = None
    starts_at: Moment = None
    location: optional_text(SHORT_MAX) = None
    purpose: optional_text(SHORT_MAX) = None
    transport_arranged: bool = False
    transport_note: optional_text(SHORT_MAX) = None
    status: AppointmentStatus = AppointmentStatus.SCHEDULED
    outcome_note: OptText = None

    @field_validator("starts_at")
    @classmethod
    def _plausible(cls, value: datetime | None, info: ValidationInfo) -> datetime:
        if value is None:
            raise ValueError("is required: YYYY-MM-DD HH:MM")
        if value.astimezone().date() < EARLIEST:
            raise ValueError("is before 1900")
        if value > _now(info) + timedelta(days=AHEAD_DAYS):
            raise ValueError("is more than two years ahead")
        return value


class OutcomeInput(InputModel):
    """How an appointment went: a status, a note, and for a rescheduled one its new time."""

    status: AppointmentStatus
    outcome_note: OptText = None
    new_starts_at: Moment = None


FIELDS = tuple(AppointmentInput.model_fields)


def as_appointment(row: AppointmentRow) -> Appointment:
    return Appointment(
        id=row.id, client_id=row.client_id, care_team_member_id=row.care_team_member_id,
        with_whom=row.with_whom, starts_at=row.starts_at, location=row.location,
        purpose=row.purpose, transport_arranged=bool(row.transport_arranged),
        transport_note=row.transport_note, status=row.status, reminded_on=row.reminded_on,
        outcome_note=row.outcome_note, version=row.version,
        made_on=row.created_at.astimezone().date() if row.created_at is not None else None,
    )


def list_appointments(*, db: Database, client_id: int) -> list[Appointment]:
    """Every appointment of the client (`domain.appointments.in_order` sorts them)."""
    with db.read() as session:
        stored_client(session, client_id)
        rows = session.scalars(select(AppointmentRow).where(
            AppointmentRow.client_id == client_id)).all()
        return [as_appointment(row) for row in rows]


def get_appointment(*, db: Database, appointment_id: int) -> Appointment:
    with db.read() as session:
        return as_appointment(_get(session, appointment_id))


def add_appointment(*, db: Database, client_id: int, values: dict[str, Any],
                    now: datetime | None = None) -> int:
    """A new appointment; `InvalidInput` names the field at fault."""
    context = clock(now)
    data = _checked(validate(AppointmentInput, values, context), context["now"], moved=True)
    with db.write() as session:
        stored_client(session, client_id)
        row = AppointmentRow(client_id=client_id, created_at=context["now"],
                             **_stored(session, client_id, data))
        session.add(row)
        session.flush()
        record_change(session, action="create", entity=ENTITY, entity_id=row.id,
                      client_id=client_id, summary=_summary(row))
        return row.id


def update_appointment(*, db: Database, appointment_id: int, version: int,
                       values: dict[str, Any], now: datetime | None = None) -> None:
    """Save the form over the appointment as read (`version`); refused when it changed since."""
    context = clock(now)
    data = validate(AppointmentInput, values, context)
    with db.write() as session:
        row = _get(session, appointment_id)
        check_version(row, version, "this appointment")
        moved = row.starts_at != data.starts_at or row.status != data.status
        _checked(data, context["now"], moved=moved)
        for key, value in _stored(session, row.client_id, data).items():
            setattr(row, key, value)
        record_change(session, action="update", entity=ENTITY, entity_id=row.id,
                      client_id=row.client_id, summary=_summary(row))


def record_outcome(*, db: Database, appointment_id: int, version: int,
                   values: dict[str, Any], now: datetime | None = None) -> int | None:
    """Say how it went (`status`, `outcome_note`); a `rescheduled` one with `new_starts_at`
    gets a new scheduled appointment like it at that time, whose id is returned."""
    context = clock(now)
    data = validate(OutcomeInput, values, context)
    with db.write() as session:
        row = _get(session, appointment_id)
        check_version(row, version, "this appointment")
        if data.status in NOT_YET and row.starts_at > context["now"] + FUTURE_SLACK:
            raise InvalidInput({"status": f"cannot be {data.status.value} yet: the "
                                          "appointment has not happened"})
        if data.new_starts_at is not None and data.status != AppointmentStatus.RESCHEDULED:
            raise InvalidInput({"new_starts_at": "is only for a rescheduled appointment"})
        row.status, row.outcome_note = data.status.value, data.outcome_note
        record_change(session, action="update", entity=ENTITY, entity_id=row.id,
                      client_id=row.client_id, summary=_summary(row))
        if data.new_starts_at is None:
            return None
        copy = {name: getattr(row, name) for name in FIELDS if name != "outcome_note"}
        try:  # the new time's faults are the outcome form's `new_starts_at`
            again = _checked(validate(AppointmentInput, {
                **copy, "starts_at": data.new_starts_at,
                "status": AppointmentStatus.SCHEDULED}, context), context["now"], moved=True)
        except InvalidInput as exc:
            if "starts_at" not in exc.errors:
                raise
            raise InvalidInput({"new_starts_at": exc.errors["starts_at"]}) from None
        new = AppointmentRow(client_id=row.client_id, created_at=context["now"],
                             **_stored(session, row.client_id, again))
        session.add(new)
        session.flush()
        record_change(session, action="create", entity=ENTITY, entity_id=new.id,
                      client_id=row.client_id, summary=f"{_summary(new)}; moved from {row.id}")
        return new.id


def mark_reminded(*, db: Database, appointment_id: int, on: date,
                  version: int | None = None) -> None:
    """The reminder call was made on `on` (its queue item is then done)."""
    with db.write() as session:
        row = _get(session, appointment_id)
        check_version(row, version, "this appointment")
        _reminded(session, row, on)


def reminded_by_contact(session, appointment_id: int, client_id: int, on: date) -> None:
    """In the caller's transaction (logging a contact with the client from the reminder's
    queue item): the reminder call was made on `on`. An appointment gone meanwhile, or
    another client's, is left alone: the contact is saved all the same."""
    row = session.get(AppointmentRow, appointment_id)
    if row is not None and row.client_id == client_id:
        _reminded(session, row, on)


def _reminded(session, row: AppointmentRow, on: date) -> None:
    if row.reminded_on is None:
        row.reminded_on = on
        record_change(session, action="update", entity=ENTITY, entity_id=row.id,
                      client_id=row.client_id, summary=f"reminded {on.isoformat()}")


def appointments_between(*, db: Database, start: datetime,
                         end: datetime) -> list[CalendarAppointment]:
    """Every client's appointments from `start` to before `end` (aware), whatever their
    status, soonest first, with the client's name."""
    with db.read() as session:
        rows = session.execute(
            select(AppointmentRow, Client.given_name, Client.family_name)
            .join(Client, Client.id == AppointmentRow.client_id)
            .where(AppointmentRow.starts_at >= start, AppointmentRow.starts_at < end)
            .order_by(AppointmentRow.starts_at, AppointmentRow.id)).all()
        return [CalendarAppointment(as_appointment(row), f"{given} {family}")
                for row, given, family in rows]


def _checked(data: AppointmentInput, now: datetime, *, moved: bool) -> AppointmentInput:
    """The rules across fields: someone to see; a scheduled time set now is not past;
    attended or missed only once the time has come."""
    if data.care_team_member_id is None and data.with_whom is None:
        raise InvalidInput({"with_whom": "is required: pick a care-team member or type a name"})
    status = data.status
    if moved and status == AppointmentStatus.SCHEDULED and data.starts_at < now - FUTURE_SLACK:
        raise InvalidInput({"starts_at": "is in the past: record an appointment that has "
                                         "happened as attended, missed or cancelled"})
    if status in NOT_YET and data.starts_at > now + FUTURE_SLACK:
        raise InvalidInput({"status": f"cannot be {status.value} yet: the appointment has "
                                      "not happened"})
    return data


def _stored(session, client_id: int, data: AppointmentInput) -> dict[str, Any]:
    """The columns from the form: a care-team member's own name (they must be the client's)."""
    values = {name: getattr(data, name) for name in FIELDS}
    values["status"] = data.status.value
    if data.care_team_member_id is not None:
        member = session.get(CareTeamMember, data.care_team_member_id)
        if member is None or member.client_id != client_id:
            raise InvalidInput({"with_whom": "is not on this client's care team (any more)"})
        values["with_whom"] = member.name
    return values


def _get(session, appointment_id: int) -> AppointmentRow:
    row = session.get(AppointmentRow, appointment_id)
    if row is None:
        raise NotFound("That appointment no longer exists.")
    return row


def _summary(row: AppointmentRow) -> str:
    """Codes and dates only: never a name, a place or a note."""
    return f"{row.status} {row.starts_at.astimezone().date().isoformat()}"
