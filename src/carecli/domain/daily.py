"""The plain, frozen objects of a care manager's daily work: logged contacts, the queue of what
is due, the call timer and a client's minutes in a month. The data service returns these; the
queue and logger screens and the `today`, `log` and `report` commands read them."""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class ContactEntry:
    """One logged contact or attempt, as the record's Contacts tab lists it."""

    id: int
    client_id: int
    occurred_at: datetime
    """Aware, UTC (shown in local time)."""
    mode: str
    outcome: str
    successful: bool | None
    """None: communication with the care team about the client (coordination), neither a
    contact with the client nor an attempt to reach them."""
    minutes: int
    timer_minutes: int | None
    """The timer's own figure when the minutes were edited by hand."""
    with_whom: str | None
    with_whom_kind: str | None
    note: str | None
    topics: tuple[str, ...]
    education: tuple[str, ...]
    version: int
    corrections: int
    """How many times it was corrected (each with a reason, kept)."""


@dataclass(frozen=True, slots=True)
class LoggedContact:
    """What logging a contact changed, for the screen and the `log` command to say."""

    contact_id: int
    next_due: date | None
    """The client's next follow-up after it (None when the client is not active)."""
    retry: bool
    """`next_due` is a retry after an unsuccessful attempt."""
    failed_in_a_row: int
    unable_to_reach: bool
    closed_findings: tuple[str, ...]
    """Safety flags this contact followed up (a reached contact with a note)."""
    coordination: bool = False
    """It was communication with the care team about the client: minutes, but the client's
    follow-up is as it was."""


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One piece of work in today's queue, and why it is there."""

    key: str
    """Names the item for snoozing: `safety:<finding id>`, `tcm:<stay id>`, `cadence`,
    `check_in:<id>`, `referral:<id>`, `plan_review:<plan id>`, `intervention:<uid>` (an
    intervention of the active care plan, by its uid across versions),
    `appointment_reminder:<id>`, `appointment_outcome:<id>`."""
    client_id: int
    client: str
    """The client's name as the queue shows it."""
    kind: str
    """`safety`, `tcm`, `retry`, `unable_to_reach`, `check_in` (by cadence), `scheduled`
    (a check-in set by hand), `task`, `referral`, `plan_review`, `intervention`,
    `appointment_reminder` (the call the day before), `appointment_outcome` (the day after)."""
    due: date
    reason: str
    """In a nurse's words: "check-in 5 days overdue (high risk, every 7 days)"."""
    risk_tier: str
    overdue_days: int
    """Days past `due` (0 when due today)."""
    rank: tuple = field(default=(), compare=False, repr=False)
    """Where it stands in the queue: items sort by it (`domain.queue.merge_client`)."""


@dataclass(frozen=True, slots=True)
class DoneItem:
    """A contact logged today, or an intervention marked done today, for the queue's "done
    today" section."""

    contact_id: int | None
    """None for an intervention marked done."""
    client_id: int
    client: str
    occurred_at: datetime
    outcome: str
    """The contact's outcome; `done` for an intervention."""
    minutes: int
    summary: str
    """What it did: "reached; SI follow-up noted", "voicemail; retry Tue", "intervention done:
    Review BP log; next due Mon"."""
    key: str = ""
    """The queue item it took away: `intervention:<uid>` (empty for a contact)."""


@dataclass(frozen=True, slots=True)
class CcmAtRisk:
    """A client eligible for CCM still under 20 minutes this month."""

    client_id: int
    client: str
    minutes: int


@dataclass(frozen=True, slots=True)
class Queue:
    """Today's work across every client, in DOMAIN.md's priority order."""

    today: date
    items: tuple[QueueItem, ...]
    done: tuple[DoneItem, ...]
    due: int
    """Items due today, or a TCM contact on today's list ahead of its deadline
    (`domain.queue.due_today`: a TCM step shown ahead counts from its own day)."""
    overdue: int
    """Items past their day."""
    ccm_at_risk: tuple[CcmAtRisk, ...]
    """Shown in the header when the month has few days left (see `data/queue.py`)."""
    week: tuple[tuple[date, int], ...]
    """Items falling due on each of the next 7 days (today first), to balance the load."""


@dataclass(frozen=True, slots=True)
class TimerState:
    """A call timer that is running or paused (kept in the database, so it survives a
    restart); `elapsed_seconds` works its time out at any moment."""

    id: int
    client_id: int
    client: str
    started_at: datetime
    """Aware, UTC."""
    paused_at: datetime | None
    paused_seconds: int

    @property
    def running(self) -> bool:
        return self.paused_at is None

    def elapsed_seconds(self, now: datetime) -> int:
        """Seconds timed up to `now` (aware), not counting pauses; never negative."""
        end = self.paused_at or now
        return max(0, int((end - self.started_at).total_seconds()) - self.paused_seconds)

    def minutes(self, now: datetime) -> int:
        """Whole minutes for the contact log: a started minute counts once it is half gone
        (30 s → 1, 29 s → 0)."""
        return (self.elapsed_seconds(now) + 30) // 60


@dataclass(frozen=True, slots=True)
class MonthMinutes:
    """One client's care-management minutes in one calendar month, and what they bill."""

    client_id: int
    client: str
    month: str
    """`YYYY-MM`."""
    minutes: int
    eligible: bool
    """CCM eligible: two or more active chronic conditions and care-management consent."""
    complex: bool
    """The month is marked complex CCM."""
    codes: tuple[str, ...]
    """`ccm_codes(minutes, complex)` when eligible, else empty."""


@dataclass(frozen=True, slots=True)
class CorrectionEntry:
    """One correction of a logged contact, as the contact's full view shows it."""

    corrected_at: datetime
    """Aware, UTC."""
    reason: str
    before: tuple[tuple[str, object], ...]
    """The values it replaced: (field, value), in the contact's field order."""
