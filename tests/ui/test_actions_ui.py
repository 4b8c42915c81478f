"""The action registry drives F1 help and the context-aware command palette."""

from conftest import SIZE
from test_caseload_ui import loaded
from test_record_ui import open_record
from textual.command import CommandPalette
from textual.widgets import OptionList

from carecli.actions import ACTIONS, in_context
from carecli.screens.form import FormScreen
from carecli.screens.help import HelpScreen


async def help_rows(app, pilot) -> dict[str, str]:
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    rows = dict(app.screen.keys)
    await pilot.press("escape")
    await pilot.pause()
    return rows


def listed(rows: dict[str, str], action_id: str) -> bool:
    action = ACTIONS[action_id]
    return rows.get(action.all_shown(), "").startswith(action.label)


async def palette_titles(app, pilot, query: str = "") -> list[str]:
    await pilot.press("ctrl+p", *query)
    for _ in range(40):
        await pilot.pause(0.05)
        if isinstance(app.screen, CommandPalette):
            options = app.screen.query_one(OptionList)
            if options.option_count:
                break
    return [str(options.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(options.option_count)]


async def test_help_lists_every_action_of_the_screen_that_applies(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        rows = await help_rows(app, pilot)
        for action in in_context("caseload", "table"):
            assert listed(rows, action.id), action.id
        await open_record(app, pilot, seeded["Margaret"])  # an active client
        await pilot.press("2")  # Conditions: add, edit and remove all apply
        await pilot.pause()
        rows = await help_rows(app, pilot)
        for action in in_context("record"):
            if action.key_list() and action.id not in ("record.reactivate", "record.complex"):
                assert listed(rows, action.id), action.id
        assert not listed(rows, "record.reactivate")  # she is active already
        assert not listed(rows, "record.complex")  # on Contacts only
        assert listed(rows, "app.palette") and listed(rows, "app.quit")


async def test_record_palette_offers_its_actions_and_runs_them(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, seeded["Margaret"])
        titles = await palette_titles(app, pilot)
        for title in ("Put on hold", "Discharge", "Add condition", "Add medication", "Assess",
                      "Edit the highlighted entry or the client's details", "Help"):
            assert title in titles, (title, titles)
        assert "Reactivate" not in titles  # she is active already
        assert "Sort by the next column" not in titles  # the caseload's, not the record's
        await pilot.press("escape")
        await pilot.pause()
        await palette_titles(app, pilot, "put on hold")
        await pilot.press("enter")
        for _ in range(20):
            await pilot.pause()
            if isinstance(app.screen, FormScreen):
                break
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form_title.startswith("Put Margaret")


async def test_palette_add_condition_opens_the_condition_form(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        record = await open_record(app, pilot, seeded["Margaret"])
        await palette_titles(app, pilot, "add condition")
        await pilot.press("enter")
        for _ in range(20):
            await pilot.pause()
            if isinstance(app.screen, FormScreen):
                break
        assert isinstance(app.screen, FormScreen)
        assert record.active_tab == "condition"


async def test_caseload_palette_offers_the_caseloads_actions(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        titles = await palette_titles(app, pilot)
        for title in ("Assess client", "Sort by the next column", "Filter by status",
                      "New client", "Quit"):
            assert title in titles, (title, titles)
        assert "Put on hold" not in titles


async def test_f1_shows_the_keys_of_a_form_and_closes_again(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, seeded["Margaret"])
        await pilot.press("2", "a")
        for _ in range(20):
            await pilot.pause()
            if isinstance(app.screen, FormScreen):
                break
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press(*"Asthma")
        rows = await help_rows(app, pilot)  # f1 opens it over the form, escape closes it
        assert listed(rows, "form.save") and listed(rows, "form.cancel")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")  # f1 again closes it too
        await pilot.pause()
        assert app.screen is form and "Asthma" in str(form.values())


async def test_the_queue_palette_records_a_hospital_stay_for_the_highlighted_client(
        make_app, seeded, db):
    from conftest import wait_for
    from sqlalchemy import select
    from test_queue_ui import highlight, queue_shown

    from carecli.data.models import HospitalStay

    jose = seeded["José"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, jose)
        assert "Record a hospital stay for the highlighted client" in await palette_titles(
            app, pilot, "hospital stay")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the stay form")
        assert app.screen.form_title == "Record a hospital stay"
        await pilot.press(*"Mercy Hospital", "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen), "the save")
    with db.read() as session:
        assert [s.facility for s in session.scalars(select(HospitalStay).where(
            HospitalStay.client_id == jose))] == ["Mercy Hospital"]
