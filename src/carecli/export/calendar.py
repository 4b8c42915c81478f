"""The care manager's own calendar as an iCalendar file (RFC 5545, written with the
`icalendar` package): every client's upcoming appointments as events, and the queue's work due
in the window as all-day events (an all-day event, not a VTODO: the common calendars, Google's
among them, import events and drop to-dos).

Without `details` an entry says no more about a client than their initials and the kind of
work in plain, non-clinical words ("Appointment: I.R.", "Check-in call: I.R."): no name, no
care-team member, no place, no purpose, no reason. With `details` it says all of them.

Every entry has a UID that says nothing (a keyed hash of the kind of entry and its id, the key
being the database's own random generation) and stays the same from one export to the next,
so importing a newer file into the same calendar updates the entries rather than adding them
twice; each export's entries carry a higher SEQUENCE than the last's, so the calendar takes
them as the newer version. A calendar app keeps what an earlier import put there until told
otherwise: an appointment cancelled or rescheduled is sent as cancelled (STATUS:CANCELLED), and
when the file replaces an earlier export (`earlier`), every entry of it that is no longer
there (work done since, an appointment removed) is sent again as cancelled, under neutral
words, so it is struck out too. Pure: no database, no clock (`now` is given).
"""

import hashlib
import hmac
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta

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
GONE_WORDS = {True: "Done or no longer due", False: "Appointment removed"}
"""What an entry of the earlier export that is no longer there says, sent as cancelled (by
whether it was work, an all-day entry): nothing of what it said before."""
KEPT_DAYS = 30
"""An earlier export's cancelled entry is sent again (should that import have been skipped)
until this many days after its day."""
SEQUENCE_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
"""Work entries' SEQUENCE counts minutes from here to the export: each export's is higher."""


def calendar_ics(appointments: Iterable[CalendarAppointment],
                 work: Iterable[tuple[date, QueueItem]], *, now: datetime,
                 details: bool = False, key: str = "", earlier: str | None = None) -> str:
    """The calendar: `appointments` (in the window, any status) and `work`, each queue item
    with the day it shows on (an overdue item: today). `key` makes the UIDs (the same key
    gives the same UIDs); `earlier` is the text of the export this one replaces, if any."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "carecli")
    seen: set[str] = set()
    shared: dict[tuple, object] = {}
    for entry in (*(_appointment(a, now, details, key) for a in appointments),
                  *(_work(day, item, now, details, key, shared) for day, item in work)):
        if entry["uid"] not in seen:
            seen.add(entry["uid"])
            calendar.add_component(entry)
    for entry in _gone(earlier, now, seen):
        calendar.add_component(entry)
    return calendar.to_ical().decode("utf-8")


def uid(key: str, what: str) -> str:
    """An entry's UID: a keyed hash of `what` (the kind of entry and its ids), so it says
    nothing, and is the same for the same key."""
    digest = hmac.new(key.encode(), what.encode(), hashlib.sha256).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def _appointment(found: CalendarAppointment, now: datetime, details: bool, key: str) -> Event:
    appointment = found.appointment
    event = Event()
    event.add("uid", uid(key, f"appointment:{appointment.id}"))
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


def _work(day: date, item: QueueItem, now: datetime, details: bool, key: str,
          shared: dict[tuple, object]) -> Event:
    event = Event()
    event.add("uid", uid(key, f"work:{item.client_id}:{item.key}"))
    for name, value in (("dtstamp", now), ("sequence", _revision(now)), ("dtstart", day),
                        ("dtend", day + timedelta(days=1)),
                        ("transp", "TRANSPARENT")):  # work to fit in, not time taken
        event[name] = _encoded(shared, name, value)
    words = WORK_WORDS.get(item.kind, "Follow-up")
    if details:
        event.add("summary", f"{item.client}: {item.reason}")
    else:
        event["summary"] = _encoded(shared, "summary", f"{words}: {initials(item.client)}")
    return event


def _encoded(shared: dict[tuple, object], name: str, value) -> object:
    """`value` as `icalendar` encodes property `name`, encoded once and then shared: the
    encoding is most of the time of a month's work at 10,000 clients, and most values repeat
    (the days, "Check-in call: I.R.")."""
    found = shared.get((name, value))
    if found is None:
        holder = Event()
        holder.add(name, value)
        found = shared[(name, value)] = holder[name]
    return found


def _revision(now: datetime) -> int:
    return max(0, int((now - SEQUENCE_EPOCH).total_seconds()) // 60)


def _gone(earlier: str | None, now: datetime, kept: set[str]) -> list[Event]:
    """The entries of the `earlier` export that this one no longer has (`kept`: its UIDs), to
    send again as cancelled: its work (all-day entries) and its appointments from `now` on
    (an earlier one missing has only left the window), each until `KEPT_DAYS` after its
    day."""
    gone = []
    for found, start, sequence in _entries(earlier or ""):
        work = not isinstance(start, datetime)
        day = start if work else start.date()
        if (found in kept or (not work and start < now)
                or (now.date() - day).days > KEPT_DAYS):
            continue
        kept.add(found)
        event = Event()
        event.add("uid", found)
        event.add("dtstamp", now)
        event.add("sequence", max(sequence + 1, _revision(now)))
        event.add("dtstart", start)
        if work:
            event.add("dtend", start + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        else:
            event.add("duration", timedelta(minutes=DURATION_MINUTES))
        event.add("status", "CANCELLED")
        event.add("summary", GONE_WORDS[work])
        gone.append(event)
    return gone


_FOLD = re.compile(r"\r?\n[ \t]")
_FIELD = re.compile(r"^(UID|DTSTART|SEQUENCE)(;[^:]*)?:(.*?)\r?$", re.MULTILINE)


def _entries(text: str) -> Iterator[tuple[str, date | datetime, int]]:
    """Each entry of an earlier export as (UID, start, SEQUENCE), read by a scan of the few
    lines needed (carecli wrote the file; parsing it whole with `icalendar` takes some 25 s at
    10,000 clients). An entry that cannot be read is passed over."""
    for block in _FOLD.sub("", text).split("BEGIN:VEVENT")[1:]:
        fields = {name: value for name, _params, value in _FIELD.findall(block)}
        try:
            yield fields["UID"], _start(fields["DTSTART"]), int(fields.get("SEQUENCE", 0))
        except (KeyError, ValueError):
            continue


def _start(value: str) -> date | datetime:
    """"20261125" (an all-day entry) or "20261125T153000Z" (UTC)."""
    if "T" not in value:
        return datetime.strptime(value, "%Y%m%d").date()
    return datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
