"""The head of today's queue shows before the rest is read, and the cursor stays on its item when
the rest comes; the app can open on the caseload instead (`carecli --caseload`)."""

from conftest import SIZE, settle, wait_for

from carecli.app import CareApp
from carecli.config import resolve_database
from carecli.data.queue import load_queue
from carecli.data.service import CareService
from carecli.demo import build_demo
from carecli.screens.queue import READING_THE_REST


class Watched(CareService):
    """The service as the app uses it, noting what the queue screen shows at the moment the
    head of the queue has been handed on (the app puts it on screen before going on)."""

    app: CareApp
    seen: list[tuple] = []

    def queue(self, today=None, client_id=None, first=None):
        if first is None:
            return super().queue(today, client_id)

        def shown(items: tuple) -> None:
            first(items)
            screen = self.app.queue
            self.seen.append((items, list(screen.table.rows), counts(self.app)))

        return super().queue(today, client_id, first=shown)


def counts(app) -> str:
    return str(app.queue.query_one("#queue-counts").render())


async def test_opening_a_file_shows_the_head_of_the_queue_then_all(db, db_path, today):
    build_demo(db=db, clients=120, seed=2, today=today)
    service = Watched(resolve_database(str(db_path)), today=today)  # reads the file, as at start
    service.seen = []
    app = service.app = CareApp(service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.queue.queue is not None, "the queue")
        await settle(app, pilot)
        [(head, rows_then, counts_then)] = service.seen
        assert head and rows_then == list(head) and counts_then == READING_THE_REST
        full = load_queue(db=db, today=today)
        assert list(app.queue.table.rows) == list(full.items)
        assert list(head) == list(full.items[:len(head)])
        assert "due today" in counts(app) and app.queue.table.cursor == 0


async def test_the_cursor_stays_on_its_item_when_the_rest_arrives(make_app, db, today):
    build_demo(db=db, clients=120, seed=2, today=today)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.queue.queue is not None, "the queue")
        await settle(app, pilot)
        screen, table = app.queue, app.queue.table
        full = load_queue(db=db, today=today)
        screen.queue = None  # as at startup, before the whole queue was read
        screen.show_first(full.items[:5])
        await pilot.pause()
        assert list(table.rows) == list(full.items[:5]) and counts(app) == READING_THE_REST
        await pilot.press("down", "down", "down")
        chosen = table.current
        assert chosen == full.items[3]

        screen.show(full)
        await pilot.pause()
        assert len(table.rows) == len(full.items) > 5
        assert table.cursor == 3 and table.current == chosen
        assert "due today" in counts(app)


async def test_the_app_can_open_on_the_caseload(db, db_path, today):
    build_demo(db=db, clients=30, seed=2, today=today)
    app = CareApp(CareService(resolve_database(str(db_path)), today=today), home="caseload")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.caseload.loaded and app.queue.queue is not None,
                       "the caseload and the queue")
        await settle(app, pilot)
        assert app.screen is app.caseload and len(app.caseload.table.rows) > 0
        assert app.screen.sub_title == "Caseload"
        app.action_show_queue()
        await pilot.pause()
        assert app.screen is app.queue
        assert list(app.queue.table.rows) == list(load_queue(db=db, today=today).items)
