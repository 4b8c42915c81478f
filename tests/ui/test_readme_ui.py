"""The README's examples work as written on the demo caseload."""

import re
from pathlib import Path

from test_caseload_ui import loaded
from textual.command import CommandPalette
from textual.widgets import OptionList

from carecli.demo import build_demo

README = Path(__file__).parents[2] / "README.md"


async def test_the_readme_palette_example_finds_its_client_on_the_demo(make_app, db, today):
    row = next(line for line in README.read_text().splitlines() if "`ctrl+p`" in line)
    query, expected = re.search(r'"([^"]+)" finds ([^)]+)\)', row).groups()
    build_demo(db=db, today=today)  # the default seed, as `carecli demo` builds it
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("ctrl+p", *query)
        options = None
        for _ in range(50):
            await pilot.pause(0.05)
            if isinstance(app.screen, CommandPalette):
                options = app.screen.query_one(OptionList)
                if options.option_count:
                    break
        assert options is not None and options.option_count, f"{query!r} found nothing"
        given, family = expected.split()
        top = str(options.get_option_at_index(0).prompt)
        assert top.startswith(f"{family}, {given}"), top
