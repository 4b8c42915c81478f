"""A new user's trial: the highlighted row of a long table (the caseload, today's queue) is
always on screen, also at the bottom of a table with a scroll bar, and also after the panel
under the queue grows (a longer detail shrinks the table)."""

from test_caseload_ui import loaded
from test_narrow_ui import screen_lines


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
