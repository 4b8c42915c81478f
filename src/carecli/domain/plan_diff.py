"""What differs between two versions of a care plan (pure): items matched by their uid, never
by text, so a reworded goal is the same goal changed; a move among siblings alone is not a
change, a move under another parent is. Sections are compared by key, and the next review date
and the summary. `change_sentences` says it in plain sentences, as kept when a plan is
finalised ("Added goal: Walk 20 minutes a day")."""

from datetime import date

from carecli.domain.care_plan import (
    CONTENT_FIELDS,
    FieldChange,
    ItemChange,
    Plan,
    PlanDiff,
    PlanItem,
    SectionChange,
)
from carecli.domain.enums import PlanSection
from carecli.domain.plan_words import (
    FREQUENCY_WORDS,
    OWNER_WORDS,
    SECTION_LABELS,
    day_words,
    status_words,
)

FIELD_WORDS = {
    "text": "wording", "status": "status", "source": "source", "client_words":
    "client's words", "measure": "measure", "target": "target", "target_on": "target date",
    "owner_kind": "done by", "owner_name": "named person", "frequency": "frequency",
    "due_on": "due date",
}
QUOTED_MAX = 60
"""An item's text is cut to this many characters inside a sentence about another change."""


def diff_plans(older: Plan, newer: Plan) -> PlanDiff:
    """What changed from `older` to `newer`: items added and changed in `newer`'s outline
    order, then those removed in `older`'s."""
    before = {item.uid: item for item in older.items}
    after = {item.uid: item for item in newer.items}
    items: list[ItemChange] = []
    for item in newer.items:
        old = before.get(item.uid)
        if old is None:
            items.append(ItemChange(item.uid, item.kind, "added", item.text))
        elif fields := _fields(old, item):
            items.append(ItemChange(item.uid, item.kind, "changed", item.text, fields))
    items += [ItemChange(item.uid, item.kind, "removed", item.text)
              for item in older.items if item.uid not in after]
    sections = tuple(SectionChange(key.value, older.section(key), newer.section(key))
                     for key in PlanSection if older.section(key) != newer.section(key))
    return PlanDiff(
        items=tuple(items), sections=sections,
        review_due_on=_pair(older.review_due_on, newer.review_due_on),
        summary=_pair(older.summary or None, newer.summary or None),
    )


def _fields(old: PlanItem, new: PlanItem) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(name, getattr(old, name), getattr(new, name))
                 for name in CONTENT_FIELDS if getattr(old, name) != getattr(new, name))


def _pair(before, after):
    return None if before == after else (before, after)


def change_sentences(diff: PlanDiff, newer: Plan, older: Plan) -> tuple[str, ...]:
    """`diff` (from `older` to `newer`) in plain sentences, items first."""
    sentences = []
    for change in diff.items:
        if change.change == "added":
            sentences.append(f"Added {change.kind}: {change.text}")
        elif change.change == "removed":
            sentences.append(f"Removed {change.kind}: {change.text}")
        else:
            was = older.item(change.uid)
            name = _quoted(was.text if was is not None else change.text)
            parts = [_field_words(f, newer) for f in change.fields]
            sentences.append(f"Changed {change.kind} {name}: {'; '.join(parts)}")
    for section in diff.sections:
        label = SECTION_LABELS[PlanSection(section.key)]
        verb = "Added" if not section.before else "Removed" if not section.after else "Changed"
        sentences.append(f"{verb} {label[0].lower() + label[1:]}")
    if diff.summary is not None:
        sentences.append("Changed the summary")
    if diff.review_due_on is not None:
        before, after = diff.review_due_on
        sentences.append("No next review date" if after is None else
                         f"Next review set for {day_words(after)}" if before is None else
                         f"Next review moved from {day_words(before)} to {day_words(after)}")
    return tuple(sentences)


def _field_words(change: FieldChange, newer: Plan) -> str:
    if change.field == "parent_uid":
        parent = newer.item(change.after) if change.after else None
        return ("moved" if parent is None
                else f"moved under {parent.kind} {_quoted(parent.text)}")
    if change.field == "text":
        return f"reworded to {_quoted(change.after)}"
    if change.field == "source":
        return "source changed"
    words = FIELD_WORDS[change.field]
    return f"{words} {_value(change.field, change.before)} → {_value(change.field, change.after)}"


def _value(field: str, value) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, date):
        return day_words(value)
    if field == "owner_kind":
        return OWNER_WORDS.get(value, status_words(value))
    if field == "frequency":
        return FREQUENCY_WORDS.get(value, status_words(value))
    if field == "status":
        return status_words(value)
    return _quoted(str(value))


def _quoted(text: str) -> str:
    return f"'{text if len(text) <= QUOTED_MAX else text[:QUOTED_MAX - 1] + '…'}'"
