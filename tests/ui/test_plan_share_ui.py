"""Sharing a care plan from the app: the dialog writes a private copy to a file in the home
folder and records the copy given (to the client, a family contact or a typed name) in one
save; a refused copy record leaves no file behind."""

import stat
from pathlib import Path

from conftest import SIZE, settle, wait_for
from sqlalchemy import select
from test_caseload_ui import loaded

from carecli.config import resolve_database
from carecli.data.entries import add_entry
from carecli.data.models import AuditLog, CarePlanCopy
from carecli.data.service import CareService
from carecli.export import MARKER
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.plan_share import ShareForm, share_plan


def finalised_plan(db, db_path, today, client_id: int) -> int:
    service = CareService(resolve_database(str(db_path)), db=db, today=today)
    plan = service.start_draft(client_id)
    plan = service.add_item(plan.id, plan.version, "problem", None, {"text": "Feels low"})
    plan = service.add_item(plan.id, plan.version, "goal", plan.items[0].uid, {
        "text": "Walk with a friend", "measure": "Walks a week", "target": "3",
        "target_on": "2027-02-01"})
    plan = service.add_item(plan.id, plan.version, "intervention", plan.items[1].uid, {
        "text": "Call the walking group", "owner_kind": "care_manager", "frequency": "once"})
    return service.finalise(plan.id, plan.version, by="Jo Ames").id


def copies(db) -> list[CarePlanCopy]:
    with db.read() as session:
        return list(session.scalars(select(CarePlanCopy)).all())


async def open_share(app, pilot, plan_id: int) -> ShareForm:
    await loaded(app, pilot)
    share_plan(app, plan_id)
    await wait_for(pilot, lambda: isinstance(app.screen, ShareForm), "the share dialog")
    await pilot.pause()
    return app.screen


async def test_the_dialog_writes_a_private_file_and_records_the_copy(make_app, seeded, db,
                                                                    db_path, today):
    li = seeded["Li"]
    plan_id = finalised_plan(db, db_path, today, li)
    home = Path.home()
    home.mkdir()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_share(app, pilot, plan_id)
        path = Path(form.query_one("#field-path").value)
        assert path == home / f"care-plan-li-wei-{today.isoformat()}.html"
        await pilot.press("tab", "tab", "space")  # format -> file -> "record a copy given"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ShareForm), "the save")
        await settle(app, pilot)
        page = path.read_text()
        assert MARKER in page and "Walk with a friend" in page
        assert "Call the walking group" in page
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        (copy,) = copies(db)
        assert (copy.care_plan_id, copy.given_on, copy.method, copy.given_to, copy.format) == (
            plan_id, today, "in_person", "Li Wei", "html")
        said = " ".join(n.message for n in app._notifications)
        assert f"Wrote the care plan to {path}." in said
        assert f"Recorded a copy given to Li Wei on {today.isoformat()} (in person)." in said


async def test_a_copy_given_to_someone_typed_with_no_file(make_app, seeded, db, db_path,
                                                         today):
    li = seeded["Li"]
    add_entry(db=db, kind="personal_contact", client_id=li,
              values={"name": "Mei Wei", "relation": "Daughter",
                      "may_receive_health_info": True})
    add_entry(db=db, kind="personal_contact", client_id=li,
              values={"name": "Tom Wei", "relation": "Son"})
    plan_id = finalised_plan(db, db_path, today, li)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_share(app, pilot, plan_id)
        given_to = form.query_one("#field-given_to")
        assert [str(o[0]) for o in given_to._options[1:]] == [
            "Li Wei (the client)", "Mei Wei (Daughter)",
            "Tom Wei (Son): not cleared to receive health information",
            "Someone else (type the name below)"]
        form.query_one("#field-format").value = "markdown"  # the file name follows the format
        await pilot.pause()
        assert form.query_one("#field-path").value.endswith(f"-{today.isoformat()}.md")
        form.query_one("#field-path").value = ""  # no file this time
        await pilot.press("tab", "tab", "space")
        given_to.value = given_to._options[-1][1]
        form.query_one("#field-other_name").focus()
        await pilot.press("ctrl+s")  # no name typed yet: refused beside the field
        await settle(app, pilot)
        assert isinstance(app.screen, ShareForm)
        assert "is needed to record a copy" in str(
            form.query_one("#error-other_name").content)
        await pilot.press(*"Dr Park's nurse", "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ShareForm), "the save")
        (copy,) = copies(db)
        assert (copy.given_to, copy.format) == ("Dr Park's nurse", None)
    assert not Path.home().exists()  # nothing was written


async def test_a_refused_copy_record_leaves_no_file(make_app, seeded, db, db_path, today):
    li = seeded["Li"]
    plan_id = finalised_plan(db, db_path, today, li)
    Path.home().mkdir()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_share(app, pilot, plan_id)
        path = Path(form.query_one("#field-path").value)
        form.query_one("#field-given_on").value = "2026-02-30"  # no such day
        await pilot.press("tab", "tab", "space", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ShareForm)
        assert str(form.query_one("#error-given_on").content)
        assert not path.exists()
        assert copies(db) == []


def copy_audits(db) -> list[str]:
    with db.read() as session:
        return [a.summary for a in session.scalars(
            select(AuditLog).where(AuditLog.action == "record_copy"))]


async def test_a_copy_for_someone_not_cleared_is_recorded_only_when_confirmed(
        make_app, seeded, db, db_path, today):
    li = seeded["Li"]
    add_entry(db=db, kind="personal_contact", client_id=li,
              values={"name": "Maria Lopez", "relation": "Neighbour"})
    plan_id = finalised_plan(db, db_path, today, li)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_share(app, pilot, plan_id)
        form.query_one("#field-path").value = ""
        form.query_one("#field-record").value = True
        form.query_one("#field-given_to").value = "Maria Lopez"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        question = str(app.screen.query_one("#confirm-question").content)
        assert question == ("Maria Lopez is not listed as allowed to receive health "
                            "information. Record the copy anyway?")
        await pilot.press("n")  # not after all: the form stays, nothing recorded
        await wait_for(pilot, lambda: app.screen is form, "the form again")
        await settle(app, pilot)
        assert copies(db) == []
        form.query_one("#form-save").press()  # the button asks too
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: not isinstance(app.screen, (ShareForm, ConfirmScreen)),
                       "the save")
        (copy,) = copies(db)
        assert copy.given_to == "Maria Lopez"
        (summary,) = copy_audits(db)
        assert summary.endswith("; to a contact not cleared for health information, confirmed")


async def test_a_copy_for_the_client_asks_nothing(make_app, seeded, db, db_path, today):
    li = seeded["Li"]
    add_entry(db=db, kind="personal_contact", client_id=li,
              values={"name": "Maria Lopez", "relation": "Neighbour"})
    plan_id = finalised_plan(db, db_path, today, li)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_share(app, pilot, plan_id)
        form.query_one("#field-path").value = ""
        form.query_one("#field-record").value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ShareForm), "the save")
        assert not isinstance(app.screen, ConfirmScreen)
        (copy,) = copies(db)
        assert copy.given_to == "Li Wei"
        (summary,) = copy_audits(db)
        assert "not cleared" not in summary
