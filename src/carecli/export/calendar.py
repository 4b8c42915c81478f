"""The care manager's own calendar as an iCalendar file (RFC 5545, written with the
`icalendar` package): every client's upcoming appointments as events, and the queue's work due
in the window as all-day events (an all-day event, not a VTODO: the common calendars, Google's
among them, import events and drop to-dos).

Without `details` an entry says no more about a client than their initials and the kind of
work in plain, non-clinical words ("Appointment: I.R.", "Check-in call: I.R."): no name, no
care-team member, no place, no purpose, no reason. With `details` it says all of them.

Every entry has a UID that stays the same from one export to the next (the appointment's id;
the queue item's key and its client), so importing a newer file into the same calendar
updates the entries rather than adding them twice; an appointment cancelled or rescheduled
since is sent as cancelled, so it is struck out there too. Pure: no database, no clock (`now`
is given).
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from carecli.domain.appointments import (
    DURATION_MINUTES,
    CalendarAppointment,
    initials,
    transport_words,
)
from carecli.domain.daily import QueueItem
from carecli.domain.enums import label

MARKER = "carecli calendar export"
"""In the calendar's PRODID: a file holding it is one carecli wrote (`--force` replaces it)."""
PRODID = f"-//carecli//{MARKER}//EN"
UID_DOMAIN = "carecli.invalid"
"""The right-hand side of every UID (RFC 5545 suggests a domain; none is ours, so one that
never resolves)."""

WORK_WORDS = {
    "safety": "Urgent call", "tcm": "Call by deadline",
    "tcm_medrec": "Medication review by deadline", "tcm_visit": "Visit by deadline",
    "retry": "Check-in call",
    "unable_to_reach": "Check-in call", "check_in": "Check-in call", "scheduled": "Check-in call",
    "task": "Task", "referral": "Referral follow-up", "plan_review": "Care plan review",
    "intervention": "Care plan task", "appointment_reminder": "Reminder call",
    "appointment_outcome": "Appointment follow-up",
}
"""The kind of work in words that say nothing clinical (shown without `details`)."""
CALLED_OFF = frozenset({"cancelled", "rescheduled"})
"""Appointments sent as cancelled (one exported earlier is struck out when re-imported)."""


def calendar_ics(appointments: Iterable[CalendarAppointment],
                 work: Iterable[tuple[date, QueueItem]], *, now: datetime,
                 details: bool = False) -> str:
    """The calendar: `appointments` (in the window, any status) and `work`, each queue item
    with the day it shows on (an overdue item: today)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "carecli")
    seen: set[str] = set()
    for entry in (*(_appointment(a, now, details) for a in appointments),
                  *(_work(day, item, now, details) for day, item in work)):
        if entry["uid"] not in seen:
            seen.add(entry["uid"])
            calendar.add_component(entry)
    return calendar.to_ical().decode("utf-8")


def _appointment(found: CalendarAppointment, now: datetime, details: bool) -> Event:
    appointment = found.appointment
    event = Event()
    event.add("uid", f"appointment-{appointment.id}@{UID_DOMAIN}")
    event.add("dtstamp", now)
    event.add("sequence", appointment.version)
    event.add("dtstart", appointment.starts_at)
    event.add("duration", timedelta(minutes=DURATION_MINUTES))
    event.add("status", "CANCELLED" if appointment.status in CALLED_OFF else "CONFIRMED")
    if not details:
        event.add("summary", f"Appointment: {initials(found.client)}")
        return event
    event.add("summary", f"{found.client}: appointment with {appointment.with_whom}")
    if appointment.location:
        event.add("location", appointment.location)
    lines = [f"Purpose: {appointment.purpose}" if appointment.purpose else "",
             label(transport_words(appointment)),
             appointment.transport_note or ""]
    if not appointment.scheduled:
        lines.append(label(appointment.status))
    event.add("description", "\n".join(text for text in lines if text))
    return event


def _work(day: date, item: QueueItem, now: datetime, details: bool) -> Event:
    event = Event()
    event.add("uid", f"{item.key.replace(':', '-')}.client-{item.client_id}@{UID_DOMAIN}")
    event.add("dtstamp", now)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # work to fit in, not time taken
    words = WORK_WORDS.get(item.kind, "Follow-up")
    if details:
        event.add("summary", f"{item.client}: {item.reason}")
    else:
        event.add("summary", f"{words}: {initials(item.client)}")
    return event
