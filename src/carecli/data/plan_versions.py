"""A care plan's versions: start a draft (the one there is, else a copy of the active plan with
every item's uid kept, else a first plan), finalise it (the active plan before it becomes
superseded) and discard a draft never given to anyone. Each is one transaction with an audit
row; the client's row is locked first, so two windows starting or finalising at once take
turns.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from carecli.clinical.cadence import plan_review_days
from carecli.clinical.dates import days_after
from carecli.data.audit import record_change
from carecli.data.db import Database
from carecli.data.errors import InvalidInput, NotFound
from carecli.data.inputs import validate
from carecli.data.lenient_rows import lenient_rows
from carecli.data.models import CarePlan, CarePlanCopy, CarePlanItem, CarePlanSection, Client
from carecli.data.plan_edits import put_contents
from carecli.data.plan_inputs import FinaliseInput
from carecli.data.plan_prefill import section_texts
from carecli.data.plans import locked_draft, readable, whole_plan
from carecli.data.types import utcnow
from carecli.domain.care_plan import Plan
from carecli.domain.enums import (
    FREQUENCY_DAYS,
    OPEN_INTERVENTION_STATUSES,
    CarePlanStatus,
    PlanItemKind,
)
from carecli.domain.plan_diff import change_sentences, diff_plans


def start_draft(*, db: Database, client_id: int, today: date) -> Plan:
    """The client's draft: the one being edited, else a new one copied from the active plan,
    else plan 1 with its next review by the client's risk tier and its sections prefilled from
    the record and the latest assessment."""
    with db.write() as session:
        client = _locked_client(session, client_id)
        draft = _read_plan_with(session, client_id, CarePlanStatus.DRAFT)
        if draft is not None:
            return whole_plan(session, draft)
        active = _read_plan_with(session, client_id, CarePlanStatus.ACTIVE)
        number = session.scalar(select(func.max(CarePlan.number))
                                .where(CarePlan.client_id == client_id)) or 0
        draft = CarePlan(client_id=client_id, number=number + 1,
                         status=CarePlanStatus.DRAFT)
        session.add(draft)
        session.flush()
        if active is not None:
            put_contents(session, draft, whole_plan(session, active))
        else:
            draft.review_due_on = _next_review(client, today)
            for key, body in section_texts(session, client_id, today).items():
                session.add(CarePlanSection(care_plan_id=draft.id, key=key, body=body))
        session.flush()
        record_change(session, action="start_draft", entity="care_plan", entity_id=draft.id,
                      client_id=client_id, summary=f"plan {draft.number} from "
                      f"{'plan ' + str(active.number) if active else 'nothing'}")
        return whole_plan(session, draft)


def finalise(*, db: Database, plan_id: int, version: int, by: str, note: str | None,
             today: date, now: datetime | None = None) -> Plan:
    """Make the draft the client's active plan, by whom and with a note; the active plan before
    it becomes superseded, and what changed since it is kept in sentences. A review date not
    after today moves to the default by risk tier, and a repeating intervention with no date
    starts today (with none it would never fall due)."""
    data = validate(FinaliseInput, {"by": by, "note": note})
    with db.write() as session:
        client_id = session.scalar(select(CarePlan.client_id).where(CarePlan.id == plan_id))
        client = _locked_client(session, client_id) if client_id is not None else None
        plan = locked_draft(session, plan_id, version)  # (the client first, as start_draft)
        with readable():
            previous = session.scalars(select(CarePlan).where(
                CarePlan.client_id == plan.client_id,
                CarePlan.status == CarePlanStatus.ACTIVE)).first()
            if previous is not None:
                previous.status = CarePlanStatus.SUPERSEDED
                session.flush()  # one active plan per client, at every moment
            if plan.review_due_on is None or plan.review_due_on <= today:
                plan.review_due_on = _next_review(client, today)
            _start_undated(session, plan.id, today)
        plan.status = CarePlanStatus.ACTIVE
        plan.finalised_at = now or utcnow()
        plan.finalised_by = data.by
        plan.change_note = data.note
        plan.updated_at = utcnow()
        session.flush()
        if previous is not None:
            older, newer = whole_plan(session, previous), whole_plan(session, plan)
            plan.changes = list(change_sentences(diff_plans(older, newer), newer, older))
            session.flush()
        record_change(session, action="finalise", entity="care_plan", entity_id=plan.id,
                      client_id=plan.client_id, summary=f"plan {plan.number} active"
                      + (f", plan {previous.number} superseded" if previous else ""))
        return whole_plan(session, plan)


def _start_undated(session, plan_id: int, today: date) -> None:
    """Open repeating interventions with no due date are first due on `today`."""
    for item in session.scalars(select(CarePlanItem).where(
            CarePlanItem.care_plan_id == plan_id,
            CarePlanItem.kind == PlanItemKind.INTERVENTION,
            CarePlanItem.due_on.is_(None),
            CarePlanItem.frequency.in_([str(f) for f in FREQUENCY_DAYS]),
            CarePlanItem.status.in_([str(s) for s in OPEN_INTERVENTION_STATUSES]))):
        item.due_on = today


def discard_draft(*, db: Database, plan_id: int, version: int) -> None:
    """Throw a draft away; refused when a copy of it was given to someone."""
    with db.write() as session:
        plan = locked_draft(session, plan_id, version)
        given = session.scalar(select(func.count()).select_from(CarePlanCopy)
                               .where(CarePlanCopy.care_plan_id == plan_id))
        if given:
            raise InvalidInput({"plan": "A copy of this draft was given to the client or "
                                        "family, so it is kept: finalise it instead."})
        session.delete(plan)
        session.flush()
        record_change(session, action="discard_draft", entity="care_plan", entity_id=plan_id,
                      client_id=plan.client_id, summary=f"plan {plan.number} discarded")


def _locked_client(session, client_id: int) -> Client:
    client = session.get(Client, client_id, with_for_update=True)
    if client is None:
        raise NotFound(f"Client {client_id} no longer exists.")
    return client


def _read_plan_with(session, client_id: int, status: CarePlanStatus) -> Any:
    """The client's plan of `status` as stored (read leniently), or None."""
    rows = lenient_rows(session, CarePlan, CarePlan.client_id == client_id,
                        CarePlan.status == status)
    return rows[0] if rows else None


def _next_review(client: Client, today: date) -> date:
    return days_after(today, plan_review_days(client.risk_tier))
