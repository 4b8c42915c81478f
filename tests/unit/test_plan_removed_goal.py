"""Progress notes of a goal deleted from the plan: they stay with that goal's uid (never moved
to another goal, as uids are never reused), so the versions that had the goal still show its
progress when opened or exported, and the versions without it show nothing of it."""

from datetime import date

from plan_sample import sample_record

from carecli.config import resolve_database
from carecli.data.clients import create_client
from carecli.data.service import CareService
from carecli.export import export_plan

TODAY = date(2026, 11, 24)


def test_a_deleted_goals_notes_stay_with_the_versions_that_had_it(db, db_path) -> None:
    service = CareService(resolve_database(str(db_path)), db=db, today=TODAY)
    client_id = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                              "enrolled_on": date(2026, 1, 5)})
    plan = service.start_draft(client_id)
    plan = service.add_item(plan.id, plan.version, "problem", None, {"text": "Falls"})
    for text in ("Walk with a frame", "Sleep through"):
        plan = service.add_item(plan.id, plan.version, "goal", plan.items[0].uid,
                                {"text": text, "target_on": "2027-01-05"})
    walk, sleep = (i.uid for i in plan.items[1:])
    first = service.finalise(plan.id, plan.version, "Jo Ames")
    service.add_goal_progress(client_id, walk, {"noted_on": TODAY, "achievement": "improving",
                                                "note": "Walked to the shop"})
    draft = service.start_draft(client_id)
    draft = service.remove_item(draft.id, draft.version, walk)
    second = service.finalise(draft.id, draft.version, "Jo Ames")

    standing = service.plan_standing(client_id)
    assert standing.achievements == {walk: "improving"}  # kept, by the deleted goal's uid
    assert [i.uid for i in second.items if i.kind == "goal"] == [sleep]
    now = export_plan("markdown", second, sample_record(), standing)
    assert "Walk with a frame" not in now and "Improving" not in now
    before = export_plan("markdown", service.plan(first.id), sample_record(), standing)
    assert "**Goal: Walk with a frame**\n\n- By: January 5, 2027\n- Progress: Improving" in before
    assert service.goal_progress(client_id, walk)[0].note == "Walked to the shop"
