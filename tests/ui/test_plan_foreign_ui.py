"""The care plan editor on a plan holding an item of a kind carecli does not know (stored by
another program): the item is shown, cannot be picked, and every key still works."""

import sqlite3

from conftest import SIZE
from test_narrow_ui import screen_lines
from test_plan_editor_ui import editor, keys
from test_record_ui import open_record

from carecli.config import resolve_database
from carecli.data.service import CareService
from carecli.screens.plan_editor import PlanScreen


async def test_an_item_of_an_unknown_kind_is_shown_and_the_editor_keeps_working(
        make_app, seeded, db, db_path, today):
    client_id = seeded["José"]
    other = CareService(resolve_database(str(db_path)), db=db, today=today)
    plan = other.start_draft(client_id)
    plan = other.add_item(plan.id, plan.version, "problem", None, {"text": "COPD"})
    plan = other.add_item(plan.id, plan.version, "intervention", plan.items[0].uid, {
        "text": "Inhaler check", "owner_kind": "client", "frequency": "weekly"})
    with sqlite3.connect(db_path) as another_program:
        another_program.execute("UPDATE care_plan_item SET kind = 'task' "
                                "WHERE kind = 'intervention'")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, client_id)
        await keys(app, pilot, "p")
        await editor(app, pilot)
        assert any("? Inhaler check" in line for line in screen_lines(app))
        for key in ("home", "down", "up", "down", "down", "up", "up"):
            await keys(app, pilot, key)
            assert app.is_running and isinstance(app.screen, PlanScreen)
            assert app.screen.item is None or app.screen.item.kind != "task"
        assert [i.text for i in other.plan(plan.id).items] == ["COPD", "Inhaler check"]
