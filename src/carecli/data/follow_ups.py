"""Follow-ups set by hand: schedule a check-in or a task, finish one, snooze a queue item.

A check-in set by hand is answered by the next reached contact on or after its day
(`answer_check_ins`, called by `contacts.log_contact`); a task is finished by hand. The cadence's
own next check-in is worked out, never stored (`carecli.clinical.follow_up`).
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from carecli.data.audit import record_change
from carecli.data.contact_inputs import FollowUpInput, SnoozeInput, clock
from carecli.data.db import Database
from carecli.data.errors import InvalidInput, NotFound
from carecli.data.inputs import validate
from carecli.data.models import CheckIn, Client, Snooze
from carecli.data.types import utcnow
from carecli.data.versions import check_version
from carecli.domain.enums import CheckInKind, CheckInStatus


def schedule_follow_up(*, db: Database, client_id: int, values: dict[str, Any],
                       now: datetime | None = None) -> int:
    """Schedule a check-in or a task (`values`: kind, due_on, reason, note); returns its id."""
    data = validate(FollowUpInput, values, clock(now))
    with db.write() as session:
        stored_client(session, client_id)
        return add_follow_up(session, client_id, data).id


def add_follow_up(session, client_id: int, data: FollowUpInput,
                  contact_id: int | None = None) -> CheckIn:
    """Add a follow-up inside the caller's transaction (a contact's own: `contact_id`)."""
    row = CheckIn(client_id=client_id, kind=data.kind, due_on=data.due_on, reason=data.reason,
                  note=data.note, contact_id=contact_id)
    session.add(row)
    session.flush()
    record_change(session, action="schedule", entity="check_in", entity_id=row.id,
                  client_id=client_id, summary=f"{data.kind.value} due {data.due_on}")
    return row


def answer_check_ins(session, client_id: int, day: date, contact_id: int) -> list[int]:
    """Mark the client's open check-ins (not tasks) due on or before `day` done by the reached
    contact `contact_id`, inside the caller's transaction; returns their ids."""
    rows = session.scalars(select(CheckIn).where(
        CheckIn.client_id == client_id, CheckIn.status == CheckInStatus.OPEN,
        CheckIn.kind == CheckInKind.CHECK_IN, CheckIn.due_on <= day)).all()
    for row in rows:
        row.status = CheckInStatus.DONE
        row.done_at = utcnow()
        row.contact_id = contact_id
    return [row.id for row in rows]


def finish_task(*, db: Database, check_in_id: int, version: int) -> None:
    """Mark a task or a check-in set by hand done (refused when changed elsewhere since)."""
    with db.write() as session:
        row = session.get(CheckIn, check_in_id)
        if row is None:
            raise NotFound("That follow-up no longer exists.")
        what = "this task" if row.kind == CheckInKind.TASK else "this check-in"
        check_version(row, version, what)
        if row.status != CheckInStatus.OPEN:
            raise InvalidInput({"status": f"{what.capitalize()} is already {row.status}."})
        row.status = CheckInStatus.DONE
        row.done_at = utcnow()
        record_change(session, action="finish", entity="check_in", entity_id=check_in_id,
                      client_id=row.client_id, summary=f"{row.kind} done")


def snooze(*, db: Database, client_id: int, item_key: str, until_on: date | str,
           reason: str, now: datetime | None = None) -> None:
    """Put a queue item off until `until_on` (after today, at most a year ahead) with a
    reason; a safety item is refused."""
    data = validate(SnoozeInput, {"item_key": item_key, "until_on": until_on,
                                  "reason": reason}, clock(now))
    with db.write() as session:
        stored_client(session, client_id)
        row = Snooze(client_id=client_id, item_key=data.item_key, until_on=data.until_on,
                     reason=data.reason)
        session.add(row)
        session.flush()
        record_change(session, action="snooze", entity="snooze", entity_id=row.id,
                      client_id=client_id, summary=f"{data.item_key} until {data.until_on}")


def stored_client(session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(f"Client {client_id} no longer exists.")
    return client
