"""Everything the client record shows, read at once and returned as frozen plain objects."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from carecli.data.assessments import (
    OpenFinding,
    PastResult,
    find_draft,
    open_findings,
    score_history,
)
from carecli.data.converters import freeze
from carecli.data.db import Database
from carecli.data.entries import ENTRY_KINDS
from carecli.data.errors import NotFound
from carecli.data.models import (
    Appointment,
    Assessment,
    AssessmentScore,
    CarePlan,
    Client,
    ContactLog,
    HospitalStay,
    Referral,
    ReferralEvent,
    StatusChange,
)
from carecli.domain.enums import label
from carecli.domain.history import HistoryEvent, local_date, score_words, timeline
from carecli.domain.referrals import status_words


@dataclass(frozen=True)
class ClientRecord:
    """Frozen: `client` and each entry are frozen copies of their rows (`converters.freeze`)."""

    client: Any
    entries: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    history: tuple[HistoryEvent, ...] = ()
    stays: tuple[Any, ...] = ()
    results: Mapping[str, tuple[PastResult, ...]] = field(default_factory=dict)
    """Completed results per instrument, oldest first (for the trend)."""
    draft_kind: str | None = None
    """The kind of the assessment in progress, if one is."""
    findings: tuple[OpenFinding, ...] = ()
    """Safety findings waiting for a noted follow-up, newest first."""


def load_record(*, db: Database, client_id: int) -> ClientRecord:
    with db.read() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound(f"Client {client_id} no longer exists.")
        entries = {
            kind: session.scalars(
                select(spec.table)
                .where(spec.table.client_id == client_id)
                .order_by(*spec.order_by)
            ).all()
            for kind, spec in ENTRY_KINDS.items()
        }
        stays = session.scalars(
            select(HospitalStay)
            .where(HospitalStay.client_id == client_id)
            .order_by(HospitalStay.admitted_on.desc())
        ).all()
        history = timeline(_events(session, client, stays))
    draft = find_draft(db=db, client_id=client_id)
    return freeze(ClientRecord(
        client=client, entries=entries, history=history, stays=stays,
        results=score_history(db=db, client_id=client_id),
        draft_kind=draft.kind if draft else None,
        findings=open_findings(db=db, client_id=client_id),
    ))


def _score_words(s: AssessmentScore) -> str:
    return score_words(s.instrument_id, s.total, s.band, s.flags or ())


def _events(session, client: Client, stays: list[HospitalStay]) -> list[HistoryEvent]:
    client_id = client.id
    events = [
        HistoryEvent(on=client.enrolled_on, kind="status", title="Enrolled in care management")
    ]
    for c in session.scalars(select(ContactLog).where(ContactLog.client_id == client_id)):
        who = f" with {c.with_whom}" if c.with_whom else ""
        if c.successful is None:  # communication with the care team about the client
            who += " (care team)"
        events.append(
            HistoryEvent(
                on=local_date(c.occurred_at), kind="contact", at=c.occurred_at,
                title=f"{label(c.mode)}{who}: {label(c.outcome).lower()}",
                detail=c.note or "", minutes=c.minutes,
            )
        )
    for s in session.scalars(select(StatusChange).where(StatusChange.client_id == client_id)):
        events.append(
            HistoryEvent(
                on=s.effective_on, kind="status", at=s.changed_at,
                title=f"Status {label(s.from_status).lower()} → {label(s.to_status).lower()}",
                detail=s.reason or "",
            )
        )
    for stay in stays:
        events.append(
            HistoryEvent(on=stay.admitted_on, kind="hospital",
                         title=f"Admitted ({label(stay.kind).lower()}) to {stay.facility}",
                         detail=stay.reason or "")
        )
        if stay.discharged_on:
            events.append(
                HistoryEvent(on=stay.discharged_on, kind="hospital",
                             title=f"Discharged from {stay.facility}")
            )
        for day, step in ((stay.med_rec_on, "Medication reconciliation"),
                          (stay.visit_on, "Face-to-face visit")):
            if day is not None:
                events.append(HistoryEvent(
                    on=day, kind="hospital",
                    title=f"TCM: {step} done after the discharge "
                          f"from {stay.facility}"))
    completed = select(Assessment).where(
        Assessment.client_id == client_id, Assessment.status == "completed"
    )
    for a in session.scalars(completed):
        scores = session.scalars(select(AssessmentScore).where(
            AssessmentScore.assessment_id == a.id)).all()
        events.append(
            HistoryEvent(on=local_date(a.completed_at or a.started_at), kind="assessment",
                         at=a.completed_at,
                         title=f"Assessment completed ({label(a.kind).lower()})",
                         detail="; ".join(_score_words(s) for s in scores))
        )
    for p in session.scalars(select(CarePlan).where(CarePlan.client_id == client_id)):
        events.append(
            HistoryEvent(on=local_date(p.created_at), kind="care_plan", at=p.created_at,
                         title=f"Care plan version {p.version} ({label(p.status).lower()})")
        )
    for a in session.scalars(select(Appointment).where(Appointment.client_id == client_id)):
        events.append(
            HistoryEvent(on=local_date(a.starts_at), kind="appointment", at=a.starts_at,
                         title=f"Appointment with {a.with_whom}: {label(a.status).lower()}",
                         detail=a.outcome_note or a.purpose or "")
        )
    referrals = {}
    for r in session.scalars(select(Referral).where(Referral.client_id == client_id)):
        referrals[r.id] = r.to_whom
        events.append(
            HistoryEvent(on=r.made_on, kind="referral",
                         title=f"Referral to {r.to_whom} ({label(r.status).lower()})",
                         detail=r.reason or "")
        )
    for e in session.scalars(select(ReferralEvent).where(  # each status change, dated
            ReferralEvent.client_id == client_id, ReferralEvent.from_status.is_not(None))):
        events.append(
            HistoryEvent(on=e.changed_on, kind="referral",
                         title=f"Referral to {referrals.get(e.referral_id, '?')}: "
                         f"{status_words(e.from_status)} → {status_words(e.to_status)}",
                         detail=e.note or "")
        )
    return events
