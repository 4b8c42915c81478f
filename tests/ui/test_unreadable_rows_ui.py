"""The app opens on a file holding values no carecli form would store (another program, an old
version): the caseload lists every client, the odd ones flagged "⚠ check record"."""

import sqlite3
from contextlib import closing

from conftest import SIZE
from test_caseload_ui import loaded, names, screen_text

from carecli.screens.record import RecordScreen


def write(db_path, sql: str, *params) -> None:
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute(sql, params)


async def test_caseload_opens_with_a_future_enrolment_and_a_broken_date(make_app, seeded,
                                                                        db_path):
    write(db_path, "UPDATE client SET enrolled_on = '9999-12-31' WHERE id = ?", seeded["Li"])
    write(db_path, "UPDATE client SET date_of_birth = '2026-02-30' WHERE id = ?",
          seeded["Walter"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = await loaded(app, pilot)
        assert len(table.rows) == 5
        assert "⚠ check record" in screen_text(table)
        await pilot.press("slash", *"check")
        await pilot.pause()
        assert names(table) == ["Brooks, Walter"]
        await pilot.press("escape", "slash", *"wei", "enter", "enter")  # open Li's record
        for _ in range(50):
            await pilot.pause()
            if isinstance(app.screen, RecordScreen) and app.screen.record is not None:
                break
        assert app.screen.record.client.given_name == "Li"
        assert app.is_running
