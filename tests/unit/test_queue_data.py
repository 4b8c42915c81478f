"""The queue read from a real database (SQLite and PostgreSQL): contacts, findings, stays,
check-ins, referrals, care plans and snoozes as stored, through the service's `queue()`."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from carecli.clinical import score
from carecli.data.assessments import complete_assessment, start_assessment
from carecli.data.caseload import _local_time
from carecli.data.clients import create_client
from carecli.data.models import CarePlan, CheckIn, ContactLog, HospitalStay, Referral, Snooze
from carecli.data.queue import load_queue
from carecli.domain.care_plan import PlanItem
from carecli.domain.plan_outline import next_due

pytestmark = pytest.mark.both_backends
TODAY = date(2026, 11, 24)  # a Tuesday


def local(day: date, hour: int) -> datetime:
    """`hour` o'clock on `day` on this computer's clock, as an aware time."""
    return datetime.combine(day, time(hour)).astimezone()


def new_client(db, family: str, *, risk: str = "moderate", enrolled: date = date(2026, 1, 5),
               status: str | None = None) -> int:
    client_id = create_client(db=db, values={"given_name": "Pat", "family_name": family,
                                             "enrolled_on": enrolled, "risk_tier": risk})
    if status:
        with db.write() as session:
            from carecli.data.models import Client
            session.get(Client, client_id).status = status
    return client_id


def contact(db, client_id: int, at: datetime, outcome: str = "reached", note: str | None = None,
            minutes: int = 10) -> None:
    with db.write() as session:
        session.add(ContactLog(client_id=client_id, occurred_at=at, mode="phone", outcome=outcome,
                               successful=outcome == "reached", minutes=minutes, note=note))


def add(db, row) -> None:
    with db.write() as session:
        session.add(row)


def as_day(value) -> date:
    """A date column as read (SQLite: ISO text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def by_client(queue, client_id: int) -> list[tuple[str, str]]:
    return [(i.kind, i.reason) for i in queue.items if i.client_id == client_id]


def test_a_safety_finding_heads_the_queue_until_a_noted_call_today_closes_it(db):
    client = new_client(db, "Safe", status="on_hold")
    answers = {str(i): 0 for i in range(1, 9)} | {"9": 1}
    assessment = start_assessment(db=db, client_id=client, kind="reassessment", steps=["phq9"])
    complete_assessment(db=db, assessment_id=assessment, answers={"phq9": answers},
                        scores={"phq9": score("phq9", answers)})
    found_day = datetime.now(UTC).astimezone().date()
    queue = load_queue(db=db, today=found_day)
    assert queue.items[0].kind == "safety" and queue.items[0].client_id == client
    assert queue.items[0].reason == "PHQ-9 item 9 positive today — no follow-up yet"

    contact(db, client, datetime.now(UTC) + timedelta(minutes=1), note="Safety plan reviewed.")
    queue = load_queue(db=db, today=found_day)
    assert by_client(queue, client) == []  # on hold: no check-in either
    assert [(d.client_id, d.summary) for d in queue.done] == [
        (client, "reached (phone), 10 min; SI follow-up noted")]


def test_a_voicemail_today_is_done_and_retried_the_next_business_day(db):
    client = new_client(db, "Voice")
    contact(db, client, local(date(2026, 11, 1), 10))
    contact(db, client, local(TODAY, 9), outcome="voicemail", minutes=2)
    queue = load_queue(db=db, today=TODAY)
    assert by_client(queue, client) == []
    assert [d.summary for d in queue.done] == ["voicemail (phone), 2 min; retry tomorrow"]
    tomorrow = load_queue(db=db, today=TODAY + timedelta(days=1))
    assert by_client(tomorrow, client) == [
        ("retry", "retry: voicemail yesterday (2nd attempt)")]
    assert tomorrow.done == ()


def test_a_date_in_the_past_counts_only_the_contacts_up_to_it(db):
    client = new_client(db, "Past", risk="high")
    contact(db, client, local(date(2026, 11, 10), 10))
    contact(db, client, local(date(2026, 11, 20), 10))
    assert by_client(load_queue(db=db, today=date(2026, 11, 19)), client) == [
        ("check_in", "check-in 2 days overdue (high risk, every 7 days)")]
    assert by_client(load_queue(db=db, today=TODAY), client) == []


def test_tcm_check_ins_tasks_referrals_and_plan_reviews_as_stored(db):
    client = new_client(db, "Busy")
    contact(db, client, local(date(2026, 11, 18), 10))
    add(db, HospitalStay(client_id=client, facility="General", admitted_on=date(2026, 11, 17),
                         discharged_on=date(2026, 11, 20)))
    add(db, HospitalStay(client_id=client, kind="emergency", facility="General",
                         admitted_on=TODAY, discharged_on=TODAY))
    add(db, CheckIn(client_id=client, kind="task", due_on=TODAY, reason="review BP log"))
    add(db, CheckIn(client_id=client, kind="task", due_on=TODAY, reason="done already",
                    status="done"))
    add(db, Referral(client_id=client, to_whom="food bank", status="requested",
                     made_on=date(2026, 11, 14), follow_up_on=date(2026, 11, 21)))
    add(db, Referral(client_id=client, to_whom="draft", made_on=date(2026, 11, 14),
                     follow_up_on=date(2026, 11, 21)))
    add(db, CarePlan(client_id=client, number=2, status="active",
                     review_due_on=date(2026, 11, 23), finalised_at=local(date(2026, 8, 3), 10)))
    assert by_client(load_queue(db=db, today=TODAY), client) == [
        ("tcm", "TCM contact due today — discharged Fri"),
        ("referral", "referral to food bank sent 10 days ago: follow up"),
        ("referral", "referral to draft drafted 10 days ago: not sent yet"),
        ("plan_review", "care plan review 1 day overdue — plan 2 finalised Aug 3"),
        ("task", "task due today: review BP log"),
    ]


def test_the_latest_snooze_of_an_item_counts(db, tmp_path):
    client = new_client(db, "Snooze")
    contact(db, client, local(date(2026, 11, 1), 10))
    add(db, Snooze(client_id=client, item_key="cadence", until_on=date(2026, 12, 20),
                   reason="first", created_at=local(date(2026, 11, 20), 9)))
    assert by_client(load_queue(db=db, today=TODAY), client) == []
    add(db, Snooze(client_id=client, item_key="cadence", until_on=TODAY,
                   reason="on holiday", created_at=local(date(2026, 11, 21), 9)))
    assert by_client(load_queue(db=db, today=TODAY), client) == [
        ("check_in", "snoozed from Sat: on holiday")]


def test_the_service_reads_the_queue(db, tmp_path):
    from carecli.config import DatabaseLocation
    from carecli.data.service import CareService

    client = new_client(db, "Service")
    service = CareService(DatabaseLocation(url="sqlite://"), db=db,
                          today=date(2026, 2, 1))
    queue = service.queue()
    assert queue.today == date(2026, 2, 1)
    assert [i.client_id for i in queue.items] == [client]  # due a cadence after enrolment
    assert service.queue(TODAY).items[0].reason.startswith("check-in 309 days overdue")


CHECK_IN_KINDS = {"check_in", "scheduled", "retry", "unable_to_reach"}


def test_the_caseload_s_next_check_in_is_the_queue_s(db):
    """Every active client's check-in item falls on the caseload's next check-in: it is in
    today's queue exactly when that day has come, and counted in the week ahead otherwise."""
    from carecli.data.caseload import load_caseload
    from carecli.demo import build_demo

    build_demo(db=db, clients=80, seed=5, today=TODAY)
    client = new_client(db, "Retry", enrolled=date(2026, 10, 1))
    contact(db, client, local(date(2026, 11, 2), 10))
    contact(db, client, local(date(2026, 11, 20), 10), outcome="no_answer")
    add(db, CheckIn(client_id=client, due_on=date(2026, 12, 20), reason="later"))
    rows = {r.id: r for r in load_caseload(db=db, today=TODAY) if r.status == "active"}
    queue = load_queue(db=db, today=TODAY)
    items = {i.client_id: i for i in queue.items if i.kind in CHECK_IN_KINDS}
    assert rows[client].next_due == date(2026, 11, 23) == items[client].due
    assert {r.id for r in rows.values() if r.next_due <= TODAY} == set(items)
    for client_id, item in items.items():
        assert rows[client_id].next_due == item.due
    assert {"retry", "unable_to_reach", "check_in"} <= {i.kind for i in items.values()}
    with db.raw() as conn:  # the week ahead: the check-ins, and what else falls due each day
        cur = conn.cursor()
        cur.execute("SELECT client_id, follow_up_on FROM referral "
                    "WHERE status IN ('requested', 'accepted') UNION ALL "
                    "SELECT client_id, review_due_on FROM care_plan WHERE status = 'active' "
                    "UNION ALL SELECT client_id, due_on FROM check_in WHERE status = 'open' "
                    "AND kind = 'task'")
        others = [as_day(d) for client_id, d in cur.fetchall()
                  if d is not None and client_id in rows]
        cur.execute("SELECT p.client_id, i.uid, i.status, i.frequency, i.due_on "
                    "FROM care_plan p JOIN care_plan_item i ON i.care_plan_id = p.id "
                    "WHERE p.status = 'active' AND i.kind = 'intervention' "
                    "AND (i.owner_kind = 'care_manager' OR i.frequency IS NULL "
                    "OR i.frequency = 'once')")  # the care manager's work
        interventions = cur.fetchall()
        cur.execute("SELECT client_id, intervention_uid, MAX(done_on) FROM intervention_done "
                    "GROUP BY client_id, intervention_uid")
        last = {(client_id, uid): as_day(d) for client_id, uid, d in cur.fetchall()}
        cur.execute("SELECT client_id, starts_at, reminded_on FROM appointment "
                    "WHERE status = 'scheduled'")  # a reminder the day before, ask the day after
        for client_id, starts_at, reminded_on in cur.fetchall():
            day = _local_time(starts_at).date()
            if client_id in rows:
                others += [day + timedelta(days=1)] + (
                    [day - timedelta(days=1)] if reminded_on is None else [])
    for client_id, uid, status, frequency, due_on in interventions:  # by their next due day
        item = PlanItem(uid=uid, kind="intervention", parent_uid=None, position=0, text="",
                        status=status, frequency=frequency, due_on=due_on and as_day(due_on))
        if client_id in rows and (due := next_due(item, last.get((client_id, uid)))):
            others.append(due)
    for day, count in queue.week[1:]:
        assert count == sum(r.next_due == day for r in rows.values()) + others.count(day)
    assert sum(count for _day, count in queue.week[1:]) > 10
