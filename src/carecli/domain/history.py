"""A client's history timeline: events of every kind, newest first."""

from dataclasses import dataclass
from datetime import UTC, date, datetime


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    on: date
    kind: str
    title: str
    detail: str = ""
    minutes: int | None = None
    at: datetime | None = None
    """When it was recorded: orders events of the same day (newest first)."""


_EARLIEST = datetime.min.replace(tzinfo=UTC)


def timeline(events: list[HistoryEvent]) -> list[HistoryEvent]:
    """Newest first, by day and then by when each was recorded."""
    return sorted(events, key=lambda e: (e.on, e.at or _EARLIEST), reverse=True)


def local_date(at: datetime) -> date:
    """The calendar day of a UTC timestamp on this computer's clock."""
    return at.astimezone().date()
