"""Drive the client record by keyboard and check what the database holds afterwards."""

from conftest import SIZE, settle
from sqlalchemy import func, select
from test_caseload_ui import loaded

from carecli.data.models import AuditLog, Client, Condition, PersonalContact, StatusChange
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.form import FormScreen
from carecli.screens.record import RecordScreen


async def open_record(app, pilot, client_id: int) -> RecordScreen:
    await loaded(app, pilot)
    app.open_client(client_id)
    for _ in range(50):
        await pilot.pause()
        if isinstance(app.screen, RecordScreen) and app.screen.record is not None:
            return app.screen
    raise AssertionError("record never loaded")


def count(db, model, *where) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


async def test_add_a_client_by_keyboard(make_app, seeded, db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Zoë", "tab", *"Ñúñez [bold]", "tab", "tab", *"03/14/1948")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        with db.read() as session:
            client = session.scalars(select(Client).where(Client.given_name == "Zoë")).one()
        assert client.family_name == "Ñúñez [bold]"
        assert client.date_of_birth.isoformat() == "1948-03-14"
        assert app.screen.client_id == client.id
        banner = app.screen.query_one("#record-banner").render()
        assert "Ñúñez [bold], Zoë" in str(banner)


async def test_unreal_date_is_refused_with_a_message_and_nothing_saved(make_app, seeded, db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        before = count(db, Client)
        await pilot.press("n", *"Ada", "tab", *"Lovelace", "tab", "tab", *"2026-02-30", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        error = str(form.query_one("#error-date_of_birth").render())
        assert "2026-02-30 is not a real date" in error
        assert form.query_one("#field-date_of_birth").has_focus
        await pilot.press("escape")  # something was typed: asks before throwing it away
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form and form.query_one("#field-given_name").value == "Ada"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen is app.caseload
        assert count(db, Client) == before


async def test_edit_client_details_and_cancel_changes_nothing(make_app, seeded, db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, seeded["José"])
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        phone = form.query_one("#field-phone")
        phone.value = "+1 (555) 000-1111 ext 9"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        with db.read() as session:
            assert session.get(Client, seeded["José"]).phone == "+1 (555) 000-1111 ext 9"
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-phone").value = "999"
        await pilot.press("escape", "y")
        await settle(app, pilot)
        with db.read() as session:
            assert session.get(Client, seeded["José"]).phone == "+1 (555) 000-1111 ext 9"


async def test_add_edit_and_remove_a_condition(make_app, seeded, db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        record = await open_record(app, pilot, seeded["Ann"])
        await pilot.press("2", "a")
        await pilot.pause()
        await pilot.press(*"Type 2 diabetes", "tab", *"e11.9", "ctrl+s")
        await settle(app, pilot)
        with db.read() as session:
            condition = session.scalars(
                select(Condition).where(Condition.client_id == seeded["Ann"],
                                        Condition.name == "Type 2 diabetes")).one()
        assert condition.icd10_code == "E11.9"
        table = record.query_one("#entries-condition")
        assert table.row_count == 2
        table.move_cursor(row=[e.id for e in table.entries].index(condition.id))
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-name").value = "Type 2 diabetes mellitus"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        with db.read() as session:
            assert session.get(Condition, condition.id).name == "Type 2 diabetes mellitus"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert count(db, Condition, Condition.id == condition.id) == 0
        assert count(db, AuditLog, AuditLog.entity == "condition", AuditLog.action == "delete") == 1


async def test_add_family_contact(make_app, seeded, db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, seeded["Margaret"])
        await pilot.press("5", "a")
        await pilot.pause()
        await pilot.press(*"Chidi Okafor", "tab", *"son", "tab", *"555 303 2020", "ctrl+s")
        await settle(app, pilot)
        with db.read() as session:
            contact = session.scalars(select(PersonalContact)).one()
        assert (contact.name, contact.relation, contact.phone) == (
            "Chidi Okafor", "son", "555 303 2020")


async def test_discharge_asks_for_a_reason_and_keeps_history(make_app, seeded, db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        record = await open_record(app, pilot, seeded["Walter"])
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+s")  # no reason yet
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "Reason is required" in str(app.screen.query_one("#error-reason").render())
        await pilot.press(*"Moved to assisted living", "ctrl+s")
        await settle(app, pilot)
        with db.read() as session:
            client = session.get(Client, seeded["Walter"])
        assert client.status == "discharged"
        assert client.status_reason == "Moved to assisted living"
        assert count(db, StatusChange, StatusChange.client_id == seeded["Walter"]) == 1
        history = record.query_one("#record-history")
        assert history.row_count >= 5  # three attempts, admission, discharge, status change
        await pilot.press("escape")
        await settle(app, pilot)
        names = [r.given_name for r in app.caseload.table.rows]
        assert "Walter" not in names  # the caseload shows active clients by default


async def test_full_disk_keeps_the_form_open_with_a_message(make_app, seeded, db):
    """SQLITE_FULL (simulated with max_page_count) is reported; the typed data stays put."""
    from sqlalchemy import event

    with db.read() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()
    db.engine.dispose()
    event.listen(db.engine, "connect",
                 lambda conn, _: conn.execute(f"PRAGMA max_page_count = {pages}"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        before = count(db, Client)
        await pilot.press("n", *"Grace", "tab", *"Hopper")
        app.screen.query_one("#field-notes").text = "long note " * 1500
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert "disk is full" in str(form.query_one("#form-message").render())
        assert form.query_one("#field-given_name").value == "Grace"
        assert count(db, Client) == before


async def test_unexpected_failure_ends_with_one_sentence(make_app, seeded, monkeypatch):
    """A failing worker closes the app with a reason (printed by the CLI), not a traceback."""
    import carecli.data.record

    def broken(**_kwargs):
        raise RuntimeError("disk went away")

    monkeypatch.setattr(carecli.data.record, "load_record", broken)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        app.open_client(seeded["Ann"])
        await settle(app, pilot)
    assert app.return_code == 1
    assert app.return_value == "stopped by an unexpected error: RuntimeError: disk went away"


async def test_footer_offers_only_keys_that_work_here(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        record = await open_record(app, pilot, seeded["Margaret"])

        def shown() -> set[str]:
            return {b.binding.action for b in record.active_bindings.values()
                    if record.check_action(b.binding.action.split("(")[0], ("active",)) is not False
                    and b.binding.show}

        assert "remove" not in shown()  # nothing to remove on Overview
        assert record.check_action("status", ("active",)) is False  # already active
        assert record.check_action("status", ("on_hold",)) is True
        await pilot.press("7")
        await pilot.pause()
        assert record.check_action("add", ()) is False and record.check_action("edit", ()) is False
        await pilot.press("2")
        await pilot.pause()
        assert record.check_action("remove", ()) is True


async def test_history_row_opens_in_full(make_app, seeded):
    from carecli.screens.detail import DetailScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, seeded["Margaret"])
        await pilot.press("7", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert [str(s.render()) for s in app.screen.query(".detail-line")] == ["Weight stable."]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
