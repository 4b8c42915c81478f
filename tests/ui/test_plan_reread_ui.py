"""A re-read of the draft that finishes after a later save (it started before the save) never
shows the older draft: the editor keeps what it just saved, the next key is not refused as
"changed in another window", and undo still reaches the save."""

from conftest import SIZE, settle, wait_for
from test_caseload_ui import loaded

from carecli.config import resolve_database
from carecli.data.service import CareService
from carecli.screens.plan_editor import PlanScreen, open_plan
from carecli.screens.plan_flows import read_view


async def test_a_reread_finishing_after_a_save_does_not_bring_back_the_older_draft(
        make_app, seeded, db, db_path, today):
    service = CareService(resolve_database(str(db_path)), db=db, today=today)
    client_id = seeded["Margaret"]
    plan = service.start_draft(client_id)
    for text in ("Heart failure", "Diabetes", "Lives alone"):
        plan = service.add_item(plan.id, plan.version, "problem", None, {"text": text})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        open_plan(app, client_id)
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen)
                       and app.screen.plan is not None, "the care plan")
        screen = app.screen
        await settle(app, pilot)
        stale = read_view(service, client_id, None)  # a re-read of the draft as it is now,
        await pilot.press("shift+down")  # Heart failure moves below Diabetes
        await settle(app, pilot)
        assert screen.plan.version == plan.version + 1
        screen.show_view(stale)  # handed to the editor only after the save (as a slow one is)
        await settle(app, pilot)
        assert [i.text for i in screen.plan.items] == ["Diabetes", "Heart failure",
                                                       "Lives alone"]

        await pilot.press("shift+down")  # at the version just saved: not refused
        await settle(app, pilot)
        said = " ".join(n.message for n in app._notifications)
        assert "another window" not in said
        stored = service.plan(plan.id)
        assert [i.text for i in stored.items] == ["Diabetes", "Lives alone", "Heart failure"]
        await pilot.press("ctrl+z", "ctrl+z")
        await settle(app, pilot)
        assert [i.text for i in service.plan(plan.id).items] == [
            "Heart failure", "Diabetes", "Lives alone"]
