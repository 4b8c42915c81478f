"""The call timer by keyboard: it shows on every screen while it runs, survives rebuilding the
app on the same database (a restart or a crash), and quitting while it runs asks first."""

from datetime import UTC, datetime, timedelta

from conftest import SIZE, settle, wait_for
from sqlalchemy import select
from test_actions_ui import palette_titles
from test_caseload_ui import loaded

from carecli.data.models import CallTimer
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.contact_logger import ContactLogger
from carecli.screens.record import RecordScreen
from carecli.screens.timer import QuitWithTimerScreen
from carecli.widgets.timer_bar import TimerBar


def bar_text(app) -> str:
    """The timer line on the screen in view ('' while hidden)."""
    bars = app.screen.query(TimerBar)
    if not bars or not bars.first().display:
        return ""
    return str(bars.first().render())


def stored(db) -> list[CallTimer]:
    with db.read() as session:
        return list(session.scalars(select(CallTimer)).all())


def _store_timer(db, client_id: int, **fields) -> None:
    with db.write() as session:
        session.add(CallTimer(client_id=client_id, **fields))


async def test_a_started_timer_shows_on_every_screen(make_app, seeded, db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = await loaded(app, pilot)
        client = table.current
        assert bar_text(app) == ""
        await pilot.press("space")
        await wait_for(pilot, lambda: bar_text(app), "the timer line")
        name = f"{client.given_name} {client.family_name}"
        assert "⏱ 0:0" in bar_text(app) and name in bar_text(app)
        assert [t.client_id for t in stored(db)] == [client.id]
        await pilot.press("enter")  # the record
        await wait_for(pilot, lambda: isinstance(app.screen, RecordScreen)
                       and app.screen.record is not None, "the record")
        assert name in bar_text(app) and "ctrl+t pauses" in bar_text(app)
        await pilot.press("3", "ctrl+t")  # another tab; pause from anywhere
        await settle(app, pilot)
        assert "⏸" in bar_text(app) and "(paused)" in bar_text(app)
        assert stored(db)[0].paused_at is not None
        await pilot.press("escape")  # back on the caseload, still there
        await pilot.pause()
        assert app.screen is app.caseload and name in bar_text(app)
        await pilot.press("space")  # resumes it
        await settle(app, pilot)
        assert "⏱" in bar_text(app) and stored(db)[0].paused_at is None


async def test_one_call_at_a_time(make_app, seeded, db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = await loaded(app, pilot)
        first = table.current
        app.toggle_timer(seeded["Li"] if first.id != seeded["Li"] else seeded["José"])
        await settle(app, pilot)
        await pilot.press("space")  # the highlighted client: refused, one call at a time
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any("already running for" in m for m in messages)
        assert len(stored(db)) == 1 and stored(db)[0].client_id != first.id


async def test_the_timer_survives_rebuilding_the_app(make_app, seeded, db):
    twelve_ago = datetime.now(UTC) - timedelta(minutes=12)
    _store_timer(db, seeded["Margaret"], started_at=twelve_ago)
    app = make_app()  # as after a crash: the row is all there is
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await wait_for(pilot, lambda: bar_text(app), "the timer line")
        assert "⏱ 12:" in bar_text(app) and "Margaret Okafor" in bar_text(app)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await loaded(again, pilot)
        await wait_for(pilot, lambda: bar_text(again), "the timer line")
        assert "⏸ 12:" in bar_text(again) and "(paused)" in bar_text(again)


async def test_quit_with_a_running_timer_asks(make_app, seeded, db):
    _store_timer(db, seeded["Walter"], started_at=datetime.now(UTC) - timedelta(minutes=3))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await wait_for(pilot, lambda: bar_text(app), "the timer line")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, QuitWithTimerScreen)
        text = str(app.screen.query_one("#timer-quit-question").render())
        assert "Walter Brooks is running (3:" in text
        await pilot.press("ctrl+q")  # twice: still one question
        await pilot.pause()
        assert sum(isinstance(s, QuitWithTimerScreen) for s in app.screen_stack) == 1
        await pilot.press("escape")  # cancel: nothing changes
        await pilot.pause()
        assert app.is_running and app.screen is app.caseload
        await pilot.press("ctrl+q", "p")  # pause it and quit
        await settle(app, pilot)
    assert not app.is_running
    assert stored(db)[0].paused_at is not None


async def test_quit_keeping_the_timer_running(make_app, seeded, db):
    _store_timer(db, seeded["Walter"], started_at=datetime.now(UTC) - timedelta(minutes=3))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await wait_for(pilot, lambda: bar_text(app), "the timer line")
        await pilot.press("ctrl+q", "k")
        await pilot.pause()
    assert not app.is_running
    assert stored(db)[0].paused_at is None  # it goes on counting


async def test_quit_with_a_paused_timer_does_not_ask(make_app, seeded, db):
    now = datetime.now(UTC)
    _store_timer(db, seeded["Walter"], started_at=now - timedelta(minutes=9),
                 paused_at=now - timedelta(minutes=2))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await wait_for(pilot, lambda: bar_text(app), "the timer line")
        assert "⏸ 7:00" in bar_text(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_a_timer_is_discarded_from_the_palette_after_asking(make_app, seeded, db):
    _store_timer(db, seeded["Walter"], started_at=datetime.now(UTC) - timedelta(minutes=3))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await wait_for(pilot, lambda: bar_text(app), "the timer line")
        assert "Discard the call timer" in await palette_titles(app, pilot, "discard")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Walter Brooks" in app.screen.question
        await pilot.press("y")
        await settle(app, pilot)
        assert bar_text(app) == "" and stored(db) == []


async def test_quit_with_a_running_timer_can_log_the_call_first(make_app, seeded, db):
    _store_timer(db, seeded["Walter"], started_at=datetime.now(UTC) - timedelta(minutes=3))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await wait_for(pilot, lambda: bar_text(app), "the timer line")
        await pilot.press("ctrl+q", "l")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactLogger), "the logger")
        assert app.is_running
        assert app.screen.form_title == "Log a contact with Walter Brooks"
        assert app.screen.query_one("#field-minutes").value == "3"


async def test_a_timer_left_running_is_read_after_the_first_rows(make_app, seeded, db,
                                                                  db_path, today):
    """Reading the timer loads SQLAlchemy; done while the queue is read, the two shared one
    interpreter lock and the first rows came about a second later. The timer waits for them."""
    from carecli.config import resolve_database
    from carecli.data.service import CareService

    _store_timer(db, seeded["Margaret"], started_at=datetime.now(UTC) - timedelta(minutes=2))
    app = make_app(CareService(resolve_database(str(db_path)), today=today))  # opens itself
    seen_when_read: list[bool] = []
    read_timers = app.service.timers

    def timers():
        seen_when_read.append(app.queue.queue is not None)
        return read_timers()

    app.service.timers = timers
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await wait_for(pilot, lambda: bar_text(app), "the timer line")
    assert seen_when_read and seen_when_read[0] is True
