"""What happens to a plan after it is written: copies given to the client or family, dated
progress notes on goals (by uid, so they follow a goal across versions; a goal's achievement
is its latest note's), and interventions carried out. None of these changes a plan version,
so none bumps a draft's version; each writes an audit row (ids and figures only)."""

from datetime import date
from types import MappingProxyType
from typing import Any

from sqlalchemy import select

from carecli.data.audit import record_change
from carecli.data.db import Database
from carecli.data.errors import InvalidInput, NotFound
from carecli.data.follow_ups import stored_client
from carecli.data.lenient_rows import lenient_rows
from carecli.data.models import (
    CarePlan,
    CarePlanCopy,
    CarePlanItem,
    GoalProgress,
    InterventionDone,
)
from carecli.data.plan_inputs import copy_values, done_values, progress_values
from carecli.data.plan_recipients import not_cleared
from carecli.data.plans import plan_item, stored_plan, whole_plan
from carecli.domain.care_plan import GoalProgressNote, Plan, PlanStanding
from carecli.domain.enums import CarePlanStatus, PlanItemKind
from carecli.domain.plan_outline import next_due


def record_copy(*, db: Database, plan_id: int, values: dict[str, Any], today: date) -> Plan:
    """Keep that a copy of this version was given (`values`: given_on, method, given_to,
    format, and `anyway`: True when the care manager confirmed giving it to a family contact
    the record does not clear to receive health information, which is refused otherwise and
    kept in the audit); returns the plan with its copies."""
    anyway = bool(values.get("anyway"))
    data = copy_values({k: v for k, v in values.items() if k != "anyway"}, today)
    with db.write() as session:
        plan = stored_plan(session, plan_id)
        uncleared = not_cleared(session, plan.client_id, data["given_to"])
        if uncleared and not anyway:
            raise InvalidInput({"given_to": f"{data['given_to']} is not listed as allowed to "
                                "receive health information; confirm to record it anyway."})
        row = CarePlanCopy(care_plan_id=plan_id, **data)
        session.add(row)
        session.flush()
        record_change(session, action="record_copy", entity="care_plan", entity_id=plan_id,
                      client_id=plan.client_id, summary=f"plan {plan.number}: copy {row.id} "
                      f"given {data['given_on']} ({data['method']})" + (
                          "; to a contact not cleared for health information, confirmed"
                          if uncleared else ""))
        return whole_plan(session, plan)


def add_goal_progress(*, db: Database, client_id: int, goal_uid: str, values: dict[str, Any],
                      today: date) -> tuple[GoalProgressNote, ...]:
    """Add a dated progress note on a goal (`values`: noted_on, achievement, note); returns
    the goal's notes, newest first."""
    data = progress_values(values, today)
    with db.write() as session:
        _stored_item(session, client_id, goal_uid, PlanItemKind.GOAL)
        row = GoalProgress(client_id=client_id, goal_uid=goal_uid, **data)
        session.add(row)
        session.flush()
        record_change(session, action="goal_progress", entity="goal_progress",
                      entity_id=row.id, client_id=client_id,
                      summary=f"goal {goal_uid} on {data['noted_on']}: "
                      f"{data['achievement'] or 'no status'}")
        return _notes(session, client_id, goal_uid)


def goal_progress(*, db: Database, client_id: int, goal_uid: str
                  ) -> tuple[GoalProgressNote, ...]:
    with db.read() as session:
        return _notes(session, client_id, goal_uid)


def plan_standing(*, db: Database, client_id: int, today: date) -> PlanStanding:
    """Each goal's achievement status as of its latest note that gave one (goals with none:
    `in-progress`, left out), and the last day each intervention was done by today, by uid
    under any version (as the queue counts it; a day that cannot be read is left out)."""
    with db.read() as session:
        notes = session.execute(select(GoalProgress.goal_uid, GoalProgress.achievement)
                                .where(GoalProgress.client_id == client_id,
                                       GoalProgress.achievement.is_not(None))
                                .order_by(GoalProgress.noted_on, GoalProgress.id)).all()
        done = lenient_rows(session, InterventionDone, InterventionDone.client_id == client_id)
    last: dict[str, date] = {}
    for row in done:
        if row.done_on is not None and row.done_on <= today:
            last[row.intervention_uid] = max(row.done_on, last.get(row.intervention_uid,
                                                                   row.done_on))
    # the latest note of each goal comes last, so it stays
    return PlanStanding(achievements=MappingProxyType(dict(notes)),
                        last_done=MappingProxyType(last))


def intervention_done(*, db: Database, client_id: int, uid: str, done_on: Any,
                      note: str | None, today: date) -> date | None:
    """Keep that an intervention was carried out; returns when it is next due by the active
    plan (None: not again, or not in the active plan)."""
    data = done_values({"done_on": done_on, "note": note}, today)
    with db.write() as session:
        _stored_item(session, client_id, uid, PlanItemKind.INTERVENTION)
        row = InterventionDone(client_id=client_id, intervention_uid=uid, **data)
        session.add(row)
        session.flush()
        record_change(session, action="intervention_done", entity="intervention_done",
                      entity_id=row.id, client_id=client_id,
                      summary=f"intervention {uid} done {data['done_on']}")
        active = next(iter(lenient_rows(
            session, CarePlanItem, CarePlanItem.uid == uid, CarePlanItem.care_plan_id.in_(
                select(CarePlan.id).where(CarePlan.client_id == client_id,
                                          CarePlan.status == CarePlanStatus.ACTIVE)))), None)
        if active is None:
            return None
        last = max(r.done_on for r in lenient_rows(
            session, InterventionDone, InterventionDone.client_id == client_id,
            InterventionDone.intervention_uid == uid) if r.done_on is not None)
        return next_due(plan_item(active), last)


def _stored_item(session, client_id: int, uid: str, kind: PlanItemKind) -> None:
    stored_client(session, client_id)
    found = session.scalar(
        select(CarePlanItem.id).join(CarePlan, CarePlan.id == CarePlanItem.care_plan_id)
        .where(CarePlan.client_id == client_id, CarePlanItem.uid == uid,
               CarePlanItem.kind == kind).limit(1))
    if found is None:
        raise NotFound(f"That {kind} is not in this client's care plan (any more).")


def _notes(session, client_id: int, goal_uid: str) -> tuple[GoalProgressNote, ...]:
    rows = session.scalars(select(GoalProgress).where(
        GoalProgress.client_id == client_id, GoalProgress.goal_uid == goal_uid)
        .order_by(GoalProgress.noted_on.desc(), GoalProgress.id.desc())).all()
    return tuple(GoalProgressNote(r.goal_uid, r.noted_on, r.achievement, r.note) for r in rows)
