"""A care plan's outline and its interventions' next due dates (pure rules, no database).

Outline order: problems by position; under each problem its goals by position, each goal
followed by its interventions by position; then the problem's interventions that hang under
no goal. Siblings are items of one kind under one parent.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from carecli.clinical.dates import days_after
from carecli.domain.care_plan import PlanItem
from carecli.domain.enums import FREQUENCY_DAYS, OPEN_INTERVENTION_STATUSES, PlanItemKind


def outline(items: Iterable[PlanItem]) -> tuple[PlanItem, ...]:
    """`items` in outline order (see the module's docstring). An item whose parent is not
    among them comes last rather than not at all."""
    children: dict[tuple[str | None, str], list[PlanItem]] = defaultdict(list)
    every = list(items)
    for item in every:
        children[(item.parent_uid, item.kind)].append(item)
    for siblings in children.values():
        siblings.sort(key=lambda i: (i.position, i.uid))
    ordered: list[PlanItem] = []
    for problem in children[(None, PlanItemKind.PROBLEM)]:
        ordered.append(problem)
        for goal in children[(problem.uid, PlanItemKind.GOAL)]:
            ordered.append(goal)
            ordered.extend(children[(goal.uid, PlanItemKind.INTERVENTION)])
        ordered.extend(children[(problem.uid, PlanItemKind.INTERVENTION)])
    placed = {item.uid for item in ordered}
    return (*ordered, *(item for item in every if item.uid not in placed))


def siblings(items: Iterable[PlanItem], item: PlanItem) -> list[PlanItem]:
    """The items of `item`'s kind under its parent (itself included), in order."""
    return sorted((i for i in items if i.parent_uid == item.parent_uid and i.kind == item.kind),
                  key=lambda i: (i.position, i.uid))


def descendants(items: Iterable[PlanItem], uid: str) -> set[str]:
    """The uids of every item under `uid` (goals, and their interventions), not itself."""
    every = list(items)
    found: set[str] = set()
    frontier = {uid}
    while frontier:
        frontier = {i.uid for i in every if i.parent_uid in frontier} - found
        found |= frontier
    return found


def next_due(item: PlanItem, last_done_on: date | None) -> date | None:
    """When an intervention is next due: None unless its status is open; never done, its
    planned `due_on`; a repeating one, its interval after it was last done (not before
    `due_on`); a one-off or as-needed one once done, None."""
    return next_due_on(item.status, item.frequency, item.due_on, last_done_on)


def next_due_on(status: str, frequency: str | None, due_on: date | None,
                last_done_on: date | None) -> date | None:
    """`next_due` from the fields it reads (the queue works it out for thousands of rows)."""
    if status not in OPEN_INTERVENTION_STATUSES:
        return None
    if last_done_on is None:
        return due_on
    days = FREQUENCY_DAYS.get(frequency) if frequency else None
    if days is None:
        return None
    after = days_after(last_done_on, days)
    return max(due_on, after) if due_on is not None else after
