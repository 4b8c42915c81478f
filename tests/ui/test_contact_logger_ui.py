"""Logging contacts by keyboard: a reached call with a note clears a safety finding, a
voicemail sets a retry the next business day, minutes typed over the timer's keep its figure;
the record's Contacts tab lists, shows, corrects and marks the month complex."""

from datetime import UTC, date, datetime, time, timedelta

from conftest import SIZE, settle, wait_for
from sqlalchemy import select
from test_actions_ui import palette_titles
from test_caseload_ui import loaded
from test_narrow_ui import flag_suicidal_ideation
from test_record_ui import count, open_record
from test_timer_ui import bar_text

from carecli.data.models import (
    CallTimer,
    CheckIn,
    ClientMonth,
    ContactCorrection,
    ContactLog,
    SafetyFinding,
)
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.contact_logger import ContactLogger, log_contact
from carecli.screens.detail import DetailScreen
from carecli.widgets.contacts_tab import ContactsPane

TO_NOTE = ("tab",) * 5
"""From the first field (outcome) to the note: mode, with whom, someone else, minutes."""


def contacts_of(db, client_id: int) -> list[ContactLog]:
    with db.read() as session:
        return list(session.scalars(select(ContactLog).where(ContactLog.client_id == client_id)
                                    .order_by(ContactLog.id.desc())).all())


def notices(app) -> str:
    return " ".join(n.message for n in app._notifications)


async def open_logger(app, pilot, key: str = "l") -> ContactLogger:
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, ContactLogger), "the logger")
    await pilot.pause()
    return app.screen


async def test_a_reached_call_with_a_note_clears_the_safety_finding(make_app, seeded, db,
                                                                   today):
    li = seeded["Li"]
    flag_suicidal_ideation(db, li)
    with db.write() as session:  # found the day before the tests' fixed day
        finding = session.scalars(select(SafetyFinding)).one()
        finding.found_at = datetime.combine(today - timedelta(days=1), time(9), tzinfo=UTC)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        assert "suicidal_ideation" in app.caseload.row(li).flags
        await open_record(app, pilot, li)
        logger = await open_logger(app, pilot)
        assert logger.query_one("#field-outcome").value == "reached"
        await pilot.press(*TO_NOTE, *"Safe, no plan; sister staying with her")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ContactLogger), "the save")
        await settle(app, pilot)
        (contact,) = contacts_of(db, li)
        assert (contact.outcome, contact.successful, contact.mode) == ("reached", True, "phone")
        assert contact.note == "Safe, no plan; sister staying with her"
        assert (contact.with_whom, contact.with_whom_kind) == ("Li Wei", "client")
        assert "SI follow-up noted: the safety flag is cleared" in notices(app)
        assert "suicidal_ideation" not in app.caseload.row(li).flags
        pane = app.screen.query_one(ContactsPane)  # the record's Contacts tab has it
        assert pane.entries[0].id == contact.id


async def test_a_voicemail_sets_a_retry_the_next_business_day(make_app, seeded, db, today):
    jose = seeded["José"]
    app = make_app()
    logged = []
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        log_contact(app, jose, done=logged.append)
        await wait_for(pilot, lambda: isinstance(app.screen, ContactLogger), "the logger")
        await pilot.press("enter", *"v", "enter")  # the outcome, by its first letter
        await wait_for(pilot, lambda: app.screen.query_one("#field-outcome").value
                       == "voicemail", "the outcome chosen")
        await pilot.press("tab", "tab", "tab", "tab", "2", "ctrl+s")
        await wait_for(pilot, lambda: logged, "the save")
        await settle(app, pilot)
    assert today == date(2026, 11, 24)  # a Tuesday: the retry is Wednesday
    assert logged[0].retry and logged[0].next_due == date(2026, 11, 25)
    assert "Voicemail logged; retry Wed Nov 25." in notices(app)
    contact = contacts_of(db, jose)[0]  # the newest
    assert (contact.outcome, contact.successful, contact.minutes) == ("voicemail", False, 2)


async def test_minutes_typed_over_keep_the_timer_s_figure(make_app, seeded, db):
    margaret = seeded["Margaret"]
    with db.write() as session:
        session.add(CallTimer(client_id=margaret,
                              started_at=datetime.now(UTC) - timedelta(minutes=12, seconds=5)))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await wait_for(pilot, lambda: bar_text(app), "the timer line")
        logger = await open_logger(app, pilot, "ctrl+l")  # the timed call, from anywhere
        minutes = logger.query_one("#field-minutes")
        assert minutes.value == "12"
        minutes.value = "20"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ContactLogger), "the save")
        await settle(app, pilot)
        assert bar_text(app) == ""  # the logged call stopped its timer
    (contact,) = [c for c in contacts_of(db, margaret) if c.note is None]
    assert (contact.minutes, contact.timer_minutes) == (20, 12)
    assert count(db, CallTimer) == 0


async def test_a_call_ticks_topics_and_sets_a_task(make_app, seeded, db):
    ann = seeded["Ann"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, ann)
        logger = await open_logger(app, pilot)
        await pilot.press(*("tab",) * 6, "space")  # the first topic: ticked
        await pilot.press("tab", *"inhaler refills", *("tab",) * 3)
        assert logger.query_one("#field-follow_up").has_focus
        await pilot.press("enter", *"t", "enter")  # a task
        await pilot.press("tab", *"2026-12-01", "tab", *"Call the pharmacy", "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ContactLogger), "the save")
        await settle(app, pilot)
        assert "Task scheduled." in notices(app)
    (contact,) = contacts_of(db, ann)
    assert contact.topics == ["medications", "inhaler refills"] and not contact.education
    with db.read() as session:
        task = session.scalars(select(CheckIn).where(CheckIn.client_id == ann)).one()
    assert (task.kind, task.due_on, task.reason) == ("task", date(2026, 12, 1),
                                                     "Call the pharmacy")


async def test_a_refusal_shows_beside_its_field_and_escape_asks(make_app, seeded, db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, seeded["Ann"])
        logger = await open_logger(app, pilot)
        await pilot.press("tab", "tab", "tab", "tab", *"900", "ctrl+s")
        await settle(app, pilot)
        assert app.screen is logger
        error = str(logger.query_one("#error-minutes").render())
        assert error.startswith("Minutes must be at most 600")
        await pilot.press("escape")  # something was typed: asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ContactLogger)
    assert contacts_of(db, seeded["Ann"]) == []


async def test_the_contacts_tab_lists_shows_corrects_and_marks_complex(make_app, seeded, db):
    margaret = seeded["Margaret"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        record = await open_record(app, pilot, margaret)
        await pilot.press("9")
        await settle(app, pilot)
        pane = record.query_one(ContactsPane)
        assert [e.note for e in pane.entries] == ["Weight stable."]
        assert "November: 25 min — 99490 · complex: no" in str(
            pane.query_one("#contacts-month").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("escape", "e")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactLogger), "the correction")
        await pilot.press(*"Was 30 minutes", "tab", "tab", "tab", "tab", "tab")
        app.screen.query_one("#field-minutes").value = "30"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ContactLogger), "the save")
        await settle(app, pilot)
        assert "November: 30 min" in str(pane.query_one("#contacts-month").render())
        await pilot.press("enter")  # in full, with the correction
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen), "the contact")
        lines = [str(line.render()) for line in app.screen.query(".detail-line")]
        assert any(line.endswith(": Was 30 minutes") for line in lines)
        assert "It was: minutes 25" in lines
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await settle(app, pilot)
        assert "complex: yes" in str(pane.query_one("#contacts-month").render())
    (contact,) = contacts_of(db, margaret)
    assert contact.minutes == 30
    with db.read() as session:
        correction = session.scalars(select(ContactCorrection)).one()
        month = session.scalars(select(ClientMonth)).one()
    assert (correction.reason, correction.before) == ("Was 30 minutes", {"minutes": 25})
    assert (month.client_id, month.month, month.complex) == (margaret, "2026-11", True)


async def test_the_palette_logs_a_contact_with_the_highlighted_client(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = await loaded(app, pilot)
        client = table.current
        assert "Log a contact" in await palette_titles(app, pilot, "log a contact")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactLogger), "the logger")
        assert app.screen.form_title == (
            f"Log a contact with {client.given_name} {client.family_name}")


def test_logger_80x24_snapshot(snap_compare, make_app, seeded):
    async def open_it(pilot):
        await open_record(pilot.app, pilot, seeded["Margaret"])
        await open_logger(pilot.app, pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_it)
