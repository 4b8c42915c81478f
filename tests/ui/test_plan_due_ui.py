"""The plan editor shows when each intervention is next due after the last time it was done,
as the queue counts it (Tuesday 2026-11-24): `d` in the queue moves the date the editor shows,
and the highlighted intervention's detail says when it was last done."""

from datetime import date

import pytest
from conftest import SIZE, settle, wait_for
from test_narrow_ui import screen_lines
from test_queue_ui import highlight, queue_shown

from carecli.data.models import CarePlan, CarePlanItem, InterventionDone
from carecli.screens.plan_editor import PlanScreen


@pytest.fixture
def planned(db, seeded):
    """José's active plan: a weekly BP log review planned from Nov 1, last done Nov 17 (so
    due today), and a daily walk never done and planned for no day."""
    jose = seeded["José"]
    with db.write() as session:
        plan = CarePlan(client_id=jose, number=1, status="active")
        session.add(plan)
        session.flush()
        session.add(CarePlanItem(care_plan_id=plan.id, uid="p1", kind="problem",
                                 text="Shortness of breath", status="active"))
        session.add(CarePlanItem(care_plan_id=plan.id, uid="g1", kind="goal", parent_uid="p1",
                                 text="Walk to the mailbox", status="active",
                                 target_on=date(2027, 2, 1)))
        session.add(CarePlanItem(care_plan_id=plan.id, uid="bp", kind="intervention",
                                 parent_uid="g1", position=0, text="Review BP log with José",
                                 status="in-progress", owner_kind="care_manager",
                                 frequency="weekly", due_on=date(2026, 11, 1)))
        session.add(CarePlanItem(care_plan_id=plan.id, uid="walk", kind="intervention",
                                 parent_uid="g1", position=1, text="Walk round the block",
                                 status="in-progress", owner_kind="client",
                                 frequency="daily"))
        session.add(InterventionDone(client_id=jose, intervention_uid="bp",
                                     done_on=date(2026, 11, 17)))
    return seeded


def _line_of(app, text: str) -> str:
    """The outline's second line under the item whose first line holds `text`."""
    lines = screen_lines(app)
    at = next(n for n, line in enumerate(lines) if text in line)
    return lines[at + 1]


async def _open_plan(app, pilot, client_id: int) -> PlanScreen:
    await highlight(pilot, client_id)
    await pilot.press("p")
    await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen)
                   and app.screen.plan is not None, "the care plan")
    await settle(app, pilot)
    return app.screen


async def test_the_editor_shows_the_next_due_day_after_the_last_time_done(make_app, planned):
    jose = planned["José"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await queue_shown(app, pilot)
        screen = await _open_plan(app, pilot, jose)
        bp = _line_of(app, "Review BP log with José")
        assert "last done 2026-11-17" in bp and "due 2026-11-24" in bp
        assert "2026-11-01" not in bp  # not the planned day: it was done since
        walk = _line_of(app, "Walk round the block")
        assert "last done" not in walk and "due" not in walk  # never done, no day planned
        screen.outline.go_to("bp")
        await settle(app, pilot)
        detail = str(screen.query_one("#plan-detail").render())
        assert "due 2026-11-24 · last done 2026-11-17" in detail

        await pilot.press("escape")
        await queue_shown(app, pilot)
        await highlight(pilot, jose, "intervention")  # the walk is due on no day: not there
        assert "Review BP log" in app.queue.table.current.reason
        await pilot.press("d")  # done today
        await settle(app, pilot)

        await _open_plan(app, pilot, jose)
        bp = _line_of(app, "Review BP log with José")
        assert "last done 2026-11-24" in bp and "due 2026-12-01" in bp
