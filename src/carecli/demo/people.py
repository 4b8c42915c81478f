"""The demo's shared building blocks: `_Person` (what the later steps need to know about the
client being built), the weekday and wall-clock helpers, made-up phone numbers and Medicare ids,
and the few clients with a story (`_assign_roles`)."""

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from faker import Faker

from carecli.demo import catalogue as cat

ONE_DAY = timedelta(days=1)
_MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY"
_MBI_DIGITS = "0123456789"

FLAG_FOCUS = {"suicidal_ideation": ("phq9", "gad7"), "physical_harm": ("ahc_hrsn",)}
"""Safety roles -> the re-assessment that raises the flag (the flag is in its first instrument)."""
DRAFT_ROLES = ("draft_intake", "draft_reassessment")
ASSESSED_ROLES = frozenset((*FLAG_FOCUS, *DRAFT_ROLES))
"""Roles that need an active, consented client with assessments."""


# Dates and times ------------------------------------------------------------------------------


def _weekday_on_or_before(day: date) -> date:
    return day - timedelta(days=day.weekday() - 4) if day.weekday() > 4 else day


def _weekday_on_or_after(day: date) -> date:
    return day + timedelta(days=7 - day.weekday()) if day.weekday() > 4 else day


def _next_business_day(day: date) -> date:
    return _weekday_on_or_after(day + ONE_DAY)


def _previous_business_day(day: date) -> date:
    return _weekday_on_or_before(day - ONE_DAY)


def _at(day: date, minute_of_day: int) -> datetime:
    """A local wall-clock time on `day`, as an aware UTC datetime."""
    local = datetime.combine(day, time(minute_of_day // 60, minute_of_day % 60))
    return local.astimezone(UTC)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _phone(rng: random.Random, fake: Faker) -> str:
    return fake.numerify(f"({rng.choice(cat.AREA_CODES)}) 555-01##")


def _mbi(rng: random.Random) -> str:
    """A made-up id in the Medicare Beneficiary Identifier format, e.g. 1EG4-TE5-MK72."""
    letter, digit, either = _MBI_LETTERS, _MBI_DIGITS, _MBI_LETTERS + _MBI_DIGITS
    pattern = (
        "123456789", letter, either, digit, letter, either, digit, letter, letter, digit, digit
    )
    raw = "".join(rng.choice(chars) for chars in pattern)
    return f"{raw[:4]}-{raw[4:7]}-{raw[7:]}"


def _assign_roles(rng: random.Random, n: int) -> dict[int, str]:
    """The few clients with a story: just discharged, in hospital, unreachable, revoked consent."""
    wanted: list[str] = []
    if n >= 5:
        wanted += ["recent_discharge"] * (1 if n < 20 else rng.choice((2, 3)))
        wanted += ["unreachable"] * (1 if n < 20 else rng.choice((2, 3)))
    if n >= 20:
        wanted.append("admitted")
    if n >= 10:
        wanted += ["revoked"] * (1 if n < 40 else 2)
    if n >= 20:
        wanted.append("suicidal_ideation")
    if n >= 40:
        wanted += ["physical_harm", "draft_reassessment"]
    if n >= 5:
        wanted.append("draft_intake")
    return dict(zip(rng.sample(range(n), len(wanted)), wanted, strict=True))


# One client's plan ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Person:
    """What later steps need to know about the client being built."""

    id: int
    role: str | None
    locale: str
    sex: str
    age: int
    younger: bool
    given: str
    family: str
    tier: str
    cadence: int
    override: int | None
    status: str
    status_on: date | None
    status_reason: str | None
    enrolled_on: date
    conditions: list[cat.ConditionSpec] = field(default_factory=list)
    team: dict[str, str] = field(default_factory=dict)
    relatives: list[tuple[str, str, str, bool]] = field(default_factory=list)
    """(full name, given name, relation, may receive health information)."""
    telehealth: bool = False
    consented: bool = True
    blocked: list[tuple[date, date]] = field(default_factory=list)
    discharged_on: date | None = None
    admitted_on: date | None = None
    stay_reason: str | None = None
    post_discharge_call: date | None = None
    touched_at: datetime | None = None
    remitted: set[str] = field(default_factory=set)
    """Keys of the conditions in remission."""
    meds: list[dict] = field(default_factory=list)
    """The client's medication rows (an intake that reconciles them updates them)."""
    caregivers: list[tuple[str, str]] = field(default_factory=list)
    """(given name, relation) of the personal contacts who are caregivers."""
    stays: list[tuple[str, str, date, date | None, str]] = field(default_factory=list)
    """(kind, facility, admitted, discharged, reason) of each hospital or facility stay."""
    needs: set[str] = field(default_factory=set)
    """The needs the client was referred for."""
    risk_reason: str = ""
    condition_ids: list[int] = field(default_factory=list)
    """The condition rows' ids, in the order of `conditions`."""
    health: object | None = None
    """The `_Health` the completed assessments were drawn from (None: never assessed)."""
    intake_on: date | None = None
    """The day of the completed intake."""

    def clear_of_stays(self, day: date) -> date:
        """`day`, or the last weekday before a hospital stay that covers it."""
        for start, end in self.blocked:
            if start <= day <= end:
                day = _weekday_on_or_before(start - ONE_DAY)
        return day

    def settle(self, day: date) -> date:
        """`day` moved to a weekday outside hospital stays, not before enrolment."""
        return max(self.enrolled_on, self.clear_of_stays(_weekday_on_or_before(day)))
