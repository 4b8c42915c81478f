"""Referrals as stored: made for a need of a positive screen or a care-plan problem, moved
through their statuses with a dated history, an outcome to close and a note to reopen, a
follow-up date; refused when stale or against the rules; audit rows with codes only."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from carecli.data.clients import create_client
from carecli.data.contacts import log_contact
from carecli.data.errors import ChangedElsewhere, InvalidInput, NotFound
from carecli.data.models import (
    Assessment,
    AssessmentScore,
    AuditLog,
    CarePlan,
    CarePlanItem,
    CommunityResource,
    Referral,
    ReferralEvent,
)
from carecli.data.referrals import (
    change_status,
    client_referrals,
    create_referral,
    set_follow_up,
)

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 24)


def _add(db, row):
    with db.write() as session:
        session.add(row)
        session.flush()
        return row.id


def _client(db) -> int:
    return create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                        "enrolled_on": date(2026, 1, 5)})


def _screened(db, client_id: int, domains: list[str]) -> int:
    """A completed assessment whose AHC HRSN screen is positive in `domains`."""
    assessment = _add(db, Assessment(client_id=client_id, kind="intake", status="completed",
                                     completed_at=datetime(2026, 11, 3, 15, tzinfo=UTC)))
    _add(db, AssessmentScore(assessment_id=assessment, instrument_id="ahc_hrsn",
                             instrument_version="1", total=4, positive=True, domains=domains))
    _add(db, AssessmentScore(assessment_id=assessment, instrument_id="phq9",
                             instrument_version="1", total=12, band="moderate", positive=True))
    return assessment


def _food_bank(db, status: str = "active") -> int:
    return _add(db, CommunityResource(name="Dayton Food Bank", category="food", status=status))


def _make(db, client_id: int, **values) -> object:
    values = {"need": "food", "to_whom": "Food bank", **values}
    return create_referral(db=db, client_id=client_id, values=values, today=TODAY)


def _move(db, referral, to: str, **values):
    return change_status(db=db, referral_id=referral.id, version=referral.version,
                         values={"to_status": to, **values}, today=TODAY)


def _audit(db) -> list[tuple]:
    with db.read() as session:
        return [(r.action, r.entity_id, r.summary) for r in session.scalars(
            select(AuditLog).where(AuditLog.entity == "referral").order_by(AuditLog.id))]


def test_needs_come_from_the_latest_screen_and_open_plan_problems(db) -> None:
    client = _client(db)
    assessment = _screened(db, client, ["food", "transportation", "safety"])
    active = _add(db, CarePlan(client_id=client, number=1, status="active"))
    draft = _add(db, CarePlan(client_id=client, number=2, status="draft"))
    for plan, text in ((active, "Behind on rent"), (draft, "Behind on rent, eviction notice")):
        _add(db, CarePlanItem(care_plan_id=plan, uid="p1", kind="problem", text=text,
                              status="active"))
    _add(db, CarePlanItem(care_plan_id=draft, uid="p2", kind="problem", text="Falls",
                          status="resolved"))
    needs = client_referrals(db=db, client_id=client).needs
    assert [(n.category, n.text, n.assessment_id, n.problem_uid) for n in needs] == [
        ("food", "Food runs out (screen of Nov 3, 2026)", assessment, None),
        ("transportation", "No reliable transport (screen of Nov 3, 2026)", assessment, None),
        ("other", "Interpersonal safety (screen of Nov 3, 2026)", assessment, None),
        ("mental_health", "Depression screen positive (screen of Nov 3, 2026)", assessment,
         None),
        ("housing", "Behind on rent, eviction notice (care plan)", None, "p1"),
    ]


def test_a_referral_is_made_from_a_screens_need_to_a_resource(db) -> None:
    client = _client(db)
    assessment = _screened(db, client, ["food"])
    resource = _food_bank(db)
    made = _make(db, client, to_whom="", resource_id=resource, assessment_id=assessment,
                 need_text="Food runs out", reason=" Runs out before the 20th ")
    assert (made.to_whom, made.status, made.made_on, made.follow_up_on, made.last_update_on,
            made.reason, made.assessment_id, made.version) == (
        "Dayton Food Bank", "draft", TODAY, TODAY + timedelta(days=7), TODAY,
        "Runs out before the 20th", assessment, 1)
    assert [(h.changed_on, h.from_status, h.to_status) for h in made.history] == [
        (TODAY, None, "draft")]
    assert _audit(db) == [("create", made.id, f"food need, resource {resource}, made "
                                              "2026-11-24, follow up 2026-12-01")]
    assert [r.id for r in client_referrals(db=db, client_id=client).referrals] == [made.id]


@pytest.mark.parametrize(("values", "field"), [
    ({"to_whom": ""}, "to_whom"),
    ({"need": "groceries"}, "need"),
    ({"made_on": "2026-11-25"}, "made_on"),
    ({"follow_up_on": "2026-11-01", "made_on": "2026-11-10"}, "follow_up_on"),
    ({"follow_up_on": "2028-01-01"}, "follow_up_on"),
    ({"problem_uid": "nope"}, "problem_uid"),
])
def test_a_bad_referral_is_refused_naming_the_field(db, values, field) -> None:
    client = _client(db)
    with pytest.raises(InvalidInput) as refused:
        _make(db, client, **values)
    assert list(refused.value.errors) == [field]
    with db.read() as session:
        assert session.scalars(select(Referral)).all() == []


def test_an_inactive_or_missing_resource_and_anothers_assessment_are_refused(db) -> None:
    client, other = _client(db), _client(db)
    with pytest.raises(InvalidInput, match="no longer active"):
        _make(db, client, resource_id=_food_bank(db, "inactive"))
    with pytest.raises(NotFound):
        _make(db, client, resource_id=9999)
    with pytest.raises(InvalidInput, match="not an assessment of this client"):
        _make(db, client, assessment_id=_screened(db, other, ["food"]))


def test_sent_accepted_completed_with_an_outcome_each_change_dated(db) -> None:
    client = _client(db)
    ref = _make(db, client, made_on="2026-11-02")
    ref = _move(db, ref, "requested", changed_on="2026-11-03")
    assert (ref.status, ref.last_update_on, ref.follow_up_on) == (
        "requested", date(2026, 11, 3), date(2026, 11, 10))
    ref = _move(db, ref, "accepted", changed_on="2026-11-12", follow_up_on="2026-12-01")
    assert ref.follow_up_on == date(2026, 12, 1)
    ref = _move(db, ref, "in-progress")
    ref = _move(db, ref, "completed", outcome="got_help", note="Weekly box delivered")
    assert (ref.status, ref.outcome, ref.outcome_note, ref.follow_up_on, ref.version) == (
        "completed", "got_help", "Weekly box delivered", None, 5)
    assert [(h.changed_on, h.from_status, h.to_status, h.note) for h in ref.history] == [
        (date(2026, 11, 2), None, "draft", None),
        (date(2026, 11, 3), "draft", "requested", None),
        (date(2026, 11, 12), "requested", "accepted", None),
        (TODAY, "accepted", "in-progress", None),
        (TODAY, "in-progress", "completed", "Outcome: got help. Weekly box delivered"),
    ]
    assert [a[2] for a in _audit(db)[1:]] == [
        "draft -> requested on 2026-11-03", "requested -> accepted on 2026-11-12",
        "accepted -> in-progress on 2026-11-24",
        "in-progress -> completed on 2026-11-24 (got_help)"]
    assert all("Weekly" not in (a[2] or "") for a in _audit(db))


def test_a_stale_change_is_refused_and_nothing_is_written(db) -> None:
    client = _client(db)
    old = _make(db, client)
    _move(db, old, "requested")
    with pytest.raises(ChangedElsewhere):
        _move(db, old, "cancelled", outcome="other")
    with pytest.raises(ChangedElsewhere):
        set_follow_up(db=db, referral_id=old.id, version=old.version,
                      follow_up_on="2026-12-10", today=TODAY)
    with db.read() as session:
        assert session.get(Referral, old.id).status == "requested"
        assert len(session.scalars(select(ReferralEvent)).all()) == 2


@pytest.mark.parametrize(("to", "values", "words"), [
    ("completed", {}, "can become accepted, rejected or cancelled"),
    ("rejected", {}, "outcome: is required to close the referral"),
    ("accepted", {"changed_on": "2026-11-25"}, "in the future"),
    ("accepted", {"changed_on": "2026-11-01"}, "before the referral was made"),
    ("sent", {}, "must be one of"),
])
def test_a_change_against_the_rules_is_refused_with_a_sentence(db, to, values, words) -> None:
    client = _client(db)
    ref = _move(db, _make(db, client, made_on="2026-11-10"), "requested",
                changed_on="2026-11-12")
    with pytest.raises(InvalidInput, match=words):
        _move(db, ref, to, **values)
    with db.read() as session:
        assert session.get(Referral, ref.id).version == ref.version


def test_a_change_before_the_latest_one_is_refused(db) -> None:
    ref = _move(db, _make(db, _client(db), made_on="2026-11-10"), "requested",
                changed_on="2026-11-15")
    with pytest.raises(InvalidInput, match=r"before its latest change \(2026-11-15\)"):
        _move(db, ref, "accepted", changed_on="2026-11-14")


def test_on_hold_goes_back_only_where_it_came_from(db) -> None:
    ref = _make(db, _client(db))
    for to in ("requested", "accepted", "in-progress", "on-hold"):
        ref = _move(db, ref, to)
    assert (ref.status, ref.held_from, ref.follow_up_on) == (
        "on-hold", "in-progress", TODAY + timedelta(days=7))
    with pytest.raises(InvalidInput, match="can become in progress or cancelled"):
        _move(db, ref, "accepted")
    assert _move(db, ref, "in-progress").status == "in-progress"


def test_a_closed_referral_reopens_only_with_a_note_to_requested(db) -> None:
    ref = _move(db, _move(db, _make(db, _client(db)), "requested"), "rejected",
                outcome="no_capacity")
    assert (ref.outcome, ref.follow_up_on) == ("no_capacity", None)
    with pytest.raises(InvalidInput, match="note: is required to reopen a closed referral"):
        _move(db, ref, "requested", note="  ")
    with pytest.raises(InvalidInput, match="not followed up"):
        set_follow_up(db=db, referral_id=ref.id, version=ref.version,
                      follow_up_on="2026-12-01", today=TODAY)
    ref = _move(db, ref, "requested", note="They have room again in January")
    assert (ref.status, ref.outcome, ref.outcome_note, ref.follow_up_on) == (
        "requested", None, None, TODAY + timedelta(days=7))
    assert ref.history[-1].note == "They have room again in January"
    assert [(c.to_status, c.outcome) for c in ref.history[-2:]] == [
        ("rejected", "no_capacity"), ("requested", None)]  # the closing outcome is kept


def test_the_follow_up_date_is_set_not_in_the_past(db) -> None:
    ref = _make(db, _client(db))
    with pytest.raises(InvalidInput, match="in the past"):
        set_follow_up(db=db, referral_id=ref.id, version=ref.version,
                      follow_up_on="2026-11-23", today=TODAY)
    moved = set_follow_up(db=db, referral_id=ref.id, version=ref.version,
                          follow_up_on="12/15/2026", today=TODAY)
    assert (moved.follow_up_on, moved.version) == (date(2026, 12, 15), 2)
    assert _audit(db)[-1] == ("follow_up", ref.id, "follow up 2026-12-15")


def test_the_record_history_shows_each_dated_status_change(db) -> None:
    from carecli.data.record import load_record

    client = _client(db)
    ref = _make(db, client, to_whom="Dayton Food Bank", made_on="2026-11-02")
    ref = _move(db, ref, "requested", changed_on="2026-11-03")
    _move(db, ref, "rejected", changed_on="2026-11-09", outcome="no_capacity",
          note="Waiting list until January")
    history = [(e.on, e.title, e.detail) for e in load_record(db=db, client_id=client).history
               if e.kind == "referral"]
    assert history == [
        (date(2026, 11, 9), "Referral to Dayton Food Bank: sent → rejected",
         "Outcome: no capacity. Waiting list until January"),
        (date(2026, 11, 3), "Referral to Dayton Food Bank: draft → sent", ""),
        (date(2026, 11, 2), "Referral to Dayton Food Bank (rejected)", ""),
    ]


def _reached_from(db, client: int, key: str) -> None:
    """A reached call logged from the queue item `key` on TODAY."""
    log_contact(db=db, client_id=client, values={"outcome": "reached", "minutes": 5},
                now=datetime.combine(TODAY, datetime.min.time()).astimezone()
                + timedelta(hours=15), answers=key)


def test_a_reached_contact_from_its_queue_item_follows_an_open_referral_up(db) -> None:
    """The next follow-up falls a week from the contact; a draft, a closed referral or
    another client's is left as it is; a form read before is refused afterwards."""
    client = _client(db)
    sent = _move(db, _make(db, client, made_on="2026-11-10"), "requested",
                 changed_on="2026-11-10", follow_up_on="2026-11-24")
    _reached_from(db, client, f"referral:{sent.id}")
    (stored,) = client_referrals(db=db, client_id=client).referrals
    assert (stored.follow_up_on, stored.version) == (date(2026, 12, 1), sent.version + 1)
    with pytest.raises(ChangedElsewhere):
        set_follow_up(db=db, referral_id=sent.id, version=sent.version,
                      follow_up_on="2026-12-20", today=TODAY)
    assert _audit(db)[-1] == ("follow_up", sent.id, "followed up by a contact; next 2026-12-01")

    draft = _make(db, client)
    closed = _move(db, _move(db, _make(db, client), "requested"), "cancelled",
                   outcome="no_longer_interested")
    other = _move(db, _make(db, _client(db)), "requested", follow_up_on="2026-11-24")
    for key in (f"referral:{draft.id}", f"referral:{closed.id}", "referral:9999",
                f"referral:{other.id}"):
        _reached_from(db, client, key)
    assert client_referrals(db=db, client_id=other.client_id).referrals[0].follow_up_on == (
        date(2026, 11, 24))
    left = {r.id: (r.follow_up_on, r.version) for r in
            client_referrals(db=db, client_id=client).referrals}
    assert left[draft.id] == (draft.follow_up_on, draft.version)
    assert left[closed.id] == (None, closed.version)
