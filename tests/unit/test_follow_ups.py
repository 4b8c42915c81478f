"""Follow-ups set by hand: scheduling a check-in or a task, finishing one, snoozing a queue
item, and what each refuses."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from carecli.data.clients import create_client
from carecli.data.errors import ChangedElsewhere, InvalidInput, NotFound
from carecli.data.follow_ups import finish_task, schedule_follow_up, snooze
from carecli.data.models import AuditLog, CheckIn, Snooze

pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 11, 24, 16, 0).astimezone()


def _client(db) -> int:
    return create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                        "enrolled_on": date(2026, 1, 5)})


def _schedule(db, client_id: int, **values) -> int:
    return schedule_follow_up(db=db, client_id=client_id, values=values, now=NOW)


def _check_ins(db) -> list[tuple]:
    with db.read() as session:
        return [(r.kind, r.due_on, r.reason, r.note, r.status, r.version)
                for r in session.scalars(select(CheckIn).order_by(CheckIn.id))]


def _audit(db) -> list[tuple]:
    with db.read() as session:
        return [(r.action, r.entity, r.summary) for r in session.scalars(
            select(AuditLog).where(AuditLog.entity != "client").order_by(AuditLog.id))]


def test_a_check_in_and_a_task_are_scheduled(db) -> None:
    client = _client(db)
    _schedule(db, client, due_on="2026-11-24")
    _schedule(db, client, kind="task", due_on="12/01/2026", reason=" Review BP log ",
              note="Ask for the cuff readings.")
    assert _check_ins(db) == [
        ("check_in", date(2026, 11, 24), None, None, "open", 1),
        ("task", date(2026, 12, 1), "Review BP log", "Ask for the cuff readings.", "open", 1),
    ]
    assert _audit(db) == [("schedule", "check_in", "check_in due 2026-11-24"),
                          ("schedule", "check_in", "task due 2026-12-01")]


@pytest.mark.parametrize(("values", "field"), [
    ({"due_on": "2026-11-23"}, "due_on"),
    ({"due_on": "2027-11-25"}, "due_on"),
    ({"due_on": "2026-02-30"}, "due_on"),
    ({}, "due_on"),
    ({"due_on": "2026-12-01", "kind": "visit"}, "kind"),
    ({"due_on": "2026-12-01", "kind": "task", "reason": "  "}, "reason"),
    ({"due_on": "2026-12-01", "reason": "x" * 201}, "reason"),
], ids=["past", "beyond-a-year", "unreal", "no-day", "unknown-kind", "task-without-reason",
        "long-reason"])
def test_a_bad_follow_up_is_refused(db, values, field) -> None:
    client = _client(db)
    with pytest.raises(InvalidInput) as refused:
        _schedule(db, client, **values)
    assert list(refused.value.errors) == [field]
    assert _check_ins(db) == []


def test_a_follow_up_for_an_unknown_client_is_refused(db) -> None:
    with pytest.raises(NotFound):
        _schedule(db, 404, due_on="2026-12-01")


def test_a_task_is_finished_once(db) -> None:
    client = _client(db)
    task = _schedule(db, client, kind="task", due_on="2026-12-01", reason="Labs")
    finish_task(db=db, check_in_id=task, version=1)
    ((*_, status, version),) = _check_ins(db)
    assert (status, version) == ("done", 2)
    with pytest.raises(ChangedElsewhere, match="This task was changed in another window"):
        finish_task(db=db, check_in_id=task, version=1)
    with pytest.raises(InvalidInput, match="already done"):
        finish_task(db=db, check_in_id=task, version=2)
    with pytest.raises(NotFound):
        finish_task(db=db, check_in_id=999, version=1)
    assert _audit(db)[-1] == ("finish", "check_in", "task done")


def test_an_item_is_snoozed_with_a_reason(db) -> None:
    client = _client(db)
    snooze(db=db, client_id=client, item_key="check_in:7", until_on="2026-11-25",
           reason="Away until Wednesday", now=NOW)
    with db.read() as session:
        (row,) = session.scalars(select(Snooze)).all()
    assert (row.item_key, row.until_on, row.reason) == (
        "check_in:7", date(2026, 11, 25), "Away until Wednesday")
    assert _audit(db) == [("snooze", "snooze", "check_in:7 until 2026-11-25")]


@pytest.mark.parametrize(("key", "until", "reason", "field"), [
    ("safety:3", "2026-11-25", "Later", "item_key"),
    ("cadence", "2026-11-24", "Later", "until_on"),
    ("cadence", "2027-11-25", "Later", "until_on"),
    ("cadence", "2026-11-25", " ", "reason"),
    ("tea:1", "2026-11-25", "Later", "item_key"),
], ids=["safety", "today", "beyond-a-year", "no-reason", "unknown-item"])
def test_a_bad_snooze_is_refused(db, key, until, reason, field) -> None:
    client = _client(db)
    with pytest.raises(InvalidInput) as refused:
        snooze(db=db, client_id=client, item_key=key, until_on=until, reason=reason, now=NOW)
    assert list(refused.value.errors) == [field]
    with db.read() as session:
        assert session.scalars(select(Snooze)).all() == []


def test_a_safety_item_refusal_is_a_sentence(db) -> None:
    client = _client(db)
    with pytest.raises(InvalidInput) as refused:
        snooze(db=db, client_id=client, item_key="safety:3", until_on="2026-11-25",
               reason="Later", now=NOW)
    assert refused.value.errors["item_key"].startswith("A safety item cannot be snoozed")
