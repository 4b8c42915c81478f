"""Two windows and a replaced database, driven by keyboard: a save over a change made
elsewhere is refused with a sentence, keeps what was typed, and writes nothing."""

from conftest import SIZE
from test_caseload_ui import loaded
from test_record_ui import open_record, settle

from carecli.config import resolve_database
from carecli.data.clients import client_values
from carecli.data.db import open_database
from carecli.data.models import Client, Condition
from carecli.demo import build_demo
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.form import FormScreen
from carecli.screens.record import RecordScreen


def _underneath(db, model, row_id: int, **changes) -> None:
    """Another window saves a change to the row (a transaction of its own)."""
    with db.write() as session:
        row = session.get(model, row_id)
        for key, value in changes.items():
            setattr(row, key, value)


def _stored(db, model, row_id: int):
    with db.read() as session:
        return session.get(model, row_id)


def _notified(app) -> str:
    return " ".join(n.message for n in app._notifications)


async def test_saving_a_client_changed_in_another_window_is_refused(make_app, seeded, db):
    client_id = seeded["José"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, client_id)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-phone").value = "555-000-1111"
        form.query_one("#field-notes").text = "Daughter visits on Sundays."
        _underneath(db, Client, client_id, family_name="Núñez-Ortiz", phone="555-999-8888")
        before = client_values(_stored(db, Client, client_id))

        await pilot.press("ctrl+s")
        await settle(app, pilot)

        assert app.screen is form  # still open, with everything typed
        message = str(form.query_one("#form-message").render())
        assert "changed in another window since you opened it" in message
        assert "your text is still here" in message
        assert form.query_one("#field-phone").value == "555-000-1111"
        assert form.query_one("#field-notes").text == "Daughter visits on Sundays."
        assert client_values(_stored(db, Client, client_id)) == before  # nothing undone
        record = app.screen_stack[-2]  # the record behind the form read the change already
        assert record.record.client.family_name == "Núñez-Ortiz"

        await pilot.press("escape", "y")  # close it and open it again: the change is there
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#field-family_name").value == "Núñez-Ortiz"


async def test_a_condition_changed_in_another_window_is_neither_overwritten_nor_removed(
    make_app, seeded, db
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        record = await open_record(app, pilot, seeded["Ann"])
        await pilot.press("2")
        await pilot.pause()
        [entry] = record.query_one("#entries-condition").entries
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-name").value = "Severe asthma"
        _underneath(db, Condition, entry.id, note="Uses a spacer.")

        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is form and form.query_one("#field-name").value == "Severe asthma"
        assert "changed in another window" in str(form.query_one("#form-message").render())
        stored = _stored(db, Condition, entry.id)
        assert (stored.name, stored.note) == ("Asthma", "Uses a spacer.")

        await pilot.press("escape", "y")
        await settle(app, pilot)
        _underneath(db, Condition, entry.id, note="Uses a spacer twice a day.")
        await pilot.press("d")  # the row shown is now older than the one stored
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert "was not removed" in _notified(app)
        assert _stored(db, Condition, entry.id).note == "Uses a spacer twice a day."


async def test_a_form_open_when_the_database_is_replaced_writes_nothing(
    make_app, seeded, db, db_path, today
):
    client_id = seeded["Margaret"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, client_id)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-notes").text = "Margaret's insulin was changed."

        other = open_database(resolve_database(str(db_path)))  # `carecli demo --force`
        build_demo(db=other, clients=8, seed=4, today=today, force=True)
        other.dispose()
        someone_else = client_values(_stored(db, Client, client_id))
        assert someone_else["given_name"] != "Margaret"

        await pilot.press("ctrl+s")
        await settle(app, pilot)

        assert client_values(_stored(db, Client, client_id)) == someone_else
        assert "replaced by another program" in _notified(app)
        assert app.screen is app.caseload
        await settle(app, pilot)
        assert "Okafor" not in {row.family_name for row in app.caseload.all_rows}
        assert len(app.caseload.all_rows) == 8


async def test_an_open_record_notices_a_replaced_database_without_a_write(
    make_app, seeded, db, db_path, today
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, seeded["Walter"])
        other = open_database(resolve_database(str(db_path)))
        build_demo(db=other, clients=8, seed=4, today=today, force=True)
        other.dispose()

        app.look_for_replacement()  # what the app's timer runs every few seconds
        await settle(app, pilot)
        await settle(app, pilot)

        assert app.screen is app.caseload and not isinstance(app.screen, RecordScreen)
        assert "replaced by another program" in _notified(app)
        assert len(app.caseload.all_rows) == 8


async def test_a_form_is_left_alone_when_the_replacement_is_noticed(
    make_app, seeded, db, db_path, today
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await pilot.press("n", *"Zoë")
        await pilot.pause()
        form = app.screen
        other = open_database(resolve_database(str(db_path)))
        build_demo(db=other, clients=8, seed=4, today=today, force=True)
        other.dispose()

        app.look_for_replacement()
        await settle(app, pilot)

        assert app.screen is form and form.query_one("#field-given_name").value == "Zoë"


async def test_a_row_of_the_replaced_caseload_does_not_open_someone_else(
    make_app, seeded, db, db_path, today
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        other = open_database(resolve_database(str(db_path)))
        build_demo(db=other, clients=8, seed=4, today=today, force=True)
        other.dispose()

        app.open_client(seeded["Li"])  # enter on a row still showing the old caseload
        await settle(app, pilot)
        await settle(app, pilot)

        assert app.screen is app.caseload
        assert "replaced by another program" in _notified(app)
        assert len(app.caseload.all_rows) == 8
