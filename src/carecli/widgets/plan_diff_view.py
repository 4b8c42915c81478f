"""Two versions of a care plan compared item by item, as Rich text: what was added, removed
and changed (and, for a change, each field before → after), then the other elements, the
summary and the next review. Items are matched by their identity, so a reworded goal is one
change, not a removal and an addition."""

from datetime import date

from rich.text import Text

from carecli.domain.care_plan import FieldChange, ItemChange, Plan, PlanDiff
from carecli.domain.plan_words import FREQUENCY_WORDS, OWNER_WORDS, SECTION_LABELS, status_words
from carecli.plain import clean, one_line
from carecli.screens.plan_forms import KIND_WORDS
from carecli.widgets.plan_panels import version_words

FIELD_WORDS = {
    "parent_uid": "place", "text": "text", "status": "status", "source": "source",
    "client_words": "in the client's words", "measure": "measure", "target": "target",
    "target_on": "by", "owner_kind": "who", "owner_name": "their name",
    "frequency": "how often", "due_on": "due",
}
MARKS = {"added": ("+", "green"), "removed": ("−", "red"), "changed": ("~", "yellow")}
TITLES = {"added": "Added", "removed": "Removed", "changed": "Changed"}


def diff_text(diff: PlanDiff, older: Plan, newer: Plan) -> Text:
    text = Text(f"From {version_words(older)}\nto   {version_words(newer)}\n", "bold")
    if diff.empty:
        text.append("\nNo differences: the same problems, goals, interventions and elements.")
        return text
    for change in ("added", "removed", "changed"):
        items = [i for i in diff.items if i.change == change]
        if items:
            text.append(f"\n{TITLES[change]} ({len(items)})\n", "bold underline")
            for item in items:
                _item(text, item, older, newer)
    others = _others(diff)
    if others:
        text.append(f"\nOther elements changed ({len(others)})\n", "bold underline")
        for name, before, after in others:
            text.append("~ ", "bold yellow")
            text.append(f"{name}\n", "bold")
            text.append("    was: ", "dim")
            text.append(f"{before}\n")
            text.append("    now: ", "dim")
            text.append(f"{after}\n")
    text.rstrip()
    return text


def _item(text: Text, item: ItemChange, older: Plan, newer: Plan) -> None:
    mark, style = MARKS[item.change]
    text.append(f"{mark} ", f"bold {style}")
    text.append(f"{KIND_WORDS.get(item.kind, item.kind).capitalize()}: ", "bold")
    text.append(f"{one_line(item.text)}\n")
    plan = older if item.change == "removed" else newer
    found = plan.item(item.uid)
    if item.change != "changed" and found is not None and found.parent_uid:
        parent = plan.item(found.parent_uid)
        if parent is not None:
            text.append(f"    under {KIND_WORDS.get(parent.kind, parent.kind)}: "
                        f"{one_line(parent.text)}\n", "dim")
    for field in item.fields:
        text.append(f"    {FIELD_WORDS.get(field.field, field.field)}: ", "dim")
        text.append(f"{_value(field, field.before, older)} → {_value(field, field.after, newer)}"
                    "\n")


def _value(field: FieldChange, value: object, plan: Plan) -> str:
    if value is None or value == "":
        return "(none)"
    if field.field == "parent_uid":
        parent = plan.item(str(value))
        return (f"under {KIND_WORDS.get(parent.kind, parent.kind)} “{one_line(parent.text)}”"
                if parent else "(elsewhere)")
    if isinstance(value, date):
        return value.isoformat()
    if field.field == "owner_kind":
        return OWNER_WORDS.get(str(value), str(value))
    if field.field == "frequency":
        return FREQUENCY_WORDS.get(str(value), str(value))
    if field.field == "status":
        return status_words(str(value))
    return one_line(value)


def _others(diff: PlanDiff) -> list[tuple[str, str, str]]:
    rows = []
    for section in diff.sections:
        rows.append((SECTION_LABELS.get(section.key, section.key),
                     clean(section.before) or "(none)", clean(section.after) or "(none)"))
    if diff.summary is not None:
        before, after = diff.summary
        rows.append(("Summary", clean(before) or "(none)", clean(after) or "(none)"))
    if diff.review_due_on is not None:
        before, after = diff.review_due_on
        rows.append(("Next review", before.isoformat() if before else "(none)",
                     after.isoformat() if after else "(none)"))
    return rows
