"""Comparing two versions of a care plan: items matched by uid (a reworded goal is the same
goal changed), a reorder is no change, a move to another parent is; sections, the review date
and the summary; and the sentences kept when a plan is finalised."""

from dataclasses import replace
from datetime import date, datetime

from carecli.domain.care_plan import FieldChange, ItemChange, Plan, PlanItem, SectionChange
from carecli.domain.plan_diff import change_sentences, diff_plans
from carecli.domain.plan_outline import outline

AT = datetime(2026, 11, 24, 10, 0)


def _plan(*items: PlanItem, sections=(), review=date(2027, 1, 1), summary=None,
          number=1) -> Plan:
    return Plan(id=number, client_id=1, number=number, status="active", version=1,
                created_at=AT, updated_at=AT, review_due_on=review, summary=summary,
                finalised_at=AT, finalised_by="Ana", change_note=None, changes=(),
                items=outline(items), sections=tuple(sections))


PROBLEM = PlanItem("p1", "problem", None, 0, "High blood pressure", "active")
FALLS = PlanItem("p2", "problem", None, 1, "Falls at home", "active")
GOAL = PlanItem("g1", "goal", "p1", 0, "Walk 10 minutes a day", "active", measure="minutes",
                target="10", target_on=date(2027, 2, 1))
CHECK = PlanItem("i1", "intervention", "g1", 0, "Weekly BP check", "in-progress",
                 owner_kind="care_manager", frequency="weekly")
OLD = _plan(PROBLEM, FALLS, GOAL, CHECK)


def _sentences(older: Plan, newer: Plan) -> tuple[str, ...]:
    return change_sentences(diff_plans(older, newer), newer, older)


def test_the_same_plan_has_no_differences() -> None:
    diff = diff_plans(OLD, replace(OLD, id=2, number=2))
    assert diff.empty and _sentences(OLD, OLD) == ()


def test_reordering_siblings_is_not_a_change() -> None:
    newer = _plan(replace(PROBLEM, position=1), replace(FALLS, position=0), GOAL, CHECK)
    assert [i.uid for i in newer.items] != [i.uid for i in OLD.items]
    assert diff_plans(OLD, newer).empty


def test_items_are_matched_by_uid_not_by_text() -> None:
    reworded = replace(GOAL, text="Walk 20 minutes a day", target="20")
    retyped = PlanItem("g2", "goal", "p1", 1, "Walk 10 minutes a day", "active",
                       measure="minutes", target="10", target_on=date(2027, 2, 1))
    newer = _plan(PROBLEM, FALLS, reworded, CHECK, retyped)
    diff = diff_plans(OLD, newer)
    assert diff.items == (
        ItemChange("g1", "goal", "changed", "Walk 20 minutes a day", (
            FieldChange("text", "Walk 10 minutes a day", "Walk 20 minutes a day"),
            FieldChange("target", "10", "20"))),
        ItemChange("g2", "goal", "added", "Walk 10 minutes a day"),
    )
    assert _sentences(OLD, newer) == (
        "Changed goal 'Walk 10 minutes a day': reworded to 'Walk 20 minutes a day'; "
        "target '10' → '20'",
        "Added goal: Walk 10 minutes a day",
    )


def test_a_move_to_another_parent_is_a_change() -> None:
    newer = _plan(PROBLEM, FALLS, GOAL, replace(CHECK, parent_uid="p2"))
    (change,) = diff_plans(OLD, newer).items
    assert change.fields == (FieldChange("parent_uid", "g1", "p2"),)
    assert _sentences(OLD, newer) == (
        "Changed intervention 'Weekly BP check': moved under problem 'Falls at home'",)


def test_added_removed_and_changed_items_in_plain_words() -> None:
    newer = _plan(PROBLEM, replace(GOAL, status="on-hold", target_on=date(2027, 3, 1)),
                  replace(CHECK, frequency="fortnightly", owner_kind="family",
                          owner_name="Sam"))
    assert [(c.uid, c.change) for c in diff_plans(OLD, newer).items] == [
        ("g1", "changed"), ("i1", "changed"), ("p2", "removed")]
    assert _sentences(OLD, newer) == (
        "Changed goal 'Walk 10 minutes a day': status active → on hold; target date "
        "Feb 1, 2027 → Mar 1, 2027",
        "Changed intervention 'Weekly BP check': done by care manager → family member; "
        "named person none → 'Sam'; frequency weekly → every two weeks",
        "Removed problem: Falls at home",
    )


def test_sections_summary_and_review_date_are_compared() -> None:
    older = _plan(PROBLEM, sections=[("strengths", "Daughter nearby"),
                                     ("expected_outcome", "Stable")], summary="Old")
    newer = _plan(PROBLEM, sections=[("expected_outcome", "Stable, fewer ED visits"),
                                     ("community_services", "Meals on Wheels")],
                  review=date(2027, 2, 15), summary="New")
    diff = diff_plans(older, newer)
    assert diff.sections == (
        SectionChange("strengths", "Daughter nearby", ""),
        SectionChange("expected_outcome", "Stable", "Stable, fewer ED visits"),
        SectionChange("community_services", "", "Meals on Wheels"),
    )
    assert (diff.review_due_on, diff.summary) == (
        (date(2027, 1, 1), date(2027, 2, 15)), ("Old", "New"))
    assert _sentences(older, newer) == (
        "Removed strengths", "Changed expected outcome and prognosis",
        "Added community services and coordination of care", "Changed the summary",
        "Next review moved from Jan 1, 2027 to Feb 15, 2027",
    )


def test_a_review_date_set_or_cleared_and_an_empty_summary() -> None:
    assert _sentences(_plan(review=None), _plan()) == ("Next review set for Jan 1, 2027",)
    assert _sentences(_plan(), _plan(review=None)) == ("No next review date",)
    assert diff_plans(_plan(summary=""), _plan(summary=None)).empty


def test_a_long_text_is_cut_inside_a_sentence() -> None:
    long = "x" * 100
    newer = _plan(replace(PROBLEM, text=long))
    (sentence,) = _sentences(_plan(PROBLEM), newer)
    assert sentence == f"Changed problem 'High blood pressure': reworded to '{'x' * 59}…'"
