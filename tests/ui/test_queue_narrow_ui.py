"""The queue on an 80x24 terminal, with more items than fit: the table draws no horizontal
scroll bar (its rows fit the width), and the footer offers the care plan (`p Plan`)."""

from conftest import settle
from test_narrow_ui import screen_lines
from test_queue_ui import queue_shown

from carecli.demo import build_demo

NARROW = (80, 24)


async def test_the_queue_table_fits_80_columns(make_app, db, today):
    build_demo(db=db, clients=60, seed=2, today=today)
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        table = await queue_shown(app, pilot)
        assert len(table.rows) > table.scrollable_content_region.height  # it scrolls down
        await pilot.press("end")
        await settle(app, pilot)
        assert table.show_vertical_scrollbar and not table.show_horizontal_scrollbar
        assert table.scroll_x == 0
        footer = screen_lines(app)[-1]
        for words in ("⏎ Log", "space Timer", "s Snooze", "c Caseload", "p Plan", "^q Quit",
                      "? Help", "^p palette"):
            assert words in footer, (words, footer)
