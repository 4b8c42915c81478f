"""The CMS care-plan elements panel: each element met and missing, with what is missing in
words."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from carecli.domain.care_plan import Plan, PlanCopy, PlanItem
from carecli.domain.enums import PlanSection
from carecli.domain.plan_completeness import check_plan

AT = datetime(2026, 11, 24, 10, 0)
KEYS = ["problems", "goals", "interventions", "expected_outcome", "symptom_management",
        "medication_management", "functional_assessment", "environmental_evaluation",
        "caregiver_assessment", "community_services", "review", "copy"]
PROBLEM = PlanItem("p1", "problem", None, 0, "High blood pressure", "active")
GOAL = PlanItem("g1", "goal", "p1", 0, "Walk daily", "active", measure="minutes",
                target="10", target_on=date(2027, 2, 1))
CHECK = PlanItem("i1", "intervention", "g1", 0, "Weekly BP check", "in-progress",
                 owner_kind="care_manager", frequency="weekly")
SECTIONS = tuple((s.value, f"About {s.value}") for s in PlanSection)
COPY = PlanCopy(date(2026, 11, 24), "in_person", "Ida Rowe", "html")


def _plan(items=(PROBLEM, GOAL, CHECK), sections=SECTIONS, review=date(2027, 1, 1),
          status="active", copies=(COPY,)) -> Plan:
    return Plan(id=1, client_id=1, number=1, status=status, version=1, created_at=AT,
                updated_at=AT, review_due_on=review, summary=None, finalised_at=AT,
                finalised_by="Ana", change_note=None, changes=(), items=tuple(items),
                sections=tuple(sections), copies=tuple(copies))


def _checks(plan: Plan) -> dict[str, tuple[bool, str]]:
    return {c.key: (c.met, c.why) for c in check_plan(plan)}


def test_a_complete_plan_meets_every_element_in_order() -> None:
    checks = check_plan(_plan())
    assert [c.key for c in checks] == KEYS
    assert all(c.met for c in checks), [c for c in checks if not c.met]
    assert [c.why for c in checks][:3] + [checks[-2].why, checks[-1].why] == [
        "1 active problem", "1 measurable goal", "1 intervention, each with an owner",
        "Next review Jan 1, 2027", "Given Nov 24, 2026 to Ida Rowe"]
    assert checks[0].label == "Problem list"
    assert checks[9].label.startswith("Community/social services ordered")


def test_an_empty_draft_misses_everything_and_says_so() -> None:
    checks = _checks(_plan(items=(), sections=(), review=None, status="draft", copies=()))
    assert checks == {
        "problems": (False, "No active problem or need yet"),
        "goals": (False, "No goal yet"),
        "interventions": (False, "No intervention yet"),
        **{key: (False, "Not written yet") for key in KEYS[3:10]},
        "review": (False, "No next review date"),
        "copy": (False, "To give when finalised"),
    }


def test_a_resolved_problem_alone_is_no_problem_list() -> None:
    assert _checks(_plan(items=(replace(PROBLEM, status="resolved"),)))["problems"] == (
        False, "No active problem or need yet")


def test_every_active_problem_needs_a_goal_and_every_goal_a_measure_and_date() -> None:
    falls = PlanItem("p2", "problem", None, 1, "Falls", "active")
    pain = PlanItem("p3", "problem", None, 2, "Pain", "active")
    vague = replace(GOAL, uid="g2", measure=None, target_on=None)
    undated = replace(GOAL, uid="g3", target_on=None)
    assert _checks(_plan(items=(PROBLEM, falls, pain, GOAL, vague, undated, CHECK)))[
        "goals"] == (False, "2 problems have no goal; 1 goal has no measure; 2 goals have no "
                            "target date")


def test_a_cancelled_goal_does_not_count() -> None:
    checks = _checks(_plan(items=(PROBLEM, replace(GOAL, status="cancelled"), CHECK)))
    assert checks["goals"] == (False, "1 problem has no goal")


def test_every_intervention_needs_someone_responsible() -> None:
    other = replace(CHECK, uid="i2", owner_kind=None)
    assert _checks(_plan(items=(PROBLEM, GOAL, CHECK, other)))["interventions"] == (
        False, "1 intervention has no one responsible")
    cancelled = replace(CHECK, status="cancelled")
    assert _checks(_plan(items=(PROBLEM, GOAL, cancelled)))["interventions"] == (
        False, "No intervention yet")


@pytest.mark.parametrize("key", KEYS[3:10])
def test_each_text_element_is_missing_without_text(key) -> None:
    checks = _checks(_plan(sections=[s for s in SECTIONS if s[0] != key]))
    assert checks[key] == (False, "Not written yet")
    assert [k for k, (met, _) in checks.items() if not met] == [key]


def test_a_finalised_plan_without_a_copy_given_misses_it() -> None:
    assert _checks(_plan(copies=()))["copy"] == (False, "No copy given yet")
    assert _checks(_plan(status="draft"))["copy"] == (True, "Given Nov 24, 2026 to Ida Rowe")
