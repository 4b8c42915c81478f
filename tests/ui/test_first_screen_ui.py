"""The top of the caseload shows before the rest is read, and nothing moves when the rest comes."""

from conftest import SIZE

from carecli.app import CareApp
from carecli.config import resolve_database
from carecli.data.caseload import load_caseload, load_first_screen
from carecli.data.service import CareService
from carecli.demo import build_demo
from carecli.widgets.client_table import ClientTable


async def wait_loaded(app, pilot) -> ClientTable:
    for _ in range(400):
        await pilot.pause(0.02)
        if app.caseload.loaded:
            app.action_show_caseload()  # the app opens on the queue
            return app.caseload.table
    raise AssertionError("caseload never loaded")


def summary(app) -> str:
    return str(app.caseload.query_one("#caseload-summary").render())


async def test_opening_a_file_shows_the_top_rows_then_all(db, db_path, today):
    build_demo(db=db, clients=120, seed=2, today=today)
    # opens and reads the file as at startup
    app = CareApp(CareService(resolve_database(str(db_path)), today=today))
    async with app.run_test(size=SIZE) as pilot:
        table = await wait_loaded(app, pilot)
        assert len(app.caseload.all_rows) == 120
        first = load_first_screen(db=db, today=today)
        assert table.rows[:len(first)] == first and table.cursor == 0
        assert "of 120 clients" in summary(app)


async def test_the_cursor_stays_on_its_client_when_the_rest_arrives(make_app, db, today):
    build_demo(db=db, clients=120, seed=2, today=today)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = await wait_loaded(app, pilot)
        screen = app.caseload
        screen.loaded = False  # as at startup, before the whole caseload was read
        first = load_first_screen(db=db, today=today, count=10)
        screen.show_rows(first, None, complete=False)
        await pilot.pause()
        assert table.rows == first and "reading the rest of the caseload" in summary(app)
        await pilot.press("down", "down", "down")
        chosen, top = table.current, round(table.scroll_y)

        screen.show_rows(load_caseload(db=db, today=today), None)
        await pilot.pause()
        assert table.rows[:len(first)] == first and len(table.rows) > len(first)
        assert table.cursor == 3 and table.current == chosen and round(table.scroll_y) == top
        assert "of 120 clients" in summary(app) and screen.loaded
