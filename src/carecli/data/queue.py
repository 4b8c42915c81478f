"""Today's queue: reads what `domain/queue.py` needs in a few set-based selects over a DBAPI
connection (`db.raw()`, SQLite or PostgreSQL, like `data/caseload.py`), then builds it there.

Each active client's latest reached contact is one seek and the unanswered attempts after it one
range of the index `ix_contact_log_client_success_time` (client_id, successful, occurred_at);
the contacts logged today are a range of the `occurred_at` index. No select reads the whole
contact log, so the queue costs about as much at 10,000 clients and a million contacts as the
clients themselves (a test checks the plans).

Only contacts before the end of `today` count, so `carecli today --date` in the past shows the
queue as it stood that evening. Values are written into the SQL as ISO literals made here from
`date`s, never from text a user typed.
"""

from collections import defaultdict
from datetime import date, timedelta

from carecli.data.caseload import (
    CONSENTED_SQL,
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
from carecli.domain.daily import Queue
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
    PlanReview,
    ReferralDue,
    SnoozeFact,
    build_queue,
    days_left_in_month,
)

TCM_LOOKBACK_DAYS = TCM_GRACE_DAYS + 15
"""Discharges read: the contact deadline falls at most a fortnight after the discharge (two
business days, however many holidays), and an item stays until 30 days past it."""

QUEUE_CLIENTS_SQL = """
SELECT id, family_name, given_name, preferred_name, risk_tier, status, enrolled_on, cadence_days
FROM client"""

ATTEMPTS_SQL = """
WITH latest AS MATERIALIZED (
    SELECT c.id AS client_id,
           (SELECT MAX(l.occurred_at) FROM contact_log l
            WHERE l.client_id = c.id AND l.successful = TRUE AND l.occurred_at < '{end}') AS at
    FROM client c WHERE c.status = 'active'
)
SELECT latest.client_id, latest.at, f.occurred_at, f.outcome
FROM latest LEFT JOIN contact_log f
  ON f.client_id = latest.client_id AND f.successful = FALSE AND f.occurred_at < '{end}'
 AND f.occurred_at > COALESCE(latest.at, '0001-01-01 00:00:00')"""
"""Each active client's latest reached contact before the end of the day, and the unanswered
attempts after it (one row each; one row with NULLs when there are none)."""

QUEUE_FINDINGS_SQL = "SELECT f.id, f.client_id, f.flag, f.found_at" + OPEN_FINDINGS

HAND_SET_SQL = """
SELECT id, client_id, kind, due_on, reason FROM check_in
WHERE status = 'open' AND (kind = 'check_in' OR due_on <= '{horizon}')"""
"""Every open check-in set by hand (the earliest is the client's next check-in, however far
ahead) and the tasks due by the end of the week."""

DISCHARGES_SQL = """
SELECT id, client_id, discharged_on FROM hospital_stay
WHERE discharged_on >= '{since}' AND discharged_on <= '{today}' AND kind <> 'emergency'"""
"""Recent discharges from a hospital stay, observation or a skilled nursing facility (TCM
follows those; an emergency-department visit sent home is not one)."""

REFERRALS_SQL = """
SELECT id, client_id, to_whom, status, made_on, last_update_on, follow_up_on FROM referral
WHERE status IN ('sent', 'accepted') AND follow_up_on <= '{horizon}'"""

PLAN_REVIEWS_SQL = """
SELECT id, client_id, review_due_on FROM care_plan
WHERE status = 'active' AND review_due_on <= '{horizon}'"""

SNOOZES_SQL = """
SELECT s.client_id, s.item_key, s.until_on, s.reason, s.created_at FROM snooze s
WHERE s.until_on >= '{today}' AND NOT EXISTS (
      SELECT 1 FROM snooze t
      WHERE t.client_id = s.client_id AND t.item_key = s.item_key AND t.id > s.id)"""
"""The latest snooze of each item, while it still counts."""

DONE_SQL = """
SELECT id, client_id, occurred_at, mode, outcome, minutes FROM contact_log
WHERE occurred_at >= '{start}' AND occurred_at < '{end}'"""

CLOSED_BY_SQL = """
SELECT f.flag,
       (SELECT c.id FROM contact_log c
        WHERE c.client_id = f.client_id AND c.successful = TRUE AND c.note IS NOT NULL
          AND c.note <> '' AND c.occurred_at > f.found_at
        ORDER BY c.occurred_at, c.id LIMIT 1)
FROM safety_finding f WHERE 1 = 1{only}"""
"""The contact that followed up each finding (of the clients named), if any."""

CHRONIC_SQL = """
SELECT client_id, COUNT(*) FROM condition
WHERE status = 'active' AND chronic = TRUE GROUP BY client_id HAVING COUNT(*) >= 2"""

MINUTES_SQL = """
SELECT c.id, (SELECT SUM(l.minutes) FROM contact_log l
              WHERE l.client_id = c.id AND l.occurred_at >= '{month}' AND l.occurred_at < '{end}')
FROM client c WHERE 1 = 1{only}"""


def _ts(at) -> str:
    return at.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def load_queue(*, db, today: date) -> Queue:
    """Today's queue (`domain.queue.build_queue`) from the database. `db` is anything with a
    `raw()` context manager giving a DBAPI connection (`Database` or `SqliteReader`)."""
    with db.raw() as conn:
        cur = conn.cursor()
        facts, done = read_facts(cur, today)
    return build_queue(facts, today=today, done=done)


def read_facts(cur, today: date) -> tuple[list[ClientFacts], list[DoneContact]]:
    """Every client the queue may speak of, as `ClientFacts`, and the contacts logged today."""
    start, end = day_start_utc(today), day_start_utc(today + timedelta(days=1))
    horizon = today + timedelta(days=WEEK_DAYS - 1)
    values = {"{end}": _ts(end), "{start}": _ts(start), "{today}": today.isoformat(),
              "{horizon}": horizon.isoformat(),
              "{since}": (today - timedelta(days=TCM_LOOKBACK_DAYS)).isoformat()}

    def rows(template: str) -> list[tuple]:
        for name, value in values.items():
            template = template.replace(name, value)
        return _all(cur, template)

    more: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    last_success: dict[int, object] = {}
    for client_id, at, failed_at, outcome in rows(ATTEMPTS_SQL):
        last_success[client_id], when = _latest(at, failed_at)
        if when is not None:
            more[client_id]["attempts"].append(Attempt(when, str(outcome)))
    for finding_id, client_id, flag, found_at in rows(QUEUE_FINDINGS_SQL):
        when = _local_time(found_at)
        if when is not None:
            more[client_id]["findings"].append(Finding(finding_id, str(flag), when))
    for row_id, client_id, kind, due_on, reason in rows(HAND_SET_SQL):
        if (due := _day(due_on)) is not None:
            more[client_id]["hand_set"].append(HandSet(row_id, str(kind), due, reason))
    for stay_id, client_id, discharged_on in rows(DISCHARGES_SQL):
        if (left := _day(discharged_on)) is not None:
            more[client_id]["discharges"].append(Discharge(stay_id, left))
    for ref_id, client_id, to_whom, status, made_on, updated_on, follow_on in rows(REFERRALS_SQL):
        since = _day(updated_on) if status == "accepted" and updated_on else _day(made_on)
        if (due := _day(follow_on)) is not None and since is not None:
            more[client_id]["referrals"].append(
                ReferralDue(ref_id, str(to_whom), str(status), since, due))
    for plan_id, client_id, due_on in rows(PLAN_REVIEWS_SQL):
        if (due := _day(due_on)) is not None:
            more[client_id]["plan_reviews"].append(PlanReview(plan_id, due))
    for client_id, key, until_on, reason, created_at in rows(SNOOZES_SQL):
        until, made = _day(until_on), _local_time(created_at)
        if until is not None and made is not None:
            more[client_id]["snoozes"].append(
                SnoozeFact(str(key), until, str(reason), made.date()))
    ccm = _ccm(cur, today, values) if days_left_in_month(today) <= CCM_WARN_DAYS_LEFT else {}
    facts, names = [], {}
    for row in rows(QUEUE_CLIENTS_SQL):
        names[row[0]] = name = _name(*row[:4])
        found = _facts(row, name, last_success, more.pop(row[0], {}), ccm.get(row[0]))
        if found is not None:
            facts.append(found)
    return facts, _done(cur, rows(DONE_SQL), names)


def _name(client_id, family, given, preferred) -> str:
    """"Family, Given (Preferred)", as the caseload names a client."""
    if not all(isinstance(part, str | None) for part in (family, given, preferred)):
        return f"client {client_id}"  # a name another program stored as bytes
    return f"{family}, {given}" + (f" ({preferred})" if preferred else "")


def _facts(row, name, last_success, more, ccm) -> ClientFacts | None:
    """One client's facts; None when they are not active and have no open safety finding.
    A value that cannot be read leaves the client without a check-in item (the caseload
    flags the row) but keeps their other items."""
    client_id, _family, _given, _preferred, risk, status, enrolled, cadence = row
    if status != "active" and not more.get("findings"):
        return None
    chronic, consented, minutes = ccm or (0, False, 0)
    return ClientFacts(
        id=client_id, name=name, status=str(status), risk_tier=str(risk),
        cadence_days=_every(risk, cadence), enrolled_on=_day(enrolled),
        last_success=last_success.get(client_id),
        **{key: tuple(found) for key, found in more.items()},
        chronic_conditions=chronic, consented=consented, minutes_this_month=minutes,
    )


def _ccm(cur, today: date, values: dict[str, str]) -> dict[int, tuple[int, bool, int]]:
    """(chronic conditions, consent, minutes this month) of the clients eligible for CCM."""
    chronic = dict(_all(cur, CHRONIC_SQL))
    consented = {row[0] for row in _all(cur, _restricted(CONSENTED_SQL, None))}
    eligible = consented.intersection(chronic)
    if not eligible:
        return {}
    sql = _restricted(MINUTES_SQL, eligible, "c.id").replace(
        "{month}", _ts(month_start_utc(today))).replace("{end}", values["{end}"])
    return {client_id: (chronic[client_id], True, int(minutes or 0))
            for client_id, minutes in _all(cur, sql)}


def _done(cur, done_rows, names: dict[int, str]) -> list[DoneContact]:
    """The contacts logged today, with the safety findings each followed up."""
    wanted = {row[1] for row in done_rows}
    closed: dict[int, list[str]] = defaultdict(list)
    if wanted:
        for flag, contact_id in _all(cur, _restricted(CLOSED_BY_SQL, wanted, "f.client_id")):
            if contact_id is not None:
                closed[contact_id].append(str(flag))
    found = []
    for contact_id, client_id, occurred_at, mode, outcome, minutes in done_rows:
        when = _local_time(occurred_at)
        if when is None:
            continue
        found.append(DoneContact(
            id=contact_id, client_id=client_id, client=names.get(client_id, f"client {client_id}"),
            occurred_at=when, mode=str(mode), outcome=str(outcome), minutes=int(minutes or 0),
            closes=tuple(sorted(closed.get(contact_id, ()))),
        ))
    return found
