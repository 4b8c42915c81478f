"""Record a discharge and work its transitional care from today's queue by keyboard (the seeded
caseload, Tuesday 2026-11-24): `t` on José's item opens his Stays & TCM, `a` records the stay
(a discharge before its admission is refused with a sentence first), and back in the queue the
TCM contact, medication reconciliation and visit are worked one by one until none is left;
then the database. A snapshot of the screen at 80x24."""

from datetime import date

from conftest import settle, wait_for
from sqlalchemy import select
from test_queue_ui import NARROW, highlight, keys_of, queue_shown

from carecli.data.models import ContactLog, HospitalStay
from carecli.screens.form import FormScreen
from carecli.screens.stays import StaysScreen


def shown(widget) -> str:
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def record_the_stay(pilot, app) -> None:
    """On the Stays screen: a stay at Mercy, admitted Nov 18, discharged Nov 20, high
    complexity (a visit within 7 days: by Fri Nov 27)."""
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the stay form")
    form = app.screen
    await pilot.press(*"Mercy Hospital", "tab", "tab")
    await pilot.press(*["backspace"] * 10, *"2026-11-18", "tab", *"2026-11-17", "ctrl+s")
    await wait_for(pilot, lambda: form.query(".form-error.-shown"), "the date error")
    assert "Discharged is before the admission 2026-11-18" in str(
        form.query_one("#error-discharged_on").render())
    await pilot.press(*["backspace"] * 2, *"20", "tab", *"Pneumonia", "tab", "tab")
    await pilot.press("enter", "down", "enter")  # complexity: moderate → high
    await settle(app, pilot)
    assert form.values()["complexity"] == "high"
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: app.screen is not form and isinstance(app.screen, StaysScreen)
                   and app.screen.view is not None and app.screen.view.stays, "the stay")


async def test_record_a_discharge_and_work_its_tcm_items_in_the_queue(make_app, seeded, db):
    from carecli.screens.contact_logger import ContactLogger

    jose = seeded["José"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, jose, "check_in")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, StaysScreen)
                       and app.screen.view is not None, "José's stays")
        assert "No hospital stays recorded" in shown(app.screen.query_one("#stays-detail"))
        await record_the_stay(pilot, app)
        detail = shown(app.screen.query_one("#stays-detail"))
        assert "TCM period Fri Nov 20 – Sat Dec 19" in detail
        assert "contact 2 days overdue (due by Tue Nov 24)" not in detail  # due today
        assert "contact due today (Tue Nov 24)" in detail
        assert "face-to-face visit due by Fri Nov 27" in detail

        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.queue
                       and (jose, "tcm_visit") in keys_of(app), "the TCM items")
        assert [kind for client, kind in keys_of(app) if client == jose] == [
            "tcm", "check_in", "tcm_medrec", "tcm_visit"]
        visit = next(i for i in app.queue.table.rows if i.kind == "tcm_visit")
        assert visit.reason == "TCM visit due by Nov 27 — discharged Fri (high complexity)"

        # the interactive contact: reached by phone (the logger's defaults)
        await highlight(pilot, jose, "tcm")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactLogger), "the logger")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is app.queue
                       and (jose, "tcm") not in keys_of(app), "the contact done")

        for kind in ("tcm_medrec", "tcm_visit"):  # each marked done today with d
            await highlight(pilot, jose, kind)
            await pilot.press("d")
            await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the done form")
            assert app.screen.values()["done_on"] == "2026-11-24"
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda k=kind: app.screen is app.queue
                           and (jose, k) not in keys_of(app), f"{kind} done")
        assert not [k for c, k in keys_of(app) if c == jose and k.startswith("tcm")]
        said = [n.message for n in app._notifications]
        assert "Medication reconciliation saved for Núñez, José." in said
        assert "Face-to-face visit saved for Núñez, José." in said

    with db.read() as session:
        stay = session.scalars(select(HospitalStay).where(
            HospitalStay.client_id == jose)).one()
        reached = session.scalars(select(ContactLog).where(
            ContactLog.client_id == jose, ContactLog.successful.is_(True))).all()
    assert (stay.facility, stay.admitted_on, stay.discharged_on, stay.complexity) == (
        "Mercy Hospital", date(2026, 11, 18), date(2026, 11, 20), "high")
    assert (stay.med_rec_on, stay.visit_on) == (date(2026, 11, 24), date(2026, 11, 24))
    assert any(c.occurred_at.astimezone().date() == date(2026, 11, 24) for c in reached)


def test_stays_screen_80x24_snapshot(snap_compare, make_app, seeded, db):
    """Walter's discharge 4 days ago: the TCM period and each step, an attempt listed."""

    async def open_stays(pilot):
        await queue_shown(pilot.app, pilot)
        await highlight(pilot, seeded["Walter"])
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, StaysScreen)
                       and pilot.app.screen.view is not None, "Walter's stays")
        await settle(pilot.app, pilot)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=NARROW, run_before=open_stays)


async def test_the_palette_records_a_stay_and_t_on_the_record_confirms_its_lace(
        make_app, seeded, db):
    from test_actions_ui import palette_titles
    from test_record_ui import open_record

    from carecli.data.models import Condition

    margaret = seeded["Margaret"]
    with db.write() as session:  # her heart failure and diabetes, coded
        for row in session.scalars(select(Condition).where(Condition.client_id == margaret)):
            row.icd10_code = "I50.9" if row.name == "Heart failure" else "E11.22"
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await open_record(app, pilot, margaret)
        await palette_titles(app, pilot, "record a hospital stay")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the stay form")
        assert app.screen.form_title == "Record a hospital stay"
        await pilot.press(*"General", "tab", "tab", *["backspace"] * 10, *"2026-11-10", "tab",
                          *"2026-11-16", "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen), "the save")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, StaysScreen)
                       and app.screen.view is not None and app.screen.view.stays, "her stays")
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the LACE form")
        form = app.screen
        assert "Charlson 3 (Diabetes with chronic complication 2; Congestive heart failure 1)" \
            in form.form_title
        assert form.values() == {"acute_admission": True, "charlson": "3", "ed_visits_6mo": "0"}
        await pilot.press("tab", "backspace", "4", "ctrl+s")  # she also has a COPD not coded
        await wait_for(pilot, lambda: app.screen is not form
                       and "LACE 12 (high readmission risk)"
                       in shown(app.screen.query_one("#stays-detail")), "LACE shown")
    with db.read() as session:
        stay = session.scalars(select(HospitalStay).where(
            HospitalStay.client_id == margaret)).one()
    assert (stay.charlson, stay.lace_total, stay.lace_band) == (4, 12, "high")  # 4+3+5+0


async def test_a_stale_step_form_is_refused_and_keeps_what_was_typed(make_app, seeded, db):
    """The visit form opened on Walter's stay; another window edits the stay meanwhile."""
    from carecli.data.stays import get_stay, stay_values, update_stay

    walter = seeded["Walter"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, walter)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, StaysScreen)
                       and app.screen.view is not None, "Walter's stays")
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the visit form")
        form = app.screen
        stay = app.screen_stack[-2].view.stays[0].stay
        update_stay(db=db, stay_id=stay.id, version=stay.version,
                    values={**stay_values(get_stay(db=db, stay_id=stay.id)), "note": "ok"})
        await pilot.press(*["backspace"] * 10, *"2026-11-23", "ctrl+s")
        await wait_for(pilot, lambda: "changed in another window" in str(
            form.query_one("#form-message").render()), "the refusal")
        assert app.screen is form and form.values()["done_on"] == "2026-11-23"
    assert get_stay(db=db, stay_id=stay.id).visit_on is None
