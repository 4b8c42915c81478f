"""Drive the caseload by keyboard: load, filter, sort, status filters, open, help, palette."""

from conftest import SIZE

from carecli.screens.help import HelpScreen
from carecli.screens.record import RecordScreen
from carecli.widgets.client_table import ClientTable


async def loaded(app, pilot):
    """The caseload read and shown (the app opens on the queue: `c` is pressed there)."""
    for _ in range(100):
        await pilot.pause()
        if app.caseload.loaded:
            if app.screen is app.queue:
                await pilot.press("c")
                await pilot.pause()
            return app.caseload.query_one(ClientTable)
    raise AssertionError("caseload never loaded")


def names(table: ClientTable) -> list[str]:
    return [f"{r.family_name}, {r.given_name}" for r in table.rows]


def screen_text(table: ClientTable) -> str:
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


async def test_caseload_lists_active_clients_most_urgent_first(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = await loaded(app, pilot)
        assert len(table.rows) == 5  # Ruth is on hold; the default shows active clients
        assert "Abernathy, Ruth" not in names(table)
        text = screen_text(table)
        assert "Okafor, Margaret" in text and "Núñez, José" in text
        assert "[@click=app.quit]Smith[/]" in text  # markup shown exactly as typed
        assert "25 ✓" in text  # Margaret's 25 minutes pass the 20-minute CCM mark
        walter = next(r for r in table.rows if r.given_name == "Walter")
        assert {"unreachable", "recent_discharge"} <= set(walter.flags)
        li = next(r for r in table.rows if r.given_name == "Li")
        assert "no_consent" in li.flags


async def test_typing_a_filter_narrows_and_escape_clears(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = await loaded(app, pilot)
        await pilot.press("slash", *"hyperten")
        await pilot.pause()
        assert sorted(names(table)) == ["Brooks, Walter", "Núñez, José"]
        await pilot.press("enter")  # back to the table
        assert table.has_focus
        await pilot.press("escape", "slash", *"555-123")
        await pilot.pause()
        assert names(table) == ["Wei, Li"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(table.rows) == 5 and table.has_focus


async def test_percent_in_filter_matches_only_itself(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = await loaded(app, pilot)
        await pilot.press("slash", "%")
        await pilot.pause()
        assert table.rows == []
        assert "No clients match" in screen_text(table)


async def test_sort_status_risk_and_overdue_filters(make_app, seeded, today):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = await loaded(app, pilot)
        await pilot.press("s")  # next_due -> plan_review
        assert table.sort_by == "plan_review"
        await pilot.press("s")
        assert table.sort_by == "last_contact"
        await pilot.press("s", "s", "s")  # minutes, flags, then round to name
        assert table.sort_by == "name"
        assert names(table)[:2] == ["[@click=app.quit]Smith[/], Ann", "Brooks, Walter"]
        await pilot.press("S")
        assert table.descending and names(table)[0] == "Wei, Li"
        await pilot.press("t")  # risk: high
        assert sorted(names(table)) == ["Brooks, Walter", "Okafor, Margaret"]
        await pilot.press("t", "t", "t")  # back to all risks
        await pilot.press("f")  # status: on hold
        assert names(table) == ["Abernathy, Ruth"]
        await pilot.press("f", "f")  # everyone
        assert len(table.rows) == 6
        await pilot.press("o")
        assert all(r.overdue(today) for r in table.rows) and table.rows
        summary = str(app.caseload.query_one("#caseload-summary").render())
        assert "overdue only" in summary


async def test_enter_opens_the_record_and_escape_returns(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = await loaded(app, pilot)
        await pilot.press("slash", *"okafor", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.client_id == seeded["Margaret"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.caseload and table.current.given_name == "Margaret"


async def test_help_lists_the_keys_of_the_screen(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.keys)
        assert any("Filter" in text for text in keys.values())
        assert any("Overdue" in text for text in keys.values())
        await pilot.press("escape")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def jump_with_palette(pilot, query: str) -> None:
    """Open the palette, type `query`, wait for its hits, take the first."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    for _ in range(20):
        await pilot.pause(0.05)
    await pilot.press("enter")
    await pilot.pause()


async def test_palette_jumps_to_a_client_by_fuzzy_name(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await jump_with_palette(pilot, "wltr brks")
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.client_id == seeded["Walter"]


async def test_filter_and_palette_ignore_accents(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = await loaded(app, pilot)
        await pilot.press("slash", *"nunez jose")
        await pilot.pause()
        assert names(table) == ["Núñez, José"]
        await pilot.press("escape")
        await jump_with_palette(pilot, "jose nunez")
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.client_id == seeded["José"]


async def test_empty_database_offers_demo_or_first_client(make_app):
    from carecli.screens.form import FormScreen
    from carecli.screens.welcome import WelcomeScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)


async def test_sorting_and_filtering_start_at_the_top(make_app, seeded):
    app = make_app()
    async with app.run_test(size=(140, 9)) as pilot:  # room for three rows only
        table = await loaded(app, pilot)
        await pilot.press("end")
        assert table.cursor == len(table.rows) - 1 and table.scroll_y > 0
        await pilot.press("s")
        assert table.cursor == 0 and table.scroll_y == 0


async def test_flags_can_be_typed_in_the_filter(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = await loaded(app, pilot)
        await pilot.press("slash", *"unreach")
        await pilot.pause()
        assert names(table) == ["Brooks, Walter"]
        await pilot.press("escape", "slash", *"post-hosp")
        await pilot.pause()
        assert names(table) == ["Brooks, Walter"]


def test_narrow_terminals_drop_the_least_needed_columns():
    from carecli.widgets.caseload_cells import layout

    wide = [c[0] for c, _ in layout(160)]
    assert wide == ["name", "age", "risk", "status", "conditions", "next_due", "plan_review",
                    "last_contact", "minutes", "flags"]
    narrow = layout(80)
    assert [c[0] for c, _ in narrow] == ["name", "risk", "next_due", "minutes", "flags"]
    assert sum(w for _, w in narrow) + len(narrow) + 1 <= 80
