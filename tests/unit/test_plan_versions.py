"""Care plan versions through the data service: a draft is started (a copy of the active plan
keeps every item's uid), edited at the version it was read at, finalised (the plan before it
superseded) or discarded; older versions refuse every write with a sentence; two windows on one
plan never save over each other. On SQLite and on PostgreSQL."""

import os
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from carecli.config import DatabaseLocation, resolve_database
from carecli.data.clients import create_client
from carecli.data.db import open_database
from carecli.data.errors import ChangedElsewhere, InvalidInput, NotFound
from carecli.data.models import AuditLog, CarePlan, CarePlanItem, CarePlanSection
from carecli.data.plans import PlanReadOnly
from carecli.data.service import CareService

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 24)
GOAL = {"text": "Walk to the mailbox and back", "target_on": "2027-02-01",
        "measure": "minutes walking without rest", "target": "10"}
CHECK = {"text": "Weekly blood pressure check", "owner_kind": "care_manager",
         "frequency": "weekly"}


def _service(db) -> CareService:
    location = (resolve_database(str(db.path)) if db.path is not None
                else DatabaseLocation(os.environ["CARECLI_TEST_POSTGRES_URL"]))
    return CareService(location, db=db, today=TODAY)


def _second_window(db) -> CareService:
    """Another window on the same database: its own engine and connections."""
    service = _service(db)
    service.db = open_database(service.location)
    return service


@pytest.fixture
def service(db) -> CareService:
    return _service(db)


@pytest.fixture
def client_id(db) -> int:
    return create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                        "enrolled_on": date(2026, 1, 5), "risk_tier": "high"})


def _outline(plan) -> list[tuple]:
    return [(i.kind, i.text, i.position) for i in plan.items]


def _built(service, client_id):
    """A draft with one problem, a goal with an intervention, and the problem's own one."""
    plan = service.start_draft(client_id)
    plan = service.add_item(plan.id, plan.version, "problem", None,
                            {"text": "High blood pressure"})
    problem = plan.items[0].uid
    plan = service.add_item(plan.id, plan.version, "goal", problem, GOAL)
    goal = plan.items[1].uid
    plan = service.add_item(plan.id, plan.version, "intervention", goal, CHECK)
    return service.add_item(plan.id, plan.version, "intervention", problem,
                            {"text": "Pill organiser", "owner_kind": "family",
                             "owner_name": "Sam", "due_on": "2026-12-01"})


def _rows(db, model) -> list:
    with db.read() as session:
        return list(session.scalars(select(model).order_by(model.id)))


def test_a_first_plan_is_a_draft_with_a_review_date_by_risk_tier(service, client_id) -> None:
    plan = service.start_draft(client_id)
    assert (plan.number, plan.status, plan.items, plan.review_due_on) == (
        1, "draft", (), date(2026, 12, 24))  # high risk: 30 days
    assert service.start_draft(client_id).id == plan.id  # one draft: the same again
    assert service.current_plan(client_id, draft=True) == plan
    assert service.current_plan(client_id) is None
    overview = service.plan_overview(client_id)
    assert (overview.active_id, overview.draft_id, len(overview.versions)) == (
        None, plan.id, 1)


def test_every_edit_bumps_the_version_and_returns_the_whole_plan(service, client_id) -> None:
    plan = _built(service, client_id)
    assert _outline(plan) == [
        ("problem", "High blood pressure", 0),
        ("goal", "Walk to the mailbox and back", 0),
        ("intervention", "Weekly blood pressure check", 0),
        ("intervention", "Pill organiser", 0),
    ]
    goal = plan.items[1]
    assert (goal.status, goal.target_on, goal.measure, goal.target) == (
        "active", date(2027, 2, 1), "minutes walking without rest", "10")
    assert (plan.items[3].owner_kind, plan.items[3].owner_name, plan.items[3].due_on) == (
        "family", "Sam", date(2026, 12, 1))
    versions = [plan.version]
    plan = service.update_item(plan.id, plan.version, goal.uid, {"target": "15"})
    versions.append(plan.version)
    plan = service.update_plan(plan.id, plan.version, {"summary": "Keep BP down"})
    versions.append(plan.version)
    assert versions == sorted(set(versions)) and plan.item(goal.uid).target == "15"
    assert plan.item(goal.uid).text == GOAL["text"]  # a partial change keeps the rest
    assert plan == service.plan(plan.id)


def test_items_are_added_after_a_sibling_and_moved_among_siblings(service, client_id) -> None:
    plan = service.start_draft(client_id)
    for text in ("A", "C"):
        plan = service.add_item(plan.id, plan.version, "problem", None, {"text": text})
    plan = service.add_item(plan.id, plan.version, "problem", None, {"text": "B"},
                            after_uid=plan.items[0].uid)
    assert [i.text for i in plan.items] == ["A", "B", "C"]
    plan = service.move_item(plan.id, plan.version, plan.items[2].uid, -1)
    assert _outline(plan) == [("problem", "A", 0), ("problem", "C", 1), ("problem", "B", 2)]
    with pytest.raises(InvalidInput, match="already the first"):
        service.move_item(plan.id, plan.version, plan.items[0].uid, -1)
    with pytest.raises(InvalidInput, match="already the last"):
        service.move_item(plan.id, plan.version, plan.items[2].uid, 1)
    assert service.plan(plan.id) == plan  # refused moves change nothing


def test_removing_a_problem_removes_what_hangs_under_it(service, client_id, db) -> None:
    plan = _built(service, client_id)
    plan = service.add_item(plan.id, plan.version, "problem", None, {"text": "Lonely"})
    plan = service.remove_item(plan.id, plan.version, plan.items[0].uid)
    assert _outline(plan) == [("problem", "Lonely", 0)]
    assert [r.text for r in _rows(db, CarePlanItem)] == ["Lonely"]


def test_an_item_moves_to_another_parent(service, client_id) -> None:
    plan = _built(service, client_id)
    plan = service.add_item(plan.id, plan.version, "problem", None, {"text": "Falls"})
    check, falls = plan.items[2].uid, plan.items[4].uid
    plan = service.update_item(plan.id, plan.version, check, {"parent_uid": falls})
    assert [(i.text, i.parent_uid) for i in plan.items][-2:] == [
        ("Falls", None), ("Weekly blood pressure check", falls)]
    with pytest.raises(InvalidInput) as refused:
        service.update_item(plan.id, plan.version, plan.items[1].uid, {"parent_uid": check})
    assert refused.value.errors == {"parent_uid": "A goal belongs under a problem."}


@pytest.mark.parametrize(("kind", "parent", "values", "errors"), [
    ("problem", None, {"text": "  "}, {"text": "is required"}),
    ("problem", None, {"text": "x" * 1001}, {"text": "is too long (at most 1000 characters)"}),
    ("problem", None, {"text": "Pain", "status": "gone"}, {"status": "must be one of: "
                                                           "'active', 'resolved' or 'inactive'"}),
    ("goal", "problem", {"text": "Walk"},
     {"target_on": "is required: by when should the goal be met?"}),
    ("goal", "problem", {**GOAL, "target_on": "2026-11-23"}, {"target_on": "is in the past"}),
    ("goal", "problem", {**GOAL, "target_on": "2026-02-30"},
     {"target_on": "2026-02-30 is not a real date"}),
    ("goal", "problem", {**GOAL, "measure": "m" * 401},
     {"measure": "is too long (at most 400 characters)"}),
    ("goal", None, GOAL, {"parent_uid": "A goal belongs under a problem."}),
    ("intervention", "problem", {"text": "Call", "frequency": "weekly"},
     {"owner_kind": "is required: who carries it out?"}),
    ("intervention", "problem", {"text": "Call", "owner_kind": "client"},
     {"frequency": "is required: say how often, or give a due date"}),
    ("intervention", "problem", {**CHECK, "frequency": "hourly"},
     {"frequency": "must be one of: 'once', 'daily', 'weekly', 'fortnightly', 'monthly', "
                   "'quarterly' or 'as_needed'"}),
    ("intervention", "problem", {**CHECK, "due_on": "2026-11-01"},
     {"due_on": "is in the past"}),
    ("intervention", None, CHECK,
     {"parent_uid": "An intervention belongs under a goal or a problem."}),
    ("problem", None, {"text": "Pain", "measure": "x"}, {"measure": "Extra inputs are not "
                                                                    "permitted"}),
    ("task", None, {"text": "Pain"}, {"kind": "must be one of: problem, goal, intervention"}),
], ids=["blank", "long", "status", "goal-no-date", "goal-past", "goal-unreal", "goal-long",
        "goal-alone", "no-owner", "no-when", "bad-frequency", "past-due", "intervention-alone",
        "foreign-field", "unknown-kind"])
def test_a_bad_item_is_refused_naming_the_field(service, client_id, db, kind, parent, values,
                                               errors) -> None:
    plan = service.start_draft(client_id)
    plan = service.add_item(plan.id, plan.version, "problem", None, {"text": "BP"})
    parent_uid = plan.items[0].uid if parent else None
    with pytest.raises(InvalidInput) as refused:
        service.add_item(plan.id, plan.version, kind, parent_uid, values)
    assert refused.value.errors == errors
    assert service.plan(plan.id) == plan


def test_a_goal_keeps_its_past_date_but_gets_no_new_past_one(service, client_id, db) -> None:
    plan = _built(service, client_id)
    goal = plan.items[1].uid
    with db.write() as session:  # the target date has passed since the goal was set
        row = session.scalars(select(CarePlanItem).where(CarePlanItem.uid == goal)).one()
        row.target_on = date(2026, 10, 1)
    plan = service.plan(plan.id)
    plan = service.update_item(plan.id, plan.version, goal, {"status": "on-hold"})
    assert (plan.item(goal).status, plan.item(goal).target_on) == ("on-hold", date(2026, 10, 1))
    with pytest.raises(InvalidInput) as refused:
        service.update_item(plan.id, plan.version, goal, {"target_on": "2026-10-02"})
    assert refused.value.errors == {"target_on": "is in the past"}


def test_sections_summary_and_review_date_are_set_and_removed(service, client_id) -> None:
    plan = service.start_draft(client_id)
    plan = service.update_plan(plan.id, plan.version, {
        "community_services": "Meals on Wheels, weekdays", "priorities": "Stay at home",
        "summary": "Living well at home", "review_due_on": "2027-01-15"})
    assert plan.sections == (("priorities", "Stay at home"),
                             ("community_services", "Meals on Wheels, weekdays"))
    assert (plan.summary, plan.review_due_on) == ("Living well at home", date(2027, 1, 15))
    plan = service.update_plan(plan.id, plan.version, {"priorities": " ", "summary": ""})
    assert plan.sections == (("community_services", "Meals on Wheels, weekdays"),)
    assert (plan.summary, plan.section("priorities")) == (None, "")
    for values, errors in (({"hobbies": "x"}, {"hobbies": "is not part of a care plan"}),
                           ({"review_due_on": "2026-11-01"}, {"review_due_on": "is in the past"}),
                           ({"strengths": "s" * 20_001},
                            {"strengths": "is too long (at most 20000 characters)"})):
        with pytest.raises(InvalidInput) as refused:
            service.update_plan(plan.id, plan.version, values)
        assert refused.value.errors == errors
    assert service.plan(plan.id) == plan


def test_finalising_makes_the_draft_active_and_the_one_before_superseded(service, client_id,
                                                                          db) -> None:
    first = _built(service, client_id)
    first = service.finalise(first.id, first.version, "Ana Ruiz, RN", "First plan")
    assert (first.status, first.finalised_by, first.change_note) == (
        "active", "Ana Ruiz, RN", "First plan")
    assert first.finalised_at.date() == TODAY
    draft = service.start_draft(client_id)
    assert (draft.number, draft.status) == (2, "draft")
    assert [i.uid for i in draft.items] == [i.uid for i in first.items]  # identity kept
    assert [(i.kind, i.text) for i in draft.items] == [(i.kind, i.text) for i in first.items]
    second = service.finalise(draft.id, draft.version, "Ana Ruiz, RN", None)
    assert service.plan(first.id).status == "superseded"
    assert service.current_plan(client_id) == second
    overview = service.plan_overview(client_id)
    assert [(v.number, v.status) for v in overview.versions] == [
        (2, "active"), (1, "superseded")]
    assert (overview.active_id, overview.draft_id, overview.review_due_on) == (
        second.id, None, second.review_due_on)


def test_a_copy_takes_the_sections_summary_and_review_date(service, client_id) -> None:
    plan = service.start_draft(client_id)
    plan = service.update_plan(plan.id, plan.version, {"strengths": "Daughter nearby",
                                                       "summary": "S",
                                                       "review_due_on": "2027-03-01"})
    plan = service.finalise(plan.id, plan.version, "Ana", None)
    draft = service.start_draft(client_id)
    assert (draft.sections, draft.summary, draft.review_due_on) == (
        plan.sections, "S", date(2027, 3, 1))


def test_finalising_moves_a_passed_review_date_on_by_risk_tier(service, client_id,
                                                                db) -> None:
    plan = service.start_draft(client_id)
    with db.write() as session:
        session.get(CarePlan, plan.id).review_due_on = date(2026, 11, 1)
    plan = service.plan(plan.id)
    plan = service.finalise(plan.id, plan.version, "Ana", None)
    assert plan.review_due_on == date(2026, 12, 24)


@pytest.mark.parametrize("write", [
    lambda s, p: s.add_item(p.id, p.version, "problem", None, {"text": "New"}),
    lambda s, p: s.update_item(p.id, p.version, p.items[0].uid, {"text": "New"}),
    lambda s, p: s.move_item(p.id, p.version, p.items[0].uid, 1),
    lambda s, p: s.remove_item(p.id, p.version, p.items[0].uid),
    lambda s, p: s.update_plan(p.id, p.version, {"summary": "New"}),
    lambda s, p: s.restore_draft(p.id, p.version, p),
    lambda s, p: s.finalise(p.id, p.version, "Ana", None),
    lambda s, p: s.discard_plan_draft(p.id, p.version),
], ids=["add", "update", "move", "remove", "plan", "restore", "finalise", "discard"])
def test_a_finalised_version_refuses_every_write_with_a_sentence(service, client_id,
                                                                 write) -> None:
    plan = _built(service, client_id)
    plan = service.finalise(plan.id, plan.version, "Ana", None)
    with pytest.raises(PlanReadOnly) as refused:
        write(service, plan)
    assert str(refused.value) == ("Plan version 1 is finalised and cannot change; start a "
                                  "new draft to edit the plan.")
    assert service.plan(plan.id) == plan


def test_a_draft_is_discarded_and_the_active_plan_stays(service, client_id, db) -> None:
    plan = _built(service, client_id)
    plan = service.finalise(plan.id, plan.version, "Ana", None)
    draft = service.start_draft(client_id)
    service.discard_plan_draft(draft.id, draft.version)
    assert service.current_plan(client_id, draft=True) is None
    with pytest.raises(NotFound):
        service.plan(draft.id)
    assert service.current_plan(client_id) == plan
    assert {r.care_plan_id for r in _rows(db, CarePlanItem)} == {plan.id}
    again = service.start_draft(client_id)
    assert again.number == 2  # a discarded draft was never given: its number is free


def test_undo_puts_the_draft_back_as_it_was(service, client_id, db) -> None:
    before = _built(service, client_id)
    before = service.update_plan(before.id, before.version, {"priorities": "Home",
                                                             "summary": "Old"})
    plan = service.remove_item(before.id, before.version, before.items[0].uid)
    plan = service.update_plan(plan.id, plan.version, {"priorities": "", "barriers": "Stairs",
                                                       "summary": "New"})
    plan = service.restore_draft(plan.id, plan.version, before)
    assert (plan.items, plan.sections, plan.summary, plan.review_due_on) == (
        before.items, before.sections, before.summary, before.review_due_on)
    assert plan.version > before.version
    assert len(_rows(db, CarePlanSection)) == 1


def test_a_draft_edited_in_another_window_refuses_the_stale_write(service, client_id,
                                                                  db) -> None:
    plan = _built(service, client_id)
    other = _second_window(db)
    try:
        theirs = other.plan(plan.id)  # both windows hold the same version
        theirs = other.add_item(theirs.id, theirs.version, "problem", None, {"text": "Falls"})
        stale = (
            lambda: service.add_item(plan.id, plan.version, "problem", None, {"text": "Pain"}),
            lambda: service.update_item(plan.id, plan.version, plan.items[0].uid,
                                        {"text": "Hypertension"}),
            lambda: service.move_item(plan.id, plan.version, plan.items[0].uid, 1),
            lambda: service.remove_item(plan.id, plan.version, plan.items[0].uid),
            lambda: service.update_plan(plan.id, plan.version, {"summary": "Mine"}),
            lambda: service.restore_draft(plan.id, plan.version, plan),
            lambda: service.finalise(plan.id, plan.version, "Ana", None),
            lambda: service.discard_plan_draft(plan.id, plan.version),
        )
        for write in stale:
            with pytest.raises(ChangedElsewhere) as refused:
                write()
            assert str(refused.value).startswith(
                "This care plan was changed in another window since you opened it, so "
                "nothing was saved")
        assert service.plan(plan.id) == theirs  # their change is all there, nothing lost
        assert [i.text for i in theirs.items][-1] == "Falls"
    finally:
        other.db.dispose()


def test_a_draft_discarded_in_another_window_is_named(service, client_id, db) -> None:
    plan = service.start_draft(client_id)
    other = _second_window(db)
    try:
        other.discard_plan_draft(plan.id, plan.version)
    finally:
        other.db.dispose()
    with pytest.raises(NotFound, match="no longer exists"):
        service.add_item(plan.id, plan.version, "problem", None, {"text": "Pain"})


def test_an_item_removed_in_this_draft_is_named(service, client_id) -> None:
    plan = _built(service, client_id)
    gone = plan.items[2].uid
    plan = service.remove_item(plan.id, plan.version, gone)
    with pytest.raises(InvalidInput, match="no longer in this draft"):
        service.update_item(plan.id, plan.version, gone, {"text": "x"})


def test_every_plan_write_is_audited_without_text(service, client_id, db) -> None:
    plan = _built(service, client_id)
    plan = service.update_plan(plan.id, plan.version, {"summary": "Private words"})
    plan = service.finalise(plan.id, plan.version, "Ana", "Secret note")
    draft = service.start_draft(client_id)
    service.discard_plan_draft(draft.id, draft.version)
    rows = [r for r in _rows(db, AuditLog) if r.entity == "care_plan"]
    assert [r.action for r in rows] == [
        "start_draft", "add_item", "add_item", "add_item", "add_item", "update_plan",
        "finalise", "start_draft", "discard_draft"]
    assert {r.client_id for r in rows} == {client_id}
    words = " ".join(r.summary for r in rows)
    for text in ("blood", "Walk", "Pill", "Sam", "Private", "Secret", "Ana"):
        assert text not in words


def test_a_plan_for_an_unknown_client_or_plan_is_refused(service) -> None:
    with pytest.raises(NotFound):
        service.start_draft(404)
    with pytest.raises(NotFound):
        service.plan(404)
    assert service.current_plan(404) is None


def test_the_finalised_time_is_the_service_clock(service, client_id) -> None:
    plan = service.start_draft(client_id)
    plan = service.finalise(plan.id, plan.version, "Ana", None)
    assert isinstance(plan.finalised_at, datetime) and plan.finalised_at.tzinfo is not None



def test_finalising_keeps_what_changed_since_the_version_before(service, client_id) -> None:
    first = _built(service, client_id)
    first = service.finalise(first.id, first.version, "Ana", "First plan")
    assert first.changes == ()
    draft = service.start_draft(client_id)
    problem, goal, check, organiser = (i.uid for i in draft.items)
    draft = service.add_item(draft.id, draft.version, "goal", problem,
                             {**GOAL, "text": "Take pills on time", "measure": "missed doses"})
    draft = service.move_item(draft.id, draft.version, draft.item(goal).uid, 1)  # order only
    draft = service.update_item(draft.id, draft.version, check, {"frequency": "fortnightly"})
    draft = service.remove_item(draft.id, draft.version, organiser)
    draft = service.update_plan(draft.id, draft.version, {"expected_outcome": "Stable BP"})
    second = service.finalise(draft.id, draft.version, "Ana", "Three-month review")
    assert second.changes == (
        "Added goal: Take pills on time",
        "Changed intervention 'Weekly blood pressure check': frequency weekly → every two "
        "weeks",
        "Removed intervention: Pill organiser",
        "Added expected outcome and prognosis",
    )
    (latest, _) = service.plan_overview(client_id).versions
    assert (latest.changes, latest.change_note) == (second.changes, "Three-month review")
    assert service.plan(second.id).unreadable == ()  # JSON and dates read back on both


def _at_once(*calls):
    """Run `calls` in threads released together; each one's result or the error it raised."""
    import threading

    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(n, call):
        barrier.wait()
        try:
            results[n] = call()
        except Exception as exc:  # noqa: BLE001 (the test looks at what each one got)
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_two_windows_saving_at_once_one_wins_and_the_other_is_told(service, client_id,
                                                                   db) -> None:
    plan = _built(service, client_id)
    first, second = _second_window(db), _second_window(db)
    try:
        results = _at_once(
            lambda: first.add_item(plan.id, plan.version, "problem", None, {"text": "Falls"}),
            lambda: second.add_item(plan.id, plan.version, "problem", None, {"text": "Pain"}))
    finally:
        first.db.dispose()
        second.db.dispose()
    saved = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(saved) == 1 and [type(r) for r in refused] == [ChangedElsewhere]
    assert service.plan(plan.id) == saved[0]
    assert [i.text for i in saved[0].items if i.kind == "problem"] in (
        ["High blood pressure", "Falls"], ["High blood pressure", "Pain"])


def test_two_windows_starting_a_draft_at_once_get_the_same_one(service, client_id,
                                                               db) -> None:
    plan = _built(service, client_id)
    service.finalise(plan.id, plan.version, "Ana", None)
    first, second = _second_window(db), _second_window(db)
    try:
        results = _at_once(lambda: first.start_draft(client_id),
                           lambda: second.start_draft(client_id))
    finally:
        first.db.dispose()
        second.db.dispose()
    assert [type(r).__name__ for r in results] == ["Plan", "Plan"]
    assert results[0].id == results[1].id
    assert [v.status for v in service.plan_overview(client_id).versions] == [
        "draft", "active"]


def test_a_draft_finalised_in_another_window_refuses_this_windows_edit(service, client_id,
                                                                       db) -> None:
    plan = _built(service, client_id)
    other = _second_window(db)
    try:
        finalised = other.finalise(plan.id, plan.version, "Bo", None)
    finally:
        other.db.dispose()
    with pytest.raises(ChangedElsewhere):
        service.update_item(plan.id, plan.version, plan.items[0].uid, {"text": "Mine"})
    assert service.plan(plan.id).items == finalised.items


@pytest.mark.parametrize(("call", "errors"), [
    (lambda s, p: s.add_item(p.id, p.version, "problem", p.items[0].uid, {"text": "x"}),
     {"parent_uid": "A problem stands on its own, under nothing."}),
    (lambda s, p: s.add_item(p.id, p.version, "goal", p.items[0].uid, GOAL,
                             after_uid=p.items[2].uid),
     {"after_uid": "is not an item beside the new one"}),
    (lambda s, p: s.add_item(p.id, p.version, "intervention", "gone", CHECK),
     {"parent_uid": "An intervention belongs under a goal or a problem."}),
    (lambda s, p: s.update_item(p.id, p.version, p.items[0].uid, {"owner_kind": "client"}),
     {"owner_kind": "Extra inputs are not permitted"}),
    (lambda s, p: s.update_item(p.id, p.version, p.items[2].uid, {"owner_kind": ""}),
     {"owner_kind": "is required: who carries it out?"}),
    (lambda s, p: s.update_item(p.id, p.version, p.items[1].uid, {"target_on": ""}),
     {"target_on": "is required: by when should the goal be met?"}),
    (lambda s, p: s.update_item(p.id, p.version, p.items[1].uid, {"target_on": "2032-01-01"}),
     {"target_on": "is more than 5 years ahead"}),
    (lambda s, p: s.move_item(p.id, p.version, p.items[0].uid, 2),
     {"offset": "must be -1 (up) or 1 (down)"}),
    (lambda s, p: s.restore_draft(p.id, p.version, replace(p, client_id=p.client_id + 1)),
     {"snapshot": "is another client's plan"}),
    (lambda s, p: s.finalise(p.id, p.version, " ", None), {"by": "is required"}),
], ids=["problem-under-something", "after-a-stranger", "unknown-parent", "foreign-field",
        "owner-cleared", "goal-date-cleared", "goal-far-ahead", "big-move", "other-client",
        "finalised-by-nobody"])
def test_more_bad_writes_are_refused_and_change_nothing(service, client_id, call,
                                                        errors) -> None:
    plan = _built(service, client_id)
    with pytest.raises(InvalidInput) as refused:
        call(service, plan)
    assert refused.value.errors == errors
    assert service.plan(plan.id) == plan


def test_goals_and_interventions_move_only_among_their_own_kind(service, client_id) -> None:
    plan = _built(service, client_id)
    problem = plan.items[0].uid
    plan = service.add_item(plan.id, plan.version, "goal", problem,
                            {**GOAL, "text": "Second goal"})
    plan = service.add_item(plan.id, plan.version, "intervention", problem,
                            {**CHECK, "text": "Second call"})
    texts = [i.text for i in plan.items]
    assert texts == ["High blood pressure", "Walk to the mailbox and back",
                     "Weekly blood pressure check", "Second goal", "Pill organiser",
                     "Second call"]
    plan = service.move_item(plan.id, plan.version, plan.items[3].uid, -1)  # goal up
    assert [i.text for i in plan.items] == [
        "High blood pressure", "Second goal", "Walk to the mailbox and back",
        "Weekly blood pressure check", "Pill organiser", "Second call"]
    with pytest.raises(InvalidInput, match="already the first"):  # not above the goals
        service.move_item(plan.id, plan.version, plan.items[4].uid, -1)
    plan = service.move_item(plan.id, plan.version, plan.items[5].uid, -1)
    assert [i.text for i in plan.items][-2:] == ["Second call", "Pill organiser"]


def test_a_repeating_intervention_with_no_date_starts_on_the_day_it_is_finalised(
        service, client_id) -> None:
    """A weekly intervention typed without a date would never fall due (`next_due` starts
    from the date); finalising gives it the day, so the queue brings it up."""
    from carecli.domain.plan_outline import next_due

    plan = _built(service, client_id)
    assert plan.item(plan.items[2].uid).due_on is None  # the weekly check, as typed
    plan = service.finalise(plan.id, plan.version, "Nurse Ada", None)
    check = next(i for i in plan.items if i.text == CHECK["text"])
    organiser = next(i for i in plan.items if i.text == "Pill organiser")
    assert check.due_on == TODAY and next_due(check, None) == TODAY
    assert organiser.due_on == date(2026, 12, 1)  # a date given is kept
