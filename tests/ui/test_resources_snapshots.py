"""Layout snapshot of the community resource directory at 80x24: the demo's directory searched
for "senior", the first match in full below, an inactive one dim and last."""

from conftest import settle, wait_for
from test_queue_ui import queue_shown

from carecli.data.models import CommunityResource
from carecli.demo import catalogue as cat
from carecli.screens.resources import ResourceScreen


def test_resource_directory_80x24_snapshot(snap_compare, make_app, seeded, db):
    with db.write() as session:
        session.add_all(CommunityResource(**{"status": "active", **spec})
                        for spec in cat.RESOURCES)

    async def search(pilot):
        app = pilot.app
        await queue_shown(app, pilot)
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, ResourceScreen)
                       and app.screen.loaded, "the directory")
        await pilot.press(*"senior")
        await settle(app, pilot)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=search)
