"""Validated input of daily work: a logged contact (and its correction), a follow-up set by
hand, a snooze and a billing month. Built on the helpers of `inputs.py` (text cleaning,
`parse_date`, the limits), in the same style.

Times are checked against a clock passed as validation context (`clock(now)`), so the data
service can run on a fixed day; without one, this computer's clock. A contact's time is an
aware datetime or text `YYYY-MM-DD HH:MM` in local time; it is not in the future (a minute of
slack) nor before 1900 (not before the client's enrolment day: `contacts.py` checks that
against the stored client).
"""

import re
from datetime import MAXYEAR, UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ValidationInfo, field_validator
from pydantic import Field as Constraint

from carecli.data.errors import InvalidInput
from carecli.data.inputs import (
    EARLIEST,
    InputModel,
    OptName,
    OptText,
    optional_text,
    parse_date,
    required_text,
    validate,
    visible,
)
from carecli.domain.enums import CheckInKind, ContactMode, ContactOutcome, ContactParty

MINUTES_MAX = 600
"""More minutes than this for one contact (ten hours) are refused as implausible."""
TIMER_MINUTES_MAX = 525_600
"""A timer's own figure is only kept for the audit: a year of minutes at most."""
LIST_MAX = 20
"""Topics discussed, or education given, per contact."""
LIST_ITEM_MAX = 100
FUTURE_SLACK = timedelta(minutes=1)
REASON_MAX = 200
SNOOZE_REASON_MAX = 400
_MOMENT = re.compile(r"^(\S+)[ T](\d{1,2}):(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ITEM_KEY = re.compile(
    r"^(cadence|(tcm|tcm_medrec|tcm_visit|check_in|referral|plan_review"
    r"|appointment_reminder|appointment_outcome):[0-9]+)$")
SAFETY_NOT_SNOOZED = (
    "A safety item cannot be snoozed: it stays in the queue until a reached contact with a "
    "note follows it."
)


def clock(now: datetime | None = None) -> dict[str, Any]:
    """The validation context: the moment input is checked against (aware; default now)."""
    return {"now": now or datetime.now(UTC)}


def _now(info: ValidationInfo) -> datetime:
    return (info.context or {}).get("now") or datetime.now(UTC)


def _today(info: ValidationInfo) -> date:
    return _now(info).astimezone().date()


def a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 3, 1)


def parse_moment(value: Any) -> datetime | None:
    """An aware UTC datetime from an aware or naive (local) datetime or `YYYY-MM-DD HH:MM`
    text in local time; blank is None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _utc(value, value.replace(tzinfo=None).isoformat(" ", "minutes"))
    text = str(value).strip()
    if not text:
        return None
    match = _MOMENT.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a time: use YYYY-MM-DD HH:MM")
    try:
        day = parse_date(match.group(1))
        hour, minute = int(match.group(2)), int(match.group(3))
        wall = datetime.combine(day, time(hour, minute))
    except (ValueError, TypeError):  # 02-30, 24:10
        raise ValueError(f"{text} is not a real date and time") from None
    return _utc(wall, text)


def _utc(value: datetime, text: str) -> datetime:
    """`value` (naive: local time) in UTC. A local time the clocks skip when they go forward
    is refused rather than moved an hour; an instant UTC cannot hold is not a real date and
    time (year 1 east of UTC) or in the future (the last hours of 9999 west of it)."""
    try:
        moment = value.astimezone(UTC)
    except (ValueError, OverflowError):
        if value.year == MAXYEAR:
            raise ValueError("is in the future") from None
        raise ValueError(f"{text} is not a real date and time") from None
    if value.tzinfo is None and moment.astimezone().replace(tzinfo=None) != value:
        raise ValueError(f"{text} is not a real local time: the clocks skip that hour "
                         "when they go forward")
    return moment


def _whole(value: Any) -> Any:
    """Whole numbers only: 2.5 minutes, or a yes/no, is refused (pydantic would accept True)."""
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise ValueError("must be a whole number")
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _plausible_minutes(value: int) -> int:
    if value > MINUTES_MAX:
        raise ValueError(f"must be at most {MINUTES_MAX} (more is not plausible for one "
                         "contact)")
    return value


_CONTROL_CHARS = {c: " " for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))}
"""A list entry is one line: every control character (line breaks too) becomes a space."""


def _short_list(value: Any) -> list[str]:
    """A list of short texts: each cleaned like any text, blanks dropped, repeats once."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise ValueError("must be a list of texts")
    kept: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise ValueError("must be a list of texts")
        text = " ".join(item.translate(_CONTROL_CHARS).split())
        if visible(text) and text not in kept:
            kept.append(text)
    if len(kept) > LIST_MAX:
        raise ValueError(f"has more than {LIST_MAX} entries")
    return kept


Minutes = Annotated[int, BeforeValidator(_whole), Constraint(ge=0),
                    AfterValidator(_plausible_minutes)]
TimerMinutes = Annotated[
    Annotated[int, Constraint(ge=0, le=TIMER_MINUTES_MAX)] | None, BeforeValidator(_whole)
]
ShortList = Annotated[
    list[Annotated[str, Constraint(max_length=LIST_ITEM_MAX)]], BeforeValidator(_short_list)
]
Moment = Annotated[datetime | None, BeforeValidator(parse_moment)]
Day = Annotated[date, BeforeValidator(parse_date)]


class FollowUpInput(InputModel):
    """A check-in or a task set by hand: due today or later, at most a year ahead; a task
    says what to do."""

    kind: CheckInKind = CheckInKind.CHECK_IN
    due_on: Day
    reason: optional_text(REASON_MAX) = Constraint(default=None, validate_default=True)
    note: OptText = None

    @field_validator("due_on")
    @classmethod
    def _due_ahead(cls, value: date, info: ValidationInfo) -> date:
        today = _today(info)
        if value < today:
            raise ValueError("is in the past")
        if value > a_year_after(today):
            raise ValueError("is more than a year ahead")
        return value

    @field_validator("reason")
    @classmethod
    def _task_says_what(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and info.data.get("kind") == CheckInKind.TASK:
            raise ValueError("is required: say what the task is")
        return value


class ContactFields(InputModel):
    """A logged contact's fields, as logged or corrected."""

    occurred_at: Moment = Constraint(default=None, validate_default=True)
    mode: ContactMode = ContactMode.PHONE
    outcome: ContactOutcome
    minutes: Minutes = 0
    timer_minutes: TimerMinutes = None
    with_whom: OptName = None
    with_whom_kind: Annotated[ContactParty | None, BeforeValidator(lambda v: v or None)] = None
    note: OptText = None
    topics: ShortList = Constraint(default_factory=list)
    education: ShortList = Constraint(default_factory=list)

    @field_validator("occurred_at")
    @classmethod
    def _happened(cls, value: datetime | None, info: ValidationInfo) -> datetime:
        now = _now(info)
        if value is None:
            return now
        if value > now + FUTURE_SLACK:
            raise ValueError("is in the future")
        if value.astimezone().date() < EARLIEST:
            raise ValueError("is before 1900")
        return value


class ContactInput(ContactFields):
    """A contact being logged: its fields, the follow-up it schedules and the timer it stops."""

    follow_up: Any = None
    timer_id: Annotated[int | None, BeforeValidator(_whole)] = None

    @field_validator("follow_up", mode="before")
    @classmethod
    def _follow_up(cls, value: Any, info: ValidationInfo) -> FollowUpInput | None:
        if value is None or isinstance(value, FollowUpInput):
            return value
        if not isinstance(value, dict):
            raise ValueError("must give a kind, a due date and a reason")
        try:
            return validate(FollowUpInput, value, info.context)
        except InvalidInput as exc:
            raise ValueError("; ".join(f"{k} {v}" for k, v in exc.errors.items())) from None


class CorrectionReason(InputModel):
    reason: required_text(1000)


class SnoozeInput(InputModel):
    """Putting a queue item off: to a day after today, at most a year ahead, with a reason.
    A safety item is never snoozed."""

    item_key: str
    until_on: Day
    reason: required_text(SNOOZE_REASON_MAX)

    @field_validator("item_key")
    @classmethod
    def _known_item(cls, value: str) -> str:
        if value.startswith("safety:"):
            raise ValueError(SAFETY_NOT_SNOOZED)
        if not _ITEM_KEY.match(value):
            raise ValueError(f"{value!r} names no queue item")
        return value

    @field_validator("until_on")
    @classmethod
    def _later(cls, value: date, info: ValidationInfo) -> date:
        today = _today(info)
        if value <= today:
            raise ValueError("must be after today")
        if value > a_year_after(today):
            raise ValueError("is more than a year ahead")
        return value


def parse_month(text: str | None, today: date) -> str:
    """`YYYY-MM` of a real month from 1900 to `today`'s (None: `today`'s); InvalidInput
    naming `month` otherwise."""
    if text is None:
        return today.strftime("%Y-%m")
    match = _MONTH.match(str(text).strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise InvalidInput({"month": f"{text!r} is not a month: use YYYY-MM"})
    month = f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"  # full-width digits too
    if month < EARLIEST.strftime("%Y-%m"):
        raise InvalidInput({"month": "is before 1900"})
    if month > today.strftime("%Y-%m"):
        raise InvalidInput({"month": "is in the future"})
    return month
