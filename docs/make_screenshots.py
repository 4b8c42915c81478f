"""Regenerate the README's screenshots from the demo caseload (Textual's own SVG export).

    .venv/bin/python docs/make_screenshots.py
"""

import asyncio
import tempfile
from datetime import date
from pathlib import Path

from carecli.app import CareApp
from carecli.config import resolve_database
from carecli.data.db import open_database
from carecli.demo import build_demo

HERE = Path(__file__).parent
SIZE = (160, 42)
TODAY = date(2026, 11, 24)


async def shoot(path: Path) -> None:
    location = resolve_database(str(path))
    db = open_database(location)
    build_demo(db=db, clients=60, seed=1, today=TODAY)
    app = CareApp(location, today=TODAY, db=db)
    async with app.run_test(size=SIZE) as pilot:
        while not app.caseload.loaded:
            await pilot.pause(0.05)
        await pilot.pause()
        app.save_screenshot("caseload.svg", str(HERE))
        await pilot.press("enter")
        while getattr(app.screen, "record", None) is None:
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot("record.svg", str(HERE))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(shoot(Path(folder) / "demo.db"))
    print(f"wrote {HERE / 'caseload.svg'} and {HERE / 'record.svg'}")


if __name__ == "__main__":
    main()
