"""Validated input of referrals: a new referral's values, a status change and a follow-up
date. Built on the helpers of `inputs.py`; `InvalidInput` names the field. Dates are checked
against the service's day: a referral is made today or earlier, a change happens today or
earlier (and not before the referral was made, nor before its latest change), and a follow-up
date is not in the past nor more than a year ahead."""

from datetime import date, timedelta
from typing import Annotated, Any

from pydantic import BeforeValidator

from carecli.data.errors import InvalidInput
from carecli.data.inputs import EARLIEST, InputModel, OptText, optional_text, parse_date, validate
from carecli.domain.enums import ReferralOutcome, ReferralStatus, ResourceCategory
from carecli.domain.referrals import FOLLOW_UP_DAYS

FOLLOW_UP_AHEAD_DAYS = 366


def _blank_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


Day = Annotated[date | None, BeforeValidator(parse_date)]
Id = Annotated[int | None, BeforeValidator(_blank_none)]


class ReferralInput(InputModel):
    need: ResourceCategory
    need_text: optional_text(400) = None
    assessment_id: Id = None
    problem_uid: optional_text(32) = None
    resource_id: Id = None
    to_whom: optional_text(200) = None
    reason: optional_text(1000) = None
    made_on: Day = None
    follow_up_on: Day = None


class StatusInput(InputModel):
    to_status: ReferralStatus
    changed_on: Day = None
    outcome: Annotated[ReferralOutcome | None, BeforeValidator(_blank_none)] = None
    note: OptText = None
    follow_up_on: Day = None


class FollowUpInput(InputModel):
    follow_up_on: Annotated[date, BeforeValidator(parse_date)]


def referral_values(values: dict[str, Any], today: date) -> dict[str, Any]:
    """A new referral's values as stored: made today unless a past day is given, followed up
    `FOLLOW_UP_DAYS` after unless a day is typed (not before it was made)."""
    data = validate(ReferralInput, values).model_dump()
    made = data["made_on"] or today
    _happened(made, "made_on", today)
    follow = data["follow_up_on"] or made + timedelta(days=FOLLOW_UP_DAYS)
    if follow < made:
        raise InvalidInput({"follow_up_on": "is before the referral was made"})
    _not_far(follow, today)
    return {**data, "need": data["need"].value, "made_on": made, "follow_up_on": follow}


def status_values(values: dict[str, Any], today: date, *, made_on: date,
                  last_change: date | None) -> dict[str, Any]:
    """A status change's values: dated today unless a past day is given, not before the
    referral was made nor before its latest change."""
    data = validate(StatusInput, values).model_dump()
    day = data["changed_on"] or today
    _happened(day, "changed_on", today)
    if day < made_on:
        raise InvalidInput({"changed_on": f"is before the referral was made ({made_on})"})
    if last_change is not None and day < last_change:
        raise InvalidInput({"changed_on": f"is before its latest change ({last_change})"})
    if data["follow_up_on"] is not None:
        _follow_up_day(data["follow_up_on"], today)
    return {**data, "to_status": data["to_status"].value, "changed_on": day,
            "outcome": data["outcome"].value if data["outcome"] else None}


def follow_up_value(value: Any, today: date) -> date:
    day = validate(FollowUpInput, {"follow_up_on": value}).follow_up_on
    _follow_up_day(day, today)
    return day


def _follow_up_day(day: date, today: date) -> None:
    if day < today:
        raise InvalidInput({"follow_up_on": "is in the past"})
    _not_far(day, today)


def _not_far(day: date, today: date) -> None:
    if day > today + timedelta(days=FOLLOW_UP_AHEAD_DAYS):
        raise InvalidInput({"follow_up_on": "is more than a year ahead"})


def _happened(day: date, field: str, today: date) -> None:
    if day > today:
        raise InvalidInput({field: "is in the future"})
    if day < EARLIEST:
        raise InvalidInput({field: "is before 1900"})
