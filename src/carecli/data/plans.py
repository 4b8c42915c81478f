"""Reading care plans: one version whole (`Plan`), a client's current plan or draft, the
list of versions (`PlanOverview`) and what differs between two versions. Also the
rows-to-`Plan` conversion and the lookup every write to a draft starts with (`locked_draft`:
it exists, is at the version the window read, and is still a draft).

Reads are lenient: a value another program stored that carecli cannot read (a date that is
no date, `changes` that is not JSON) reads as empty and is named in `Plan.unreadable`, so the
plan still shows. A write that meets one is refused with a sentence (`UnreadablePlan`)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select

from carecli.data.db import Database
from carecli.data.errors import CareDataError, InvalidInput, NotFound
from carecli.data.lenient_rows import lenient_rows
from carecli.data.models import CarePlan, CarePlanCopy, CarePlanItem, CarePlanSection
from carecli.data.versions import check_version
from carecli.domain.care_plan import (
    Plan,
    PlanCopy,
    PlanDiff,
    PlanItem,
    PlanOverview,
    PlanVersionInfo,
)
from carecli.domain.enums import CarePlanStatus, PlanSection
from carecli.domain.plan_diff import diff_plans
from carecli.domain.plan_outline import outline

WHAT = "this care plan"
GONE = "That care plan no longer exists (a draft discarded in another window?); nothing was saved."
SECTION_ORDER = {s.value: n for n, s in enumerate(PlanSection)}


class PlanReadOnly(CareDataError):
    """A write to a finalised plan version: only the draft changes."""


class UnreadablePlan(CareDataError):
    """A write met a stored value carecli cannot read; nothing was changed."""


@contextmanager
def readable() -> Iterator[None]:
    """Around a write's ORM reads of plan rows: a value that cannot be read refuses the write
    with a sentence."""
    try:
        yield
    except (ValueError, TypeError, OverflowError):
        raise UnreadablePlan(
            "This care plan holds a value carecli cannot read (perhaps stored by another "
            "program), so nothing was changed; the plan shows it as empty.") from None


def plan_overview(*, db: Database, client_id: int) -> PlanOverview:
    with db.read() as session:
        rows = lenient_rows(session, CarePlan, CarePlan.client_id == client_id,
                            order_by=[CarePlan.number.desc()])
        active = next((r for r in rows if r.status == CarePlanStatus.ACTIVE), None)
        draft = next((r for r in rows if r.status == CarePlanStatus.DRAFT), None)
        return PlanOverview(
            client_id=client_id,
            active_id=active.id if active else None,
            draft_id=draft.id if draft else None,
            versions=tuple(PlanVersionInfo(
                id=r.id, number=r.number, status=str(r.status), created_at=r.created_at,
                finalised_at=r.finalised_at, finalised_by=r.finalised_by,
                change_note=r.change_note, changes=sentences(r.changes)) for r in rows),
            review_due_on=active.review_due_on if active else None,
        )


def load_plan(*, db: Database, plan_id: int) -> Plan:
    with db.read() as session:
        return whole_plan(session, _read_plan(session, plan_id))


def current_plan(*, db: Database, client_id: int, draft: bool = False) -> Plan | None:
    """The client's active plan (`draft`: the draft), or None."""
    wanted = CarePlanStatus.DRAFT if draft else CarePlanStatus.ACTIVE
    with db.read() as session:
        rows = lenient_rows(session, CarePlan, CarePlan.client_id == client_id,
                            CarePlan.status == wanted)
        return whole_plan(session, rows[0]) if rows else None


def plan_diff(*, db: Database, older_id: int, newer_id: int) -> PlanDiff:
    """What changed from one version of a client's plan to another."""
    with db.read() as session:
        older, newer = (whole_plan(session, _read_plan(session, i)) for i in (older_id, newer_id))
    if older.client_id != newer.client_id:
        raise InvalidInput({"plan": "Only two versions of one client's plan can be compared."})
    return diff_plans(older, newer)


def _read_plan(session, plan_id: int) -> Any:
    rows = lenient_rows(session, CarePlan, CarePlan.id == plan_id)
    if not rows:
        raise NotFound(GONE)
    return rows[0]


def stored_plan(session, plan_id: int, *, lock: bool = False) -> CarePlan:
    with readable():
        row = session.get(CarePlan, plan_id, with_for_update=lock or None,
                          populate_existing=lock)
    if row is None:
        raise NotFound(GONE)
    return row


def locked_draft(session, plan_id: int, version: int) -> CarePlan:
    """The draft `plan_id`, locked for this transaction, refused when it changed since
    `version` or is a finalised version."""
    row = stored_plan(session, plan_id, lock=True)
    check_version(row, version, WHAT)
    if row.status != CarePlanStatus.DRAFT:
        raise PlanReadOnly(read_only(row))
    return row


def read_only(row: CarePlan) -> str:
    return (f"Plan version {row.number} is finalised and cannot change; start a new draft "
            "to edit the plan.")


def stored_items(session, plan_id: int) -> list[CarePlanItem]:
    with readable():
        return list(session.scalars(select(CarePlanItem).where(
            CarePlanItem.care_plan_id == plan_id)).all())


def stored_sections(session, plan_id: int) -> list[CarePlanSection]:
    return list(session.scalars(select(CarePlanSection).where(
        CarePlanSection.care_plan_id == plan_id)).all())


def sentences(stored: Any) -> tuple[str, ...]:
    """A version's `changes` as stored: a list of sentences; anything else another program
    wrote there reads as none."""
    if isinstance(stored, list) and all(isinstance(s, str) for s in stored):
        return tuple(stored)
    return ()


def plan_item(row: Any) -> PlanItem:
    return PlanItem(
        uid=row.uid, kind=str(row.kind), parent_uid=row.parent_uid, position=row.position,
        text=row.text, status=row.status, source=row.source, client_words=row.client_words,
        measure=row.measure, target=row.target, target_on=row.target_on,
        owner_kind=row.owner_kind, owner_name=row.owner_name, frequency=row.frequency,
        due_on=row.due_on,
    )


UNREADABLE_WORDS = {
    "review_due_on": "the next review date", "changes": "what changed when it was finalised",
    "finalised_at": "when it was finalised", "created_at": "when it was started",
    "updated_at": "when it last changed", "target_on": "the target date",
    "due_on": "the due date", "given_on": "the day a copy was given",
}
"""What a column is called when its stored value cannot be read."""


def whole_plan(session, row: Any) -> Plan:
    """`row` (a `CarePlan`, or one read by `lenient_rows`) with its items, sections and copies
    as a `Plan` (inside the caller's session)."""
    sections = sorted(((s.key, s.body) for s in stored_sections(session, row.id) if s.body),
                      key=lambda pair: SECTION_ORDER.get(pair[0], len(SECTION_ORDER)))
    copies = lenient_rows(session, CarePlanCopy, CarePlanCopy.care_plan_id == row.id,
                          order_by=[CarePlanCopy.given_on, CarePlanCopy.id])
    items = lenient_rows(session, CarePlanItem, CarePlanItem.care_plan_id == row.id)
    unreadable = [_words(name) for name in getattr(row, "unreadable", ())]
    unreadable += [f"{_words(name)} of the {i.kind} “{i.text}”" for i in items
                   for name in i.unreadable]
    unreadable += [_words(name) for c in copies for name in c.unreadable]
    return Plan(
        id=row.id, client_id=row.client_id, number=row.number, status=str(row.status),
        version=row.version, created_at=row.created_at, updated_at=row.updated_at,
        review_due_on=row.review_due_on, summary=row.summary, finalised_at=row.finalised_at,
        finalised_by=row.finalised_by, change_note=row.change_note,
        changes=sentences(row.changes),
        items=outline(plan_item(i) for i in items),
        sections=tuple(sections),
        copies=tuple(PlanCopy(given_on=c.given_on, method=c.method, given_to=c.given_to,
                              format=c.format) for c in copies),
        unreadable=tuple(dict.fromkeys(unreadable)),
    )


def _words(column: str) -> str:
    return UNREADABLE_WORDS.get(column, f"its {column.replace('_', ' ')}")
