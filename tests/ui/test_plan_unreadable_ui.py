"""A care plan holding a value another program stored that carecli cannot read (here a review
date that is no date and `changes` that is not JSON) opens in the editor: the plan shows, a
sentence names what could not be read, and the app keeps running."""

import sqlite3
from contextlib import closing

from conftest import SIZE, settle, wait_for
from test_caseload_ui import loaded
from test_narrow_ui import screen_lines

from carecli.config import resolve_database
from carecli.data.service import CareService
from carecli.screens.plan_editor import PlanScreen, open_plan


async def test_the_editor_shows_a_plan_with_an_unreadable_value(make_app, seeded, db, db_path,
                                                                today):
    service = CareService(resolve_database(str(db_path)), db=db, today=today)
    client_id = seeded["Margaret"]
    plan = service.start_draft(client_id)
    plan = service.add_item(plan.id, plan.version, "problem", None, {"text": "Heart failure"})
    plan = service.finalise(plan.id, plan.version, "Dana Reyes RN")
    with closing(sqlite3.connect(db_path)) as other, other:
        other.execute("UPDATE care_plan SET review_due_on = '2026-02-30', changes = 'oops' "
                      "WHERE id = ?", (plan.id,))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        open_plan(app, client_id)
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen)
                       and app.screen.plan is not None, "the care plan")
        await settle(app, pilot)
        assert any("Heart failure" in line for line in screen_lines(app))
        said = " ".join(n.message for n in app._notifications)
        assert ("could not be read (perhaps written by another program) and show as empty: "
                "the next review date; what changed when it was finalised.") in said
        assert app.is_running
