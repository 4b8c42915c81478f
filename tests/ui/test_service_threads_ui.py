"""No database work on the UI thread: every data-service call a screen makes runs in a worker."""

import threading

from conftest import SIZE, settle, wait_for
from sqlalchemy import select
from test_assessment_ui import answer_all, focused
from test_record_ui import open_record

from carecli.config import resolve_database
from carecli.data.models import Assessment, Client
from carecli.data.service import CareService
from carecli.screens.form import FormScreen
from carecli.screens.summary import SummaryScreen

DATA_CALLS = (
    "caseload", "record", "completed_assessment", "client", "client_values", "entry_values",
    "assessment_start", "summary_context", "risk_decision", "create_client", "update_client",
    "change_status", "add_entry", "update_entry", "remove_entry", "start_assessment",
    "save_draft", "discard_draft", "complete_assessment", "load_demo", "replaced",
    "remember_generation",
)


def watched(service: CareService) -> list[tuple[str, bool]]:
    """Wrap each data call of `service` to note (its name, whether it ran on the main thread)."""
    calls: list[tuple[str, bool]] = []
    for name in DATA_CALLS:
        method = getattr(service, name)

        def wrapper(*args, _name=name, _method=method, **kwargs):
            calls.append((_name, threading.current_thread() is threading.main_thread()))
            return _method(*args, **kwargs)

        setattr(service, name, wrapper)
    return calls


async def test_no_data_call_runs_on_the_ui_thread(make_app, seeded, db, db_path, today):
    service = CareService(resolve_database(str(db_path)), db=db, today=today)
    calls = watched(service)
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, seeded["Ann"])
        await pilot.press("e")  # edit the client on Overview
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        app.screen.query_one("#field-phone").value = "555-000-1111"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        await focused(app, pilot, seeded["Ann"], "gad7")
        await answer_all(app, pilot, lambda q: "2")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is app.caseload
    names = {name for name, _ in calls}
    assert {"caseload", "record", "client_values", "update_client", "assessment_start",
            "start_assessment", "save_draft", "summary_context",
            "complete_assessment"} <= names
    assert [name for name, on_main in calls if on_main] == []
    with db.read() as session:
        assert session.get(Client, seeded["Ann"]).phone == "555-000-1111"
        assert session.scalars(select(Assessment)).one().status == "completed"


async def test_calls_asked_in_order_run_in_that_order(make_app, seeded):
    """A draft save never overtakes an earlier one: the second call waits for the first, even
    when the first is slow (here it waits for the second to have run, which it must not)."""
    from carecli.screens.base import InOrder, run_service_call

    gate, ran = threading.Event(), []

    def first() -> None:
        gate.wait(timeout=1.0)  # set by `second`, if it ran first
        ran.append("first")

    def second() -> None:
        ran.append("second")
        gate.set()

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        saves = InOrder()
        run_service_call(app, first, in_order=saves)
        run_service_call(app, second, in_order=saves)
        await settle(app, pilot)
    assert ran == ["first", "second"]
