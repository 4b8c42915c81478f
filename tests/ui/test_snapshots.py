"""Layout snapshots of the caseload, the record and a form with an error, at a fixed size."""

from conftest import SIZE
from test_caseload_ui import loaded


async def _wait_caseload(pilot):
    await loaded(pilot.app, pilot)
    await pilot.pause()


def test_caseload_snapshot(snap_compare, make_app, seeded):
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=_wait_caseload)


def test_record_snapshot(snap_compare, make_app, seeded):
    async def open_margaret(pilot):
        await _wait_caseload(pilot)
        pilot.app.open_client(seeded["Margaret"])
        for _ in range(50):
            await pilot.pause()
            if getattr(pilot.app.screen, "record", None) is not None:
                break
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=open_margaret)


def test_form_error_snapshot(snap_compare, make_app, seeded):
    async def bad_date(pilot):
        await _wait_caseload(pilot)
        await pilot.press("n", *"Ada", "tab", *"Lovelace", "tab", "tab", *"2026-02-30", "ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=bad_date)
