"""The demo's care plans: most clients have one, several with earlier versions that share their
items' identity (uids) and say what changed, a few with a draft under way; at most one draft and
one active plan each; the active plans pass the CCM elements check and their interventions and
reviews reach the queue; the people, contacts and assessments are those of a build without
plans (the plans draw from a stream of their own)."""

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from test_demo import _snapshot, fresh_db

import carecli.demo.plans as demo_plans
from carecli.data.models import (
    AssessmentAnswer,
    CarePlan,
    CarePlanItem,
    CarePlanSection,
    Client,
    GoalProgress,
    InterventionDone,
)
from carecli.data.plan_inputs import item_fields, item_values
from carecli.data.plans import current_plan
from carecli.data.queue import load_queue
from carecli.demo import build_demo
from carecli.domain.enums import FREQUENCY_DAYS, OPEN_INTERVENTION_STATUSES
from carecli.domain.plan_completeness import check_plan
from carecli.domain.plan_outline import next_due

DAY = date(2026, 11, 24)
CLIENTS = 150


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    with fresh_db(tmp_path_factory.mktemp("plans")) as db:
        build_demo(db=db, clients=CLIENTS, seed=4, today=DAY)
        yield db


def rows(db, model, *where):
    with db.read() as session:
        return session.scalars(select(model).where(*where)).all()


def test_most_clients_have_a_plan_several_with_versions_and_a_few_drafts(planned):
    plans = rows(planned, CarePlan)
    by_client = defaultdict(list)
    for plan in plans:
        by_client[plan.client_id].append(plan)
    assert len(by_client) >= 0.7 * CLIENTS
    for versions in by_client.values():
        statuses = [p.status for p in sorted(versions, key=lambda p: p.number)]
        assert sorted(p.number for p in versions) == list(range(1, len(versions) + 1))
        assert statuses.count("active") <= 1 and statuses.count("draft") <= 1
        assert statuses[-1] in ("active", "draft")  # the newest: the current plan or a draft
        assert all(s == "superseded" for s in statuses[:-1] if s != "active")
    superseded = [p for p in plans if p.status == "superseded"]
    assert len({p.client_id for p in superseded}) >= 10
    assert 2 <= sum(p.status == "draft" for p in plans) <= 0.15 * CLIENTS
    for plan in plans:
        if plan.status == "draft":
            assert plan.finalised_at is None and plan.changes is None
        else:
            assert plan.finalised_at is not None and plan.finalised_by
    for plan in plans:
        if plan.status != "draft" and plan.number > 1:
            assert plan.changes and all(isinstance(c, str) and c for c in plan.changes)
            assert any(c.startswith("Next review moved from") for c in plan.changes)


def test_versions_share_their_items_identity(planned):
    items = defaultdict(dict)
    for item in rows(planned, CarePlanItem):
        items[item.care_plan_id][item.uid] = item
    shared = 0
    for plan in rows(planned, CarePlan, CarePlan.number > 1):
        before = next(p for p in rows(planned, CarePlan, CarePlan.client_id == plan.client_id,
                                      CarePlan.number == plan.number - 1))
        old, new = items[before.id], items[plan.id]
        assert set(old) <= set(new)  # the demo only adds; nothing is removed
        for uid in old:
            assert (old[uid].kind, old[uid].parent_uid) == (new[uid].kind, new[uid].parent_uid)
        shared += 1
    assert shared >= 10
    for plan_items in items.values():  # positions: 0, 1, ... among siblings
        siblings = defaultdict(list)
        for item in plan_items.values():
            siblings[(item.parent_uid, item.kind)].append(item.position)
        assert all(sorted(p) == list(range(len(p))) for p in siblings.values())


def test_the_items_are_what_the_editor_would_accept(planned):
    for item in rows(planned, CarePlanItem):
        values = {name: getattr(item, name) for name in item_fields(item.kind)}
        item_values(item.kind, values, DAY, kept=values)


def test_every_active_plan_meets_the_ccm_elements_and_the_record_reads_it(planned):
    actives = rows(planned, CarePlan, CarePlan.status == "active")
    for row in actives:
        plan = current_plan(db=planned, client_id=row.client_id)
        missing = [c.key for c in check_plan(plan) if not c.met and c.key != "copy"]
        assert missing == [], (row.client_id, missing)
        assert plan.summary and len(plan.sections) == 10
    assert sum(bool(current_plan(db=planned, client_id=r.client_id).copies)
               for r in actives) >= 0.7 * len(actives)


def test_progress_and_interventions_done_name_the_clients_own_items(planned):
    uids = defaultdict(dict)
    with planned.read() as session:
        for client_id, uid, kind in session.execute(
                select(CarePlan.client_id, CarePlanItem.uid, CarePlanItem.kind)
                .join(CarePlanItem, CarePlanItem.care_plan_id == CarePlan.id)):
            uids[client_id][uid] = kind
    notes, done = rows(planned, GoalProgress), rows(planned, InterventionDone)
    assert len(notes) >= CLIENTS and len(done) >= CLIENTS
    assert all(uids[n.client_id][n.goal_uid] == "goal" and n.noted_on <= DAY for n in notes)
    assert all(uids[d.client_id][d.intervention_uid] == "intervention" and d.done_on < DAY
               for d in done)


def test_the_queue_shows_interventions_and_reviews_due(planned):
    queue = load_queue(db=planned, today=DAY)
    kinds = [i.kind for i in queue.items]
    assert "intervention" in kinds and "plan_review" in kinds
    # a morning's work, not a flood (the client's and the family's weekly habits included)
    assert kinds.count("intervention") <= 0.2 * CLIENTS
    assert all(i.overdue_days <= 14 for i in queue.items if i.kind in (
        "intervention", "plan_review"))


def test_sections_and_items_hold_no_placeholders(planned):
    texts = [i.text for i in rows(planned, CarePlanItem)]
    texts += [s.body for s in rows(planned, CarePlanSection)]
    texts += [n.note for n in rows(planned, GoalProgress)]
    assert not [t for t in texts if "{" in t or "}" in t]


def test_plans_leave_the_rest_of_the_demo_as_it_was(tmp_path: Path, monkeypatch) -> None:
    def answers(db):
        with db.read() as session:
            return session.execute(select(AssessmentAnswer.item_id, AssessmentAnswer.value)
                                   .order_by(AssessmentAnswer.id)).all()

    with fresh_db(tmp_path, "with.db") as db:
        build_demo(db=db, clients=40, seed=3, today=DAY)
        planned_view, planned_answers = _snapshot(db), answers(db)
        assert rows(db, CarePlan)
        again = fresh_db(tmp_path, "again.db")
        with again as other:
            build_demo(db=other, clients=40, seed=3, today=DAY)
            assert [(p.client_id, p.number, p.changes) for p in rows(other, CarePlan)] == [
                (p.client_id, p.number, p.changes) for p in rows(db, CarePlan)]
    monkeypatch.setattr(demo_plans._Plans, "plans", lambda self, person: None)
    with fresh_db(tmp_path, "without.db") as db:
        build_demo(db=db, clients=40, seed=3, today=DAY)
        assert rows(db, CarePlan) == [] and len(rows(db, Client)) == 40
        assert _snapshot(db) == planned_view and answers(db) == planned_answers


def test_repeating_habits_start_with_their_plan_and_fall_due(planned):
    """A repeating intervention planned with no date starts the day its plan is finalised (as
    the app makes it), so the client's and the family's habits fall due too: some overdue,
    some today, some later this week."""
    last = {}
    for done in rows(planned, InterventionDone):
        last[done.intervention_uid] = max(done.done_on, last.get(done.intervention_uid,
                                                                  done.done_on))
    when = defaultdict(set)
    for row in rows(planned, CarePlan, CarePlan.status == "active"):
        for item in current_plan(db=planned, client_id=row.client_id).items:
            if (item.kind != "intervention" or item.frequency not in FREQUENCY_DAYS
                    or item.status not in OPEN_INTERVENTION_STATUSES):
                continue
            assert item.due_on is not None, item.text
            due = next_due(item, last.get(item.uid))
            when[item.owner_kind].add("overdue" if due < DAY else "today" if due == DAY
                                      else "this week" if due <= DAY + timedelta(days=7)
                                      else "later")
    for owner in ("care_manager", "client"):
        assert {"overdue", "today", "this week"} <= when[owner], owner
    assert when["family"] & {"overdue", "today", "this week"}  # few: the pill organiser


def test_problems_name_conditions_in_plain_words(planned):
    texts = [i.text for i in rows(planned, CarePlanItem, CarePlanItem.kind == "problem")]
    texts += [p.summary for p in rows(planned, CarePlan)]
    clinical = [t for t in texts if any(word in t.lower() for word in (
        "unspecified", "without complications", "mellitus", "uncomplicated", "essential ("))]
    assert clinical == []
