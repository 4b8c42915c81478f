"""What the care plan editor shows beside its outline, as Rich text: the banner (which version,
draft or finalised, how many CMS elements are met), the CMS checklist (each element met or
missing, and why) and the highlighted row in full."""

from datetime import date

from rich.table import Table
from rich.text import Text

from carecli.actions import fill, key_of
from carecli.domain.care_plan import ElementCheck, Plan, PlanStanding
from carecli.domain.enums import PlanItemKind
from carecli.domain.plan_outline import next_due
from carecli.domain.plan_words import FREQUENCY_WORDS, SECTION_LABELS
from carecli.plain import clean, one_line
from carecli.screens.plan_forms import KIND_WORDS, owner_words, status_label
from carecli.widgets.plan_outline import OutlineRow, by_when, late


def version_words(plan: Plan) -> str:
    """"Plan 2 · draft", "Plan 1 · finalised 2026-10-01 by Dana Reyes"."""
    words = f"Plan {plan.number}"
    if plan.status == "draft":
        return f"{words} · draft"
    state = "current" if plan.status == "active" else "superseded"
    if plan.finalised_at is not None:
        state += f", finalised {plan.finalised_at.astimezone():%Y-%m-%d}"
    if plan.finalised_by:
        state += f" by {one_line(plan.finalised_by)}"
    return f"{words} · {state}"


def banner(name: str, plan: Plan, checks: tuple[ElementCheck, ...], editable: bool) -> Text:
    """Whose plan, which version, whether it is edited here, and the CMS elements met."""
    text = Text(one_line(name), "bold")
    text.append(f"  {version_words(plan)}")
    if plan.status == "draft":
        text.append("  editing", "bold green")
    elif editable:
        text.append(fill("  read-only: {plan.edit} starts a new draft"), "yellow")
    elif plan.status == "active":
        text.append("  read-only", "yellow")
    else:
        text.append(fill("  read-only, an earlier version: {plan.compare} compares"), "yellow")
    counted = _counted(checks, plan)
    met = sum(c.met for c in counted)
    text.append(f"  CMS {met}/{len(counted)} ({key_of('plan.check')})",
                "green" if met == len(counted) else "bold yellow")
    return text


def _counted(checks: tuple[ElementCheck, ...], plan: Plan) -> list[ElementCheck]:
    """The elements that count now: a draft cannot have been given to the client yet."""
    return [c for c in checks if not (c.key == "copy" and plan.status == "draft")]


def checklist(checks: tuple[ElementCheck, ...], plan: Plan) -> Table:
    """Each CMS element: ✓ met, ✗ missing, with why (○: the copy, once finalised)."""
    counted = _counted(checks, plan)
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    met = sum(c.met for c in counted)
    grid.add_row("", Text(f"CMS care-plan elements: {met} of {len(counted)} met", "bold"))
    for check in checks:
        later = check not in counted
        mark = Text("○", "dim") if later else (
            Text("✓", "green") if check.met else Text("✗", "bold red"))
        words = Text(check.label, "dim" if later else "")
        if check.why:
            words.append(f"\n{clean(check.why)}", "dim")
        grid.add_row(mark, words)
    return grid


def detail(row: OutlineRow | None, plan: Plan, standing: PlanStanding, today: date) -> Text:
    """The highlighted row in full: an item's whole text and every field (an intervention's
    next due day and a goal's target date, flagged once gone by, and the last day an
    intervention was done); an element's text."""
    if row is None:
        return Text("")
    item = row.item
    if item is None:
        return _element(row, plan)
    text = Text(f"{KIND_WORDS[item.kind].capitalize()} ({status_label(item.status).lower()}): ",
                "bold")
    text.append(clean(item.text))
    if item.kind == PlanItemKind.GOAL:
        if item.client_words:
            text.append(f"\nIn their words: “{clean(item.client_words)}”", "italic")
        achievement = standing.achievements.get(item.uid, "in-progress")
        text.append(f"\nMeasure: {one_line(item.measure) or '—'} · target: "
                    f"{one_line(item.target) or '—'} · ")
        text.append_text(by_when(item, achievement, today))
        text.append(f" · progress: {status_label(achievement).lower()}")
    elif item.kind == PlanItemKind.INTERVENTION:
        last = standing.last_done.get(item.uid)
        due = next_due(item, last)
        text.append(f"\nWho: {one_line(owner_words(item)) or '—'} · how often: "
                    f"{FREQUENCY_WORDS.get(item.frequency, '—') if item.frequency else '—'} · ")
        text.append_text(late(f"due {due.isoformat()}", due, today, "overdue") if due
                         else Text("due: —"))
        if last is not None:
            text.append(f" · last done {last.isoformat()}")
    if item.source:
        origin = "the record's conditions" if item.source.startswith("condition:") else (
            "an assessment's suggestion")
        text.append(f"\nFrom {origin}.", "dim")
    return text


def _element(row: OutlineRow, plan: Plan) -> Text:
    if row.key == "summary":
        name, body = "Summary", plan.summary or ""
    elif row.key == "review":
        name = "Next review"
        body = plan.review_due_on.isoformat() if plan.review_due_on else ""
    else:
        key = row.key.removeprefix("section:")
        name, body = SECTION_LABELS[key], plan.section(key)
    text = Text(f"{name}: ", "bold")
    if body:
        text.append(clean(body))
    else:
        text.append(fill("missing; {plan.edit} to write it, with fill from the record "
                         "({elements.fill})"), "yellow")
    return text
