"""Appointments by keyboard: `m` on a record opens the client's appointments; `a` adds one with
a care-team member picked by digit; `o` says how it went; the list and the database agree."""

from datetime import datetime, time, timedelta

from conftest import SIZE, settle, wait_for
from sqlalchemy import select
from test_record_ui import open_record

from carecli.data.appointments import add_appointment
from carecli.data.entries import add_entry
from carecli.data.models import Appointment
from carecli.screens.appointments import AppointmentScreen
from carecli.screens.form import FormScreen


def appointments_of(db, client_id: int) -> list[Appointment]:
    with db.read() as session:
        return list(session.scalars(select(Appointment).where(
            Appointment.client_id == client_id).order_by(Appointment.id)).all())


async def open_appointments(app, pilot, client_id: int) -> AppointmentScreen:
    await open_record(app, pilot, client_id)
    await pilot.press("m")
    await wait_for(pilot, lambda: isinstance(app.screen, AppointmentScreen), "appointments")
    await pilot.pause()
    return app.screen


async def test_an_appointment_added_by_keys_with_a_care_team_member(make_app, seeded, db,
                                                                    today):
    jose = seeded["José"]
    for name, role in (("Dr Ames", "PCP"), ("Dr Bell", "Cardiologist")):
        add_entry(db=db, kind="care_team", client_id=jose, values={"name": name, "role": role})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_appointments(app, pilot, jose)
        assert "No appointment yet" in str(screen.query_one("#appointments-detail").render())
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
        await pilot.press("enter", "2", "enter")  # with whom: the second of the care team
        await pilot.press("tab", "tab", *f"{today + timedelta(days=1)} 10:30")
        await pilot.press("tab", *"Heart clinic", "tab", *"Echo", "tab", "space")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AppointmentScreen), "the save")
        await settle(app, pilot)
        (row,) = appointments_of(db, jose)
        assert (row.with_whom, row.location, row.purpose, row.transport_arranged) == (
            "Dr Bell", "Heart clinic", "Echo", True)
        assert row.starts_at == datetime.combine(today + timedelta(days=1),
                                                 time(10, 30)).astimezone()
        detail = str(screen.query_one("#appointments-detail").render())
        assert "Dr Bell, tomorrow 10:30" in detail and "transport arranged" in detail


async def test_how_it_went_is_said_by_keys(make_app, seeded, db, today):
    li = seeded["Li"]
    past = datetime.combine(today - timedelta(days=1), time(9)).astimezone()
    add_appointment(db=db, client_id=li, now=past - timedelta(days=3),
                    values={"with_whom": "Dr Ames", "starts_at": past})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_appointments(app, pilot, li)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
        await pilot.press("enter", "m", "enter")  # missed
        await pilot.press("tab", *"No ride came")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AppointmentScreen), "the save")
        await settle(app, pilot)
        (row,) = appointments_of(db, li)
        assert (row.status, row.outcome_note, row.version) == ("missed", "No ride came", 2)
        detail = str(screen.query_one("#appointments-detail").render())
        assert "Missed" in detail and "Outcome: No ride came" in detail


def test_appointments_80x24_snapshot(snap_compare, make_app, seeded, db, today):
    """Tomorrow's (with a ride) first, then a past one that was missed, dim."""
    jose = seeded["José"]
    member = add_entry(db=db, kind="care_team", client_id=jose,
                       values={"name": "Dr Ames", "role": "PCP"})
    ahead = datetime.combine(today + timedelta(days=1), time(10, 30)).astimezone()
    past = datetime.combine(today - timedelta(days=6), time(14)).astimezone()
    add_appointment(db=db, client_id=jose, now=past - timedelta(days=1), values={
        "care_team_member_id": member, "starts_at": ahead, "location": "Elm St clinic",
        "purpose": "BP review", "transport_arranged": True, "transport_note": "Son drives"})
    add_appointment(db=db, client_id=jose, now=past + timedelta(days=1), values={
        "with_whom": "Eye clinic", "starts_at": past, "status": "missed",
        "outcome_note": "Forgot; rebook"})

    async def opened(pilot):
        await open_appointments(pilot.app, pilot, jose)
        await settle(pilot.app, pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=opened)


async def test_the_reminder_call_in_the_queue_by_keys(make_app, seeded, db, today):
    """`d` marks one reminder made; a reached call logged from the other marks it too; both
    leave the queue. `m` on the queue opens the client's appointments."""
    from test_contact_logger_ui import open_logger
    from test_queue_ui import highlight, queue_shown

    jose, li = seeded["José"], seeded["Li"]
    tomorrow = datetime.combine(today + timedelta(days=1), time(10, 30)).astimezone()
    now = datetime.combine(today, time(8)).astimezone()
    ids = {who: add_appointment(db=db, client_id=who, now=now, values={
        "with_whom": "Dr Ames", "starts_at": tomorrow, "transport_arranged": True})
        for who in (jose, li)}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, jose, "appointment_reminder")
        assert app.queue.table.current.reason == (
            "reminder call: Dr Ames tomorrow 10:30 (transport arranged)")
        await pilot.press("d")
        await settle(app, pilot)
        assert "Done for Núñez, José: reminder call made." in [
            n.message for n in app._notifications]
        await highlight(pilot, li, "appointment_reminder")
        await open_logger(app, pilot, "enter")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is app.queue, "the save")
        await settle(app, pilot)
        assert "appointment_reminder" not in [i.kind for i in app.queue.table.rows]
        highlighted = app.queue.table.current.client_id
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, AppointmentScreen), "appointments")
        assert app.screen.client_id == highlighted
    reminded = {row.client_id: row.reminded_on for who in (jose, li)
                for row in appointments_of(db, who)}
    assert reminded == {jose: today, li: today} and set(ids) == {jose, li}


async def test_one_that_has_happened_is_written_down_after_the_fact(make_app, seeded, db,
                                                                   today):
    ann = seeded["Ann"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_appointments(app, pilot, ann)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
        await pilot.press("tab", *"Dr Cole", "tab", *f"{today - timedelta(days=2)} 09:00")
        await pilot.press("ctrl+s")  # still "scheduled": refused, the form stays open
        await wait_for(pilot, lambda: app.screen.query(".form-error.-shown"), "the refusal")
        assert "is in the past" in str(app.screen.query_one("#error-starts_at").render())
        app.screen.query_one("#field-status").focus()
        await pilot.press("enter", "a", "enter", "tab", *"Went well")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AppointmentScreen), "the save")
        await settle(app, pilot)
    (row,) = appointments_of(db, ann)
    assert (row.with_whom, row.status, row.outcome_note) == ("Dr Cole", "attended", "Went well")
