"""ctrl+q asks before throwing away text typed into a form, as escape does."""

from conftest import SIZE
from test_assessment_ui import focused
from test_caseload_ui import loaded
from test_record_ui import count

from carecli.data.models import Client
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.form import FormScreen
from carecli.screens.safety import SafetyScreen


async def test_quit_in_a_half_filled_form_asks_and_keeps_the_text(make_app, seeded, db):
    app = make_app()
    before = count(db, Client)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await pilot.press("n", *"Ada", "tab", *"Love")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ConfirmScreen)
        assert "Discard what you typed and quit?" in str(
            app.screen.query_one("#confirm-question").render())
        await pilot.press("ctrl+q")  # pressed twice: still one question
        await pilot.pause()
        assert sum(isinstance(s, ConfirmScreen) for s in app.screen_stack) == 1
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form and form.query_one("#field-family_name").value == "Love"
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert not app.is_running
    assert count(db, Client) == before


async def test_quit_in_an_untouched_form_quits_at_once(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_quit_with_a_safety_note_typed_asks_first(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await focused(app, pilot, seeded["Li"], "phq9")
        await pilot.press(*"11111111", "2")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press(*"Called 988", "ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        assert app.screen.query_one("#safety-note").text == "Called 988"
