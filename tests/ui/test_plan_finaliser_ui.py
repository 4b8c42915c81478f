"""Who finalises a plan: the finalise dialog offers the care manager's name setting (not the
computer's login name); with none set it starts blank, and the first name typed is kept as
the setting for the next plan. The copy for the client names who finalised it."""

from conftest import SIZE, settle, wait_for
from test_caseload_ui import loaded
from test_plan_editor_ui import editor, keys, stored

from carecli.config import resolve_database
from carecli.data.service import CareService
from carecli.export import export_plan
from carecli.screens.plan_dialogs import FinaliseForm
from carecli.screens.plan_editor import PlanScreen
from carecli.settings import care_manager_name, save_setting


def drafted(db, db_path, today, client_id: int) -> None:
    service = CareService(resolve_database(str(db_path)), db=db, today=today)
    plan = service.start_draft(client_id)
    service.add_item(plan.id, plan.version, "problem", None, {"text": "Feels low"})


async def finalise_dialog(app, pilot, client_id: int) -> FinaliseForm:
    await loaded(app, pilot)
    app.push_screen(PlanScreen(client_id))
    await editor(app, pilot)
    await keys(app, pilot, "f")
    await wait_for(pilot, lambda: isinstance(app.screen, FinaliseForm), "the finalise dialog")
    await settle(app, pilot)
    return app.screen


async def test_the_first_name_typed_is_kept_and_offered_next_time(make_app, seeded, db,
                                                                   db_path, today):
    li, walter = seeded["Li"], seeded["Walter"]
    drafted(db, db_path, today, li)
    drafted(db, db_path, today, walter)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await finalise_dialog(app, pilot, li)
        assert form.query_one("#field-by").value == ""  # not the login name
        await keys(app, pilot, "home", *"Jo Ames, RN", "ctrl+s")
        assert stored(db, li).finalised_by == "Jo Ames, RN"
    assert care_manager_name() == "Jo Ames, RN"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await finalise_dialog(app, pilot, walter)
        assert form.query_one("#field-by").value == "Jo Ames, RN"


async def test_the_setting_wins_over_the_previous_finaliser_and_shows_in_the_copy(
        make_app, seeded, db, db_path, today):
    li = seeded["Li"]
    drafted(db, db_path, today, li)
    service = CareService(resolve_database(str(db_path)), db=db, today=today)
    plan = service.current_plan(li, draft=True)
    service.finalise(plan.id, plan.version, "jdoe2")
    draft = service.start_draft(li)
    service.add_item(draft.id, draft.version, "problem", None, {"text": "Falls at home"})
    save_setting("care_manager_name", "Maya Ortiz, RN")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await finalise_dialog(app, pilot, li)
        assert form.query_one("#field-by").value == "Maya Ortiz, RN"
        await keys(app, pilot, "ctrl+s")
    plan = stored(db, li)
    assert plan.finalised_by == "Maya Ortiz, RN"
    record = service.record(li).record
    page = export_plan("html", plan, record, {})
    assert "by Maya Ortiz, RN" in page
