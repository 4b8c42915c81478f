"""The community resource directory by keyboard: `D` opens it from the queue, the caseload and a
record; typing searches (every word must match), the category key filters, `a` adds, `e` edits
(a stale form refused), `i` marks inactive (dim and last, then hidden from the picker); as a
picker, enter hands the highlighted resource back and escape hands back nothing."""

import pytest
from conftest import settle, wait_for
from sqlalchemy import select
from test_queue_ui import queue_shown

from carecli.data.models import CommunityResource
from carecli.screens.form import FormScreen
from carecli.screens.resources import ResourceScreen, pick_resource

NARROW = (80, 24)


def add_resources(db, *rows: dict) -> dict[str, int]:
    with db.write() as session:
        made = [CommunityResource(**row) for row in rows]
        session.add_all(made)
        session.flush()
        return {r.name: r.id for r in made}


@pytest.fixture
def directory(db, seeded):
    return add_resources(
        db,
        {"name": "Eastside Food Pantry", "organisation": "St Mark's Church", "category": "food",
         "phone": "555-201-0001", "hours": "Tue and Thu 10-2",
         "description": "Groceries once a week for anyone in the county."},
        {"name": "Meals on Wheels", "organisation": "County Aging Services", "category": "food",
         "phone": "555-201-0002", "description": "Hot meals delivered at noon."},
        {"name": "Ride Connect", "organisation": "Transit Authority",
         "category": "transportation", "description": "Door-to-door rides to appointments."},
        {"name": "Warm Line", "organisation": "NAMI County", "category": "mental_health",
         "description": "Peer support by phone, evenings."},
        {"name": "Old Food Bank", "category": "food", "status": "inactive"},
    )


def names(screen: ResourceScreen) -> list[str]:
    return [r.name for r in screen.shown]


def stored(db, resource_id: int) -> CommunityResource:
    with db.read() as session:
        return session.scalars(
            select(CommunityResource).where(CommunityResource.id == resource_id)).one()


async def open_directory(app, pilot) -> ResourceScreen:
    await queue_shown(app, pilot)
    await pilot.press("D")
    await wait_for(pilot, lambda: isinstance(app.screen, ResourceScreen) and app.screen.all,
                   "the directory")
    return app.screen


async def test_typing_searches_every_word_and_inactive_ones_come_last_dimmed(make_app,
                                                                           directory):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_directory(app, pilot)
        assert names(screen) == ["Eastside Food Pantry", "Meals on Wheels", "Ride Connect",
                                 "Warm Line", "Old Food Bank"]
        assert screen.table.get_row_at(4)[0].style == "dim"
        await pilot.press(*"food")
        assert names(screen) == ["Eastside Food Pantry", "Meals on Wheels", "Old Food Bank"]
        await pilot.press(*" church")  # the organisation's words count too
        assert names(screen) == ["Eastside Food Pantry"]
        detail = str(screen.query_one("#resources-detail").render())
        assert "Tue and Thu 10-2" in detail and "555-201-0001" in detail
        await pilot.press("escape")  # clears the search
        assert screen.search.value == "" and len(screen.shown) == 5
        await pilot.press(*"mental")  # the category's words count
        assert names(screen) == ["Warm Line"]
        await pilot.press("escape", "tab", "c")  # the list; the first category: food
        assert names(screen) == ["Eastside Food Pantry", "Meals on Wheels", "Old Food Bank"]
        await pilot.press("c")
        assert names(screen) == []
        assert "No resource matches" in str(screen.query_one("#resources-detail").render())
        await pilot.press("escape")  # from the list: back to the search, not out
        assert screen.search.has_focus and app.screen is screen
        await pilot.press("escape")
        assert app.screen is app.queue


async def test_adding_editing_and_marking_inactive_by_keyboard(make_app, directory, db):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_directory(app, pilot)
        await pilot.press("tab", "a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
        app.screen.query_one("#field-name").value = "Legal Aid Hotline"
        app.screen.query_one("#field-category").value = "legal"
        app.screen.query_one("#field-phone").value = "555-300-4000 x12"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and "Legal Aid Hotline"
                       in names(screen), "the new resource")
        added = screen.current
        assert added.name == "Legal Aid Hotline"  # the cursor is on it
        row = stored(db, added.id)
        assert (row.category, row.phone, row.status) == ("legal", "555-300-4000 x12", "active")

        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the edit form")
        form = app.screen
        with db.write() as session:  # another window edits it meanwhile
            session.get(CommunityResource, added.id).hours = "Mon 9-5"
        form.query_one("#field-hours").value = "Weekdays 9-5"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is form  # refused, the typing kept
        assert "changed in another window" in str(form.query_one("#form-message").render())
        assert stored(db, added.id).hours == "Mon 9-5"
        await pilot.press("escape")
        await settle(app, pilot)
        if app.screen is not screen:  # asks whether to throw the typing away
            await pilot.press("y")
            await settle(app, pilot)

        await pilot.press("i")
        await wait_for(pilot, lambda: stored(db, added.id).status == "inactive", "inactive")
        await settle(app, pilot)
        assert names(screen)[-2:] == ["Legal Aid Hotline", "Old Food Bank"]
        assert screen.current.name == "Legal Aid Hotline" and not screen.current.active
        await pilot.press("i")
        await wait_for(pilot, lambda: stored(db, added.id).status == "active", "active again")


async def test_the_picker_hands_back_the_highlighted_resource(make_app, directory):
    app = make_app()
    picked = []
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        pick_resource(app.screen, "food", picked.append)
        await wait_for(pilot, lambda: isinstance(app.screen, ResourceScreen) and app.screen.all,
                       "the picker")
        screen = app.screen
        assert names(screen) == ["Eastside Food Pantry", "Meals on Wheels"]  # no inactive one
        await pilot.press(*"meals", "enter")
        await settle(app, pilot)
        assert [p.name for p in picked] == ["Meals on Wheels"] and app.screen is app.queue

        pick_resource(app.screen, None, picked.append)
        await wait_for(pilot, lambda: isinstance(app.screen, ResourceScreen) and app.screen.all,
                       "the picker")
        await pilot.press(*"food", "down", "escape", "escape")
        await settle(app, pilot)
        assert picked[-1] is None and app.screen is app.queue


async def test_d_opens_the_directory_from_the_caseload_and_a_record_and_back(make_app, seeded,
                                                                           directory):
    from test_caseload_ui import loaded
    from test_record_ui import open_record

    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await loaded(app, pilot)
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, ResourceScreen), "the directory")
        await pilot.press("escape")
        assert app.screen is app.caseload
        record = await open_record(app, pilot, seeded["Ann"])
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, ResourceScreen), "the directory")
        await pilot.press("escape")
        assert app.screen is record


async def test_a_long_directory_lists_its_first_rows_and_says_how_many_match(make_app,
                                                                           directory,
                                                                           monkeypatch):
    from carecli.screens import resources

    monkeypatch.setattr(resources, "MAX_SHOWN", 2)
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_directory(app, pilot)
        summary = screen.query_one("#resources-summary")
        assert names(screen) == ["Eastside Food Pantry", "Meals on Wheels"]
        assert str(summary.render()).startswith("5 of 5 (2 listed) · all categories")
        await pilot.press(*"ride")
        assert names(screen) == ["Ride Connect"]
        assert str(summary.render()).startswith("1 of 5 · all categories")


async def test_i_on_a_resource_changed_elsewhere_says_press_i_again_not_a_form(make_app,
                                                                                directory, db):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_directory(app, pilot)
        await pilot.press("tab")
        pantry = screen.current
        with db.write() as session:  # another window edits it meanwhile
            session.get(CommunityResource, pantry.id).hours = "Mon 9-5"
        await pilot.press("i")
        await wait_for(pilot, lambda: app._notifications, "the message")
        said = " ".join(n.message for n in app._notifications)
        assert said == ("This resource was changed in another window, so nothing was changed; "
                        "it is shown again as it is now: press i again if it should still "
                        "change.")
        assert "form" not in said and "text" not in said
        await wait_for(pilot, lambda: screen.current.hours == "Mon 9-5", "shown again")
        assert stored(db, pantry.id).status == "active"
        await pilot.press("i")
        await wait_for(pilot, lambda: stored(db, pantry.id).status == "inactive", "inactive")
