"""Validated input of care plans: a problem's, goal's or intervention's values, a plan's own
values (summary, next review, sections), finalising, a copy given, a goal's progress note and
an intervention done. Built on the helpers of `inputs.py`; `InvalidInput` names the field.

Rules across fields are checked here too, against the service's day: a goal needs a target
date, not before today when it is set (a goal may keep the past date it has); an intervention
needs an owner and a frequency or a due date (a due date, too, is not set in the past).
"""

from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, create_model

from carecli.data.errors import InvalidInput
from carecli.data.inputs import (
    EARLIEST,
    PLAN_AHEAD_YEARS,
    InputModel,
    OptName,
    OptText,
    optional_text,
    parse_date,
    required_text,
    validate,
)
from carecli.domain.enums import (
    CopyMethod,
    GoalAchievement,
    GoalLifecycle,
    InterventionFrequency,
    InterventionOwner,
    InterventionStatus,
    PlanItemKind,
    PlanSection,
    ProblemStatus,
)
from carecli.domain.fields import NAME_MAX, TEXT_MAX

ITEM_TEXT_MAX = 1000
COPY_FORMATS = ("html", "markdown", "fhir", "paper")


def _blank_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


Day = Annotated[date | None, BeforeValidator(parse_date)]
ReqDay = Annotated[date, BeforeValidator(parse_date)]


class ProblemValues(InputModel):
    text: required_text(ITEM_TEXT_MAX)
    status: ProblemStatus = ProblemStatus.ACTIVE
    source: optional_text(80) = None


class GoalValues(InputModel):
    text: required_text(ITEM_TEXT_MAX)
    status: GoalLifecycle = GoalLifecycle.ACTIVE
    source: optional_text(80) = None
    client_words: optional_text(ITEM_TEXT_MAX) = None
    measure: optional_text(400) = None
    target: optional_text(200) = None
    target_on: Day = None


class InterventionValues(InputModel):
    text: required_text(ITEM_TEXT_MAX)
    status: InterventionStatus = InterventionStatus.NOT_STARTED
    source: optional_text(80) = None
    owner_kind: Annotated[InterventionOwner | None, BeforeValidator(_blank_none)] = None
    owner_name: OptName = None
    frequency: Annotated[InterventionFrequency | None, BeforeValidator(_blank_none)] = None
    due_on: Day = None


ITEM_MODELS: dict[str, type[InputModel]] = {
    PlanItemKind.PROBLEM: ProblemValues,
    PlanItemKind.GOAL: GoalValues,
    PlanItemKind.INTERVENTION: InterventionValues,
}


def item_kind(kind: Any) -> PlanItemKind:
    try:
        return PlanItemKind(kind)
    except ValueError:
        raise InvalidInput({"kind": "must be one of: problem, goal, intervention"}) from None


def item_fields(kind: str) -> tuple[str, ...]:
    """The fields an item of `kind` has (beyond its place in the outline)."""
    return tuple(ITEM_MODELS[kind].model_fields)


def item_values(kind: str, values: dict[str, Any], today: date,
                kept: dict[str, Any] | None = None) -> dict[str, Any]:
    """The checked, cleaned values of an item of `kind`, as stored. `kept`: the item's stored
    values when it is edited (its dates may stay in the past)."""
    data = validate(ITEM_MODELS[kind], values).model_dump()
    kept = kept or {}
    errors: dict[str, str] = {}
    if kind == PlanItemKind.GOAL:
        if data["target_on"] is None:
            errors["target_on"] = "is required: by when should the goal be met?"
        elif problem := _when(data["target_on"], kept.get("target_on"), today):
            errors["target_on"] = problem
    if kind == PlanItemKind.INTERVENTION:
        if data["owner_kind"] is None:
            errors["owner_kind"] = "is required: who carries it out?"
        if data["frequency"] is None and data["due_on"] is None:
            errors["frequency"] = "is required: say how often, or give a due date"
        elif data["due_on"] is not None and (
                problem := _when(data["due_on"], kept.get("due_on"), today)):
            errors["due_on"] = problem
    if errors:
        raise InvalidInput(errors)
    return {name: _plain_enum(value) for name, value in data.items()}


def _when(day: date, kept: date | None, today: date) -> str | None:
    """What is wrong with a planned date (None: nothing); the date it already had is kept."""
    if day == kept:
        return None
    if day < today:
        return "is in the past"
    if day > _years_after(today, PLAN_AHEAD_YEARS):
        return f"is more than {PLAN_AHEAD_YEARS} years ahead"
    return None


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


PlanValues = create_model(
    "PlanValues", __base__=InputModel, __module__=__name__,
    summary=(OptText, None), review_due_on=(Day, None),
    **{s.value: (OptText, None) for s in PlanSection})
"""A plan's own values: summary, next review date, and each section's text (blank: None)."""
OWN_VALUES = ("summary", "review_due_on")


def plan_values(values: dict[str, Any], today: date,
                kept_review: date | None) -> tuple[dict[str, Any], dict[str, str]]:
    """(summary and review date, section key -> text ('' removes it)) of `values`."""
    unknown = [key for key in values if key not in PlanValues.model_fields]
    if unknown:
        raise InvalidInput({key: "is not part of a care plan" for key in unknown})
    data = validate(PlanValues, values).model_dump(include=set(values))
    if data.get("review_due_on") is not None and (
            problem := _when(data["review_due_on"], kept_review, today)):
        raise InvalidInput({"review_due_on": problem})
    own = {key: value for key, value in data.items() if key in OWN_VALUES}
    return own, {key: text or "" for key, text in data.items() if key not in OWN_VALUES}


class FinaliseInput(InputModel):
    by: required_text(NAME_MAX)
    note: OptText = None


class CopyInput(InputModel):
    given_on: ReqDay
    method: CopyMethod
    given_to: required_text(NAME_MAX)
    format: Annotated[str | None, BeforeValidator(_blank_none)] = None


def copy_values(values: dict[str, Any], today: date) -> dict[str, Any]:
    data = validate(CopyInput, values).model_dump()
    _happened(data["given_on"], "given_on", today)
    if data["format"] is not None and data["format"] not in COPY_FORMATS:
        raise InvalidInput({"format": f"must be one of: {', '.join(COPY_FORMATS)}"})
    return {**data, "method": data["method"].value}


class ProgressInput(InputModel):
    noted_on: ReqDay
    achievement: Annotated[GoalAchievement | None, BeforeValidator(_blank_none)] = None
    note: required_text(TEXT_MAX)


def progress_values(values: dict[str, Any], today: date) -> dict[str, Any]:
    data = validate(ProgressInput, values).model_dump()
    _happened(data["noted_on"], "noted_on", today)
    return {**data, "achievement": _plain_enum(data["achievement"])}


class DoneInput(InputModel):
    done_on: ReqDay
    note: OptText = None


def done_values(values: dict[str, Any], today: date) -> dict[str, Any]:
    data = validate(DoneInput, values).model_dump()
    _happened(data["done_on"], "done_on", today)
    return data


def _happened(day: date, field: str, today: date) -> None:
    if day > today:
        raise InvalidInput({field: "is in the future"})
    if day < EARLIEST:
        raise InvalidInput({field: "is before 1900"})


def _plain_enum(value: Any) -> Any:
    """An enum member as its stored text; anything else as it is."""
    return getattr(value, "value", value)
