"""Layout snapshots of today's queue on the seeded caseload with an open safety finding: at
80x24 (every client's name whole, the reasons cut with …, every footer key in view), at
120x40, and the week ahead."""

from conftest import settle
from test_queue_ui import finding, queue_shown  # noqa: F401  (the fixture is used by name)


async def _queue(pilot):
    await queue_shown(pilot.app, pilot)
    await pilot.pause()


def test_queue_80x24_snapshot(snap_compare, make_app, finding):  # noqa: F811
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_queue)


def test_queue_120x40_snapshot(snap_compare, make_app, finding):  # noqa: F811
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_queue)


def test_queue_week_snapshot(snap_compare, make_app, finding):  # noqa: F811
    async def week(pilot):
        await _queue(pilot)
        await pilot.press("w")
        await settle(pilot.app, pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=week)
