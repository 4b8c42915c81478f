"""The head of today's queue, handed on before the rest is read (`load_queue(first=…)`, what the
queue screen shows first), is exactly the full queue's first items, in its order, whatever the
mix: safety findings, TCM, retries, hand-set check-ins, snoozes, tasks, referrals, plan reviews
and many plain check-ins due on the same days."""

from datetime import date

import pytest
from test_queue_data import TODAY, add, contact, local, new_client
from test_queue_merge import _caseload

from carecli.data.models import CarePlan, CheckIn, HospitalStay, Referral, SafetyFinding, Snooze
from carecli.data.queue import load_queue

pytestmark = pytest.mark.both_backends


def _varied(db) -> None:
    """`test_queue_merge`'s caseload (a retry, a snooze ending today, a task) and more: a
    safety finding and a TCM deadline, plain check-ins overdue or due today on the same days
    at every risk and with names that differ only in case, check-ins set by hand earlier and
    later than the cadence, a snooze that hides a check-in, clients whose only items due are a
    task, a referral or a plan review, a client on hold with nothing due, and a third retry."""
    _caseload(db)
    found = new_client(db, "Found", status="on_hold")
    add(db, SafetyFinding(client_id=found, flag="suicidal_ideation", instrument_id="phq9",
                          answers={"9": 1}, found_at=local(date(2026, 11, 22), 15)))
    left = new_client(db, "Left")
    contact(db, left, local(date(2026, 11, 15), 10))
    add(db, HospitalStay(client_id=left, facility="General", admitted_on=date(2026, 11, 18),
                         discharged_on=date(2026, 11, 21)))
    plain = [("high", 1), ("low", 1), ("moderate", 1), ("high", 3), ("moderate", 3),
             ("low", 20), ("high", 20), ("high", 17), ("moderate", 10)]
    for n, (risk, last) in enumerate(plain * 2):
        family = f"Plain{n}" if n < len(plain) else f"plain{n - len(plain)}"  # another case
        client = new_client(db, family, risk=risk)
        contact(db, client, local(date(2026, 11, last), 10))
    early = new_client(db, "Early")
    contact(db, early, local(date(2026, 11, 20), 10))
    add(db, CheckIn(client_id=early, kind="check_in", due_on=date(2026, 11, 22),
                    reason="after the clinic visit"))
    later = new_client(db, "Later", risk="high")
    contact(db, later, local(date(2026, 11, 1), 10))
    add(db, CheckIn(client_id=later, kind="check_in", due_on=date(2026, 12, 1)))
    hidden = new_client(db, "Hidden", risk="high")
    contact(db, hidden, local(date(2026, 11, 1), 10))
    add(db, Snooze(client_id=hidden, item_key="cadence", until_on=date(2026, 11, 27),
                   reason="in hospital", created_at=local(date(2026, 11, 20), 9)))
    for family in ("Tasked", "Referred", "Reviewed"):
        client = new_client(db, family)
        contact(db, client, local(TODAY, 8))  # reached today: the check-in is not due
        if family == "Tasked":
            add(db, CheckIn(client_id=client, kind="task", due_on=date(2026, 11, 20),
                            reason="send forms"))
        elif family == "Referred":
            add(db, Referral(client_id=client, to_whom="food bank", status="requested",
                             made_on=date(2026, 11, 10), follow_up_on=date(2026, 11, 17)))
        else:
            add(db, CarePlan(client_id=client, status="active",
                             review_due_on=date(2026, 11, 19)))
    new_client(db, "Resting", status="on_hold")
    again = new_client(db, "Again", risk="low")
    contact(db, again, local(date(2026, 10, 1), 10))
    contact(db, again, local(date(2026, 11, 19), 10), outcome="no_answer", minutes=1)
    contact(db, again, local(date(2026, 11, 20), 10), outcome="voicemail", minutes=1)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 8, 13, 17, 19, 21, 24, 100])
def test_the_first_items_are_the_head_of_the_full_queue(db, count):
    _varied(db)
    handed: list[tuple] = []
    full = load_queue(db=db, today=TODAY, first=handed.append, count=count)
    assert len(full.items) == 24
    assert {i.kind for i in full.items} == {"safety", "tcm", "check_in", "scheduled", "retry",
                                           "task", "referral", "plan_review"}
    assert len(handed) == 1
    head = handed[0]
    assert head == full.items[:len(head)]
    assert [i.rank for i in head] == [i.rank for i in full.items[:len(head)]]
    # every item before the tasks, referrals and plan reviews comes early when asked for
    before_tier_four = sum(i.rank[0] < 4 for i in full.items)
    assert len(head) >= min(count, before_tier_four)
    assert full == load_queue(db=db, today=TODAY)  # handing the head on changes nothing


def _only_later_work(db) -> None:
    """One overdue check-in, then clients whose only items due are a task, a referral and a
    plan review (added in the opposite order of their days)."""
    late = new_client(db, "Late", risk="high")
    contact(db, late, local(date(2026, 11, 10), 10))
    for family, day in (("Tasked", 20), ("Referred", 17), ("Reviewed", 19)):
        client = new_client(db, family)
        contact(db, client, local(TODAY, 8))
        if family == "Tasked":
            add(db, CheckIn(client_id=client, kind="task", due_on=date(2026, 11, day)))
        elif family == "Referred":
            add(db, Referral(client_id=client, to_whom="food bank", status="requested",
                             made_on=date(2026, 11, 10), follow_up_on=date(2026, 11, day)))
        else:
            add(db, CarePlan(client_id=client, status="active",
                             review_due_on=date(2026, 11, day)))


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_tasks_referrals_and_reviews_come_early_only_in_their_order(db, count):
    _only_later_work(db)
    handed: list[tuple] = []
    full = load_queue(db=db, today=TODAY, first=handed.append, count=count)
    assert [i.kind for i in full.items] == ["check_in", "referral", "plan_review", "task"]
    assert handed[0] == full.items[:len(handed[0])] and handed[0][0].kind == "check_in"


def test_the_head_starts_with_safety_and_tcm_then_the_most_overdue(db):
    _varied(db)
    handed: list[tuple] = []
    load_queue(db=db, today=TODAY, first=handed.append, count=4)
    assert [(i.kind, i.client.split(",")[0]) for i in handed[0]] == [
        ("safety", "Found"), ("tcm", "Left"), ("check_in", "Safe"), ("check_in", "Quiet")]


def test_an_empty_queue_hands_on_no_items(db):
    handed: list[tuple] = []
    queue = load_queue(db=db, today=TODAY, first=handed.append)
    assert handed == [()] and queue.items == ()
