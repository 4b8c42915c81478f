"""A form whose save is still under way (the database busy in another window, a server far
away) when a dialog opens over it (ctrl+q's "Discard what you typed and quit?", escape's
"Discard...?", help): when the save then succeeds, the form closes, not the dialog above it.
It used to close the dialog and leave the saved form open with its text, so saving again
stored the stay twice and the next save stopped the app with "InvalidStateError"."""

import sqlite3

from conftest import settle, wait_for
from sqlalchemy import select
from test_queue_ui import NARROW, highlight, queue_shown

from carecli.data.models import HospitalStay
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.form import FormScreen
from carecli.screens.stays import StaysScreen


def stays_of(db, client_id: int) -> list[HospitalStay]:
    with db.read() as session:
        return list(session.scalars(select(HospitalStay).where(
            HospitalStay.client_id == client_id)).all())


async def test_a_save_that_ends_under_the_quit_question_closes_its_form(make_app, seeded,
                                                                        db):
    jose = seeded["José"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, jose, "check_in")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, StaysScreen), "José's stays")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the stay form")
        await pilot.press(*"Mercy Hospital")
        other_window = sqlite3.connect(db.path, isolation_level=None)
        other_window.execute("BEGIN IMMEDIATE")  # another window is writing: the save waits
        try:
            await pilot.press("ctrl+s", "ctrl+q")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        finally:
            other_window.execute("COMMIT")
            other_window.close()
        await wait_for(pilot, lambda: stays_of(db, jose), "the save")
        await settle(app, pilot)
        assert not any(isinstance(s, FormScreen) for s in app.screen_stack)
        assert isinstance(app.screen, StaysScreen)
        await pilot.press("ctrl+s")  # nothing saves the stay a second time
        await settle(app, pilot)
    assert [s.facility for s in stays_of(db, jose)] == ["Mercy Hospital"]


async def test_escape_while_the_save_is_under_way_does_not_hide_it(make_app, seeded, db):
    """Escape pressed after ctrl+s, while the save waits on another window, used to close the
    form (or ask to discard it) although the save went on: the stay was stored with no word
    said and the screen not read again. Now the form waits for its save and says so."""
    jose = seeded["José"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, jose, "check_in")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, StaysScreen), "José's stays")
        stays = app.screen
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the stay form")
        await pilot.press(*"Mercy Hospital")
        other_window = sqlite3.connect(db.path, isolation_level=None)
        other_window.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("ctrl+s", "escape")
            await pilot.pause()
            assert isinstance(app.screen, FormScreen)  # neither closed nor asking to discard
        finally:
            other_window.execute("COMMIT")
            other_window.close()
        await wait_for(pilot, lambda: app.screen is stays, "the save")
        await settle(app, pilot)
        assert "Hospital stay recorded." in [n.message for n in app._notifications]
        assert "Mercy Hospital" in str(stays.query_one("#stays-detail").render())
