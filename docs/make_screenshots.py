"""Regenerate the README's screenshots from the demo caseload (Textual's own SVG export):
today's queue, the caseload and a client record.

    .venv/bin/python docs/make_screenshots.py
"""

import asyncio
import tempfile
from datetime import date
from pathlib import Path

from carecli.app import CareApp
from carecli.config import resolve_database
from carecli.data.db import open_database
from carecli.data.service import CareService
from carecli.demo import build_demo

HERE = Path(__file__).parent
SIZE = (160, 42)
TODAY = date(2026, 11, 24)
SHOTS = ("queue.svg", "caseload.svg", "record.svg")


async def _until(pilot, ready) -> None:
    while not ready():
        await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def shoot(path: Path) -> None:
    location = resolve_database(str(path))
    db = open_database(location)
    build_demo(db=db, clients=60, seed=1, today=TODAY)
    app = CareApp(CareService(location, db=db, today=TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: app.queue.queue is not None and app.caseload.loaded)
        app.save_screenshot(SHOTS[0], str(HERE))
        await pilot.press("c")
        await _until(pilot, lambda: app.screen is app.caseload)
        app.save_screenshot(SHOTS[1], str(HERE))
        await pilot.press("enter")
        await _until(pilot, lambda: getattr(app.screen, "record", None) is not None)
        app.save_screenshot(SHOTS[2], str(HERE))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(shoot(Path(folder) / "demo.db"))
    print("wrote " + ", ".join(str(HERE / shot) for shot in SHOTS))


if __name__ == "__main__":
    main()
