"""Assessments in the database: start, save a draft as you go, resume, complete with scores,
and read earlier results for comparison and trends."""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select

from carecli.assessment.answers import SAFETY_SECTION, check_answers, check_position
from carecli.clinical import SAFETY_FLAGS, SafetyTrigger, Score, instrument, safety_triggers
from carecli.data.audit import record_change
from carecli.data.clients import apply_risk
from carecli.data.db import Database
from carecli.data.errors import CareDataError, ChangedElsewhere, InvalidInput, NotFound
from carecli.data.inputs import RiskDecision, validate
from carecli.data.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentScore,
    Client,
    ContactLog,
    Medication,
    SafetyFinding,
)
from carecli.data.types import utcnow
from carecli.domain.history import local_date


@dataclass(frozen=True)
class Draft:
    id: int
    client_id: int
    kind: str
    steps: tuple[str, ...]
    current_step: str | None
    position: int
    answers: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class OpenFinding:
    """A safety finding still waiting for a noted follow-up."""

    id: int
    flag: str
    instrument_id: str
    answers: dict[str, Any]
    found_at: datetime
    action_note: str | None
    assessment_id: int | None


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
               position: int, saved: dict[str, dict[str, Any]] | None = None,
               client_id: int | None = None) -> list[str]:
    """Replace the draft's answers with `answers` and remember where the wizard is. A safety
    finding among them is kept from this moment on, in its own row (it outlives the draft).
    `saved`, when given, is what this window last read or saved: if the stored answers differ
    (the draft was answered in another window meanwhile) the answers are not saved. Nor are
    they when the draft was finished or discarded meanwhile. Either way their safety findings
    are still kept (for the client `client_id` when the draft is gone) before the refusal is
    raised. Returns the draft's safety flags still waiting for a note of the action taken."""
    answers = _checked(answers)
    try:
        position = check_position(position)
    except ValueError as exc:
        raise InvalidInput({"position": str(exc)}) from None
    refusal: CareDataError | None = None
    with db.write() as session:
        row = session.get(Assessment, assessment_id)
        if row is None or row.status != "draft":
            refusal = NotFound("That assessment is no longer in progress (finished or "
                               "discarded in another window); a safety finding in your answers "
                               "is kept on the record.")
        elif _changed_since(session, assessment_id, saved):
            refusal = ChangedElsewhere(ANSWERED_ELSEWHERE)
        else:
            _replace_answers(session, assessment_id, answers)
            row.current_step = str(position)
        findings = _keep_findings(session, row, answers, client_id=client_id)
    if refusal is not None:
        raise refusal
    return [f.flag for f in findings if f.action_note is None]


def _replace_answers(session, assessment_id: int, answers: dict[str, dict[str, Any]]) -> None:
    session.execute(delete(AssessmentAnswer).where(
        AssessmentAnswer.assessment_id == assessment_id))
    for section, items in answers.items():
        for item_id, value in items.items():
            if value is not None:
                session.add(AssessmentAnswer(assessment_id=assessment_id, instrument_id=section,
                                             item_id=item_id, value=value))


def _stored_answers(session, assessment_id: int) -> dict[str, dict[str, Any]]:
    answers: dict[str, dict[str, Any]] = {}
    for a in session.scalars(select(AssessmentAnswer).where(
            AssessmentAnswer.assessment_id == assessment_id)):
        answers.setdefault(a.instrument_id, {})[a.item_id] = a.value
    return answers


ANSWERED_ELSEWHERE = (
    "This assessment was answered in another window since this one last saved it, so your "
    "answers were not saved (a safety finding among them is kept); leave it (escape) and start "
    "the assessment again to resume it as it is now.")


def _changed_since(session, assessment_id: int, saved: dict[str, dict[str, Any]] | None
                   ) -> bool:
    """Whether the stored answers differ from `saved` (what this window last saved)."""
    if saved is None:
        return False
    expected = {s: {k: v for k, v in items.items() if v is not None}
                for s, items in saved.items()}
    expected = {s: items for s, items in expected.items() if items}
    return _as_stored(_stored_answers(session, assessment_id)) != _as_stored(expected)


def _as_stored(answers: dict[str, dict[str, Any]]) -> Any:
    """Answers as their JSON column holds them (a tuple and a list are the same answer)."""
    return json.loads(json.dumps(answers, sort_keys=True))


def _checked(answers: Any) -> dict[str, dict[str, Any]]:
    try:
        return check_answers(answers)
    except ValueError as exc:
        raise InvalidInput({"answers": str(exc)}) from None


def _keep_findings(session, row: Assessment | None, answers: dict[str, dict[str, Any]],
                   scores: dict[str, Score] | None = None, client_id: int | None = None
                   ) -> list[SafetyFinding]:
    """Store each safety finding of `answers` (and any safety flag the `scores` carry) not
    stored yet, and the notes written for them; returns every finding of the assessment.
    With `row` None (the assessment was discarded) they are kept for `client_id` alone."""
    assessment_id = row.id if row is not None else None
    client_id = row.client_id if row is not None else client_id
    if client_id is None:
        return []
    stored = {} if row is None else {f.flag: f for f in session.scalars(
        select(SafetyFinding).where(SafetyFinding.assessment_id == row.id))}
    triggers = safety_triggers(answers)
    for instrument_id, result in (scores or {}).items():
        triggers += [SafetyTrigger(flag, instrument_id, ()) for flag in SAFETY_FLAGS
                     if (flag in result.flags or flag in result.domains)
                     and flag not in {t.flag for t in triggers}]
    for trigger in triggers:
        if trigger.flag not in stored:
            finding = SafetyFinding(client_id=client_id, assessment_id=assessment_id,
                                    flag=trigger.flag, instrument_id=trigger.instrument_id,
                                    answers=dict(trigger.answers))
            session.add(finding)
            stored[trigger.flag] = finding
            record_change(session, action="safety", entity="assessment",
                          entity_id=assessment_id, client_id=client_id,
                          summary=f"safety finding: {trigger.flag}")
    for flag, note in answers.get(SAFETY_SECTION, {}).items():
        finding = stored.get(flag)
        if finding is not None and finding.action_note is None:
            finding.action_note = note
            finding.noted_at = utcnow()
    session.flush()
    return list(stored.values())


def note_safety_action(*, db: Database, client_id: int, flag: str, note: str,
                       assessment_id: int | None = None) -> None:
    """Keep the note of what was done at once for a safety finding, whatever became of its
    assessment meanwhile (completed or discarded in another window): the finding of
    `assessment_id` with that flag, else the client's newest finding of that flag without a
    note."""
    try:
        note = check_answers({SAFETY_SECTION: {flag: note}})[SAFETY_SECTION][flag]
    except ValueError as exc:
        raise InvalidInput({"note": str(exc)}) from None
    with db.write() as session:
        found = select(SafetyFinding).where(SafetyFinding.client_id == client_id,
                                            SafetyFinding.flag == flag)
        finding = None
        if assessment_id is not None:
            finding = session.scalars(found.where(
                SafetyFinding.assessment_id == assessment_id)).first()
        if finding is None:
            finding = session.scalars(found.where(SafetyFinding.action_note.is_(None))
                                      .order_by(SafetyFinding.id.desc())).first()
        if finding is None:
            raise NotFound("That safety finding is not on the record any more.")
        if finding.action_note is None:
            finding.action_note = note
            finding.noted_at = utcnow()
            record_change(session, action="safety", entity="assessment",
                          entity_id=finding.assessment_id, client_id=client_id,
                          summary=f"action noted: {flag}")


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
        answers = _stored_answers(session, row.id)
        return Draft(row.id, row.client_id, row.kind, tuple(row.steps), row.current_step,
                     int(row.current_step or 0), answers)


def discard_draft(*, db: Database, assessment_id: int) -> list[str]:
    """Delete a draft and its answers, except its safety findings: those are kept with the
    answers that raised them (a disclosure is never lost). Returns the flags kept."""
    with db.write() as session:
        row = _draft(session, assessment_id)
        kept = sorted(session.scalars(select(SafetyFinding.flag).where(
            SafetyFinding.assessment_id == row.id)))
        summary = "draft discarded" + (f"; safety findings kept: {', '.join(kept)}"
                                       if kept else "")
        record_change(session, action="delete", entity="assessment", entity_id=row.id,
                      client_id=row.client_id, summary=summary)
        session.delete(row)
        return kept


def complete_assessment(
    *,
    db: Database,
    assessment_id: int,
    answers: dict[str, dict[str, Any]],
    scores: dict[str, Score],
    risk: dict[str, Any] | None = None,
    reconciled: bool = False,
    today: date | None = None,
    saved: dict[str, dict[str, Any]] | None = None,
) -> None:
    """Store the final answers, every score with its instrument version and, when `risk` is
    given (`risk_tier`, `risk_reason`, `by_hand`), the risk tier decided: one transaction, so
    a failure leaves the draft exactly as it was. `saved`: as for `save_draft`."""
    answers = _checked(answers)
    decision = validate(RiskDecision, risk) if risk is not None else None
    with db.write() as session:
        row = _draft(session, assessment_id)
        stale = _changed_since(session, assessment_id, saved)
        if stale:  # not finished over another window's answers; its safety findings are kept
            _keep_findings(session, row, answers, scores)
        else:
            _finish(session, row, answers, scores, decision, reconciled, today)
    if stale:
        raise ChangedElsewhere(ANSWERED_ELSEWHERE)


def _finish(session, row: Assessment, answers: dict[str, dict[str, Any]],
            scores: dict[str, Score], decision: RiskDecision | None, reconciled: bool,
            today: date | None) -> None:
    """Complete `row` inside the caller's transaction (see `complete_assessment`)."""
    assessment_id = row.id
    _replace_answers(session, assessment_id, answers)
    _keep_findings(session, row, answers, scores)
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
    if decision is not None:
        apply_risk(session, row.client_id, decision)
    record_change(session, action="complete", entity="assessment", entity_id=row.id,
                  client_id=row.client_id,
                  summary=", ".join(f"{k} {v.total}" for k, v in scores.items()))


def open_findings(*, db: Database, client_id: int) -> list[OpenFinding]:
    """The client's safety findings not yet followed up by a reached contact with a note,
    newest first (findings of drafts and of discarded drafts included)."""
    with db.read() as session:
        rows = session.scalars(
            select(SafetyFinding).where(SafetyFinding.client_id == client_id)
            .order_by(SafetyFinding.found_at.desc(), SafetyFinding.id.desc())).all()
        followed = session.scalar(select(func.max(ContactLog.occurred_at)).where(
            ContactLog.client_id == client_id, ContactLog.successful.is_(True),
            ContactLog.note.is_not(None), ContactLog.note != ""))
    return [OpenFinding(f.id, f.flag, f.instrument_id, dict(f.answers or {}), f.found_at,
                        f.action_note, f.assessment_id)
            for f in rows if followed is None or followed <= f.found_at]


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
    lace: Any = None
    """The `StayLace` of the latest discharge within 30 days, when its LACE was scored."""


def risk_context(*, db: Database, client_id: int, today: date) -> RiskContext:
    from sqlalchemy import func

    from carecli.clinical.people import recently_discharged
    from carecli.data.models import Condition, HospitalStay
    from carecli.data.stays import latest_lace

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
        lace = latest_lace(session, client_id, today)
    six_months_ago = today.toordinal() - 182
    admissions = sum(1 for kind, admitted, _ in stays
                     if kind == "inpatient" and admitted.toordinal() >= six_months_ago)
    recent = any(recently_discharged(left, today) for _, _, left in stays)
    return RiskContext(chronic, admissions, recent, client.risk_tier, client.risk_set_by_hand,
                       lace)


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
