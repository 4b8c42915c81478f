"""A new user's trial: the highlighted row of a long table (the caseload, today's queue) is
always on screen, also at the bottom of a table with a scroll bar, and also after the panel
under the queue grows (a longer detail shrinks the table); that panel is not cut short."""

from datetime import date

from test_caseload_ui import loaded
from test_narrow_ui import screen_lines
from test_queue_ui import NARROW, highlight, queue_shown

from carecli.data.models import CarePlan, CarePlanItem


def visible(app, text: str) -> bool:
    return any(text in line for line in screen_lines(app))


async def test_the_last_row_is_on_screen_after_end_and_down(make_app, seeded):
    app = make_app()
    async with app.run_test(size=(80, 11)) as pilot:  # 5 clients; room for fewer
        table = await loaded(app, pilot)
        for keys in (("end",), ("home", "down", "down", "down", "down")):
            await pilot.press(*keys)
            await pilot.pause()
            row = table.current
            assert table.cursor == len(table.rows) - 1
            assert visible(app, f"{row.family_name}, {row.given_name}"), screen_lines(app)



async def test_the_highlighted_row_stays_on_screen_when_the_table_shrinks(make_app, seeded):
    app = make_app()
    async with app.run_test(size=(80, 12)) as pilot:
        table = await loaded(app, pilot)
        await pilot.press("end")
        await pilot.pause()
        row = table.current
        await pilot.resize_terminal(80, 10)
        await pilot.pause()
        assert visible(app, f"{row.family_name}, {row.given_name}"), screen_lines(app)


async def test_the_queue_names_the_done_key_under_a_long_intervention_at_80x24(
        make_app, seeded, db):
    """The detail under the queue shows the reason in full and then the key that marks it
    done (not in the footer): a three-line detail is not cut after two lines."""
    jose = seeded["José"]
    with db.write() as session:
        plan = CarePlan(client_id=jose, number=1, status="active")
        session.add(plan)
        session.flush()
        session.add(CarePlanItem(care_plan_id=plan.id, uid="p1", kind="problem",
                                 text="Weight", status="active"))
        session.add(CarePlanItem(care_plan_id=plan.id, uid="talk", kind="intervention",
                                 parent_uid="p1", status="in-progress",
                                 text="Talk through meals, activity and the weight log with "
                                      "José and his daughter",
                                 owner_kind="care_manager", frequency="monthly",
                                 due_on=date(2026, 11, 1)))
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, jose, "intervention")
        await pilot.pause()
        assert app.queue.table.current.kind == "intervention"
        assert visible(app, "marks it done today"), screen_lines(app)
