"""Which of the CMS chronic care management care-plan elements a plan has (pure), so a plan
that would fail an audit shows before it is needed (DOMAIN.md, "Medicare care-management
billing"): problems, measurable goals, interventions with who is responsible, the text elements,
the review schedule and the copy given to the client."""

from carecli.domain.care_plan import ElementCheck, Plan, PlanItem
from carecli.domain.enums import (
    CarePlanStatus,
    GoalLifecycle,
    InterventionStatus,
    PlanItemKind,
    PlanSection,
    ProblemStatus,
)
from carecli.domain.plan_words import day_words
from carecli.words import counted

TEXT_ELEMENTS = {
    PlanSection.EXPECTED_OUTCOME: "Expected outcome and prognosis",
    PlanSection.SYMPTOM_MANAGEMENT: "Symptom management",
    PlanSection.MEDICATION_MANAGEMENT: "Medication management",
    PlanSection.FUNCTIONAL_ASSESSMENT: "Cognitive and functional assessment",
    PlanSection.ENVIRONMENTAL_EVALUATION: "Environmental evaluation",
    PlanSection.CAREGIVER_ASSESSMENT: "Caregiver assessment",
    PlanSection.COMMUNITY_SERVICES: "Community/social services ordered and coordination with "
                                     "outside resources and practitioners",
}
"""The CCM elements a plan holds as text, in CMS words, in the order checked."""
GOALS_NOT_COUNTED = frozenset({GoalLifecycle.CANCELLED, GoalLifecycle.REJECTED,
                               GoalLifecycle.ENTERED_IN_ERROR})
INTERVENTIONS_NOT_COUNTED = frozenset({InterventionStatus.CANCELLED,
                                       InterventionStatus.ENTERED_IN_ERROR})


def check_plan(plan: Plan) -> tuple[ElementCheck, ...]:
    """Each CCM element and whether `plan` has it, in the order a panel lists them."""
    problems = [i for i in plan.items
                if i.kind == PlanItemKind.PROBLEM and i.status == ProblemStatus.ACTIVE]
    goals = [i for i in plan.items
             if i.kind == PlanItemKind.GOAL and i.status not in GOALS_NOT_COUNTED]
    interventions = [i for i in plan.items if i.kind == PlanItemKind.INTERVENTION
                     and i.status not in INTERVENTIONS_NOT_COUNTED]
    return (
        _problems(problems), _goals(problems, goals), _interventions(interventions),
        *(_text(plan, key, label) for key, label in TEXT_ELEMENTS.items()),
        _review(plan), _copy(plan),
    )


def _problems(problems: list[PlanItem]) -> ElementCheck:
    why = (counted(len(problems), "active problem", "active problems") if problems
           else "No active problem or need yet")
    return ElementCheck("problems", "Problem list", bool(problems), why)


def _goals(problems: list[PlanItem], goals: list[PlanItem]) -> ElementCheck:
    with_goal = {g.parent_uid for g in goals}
    missing = [
        (sum(p.uid not in with_goal for p in problems), "problem has no goal",
         "problems have no goal"),
        (sum(not g.measure for g in goals), "goal has no measure", "goals have no measure"),
        (sum(g.target_on is None for g in goals), "goal has no target date",
         "goals have no target date"),
    ]
    gaps = [counted(n, one, many) for n, one, many in missing if n]
    if not goals and not gaps:
        gaps = ["No goal yet"]
    why = "; ".join(gaps) if gaps else counted(len(goals), "measurable goal", "measurable goals")
    return ElementCheck("goals", "Measurable treatment goals", bool(goals) and not gaps, why)


def _interventions(interventions: list[PlanItem]) -> ElementCheck:
    unowned = sum(not i.owner_kind for i in interventions)
    if not interventions:
        why = "No intervention yet"
    elif unowned:
        why = counted(unowned, "intervention has no one responsible",
                     "interventions have no one responsible")
    else:
        why = f"{counted(len(interventions), 'intervention', 'interventions')}, each with an owner"
    return ElementCheck("interventions", "Planned interventions and who is responsible for each",
                        bool(interventions) and not unowned, why)


def _text(plan: Plan, key: PlanSection, label: str) -> ElementCheck:
    written = bool(plan.section(key).strip())
    return ElementCheck(key.value, label, written, "Written" if written else "Not written yet")


def _review(plan: Plan) -> ElementCheck:
    due = plan.review_due_on
    return ElementCheck("review", "Schedule for periodic review and revision", due is not None,
                        f"Next review {day_words(due)}" if due else "No next review date")


def _copy(plan: Plan) -> ElementCheck:
    label = "Copy of the plan given to the client"
    if plan.copies:
        last = plan.copies[-1]
        return ElementCheck("copy", label, True, f"Given {day_words(last.given_on)} to "
                            f"{last.given_to}")
    if plan.status == CarePlanStatus.DRAFT:
        return ElementCheck("copy", label, False, "To give when finalised")
    return ElementCheck("copy", label, False, "No copy given yet")
