"""Changing a draft care plan: add, edit, move and remove problems, goals and interventions,
change the plan's own values (summary, next review, sections), and put a draft back as it was
(undo). Each is one transaction on the draft locked at the version the window read
(`plans.locked_draft`); each bumps the plan's version, writes an audit row (ids and figures,
never text) and returns the whole new `Plan`.
"""

import secrets
from datetime import date
from typing import Any

from carecli.data.audit import record_change
from carecli.data.db import Database
from carecli.data.errors import InvalidInput
from carecli.data.models import CarePlan, CarePlanItem, CarePlanSection
from carecli.data.plan_inputs import item_fields, item_kind, item_values, plan_values
from carecli.data.plans import (
    locked_draft,
    plan_item,
    stored_items,
    stored_sections,
    whole_plan,
)
from carecli.data.types import utcnow
from carecli.domain.care_plan import Plan, PlanItem
from carecli.domain.enums import PlanItemKind
from carecli.domain.plan_outline import descendants

PARENT_KINDS = {
    PlanItemKind.PROBLEM: (),
    PlanItemKind.GOAL: (PlanItemKind.PROBLEM,),
    PlanItemKind.INTERVENTION: (PlanItemKind.GOAL, PlanItemKind.PROBLEM),
}
PARENT_WORDS = {
    PlanItemKind.PROBLEM: "A problem stands on its own, under nothing",
    PlanItemKind.GOAL: "A goal belongs under a problem",
    PlanItemKind.INTERVENTION: "An intervention belongs under a goal or a problem",
}


def add_item(*, db: Database, plan_id: int, version: int, kind: str, parent_uid: str | None,
             values: dict[str, Any], after_uid: str | None = None, today: date) -> Plan:
    """Add a problem, goal or intervention under `parent_uid`: after its sibling `after_uid`,
    else last."""
    kind = item_kind(kind)
    data = item_values(kind, values, today)
    with db.write() as session:
        plan = locked_draft(session, plan_id, version)
        rows = stored_items(session, plan_id)
        _check_parent(rows, kind, parent_uid)
        row = CarePlanItem(care_plan_id=plan_id, uid=secrets.token_hex(16), kind=kind,
                           parent_uid=parent_uid, position=0, **data)
        family = _siblings(rows, kind, parent_uid)
        if after_uid is None:
            family.append(row)
        else:
            after = next((r for r in family if r.uid == after_uid), None)
            if after is None:
                raise InvalidInput({"after_uid": "is not an item beside the new one"})
            family.insert(family.index(after) + 1, row)
        _number(family)
        session.add(row)
        return _saved(session, plan, "add_item", f"{kind} {row.uid}")


def update_item(*, db: Database, plan_id: int, version: int, uid: str, values: dict[str, Any],
                today: date) -> Plan:
    """Change some of an item's values (`parent_uid` among them moves it under another parent,
    last among its new siblings)."""
    with db.write() as session:
        plan = locked_draft(session, plan_id, version)
        rows = stored_items(session, plan_id)
        row = _item(rows, uid)
        values = dict(values)
        new_parent = values.pop("parent_uid", row.parent_uid)
        kept = {name: getattr(row, name) for name in item_fields(row.kind)}
        data = item_values(row.kind, {**kept, **values}, today, kept=kept)
        for name, value in data.items():
            setattr(row, name, value)
        if new_parent != row.parent_uid:
            _check_parent(rows, row.kind, new_parent)
            old = _siblings(rows, row.kind, row.parent_uid)
            old.remove(row)
            _number(old)
            row.parent_uid = new_parent
            _number([*_siblings(rows, row.kind, new_parent, without=row), row])
        return _saved(session, plan, "update_item", f"{row.kind} {uid}")


def move_item(*, db: Database, plan_id: int, version: int, uid: str, offset: int) -> Plan:
    """Move an item up (-1) or down (+1) among its siblings."""
    if offset not in (-1, 1):
        raise InvalidInput({"offset": "must be -1 (up) or 1 (down)"})
    with db.write() as session:
        plan = locked_draft(session, plan_id, version)
        rows = stored_items(session, plan_id)
        row = _item(rows, uid)
        family = _siblings(rows, row.kind, row.parent_uid)
        at = family.index(row)
        if not 0 <= at + offset < len(family):
            edge = "first" if offset < 0 else "last"
            raise InvalidInput({"position": f"This {row.kind} is already the {edge} one."})
        family[at], family[at + offset] = family[at + offset], family[at]
        _number(family)
        return _saved(session, plan, "move_item", f"{row.kind} {uid} by {offset}")


def remove_item(*, db: Database, plan_id: int, version: int, uid: str) -> Plan:
    """Remove an item and everything under it."""
    with db.write() as session:
        plan = locked_draft(session, plan_id, version)
        rows = stored_items(session, plan_id)
        row = _item(rows, uid)
        gone = {uid} | descendants([plan_item(r) for r in rows], uid)
        for r in rows:
            if r.uid in gone:
                session.delete(r)
        _number(_siblings(rows, row.kind, row.parent_uid, without=row))
        return _saved(session, plan, "remove_item", f"{row.kind} {uid} and {len(gone) - 1} "
                      "under it")


def update_plan(*, db: Database, plan_id: int, version: int, values: dict[str, Any],
                today: date) -> Plan:
    """Change the plan's summary, next review date or sections (empty text removes one)."""
    with db.write() as session:
        plan = locked_draft(session, plan_id, version)
        own, sections = plan_values(values, today, plan.review_due_on)
        for name, value in own.items():
            setattr(plan, name, value)
        stored = {s.key: s for s in stored_sections(session, plan_id)}
        for key, body in sections.items():
            if not body and key in stored:
                session.delete(stored[key])
            elif body and key in stored:
                stored[key].body = body
            elif body:
                session.add(CarePlanSection(care_plan_id=plan_id, key=key, body=body))
        return _saved(session, plan, "update_plan", f"{len(own)} values, {len(sections)} "
                      "sections")


def restore_draft(*, db: Database, plan_id: int, version: int, snapshot: Plan) -> Plan:
    """Make the draft's items, sections, summary and review date the `snapshot`'s (an earlier
    state of it, or another version of the same client's plan)."""
    with db.write() as session:
        plan = locked_draft(session, plan_id, version)
        if snapshot.client_id != plan.client_id:
            raise InvalidInput({"snapshot": "is another client's plan"})
        for row in (*stored_items(session, plan_id), *stored_sections(session, plan_id)):
            session.delete(row)
        session.flush()
        put_contents(session, plan, snapshot)
        return _saved(session, plan, "restore_draft", f"{len(snapshot.items)} items from "
                      f"plan {snapshot.id} v{snapshot.version}")


def put_contents(session, plan: CarePlan, source: Plan) -> None:
    """Give `plan` (with no items or sections) `source`'s items (same uids), sections, summary
    and review date."""
    plan.summary, plan.review_due_on = source.summary, source.review_due_on
    for item in source.items:
        session.add(CarePlanItem(care_plan_id=plan.id, **_columns(item)))
    for key, body in source.sections:
        session.add(CarePlanSection(care_plan_id=plan.id, key=key, body=body))


def _columns(item: PlanItem) -> dict[str, Any]:
    return {name: getattr(item, name) for name in PlanItem.__slots__}


def _item(rows: list[CarePlanItem], uid: str) -> CarePlanItem:
    row = next((r for r in rows if r.uid == uid), None)
    if row is None:
        raise InvalidInput({"uid": "That item is no longer in this draft (removed in another "
                                   "window?)."})
    return row


def _check_parent(rows: list[CarePlanItem], kind: str, parent_uid: str | None) -> None:
    parent = next((r for r in rows if r.uid == parent_uid), None) if parent_uid else None
    allowed = PARENT_KINDS[kind]
    fits = parent.kind in allowed if parent is not None else (not allowed and not parent_uid)
    if not fits:
        raise InvalidInput({"parent_uid": f"{PARENT_WORDS[kind]}."})


def _siblings(rows: list[CarePlanItem], kind: str, parent_uid: str | None,
              without: CarePlanItem | None = None) -> list[CarePlanItem]:
    return sorted((r for r in rows if r.kind == kind and r.parent_uid == parent_uid
                   and r is not without), key=lambda r: (r.position, r.uid))


def _number(family: list[CarePlanItem]) -> None:
    for position, row in enumerate(family):
        if row.position != position:
            row.position = position


def _saved(session, plan: CarePlan, action: str, summary: str) -> Plan:
    """Bump the plan's version (and `updated_at`), audit, and read it back whole."""
    plan.updated_at = utcnow()
    session.flush()
    record_change(session, action=action, entity="care_plan", entity_id=plan.id,
                  client_id=plan.client_id, summary=f"plan {plan.number}: {summary}")
    session.flush()
    return whole_plan(session, plan)
