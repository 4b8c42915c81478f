"""The plain words a client and their family read in an exported care plan: every coded
value (owner, frequency, status, section key) as a phrase said to the client, and dates
written out (`domain/plan_words.py` has the nurse's words, used for the FHIR narrative). No
code or enum value of carecli ever reaches the printed copy; these tables are the only way
in."""

from datetime import date

from carecli.domain.enums import (
    CopyMethod,
    GoalAchievement,
    GoalLifecycle,
    InterventionFrequency,
    InterventionOwner,
    InterventionStatus,
    PlanSection,
    ProblemStatus,
)
from carecli.domain.plan_words import FREQUENCY_WORDS, OWNER_WORDS

SECTION_HEADINGS = {
    PlanSection.PRIORITIES: "What matters most to you",
    PlanSection.STRENGTHS: "Your strengths",
    PlanSection.BARRIERS: "What may get in the way",
    PlanSection.EXPECTED_OUTCOME: "What we expect",
    PlanSection.SYMPTOM_MANAGEMENT: "Managing your symptoms",
    PlanSection.MEDICATION_MANAGEMENT: "Your medicines",
    PlanSection.FUNCTIONAL_ASSESSMENT: "Daily activities, memory and thinking",
    PlanSection.ENVIRONMENTAL_EVALUATION: "Your home and safety",
    PlanSection.CAREGIVER_ASSESSMENT: "Help from family and caregivers",
    PlanSection.COMMUNITY_SERVICES: "Services and the people we work with",
}
ABOUT_SECTIONS = (PlanSection.PRIORITIES, PlanSection.STRENGTHS, PlanSection.BARRIERS)
"""Shown before the health concerns: the plan starts from the person."""

PROBLEM_STATUS = {ProblemStatus.RESOLVED: "Resolved", ProblemStatus.INACTIVE: "No longer active"}
"""An active problem says nothing: it is what the plan is about."""

GOAL_STATUS = {
    GoalLifecycle.PROPOSED: "Suggested",
    GoalLifecycle.PLANNED: "Planned",
    GoalLifecycle.ON_HOLD: "On hold",
    GoalLifecycle.COMPLETED: "Completed",
    GoalLifecycle.CANCELLED: "Stopped",
    GoalLifecycle.REJECTED: "Not taken up",
}
"""An accepted or active goal says nothing; one entered in error is left out of the copy."""

ACHIEVEMENT = {
    GoalAchievement.IN_PROGRESS: "Under way",
    GoalAchievement.IMPROVING: "Improving",
    GoalAchievement.WORSENING: "Getting worse",
    GoalAchievement.NO_CHANGE: "No change yet",
    GoalAchievement.ACHIEVED: "Reached",
    GoalAchievement.SUSTAINING: "Keeping it up",
    GoalAchievement.NOT_ACHIEVED: "Not reached",
    GoalAchievement.NO_PROGRESS: "No progress yet",
    GoalAchievement.NOT_ATTAINABLE: "Out of reach for now",
}

INTERVENTION_STATUS = {
    InterventionStatus.NOT_STARTED: "Not started yet",
    InterventionStatus.SCHEDULED: "Scheduled",
    InterventionStatus.ON_HOLD: "On hold",
    InterventionStatus.COMPLETED: "Done",
    InterventionStatus.CANCELLED: "Cancelled",
    InterventionStatus.STOPPED: "Stopped",
}
"""One under way (or of unknown status) says nothing."""

HIDDEN = frozenset({GoalLifecycle.ENTERED_IN_ERROR, InterventionStatus.ENTERED_IN_ERROR})
"""Items written by mistake: not in the client's copy."""

OWNER = {
    InterventionOwner.CARE_MANAGER: ("Your care manager", "{name}, your care manager"),
    InterventionOwner.CLIENT: ("You", "You"),
    InterventionOwner.FAMILY: ("Your family", "{name} (family)"),
    InterventionOwner.CARE_TEAM: ("Your care team", "{name} (care team)"),
    InterventionOwner.COMMUNITY: ("A community service", "{name} (community service)"),
}
"""Who carries an intervention out, said to the client: (without a name, with one)."""


COPY_METHOD = {
    CopyMethod.IN_PERSON: "In person",
    CopyMethod.MAILED: "By post",
    CopyMethod.EMAILED: "By email",
    CopyMethod.PORTAL: "Through a patient portal",
    CopyMethod.OTHER: "Another way",
}

CARE_MANAGER_ROLES = ("care manager", "case manager", "care coordinator")
"""A care-team member whose role says one of these is the client's care manager."""


def day(value: date | None) -> str:
    """A date as written in a letter: "March 1, 2027"; "" for none."""
    return "" if value is None else f"{value:%B} {value.day}, {value.year}"


def who(owner_kind: str | None, owner_name: str | None, clinical: bool = False) -> str:
    """Who carries an intervention out, in words (to the client, or to a clinician); ""
    when nobody is named."""
    if owner_kind not in OWNER:
        return owner_name or ""
    if clinical:
        role = OWNER_WORDS[InterventionOwner(owner_kind)]
        return f"{owner_name} ({role})" if owner_name else role[:1].upper() + role[1:]
    unnamed, named = OWNER[InterventionOwner(owner_kind)]
    return named.format(name=owner_name) if owner_name else unnamed


def when(frequency: str | None, due_on: date | None) -> str:
    """How often and from when, in words: "Weekly, next on December 1, 2026"."""
    often = FREQUENCY_WORDS.get(frequency, "") if frequency else ""  # type: ignore[call-overload]
    often = often[:1].upper() + often[1:]
    if due_on is None:
        return often
    if frequency in (None, InterventionFrequency.ONCE):
        return f"On {day(due_on)}"
    if frequency == InterventionFrequency.AS_NEEDED:
        return f"{often}, from {day(due_on)}"
    return f"{often}, next on {day(due_on)}"
