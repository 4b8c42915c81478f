"""Care plans in today's queue (`domain.queue`): the active plan's interventions by their next
due day (`plan_outline.next_due`), in a nurse's words; done today they leave the queue and show
in "done today"; plan reviews name the plan and when it was finalised."""

from datetime import date, datetime, timedelta

from test_queue_rules import TODAY, at, client, only, reasons

from carecli.domain.care_plan import PlanItem
from carecli.domain.queue import InterventionFact, PlanReview, build_queue, merge_client


def intervention(uid: str = "u1", *, text: str = "Review BP log with Ada",
                 frequency: str | None = "weekly", due_on: date | None = date(2026, 11, 1),
                 status: str = "in-progress", owner_kind: str = "care_manager",
                 owner_name: str | None = None) -> PlanItem:
    return PlanItem(uid=uid, kind="intervention", parent_uid="g1", position=0, text=text,
                    status=status, owner_kind=owner_kind, owner_name=owner_name,
                    frequency=frequency, due_on=due_on)


def facts(*interventions: InterventionFact, **more):
    """A client whose check-in is not due today, with these interventions."""
    return client(last="2026-11-20", interventions=interventions, **more)


def test_a_repeating_intervention_is_due_its_interval_after_it_was_last_done():
    done = InterventionFact(intervention(), last_done_on=date(2026, 11, 17))
    item = only(build_queue([facts(done)], today=TODAY))
    assert item.reason == "intervention due today: Review BP log with Ada (weekly, care manager)"
    assert (item.kind, item.key, item.due, item.overdue_days) == (
        "intervention", "intervention:u1", TODAY, 0)


def test_an_overdue_intervention_says_how_late():
    never = InterventionFact(intervention(due_on=date(2026, 11, 21), frequency="once",
                                          text="Book the eye exam", owner_kind="family",
                                          owner_name="Maria"))
    item = only(build_queue([facts(never)], today=TODAY))
    assert item.reason == (
        "intervention 3 days overdue: Book the eye exam (once, family member: Maria)")
    assert item.overdue_days == 3 and (build_queue([facts(never)], today=TODAY).overdue == 1)


def test_not_due_yet_it_is_counted_in_the_week_ahead():
    later = InterventionFact(intervention(), last_done_on=date(2026, 11, 20))
    queue = build_queue([facts(later)], today=TODAY)
    assert queue.items == () and dict(queue.week)[date(2026, 11, 27)] == 1


def test_a_one_off_done_and_an_as_needed_one_done_are_not_due_again():
    once = InterventionFact(intervention("a", frequency="once"), last_done_on=date(2026, 11, 2))
    needed = InterventionFact(intervention("b", frequency="as_needed"),
                              last_done_on=date(2026, 11, 2))
    assert build_queue([facts(once, needed)], today=TODAY).items == ()


def test_an_intervention_on_hold_completed_or_cancelled_is_never_due():
    held = [InterventionFact(intervention(status=s)) for s in (
        "on-hold", "completed", "cancelled", "stopped", "entered-in-error")]
    assert build_queue([facts(*held)], today=TODAY).items == ()
    opened = [InterventionFact(intervention(str(n), status=s)) for n, s in enumerate(
        ("not-started", "scheduled", "in-progress"))]
    assert len(build_queue([facts(*opened)], today=TODAY).items) == 3


def test_without_a_due_day_a_never_done_intervention_is_not_due():
    habit = InterventionFact(intervention(due_on=None, frequency="daily", owner_kind="client"))
    assert build_queue([facts(habit)], today=TODAY).items == ()


def test_only_active_clients_get_intervention_items():
    due = InterventionFact(intervention(due_on=TODAY, frequency="once"))
    assert build_queue([facts(due, status="on_hold")], today=TODAY).items == ()


def test_done_today_it_leaves_the_queue_and_shows_in_done_today():
    marked = datetime.combine(TODAY, datetime.min.time()).astimezone() + timedelta(hours=11)
    done = InterventionFact(intervention(), last_done_on=TODAY, done_at=marked)
    queue = build_queue([facts(done)], today=TODAY)
    assert queue.items == ()
    assert [(d.key, d.outcome, d.summary, d.contact_id) for d in queue.done] == [
        ("intervention:u1", "done",
         "intervention done: Review BP log with Ada; next due Dec 1", None)]
    one_off = InterventionFact(intervention(frequency="once", text="Send the plan to Dr Lee"),
                               last_done_on=TODAY, done_at=marked)
    assert build_queue([facts(one_off)], today=TODAY).done[0].summary == (
        "intervention done: Send the plan to Dr Lee")


def test_interventions_come_with_the_other_follow_ups_earliest_first():
    clients = [
        facts(InterventionFact(intervention(due_on=date(2026, 11, 20), frequency="once")),
              plan_reviews=(PlanReview(3, date(2026, 11, 22), 2, date(2026, 8, 3)),)),
        client(2, last="2026-11-10"),  # check-in due today
    ]
    queue = build_queue(clients, today=TODAY)
    assert [(i.client_id, i.kind) for i in queue.items] == [
        (2, "check_in"), (1, "intervention"), (1, "plan_review")]
    assert reasons(queue)[2] == "care plan review 2 days overdue — plan 2 finalised Aug 3"


def test_a_task_and_an_intervention_due_the_same_day_keep_a_steady_order():
    from carecli.domain.queue import HandSet

    both = facts(InterventionFact(intervention(due_on=TODAY, frequency="once")),
                 hand_set=(HandSet(4, "task", TODAY, "call the pharmacy"),))
    assert [i.kind for i in build_queue([both], today=TODAY).items] == ["task", "intervention"]


def test_a_snoozed_intervention_stays_out_until_its_day():
    from carecli.domain.queue import SnoozeFact

    snooze = SnoozeFact("intervention:u1", date(2026, 11, 26), "client away", TODAY)
    due = InterventionFact(intervention(due_on=TODAY, frequency="once"))
    assert build_queue([facts(due, snoozes=(snooze,))], today=TODAY).items == ()


def test_merging_a_clients_part_keeps_both_kinds_of_done_today():
    from carecli.domain.queue import DoneContact

    marked = at(TODAY.isoformat(), 15).astimezone()
    call = DoneContact(7, 1, "Client01, Pat", at(TODAY.isoformat(), 9).astimezone(), "phone",
                       "reached", 10)
    before = build_queue([facts(InterventionFact(intervention(due_on=TODAY, frequency="once")))],
                         today=TODAY, done=[call])
    part = build_queue([facts(InterventionFact(intervention(due_on=TODAY, frequency="once"),
                                               last_done_on=TODAY, done_at=marked))],
                       today=TODAY, done=[call])
    merged = merge_client(before, part, 1)
    assert merged.items == () and [d.outcome for d in merged.done] == ["done", "reached"]
