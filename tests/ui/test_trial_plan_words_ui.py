"""A new user's trial of the care plan editor: what an empty plan tells you to press, and
what a long name looks like when a notification has to shorten it."""

from conftest import SIZE
from test_narrow_ui import screen_lines
from test_plan_editor_ui import editor, keys, notified
from test_record_ui import open_record


async def test_an_empty_plan_says_which_key_adds_a_typed_problem(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, seeded["Li"])
        await keys(app, pilot, "p", "y")  # no plan yet: start one
        await editor(app, pilot)
        text = " ".join(line.strip() for line in screen_lines(app))
        assert "p adds those the record and the latest assessment suggest; a adds one you " \
               "type." in text, text


async def test_a_long_name_is_shortened_with_an_ellipsis_when_undone(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, seeded["Li"])
        await keys(app, pilot, "p", "y")
        await editor(app, pilot)
        await keys(app, pilot, "a", *"Loneliness since her husband died in the spring", "ctrl+s")
        await keys(app, pilot, "d", "y", "ctrl+z")
        assert "Undone: deleted problem “Loneliness since her husband died in…”." \
            in notified(app), notified(app)
