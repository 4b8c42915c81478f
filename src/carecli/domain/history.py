"""A client's history timeline: events of every kind, newest first."""

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    on: date
    kind: str
    title: str
    detail: str = ""
    minutes: int | None = None


def timeline(events: list[HistoryEvent]) -> list[HistoryEvent]:
    """Newest first; on the same day, keep the order the events were given."""
    return sorted(events, key=lambda e: e.on, reverse=True)


def local_date(at: datetime) -> date:
    """The calendar day of a UTC timestamp on this computer's clock."""
    return at.astimezone().date()
