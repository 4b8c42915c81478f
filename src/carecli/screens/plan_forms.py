"""What the care plan's forms ask (no Textual here): a problem's, goal's or intervention's
fields, the plan's other elements, finalising and a goal's progress note; the words each
kind, status and section goes by on screen. The data service checks every value and names
the field of any that is wrong (`data/plan_inputs.py`)."""

from datetime import date
from typing import Any

from carecli.domain.care_plan import Plan, PlanItem
from carecli.domain.enums import (
    GoalAchievement,
    GoalLifecycle,
    InterventionFrequency,
    InterventionOwner,
    InterventionStatus,
    PlanItemKind,
    PlanSection,
    ProblemStatus,
    label,
)
from carecli.domain.fields import NAME_MAX, TEXT_MAX
from carecli.domain.plan_words import (
    FREQUENCY_WORDS,
    OWNER_WORDS,
    SECTION_LABELS,
    status_words,
)
from carecli.forms import DATE_HINT, FieldSpec
from carecli.plain import one_line

ITEM_TEXT_MAX = 1000

KIND_WORDS = {PlanItemKind.PROBLEM: "problem", PlanItemKind.GOAL: "goal",
              PlanItemKind.INTERVENTION: "intervention"}
STATUSES = {PlanItemKind.PROBLEM: ProblemStatus, PlanItemKind.GOAL: GoalLifecycle,
            PlanItemKind.INTERVENTION: InterventionStatus}


def status_label(status: str | None) -> str:
    """A coded status as a label: "Not started", "On hold", "In progress"."""
    return label(status_words(status)) if status else ""


def _capitalised(words: dict) -> dict:
    return {key: label(value) for key, value in words.items()}


def _choices(enum: Any, words: dict | None = None) -> tuple[tuple[str, str], ...]:
    return tuple(((words or {}).get(member) or status_label(member.value), member.value)
                 for member in enum)


_STATUS = {kind: FieldSpec("status", "Status", "choice", required=True,
                           choices=_choices(enum)) for kind, enum in STATUSES.items()}

ITEM_FORMS: dict[str, tuple[FieldSpec, ...]] = {
    PlanItemKind.PROBLEM: (
        FieldSpec("text", "Problem or need", required=True, max_length=ITEM_TEXT_MAX),
        _STATUS[PlanItemKind.PROBLEM],
    ),
    PlanItemKind.GOAL: (
        FieldSpec("text", "Goal", required=True, max_length=ITEM_TEXT_MAX),
        FieldSpec("client_words", "In the client's words", max_length=ITEM_TEXT_MAX),
        FieldSpec("measure", "Measure (what)", max_length=400,
                  placeholder="what is measured: minutes walked, HbA1c, falls"),
        FieldSpec("target", "Target (how much)", max_length=200,
                  placeholder="20 minutes a day, below 8%, none"),
        FieldSpec("target_on", "By (date)", "date", required=True, placeholder=DATE_HINT),
        _STATUS[PlanItemKind.GOAL],
    ),
    PlanItemKind.INTERVENTION: (
        FieldSpec("text", "What is done", required=True, max_length=ITEM_TEXT_MAX),
        FieldSpec("owner_kind", "Who does it", "choice", required=True,
                  choices=_choices(InterventionOwner, _capitalised(OWNER_WORDS))),
        FieldSpec("owner_name", "Their name", max_length=NAME_MAX, placeholder="optional"),
        FieldSpec("frequency", "How often", "choice", choices=_choices(InterventionFrequency,
                                                             _capitalised(FREQUENCY_WORDS))),
        FieldSpec("due_on", "Next due (date)", "date",
                  placeholder=f"{DATE_HINT}; a frequency or a date"),
        _STATUS[PlanItemKind.INTERVENTION],
    ),
}

ITEM_DEFAULTS: dict[str, dict[str, Any]] = {
    PlanItemKind.PROBLEM: {"status": ProblemStatus.ACTIVE.value},
    PlanItemKind.GOAL: {"status": GoalLifecycle.ACTIVE.value},
    PlanItemKind.INTERVENTION: {"status": InterventionStatus.NOT_STARTED.value,
                                "owner_kind": InterventionOwner.CARE_MANAGER.value},
}


def item_values(item: PlanItem) -> dict[str, Any]:
    """The form's values for an item as it is."""
    return {spec.key: getattr(item, spec.key) for spec in ITEM_FORMS[item.kind]}


def changed_values(item: PlanItem, values: dict[str, Any]) -> dict[str, Any]:
    """What the form changed (the service takes partial values): blank text as None."""
    before = item_values(item)
    changed = {}
    for key, value in values.items():
        value = None if isinstance(value, str) and not value.strip() else value
        old = before[key]
        if (old.isoformat() if isinstance(old, date) else old) != value:
            changed[key] = value
    return changed


def elements_form() -> tuple[FieldSpec, ...]:
    """The plan's other elements: a summary, the next review and each CCM section."""
    return (
        FieldSpec("summary", "Summary in plain words", "note", max_length=TEXT_MAX),
        FieldSpec("review_due_on", "Next review", "date", placeholder=DATE_HINT),
        *(FieldSpec(s.value, SECTION_LABELS[s], "note", max_length=TEXT_MAX)
          for s in PlanSection),
    )


def elements_values(plan: Plan) -> dict[str, Any]:
    return {"summary": plan.summary or "", "review_due_on": plan.review_due_on,
            **{s.value: plan.section(s.value) for s in PlanSection}}


def changed_elements(plan: Plan, values: dict[str, Any]) -> dict[str, Any]:
    """Only what the form changed, so an unchanged date in the past is not checked again."""
    before = elements_values(plan)
    changed = {}
    for key, value in values.items():
        old = before[key]
        old = old.isoformat() if isinstance(old, date) else (old or "")
        if (value or "").strip() != old.strip():
            changed[key] = value
    return changed


FINALISE_FORM = (
    FieldSpec("by", "Finalised by", required=True, max_length=NAME_MAX),
    FieldSpec("note", "Note (why it changed)", "note", max_length=TEXT_MAX),
)

PROGRESS_FORM = (
    FieldSpec("noted_on", "On", "date", required=True, placeholder=DATE_HINT),
    FieldSpec("achievement", "Progress", "choice", required=True,
              choices=_choices(GoalAchievement)),
    FieldSpec("note", "Note", "note", required=True, max_length=TEXT_MAX),
)


CLOSED = frozenset({"resolved", "inactive", "completed", "cancelled", "entered-in-error",
                    "rejected", "stopped"})
"""Statuses of items no longer worked on (shown dimmed)."""


def owner_words(item: PlanItem) -> str:
    who = OWNER_WORDS.get(item.owner_kind, "") if item.owner_kind else ""
    if item.owner_name:
        return f"{item.owner_name} ({who})" if who else item.owner_name
    return who


def quoted(text: str, most: int = 40) -> str:
    """An item's text in a sentence on screen: in quotes, cut at a word with … when long."""
    words = one_line(text)
    if len(words) > most:
        cut = words[:most - 1]
        words = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
    return f"“{words}”"
