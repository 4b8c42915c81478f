"""Layout snapshots of the care plan editor (a draft after a finalised plan) and of the
comparison of the two versions: at 80x24 (the outline, the banner and every footer key in
view) and at 120x40 (with the CMS checklist beside the outline)."""

import pytest
from conftest import settle, wait_for
from plan_seed import seed_plan
from test_caseload_ui import loaded

from carecli.config import resolve_database
from carecli.data.service import CareService
from carecli.screens.plan_editor import PlanScreen, open_plan
from carecli.screens.plan_versions import PlanDiffScreen


@pytest.fixture
def planned(seeded, db, db_path, today):
    service = CareService(resolve_database(str(db_path)), db=db, today=today)
    seed_plan(service, seeded["Margaret"])
    return seeded["Margaret"]


def _editor(client_id: int, *then: str):
    async def run(pilot):
        app = pilot.app
        await loaded(app, pilot)
        open_plan(app, client_id)
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen)
                       and app.screen.plan is not None, "the care plan")
        await pilot.press("down", "down", *then)  # the cursor on an intervention
        await settle(app, pilot)
        if then:
            await wait_for(pilot, lambda: isinstance(app.screen, PlanDiffScreen), "the diff")
        await pilot.pause()

    return run


def test_plan_editor_80x24_snapshot(snap_compare, make_app, planned):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_editor(planned))


def test_plan_editor_120x40_snapshot(snap_compare, make_app, planned):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_editor(planned))


def test_plan_diff_80x24_snapshot(snap_compare, make_app, planned):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_editor(planned, "w"))


def test_plan_diff_120x40_snapshot(snap_compare, make_app, planned):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_editor(planned, "w"))
