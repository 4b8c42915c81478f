"""Closed-loop referrals of a client to community resources: made for a need (a positive
screen's domain, an open care-plan problem, or typed), moved through their statuses by the
rules of `clinical.referrals`, each change a dated `ReferralEvent`, followed up when they go
quiet. Every write checks the version the form read and records an audit row (ids, dates and
codes only).

The follow-up date: `FOLLOW_UP_DAYS` after the referral is made or its status changes, unless
a day is given; a closed referral has none (reopened, it gets one again)."""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from carecli.clinical.referrals import allowed_transitions, check_transition, closes, reopens
from carecli.data.audit import record_change
from carecli.data.db import Database
from carecli.data.errors import InvalidInput, NotFound
from carecli.data.follow_ups import stored_client
from carecli.data.models import (
    Assessment,
    CarePlan,
    CarePlanItem,
    CommunityResource,
)
from carecli.data.models import Referral as ReferralRow
from carecli.data.models import ReferralEvent as EventRow
from carecli.data.plan_prefill import latest_assessment
from carecli.data.referral_inputs import follow_up_value, referral_values, status_values
from carecli.data.versions import check_version
from carecli.domain.enums import (
    CarePlanStatus,
    PlanItemKind,
    ProblemStatus,
    ReferralStatus,
    ResourceStatus,
)
from carecli.domain.plan_words import day_words
from carecli.domain.referrals import (
    FOLLOW_UP_DAYS,
    HRSN_NEEDS,
    MOOD_SCREENS,
    ClientReferrals,
    Referral,
    ReferralChange,
    ReferralNeed,
    guess_category,
    outcome_words,
)

THIS_REFERRAL = "this referral"


def client_referrals(*, db: Database, client_id: int) -> ClientReferrals:
    """The client's referrals, newest first, each with its history, and the needs a new one
    may answer."""
    with db.read() as session:
        client = stored_client(session, client_id)
        rows = session.scalars(select(ReferralRow).where(ReferralRow.client_id == client_id)
                               .order_by(ReferralRow.made_on.desc(), ReferralRow.id.desc()))
        referrals = tuple(_referral(session, row) for row in rows)
        return ClientReferrals(client_id, f"{client.given_name} {client.family_name}",
                               referrals, _needs(session, client_id))


def create_referral(*, db: Database, client_id: int, values: dict[str, Any],
                    today: date) -> Referral:
    """Make a draft referral (`values`: need, need_text, assessment_id or problem_uid,
    resource_id and/or to_whom, reason, made_on, follow_up_on); returns it."""
    data = referral_values(values, today)
    with db.write() as session:
        stored_client(session, client_id)
        if data["resource_id"] is not None:
            resource = session.get(CommunityResource, data["resource_id"])
            if resource is None:
                raise NotFound("That community resource is no longer in the directory.")
            if resource.status != ResourceStatus.ACTIVE:
                raise InvalidInput({"resource_id": f"{resource.name} is no longer active"})
            data["to_whom"] = data["to_whom"] or resource.name
        if data["to_whom"] is None:
            raise InvalidInput({"to_whom": "is required: pick a resource or type a name"})
        _check_source(session, client_id, data)
        row = ReferralRow(client_id=client_id, status=ReferralStatus.DRAFT,
                          last_update_on=data["made_on"], **data)
        session.add(row)
        session.flush()
        session.add(EventRow(referral_id=row.id, client_id=client_id,
                             changed_on=data["made_on"], to_status=ReferralStatus.DRAFT))
        record_change(session, action="create", entity="referral", entity_id=row.id,
                      client_id=client_id,
                      summary=f"{data['need']} need, resource {data['resource_id']}, made "
                      f"{data['made_on']}, follow up {data['follow_up_on']}")
        session.flush()
        return _referral(session, row)


def change_status(*, db: Database, referral_id: int, version: int, values: dict[str, Any],
                  today: date) -> Referral:
    """Move a referral to another status (`values`: to_status, changed_on, outcome when
    closing, note — required when reopening —, follow_up_on); refused when the rules do not
    allow it or the referral changed elsewhere since `version`."""
    with db.write() as session:
        row = _stored(session, referral_id)
        check_version(row, version, THIS_REFERRAL)
        data = status_values(values, today, made_on=row.made_on, last_change=row.last_update_on)
        to = data["to_status"]
        held_from = _referral(session, row).held_from
        try:
            check_transition(row.status, to, held_from=held_from, outcome=data["outcome"],
                             note=data["note"])
        except ValueError as refused:
            if to not in allowed_transitions(row.status, held_from):
                raise InvalidInput({"to_status": str(refused)}) from None
            if closes(to):
                raise InvalidInput({"outcome": "is required to close the referral: what came "
                                               "of it?"}) from None
            raise InvalidInput({"note": "is required to reopen a closed referral: say "
                                        "why"}) from None
        note = data["note"]
        if closes(to):
            row.outcome, row.outcome_note = data["outcome"], note
            said = f"Outcome: {outcome_words(data['outcome'])}."
            note = f"{said} {note}" if note else said
            row.follow_up_on = None
        else:
            if reopens(row.status, to):
                row.outcome = row.outcome_note = None
            row.follow_up_on = data["follow_up_on"] or (
                data["changed_on"] + timedelta(days=FOLLOW_UP_DAYS))
        session.add(EventRow(referral_id=row.id, client_id=row.client_id,
                             changed_on=data["changed_on"], from_status=row.status,
                             to_status=to, outcome=data["outcome"] if closes(to) else None,
                             note=note))
        record_change(session, action="status", entity="referral", entity_id=row.id,
                      client_id=row.client_id,
                      summary=f"{row.status} -> {to} on {data['changed_on']}"
                      + (f" ({data['outcome']})" if data["outcome"] and closes(to) else ""))
        row.status, row.last_update_on = to, data["changed_on"]
        session.flush()
        return _referral(session, row)


def set_follow_up(*, db: Database, referral_id: int, version: int, follow_up_on: Any,
                  today: date) -> Referral:
    """Follow an open referral up on another day (not in the past, within a year)."""
    day = follow_up_value(follow_up_on, today)
    with db.write() as session:
        row = _stored(session, referral_id)
        check_version(row, version, THIS_REFERRAL)
        if closes(row.status):
            raise InvalidInput({"follow_up_on": "A closed referral is not followed up: "
                                                "reopen it first."})
        row.follow_up_on = day
        record_change(session, action="follow_up", entity="referral", entity_id=row.id,
                      client_id=row.client_id, summary=f"follow up {day}")
        session.flush()
        return _referral(session, row)


def followed_up_in(session, referral_id: int, client_id: int, today: date) -> date | None:
    """In the caller's transaction (logging the contact): a reached contact logged from the
    referral's queue item is its follow-up, the next one falls `FOLLOW_UP_DAYS` from today.
    Returns that day (None: the referral is closed, a draft, gone or another client's, and is
    left as it is). Not a form, so no version is named; a form open elsewhere on the referral
    is refused afterwards as stale, as it should be."""
    row = session.get(ReferralRow, referral_id)
    if (row is None or closes(row.status) or row.status == ReferralStatus.DRAFT
            or row.client_id != client_id):
        return None
    day = today + timedelta(days=FOLLOW_UP_DAYS)
    row.follow_up_on = day
    record_change(session, action="follow_up", entity="referral", entity_id=row.id,
                  client_id=row.client_id, summary=f"followed up by a contact; next {day}")
    return day


def _stored(session, referral_id: int) -> ReferralRow:
    row = session.get(ReferralRow, referral_id)
    if row is None:
        raise NotFound("That referral no longer exists.")
    return row


def _referral(session, row: ReferralRow) -> Referral:
    events = session.scalars(select(EventRow).where(EventRow.referral_id == row.id)
                             .order_by(EventRow.changed_on, EventRow.id))
    history = tuple(ReferralChange(e.changed_on, e.from_status, e.to_status, e.note, e.outcome)
                    for e in events)
    held = next((e.from_status for e in reversed(history)
                 if e.to_status == ReferralStatus.ON_HOLD), None)
    return Referral(
        row.id, row.client_id, row.resource_id, row.to_whom, row.need, row.need_text,
        row.assessment_id, row.problem_uid, row.reason, row.status, row.made_on,
        row.follow_up_on, row.last_update_on, row.outcome, row.outcome_note, row.version,
        held if row.status == ReferralStatus.ON_HOLD else None, history)


def _check_source(session, client_id: int, data: dict[str, Any]) -> None:
    """The assessment or care-plan problem a need comes from is this client's."""
    if data["assessment_id"] is not None:
        found = session.get(Assessment, data["assessment_id"])
        if found is None or found.client_id != client_id:
            raise InvalidInput({"assessment_id": "is not an assessment of this client"})
    if data["problem_uid"] is not None and _problem(session, client_id,
                                                    data["problem_uid"]) is None:
        raise InvalidInput({"problem_uid": "is not a problem in this client's care plan"})


def _problem(session, client_id: int, uid: str) -> CarePlanItem | None:
    return session.scalars(
        select(CarePlanItem).join(CarePlan, CarePlan.id == CarePlanItem.care_plan_id)
        .where(CarePlan.client_id == client_id, CarePlanItem.uid == uid,
               CarePlanItem.kind == PlanItemKind.PROBLEM)).first()


def _needs(session, client_id: int) -> tuple[ReferralNeed, ...]:
    """The latest assessment's positive screens, then the open problems of the draft and the
    current care plan (the draft's words first), one each."""
    needs = []
    latest = latest_assessment(session, client_id)
    if latest is not None:
        when = f"(screen of {day_words(latest.on)})"
        hrsn = latest.scores.get("ahc_hrsn")
        for domain in hrsn.domains if hrsn else ():
            if domain in HRSN_NEEDS:
                category, words = HRSN_NEEDS[domain]
                needs.append(ReferralNeed(category, f"{words} {when}", assessment_id=latest.id))
        moods = {words for instrument, words in MOOD_SCREENS.items()
                 if (s := latest.scores.get(instrument)) is not None and s.positive}
        for words in sorted(moods):
            needs.append(ReferralNeed("mental_health", f"{words} {when}",
                                      assessment_id=latest.id))
    problems = session.scalars(
        select(CarePlanItem).join(CarePlan, CarePlan.id == CarePlanItem.care_plan_id)
        .where(CarePlan.client_id == client_id,
               CarePlan.status.in_((CarePlanStatus.DRAFT, CarePlanStatus.ACTIVE)),
               CarePlanItem.kind == PlanItemKind.PROBLEM,
               CarePlanItem.status == ProblemStatus.ACTIVE)
        .order_by(CarePlan.status.desc(), CarePlanItem.position, CarePlanItem.id))
    seen: set[str] = set()
    for item in problems:  # 'draft' sorts after 'active': desc puts the draft first
        if item.uid not in seen:
            seen.add(item.uid)
            needs.append(ReferralNeed(guess_category(item.text), f"{item.text} (care plan)",
                                      problem_uid=item.uid))
    return tuple(needs)
