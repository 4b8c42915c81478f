"""The care plan's outline: each problem, its goals (each followed by its interventions) and
the interventions under no goal, indented, with status, a goal's target (what, how much, by
when) and achievement, an intervention's owner, frequency, the last day it was done and when
it is next due; then the plan's other
elements (summary, next review, each CCM section) one line each. A day gone by is flagged in
red with words: an open intervention overdue, an open goal's target date past, the current or
draft plan's review overdue. Read-only: the editor acts on the highlighted row (`current`)."""

from dataclasses import dataclass
from datetime import date

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from carecli.actions import fill
from carecli.domain.care_plan import Plan, PlanItem, PlanStanding
from carecli.domain.enums import PlanItemKind, PlanSection
from carecli.domain.plan_outline import next_due
from carecli.domain.plan_words import FREQUENCY_WORDS, SECTION_LABELS
from carecli.plain import one_line
from carecli.screens.plan_forms import CLOSED, owner_words, status_label

DEPTH_INDENT = 3
MARKS = {PlanItemKind.PROBLEM: "", PlanItemKind.GOAL: "◆ ", PlanItemKind.INTERVENTION: "• "}
ELEMENTS = ("summary", "review", *(f"section:{s.value}" for s in PlanSection))
"""The rows after the items, in order."""


@dataclass(frozen=True)
class OutlineRow:
    key: str
    """An item's uid; or `summary`, `review`, `section:<PlanSection>`."""
    item: PlanItem | None = None

    @property
    def element(self) -> str | None:
        """The elements form's field this row stands for (None for an item)."""
        if self.item is not None:
            return None
        return "review_due_on" if self.key == "review" else self.key.removeprefix("section:")


class PlanOutline(OptionList):
    """One option per item, then one per element; `current` is the highlighted row."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: dict[str, OutlineRow] = {}

    @property
    def current(self) -> OutlineRow | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self.rows.get(option.id or "")

    def show(self, plan: Plan, standing: PlanStanding, today: date,
             keep: str | None = None) -> None:
        """Show `plan`; the cursor stays on `keep` (a row key), else on the row it was on."""
        current = self.current
        keep = keep or (current.key if current else None)
        at = self.highlighted
        self.rows = {}
        options: list[Option | None] = []
        depth = _depths(plan)
        for item in plan.items:
            known = item.kind in MARKS  # another program's kind: shown, never acted on
            if known:
                self.rows[item.uid] = OutlineRow(item.uid, item)
            options.append(Option(_item_line(item, depth[item.uid], standing, today),
                                  id=item.uid, disabled=not known))
        if not plan.items:
            options.append(Option(Text(fill(
                "No problems yet: {plan.suggest} adds those the record and the latest assessment "
                "suggest; {plan.add} adds one you type."), "italic"), disabled=True))
        options.append(Option(Text("Other care-plan elements", "bold underline"),
                              disabled=True))
        for key in ELEMENTS:
            self.rows[key] = OutlineRow(key)
            options.append(Option(_element_line(plan, key, today), id=key))
        self.clear_options()
        self.add_options(options)
        if keep in self.rows:
            self.highlighted = self.get_option_index(keep)
        elif self.option_count:
            self.highlighted = min(at or 0, self.option_count - 1)
            if self.current is None:
                self.action_cursor_down()

    def go_to(self, key: str) -> None:
        if key in self.rows:
            self.highlighted = self.get_option_index(key)


def _depths(plan: Plan) -> dict[str, int]:
    depth: dict[str, int] = {}
    for item in plan.items:  # outline order: a parent comes before its children
        depth[item.uid] = depth.get(item.parent_uid, -1) + 1 if item.parent_uid else 0
    return depth


def _item_line(item: PlanItem, depth: int, standing: PlanStanding, today: date) -> Table:
    grid = Table.grid(expand=True, padding=(0, 0, 0, 1))
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(no_wrap=True, justify="right")
    pad = " " * (DEPTH_INDENT * depth)
    closed = item.status in CLOSED
    style = "bold" if item.kind == PlanItemKind.PROBLEM else ""
    mark = MARKS.get(item.kind, "? ")
    title = Text(pad + mark, style="dim")
    title.append(one_line(item.text), style=f"{style} dim" if closed else style)
    grid.add_row(title, Text(status_label(item.status), style="dim" if closed else "cyan"))
    more, right = _details(item, standing, today)
    if more.plain or right.plain:
        more = Text(pad + " " * len(mark) + "  ").append_text(more)
        grid.add_row(more, right)
    return grid


def _details(item: PlanItem, standing: PlanStanding, today: date) -> tuple[Text, Text]:
    """The second line: a goal's target and achievement, an intervention's who, how often,
    when last done and when next due."""
    line = Text(style="dim")
    right = Text()
    if item.kind == PlanItemKind.GOAL:
        target = ": ".join(one_line(v) for v in (item.measure, item.target) if v)
        line.append(target or "no measure yet")
        achievement = standing.achievements.get(item.uid, "in-progress")
        line.append(" · ").append_text(by_when(item, achievement, today))
        right = Text(status_label(achievement),
                     style="green" if achievement in ("achieved", "improving", "sustaining")
                     else "yellow" if achievement in ("worsening", "no-progress",
                                                      "not-achieved", "not-attainable")
                     else "")
    elif item.kind == PlanItemKind.INTERVENTION:
        parts = [one_line(owner_words(item)) or "no owner yet"]
        if item.frequency:
            parts.append(FREQUENCY_WORDS.get(item.frequency, item.frequency))
        last = standing.last_done.get(item.uid)
        if last is not None:
            parts.append(f"last done {last.isoformat()}")
        line.append(" · ".join(parts))
        due = next_due(item, last)  # closed, or done once and not again: none
        if due is not None:
            right = late(f"due {due.isoformat()}", due, today, "overdue")
    return line, right


def late(words: str, day: date, today: date, flag: str, style: str = "") -> Text:
    """`words` about `day` (in `style`); once `day` has gone by, in red with `flag`
    ("overdue") after."""
    if day >= today:
        return Text(words, style=style)
    return Text(f"{words} ⚠ {flag}", style="bold red")


def by_when(goal: PlanItem, achievement: str, today: date) -> Text:
    """A goal's target date ("by 2027-03-01"), flagged once past while the goal is open and
    not achieved."""
    if goal.target_on is None:
        return Text("no target date")
    words = f"by {goal.target_on.isoformat()}"
    if goal.status in CLOSED or achievement == "achieved":
        return Text(words)
    return late(words, goal.target_on, today, "date passed")


def _element_line(plan: Plan, key: str, today: date) -> Table:
    grid = Table.grid(expand=True, padding=(0, 0, 0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    if key == "summary":
        name, text = "Summary", plan.summary or ""
    elif key == "review":
        name = "Next review"
        text = plan.review_due_on.isoformat() if plan.review_due_on else ""
    else:
        section = PlanSection(key.removeprefix("section:"))
        name, text = SECTION_LABELS[section], plan.section(section.value)
    shown = Text(one_line(text), style="dim") if text else Text("missing", style="yellow")
    if key == "review" and plan.review_due_on and plan.status != "superseded":
        shown = late(text, plan.review_due_on, today, "review overdue", "dim")
    grid.add_row(Text(f"{name}:"), shown)
    return grid
