"""What a printed care plan says, worked out once from the plan, the client's record and how
it stands (each goal's latest progress, each intervention's last day done, so that "next on"
is when it is next due, by `plan_outline.next_due`): the HTML, the Markdown and the FHIR
narrative are all drawn from this. Every field is already plain words (`words.py`); nothing
here is markup."""

from dataclasses import dataclass
from typing import Any

from carecli.domain.care_plan import Plan, PlanItem, PlanStanding
from carecli.domain.enums import CarePlanStatus, GoalAchievement, PlanItemKind, PlanSection
from carecli.domain.plan_outline import next_due
from carecli.domain.plan_words import SECTION_LABELS
from carecli.export import words


@dataclass(frozen=True)
class Line:
    """A labelled line under an item: "Who: You"."""

    label: str
    text: str


@dataclass(frozen=True)
class Intervention:
    text: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Goal:
    text: str
    client_words: str
    lines: tuple[Line, ...]
    interventions: tuple[Intervention, ...]


@dataclass(frozen=True)
class Problem:
    text: str
    status: str
    goals: tuple[Goal, ...]
    interventions: tuple[Intervention, ...]
    """What is done for the problem under no particular goal."""


@dataclass(frozen=True)
class Section:
    heading: str
    body: str


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    phone: str
    email: str


@dataclass(frozen=True)
class PlanDocument:
    title: str
    client: str
    draft: bool
    version: str
    """"Version 2, agreed on November 3, 2026 by Jo Ames" (a draft says so instead)."""
    summary: str
    about: tuple[Section, ...]
    """The client's priorities, strengths and barriers."""
    problems: tuple[Problem, ...]
    sections: tuple[Section, ...]
    """The plan's other elements, in `PlanSection` order."""
    medicines: tuple[str, ...]
    care_team: tuple[Person, ...]
    review_on: str
    care_manager: Person | None


def plan_document(plan: Plan, record: Any, standing: PlanStanding,
                  clinical: bool = False) -> PlanDocument:
    """The printed plan of `plan`, for the client of `record` (`ClientRecord`), with each
    goal's achievement and each intervention's last day done (`standing`). `clinical`:
    worded for a clinician (the FHIR narrative), not to the client."""
    client = record.client
    name = " ".join(p for p in (client.given_name, client.family_name) if p)
    members = record.entries.get("care_team", ())
    manager = next((m for m in members
                    if any(r in (m.role or "").lower() for r in words.CARE_MANAGER_ROLES)), None)
    shown = _shown_items(plan)
    return PlanDocument(
        title=f"Care plan for {name}",
        client=name,
        draft=plan.status == CarePlanStatus.DRAFT,
        version=_version(plan),
        summary=plan.summary or "",
        about=_sections(plan, words.ABOUT_SECTIONS, clinical),
        problems=tuple(_problem(p, shown, standing, clinical) for p in shown
                       if p.kind == PlanItemKind.PROBLEM),
        sections=_sections(plan, [s for s in PlanSection if s not in words.ABOUT_SECTIONS],
                           clinical),
        medicines=tuple(_medicine(m) for m in record.entries.get("medication", ())
                        if m.stopped_on is None),
        care_team=tuple(_person(m) for m in members),
        review_on=words.day(plan.review_due_on),
        care_manager=_person(manager) if manager is not None else None,
    )


def _version(plan: Plan) -> str:
    if plan.status == CarePlanStatus.DRAFT:
        return f"Version {plan.number}: a draft, not yet agreed"
    agreed = f"Version {plan.number}"
    if plan.finalised_at:
        agreed += f", agreed on {words.day(plan.finalised_at.astimezone().date())}"
    by = f" by {plan.finalised_by}" if plan.finalised_by else ""
    replaced = ", since replaced" if plan.status == CarePlanStatus.SUPERSEDED else ""
    return agreed + by + replaced


def _shown_items(plan: Plan) -> tuple[PlanItem, ...]:
    """The plan's items in outline order without those entered in error (and what hangs
    under them)."""
    hidden: set[str] = set()
    shown = []
    for item in plan.items:
        if item.status in words.HIDDEN or item.parent_uid in hidden:
            hidden.add(item.uid)
        else:
            shown.append(item)
    return tuple(shown)


def _children(items: tuple[PlanItem, ...], parent: str, kind: str) -> list[PlanItem]:
    return [i for i in items if i.parent_uid == parent and i.kind == kind]


def _problem(item: PlanItem, items: tuple[PlanItem, ...], standing: PlanStanding,
             clinical: bool) -> Problem:
    return Problem(
        text=item.text,
        status=words.PROBLEM_STATUS.get(item.status, ""),  # type: ignore[call-overload]
        goals=tuple(_goal(g, items, standing, clinical)
                    for g in _children(items, item.uid, PlanItemKind.GOAL)),
        interventions=tuple(_intervention(i, standing, clinical) for i in
                            _children(items, item.uid, PlanItemKind.INTERVENTION)),
    )


def _goal(item: PlanItem, items: tuple[PlanItem, ...], standing: PlanStanding,
          clinical: bool) -> Goal:
    achievement = standing.achievements.get(item.uid) or GoalAchievement.IN_PROGRESS
    lines = (
        Line("How we will know", item.measure or ""),
        Line("Aim", item.target or ""),
        Line("By", words.day(item.target_on)),
        Line("Progress", words.ACHIEVEMENT.get(achievement, "")),  # type: ignore[call-overload]
        Line("Status", words.GOAL_STATUS.get(item.status, "")),  # type: ignore[call-overload]
    )
    return Goal(
        text=item.text, client_words=item.client_words or "",
        lines=tuple(line for line in lines if line.text),
        interventions=tuple(_intervention(i, standing, clinical) for i in
                            _children(items, item.uid, PlanItemKind.INTERVENTION)),
    )


def _intervention(item: PlanItem, standing: PlanStanding, clinical: bool) -> Intervention:
    status = words.INTERVENTION_STATUS.get(item.status, "")  # type: ignore[call-overload]
    last = standing.last_done.get(item.uid)
    lines = (
        Line("Who", words.who(item.owner_kind, item.owner_name, clinical)),
        Line("When", words.when(item.frequency, next_due(item, last))),
        Line("Last done", words.day(last)),
        Line("Status", status),
    )
    return Intervention(item.text, tuple(line for line in lines if line.text))


def _sections(plan: Plan, keys, clinical: bool) -> tuple[Section, ...]:
    headings = SECTION_LABELS if clinical else words.SECTION_HEADINGS
    return tuple(Section(headings[PlanSection(key)], plan.section(key))
                 for key in keys if plan.section(key).strip())


def _medicine(medication: Any) -> str:
    return " ".join(p for p in (medication.name, medication.dose, medication.frequency) if p)


def _person(member: Any) -> Person:
    role = member.role or ""
    if member.organisation:
        role = f"{role}, {member.organisation}" if role else member.organisation
    return Person(member.name, role, member.phone or "", member.email or "")
