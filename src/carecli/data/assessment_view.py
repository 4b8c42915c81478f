"""One completed assessment as the care manager reads it afterwards: each section's questions
as worded, the answers as worded (option labels, not codes), scores, safety findings with the
note of what was done, and the free-text answers in full. Plain frozen objects only."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from carecli.assessment.sections import (
    INTAKE_STEPS,
    SECTION_TITLES,
    STATIC_SECTIONS,
    focused_steps,
    medication_items,
)
from carecli.clinical.instruments import INSTRUMENTS
from carecli.clinical.instruments.model import Item
from carecli.data.db import Database
from carecli.data.errors import NotFound
from carecli.data.models import Assessment, AssessmentAnswer, AssessmentScore, Medication
from carecli.domain.history import local_date

SHARED_WITH_PHQ2 = ("1", "2")
"""In the mood step PHQ-9's first two answers are the PHQ-2's (asked once)."""


@dataclass(frozen=True)
class AnswerView:
    question: str
    answer: str
    """The answer as worded; "" when the question was left unanswered."""
    free_text: bool = False


@dataclass(frozen=True)
class ScoreView:
    total: int | None
    band: str | None
    positive: bool
    flags: tuple[str, ...]


@dataclass(frozen=True)
class SectionView:
    id: str
    title: str
    answers: tuple[AnswerView, ...]
    score: ScoreView | None = None


@dataclass(frozen=True)
class SafetyView:
    flag: str
    note: str
    """What the care manager did; "" when no note was written."""


@dataclass(frozen=True)
class AssessmentView:
    id: int
    kind: str
    completed_on: date
    sections: tuple[SectionView, ...]
    safety: tuple[SafetyView, ...]


@dataclass(frozen=True)
class AssessmentListing:
    """One line of the record's list of completed assessments."""

    id: int
    kind: str
    completed_on: date
    instruments: tuple[str, ...]
    flags: tuple[str, ...]


def completed_assessments(*, db: Database, client_id: int) -> list[AssessmentListing]:
    """The client's completed assessments, newest first."""
    with db.read() as session:
        rows = session.scalars(select(Assessment).where(
            Assessment.client_id == client_id, Assessment.status == "completed")
            .order_by(Assessment.completed_at.desc(), Assessment.id.desc())).all()
        scores: dict[int, list[AssessmentScore]] = {}
        for s in session.scalars(select(AssessmentScore).where(
                AssessmentScore.assessment_id.in_([r.id for r in rows]))
                .order_by(AssessmentScore.id)):
            scores.setdefault(s.assessment_id, []).append(s)
        return [
            AssessmentListing(
                r.id, r.kind, local_date(r.completed_at or r.started_at),
                tuple(s.instrument_id for s in scores.get(r.id, ())),
                tuple(sorted({f for s in scores.get(r.id, ()) for f in s.flags or ()})),
            )
            for r in rows
        ]


def read_assessment(*, db: Database, assessment_id: int) -> AssessmentView:
    """A completed assessment answer by answer, in the order it was asked."""
    with db.read() as session:
        row = session.get(Assessment, assessment_id)
        if row is None or row.status != "completed":
            raise NotFound("That assessment is not there any more.")
        answers: dict[str, dict[str, Any]] = {}
        for a in session.scalars(select(AssessmentAnswer).where(
                AssessmentAnswer.assessment_id == assessment_id)):
            answers.setdefault(a.instrument_id, {})[a.item_id] = a.value
        scores = {s.instrument_id: ScoreView(s.total, s.band, s.positive, tuple(s.flags or ()))
                  for s in session.scalars(select(AssessmentScore).where(
                      AssessmentScore.assessment_id == assessment_id))}
        med_ids = [int(k[4:]) for k in answers.get("medications", {})
                   if k.startswith("med_") and k[4:].isdigit()]
        medications = {m.id: m.name for m in session.scalars(
            select(Medication).where(Medication.id.in_(med_ids)))}
        kind, steps = row.kind, list(row.steps)
        completed_on = local_date(row.completed_at or row.started_at)
    sections = []
    for section in _section_order(steps, answers, scores):
        items = _items(section, answers.get(section, {}), medications)
        given = dict(answers.get(section, {}))
        if section == "phq9" and "phq2" in answers:
            given = {**{k: answers["phq2"][k] for k in SHARED_WITH_PHQ2
                        if k in answers["phq2"]}, **given}
        sections.append(SectionView(
            section, _title(section),
            tuple(AnswerView(item.text, _worded(item, given.get(item.id)), item.kind == "text")
                  for item in items),
            scores.get(section),
        ))
    notes = answers.get("safety", {})
    flagged = [f for s in scores.values() for f in s.flags]
    safety = tuple(SafetyView(flag, str(notes.get(flag) or ""))
                   for flag in dict.fromkeys([*notes, *flagged]))
    return AssessmentView(assessment_id, kind, completed_on, tuple(sections), safety)


def _section_order(steps: list[str], answers: dict, scores: dict) -> list[str]:
    """The sections asked, in the wizard's order, that hold an answer or a score."""
    try:
        plan = INTAKE_STEPS if steps == ["intake"] else focused_steps(steps)
        ordered = [s for step in plan for s in step.sections]
    except ValueError:  # steps of an older version: keep what is stored
        ordered = []
    ordered += [s for s in [*answers, *scores] if s not in ordered and s != "safety"]
    return [s for s in dict.fromkeys(ordered) if answers.get(s) or s in scores]


def _items(section: str, given: dict[str, Any], medications: dict[int, str]
           ) -> tuple[Item, ...]:
    if section in INSTRUMENTS:
        return INSTRUMENTS[section].items
    if section == "medications":
        asked = [(int(k[4:]), medications.get(int(k[4:]), "A medication no longer on the record"))
                 for k in given if k.startswith("med_") and k[4:].isdigit()]
        return medication_items(asked)
    return STATIC_SECTIONS.get(section, ())


def _title(section: str) -> str:
    if section in INSTRUMENTS:
        return INSTRUMENTS[section].title
    return SECTION_TITLES.get(section, section.replace("_", " ").capitalize())


def _worded(item: Item, value: Any) -> str:
    """An answer as the person chose it: the option's label, never its code."""
    if value is None:
        return ""
    if item.kind == "multi":
        if not value:
            return "None"
        return "; ".join(o.label if (o := item.option(v)) else str(v) for v in value)
    if item.options:
        option = item.option(value)
        return option.label if option else str(value)
    return str(value)
