"""Transitional care by keyboard at 80x24 on the seeded caseload (Tuesday 2026-11-24; Walter
was discharged Fri Nov 20, his TCM contact due today after 3 unanswered calls): a voicemail
logged from his TCM item says the contact is still due with the attempts counted; the Stays
screen explains its marks, highlights a stay just recorded, hides the TCM complexity of an
emergency visit and offers it no LACE; the record's Overview shows the open TCM period."""

from datetime import date, datetime

from conftest import settle, wait_for
from sqlalchemy import select
from test_queue_ui import NARROW, highlight, queue_shown
from test_record_ui import open_record

from carecli.clinical.charlson import charlson
from carecli.data.models import HospitalStay
from carecli.domain.transitions import NO_LACE_WORDS, LaceDraft, Stay, StayView
from carecli.screens.form import FormScreen
from carecli.screens.stays import StaysScreen, lace_title, stay_detail


def said(app) -> str:
    return " ".join(n.message for n in app._notifications)


def shown(widget) -> str:
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def open_stays(pilot, client_id: int) -> StaysScreen:
    app = pilot.app
    await queue_shown(app, pilot)
    await highlight(pilot, client_id)
    await pilot.press("t")
    await wait_for(pilot, lambda: isinstance(app.screen, StaysScreen)
                   and app.screen.view is not None, "the stays")
    return app.screen


async def test_a_voicemail_on_the_tcm_contact_says_it_is_still_due(make_app, seeded, db):
    from carecli.screens.contact_logger import ContactLogger

    walter = seeded["Walter"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, walter, "tcm")
        assert app.queue.table.current.reason.startswith(
            "TCM contact due today — discharged Fri · 3 attempts (no answer Sat, ")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactLogger), "the logger")
        await pilot.press("enter", "down", "down", "enter")  # outcome: voicemail
        await settle(app, pilot)
        assert app.screen.values()["outcome"] == "voicemail"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Voicemail logged" in said(app), "the message")
        assert "Voicemail logged; TCM contact still due by Tue Nov 24 — 4 attempts." in said(app)
        assert "retry" not in said(app)
        await wait_for(pilot, lambda: any(
            i.kind == "tcm" and "4 attempts" in i.reason for i in app.queue.table.rows),
            "the attempt in the queue")


async def test_the_stays_table_explains_its_marks_and_highlights_a_new_stay(
        make_app, seeded, db):
    walter = seeded["Walter"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_stays(pilot, walter)
        legend = shown(screen.query_one("#stays-legend"))
        assert "TCM: contact, med rec, visit — ✓ done • due ! overdue" in legend
        await pilot.press("a")  # an earlier emergency visit: it sorts below his stay
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the stay form")
        form = app.screen
        assert form.query_one("#field-complexity").parent.display
        await pilot.press(*"County ED", "tab", "enter", "down", "enter")  # kind: emergency
        await settle(app, pilot)
        assert form.values()["kind"] == "emergency"
        assert not form.query_one("#field-complexity").parent.display
        await pilot.press("tab", *["backspace"] * 10, *"2026-10-01", "tab", *"2026-10-01",
                          "ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and screen.view is not None
                       and len(screen.view.stays) == 2, "the new stay")
        await settle(app, pilot)
        assert screen.current.stay.facility == "County ED"  # the new stay, not the old row
        assert "County ED" in shown(screen.query_one("#stays-detail"))
        await pilot.press("s")
        await wait_for(pilot, lambda: NO_LACE_WORDS in said(app), "no LACE")
        assert not isinstance(app.screen, FormScreen)
    with db.read() as session:
        visit = session.scalars(select(HospitalStay).where(
            HospitalStay.facility == "County ED")).one()
    assert (visit.kind, visit.admitted_on, visit.complexity) == (
        "emergency", date(2026, 10, 1), "moderate")


async def test_the_overview_shows_the_open_tcm_period_and_its_steps(make_app, seeded, db):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        record = await open_record(app, pilot, seeded["Walter"])
        await wait_for(pilot, lambda: record.stays is not None, "the stays")
        await settle(app, pilot)
        text = shown(record.query_one("#record-overview"))
        assert "Transitional care" in text
        assert "TCM period   Fri Nov 20 – Sat Dec 19 (moderate complexity)" in text
        assert "TCM contact  • due today (Tue Nov 24) · 3 attempts" in text
        assert "TCM med rec  • due by Fri Dec 4" in text
        assert "TCM visit    • due by Fri Dec 4" in text
        assert max(len(line.rstrip()) for line in text.splitlines()) <= 80
        margaret = await open_record(app, pilot, seeded["Margaret"])
        await wait_for(pilot, lambda: margaret.stays is not None, "her stays")
        assert "Transitional care" not in shown(margaret.query_one("#record-overview"))


def test_one_day_and_one_ed_visit_are_said_in_the_singular() -> None:
    stay = Stay(id=1, client_id=1, kind="inpatient", facility="General",
                admitted_on=date(2026, 11, 20), discharged_on=date(2026, 11, 21),
                acute_admission=True, charlson=1, ed_visits_6mo=1, lace_total=6,
                lace_band="moderate")
    text = stay_detail(StayView(stay, None), date(2026, 11, 24)).plain
    assert "(1 day)" in text
    assert "LACE 6 (moderate readmission risk): 1 day, unplanned admission, Charlson 1, " \
           "1 ED visit\n" in text
    assert lace_title(LaceDraft(stay, charlson([]), 1)).startswith(
        "LACE — 1 day in; from the record: Charlson 0 (no Charlson condition), 1 ED visit in "
        "6 months.")


def test_a_readmission_and_a_discharge_to_a_facility_are_said_on_the_stays_screen() -> None:
    from carecli.domain.transitions import tcm_status
    from carecli.widgets.tcm_lines import tcm_cell

    today = date(2026, 11, 30)
    first = Stay(id=1, client_id=1, kind="inpatient", facility="General",
                 admitted_on=date(2026, 11, 20), discharged_on=date(2026, 11, 25))
    again = Stay(id=2, client_id=1, kind="inpatient", facility="County",
                 admitted_on=date(2026, 11, 28))
    view = StayView(first, tcm_status(first, [], today, [first, again]))
    assert "Readmitted Sat Nov 28 — TCM restarts at the next discharge" in stay_detail(
        view, today).plain
    assert "contact" not in stay_detail(view, today).plain  # no TCM steps listed
    assert tcm_cell(view, today).plain == "readm"
    to_rehab = Stay(id=3, client_id=1, kind="inpatient", facility="General",
                    admitted_on=date(2026, 11, 20), discharged_on=date(2026, 11, 25),
                    disposition="rehabilitation")
    assert "No TCM: discharged to rehabilitation (TCM starts at the discharge home)" in \
        stay_detail(StayView(to_rehab, None), today).plain


def test_the_overviews_tcm_block_names_the_lace_band_and_each_steps_state() -> None:
    from carecli.domain.transitions import ClientStays, ContactFact, tcm_status
    from carecli.widgets.tcm_lines import overview_rows

    today = date(2026, 12, 3)
    stay = Stay(id=1, client_id=1, kind="inpatient", facility="General", complexity="high",
                admitted_on=date(2026, 11, 20), discharged_on=date(2026, 11, 25),
                med_rec_on=date(2026, 11, 27), lace_total=12, lace_band="high")
    reached = [ContactFact(datetime(2026, 11, 26, 10), "reached", True)]
    view = ClientStays(1, "Ann Lee", today, (StayView(stay, tcm_status(stay, reached, today)),))
    assert [(key, value.plain) for key, value in overview_rows(view, today)] == [
        ("TCM period", "Wed Nov 25 – Thu Dec 24 (high complexity)"),
        ("TCM contact", "✓ done Thu Nov 26"),
        ("TCM med rec", "✓ done Fri Nov 27"),
        ("TCM visit", "! 1 day overdue (due by Wed Dec 2)"),
        ("LACE", "12 (high readmission risk)"),
    ]
    assert overview_rows(view, date(2026, 12, 25)) == []  # the period is over
