"""Today's queue: reads what `domain/queue.py` needs in a few set-based selects over a DBAPI
connection (`db.raw()`, SQLite or PostgreSQL, like `data/caseload.py`), then builds it there.

Each active client's latest reached and latest unanswered contacts are a seek each along the
index `ix_contact_log_client_success_time` (client_id, successful, occurred_at), and only the
clients whose latest call went unanswered have their attempts read (a range of it); this
month's minutes and the contacts logged today are ranges of the contact log's time. No select
reads the whole contact log (a test checks the plans), so at 10,000 clients and a million
contacts the queue costs about 1.4 times one SQL statement that returns the same (see
`benchmarks/today_queue.py`). Most clients are only due later in the week: they are counted,
not built (`read_clients`); and the head of the queue can be handed on before the rest is
built (`load_queue`'s `first`, what the queue screen shows first).

Only contacts before the end of `today` count, so `carecli today --date` in the past shows the
queue as it stood that evening. Values are written into the SQL as ISO literals made here from
`date`s, never from text a user typed.
"""

import gc
import heapq
import re
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from itertools import takewhile

from carecli.clinical import CCM_FIRST_MARK
from carecli.clinical.billing import ELIGIBLE_CONDITIONS
from carecli.data.caseload import (
    CONSENTED_SQL,
    FOLLOWED_UP_SQL,
    OPEN_FINDINGS,
    _all,
    _day,
    _every,
    _latest,
    _local_time,
    _restricted,
    day_start_utc,
    month_start_utc,
)
from carecli.domain.appointments import Appointment
from carecli.domain.care_plan import PlanItem
from carecli.domain.daily import Queue, QueueItem
from carecli.domain.enums import FREQUENCY_DAYS, OPEN_INTERVENTION_STATUSES, PlanItemKind
from carecli.domain.plan_outline import next_due_on
from carecli.domain.queue import (
    CCM_WARN_DAYS_LEFT,
    TCM_GRACE_DAYS,
    WEEK_DAYS,
    Attempt,
    ClientFacts,
    Discharge,
    DoneContact,
    Finding,
    HandSet,
    InterventionFact,
    MonthFacts,
    PlanReview,
    ReferralDue,
    SnoozeFact,
    build_queue,
    check_in_rank,
    days_left_in_month,
    routine_check_in_due,
    work_ahead,
)
from carecli.domain.transitions import NO_TCM_DISPOSITIONS, ContactFact, with_client_or_caregiver

TCM_LOOKBACK_DAYS = TCM_GRACE_DAYS + 15
"""Discharges read: the contact deadline falls at most a fortnight after the discharge (two
business days, however many holidays), and an item stays until 30 days past it."""

CLIENT_COLUMNS = ("id, family_name, given_name, preferred_name, risk_tier, status, enrolled_on, "
                  "cadence_days")

QUEUE_CLIENTS_SQL = f"SELECT {CLIENT_COLUMNS} FROM client WHERE 1 = 1{{only}}"

ACTIVE_SQL = f"""
SELECT {CLIENT_COLUMNS},
       (SELECT MAX(l.occurred_at) FROM contact_log l
        WHERE l.client_id = c.id AND l.successful = TRUE AND l.occurred_at < '{{end}}'),
       (SELECT MAX(l.occurred_at) FROM contact_log l
        WHERE l.client_id = c.id AND l.successful = FALSE AND l.occurred_at < '{{end}}')
FROM client c WHERE c.status = 'active'{{only:c.id}}"""
"""Each active client with their latest reached and latest unanswered contacts before the end
of the day (a seek each along `ix_contact_log_client_success_time`)."""

ATTEMPTS_SQL = """
SELECT f.client_id, f.occurred_at, f.outcome FROM contact_log f
WHERE f.successful = FALSE AND f.occurred_at < '{end}'{only}
  AND f.occurred_at > COALESCE((
      SELECT MAX(l.occurred_at) FROM contact_log l
      WHERE l.client_id = f.client_id AND l.successful = TRUE AND l.occurred_at < '{end}'),
      '0001-01-01 00:00:00')"""
"""The unanswered attempts after the latest reached contact of the clients named (those whose
latest contact went unanswered)."""

PLANNED_SQL = """
SELECT client_id, id, due_on, reason FROM check_in WHERE status = 'open' AND kind = 'check_in'
{only:client_id}
ORDER BY client_id, due_on, id"""
"""The open check-ins set by hand, each client's earliest first: it is their next check-in,
however far ahead (it wins over the cadence)."""

QUEUE_FINDINGS_SQL = "SELECT f.id, f.client_id, f.flag, f.found_at" + OPEN_FINDINGS + \
    "{only:f.client_id}"

TASKS_SQL = """
SELECT id, client_id, kind, due_on, reason FROM check_in
WHERE status = 'open' AND kind <> 'check_in'{only:client_id}"""
"""The open tasks (few; along the `status` index: the `due_on` one holds every check-in
ever done)."""

_NO_TCM = ", ".join(f"'{d}'" for d in sorted(NO_TCM_DISPOSITIONS))

DISCHARGES_SQL = f"""
SELECT s.id, s.client_id, s.discharged_on, s.complexity, s.med_rec_on, s.visit_on
FROM hospital_stay s
WHERE s.discharged_on >= '{{since}}' AND s.discharged_on <= '{{today}}' AND s.kind <> 'emergency'
  AND (s.disposition IS NULL OR s.disposition NOT IN ({_NO_TCM}))
  AND NOT EXISTS (SELECT 1 FROM hospital_stay r
      WHERE r.client_id = s.client_id AND r.id <> s.id AND r.kind <> 'emergency'
        AND r.admitted_on >= s.discharged_on AND (r.admitted_on > s.admitted_on OR r.id > s.id))
{{only:s.client_id}}"""
"""Recent discharges that start TCM (`domain.transitions`: from a hospital stay, observation
or a skilled nursing facility to a community setting, not an emergency visit sent home), and
not ended by a readmission (`transitions.readmission`: a later stay admitted on or after the
discharge day)."""

TCM_CONTACTS_SQL = """
SELECT client_id, occurred_at, outcome, successful, mode, with_whom_kind FROM contact_log
WHERE successful IS NOT NULL AND occurred_at >= '{tcm_since}' AND occurred_at < '{end}'{only}"""
"""The contacts since the earliest discharge read of the clients named (those with one): the
TCM contact and the attempts at it (`transitions.contact_step`)."""

REFERRALS_SQL = """
SELECT id, client_id, to_whom, status, made_on, last_update_on, follow_up_on FROM referral
WHERE status IN ('draft', 'requested', 'accepted', 'in-progress', 'on-hold')
AND follow_up_on <= '{horizon}'{only:client_id}"""
"""The referrals not closed (on hold too: someone still has to pick it up again; a draft too:
not sent yet, it would be forgotten) whose follow-up day comes this week; a closed one needs
none."""

APPOINTMENTS_SQL = """
SELECT id, client_id, care_team_member_id, with_whom, starts_at, location, purpose,
       transport_arranged, transport_note, status, reminded_on, outcome_note, version,
       created_at
FROM appointment WHERE starts_at >= '{appointments_since}' AND starts_at < '{appointments_end}'
  AND status = 'scheduled'{only:client_id}"""
"""Scheduled appointments up to the day after the week ahead (a reminder call falls the day
before), and past ones: an outcome follow-up stays until someone says how it went, or until
`TCM_GRACE_DAYS` after it (a range of `ix_appointment_starts_at`, not the whole table)."""

PLAN_REVIEWS_SQL = """
SELECT id, client_id, review_due_on, number, finalised_at FROM care_plan
WHERE status = 'active' AND review_due_on <= '{horizon}'{only:client_id}"""
"""The active plans whose review falls due this week (along the one-active-plan index)."""

OPEN_STATUSES = ", ".join(f"'{s}'" for s in sorted(OPEN_INTERVENTION_STATUSES))
REPEATING = tuple(sorted(FREQUENCY_DAYS.items()))

_AFTER_LAST_TIME = "\n        OR ".join(
    f"(i.frequency = '{f}' AND MAX(d.done_on) <= '{{after:{d}}}')" for f, d in REPEATING)
_QUEUED_OWNERS = ("i.owner_kind = 'care_manager' OR i.frequency IS NULL "
                  "OR i.frequency = 'once'")
"""The interventions that are the care manager's work: their own, and anyone's one-off (to
check it was done); a habit of the client's or a visit of the care team that repeats is not."""

INTERVENTIONS_SQL = f"""
SELECT p.client_id, i.uid, i.text, i.status, i.owner_kind, i.owner_name, i.frequency,
       i.due_on, i.parent_uid, i.position, MAX(d.done_on)
FROM care_plan p CROSS JOIN care_plan_item i
LEFT JOIN intervention_done d ON d.client_id = p.client_id AND d.intervention_uid = i.uid
     AND d.done_on <= '{{today}}'
WHERE p.status = 'active' AND i.care_plan_id = p.id AND i.kind = 'intervention'
  AND i.status IN ({OPEN_STATUSES}) AND ({_QUEUED_OWNERS}){{only:p.client_id}}
GROUP BY p.client_id, i.id
HAVING MAX(d.done_on) = '{{today}}' OR (MAX(d.done_on) IS NULL AND i.due_on <= '{{horizon}}')
    OR ((i.due_on IS NULL OR i.due_on <= '{{horizon}}') AND (
        {_AFTER_LAST_TIME}))"""
"""The open interventions of the active plans that fall due by the end of the week ahead, or
were done today (`plan_outline.next_due_on` decides; this only leaves out what cannot be due):
never done, by their planned day; done, a repeating one when its interval after the last time
ends this week. Each plan's items are a seek along their plan, and each one's last time done a
seek along `ix_intervention_done_client_uid`."""

DONE_INTERVENTIONS_SQL = """
SELECT client_id, intervention_uid, MAX(created_at) FROM intervention_done
WHERE done_on = '{today}'{only} GROUP BY client_id, intervention_uid"""
"""When the interventions done today were marked so (the clients named: those with one)."""

SNOOZES_SQL = """
SELECT s.client_id, s.item_key, s.until_on, s.reason, s.created_at FROM snooze s
WHERE s.until_on >= '{today}' AND NOT EXISTS (
      SELECT 1 FROM snooze t
      WHERE t.client_id = s.client_id AND t.item_key = s.item_key AND t.id > s.id)
{only:s.client_id}"""
"""The latest snooze of each item, while it still counts."""

DONE_SQL = """
SELECT id, client_id, occurred_at, mode, outcome, minutes, successful IS NULL, with_whom
FROM contact_log WHERE occurred_at >= '{start}' AND occurred_at < '{end}'{only:client_id}"""
"""The contacts logged today; `successful` NULL: communication with the care team."""

CLOSED_BY_SQL = f"""
SELECT d.id, f.flag FROM contact_log d JOIN safety_finding f ON f.client_id = d.client_id
WHERE EXISTS ({FOLLOWED_UP_SQL} AND c.id = d.id)
  AND NOT EXISTS ({FOLLOWED_UP_SQL} AND c.occurred_at < d.occurred_at){{only}}"""
"""The safety findings each contact named followed up: it follows a finding up (the caseload's
rule, `FOLLOWED_UP_SQL`) and no contact before it did."""

CHRONIC_SQL = f"""
SELECT client_id, COUNT(*) FROM condition
WHERE status = 'active' AND chronic = TRUE{{only:client_id}} GROUP BY client_id
HAVING COUNT(*) >= {ELIGIBLE_CONDITIONS}"""

MINUTES_SQL = """
SELECT client_id, SUM(minutes) FROM contact_log
WHERE occurred_at >= '{month}' AND occurred_at < '{end}'{only:client_id} GROUP BY client_id"""
"""This month's minutes of every client with a contact in it (a range of the contact log)."""


def _ts(at) -> str:
    return at.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


FIRST_SCREEN = 100
"""Items `load_queue` hands to `first` before the rest: more than any terminal shows."""

_TIER_FOUR = frozenset({"hand_set", "referrals", "plan_reviews", "interventions",
                        "appointments"})
"""Facts that only add items after every check-in (tasks, referrals, plan reviews, care-plan
interventions)."""


def load_queue(*, db, today: date, only: int | None = None,
               first: Callable[[tuple[QueueItem, ...]], object] | None = None,
               count: int = FIRST_SCREEN, items_only: bool = False) -> Queue:
    """Today's queue (`domain.queue.build_queue`) from the database; with `only`, the part of
    it that is one client's (their items, contacts done today and CCM standing: a few seeks,
    to update a queue on screen at once after a save, see `domain.queue.merge_client`).
    `db` is anything with a `raw()` context manager giving a DBAPI connection (`Database` or
    `SqliteReader`).

    `first`, if given, is called with the items that head the queue, up to `count` of them
    and exactly the full queue's first ones (`_head`), as soon as they are known: before the
    other clients' items are built and CCM at risk and the contacts done today are read.

    `items_only` leaves CCM at risk and the contacts done today out (empty): the items, their
    counts and the week ahead are the same, for a reader that shows nothing else (`carecli
    today`); on the last days of a month at 10,000 clients that saves a tenth of the time."""
    with _no_collector_passes():
        return _read_queue(db, today, only, first, count, items_only)


def _read_queue(db, today: date, only: int | None, first, count: int,
                items_only: bool) -> Queue:
    """`load_queue`'s work: the rows it read and the facts made of them are freed when this
    returns, before the collector is back on (see `_no_collector_passes`)."""
    with db.raw() as conn:
        cur = conn.cursor()
        facts, ranked, upcoming, people = read_clients(cur, today, only)
        if first is not None:
            first(_head(facts, ranked, today, count))
        facts += [_facts(*later[2:]) for later in ranked]
        if items_only:
            return build_queue(facts, today=today, upcoming=upcoming)
        month = (_month(cur, today, only, people)
                 if days_left_in_month(today) <= CCM_WARN_DAYS_LEFT else [])
        done = _done(cur, _all(cur, _filled(DONE_SQL, _values(today), only)), people)
        return build_queue(facts, today=today, done=done, month=month, upcoming=upcoming)


@contextmanager
def _no_collector_passes():
    """Hold off the cyclic garbage collector while the queue is built: at 10,000 clients it
    makes some 100,000 short-lived tuples and no reference cycles, and the collector's passes
    over the whole heap (the app's too) would cost about a sixth of the time for nothing.
    Reference counting still frees everything as usual; the collector comes back on only
    once the rows and facts are freed, or its first pass would walk them all (some 50 ms)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _values(today: date, horizon: date | None = None) -> dict[str, str]:
    """The values written into the selects for `today`, looking ahead to `horizon` (default:
    the end of the week ahead)."""
    start, end = day_start_utc(today), day_start_utc(today + timedelta(days=1))
    horizon = horizon or today + timedelta(days=WEEK_DAYS - 1)
    return {"{end}": _ts(end), "{start}": _ts(start), "{today}": today.isoformat(),
            "{horizon}": horizon.isoformat(),
            "{appointments_end}": _ts(day_start_utc(horizon + timedelta(days=2))),
            "{appointments_since}": _ts(day_start_utc(today - timedelta(days=TCM_GRACE_DAYS))),
            "{since}": (today - timedelta(days=TCM_LOOKBACK_DAYS)).isoformat(),
            "{month}": _ts(month_start_utc(today)),
            **{f"{{after:{days}}}": (horizon - timedelta(days=days)).isoformat()
               for _f, days in REPEATING}}


def read_clients(cur, today: date, only: int | None = None, through: date | None = None):
    """The clients with an item to show today or anything besides a check-in, in two parts:
    the `ClientFacts` of those with more than a check-in and tier-4 items (a safety finding,
    a discharge, an unanswered call, a snooze), and the others `ranked`: each as
    `(bound, client_id, *_facts arguments)`, where `bound` is the rank of their check-in item
    due (`check_in_rank`), or `(4,)` when it is not due today, so no item of theirs stands
    before it. Then the `upcoming` check-ins of the clients only due later in the week, by day
    (`routine_check_in_due`: at 10,000 clients most are only counted), and the client rows
    read (every active client's, and those of the others with a safety finding), by id.

    With `through` (a day after the week ahead), every active client is read whole, with
    what falls due up to that day, and none is only counted (the calendar export)."""
    horizon = through or today + timedelta(days=WEEK_DAYS - 1)
    values = _values(today, horizon)

    def rows(template: str) -> list[tuple]:
        return _all(cur, _filled(template, values, only))

    found: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for table, kind in ((QUEUE_FINDINGS_SQL, "findings"), (DISCHARGES_SQL, "discharges"),
                        (REFERRALS_SQL, "referrals"), (PLAN_REVIEWS_SQL, "plan_reviews"),
                        (TASKS_SQL, "hand_set"), (SNOOZES_SQL, "snoozes"),
                        (INTERVENTIONS_SQL, "interventions"),
                        (APPOINTMENTS_SQL, "appointments")):
        for row in rows(table):
            found[row[1] if kind not in ("snoozes", "interventions") else row[0]][kind].append(
                row)
    later = _later_interventions(found, today) if through is None else {}
    _mark_done_today(cur, found, today)
    _add_tcm_contacts(cur, found, today)
    planned = {row[0]: row for row in reversed(rows(PLANNED_SQL))}  # the earliest wins
    active = rows(ACTIVE_SQL)
    retried = {row[0] for row in active if row[9] is not None and (
        row[8] is None or row[9] > row[8])}
    if retried:
        for row in rows(_restricted(ATTEMPTS_SQL, retried, "f.client_id")):
            found[row[0]]["attempts"].append(row[1:])
    people = {row[0]: row for row in active}
    facts, ranked = [], []
    upcoming: dict[date, int] = defaultdict(int)
    cadences: dict[tuple, int | None] = {}
    for row in active:
        client_id, tier = row[0], (row[4], row[7])
        every = cadences[tier] if tier in cadences else cadences.setdefault(tier, _every(*tier))
        first = planned.get(client_id)
        planned_on = None if first is None else _day(first[2])
        more = found.pop(client_id, None)
        for day in later.get(client_id, ()):
            if day <= horizon:
                upcoming[day] += 1
        hand = None if planned_on is None else HandSet(first[1], "check_in", planned_on, first[3])
        known = _local_time(row[8]), _day(row[6])  # last reached, enrolled
        if more and not _TIER_FOUR.issuperset(more):
            name = _name(*row[:4])
            facts.append(_facts(row, known, name, every, hand, more))
            continue
        # only a check-in (a set day wins) and tier-4 items: counted unless something is due
        due = planned_on or routine_check_in_due(None, *known, every)
        if more is None and (due is None or due > today) and through is None:
            if due is not None and due <= horizon:
                upcoming[due] += 1
            continue
        name = _name(*row[:4])
        bound = (4,) if due is None or due > today else check_in_rank(due, today, row[4], name,
                                                                      client_id)
        ranked.append((bound, client_id, row, known, name, every, hand, more or {}))
    if found:  # clients not active: only their safety findings
        for row in _all(cur, _restricted(QUEUE_CLIENTS_SQL, set(found), "id")):
            if "findings" in found[row[0]]:
                people[row[0]] = row
                facts.append(_facts(row, (None, _day(row[6])), _name(*row[:4]), None, None,
                                    {"findings": found[row[0]]["findings"]}))
    return facts, ranked, upcoming, people


def load_calendar_work(*, db, today: date, days: int) -> list[tuple[date, QueueItem]]:
    """The queue's work from `today` to `days` ahead as (day, item): today's queue on today,
    then on each later day what falls due that day (or comes back from a snooze) as the
    queue will stand then if nothing is done before. One reading of every client's facts up to
    the last day; then each client's part of a later day's queue is built only on the days
    their work falls due, from the facts that can show then (`work_ahead`), not every
    client's queue on every day."""
    last = today + timedelta(days=days)
    with _no_collector_passes(), db.raw() as conn:
        facts, ranked, _upcoming, _people = read_clients(conn.cursor(), today, through=last)
        facts += [_facts(*later[2:]) for later in ranked]
        found = [(today, item) for item in build_queue(facts, today=today).items]
        ahead = []
        for client in facts:
            for day, part in work_ahead(client, today).items():
                if today < day <= last:
                    ahead += [(day, item) for item in build_queue([part], today=day).items
                              if item.due == day or _back_on(client, item.key, day)]
    return found + sorted(ahead, key=lambda found: (found[0], found[1].rank))


def _back_on(client: ClientFacts, key: str, day: date) -> bool:
    """Whether `key`'s item of the client comes back from a snooze on `day`."""
    return any(s.item_key == key and s.until_on == day for s in client.snoozes)


def _head(facts: list[ClientFacts], ranked: list[tuple], today: date,
          count: int) -> tuple[QueueItem, ...]:
    """The first `count` items of the queue of every client (`facts` and `ranked`, see
    `read_clients`), from the items of `facts` and of the `count` clients ranked first alone:
    an item is kept while it stands before the bound of every client left out."""
    chosen = heapq.nsmallest(count + 1, ranked, key=lambda later: later[:2])
    items = build_queue([*facts, *(_facts(*later[2:]) for later in chosen[:count])],
                        today=today).items
    if len(chosen) > count:
        bound = chosen[count][0]
        items = tuple(takewhile(lambda item: item.rank < bound, items))
    return items[:count]


_ONLY = re.compile(r"\{only:([a-z_.]+)\}")


def _filled(template: str, values: dict[str, str], only: int | None) -> str:
    """`template` with its `{name}` values written in, and each `{only:column}` left out, or
    turned into `AND column = <only>` when the reading is one client's."""
    for name, value in values.items():
        template = template.replace(name, value)
    return _ONLY.sub("" if only is None else lambda m: f" AND {m.group(1)} = {int(only)}",
                     template)


def _name(client_id, family, given, preferred) -> str:
    """"Family, Given (Preferred)", as the caseload names a client."""
    if type(family) is not str or type(given) is not str or not (
            preferred is None or type(preferred) is str):
        return f"client {client_id}"  # a name another program stored as bytes
    return f"{family}, {given}" + (f" ({preferred})" if preferred else "")


def _facts(row, known: tuple, name: str, every: int | None, planned: HandSet | None,
           more) -> ClientFacts:
    """One client's facts from their rows as read: `ACTIVE_SQL`'s (`known`: its latest reached
    contact and enrolment day as read by `read_clients`), their earliest check-in set by hand
    (or None) and the other selects' rows by kind. A row with a value that cannot be read is
    left out, and a client's check-in with it when the value is theirs (the caseload flags the
    row)."""
    client_id, risk, status = row[0], row[4], row[5]
    last_success, enrolled_on = known
    if not more:  # most clients: nothing but a check-in
        return ClientFacts(client_id, name, str(status), str(risk), every, enrolled_on,
                           last_success, hand_set=() if planned is None else (planned,))
    hand_set = [HandSet(row_id, str(kind), due, reason)
                for row_id, _c, kind, due_on, reason in more.get("hand_set", ())
                if (due := _day(due_on)) is not None]
    if planned is not None:
        hand_set.append(planned)
    attempts = []
    for failed_at, outcome in more.get("attempts", ()):
        when = _latest(row[8], failed_at)[1]
        if when is not None:
            attempts.append(Attempt(when, str(outcome)))
    made = {kind: tuple([x for x in map(_MAKE[kind], rows) if x is not None])
            for kind, rows in more.items() if kind in _MAKE}
    if contacts := tuple(more.get("tcm_contacts", ())):
        made["discharges"] = tuple(replace(d, contacts=contacts) for d in made["discharges"])
    return ClientFacts(
        id=client_id, name=name, status=str(status), risk_tier=str(risk), cadence_days=every,
        enrolled_on=enrolled_on, last_success=last_success,
        attempts=tuple(attempts), hand_set=tuple(hand_set), **made,
    )


def _finding(row) -> Finding | None:
    finding_id, _c, flag, found_at = row
    when = _local_time(found_at)
    return None if when is None else Finding(finding_id, str(flag), when)


def _discharge(row) -> Discharge | None:
    left = _day(row[2])
    if left is None:
        return None
    return Discharge(row[0], left, row[3] == "high", _day(row[4]), _day(row[5]))


def _referral(row) -> ReferralDue | None:
    ref_id, _c, to_whom, status, made_on, updated_on, follow_on = row
    since = _day(updated_on) or _day(made_on)  # quiet since its latest change
    due = _day(follow_on)
    if due is None or since is None:
        return None
    return ReferralDue(ref_id, str(to_whom), str(status), since, due)


def _plan_review(row) -> PlanReview | None:
    plan_id, _c, review_due_on, number, finalised_at = row
    due, finalised = _day(review_due_on), _local_time(finalised_at)
    if due is None:
        return None
    return PlanReview(plan_id, due, number if type(number) is int else None,
                      finalised.date() if finalised is not None else None)


def _mark_done_today(cur, found, today: date) -> None:
    """Add to each intervention row done today (its last day done) when it was marked so."""
    wanted = {client_id for client_id, more in found.items()
              if any(_day(row[10]) == today for row in more.get("interventions", ()))}
    if not wanted:
        return
    when = {(row[0], row[1]): row[2] for row in _all(cur, _restricted(
        DONE_INTERVENTIONS_SQL.replace("{today}", today.isoformat()), wanted))}
    for client_id in wanted:
        found[client_id]["interventions"] = [
            (*row, when.get((client_id, row[1]))) for row in found[client_id]["interventions"]]


def _add_tcm_contacts(cur, found, today: date) -> None:
    """Give the clients with a discharge read their contacts since it (with them or a
    caregiver: `transitions.with_client_or_caregiver`), as `tcm_contacts`."""
    wanted = {client_id for client_id, more in found.items() if "discharges" in more}
    if not wanted:
        return
    since = min(_day(row[2]) or today for client_id in wanted
                for row in found[client_id]["discharges"])
    sql = TCM_CONTACTS_SQL.replace("{tcm_since}", _ts(day_start_utc(since))).replace(
        "{end}", _values(today)["{end}"])
    for client_id, occurred_at, outcome, successful, mode, kind in _all(
            cur, _restricted(sql, wanted)):
        when = _local_time(occurred_at)
        if when is not None and with_client_or_caregiver(mode, kind):
            found[client_id]["tcm_contacts"].append(
                ContactFact(when, str(outcome), bool(successful)))


def _later_interventions(found, today: date) -> dict[int, list[date]]:
    """Take out of `found` the interventions that only fall due after today (most of them),
    by client, with their days: like most check-ins they are only counted in the week ahead,
    so a client with nothing else to show is only counted. A client with a snooze keeps them
    (a snoozed one counts on the snooze's day). The day is worked out once for each
    (status, frequency, planned day, last day done) as read: thousands of rows share a few."""
    later: dict[int, list[date]] = defaultdict(list)
    days: dict[tuple, date | None] = {}
    for client_id in [c for c, more in found.items() if "interventions" in more]:
        more = found[client_id]
        if "snoozes" in more:
            continue
        kept = []
        for row in more["interventions"]:
            key = row[3], row[6], row[7], row[10]
            due = days[key] if key in days else days.setdefault(key, _later_day(row, today))
            if due is None:
                kept.append(row)
            else:
                later[client_id].append(due)
        if kept:
            more["interventions"] = kept
        else:
            del more["interventions"]
            if not more:
                del found[client_id]
    return later


def _later_day(row, today: date) -> date | None:
    """The day an intervention row falls due when that is after today and it was not done
    today (`plan_outline.next_due_on`); otherwise None (the row is kept)."""
    due_on, last_done = _day(row[7]), _day(row[10])
    if (due_on is None and row[7] is not None) or (last_done is None and row[10] is not None):
        return None  # unreadable: kept, and left out when its facts are made
    due = next_due_on(str(row[3]), row[6], due_on, last_done)
    return due if due is not None and due > today and last_done != today else None


def _intervention(row) -> InterventionFact | None:
    """An intervention row as read (`INTERVENTIONS_SQL`, and when it was marked done today)."""
    (_c, uid, text, status, owner_kind, owner_name, frequency, due_on, parent_uid, position,
     last_done, *marked) = row
    due, last = _day(due_on), _day(last_done)
    if (due is None and due_on is not None) or (last is None and last_done is not None):
        return None
    item = PlanItem(uid=str(uid), kind=PlanItemKind.INTERVENTION, parent_uid=parent_uid,
                    position=position, text=str(text), status=str(status),
                    owner_kind=owner_kind, owner_name=owner_name, frequency=frequency,
                    due_on=due)
    done_at = _local_time(marked[0]) if marked and marked[0] is not None else None
    return InterventionFact(item, last, done_at)


def _snooze(row) -> SnoozeFact | None:
    _c, key, until_on, reason, created_at = row
    until, made = _day(until_on), _local_time(created_at)
    if until is None or made is None:
        return None
    return SnoozeFact(str(key), until, str(reason), made.date())


def _appointment(row) -> Appointment | None:
    (appointment_id, client_id, member, with_whom, starts_at, location, purpose, transport,
     transport_note, status, reminded_on, outcome_note, version, created_at) = row
    when, made = _local_time(starts_at), _local_time(created_at)
    if when is None:
        return None
    return Appointment(appointment_id, client_id, member, str(with_whom), when, location,
                       purpose, bool(transport), transport_note, str(status), _day(reminded_on),
                       outcome_note, version, made.date() if made is not None else None)


_MAKE = {"findings": _finding, "discharges": _discharge, "referrals": _referral,
         "plan_reviews": _plan_review, "snoozes": _snooze, "interventions": _intervention,
         "appointments": _appointment}


def _month(cur, today: date, only: int | None, people: dict[int, tuple]) -> list[MonthFacts]:
    """The `MonthFacts` of the clients eligible for CCM and under the mark (the rule is the
    domain's; the selects only leave out those who cannot be at risk), from their rows as
    `read_clients` read them (every active client's: no one else can be at risk)."""
    chronic = dict(_all(cur, _filled(CHRONIC_SQL, _values(today), only)))
    consented = {row[0] for row in _all(cur, _restricted(
        CONSENTED_SQL, None if only is None else {only}))}
    minutes = {client_id: int(total or 0) for client_id, total in _all(
        cur, _filled(MINUTES_SQL, _values(today), only))}
    under = {client_id for client_id in consented.intersection(chronic)
             if minutes.get(client_id, 0) < CCM_FIRST_MARK}
    if not under:
        return []
    return [MonthFacts(row[0], _name(*row[:4]), str(row[5]), chronic[row[0]], True,
                       minutes.get(row[0], 0))
            for row in map(people.get, sorted(under)) if row is not None]


def _done(cur, done_rows, people: dict[int, tuple]) -> list[DoneContact]:
    """The contacts logged today, with the safety findings each followed up, named from the
    client rows read (`people`, by id) or read here."""
    wanted = {row[1] for row in done_rows}
    names = {client_id: _name(*people[client_id][:4]) for client_id in wanted
             if client_id in people}
    closed: dict[int, list[str]] = defaultdict(list)
    if wanted:
        done_ids = {row[0] for row in done_rows}
        for contact_id, flag in _all(cur, _restricted(CLOSED_BY_SQL, done_ids, "d.id")):
            closed[contact_id].append(str(flag))
        if unnamed := wanted - names.keys():
            names = names | {row[0]: _name(*row[:4]) for row in _all(
                cur, _restricted(QUEUE_CLIENTS_SQL, unnamed, "id"))}
    found = []
    for contact_id, client_id, occurred_at, mode, outcome, minutes, team, whom in done_rows:
        when = _local_time(occurred_at)
        if when is None:
            continue
        found.append(DoneContact(
            id=contact_id, client_id=client_id, client=names.get(client_id, f"client {client_id}"),
            occurred_at=when, mode=str(mode), outcome=str(outcome), minutes=int(minutes or 0),
            closes=tuple(sorted(closed.get(contact_id, ()))), care_team=bool(team),
            with_whom=whom if type(whom) is str else None,
        ))
    return found
