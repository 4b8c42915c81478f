"""Care plans in the queue as stored (SQLite and PostgreSQL): only the active plan's open
interventions fall due, by their uid across versions; a draft or a superseded version adds
nothing; an intervention done today shows in "done today"."""

from datetime import date, datetime, time

import pytest
from test_queue_data import TODAY, add, contact, local, new_client

from carecli.data.models import CarePlan, CarePlanItem, InterventionDone, Snooze
from carecli.data.queue import load_queue

pytestmark = pytest.mark.both_backends


def plan(db, client: int, number: int, status: str, **items) -> None:
    """A plan version with one problem, one goal and the interventions named (uid: values)."""
    with db.write() as session:
        row = CarePlan(client_id=client, number=number, status=status)
        session.add(row)
        session.flush()
        session.add(CarePlanItem(care_plan_id=row.id, uid="p1", kind="problem", text="BP high",
                                 status="active"))
        session.add(CarePlanItem(care_plan_id=row.id, uid="g1", kind="goal", parent_uid="p1",
                                 text="BP under 140/90", status="active",
                                 target_on=date(2027, 3, 1)))
        for position, (uid, values) in enumerate(items.items()):
            session.add(CarePlanItem(care_plan_id=row.id, uid=uid, kind="intervention",
                                     parent_uid="g1", position=position,
                                     **{"status": "in-progress", "owner_kind": "care_manager",
                                        **values}))


def mine(queue, client: int) -> list[tuple[str, str]]:
    return [(i.key, i.reason) for i in queue.items if i.client_id == client]


WEEKLY = {"text": "Review BP log", "frequency": "weekly", "due_on": date(2026, 10, 1)}


def test_only_the_active_plans_open_interventions_fall_due(db):
    client = new_client(db, "Plan")
    contact(db, client, local(date(2026, 11, 20), 10))
    plan(db, client, 1, "superseded", old={**WEEKLY, "text": "Old wording"})
    plan(db, client, 2, "active", bp=WEEKLY,
         held={**WEEKLY, "text": "Held", "status": "on-hold"},
         later={"text": "Eye exam", "frequency": "once", "due_on": date(2026, 12, 20)},
         gone={"text": "Gone", "frequency": "once", "due_on": TODAY, "status": "completed"})
    plan(db, client, 3, "draft", new={**WEEKLY, "text": "Only in the draft"},
         bp={**WEEKLY, "text": "Reworded in the draft", "frequency": "daily"})
    assert mine(load_queue(db=db, today=TODAY), client) == [
        ("intervention:bp", "intervention 54 days overdue: Review BP log (weekly, care manager)")]


def test_only_the_care_manager_s_work_falls_due(db):
    """A habit of the client's or a care-team visit that repeats is theirs to do, not the care
    manager's: it stays out of the queue; anyone's one-off is followed up when due."""
    client = new_client(db, "Owners")
    contact(db, client, local(date(2026, 11, 20), 10))
    plan(db, client, 1, "active", bp=WEEKLY,
         log={**WEEKLY, "text": "Send the week's BP log", "owner_kind": "client"},
         nurse={**WEEKLY, "text": "Home health visit", "owner_kind": "care_team"},
         labs={"text": "PCP orders an A1c", "frequency": "once", "due_on": TODAY,
               "owner_kind": "care_team", "owner_name": "Dr Ames"})
    assert [key for key, _reason in mine(load_queue(db=db, today=TODAY), client)] == [
        "intervention:bp", "intervention:labs"]


def test_done_under_an_earlier_version_counts_and_done_today_shows(db):
    client = new_client(db, "Done")
    contact(db, client, local(date(2026, 11, 20), 10))
    plan(db, client, 1, "superseded", bp=WEEKLY)
    plan(db, client, 2, "active", bp=WEEKLY)
    add(db, InterventionDone(client_id=client, intervention_uid="bp", done_on=date(2026, 11, 16)))
    queue = load_queue(db=db, today=TODAY)
    assert mine(queue, client) == [
        ("intervention:bp", "intervention 1 day overdue: Review BP log (weekly, care manager)")]
    assert mine(load_queue(db=db, today=date(2026, 11, 22)), client) == []  # due Mon, later
    assert dict(load_queue(db=db, today=date(2026, 11, 20)).week)[date(2026, 11, 23)] == 1

    marked = datetime.combine(TODAY, time(14, 5)).astimezone()
    add(db, InterventionDone(client_id=client, intervention_uid="bp", done_on=TODAY,
                             created_at=marked))
    queue = load_queue(db=db, today=TODAY)
    assert mine(queue, client) == []
    assert [(d.client_id, d.summary, d.occurred_at) for d in queue.done] == [
        (client, "intervention done: Review BP log; next due Dec 1", marked)]
    assert load_queue(db=db, today=TODAY, only=client).done == queue.done
    past = load_queue(db=db, today=date(2026, 11, 23))  # as it stood: not done yet
    assert mine(past, client) == [
        ("intervention:bp", "intervention due today: Review BP log (weekly, care manager)")]


def test_interventions_alike_in_many_clients_each_fall_due_or_count_in_the_week(db):
    """The queue works an intervention's next due day out once for all rows alike (frequency,
    planned day, last day done): each client's still falls due or counts on its own."""
    long_ago, yesterday, later = (new_client(db, name) for name in ("Long", "Yday", "Also"))
    snoozed, marked = new_client(db, "Snoozed"), new_client(db, "Marked")
    for client in (long_ago, yesterday, later, snoozed, marked):
        contact(db, client, local(date(2026, 11, 20), 10))  # next check-in Dec 4
        plan(db, client, 1, "active", bp=WEEKLY, eye={"text": "Eye exam", "frequency": "once",
                                                        "due_on": date(2026, 12, 20)})
    add(db, InterventionDone(client_id=long_ago, intervention_uid="bp",
                             done_on=date(2026, 11, 1)))
    for client in (yesterday, later, snoozed, marked):
        add(db, InterventionDone(client_id=client, intervention_uid="bp",
                                 done_on=date(2026, 11, 23)))
    add(db, Snooze(client_id=snoozed, item_key="intervention:bp", until_on=date(2026, 11, 26),
                   reason="away"))
    add(db, InterventionDone(client_id=marked, intervention_uid="eye", done_on=TODAY,
                             created_at=local(TODAY, 9)))
    queue = load_queue(db=db, today=TODAY)
    assert [(i.client_id, i.key, i.reason) for i in queue.items] == [
        (long_ago, "intervention:bp",
         "intervention 16 days overdue: Review BP log (weekly, care manager)")]
    assert dict(queue.week)[date(2026, 11, 30)] == 4  # done yesterday: due Mon, 4 clients
    assert [(d.client_id, d.summary) for d in queue.done] == [
        (marked, "intervention done: Eye exam")]


def test_a_client_not_active_has_no_intervention_items(db):
    client = new_client(db, "Held", status="on_hold")
    plan(db, client, 1, "active", bp=WEEKLY)
    assert mine(load_queue(db=db, today=TODAY), client) == []
