"""The care plan's pure rules: outline order, what lies under an item, when an intervention is
next due, and the default review interval by risk tier."""

from datetime import date

import pytest

from carecli.clinical.cadence import plan_review_days
from carecli.domain.care_plan import PlanItem
from carecli.domain.plan_outline import descendants, next_due, outline, siblings


def _item(uid, kind, parent=None, position=0, **values) -> PlanItem:
    return PlanItem(uid=uid, kind=kind, parent_uid=parent, position=position, text=uid,
                    status=values.pop("status", "active"), **values)


ITEMS = [
    _item("i-p2", "intervention", "p2", 0),
    _item("g1b", "goal", "p1", 1),
    _item("p2", "problem", None, 1),
    _item("i-g1a-2", "intervention", "g1a", 1),
    _item("i-p1", "intervention", "p1", 0),
    _item("g1a", "goal", "p1", 0),
    _item("p1", "problem", None, 0),
    _item("i-g1a-1", "intervention", "g1a", 0),
]


def test_the_outline_puts_goals_with_their_interventions_then_the_problems_own() -> None:
    assert [i.uid for i in outline(ITEMS)] == [
        "p1", "g1a", "i-g1a-1", "i-g1a-2", "g1b", "i-p1", "p2", "i-p2"]


def test_an_item_whose_parent_is_missing_still_shows_last() -> None:
    stray = _item("lost", "goal", "gone", 0)
    assert outline([*ITEMS, stray])[-1] == stray


def test_siblings_are_of_one_kind_under_one_parent() -> None:
    g1b = next(i for i in ITEMS if i.uid == "g1b")
    assert [i.uid for i in siblings(ITEMS, g1b)] == ["g1a", "g1b"]


def test_descendants_reach_the_interventions_of_goals() -> None:
    assert descendants(ITEMS, "p1") == {"g1a", "g1b", "i-g1a-1", "i-g1a-2", "i-p1"}
    assert descendants(ITEMS, "g1a") == {"i-g1a-1", "i-g1a-2"}
    assert descendants(ITEMS, "i-p1") == set()


def _intervention(frequency=None, due_on=None, status="in-progress") -> PlanItem:
    return _item("x", "intervention", "p", status=status, owner_kind="client",
                 frequency=frequency, due_on=due_on)


DEC_1, NOV_20 = date(2026, 12, 1), date(2026, 11, 20)


@pytest.mark.parametrize(("item", "done", "due"), [
    (_intervention("weekly", DEC_1), None, DEC_1),
    (_intervention("weekly"), None, None),
    (_intervention("weekly", DEC_1), NOV_20, DEC_1),
    (_intervention("weekly", NOV_20), NOV_20, date(2026, 11, 27)),
    (_intervention("monthly"), NOV_20, date(2026, 12, 20)),
    (_intervention("quarterly"), date(9999, 12, 1), date.max),
    (_intervention("once", DEC_1), NOV_20, None),
    (_intervention("as_needed"), NOV_20, None),
    (_intervention(None, DEC_1), NOV_20, None),
    (_intervention("weekly", DEC_1, status="completed"), None, None),
    (_intervention("weekly", DEC_1, status="on-hold"), NOV_20, None),
    (_intervention("daily", DEC_1, status="not-started"), None, DEC_1),
    (_intervention("daily", NOV_20, status="scheduled"), NOV_20, date(2026, 11, 21)),
], ids=["never-done", "never-done-no-date", "done-before-due", "repeats-after-done",
        "monthly", "far-future", "once-done", "as-needed-done", "one-off-done", "completed",
        "on-hold", "not-started", "scheduled"])
def test_when_an_intervention_is_next_due(item, done, due) -> None:
    assert next_due(item, done) == due


def test_the_plan_review_comes_sooner_at_higher_risk() -> None:
    assert [plan_review_days(t) for t in ("high", "moderate", "low")] == [30, 90, 180]
    assert plan_review_days("unknown") == 90
