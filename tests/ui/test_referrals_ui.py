"""Closed-loop referrals by keyboard (Tuesday 2026-11-24): from Li's record, `f` opens the
referrals; a new one for the food need of her latest screen goes to the food bank picked from
the directory; it is sent, accepted, worked on and completed with an outcome, each change
dated in the database and the history; a snapshot of the screen at 80x24."""

from datetime import UTC, date, datetime

import pytest
from conftest import settle, wait_for
from sqlalchemy import select
from test_queue_ui import highlight, queue_shown
from test_record_ui import open_record

from carecli.data.models import (
    Assessment,
    AssessmentScore,
    CommunityResource,
    Referral,
    ReferralEvent,
)
from carecli.screens.detail import DetailScreen
from carecli.screens.form import FormScreen
from carecli.screens.plan_dialogs import PickScreen
from carecli.screens.referrals import ReferralsScreen
from carecli.screens.resources import ResourceScreen

NARROW = (80, 24)


def _add(db, row) -> int:
    with db.write() as session:
        session.add(row)
        session.flush()
        return row.id


@pytest.fixture
def screened(db, seeded):
    """Li's latest assessment: the social needs screen positive for food and transport; the
    directory has a food bank and a ride service."""
    li = seeded["Li"]
    assessment = _add(db, Assessment(client_id=li, kind="intake", status="completed",
                                     completed_at=datetime(2026, 11, 3, 15, tzinfo=UTC)))
    _add(db, AssessmentScore(assessment_id=assessment, instrument_id="ahc_hrsn",
                             instrument_version="1", total=4, positive=True,
                             domains=["food", "transportation"]))
    _add(db, CommunityResource(name="Dayton Food Bank", category="food",
                               phone="(937) 555-0100"))
    _add(db, CommunityResource(name="Senior Ride Line", category="transportation"))
    return {"li": li, "assessment": assessment}


def _table_text(screen: ReferralsScreen) -> list[str]:
    table = screen.table
    return [" | ".join(str(c) for c in table.get_row_at(r)) for r in range(table.row_count)]


async def _open(app, pilot, client_id: int) -> ReferralsScreen:
    await open_record(app, pilot, client_id)
    await pilot.press("f")
    await wait_for(pilot, lambda: isinstance(app.screen, ReferralsScreen)
                   and app.screen.view is not None, "the referrals")
    return app.screen


async def _move(app, pilot, line: str, *keys: str) -> None:
    """`s`, the status line picked by its digit, then the form's keys and save."""
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, PickScreen), "the status list")
    await pilot.press(line)
    await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the status form")
    await pilot.press(*keys, "ctrl+s")
    await wait_for(pilot, lambda: isinstance(app.screen, ReferralsScreen), "the referrals")
    await settle(app, pilot)


def _stored(db):
    with db.read() as session:
        referrals = session.scalars(select(Referral)).all()
        events = session.scalars(select(ReferralEvent).order_by(ReferralEvent.id)).all()
        return ([(r.to_whom, r.need, r.assessment_id, r.resource_id, r.status, r.outcome,
                  r.outcome_note, r.follow_up_on) for r in referrals],
                [(e.changed_on, e.from_status, e.to_status) for e in events])


async def test_a_referral_for_a_screens_need_is_sent_accepted_and_completed(
        make_app, screened, db, today):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        screen = await _open(app, pilot, screened["li"])
        assert "0 referrals" in str(screen.query_one("#referrals-banner").render())

        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, PickScreen), "the need list")
        lines = [str(words) for _, words in app.screen.lines]
        assert lines[:2] == ["Food runs out (screen of Nov 3, 2026)  food",
                             "No reliable transport (screen of Nov 3, 2026)  transportation"]
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, ResourceScreen), "the directory")
        await settle(app, pilot)
        await pilot.press("enter")  # the food bank: the directory shows food first
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the referral form")
        form = app.screen
        assert form.values()["to_whom"] == "Dayton Food Bank"
        assert form.values()["follow_up_on"] == "2026-12-01"
        form.query_one("#field-reason").text = "Runs out of food before the 20th"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ReferralsScreen), "the referrals")
        await settle(app, pilot)
        assert _table_text(screen) == [
            "Dayton Food Bank | food | draft | 2026-11-24 | 2026-12-01"]
        assert _stored(db)[0] == [("Dayton Food Bank", "food", screened["assessment"], 1,
                                   "draft", None, None, date(2026, 12, 1))]

        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, PickScreen), "the status list")
        assert [str(w) for _, w in app.screen.lines] == ["Sent", "Cancelled (asks the outcome)"]
        await pilot.press("escape")
        await settle(app, pilot)

        await _move(app, pilot, "1")  # sent
        await _move(app, pilot, "1")  # accepted
        await _move(app, pilot, "1")  # in progress
        assert _table_text(screen) == [
            "Dayton Food Bank | food | in progress | 2026-11-24 | 2026-12-01"]
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, PickScreen), "the status list")
        assert [str(w) for _, w in app.screen.lines] == [
            "Completed (asks the outcome)", "Failed (asks the outcome)", "On hold",
            "Cancelled (asks the outcome)"]
        await pilot.press("escape")
        await settle(app, pilot)
        await _move(app, pilot, "1", "tab", "tab", *"Box each week")  # outcome: got help

        assert _table_text(screen) == [
            "Dayton Food Bank | food | completed | 2026-11-24 | —"]
        assert "outcome: got help" in str(screen.query_one("#referrals-detail").render())
        rows, events = _stored(db)
        assert rows == [("Dayton Food Bank", "food", screened["assessment"], 1, "completed",
                         "got_help", "Box each week", None)]
        assert events == [(today, None, "draft"), (today, "draft", "requested"),
                          (today, "requested", "accepted"), (today, "accepted", "in-progress"),
                          (today, "in-progress", "completed")]

        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen), "the history")
        shown = " / ".join(str(s.render()) for s in app.screen.query(".detail-line"))
        assert "2026-11-24  made: draft" in shown
        assert "2026-11-24  in progress → completed / Outcome: got help. Box each week" in shown
        assert "Why: Runs out of food before the 20th" in shown


async def _pick_a_resource_for_need_1(app, pilot, client_id: int) -> None:
    """From the client's referrals, `n` and the first need: the directory to pick from."""
    await _open(app, pilot, client_id)
    await pilot.press("n")
    await wait_for(pilot, lambda: isinstance(app.screen, PickScreen), "the need list")
    await pilot.press("1")
    await wait_for(pilot, lambda: isinstance(app.screen, ResourceScreen), "the directory")
    await settle(app, pilot)


async def test_the_resource_picker_says_enter_picks_and_the_directory_does_not(
        make_app, screened, db):
    from test_narrow_ui import screen_lines

    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await _pick_a_resource_for_need_1(app, pilot, screened["li"])
        footer = screen_lines(app)[-1]
        assert "enter Pick" in footer and "esc Back" in footer, footer
        await pilot.press("escape")  # no resource: the form to type a name, closed too
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the referral form")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ReferralsScreen), "the referrals")
        await app.run_action("app.open_resources")  # the directory itself: enter edits
        await wait_for(pilot, lambda: isinstance(app.screen, ResourceScreen), "the directory")
        await settle(app, pilot)
        assert "Pick" not in screen_lines(app)[-1]
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the edit form")


async def test_a_resource_named_with_braces_and_markup_is_referred_to_as_typed(
        make_app, screened, db):
    """Braces that look like a key name, and Rich markup, in a resource's name: the referral
    is saved and the message names it exactly as typed."""
    from test_contact_logger_ui import notices

    with db.write() as session:
        food_bank = session.get(CommunityResource, 1)
        food_bank.name = "Pantry {bank.north} [/]"
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await _pick_a_resource_for_need_1(app, pilot, screened["li"])
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the referral form")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ReferralsScreen), "the referrals")
        await settle(app, pilot)
        assert "Referral to Pantry {bank.north} [/] saved as a draft" in notices(app)
    assert _stored(db)[0][0][0] == "Pantry {bank.north} [/]"


async def test_rejecting_offers_not_eligible_first(make_app, screened, db):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        screen = await _open(app, pilot, screened["li"])
        made = screen.service.create_referral(screened["li"],
                                              {"need": "food", "to_whom": "Food pantry"})
        screen.service.change_referral_status(made.id, made.version, {"to_status": "requested"})
        screen.reload()
        await settle(app, pilot)
        await pilot.press("s", "2")  # rejected
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the status form")
        assert app.screen.values()["outcome"] == "not_eligible"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ReferralsScreen), "the referrals")
        await settle(app, pilot)
        assert _stored(db)[0][0][4:6] == ("rejected", "not_eligible")


async def test_a_closed_referral_is_reopened_only_with_a_note(make_app, screened, db):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        screen = await _open(app, pilot, screened["li"])
        made = screen.service.create_referral(screened["li"],
                                              {"need": "food", "to_whom": "Food pantry"})
        screen.service.change_referral_status(made.id, made.version,
                                              {"to_status": "cancelled", "outcome": "other"})
        screen.reload()
        await settle(app, pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, PickScreen), "the status list")
        assert [str(w) for _, w in app.screen.lines] == ["Reopen: sent again (asks why)"]
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the status form")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        error = str(app.screen.query_one("#error-note").render())
        assert "Why reopened is required to reopen" in error
        await pilot.press(*"Pantry open again", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ReferralsScreen), "the referrals")
        await settle(app, pilot)
        assert _stored(db)[0][0][4:6] == ("requested", None)


def _sent_12_days_ago(app, client_id: int) -> None:
    """A referral to Dayton Food Bank, sent on Nov 12 and not heard of since."""
    made = app.service.create_referral(client_id, {
        "need": "food", "to_whom": "Dayton Food Bank", "made_on": "2026-11-12"})
    app.service.change_referral_status(made.id, made.version, {
        "to_status": "requested", "changed_on": "2026-11-12"})


async def test_a_quiet_referral_in_the_queue_opens_its_referrals_with_f(make_app, screened, db):
    """Sent 12 days ago and not heard of since: in the queue; `f` opens Li's referrals, where
    accepting it (followed up in a week) takes it out of the queue."""
    li = screened["li"]
    app = make_app()
    _sent_12_days_ago(app, li)
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, li, "referral")
        assert app.queue.table.current.reason == (
            "referral to Dayton Food Bank sent 12 days ago: follow up")
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, ReferralsScreen)
                       and app.screen.view is not None, "the referrals")
        await _move(app, pilot, "1")  # accepted
        await pilot.press("escape")
        await queue_shown(app, pilot)
        assert "referral" not in [i.kind for i in app.queue.table.rows if i.client_id == li]


async def test_a_draft_not_sent_by_its_follow_up_day_is_in_the_queue_and_sent_from_it(
        make_app, screened, db):
    """Drafted 12 days ago and never sent: in the queue, saying so and how to move it on;
    `f` opens Li's referrals, where sending it takes it out of the queue."""
    li = screened["li"]
    app = make_app()
    app.service.create_referral(li, {"need": "food", "to_whom": "Dayton Food Bank",
                                     "made_on": "2026-11-12"})
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, li, "referral")
        assert app.queue.table.current.reason == (
            "referral to Dayton Food Bank drafted 12 days ago: not sent yet")
        detail = str(app.queue.query_one("#queue-detail").render())
        assert "(f opens the referrals: s moves it on)" in detail
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, ReferralsScreen)
                       and app.screen.view is not None, "the referrals")
        await _move(app, pilot, "1")  # sent
        await pilot.press("escape")
        await queue_shown(app, pilot)
        assert "referral" not in [i.kind for i in app.queue.table.rows if i.client_id == li]
    assert _stored(db)[0][0][4] == "requested"


async def test_a_reached_call_logged_from_a_quiet_referral_follows_it_up(
        make_app, screened, db):
    """`enter` on the quiet referral, the logger saved as it opens (a reached phone call): the
    referral waits a week again, so it leaves today's queue."""
    from carecli.screens.contact_logger import ContactLogger

    li = screened["li"]
    app = make_app()
    _sent_12_days_ago(app, li)
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, li, "referral")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactLogger), "the logger")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ContactLogger), "the save")
        await queue_shown(app, pilot)
        await settle(app, pilot)
        assert "referral" not in [i.kind for i in app.queue.table.rows if i.client_id == li]
    assert _stored(db)[0][0][-1] == date(2026, 12, 1)


def test_referrals_80x24_snapshot(snap_compare, make_app, screened, db, today):
    li = screened["li"]

    async def run_before(pilot):
        service = pilot.app.service
        food = service.create_referral(li, {"need": "food", "to_whom": "Dayton Food Bank",
                                            "assessment_id": screened["assessment"],
                                            "need_text": "Food runs out (screen of Nov 3)",
                                            "reason": "Runs out before the 20th",
                                            "made_on": "2026-11-04"})
        food = service.change_referral_status(food.id, food.version, {
            "to_status": "requested", "changed_on": "2026-11-05"})
        ride = service.create_referral(li, {"need": "transportation",
                                            "to_whom": "Senior Ride Line",
                                            "made_on": "2026-10-01"})
        for to, extra in (("requested", {}), ("rejected", {"outcome": "not_eligible"})):
            ride = service.change_referral_status(ride.id, ride.version, {
                "to_status": to, "changed_on": "2026-10-02", **extra})
        await _open(pilot.app, pilot, li)
        await settle(pilot.app, pilot)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=NARROW, run_before=run_before)
