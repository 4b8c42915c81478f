"""The caseload as plain rows, and the pure filtering and sorting the caseload screen applies."""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

FLAG_LABELS = {
    "suicidal_ideation": "SI risk",
    "physical_harm": "harm risk",
    "safety": "safety risk",
    "data_problem": "⚠ check record",
    "recent_discharge": "post-hospital",
    "unreachable": "unreachable",
    "positive_screen": "+screen",
    "no_consent": "no consent",
}
"""Short labels for the caseload's flags column, most urgent first."""

SAFETY = frozenset({"suicidal_ideation", "physical_harm", "safety"})
"""Flags that put a client first in today's work until a follow-up note is logged."""


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    id: int
    family_name: str
    given_name: str
    preferred_name: str | None
    age: int | None
    risk_tier: str
    status: str
    conditions: tuple[str, ...]
    phone: str | None
    next_due: date | None
    last_contact: date | None
    minutes_this_month: int
    flags: tuple[str, ...] = ()
    ccm_eligible: bool = False
    """Two or more chronic conditions and care-management consent (DOMAIN.md)."""
    ccm_codes: tuple[str, ...] = ()
    """The CCM codes this month's minutes reach (`ccm_codes`; none when not eligible)."""
    plan_review_on: date | None = None
    """The active care plan's next review (None: no finalised plan, or no review date)."""
    search_text: str = field(default="", compare=False)

    @property
    def name(self) -> str:
        return f"{self.family_name}, {self.given_name}"

    def overdue(self, today: date) -> bool:
        return self.next_due is not None and self.next_due < today

    def days_since_contact(self, today: date) -> int | None:
        return None if self.last_contact is None else (today - self.last_contact).days

    def review_due(self, today: date) -> bool:
        """The care plan's review is due today or overdue."""
        return self.plan_review_on is not None and self.plan_review_on <= today

    @property
    def needs_safety_follow_up(self) -> bool:
        return not SAFETY.isdisjoint(self.flags)


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Hoàng Núñez" -> "hoang nunez"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_key(*parts: str | None) -> str:
    """The folded text a filter query is matched against."""
    return fold("\x1f".join(p for p in parts if p))


@dataclass(frozen=True)
class CaseloadFilter:
    """What the caseload shows: a text query plus status, risk and overdue filters."""

    text: str = ""
    status: str | None = "active"
    risk_tier: str | None = None
    overdue_only: bool = False

    def select(self, rows: list[CaseloadRow], today: date) -> list[CaseloadRow]:
        """The rows that pass every filter (one pass per filter, cheapest first). A client with
        a safety finding to follow up passes the status filter whatever their status: putting
        someone on hold or discharging them never hides an open finding."""
        shown = rows
        if self.status is not None:
            shown = [r for r in shown if r.status == self.status or r.needs_safety_follow_up]
        if self.risk_tier is not None:
            shown = [r for r in shown if r.risk_tier == self.risk_tier]
        if self.overdue_only:
            shown = [r for r in shown if r.next_due is not None and r.next_due < today]
        for word in fold(self.text).split():
            shown = [r for r in shown if word in r.search_text]
        return shown if shown is not rows else list(rows)


REVIEW_DUE_WORDS = "plan review due"
"""In the search text of a client whose care-plan review is due or overdue, so the filter
finds them ("review")."""

RISK_ORDER = {"high": 0, "moderate": 1, "low": 2}
_FAR = date.max
_NEVER = 10**9


def sort_key(column: str, today: date):
    """A key function for sorting rows by `column` (one of `SORT_COLUMNS`)."""
    keys = {
        "name": lambda r: (r.family_name.casefold(), r.given_name.casefold()),
        "age": lambda r: (r.age is None, r.age or 0),
        "risk": lambda r: (RISK_ORDER.get(r.risk_tier, 9), r.next_due or _FAR),
        "status": lambda r: (r.status, r.family_name.casefold()),
        "conditions": lambda r: (len(r.conditions) == 0, r.conditions),
        # today's work order: open safety flags first, then the most overdue
        "next_due": lambda r: (
            not r.needs_safety_follow_up, r.next_due or _FAR, RISK_ORDER.get(r.risk_tier, 9)
        ),
        "plan_review": lambda r: (r.plan_review_on or _FAR, RISK_ORDER.get(r.risk_tier, 9)),
        "last_contact": lambda r: (
            _NEVER if r.last_contact is None else (today - r.last_contact).days
        ),
        "minutes": lambda r: r.minutes_this_month,
        "flags": lambda r: (-len(r.flags), r.flags),
    }
    return keys[column]


SORT_COLUMNS = (
    "name", "age", "risk", "status", "conditions", "next_due", "plan_review", "last_contact",
    "minutes", "flags",
)


def view(
    rows: Sequence[CaseloadRow],
    *,
    filt: CaseloadFilter,
    sort_by: str,
    descending: bool,
    today: date,
) -> list[CaseloadRow]:
    """The rows the caseload shows, filtered and sorted. The sorted order of the last rows is
    kept, so a keystroke in the filter only filters (the sort is stable, so filtering the
    sorted rows gives exactly the sorted filtered rows)."""
    key = (sort_by, descending, today)
    cached = _SORTED.get(key)
    if cached is None or cached[0] is not rows:
        _SORTED.clear()
        cached = _SORTED[key] = (rows, sorted(rows, key=sort_key(sort_by, today),
                                              reverse=descending))
    return filt.select(cached[1], today)


_SORTED: dict[tuple, tuple[Sequence[CaseloadRow], list[CaseloadRow]]] = {}
"""The last rows `view` sorted, in that order (one entry: rows, sort and day change rarely)."""
