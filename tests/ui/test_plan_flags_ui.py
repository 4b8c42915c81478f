"""Days gone by are flagged inside the plan editor in red with words (Tuesday 2026-11-24): an
overdue review, an open goal's target date passed (not a completed or achieved one) and an
overdue intervention; and the finalise dialog names the CMS elements still missing."""

from datetime import date

import pytest
from conftest import SIZE, settle, wait_for
from test_caseload_ui import loaded
from test_narrow_ui import screen_lines

from carecli.data.models import CarePlan, CarePlanItem
from carecli.domain.plan_completeness import check_plan
from carecli.screens.plan_dialogs import FinaliseForm
from carecli.screens.plan_editor import PlanScreen, open_plan


@pytest.fixture
def late_plan(db, seeded) -> int:
    """Ann's draft, stored by another window months ago: its review was due Nov 10, a goal's
    target date was Nov 20, a finished goal's Nov 1, and a weekly call was due Nov 3."""
    ann = seeded["Ann"]
    with db.write() as session:
        plan = CarePlan(client_id=ann, number=1, status="draft",
                        review_due_on=date(2026, 11, 10))
        session.add(plan)
        session.flush()
        session.add_all([
            CarePlanItem(care_plan_id=plan.id, uid="p", kind="problem", text="Falls",
                         status="active"),
            CarePlanItem(care_plan_id=plan.id, uid="g1", kind="goal", parent_uid="p",
                         position=0, text="Walk with a frame", status="active",
                         measure="steps", target="1000", target_on=date(2026, 11, 20)),
            CarePlanItem(care_plan_id=plan.id, uid="g2", kind="goal", parent_uid="p",
                         position=1, text="Grab rails fitted", status="completed",
                         measure="rails", target="2", target_on=date(2026, 11, 1)),
            CarePlanItem(care_plan_id=plan.id, uid="call", kind="intervention",
                         parent_uid="g1", text="Check-in call", status="scheduled",
                         owner_kind="care_manager", frequency="weekly",
                         due_on=date(2026, 11, 3)),
        ])
    return ann


async def test_days_gone_by_are_flagged_and_finalising_names_what_is_missing(
        make_app, late_plan):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        open_plan(app, late_plan)
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen)
                       and app.screen.plan is not None, "the care plan")
        screen = app.screen
        await settle(app, pilot)
        lines = screen_lines(app)
        assert any("Next review: 2026-11-10 ⚠ review overdue" in line for line in lines)
        assert any("by 2026-11-20 ⚠ date passed" in line for line in lines)
        assert any("by 2026-11-01" in line and "⚠" not in line for line in lines)  # done
        assert any("due 2026-11-03 ⚠ overdue" in line for line in lines)
        screen.outline.go_to("g1")
        await settle(app, pilot)
        assert "by 2026-11-20 ⚠ date passed" in str(screen.query_one("#plan-detail").render())

        missing = [c.label for c in check_plan(screen.plan) if not c.met and c.key != "copy"]
        assert missing
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FinaliseForm), "the dialog")
        title = str(app.screen.query_one("#form-title").render())
        assert f"{len(missing)} CMS elements missing: {'; '.join(missing)})" in " ".join(
            title.split())
