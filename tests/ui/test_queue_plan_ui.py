"""A care-plan intervention in today's queue, marked done by keyboard (Tuesday 2026-11-24): it
leaves the queue, shows in "done today", and the database holds the day it was done."""

from datetime import date

import pytest
from conftest import settle
from test_queue_ui import NARROW, highlight, queue_shown, stored

from carecli.data.models import AuditLog, CarePlan, CarePlanItem, Client, InterventionDone


@pytest.fixture
def planned(db, seeded, today):
    """José's active plan: a weekly BP log review last done a week ago (due today), and a
    one-off eye exam booked for later."""
    jose = seeded["José"]
    with db.write() as session:
        plan = CarePlan(client_id=jose, number=1, status="active")
        session.add(plan)
        session.flush()
        session.add(CarePlanItem(care_plan_id=plan.id, uid="p1", kind="problem",
                                 text="Shortness of breath", status="active"))
        session.add(CarePlanItem(care_plan_id=plan.id, uid="g1", kind="goal", parent_uid="p1",
                                 text="Walk to the mailbox", status="active",
                                 target_on=date(2027, 2, 1)))
        session.add(CarePlanItem(care_plan_id=plan.id, uid="bp", kind="intervention",
                                 parent_uid="g1", text="Review BP log with José",
                                 status="in-progress", owner_kind="care_manager",
                                 frequency="weekly", due_on=date(2026, 11, 1)))
        session.add(InterventionDone(client_id=jose, intervention_uid="bp",
                                     done_on=date(2026, 11, 17)))
    return seeded


async def test_marking_an_intervention_done_takes_it_out_of_the_queue(make_app, planned, db,
                                                                      today):
    jose = planned["José"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, jose, "check_in")
        await pilot.press("d")  # not an intervention: nothing happens
        await settle(app, pilot)
        assert len(stored(db, InterventionDone)) == 1

        await highlight(pilot, jose, "intervention")
        item = app.queue.table.current
        assert item.reason == ("intervention due today: Review BP log with José "
                               "(weekly, care manager)")
        detail = str(app.queue.query_one("#queue-detail").render())
        assert "d marks it done today" in detail
        await pilot.press("d")
        await settle(app, pilot)
        assert item.key not in [i.key for i in app.queue.table.rows]
        done = str(app.queue.query_one("#queue-done").render())
        assert "intervention done: Review BP log with José; next due Dec 1" in done
        assert "1 done today" in str(app.queue.query_one("#queue-counts").render())
        said = " ".join(n.message for n in app._notifications)
        assert "Done for Núñez, José: Review BP log with José (weekly, care manager), " \
            "today." in said
        assert "Next due Tue Dec 1." in said
    assert [(d.intervention_uid, d.done_on) for d in stored(db, InterventionDone)][-1] == (
        "bp", today)


async def test_ctrl_z_takes_back_the_intervention_marked_done(make_app, planned, db, today):
    jose = planned["José"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await pilot.press("ctrl+z")  # nothing marked yet: said so, nothing deleted
        await settle(app, pilot)
        assert "Nothing to undo" in " ".join(n.message for n in app._notifications)
        assert len(stored(db, InterventionDone)) == 1

        await highlight(pilot, jose, "intervention")
        item = app.queue.table.current
        await pilot.press("d")
        await settle(app, pilot)
        assert "ctrl+z takes it back." in " ".join(n.message for n in app._notifications)
        assert item.key not in [i.key for i in app.queue.table.rows]
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert [(d.intervention_uid, d.done_on) for d in stored(db, InterventionDone)] == [
            ("bp", date(2026, 11, 17))]  # the earlier time stays
        assert app.queue.table.current.key == item.key  # due again, under the cursor
        assert "0 done today" in str(app.queue.query_one("#queue-counts").render())
        said = " ".join(n.message for n in app._notifications)
        assert ("Undone for Núñez, José: Review BP log with José (weekly, care manager) is "
                "no longer marked done today.") in said
    audit = [a.action for a in stored(db, AuditLog)]
    assert audit[-2:] == ["intervention_done", "intervention_undone"]


async def test_the_done_message_names_the_client_with_markup_shown_as_typed(make_app, planned,
                                                                            db):
    jose = planned["José"]
    with db.write() as session:
        session.get(Client, jose).family_name = "[b]Núñez[/b]"
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, jose, "intervention")
        await pilot.press("d")
        await settle(app, pilot)
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Done for [b]Núñez[/b], José: Review BP log") for m in said)
        assert all(not n.markup for n in app._notifications)
