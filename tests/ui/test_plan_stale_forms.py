"""A care plan form left open while another window changes the draft: its save is refused,
and saving it again (the editor behind it has read the newer draft meanwhile) is refused too,
never putting the form's old values over the other window's change. Also: the question
before a delete names the item exactly as typed, whatever it holds."""

import pytest
from conftest import SIZE
from test_plan_editor_ui import editor, keys, stored, text_of
from test_record_ui import open_record

from carecli.config import resolve_database
from carecli.data.service import CareService
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.form import FormScreen
from carecli.settings import save_setting


@pytest.fixture
def other_window(db, db_path, today) -> CareService:
    return CareService(resolve_database(str(db_path)), db=db, today=today)


async def _saved_twice(app, pilot, form) -> None:
    for _ in range(2):
        await keys(app, pilot, "ctrl+s")
        assert app.screen is form
        assert "changed in another window" in text_of(form.query_one("#form-message"))


async def test_an_item_form_saved_again_after_a_refusal_keeps_the_other_windows_change(
        make_app, seeded, db, other_window):
    client_id = seeded["José"]
    plan = other_window.start_draft(client_id)
    plan = other_window.add_item(plan.id, plan.version, "problem", None, {"text": "COPD"})
    uid = plan.items[0].uid
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, client_id)
        await keys(app, pilot, "p")
        await editor(app, pilot)
        await keys(app, pilot, "home", "e", "end", *" with breathlessness")
        form = app.screen
        assert isinstance(form, FormScreen)
        other_window.update_item(plan.id, plan.version, uid, {"status": "inactive"})

        await _saved_twice(app, pilot, form)
        item = stored(db, client_id, draft=True).items[0]
        assert (item.text, item.status) == ("COPD", "inactive")
        assert form.query_one("#field-text").value == "COPD with breathlessness"


async def test_the_elements_form_saved_again_after_a_refusal_keeps_the_other_windows_change(
        make_app, seeded, db, other_window):
    client_id = seeded["José"]
    plan = other_window.start_draft(client_id)
    plan = other_window.add_item(plan.id, plan.version, "problem", None, {"text": "COPD"})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, client_id)
        await keys(app, pilot, "p")
        await editor(app, pilot)
        await keys(app, pilot, "o")
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-summary").load_text("Breathe easier at home.")
        other_window.update_plan(plan.id, plan.version, {"strengths": "Sings in a choir"})

        await _saved_twice(app, pilot, form)
        draft = stored(db, client_id, draft=True)
        assert (draft.summary, draft.section("strengths")) == (None, "Sings in a choir")


async def test_finalising_again_after_a_refusal_never_finalises_a_change_not_shown(
        make_app, seeded, db, other_window):
    client_id = seeded["José"]
    plan = other_window.start_draft(client_id)
    plan = other_window.add_item(plan.id, plan.version, "problem", None, {"text": "COPD"})
    save_setting("care_manager_name", "Dana Reyes RN")  # the finaliser, filled in
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, client_id)
        await keys(app, pilot, "p")
        await editor(app, pilot)
        await keys(app, pilot, "f")
        form = app.screen
        assert isinstance(form, FormScreen)
        other_window.add_item(plan.id, plan.version, "problem", None, {"text": "Lives alone"})

        await _saved_twice(app, pilot, form)
        draft = stored(db, client_id, draft=True)
        assert draft is not None and len(draft.items) == 2
        assert stored(db, client_id) is None  # nothing finalised


async def test_deleting_an_item_whose_text_looks_like_a_key_placeholder_asks_as_typed(
        make_app, seeded, db, other_window):
    client_id = seeded["José"]
    plan = other_window.start_draft(client_id)
    text = "Ask {dr.smith} about [bold]pills[/] {plan.undo}"
    other_window.add_item(plan.id, plan.version, "problem", None, {"text": text})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, client_id)
        await keys(app, pilot, "p")
        await editor(app, pilot)
        await keys(app, pilot, "home", "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert f"“{text}”" in app.screen.question
        await keys(app, pilot, "y")
        assert stored(db, client_id, draft=True).items == ()
