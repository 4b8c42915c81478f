"""Appointments of a client with the care team as plain objects, and their rules in words
(pure: no database, no Textual): the order a client's list shows them in, how one reads in a
line, the queue's reminder call the day before and outcome follow-up the day after, and the
client's initials (all a calendar shows of a client without `--details`)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property

from carecli.domain.enums import AppointmentStatus, label

DURATION_MINUTES = 60
"""An appointment's length in a calendar: none is recorded, and an hour is what most
office visits with travel take (ours; DOMAIN.md is silent)."""

CLOSED = frozenset(s.value for s in AppointmentStatus if s != AppointmentStatus.SCHEDULED)
"""Statuses that say how it went (the outcome follow-up is done)."""


@dataclass(frozen=True)
class Appointment:
    """One appointment of a client (with a care-team member, or someone named)."""

    id: int
    client_id: int
    care_team_member_id: int | None
    with_whom: str
    starts_at: datetime
    """Aware, UTC (shown in local time)."""
    location: str | None
    purpose: str | None
    transport_arranged: bool
    transport_note: str | None
    status: str
    """`AppointmentStatus`."""
    reminded_on: date | None
    """The day the reminder call was made."""
    outcome_note: str | None
    version: int
    made_on: date | None = None
    """The day it was entered (local): its reminder call is not due before it. None: not
    known (a row another program wrote)."""

    @cached_property
    def local_start(self) -> datetime:
        """`starts_at` on this computer's clock (worked out once: the queue asks often)."""
        return self.starts_at.astimezone()

    @cached_property
    def day(self) -> date:
        """The day on the care manager's calendar."""
        return self.local_start.date()

    @property
    def scheduled(self) -> bool:
        return self.status == AppointmentStatus.SCHEDULED


@dataclass(frozen=True)
class CalendarAppointment:
    """An appointment in the calendar export, with whose it is."""

    appointment: Appointment
    client: str
    """The client's full name (a calendar without `--details` shows only the initials)."""


def in_order(appointments: Iterable[Appointment], now: datetime) -> tuple[Appointment, ...]:
    """A client's list: the ones still to come (soonest first), then the rest (latest first)."""
    seen = list(appointments)
    ahead = sorted((a for a in seen if a.scheduled and a.starts_at >= now),
                   key=lambda a: (a.starts_at, a.id))
    rest = sorted((a for a in seen if a not in ahead), key=lambda a: (a.starts_at, a.id),
                  reverse=True)
    return (*ahead, *rest)


def clock_words(at: datetime, today: date) -> str:
    """`today 10:30`, `tomorrow 10:30`, `yesterday 10:30`, else `Tue Dec 1 10:30` (local)."""
    local = at.astimezone()
    near = {0: "today", 1: "tomorrow", -1: "yesterday"}.get((local.date() - today).days)
    day = near or f"{local:%a %b} {local.day}"
    return f"{day} {local:%H:%M}"


def transport_words(appointment: Appointment) -> str:
    return "transport arranged" if appointment.transport_arranged else "no transport arranged"


def line(appointment: Appointment, today: date) -> str:
    """"Dr Ames tomorrow 10:30 at Elm St clinic (transport arranged)"; an outcome after it."""
    text = f"{appointment.with_whom} {clock_words(appointment.starts_at, today)}"
    if appointment.location:
        text += f" at {appointment.location}"
    if appointment.scheduled:
        return f"{text} ({transport_words(appointment)})"
    return f"{text}: {label(appointment.status).lower()}"


def reminder_due(appointment: Appointment) -> date | None:
    """The reminder call's day, while it is scheduled and not yet made: the day before, or
    the day it was made when that is later (one made this morning for this afternoon is due
    today, not overdue since before it existed), never after its own day."""
    if not appointment.scheduled or appointment.reminded_on is not None:
        return None
    due = appointment.day - timedelta(days=1)
    if appointment.made_on is not None and appointment.made_on > due:
        due = min(appointment.made_on, appointment.day)
    return due


def outcome_due(appointment: Appointment) -> date | None:
    """The outcome follow-up's day (the day after), while nobody said how it went."""
    return appointment.day + timedelta(days=1) if appointment.scheduled else None


def reminder_reason(appointment: Appointment, today: date) -> str:
    """"reminder call: Dr Ames tomorrow 10:30 (transport arranged)"."""
    return (f"reminder call: {appointment.with_whom} "
            f"{clock_words(appointment.starts_at, today)} ({transport_words(appointment)})")


def outcome_reason(appointment: Appointment, today: date) -> str:
    """"appointment with Dr Ames yesterday: how did it go?"."""
    local = appointment.local_start
    gap = (today - local.date()).days
    when = "yesterday" if gap == 1 else "today" if gap == 0 else f"{local:%a %b} {local.day}"
    return f"appointment with {appointment.with_whom} {when}: how did it go?"


def initials(name: str) -> str:
    """`Ida Rowe` or `Rowe, Ida (Ide)` (as the queue names a client) -> `I.R.`; a name with
    no letters -> `?`."""
    family, comma, given = name.partition(",")
    if comma:
        name = f"{given.partition('(')[0]} {family}"
    letters = [word[0].upper() for word in name.split() if word[:1].isalpha()]
    return "".join(f"{letter}." for letter in letters) or "?"
