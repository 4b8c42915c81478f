"""A care plan for the UI tests, built through the data service: plan 1 finalised, plan 2 a
draft that rewords a goal, reschedules an intervention, adds one and removes a problem."""

from carecli.data.service import CareService


def seed_plan(service: CareService, client_id: int):
    """(plan 1, plan 2): the finalised plan and the draft after it."""
    plan = service.start_draft(client_id)
    add = service.add_item

    def last(p):
        return p.items[-1].uid

    plan = add(plan.id, plan.version, "problem", None, {"text": "Heart failure"})
    heart = last(plan)
    plan = add(plan.id, plan.version, "goal", heart, {
        "text": "Stay out of hospital", "client_words": "I want to be home for Christmas",
        "measure": "hospital stays", "target": "none", "target_on": "2027-05-01"})
    stays = plan.items[1].uid
    plan = add(plan.id, plan.version, "intervention", stays, {
        "text": "Daily weight, call if up 2 lb in a day", "owner_kind": "client",
        "frequency": "daily"})
    plan = add(plan.id, plan.version, "intervention", stays, {
        "text": "Weekly symptom check call", "owner_kind": "care_manager",
        "frequency": "weekly", "due_on": "2026-12-01"})
    plan = add(plan.id, plan.version, "problem", None, {"text": "Type 2 diabetes"})
    diabetes = last(plan)
    plan = add(plan.id, plan.version, "goal", diabetes, {
        "text": "Bring HbA1c down", "measure": "HbA1c", "target": "below 8%",
        "target_on": "2027-03-01"})
    plan = add(plan.id, plan.version, "problem", None, {"text": "Lives alone, no car"})
    plan = service.update_plan(plan.id, plan.version, {
        "summary": "Keep Margaret well at home.",
        "expected_outcome": "Stable with support; prognosis fair.",
        "medication_management": "Pill organiser filled weekly by her daughter."})
    first = service.finalise(plan.id, plan.version, "Dana Reyes RN", "First plan")

    plan = service.start_draft(client_id)
    goal = next(i for i in plan.items if i.text == "Bring HbA1c down")
    plan = service.update_item(plan.id, plan.version, goal.uid, {"target": "below 7.5%"})
    call = next(i for i in plan.items if i.text == "Weekly symptom check call")
    plan = service.update_item(plan.id, plan.version, call.uid,
                               {"frequency": "fortnightly"})
    plan = add(plan.id, plan.version, "intervention", goal.uid, {
        "text": "Diabetes education class", "owner_kind": "community",
        "owner_name": "Riverside Health", "due_on": "2026-12-10"})
    alone = next(i for i in plan.items if i.text == "Lives alone, no car")
    plan = service.remove_item(plan.id, plan.version, alone.uid)
    return first, plan
