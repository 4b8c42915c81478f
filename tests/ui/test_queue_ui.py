"""Work a morning in today's queue by keyboard on the seeded caseload (Tuesday 2026-11-24): the
app opens on the queue, safety first; snooze an item and see it come back on its day, schedule
a check-in and see it on its day, open a record and come back, the week ahead, help; then check
the database."""

from datetime import UTC, date, datetime, timedelta

import pytest
from conftest import settle, wait_for
from sqlalchemy import select

from carecli.app import CareApp
from carecli.config import resolve_database
from carecli.data.models import CheckIn, ContactLog, SafetyFinding, Snooze
from carecli.data.service import CareService
from carecli.screens.form import FormScreen
from carecli.screens.help import HelpScreen
from carecli.screens.record import RecordScreen

NARROW = (80, 24)


@pytest.fixture
def finding(db, seeded, today):
    """Ann answered PHQ-9 item 9 positively two days ago; nobody has followed it up yet."""
    found = datetime.combine(today, datetime.min.time(), tzinfo=UTC) - timedelta(days=2)
    with db.write() as session:
        session.add(SafetyFinding(client_id=seeded["Ann"], flag="suicidal_ideation",
                                  instrument_id="phq9", answers={"9": 1}, found_at=found))
    return seeded


def app_on(db, db_path, day: date) -> CareApp:
    """The app as it opens on `day`."""
    return CareApp(CareService(resolve_database(str(db_path)), db=db, today=day))


async def queue_shown(app, pilot):
    await wait_for(pilot, lambda: app.queue.queue is not None, "the queue")
    await settle(app, pilot)
    return app.queue.table


def keys_of(app) -> list[tuple[int, str]]:
    """(client id, kind) of every row, in queue order."""
    return [(item.client_id, item.kind) for item in app.queue.table.rows]


def shown(widget) -> str:
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def highlight(pilot, client_id: int, kind: str | None = None) -> None:
    """Move the cursor down to the client's item (of that kind) by keyboard."""
    table = pilot.app.queue.table
    await pilot.press("home")
    for _ in range(len(table.rows)):
        item = table.current
        if item.client_id == client_id and kind in (None, item.kind):
            return
        await pilot.press("down")
    raise AssertionError(f"no {kind or 'item'} of client {client_id} in the queue")


def stored(db, model, *where):
    with db.read() as session:
        return session.scalars(select(model).where(*where)).all()


async def test_the_app_opens_on_the_queue_safety_first(make_app, finding):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        table = await queue_shown(app, pilot)
        assert app.screen is app.queue
        queue = app.queue.queue
        assert keys_of(app)[0] == (finding["Ann"], "safety")
        assert all(kind != "safety" for _, kind in keys_of(app)[1:])
        text = shown(table)
        for item in queue.items:  # every client's name whole, whatever the reason's length
            assert item.client in text
        counts = str(app.queue.query_one("#queue-counts").render())
        assert f"{queue.due} due today" in counts and f"{queue.overdue} overdue" in counts
        assert "0 done today" in counts
        detail = str(app.queue.query_one("#queue-detail").render())
        assert queue.items[0].reason in detail  # the highlighted item's reason, never cut


async def test_a_safety_item_cannot_be_snoozed(make_app, finding, db):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, finding["Ann"], "safety")
        await pilot.press("s")
        await settle(app, pilot)
        assert app.screen is app.queue  # no form
        assert "A safety item cannot be snoozed" in " ".join(
            n.message for n in app._notifications)
        assert not stored(db, Snooze)


async def test_a_snoozed_item_leaves_the_queue_and_comes_back_on_its_day(
    make_app, seeded, db, db_path, today
):
    jose = seeded["José"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, jose, "check_in")
        item = app.queue.table.current
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"2026-11-24", "ctrl+s")  # today, and no reason yet
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert "after today" in str(form.query_one("#error-until_on").render())
        assert "Reason" in str(form.query_one("#error-reason").render())
        assert form.query_one("#field-until_on").has_focus  # the first field to fix
        await pilot.press("end", "ctrl+u", *"2026-11-27", "tab")
        await pilot.press(*"Away at her daughter's until Friday", "ctrl+s")
        await settle(app, pilot)
        assert app.screen is app.queue
        assert (jose, item.kind) not in keys_of(app)
        assert "Snoozed Núñez, José until Fri Nov 27: it comes back that day." in [
            n.message for n in app._notifications]

    snooze, = stored(db, Snooze)
    assert (snooze.client_id, snooze.item_key, snooze.until_on) == (
        jose, item.key, date(2026, 11, 27))
    assert snooze.reason == "Away at her daughter's until Friday"
    for day, back in ((date(2026, 11, 26), False), (date(2026, 11, 27), True)):
        again = app_on(db, db_path, day)
        async with again.run_test(size=NARROW) as pilot:
            await queue_shown(again, pilot)
            assert ((jose, item.kind) in keys_of(again)) is back, day


async def test_a_check_in_scheduled_from_the_queue_appears_on_its_day(
    make_app, seeded, db, db_path
):
    """José's check-in is overdue by his cadence; the nurse sets it for Thursday instead."""
    jose, thursday = seeded["José"], date(2026, 11, 26)
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        before = dict(app.queue.queue.week)[thursday]
        await highlight(pilot, jose, "check_in")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"11/26/2026", "tab", *"Review the inhaler technique", "ctrl+s")
        await settle(app, pilot)
        assert app.screen is app.queue
        assert jose not in {client_id for client_id, _ in keys_of(app)}
        assert dict(app.queue.queue.week)[thursday] == before + 1
        assert ("Check-in with Núñez, José set for Thu Nov 26: it is now their next check-in, "
                "in place of the one by cadence.") in [n.message for n in app._notifications]

    check_in, = stored(db, CheckIn, CheckIn.client_id == jose)
    assert (check_in.kind, check_in.due_on, check_in.reason) == (
        "check_in", thursday, "Review the inhaler technique")
    later = app_on(db, db_path, thursday)
    async with later.run_test(size=NARROW) as pilot:
        await queue_shown(later, pilot)
        item, = [i for i in later.queue.table.rows if i.client_id == jose]
        assert item.kind == "scheduled" and "Review the inhaler technique" in item.reason


async def test_o_opens_the_record_and_escape_comes_back_to_the_queue(make_app, seeded):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, seeded["Walter"])
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordScreen), "the record")
        assert app.screen.client_id == seeded["Walter"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.queue
        assert app.queue.table.current.client_id == seeded["Walter"]  # where it was

        await pilot.press("c")  # the caseload, one key away; a record opened there ...
        await pilot.pause()
        assert app.screen is app.caseload
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordScreen), "the record")
        await pilot.press("escape")  # ... goes back to the caseload
        await pilot.pause()
        assert app.screen is app.caseload
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is app.queue


async def test_the_week_view_counts_the_next_seven_days(make_app, seeded):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        week_panel = app.queue.query_one("#queue-week")
        assert not week_panel.display
        await pilot.press("w")
        await pilot.pause()
        assert week_panel.display and not app.queue.query_one("#queue-done").display
        text = str(week_panel.render())
        week = app.queue.queue.week
        assert len(week) == 7 and week[0][0] == date(2026, 11, 24)
        for day, number in week:
            assert f"{day:%a %b %d}" in text
            line = next(ln for ln in text.splitlines() if f"{day:%a %b %d}" in ln)
            assert line.endswith(f" {number}")
        await pilot.press("w")
        await pilot.pause()
        assert not week_panel.display


async def test_done_today_lists_todays_contacts_newest_first(make_app, seeded, db, today):
    noon = datetime.combine(today, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    with db.write() as session:
        session.add(ContactLog(client_id=seeded["Li"], occurred_at=noon - timedelta(hours=3),
                               mode="phone", outcome="voicemail", minutes=2))
        session.add(ContactLog(client_id=seeded["José"], occurred_at=noon - timedelta(hours=1),
                               mode="phone", outcome="reached", successful=True, minutes=14,
                               note="Inhaler technique reviewed."))
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        done = str(app.queue.query_one("#queue-done").render())
        assert "Done today (2)" in done
        assert done.index("Núñez") < done.index("Wei")  # newest first
        assert "14 min" in done and "2 min" in done
        assert "2 done today" in str(app.queue.query_one("#queue-counts").render())


async def test_help_lists_every_queue_key_and_who_is_ccm_at_risk(make_app, seeded):
    from carecli.actions import in_context

    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        at_risk = app.queue.queue.ccm_at_risk
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = {key for key, _ in app.screen.keys}
        for action in in_context("queue"):
            if action.key_list():  # a palette-only one has no key to list
                assert action.all_shown() in listed, action.id
        intro = str(app.screen.query_one("#help-intro").render())
        for client in at_risk:
            assert client.client in intro


async def test_the_welcome_shows_over_the_queue_on_an_empty_database(make_app):
    from carecli.screens.welcome import WelcomeScreen

    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen), "the welcome")
        await pilot.press("d")  # the demo caseload: the queue reads it
        await wait_for(pilot, lambda: app.screen is app.queue and app.queue.table.rows,
                       "the demo's queue")


async def test_enter_logs_a_call_for_the_item_and_the_cursor_moves_to_the_next(
    make_app, seeded, db
):
    from carecli.screens.contact_logger import ContactLogger

    jose = seeded["José"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, jose, "check_in")
        table = app.queue.table
        item, after = table.current, table.rows[table.cursor + 1]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactLogger), "the logger")
        assert item.reason in app.screen.form_title
        # reached by phone with José (the defaults); 14 minutes and a note
        await pilot.press("tab", "tab", "tab", "tab", *"14", "tab", *"Inhaler technique good.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is app.queue
        assert (jose, "check_in") not in keys_of(app)  # reached: due again in 14 days
        assert table.current == after
        assert "1 done today" in str(app.queue.query_one("#queue-counts").render())

    contact, = stored(db, ContactLog, ContactLog.client_id == jose,
                      ContactLog.note == "Inhaler technique good.")
    assert (contact.outcome, contact.minutes) == ("reached", 14)


async def test_space_starts_and_pauses_the_call_timer_of_the_highlighted_client(
    make_app, seeded, db
):
    from carecli.data.models import CallTimer

    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, seeded["Walter"])
        await pilot.press("space")
        await settle(app, pilot)
        timer, = stored(db, CallTimer)
        assert timer.client_id == seeded["Walter"] and timer.paused_at is None
        await pilot.press("space")
        await settle(app, pilot)
        assert stored(db, CallTimer)[0].paused_at is not None


async def test_after_a_voicemail_the_item_stays_and_the_cursor_moves_on(make_app, finding):
    """An attempt does not follow a safety finding up: it stays first, the cursor goes on."""
    from carecli.screens.contact_logger import ContactLogger

    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        table = app.queue.table
        first, second = table.rows[0], table.rows[1]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactLogger), "the logger")
        await pilot.press("enter", "down", "down", "enter")  # outcome: voicemail
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is app.queue
        assert table.rows[0] == first and table.current == second


async def test_the_palette_does_not_leave_a_form_behind_with_its_typing(make_app, seeded):
    """"Caseload" from the palette over a half-filled form: the form stays, with the text."""
    from test_caseload_ui import jump_with_palette

    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, seeded["José"], "check_in")
        await pilot.press("s", "tab", *"Back Friday")
        form = app.screen
        await jump_with_palette(pilot, "Caseload")
        assert app.screen is form and form.values()["reason"] == "Back Friday"
        assert "Save or close this form first." in " ".join(
            n.message for n in app._notifications)
