"""A client's history timeline: events of every kind, newest first."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from carecli.clinical.instruments import INSTRUMENTS


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


def instrument_name(instrument_id: str) -> str:
    """An instrument's short name as people say it ("PHQ-9", "Katz ADL"), never its id."""
    found = INSTRUMENTS.get(instrument_id)
    if found is None:
        return instrument_id.replace("_", " ")
    return found.title.split(" (")[0]


def score_words(instrument_id: str, total: int | None, band: str | None,
                flags: Iterable[str] = ()) -> str:
    """One result in words, a safety flag first: "⚠ suicidal ideation: PHQ-9 19 (moderately
    severe)", "Katz ADL 5 (independent)"."""
    words = instrument_name(instrument_id)
    if total is not None:
        words += f" {total}"
    if band:
        words += f" ({band.replace('_', ' ')})"
    flags = [f.replace("_", " ") for f in flags]
    return f"⚠ {', '.join(flags)}: {words}" if flags else words
