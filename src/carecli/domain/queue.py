"""Today's queue, worked out from plain facts about each client (DOMAIN.md, "Cadence and
priority"): pure, no database, no clock (the day is given).

Priority, first to last:

1. safety findings not yet followed up (any client, oldest first; never snoozed);
2. TCM interactive-contact deadlines (`tcm_deadlines(...).contact_by`) of discharges that
   start TCM, not ended by a readmission (`domain.transitions`), whose contact is not done
   yet (no reached contact with the client or a caregiver on or after the discharge day),
   with the attempts at it: from the discharge day on, so approaching ones show too, until
   30 days past the deadline; and the
   TCM medication reconciliations and face-to-face visits not done (`visit_by` at the stay's
   complexity; the reconciliation no later than the visit) from the day before their deadline
   until the TCM period ends; earliest deadline first (two and three days before the
   deadline they stand among the other follow-ups of 5.);
3. overdue check-ins, most overdue first, then highest risk;
4. check-ins due today, highest risk first;
5. other follow-ups due: tasks, referrals not closed (sent, accepted, in progress, on hold,
   and drafts not sent yet) whose follow-up day has come, care plans whose review is due,
   interventions of the active care plan that are due (`plan_outline.next_due`: an open
   status, and a repeating one its interval after it was last done) and are the care
   manager's work (their own; anyone's one-off, to check it was done; not a habit of the
   client's or a care-team visit that repeats); earliest first.

Each active client has one check-in item, the same day the caseload shows as its next check-in
(`next_check_in_due`): a retry the next business day after an unanswered attempt
(`follow_up`); else the earliest check-in set by hand; else the cadence after the latest
reached contact. Later check-ins set by hand wait behind it (a reached contact closes every
check-in due by its day). Only active clients get check-ins, TCM items, tasks, referrals and plan
reviews; a safety finding shows whatever the client's status.

An intervention marked done today leaves the queue (a repeating one comes back when next due)
and shows in "done today" beside the contacts logged.

A snooze (`until_on` after today) keeps its item out of the queue; on its day the item comes
back saying "snoozed from <day>: <reason>".
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple

from carecli.clinical import CCM_FIRST_MARK, FollowUp, ccm_eligible, follow_up, tcm_deadlines
from carecli.domain.appointments import (
    Appointment,
    outcome_due,
    outcome_reason,
    reminder_due,
    reminder_reason,
)
from carecli.domain.care_plan import PlanItem
from carecli.domain.caseload import RISK_ORDER
from carecli.domain.daily import CcmAtRisk, DoneItem, Queue, QueueItem
from carecli.domain.plan_outline import next_due
from carecli.domain.plan_words import FREQUENCY_WORDS, OWNER_WORDS
from carecli.domain.transitions import ContactFact, TcmStep, attempt_words, contact_step
from carecli.words import counted

TCM_GRACE_DAYS = 30
"""A discharge whose contact was never made drops out this many days after its deadline."""
TCM_URGENT_DAYS = 1
"""A TCM medication reconciliation or visit is urgent (tier 1) from this many days before its
deadline: "due tomorrow"."""
TCM_SHOWN_DAYS = 3
"""A TCM medication reconciliation or visit shows in the queue from this many days before its
deadline (before that it is counted in the week ahead, on its day)."""
TCM_STEP_KINDS = frozenset({"tcm_medrec", "tcm_visit"})
"""Shown before their deadline (`TCM_SHOWN_DAYS`)."""

CCM_WARN_DAYS_LEFT = 10
"""CCM at risk is listed when this many days or fewer are left in the month, today included
(from the 21st of a 30-day month). Our threshold: DOMAIN.md is silent on it."""

WEEK_DAYS = 7

SAFETY_WORDS = {
    "suicidal_ideation": "PHQ-9 item 9 positive",
    "physical_harm": "physical harm reported",
    "safety": "interpersonal safety screen positive",
}
SAFETY_SHORT = {"suicidal_ideation": "SI", "physical_harm": "harm", "safety": "safety"}
OUTCOME_WORDS = {
    "reached": "reached", "no_answer": "no answer", "voicemail": "voicemail",
    "wrong_number": "wrong number", "declined": "declined",
}


@dataclass(frozen=True, slots=True)
class Attempt:
    """An unsuccessful contact after the client's latest reached one."""

    occurred_at: datetime
    """Local time (its `.date()` is the day on the care manager's calendar)."""
    outcome: str


@dataclass(frozen=True, slots=True)
class Finding:
    id: int
    flag: str
    found_at: datetime
    """Local time."""


class HandSet(NamedTuple):
    """An open check-in or task set by hand (a `check_in` row)."""

    id: int
    kind: str
    """`check_in` or `task`."""
    due_on: date
    reason: str | None


@dataclass(frozen=True, slots=True)
class Discharge:
    """A discharge that starts TCM work not ended by a readmission (`domain.transitions`)."""

    stay_id: int
    discharged_on: date
    high: bool = False
    """High TCM complexity: the face-to-face visit within 7 days (else 14)."""
    med_rec_on: date | None = None
    visit_on: date | None = None
    contacts: tuple[ContactFact, ...] = ()
    """The client's contacts with them or a caregiver since the discharge: the TCM contact
    and the attempts at it (`transitions.contact_step`)."""

    def contact(self, today: date) -> TcmStep:
        return contact_step(self.discharged_on, self.high, self.contacts, today)


@dataclass(frozen=True, slots=True)
class ReferralDue:
    id: int
    to_whom: str
    status: str
    """`ReferralStatus`: draft, requested, accepted, in-progress or on-hold."""
    since: date
    """The day of its latest status change (quiet since)."""
    follow_up_on: date


@dataclass(frozen=True, slots=True)
class PlanReview:
    plan_id: int
    review_due_on: date
    number: int | None = None
    """The plan's version number for the client."""
    finalised_on: date | None = None
    """The local day it was finalised."""


@dataclass(frozen=True, slots=True)
class InterventionFact:
    """An intervention of the client's active care plan, and when it was last done."""

    item: PlanItem
    last_done_on: date | None = None
    """The latest day it was carried out (`intervention_done`), by its uid, any version."""
    done_at: datetime | None = None
    """Local time it was marked done, when that was today (it then shows in "done today")."""


@dataclass(frozen=True, slots=True)
class SnoozeFact:
    """The latest snooze of one item of the client."""

    item_key: str
    until_on: date
    reason: str
    snoozed_on: date


class ClientFacts(NamedTuple):
    """What the queue needs to know about one client (a named tuple: made for thousands of
    clients at once)."""

    id: int
    name: str
    status: str
    risk_tier: str
    cadence_days: int | None
    """Days between check-ins (tier default or the client's own); None if unreadable."""
    enrolled_on: date | None
    last_success: datetime | None = None
    """Local time of the latest reached contact."""
    attempts: tuple[Attempt, ...] = ()
    """Every unsuccessful contact after `last_success`."""
    findings: tuple[Finding, ...] = ()
    hand_set: tuple[HandSet, ...] = ()
    discharges: tuple[Discharge, ...] = ()
    referrals: tuple[ReferralDue, ...] = ()
    plan_reviews: tuple[PlanReview, ...] = ()
    snoozes: tuple[SnoozeFact, ...] = ()
    interventions: tuple[InterventionFact, ...] = ()
    appointments: tuple[Appointment, ...] = ()
    """Scheduled appointments (`domain.appointments`): a reminder call, an outcome follow-up."""


class MonthFacts(NamedTuple):
    """What CCM at risk needs to know about one client this month."""

    client_id: int
    client: str
    status: str
    chronic_conditions: int
    """Active chronic conditions."""
    consented: bool
    """Care-management consent on file, not revoked."""
    minutes: int


@dataclass(frozen=True, slots=True)
class DoneContact:
    """A contact logged today."""

    id: int
    client_id: int
    client: str
    occurred_at: datetime
    """Local time."""
    mode: str
    outcome: str
    minutes: int
    closes: tuple[str, ...] = ()
    """Safety flags this contact followed up."""
    care_team: bool = False
    """Communication with the care team about the client (`successful` NULL), not a contact
    with the client."""
    with_whom: str | None = None


class _Candidate(NamedTuple):
    key: str
    due: date
    tier: int
    order: tuple = ()
    item: QueueItem | None = None
    """None for a check-in not due yet (only counted in the week ahead: no words needed)."""


def follow_up_of(facts: ClientFacts) -> FollowUp | None:
    """The client's `follow_up`, or None when their cadence or enrolment cannot be read."""
    if facts.cadence_days is None or facts.enrolled_on is None:
        return None
    if not facts.attempts:
        return _reached_follow_up(facts.last_success, facts.enrolled_on, facts.cadence_days)
    seen = [(a.occurred_at, False) for a in facts.attempts]
    if facts.last_success is not None:
        seen.append((facts.last_success, True))
    return follow_up(seen, enrolled_on=facts.enrolled_on, cadence_days=facts.cadence_days)


def _reached_follow_up(last_success: datetime | None, enrolled_on: date,
                       cadence_days: int) -> FollowUp:
    """`follow_up` of a client with no unanswered call since their latest reached contact."""
    if last_success is None:
        return _follow_up_after(None, enrolled_on, cadence_days)
    day = last_success.date()  # enrolment does not count after a reached contact
    return _follow_up_after(day, day, cadence_days)


def routine_check_in_due(planned: date | None, last_success: datetime | None,
                         enrolled_on: date | None, cadence_days: int | None) -> date | None:
    """`next_check_in_due` of a client with no unanswered call since their latest reached
    contact (`last_success`, local time; not needed when `planned` is given): the earliest
    check-in set by hand, else the cadence; None when it cannot be worked out. The data layer
    counts the many clients who are due later this week with it, without building their
    `ClientFacts`."""
    if planned is not None:
        return planned
    if cadence_days is None or enrolled_on is None:
        return None
    return _reached_follow_up(last_success, enrolled_on, cadence_days).due_on


@lru_cache(maxsize=4096)
def _follow_up_after(day: date | None, enrolled_on: date, cadence_days: int) -> FollowUp:
    """`follow_up` of a client whose latest contact was reached on `day` (None: never): it
    depends on nothing else, so thousands of clients share a few hundred answers."""
    seen = [] if day is None else [(datetime.combine(day, time(12)), True)]
    return follow_up(seen, enrolled_on=enrolled_on, cadence_days=cadence_days)


def check_in_rank(due: date, today: date, risk_tier: str, name: str, client_id: int) -> tuple:
    """Where the client's check-in item due on `due` (today or before) stands in the queue,
    its `QueueItem.rank`: overdue ones first, the most overdue and highest risk first, then
    those due today. The data layer ranks the clients with nothing but a check-in with it, to
    read the head of the queue without building every item."""
    return (2 if due < today else 3,
            (due, RISK_ORDER.get(risk_tier, 9), name.casefold(), client_id))


def next_check_in_due(follow: FollowUp, planned: date | None) -> date:
    """The client's next check-in: a retry after an unanswered attempt, else the earliest
    check-in set by hand (earlier or later than the cadence), else the cadence. The caseload
    shows this day, and the queue's check-in item falls on it."""
    if follow.retry or planned is None:
        return follow.due_on
    return planned


def build_queue(clients: Iterable[ClientFacts], *, today: date,
                done: Iterable[DoneContact] = (), month: Iterable[MonthFacts] = (),
                upcoming: Mapping[date, int] | None = None) -> Queue:
    """Today's queue from the facts of every client who may have an item in it or in the week
    ahead, the contacts logged today and, for CCM at risk, this month's minutes. `upcoming`
    counts, by day after today, the check-ins of the other clients (those with nothing else
    to show: no unanswered call, no other item, no snooze; see `routine_check_in_due`)."""
    clients = list(clients)
    shown: list[_Candidate] = []
    later: dict[date, int] = dict(upcoming or {})
    horizon = today + timedelta(days=WEEK_DAYS - 1)
    for facts in clients:
        snoozes = {s.item_key: s for s in facts.snoozes} if facts.snoozes else {}
        for cand in _candidates(facts, today):
            snooze = snoozes.get(cand.key) if snoozes and cand.tier > 0 else None  # not safety
            if snooze is not None and snooze.until_on > today:
                _count(later, max(cand.due, snooze.until_on), horizon)
                continue
            if cand.item is None:
                _count(later, cand.due, horizon)
                continue
            if snooze is not None and snooze.until_on == today:
                cand = _back_from_snooze(cand, snooze, today)
            if cand.due <= today or cand.tier == 1 or cand.item.kind in TCM_STEP_KINDS:
                # TCM: from the discharge day on
                shown.append(cand)
            else:
                _count(later, cand.due, horizon)
    shown.sort(key=lambda c: c.item.rank)  # (tier, order), made once per item
    items = tuple(c.item for c in shown)
    week = tuple((today + timedelta(days=i), len(items) if i == 0 else later.get(
        today + timedelta(days=i), 0)) for i in range(WEEK_DAYS))
    by_id = {c.id: c for c in clients}
    finished = [*(_done_item(d, by_id.get(d.client_id), today) for d in done),
                *(_done_intervention(c, i, today) for c in clients if c.interventions
                  for i in c.interventions if i.done_at is not None and i.last_done_on == today)]
    return Queue(
        today=today, items=items,
        done=tuple(sorted(finished, key=_done_order, reverse=True)),
        due=due_today(items, today),
        overdue=sum(i.due < today for i in items),
        ccm_at_risk=ccm_at_risk(month, today),
        week=week,
    )


def work_ahead(facts: ClientFacts, today: date) -> dict[date, ClientFacts]:
    """The days from `today` on when one of the client's items falls due or comes back from a
    snooze, if nothing is done before, each with the client's facts cut to what can show that
    day (the interventions and appointments with an item due then): `build_queue` of that day
    and those facts gives the client's part of that day's queue at a fraction of the cost of
    all of them (the calendar export looks a month ahead this way)."""
    days: dict[date, set[str]] = {}
    for cand in _candidates(facts, today):
        days.setdefault(cand.due, set()).add(cand.key)
    for snooze in facts.snoozes:
        days.setdefault(snooze.until_on, set()).add(snooze.item_key)
    return {day: facts._replace(
        interventions=tuple(i for i in facts.interventions
                            if f"intervention:{i.item.uid}" in keys),
        appointments=tuple(a for a in facts.appointments
                           if f"appointment_reminder:{a.id}" in keys
                           or f"appointment_outcome:{a.id}" in keys))
        for day, keys in days.items() if day >= today}


def merge_client(queue: Queue, part: Queue, client_id: int) -> Queue:
    """`queue` with one client's part of it replaced by `part` (their part as it stands now,
    `build_queue` of their facts alone): what a save changed shows at once, without building
    every client's again. The days after today in the week ahead stay as they were until the
    next full reading."""
    items = tuple(sorted((*(i for i in queue.items if i.client_id != client_id), *part.items),
                         key=lambda i: i.rank))
    done = tuple(sorted((*(d for d in queue.done if d.client_id != client_id), *part.done),
                        key=_done_order, reverse=True))
    at_risk = sorted((*(c for c in queue.ccm_at_risk if c.client_id != client_id),
                      *part.ccm_at_risk), key=lambda c: (c.minutes, c.client.casefold(),
                                                         c.client_id))
    week = ((queue.today, len(items)), *queue.week[1:]) if queue.week else ()
    return Queue(today=queue.today, items=items, done=done,
                 due=due_today(items, queue.today),
                 overdue=sum(i.due < queue.today for i in items),
                 ccm_at_risk=tuple(at_risk), week=week)


def due_today(items: Iterable[QueueItem], today: date) -> int:
    """The items due today: on their day, or a TCM contact still ahead (its two business days
    run from the discharge day, so it is today's work); a TCM medication reconciliation or
    visit shown before its day counts only from that day on."""
    return sum(i.due == today or (i.due > today and i.kind not in TCM_STEP_KINDS)
               for i in items)


def _count(later: dict[date, int], day: date, horizon: date) -> None:
    if day <= horizon:
        later[day] = later.get(day, 0) + 1


def ccm_at_risk(month: Iterable[MonthFacts], today: date) -> tuple[CcmAtRisk, ...]:
    """Active clients eligible for CCM (two or more active chronic conditions and consent) under
    the 20-minute mark this month, fewest minutes first; empty until `CCM_WARN_DAYS_LEFT` days
    or fewer are left in the month."""
    if days_left_in_month(today) > CCM_WARN_DAYS_LEFT:
        return ()
    found = [m for m in month if m.status == "active"
             and ccm_eligible(m.chronic_conditions, m.consented) and m.minutes < CCM_FIRST_MARK]
    found.sort(key=lambda m: (m.minutes, m.client.casefold(), m.client_id))
    return tuple(CcmAtRisk(m.client_id, m.client, m.minutes) for m in found)


def days_left_in_month(today: date) -> int:
    """Days left in `today`'s month, today included (1 on the last day)."""
    first_next = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (first_next - today).days


# the items of one client ---------------------------------------------------------------------
def _candidates(facts: ClientFacts, today: date) -> list[_Candidate]:
    found = [_safety(facts, f, today) for f in facts.findings] if facts.findings else []
    if facts.status != "active":
        return found
    follow = follow_up_of(facts)
    if follow is not None:
        found.append(_check_in(facts, follow, today))
    if facts.discharges:
        found += [c for d in facts.discharges if (c := _tcm(facts, d, today))]
        found += [c for d in facts.discharges for c in _tcm_steps(facts, d, today)]
    if facts.hand_set:
        found += [_task(facts, h, today) for h in facts.hand_set if h.kind == "task"]
    if facts.referrals:
        found += [_referral(facts, r, today) for r in facts.referrals]
    if facts.plan_reviews:
        found += [_plan_review(facts, p, today) for p in facts.plan_reviews]
    if facts.interventions:
        found += [c for i in facts.interventions if (c := _intervention(facts, i, today))]
    if facts.appointments:
        found += _appointment_items(facts, today)
    return found


def _candidate(facts: ClientFacts, key: str, kind: str, due: date, reason: str, today: date,
               tier: int, order: tuple) -> _Candidate:
    item = QueueItem(key, facts.id, facts.name, kind, due, reason, facts.risk_tier,
                     max(0, (today - due).days), (tier, order))
    return _Candidate(key, due, tier, order, item)


def _later(key: str, due: date) -> _Candidate:
    """An item due after today: only counted in the week ahead (on its day, or a snooze's), so
    it needs no words."""
    return _Candidate(key, due, 4)


def _risk(facts: ClientFacts) -> int:
    return RISK_ORDER.get(facts.risk_tier, 9)


def _safety(facts: ClientFacts, finding: Finding, today: date) -> _Candidate:
    day = finding.found_at.date()
    words = SAFETY_WORDS.get(finding.flag, finding.flag.replace("_", " "))
    reason = f"{words} {_ago(day, today)} — no follow-up yet"
    return _candidate(facts, f"safety:{finding.id}", "safety", day, reason, today, 0,
                      (finding.found_at, facts.name.casefold(), finding.id))


def _tcm(facts: ClientFacts, stay: Discharge, today: date) -> _Candidate | None:
    """The TCM contact of a discharge, with the attempts at it: from the discharge day until
    a reached contact with the client or a caregiver, or `TCM_GRACE_DAYS` past its deadline."""
    if stay.discharged_on > today:
        return None
    contact = stay.contact(today)
    due = contact.due_by
    if contact.done_on is not None or (today - due).days > TCM_GRACE_DAYS:
        return None
    left = f"discharged {_day_name(stay.discharged_on, today)}"
    if due == today:
        when = "due today"
    elif due > today:
        when = f"due by {_day_name(due, today)}"
    else:
        when = _late(due, today)
    reason = f"TCM contact {when} — {left}"
    if contact.attempts:
        reason += f" · {attempt_words(contact.attempts, today)}"
    return _candidate(facts, f"tcm:{stay.stay_id}", "tcm", due, reason,
                      today, 1, (due, _risk(facts), facts.name.casefold(), stay.stay_id))


def _tcm_steps(facts: ClientFacts, stay: Discharge, today: date) -> list[_Candidate]:
    """The medication reconciliation (due no later than the visit) and the face-to-face visit
    of a discharge, each until done or the TCM period ends: shown from `TCM_SHOWN_DAYS` before
    its deadline among the other follow-ups, urgent (with the TCM contacts) from the day
    before it on."""
    left = stay.discharged_on
    deadlines = tcm_deadlines(left, stay.high)
    if left > today or today > deadlines.period_ends:
        return []
    found = []
    steps = (("tcm_medrec", "medication reconciliation", stay.med_rec_on,
              min(deadlines.visit_by, stay.visit_on or date.max)),
             ("tcm_visit", "visit", stay.visit_on, deadlines.visit_by))
    for number, (kind, name, done, due) in enumerate(steps):
        if done is not None:
            continue
        complexity = "high" if stay.high else "moderate"
        reason = (f"TCM {name} {_tcm_when(due, today)} — discharged {_day_name(left, today)} "
                  f"({complexity} complexity)")
        key = f"{kind}:{stay.stay_id}"
        if (due - today).days > TCM_SHOWN_DAYS:
            found.append(_Candidate(key, due, 4))  # in the week ahead, on its day
        elif (due - today).days <= TCM_URGENT_DAYS:
            found.append(_candidate(facts, key, kind, due, reason, today, 1, (
                due, _risk(facts), facts.name.casefold(), stay.stay_id, number)))
        else:
            found.append(_candidate(facts, key, kind, due, reason, today, 4, _other_order(
                facts, due, f"{stay.stay_id}:{number}", 2)))
    return found


def _tcm_when(due: date, today: date) -> str:
    """"due tomorrow", "due by Dec 8", "2 days overdue (due by Dec 2)"."""
    if due == today:
        return "due today"
    if due == today + timedelta(days=1):
        return "due tomorrow"
    by = f"{due.strftime('%b')} {due.day}"
    return f"due by {by}" if due > today else f"{_late(due, today)} (due by {by})"


def _check_in(facts: ClientFacts, follow: FollowUp, today: date) -> _Candidate:
    planned = None
    for hand in facts.hand_set:
        if hand.kind == "check_in" and (planned is None or (hand.due_on, hand.id) < (
                planned.due_on, planned.id)):
            planned = hand
    due = next_check_in_due(follow, planned.due_on if planned else None)
    if follow.retry:
        key = "cadence"
    elif planned is not None and planned.due_on != follow.due_on:
        key = f"check_in:{planned.id}"
    else:
        key = "cadence"
    if due > today:
        return _Candidate(key, due, 3)
    if follow.retry:
        last = max(facts.attempts, key=lambda a: a.occurred_at)
        if follow.unable_to_reach:
            first = min(a.occurred_at for a in facts.attempts).date()
            kind = "unable_to_reach"
            reason = (f"unable to reach: {follow.failed_in_a_row} attempts since "
                      f"{_day_name(first, today)}")
        else:
            kind = "retry"
            reason = (f"retry: {OUTCOME_WORDS.get(last.outcome, last.outcome)} "
                      f"{_day_name(last.occurred_at.date(), today)} "
                      f"({_ordinal(follow.failed_in_a_row + 1)} attempt)")
    elif key != "cadence":
        kind = "scheduled"
        reason = f"scheduled check-in {_when(due, today)}" + (
            f": {planned.reason}" if planned.reason else "")
    else:
        kind = "check_in"
        reason = (f"check-in {_when(due, today)} ({facts.risk_tier} risk, every "
                  f"{facts.cadence_days} days)")
    return _candidate(facts, key, kind, due, reason, today,
                      *check_in_rank(due, today, facts.risk_tier, facts.name, facts.id))


def _task(facts: ClientFacts, task: HandSet, today: date) -> _Candidate:
    if task.due_on > today:
        return _later(f"check_in:{task.id}", task.due_on)
    reason = f"task {_when(task.due_on, today)}" + (f": {task.reason}" if task.reason else "")
    return _candidate(facts, f"check_in:{task.id}", "task", task.due_on, reason, today, 4,
                      _other_order(facts, task.due_on, task.id))


REFERRAL_WORDS = {"draft": "drafted", "requested": "sent", "in-progress": "started",
                  "on-hold": "put on hold"}
"""A referral's latest change as the queue says it ("referral to food bank sent 10 days ago",
"accepted 9 days ago", "started", "put on hold", "drafted")."""


def _referral(facts: ClientFacts, ref: ReferralDue, today: date) -> _Candidate:
    if ref.follow_up_on > today:
        return _later(f"referral:{ref.id}", ref.follow_up_on)
    status = REFERRAL_WORDS.get(ref.status, ref.status)
    then = "not sent yet" if ref.status == "draft" else "follow up"
    reason = f"referral to {ref.to_whom} {status} {_ago(ref.since, today)}: {then}"
    return _candidate(facts, f"referral:{ref.id}", "referral", ref.follow_up_on, reason, today,
                      4, _other_order(facts, ref.follow_up_on, ref.id))


def _plan_review(facts: ClientFacts, plan: PlanReview, today: date) -> _Candidate:
    if plan.review_due_on > today:
        return _later(f"plan_review:{plan.plan_id}", plan.review_due_on)
    reason = f"care plan review {_when(plan.review_due_on, today)}"
    if plan.number is not None:
        reason += f" — plan {plan.number}" + (
            f" finalised {_day_name(plan.finalised_on, today)}" if plan.finalised_on else "")
    return _candidate(facts, f"plan_review:{plan.plan_id}", "plan_review", plan.review_due_on,
                      reason, today, 4, _other_order(facts, plan.review_due_on, plan.plan_id))


def _intervention(facts: ClientFacts, fact: InterventionFact, today: date) -> _Candidate | None:
    """An intervention by its next due day (`plan_outline.next_due`), or None when it is not
    due again (done, a one-off; a status not open)."""
    item = fact.item
    due = next_due(item, fact.last_done_on)
    if due is None:
        return None
    if due > today:
        return _later(f"intervention:{item.uid}", due)
    reason = f"intervention {_when(due, today)}: {item.text} ({intervention_terms(item)})"
    return _candidate(facts, f"intervention:{item.uid}", "intervention", due, reason, today, 4,
                      _other_order(facts, due, item.uid, 1))


def _appointment_items(facts: ClientFacts, today: date) -> list[_Candidate]:
    """Each scheduled appointment's reminder call the day before (until it is made, and not
    after the appointment's day) and its outcome follow-up the day after (until its status
    says how it went)."""
    found = []
    for appointment in facts.appointments:
        due = reminder_due(appointment)
        if due is not None and today < due:
            found.append(_later(f"appointment_reminder:{appointment.id}", due))
        elif due is not None and today <= appointment.day:
            found.append(_candidate(
                facts, f"appointment_reminder:{appointment.id}", "appointment_reminder", due,
                reminder_reason(appointment, today), today, 4,
                _other_order(facts, due, appointment.id, 2)))
        due = outcome_due(appointment)
        if due is not None and today < due:
            found.append(_later(f"appointment_outcome:{appointment.id}", due))
        elif due is not None:
            found.append(_candidate(
                facts, f"appointment_outcome:{appointment.id}", "appointment_outcome", due,
                outcome_reason(appointment, today), today, 4,
                _other_order(facts, due, appointment.id, 3)))
    return found


def intervention_terms(item: PlanItem) -> str:
    """How often and by whom, as a nurse says it: "weekly, care manager", "once, family
    member: Maria"."""
    owner = item.owner_kind or ""
    who = OWNER_WORDS.get(owner, owner.replace("_", " "))
    if item.owner_name:
        who = f"{who}: {item.owner_name}" if who else item.owner_name
    how = FREQUENCY_WORDS.get(item.frequency or "", (item.frequency or "").replace("_", " "))
    return ", ".join(part for part in (how, who) if part)


def _other_order(facts: ClientFacts, due: date, item_id: int | str, kind: int = 0) -> tuple:
    """Earliest first, then highest risk and the name; ties within a client go by kind (0:
    tasks, referrals and plan reviews, 1: interventions, 2: appointment reminders, 3:
    appointment outcomes) and id."""
    return (due, _risk(facts), facts.name.casefold(), facts.id, kind, item_id)


def _back_from_snooze(cand: _Candidate, snooze: SnoozeFact, today: date) -> _Candidate:
    reason = f"snoozed from {_day_name(snooze.snoozed_on, today)}: {snooze.reason}"
    return cand._replace(item=replace(cand.item, reason=reason))


# done today -----------------------------------------------------------------------------------
def _done_item(contact: DoneContact, facts: ClientFacts | None, today: date) -> DoneItem:
    parts = [f"{_done_words(contact)}, {contact.minutes} min"]
    if contact.closes:
        parts.append(" and ".join(SAFETY_SHORT.get(f, f) for f in contact.closes)
                     + " follow-up noted")
    if contact.outcome != "reached" and facts is not None and facts.status == "active":
        follow = follow_up_of(facts)
        latest = max((a.occurred_at for a in facts.attempts), default=None)
        if follow is not None and follow.retry and latest == contact.occurred_at:
            parts.append(f"retry {_day_name(follow.due_on, today)}")
    return DoneItem(contact_id=contact.id, client_id=contact.client_id, client=contact.client,
                    occurred_at=contact.occurred_at, outcome=contact.outcome,
                    minutes=contact.minutes, summary="; ".join(parts))


def _done_words(contact: DoneContact) -> str:
    """"reached (phone)"; with the care team, whom and how, never "reached": "with the care
    team about the client: Dr Lee (fax)"."""
    mode = contact.mode.replace("_", " ")
    if not contact.care_team:
        return f"{OUTCOME_WORDS.get(contact.outcome, contact.outcome)} ({mode})"
    how = "" if contact.mode == "with_care_team" else f" ({mode})"
    return f"with the care team about the client: {contact.with_whom or 'a member'}{how}"


def _done_intervention(facts: ClientFacts, fact: InterventionFact, today: date) -> DoneItem:
    """An intervention marked done today, saying when it is next due (a repeating one)."""
    summary = f"intervention done: {fact.item.text}"
    after = next_due(fact.item, fact.last_done_on)
    if after is not None:
        summary += f"; next due {_day_name(after, today)}"
    return DoneItem(contact_id=None, client_id=facts.id, client=facts.name,
                    occurred_at=fact.done_at, outcome="done", minutes=0, summary=summary,
                    key=f"intervention:{fact.item.uid}")


def _done_order(item: DoneItem) -> tuple:
    return (item.occurred_at, item.contact_id or 0, item.key)


# words ----------------------------------------------------------------------------------------
def _when(due: date, today: date) -> str:
    """"due today", "5 days overdue", "due Thu"."""
    if due == today:
        return "due today"
    if due < today:
        return _late(due, today)
    return f"due {_day_name(due, today)}"


def _late(due: date, today: date) -> str:
    days = (today - due).days
    return f"{counted(days, 'day')} overdue"


def _ago(day: date, today: date) -> str:
    """"today", "yesterday", "10 days ago"."""
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"on {_day_name(day, today)}"
    return f"{days} days ago"


def _day_name(day: date, today: date) -> str:
    """"today", "yesterday", "tomorrow", a weekday within six days ("Fri"), else "Nov 12"
    (with the year when it is not this year's)."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == -1:
        return "yesterday"
    if days == 1:
        return "tomorrow"
    if -6 <= days <= 6:
        return day.strftime("%a")
    text = f"{day.strftime('%b')} {day.day}"
    return text if day.year == today.year else f"{text}, {day.year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
