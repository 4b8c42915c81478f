"""Assessments in the database: start, save a draft as you go, resume, complete with scores,
and read earlier results for comparison and trends."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, select

from carecli.clinical import Score, instrument
from carecli.data.audit import record_change
from carecli.data.db import Database
from carecli.data.errors import NotFound
from carecli.data.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentScore,
    Client,
    Medication,
)
from carecli.data.types import utcnow
from carecli.domain.history import local_date


@dataclass
class Draft:
    id: int
    client_id: int
    kind: str
    steps: list[str]
    current_step: str | None
    position: int
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class PastResult:
    on: date
    score: Score


def start_assessment(*, db: Database, client_id: int, kind: str, steps: list[str]) -> int:
    with db.write() as session:
        if session.get(Client, client_id) is None:
            raise NotFound(f"Client {client_id} no longer exists.")
        row = Assessment(client_id=client_id, kind=kind, steps=steps, status="draft")
        session.add(row)
        session.flush()
        record_change(session, action="create", entity="assessment", entity_id=row.id,
                      client_id=client_id, summary=kind)
        return row.id


def save_draft(*, db: Database, assessment_id: int, answers: dict[str, dict[str, Any]],
               position: int) -> None:
    """Replace the draft's answers with `answers` and remember where the wizard is."""
    with db.write() as session:
        row = _draft(session, assessment_id)
        _replace_answers(session, assessment_id, answers)
        row.current_step = str(position)


def _replace_answers(session, assessment_id: int, answers: dict[str, dict[str, Any]]) -> None:
    session.execute(delete(AssessmentAnswer).where(
        AssessmentAnswer.assessment_id == assessment_id))
    for section, items in answers.items():
        for item_id, value in items.items():
            if value is not None:
                session.add(AssessmentAnswer(assessment_id=assessment_id, instrument_id=section,
                                             item_id=item_id, value=value))


def find_draft(*, db: Database, client_id: int) -> Draft | None:
    """The client's assessment in progress, if any (the newest)."""
    with db.read() as session:
        row = session.scalars(
            select(Assessment).where(Assessment.client_id == client_id,
                                     Assessment.status == "draft")
            .order_by(Assessment.id.desc())
        ).first()
        if row is None:
            return None
        answers: dict[str, dict[str, Any]] = {}
        for a in session.scalars(select(AssessmentAnswer).where(
                AssessmentAnswer.assessment_id == row.id)):
            answers.setdefault(a.instrument_id, {})[a.item_id] = a.value
        return Draft(row.id, row.client_id, row.kind, list(row.steps), row.current_step,
                     int(row.current_step or 0), answers)


def discard_draft(*, db: Database, assessment_id: int) -> None:
    with db.write() as session:
        row = _draft(session, assessment_id)
        record_change(session, action="delete", entity="assessment", entity_id=row.id,
                      client_id=row.client_id, summary="draft discarded")
        session.delete(row)


def complete_assessment(
    *,
    db: Database,
    assessment_id: int,
    answers: dict[str, dict[str, Any]],
    scores: dict[str, Score],
    reconciled: bool = False,
    today: date | None = None,
) -> None:
    """Store the final answers and every score with its instrument version, in one go."""
    with db.write() as session:
        row = _draft(session, assessment_id)
        _replace_answers(session, assessment_id, answers)
        for instrument_id, result in scores.items():
            session.add(AssessmentScore(
                assessment_id=assessment_id, instrument_id=instrument_id,
                instrument_version=instrument(instrument_id).version, total=result.total,
                band=result.band, positive=result.positive, flags=sorted(result.flags),
                domains=list(result.domains),
            ))
        row.status = "completed"
        row.completed_at = utcnow()
        row.current_step = None
        if reconciled:
            for med in session.scalars(select(Medication).where(
                    Medication.client_id == row.client_id, Medication.stopped_on.is_(None))):
                med.last_reconciled_on = today or date.today()
        record_change(session, action="complete", entity="assessment", entity_id=row.id,
                      client_id=row.client_id,
                      summary=", ".join(f"{k} {v.total}" for k, v in scores.items()))


def latest_results(*, db: Database, client_id: int, before: int | None = None
                   ) -> dict[str, PastResult]:
    """Each instrument's most recent completed result (before assessment `before`, if given)."""
    found: dict[str, PastResult] = {}
    for instrument_id, results in score_history(db=db, client_id=client_id,
                                                before=before).items():
        found[instrument_id] = results[-1]
    return found


def score_history(*, db: Database, client_id: int, before: int | None = None
                  ) -> dict[str, list[PastResult]]:
    """Every completed result per instrument, oldest first (for trends)."""
    query = (
        select(Assessment.id, Assessment.completed_at, AssessmentScore)
        .join(AssessmentScore, AssessmentScore.assessment_id == Assessment.id)
        .where(Assessment.client_id == client_id, Assessment.status == "completed")
        .order_by(Assessment.completed_at, Assessment.id)
    )
    if before is not None:
        query = query.where(Assessment.id < before)
    history: dict[str, list[PastResult]] = {}
    with db.read() as session:
        for _aid, completed_at, s in session.execute(query).all():
            history.setdefault(s.instrument_id, []).append(PastResult(
                local_date(completed_at),
                Score(s.total, s.band, s.positive, frozenset(s.flags or ()),
                      tuple(s.domains or ())),
            ))
    return history


@dataclass(frozen=True)
class RiskContext:
    """What the suggested risk tier weighs from the record, beside the scores."""

    chronic_conditions: int
    admissions_last_6_months: int
    recent_discharge: bool
    tier: str
    set_by_hand: bool


def risk_context(*, db: Database, client_id: int, today: date) -> RiskContext:
    from sqlalchemy import func

    from carecli.clinical.people import recently_discharged
    from carecli.data.models import Condition, HospitalStay

    with db.read() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound(f"Client {client_id} no longer exists.")
        chronic = session.scalar(select(func.count()).select_from(Condition).where(
            Condition.client_id == client_id, Condition.chronic.is_(True),
            Condition.status == "active")) or 0
        stays = session.execute(select(HospitalStay.kind, HospitalStay.admitted_on,
                                       HospitalStay.discharged_on)
                                .where(HospitalStay.client_id == client_id)).all()
    six_months_ago = today.toordinal() - 182
    admissions = sum(1 for kind, admitted, _ in stays
                     if kind == "inpatient" and admitted.toordinal() >= six_months_ago)
    recent = any(recently_discharged(left, today) for _, _, left in stays)
    return RiskContext(chronic, admissions, recent, client.risk_tier, client.risk_set_by_hand)


def current_medications(*, db: Database, client_id: int) -> list[tuple[int, str]]:
    with db.read() as session:
        return [tuple(r) for r in session.execute(
            select(Medication.id, Medication.name).where(
                Medication.client_id == client_id, Medication.stopped_on.is_(None))
            .order_by(Medication.name)).all()]


def _draft(session, assessment_id: int) -> Assessment:
    row = session.get(Assessment, assessment_id)
    if row is None or row.status != "draft":
        raise NotFound("That assessment is no longer in progress.")
    return row
