"""The caseload query: one plain row per client, from a handful of aggregate selects.

The filter's search text holds the name, phone, conditions and flag labels ("unreachable").
Written as portable SQL over a DBAPI connection (`db.raw()`), so the first screen of rows needs
neither SQLAlchemy nor the ORM: at 10,000 clients ORM objects would be ten times slower, and
importing SQLAlchemy alone costs more than the query.

`load_first_screen` reads only the rows that head the default view (open safety findings, then
the next check-in), so they show before the whole caseload is read.
"""

import heapq
import sqlite3
import time as _clock
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache

from carecli.clinical.billing import ccm_codes, ccm_eligible
from carecli.clinical.cadence import cadence_days, is_unreachable
from carecli.clinical.follow_up import follow_up
from carecli.clinical.people import age_on, recently_discharged
from carecli.domain.caseload import (
    FLAG_LABELS,
    REVIEW_DUE_WORDS,
    RISK_ORDER,
    CaseloadFilter,
    CaseloadRow,
    search_key,
    view,
)
from carecli.domain.enums import ClientStatus
from carecli.domain.queue import next_check_in_due

_FLAG_ORDER = {flag: i for i, flag in enumerate(FLAG_LABELS)}
_STATUSES = frozenset(ClientStatus)

CLIENTS_SQL = """
SELECT id, family_name, given_name, preferred_name, date_of_birth, risk_tier, status, phone,
       enrolled_on, cadence_days
FROM client WHERE 1 = 1{only}
ORDER BY id"""

CONDITIONS_SQL = """
SELECT client_id, name, chronic FROM condition WHERE status = 'active'{only}
ORDER BY client_id, chronic DESC, id"""

CONTACTS_SQL = """
WITH agg AS (
    SELECT client_id,
           MAX(CASE WHEN successful THEN occurred_at END) AS last_success,
           MAX(CASE WHEN NOT successful THEN occurred_at END) AS last_failed,
           SUM(CASE WHEN occurred_at >= '{month}' THEN minutes ELSE 0 END) AS minutes
    FROM contact_log WHERE 1 = 1{only} GROUP BY client_id
)
SELECT agg.client_id, agg.last_success, agg.minutes,
       (SELECT COUNT(*) FROM contact_log c
        WHERE c.client_id = agg.client_id AND NOT c.successful
          AND (agg.last_success IS NULL OR c.occurred_at > agg.last_success)) AS failed_since,
       agg.last_failed
FROM agg"""

CHECK_INS_SQL = """
SELECT client_id, MIN(due_on) FROM check_in WHERE status = 'open' AND kind = 'check_in'{only}
GROUP BY client_id"""
"""Each client's earliest open check-in set by hand (a task is not a check-in)."""

DISCHARGES_SQL = """
SELECT client_id, MAX(discharged_on) FROM hospital_stay WHERE 1 = 1{only} GROUP BY client_id"""

COMPLEX_SQL = """
SELECT client_id FROM client_month WHERE complex AND month = '{month}'{only}"""
"""The clients whose current month is marked complex CCM."""

PLAN_REVIEWS_SQL = """
SELECT client_id, review_due_on FROM care_plan WHERE status = 'active'{only}"""
"""Each client's active care plan's next review (along the one-active-plan index)."""

CONSENTED_SQL = """
SELECT DISTINCT client_id FROM consent
WHERE kind = 'care_management' AND revoked_on IS NULL{only}"""

SCREENED = ("phq2", "phq9", "gad7", "ahc_hrsn")
"""Instruments whose positive result flags `+screen` (mood and social needs: function and
fall findings are expected in this population and live in the record instead)."""

SCREENS_SQL = f"""
SELECT DISTINCT latest.client_id
FROM assessment_score s
JOIN (SELECT client_id, MAX(id) AS aid FROM assessment WHERE status = 'completed'{{only}}
      GROUP BY client_id) latest ON s.assessment_id = latest.aid
WHERE s.positive AND s.instrument_id IN ({", ".join(f"'{i}'" for i in SCREENED)})"""

FOLLOWED_UP_SQL = """
      SELECT 1 FROM contact_log c
      WHERE c.client_id = f.client_id AND c.successful AND c.note IS NOT NULL
        AND c.note <> '' AND c.occurred_at > f.found_at"""
"""What closes the safety finding `f`: a reached contact with a note after it (the one rule,
shared with `contacts.py` and `queue.py`)."""

OPEN_FINDINGS = f"""
FROM safety_finding f
WHERE NOT EXISTS ({FOLLOWED_UP_SQL})"""
FINDINGS_SQL = "SELECT f.client_id, f.flag" + OPEN_FINDINGS
"""Safety findings kept from the moment their answer was saved (drafts, discarded drafts and
completed assessments alike), not yet followed up. Every finding counts, not only the latest
assessment's: a later negative re-screen does not close one; a real conversation with a note
logged after it does (a voicemail, even with a note, does not)."""


def month_start_utc(today: date) -> datetime:
    """The first instant of `today`'s calendar month, local time, as UTC."""
    return day_start_utc(today.replace(day=1))


def day_start_utc(day: date) -> datetime:
    """The first instant of `day`, local time, as UTC."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def load_caseload(*, db, today: date) -> list[CaseloadRow]:
    """Every client as a `CaseloadRow`, in the order of their ids. `db` is anything with a
    `raw()` context manager giving a DBAPI connection (`Database` or `SqliteReader`)."""
    with db.raw() as conn:
        cur = conn.cursor()
        return _read_rows(cur, today, _all(cur, FINDINGS_SQL))


FIRST_SCREEN = 100
"""Rows `load_first_screen` aims for: more than any terminal shows at once."""
_FAR = date.max

PLAIN_DAY = ("typeof(due) = 'text' AND due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "
             "AND due >= '0001-01-01' AND date(due, '+0 days') = due")
"""A check-in date as carecli writes it (a real day, `YYYY-MM-DD`): read the same by SQLite and
Python, and ordered as text as it is as a date. (`+0 days` makes SQLite carry 02-30 over into
March; `date()` alone would echo it.)"""

CANDIDATES_SQL = f"""
WITH active AS (
    SELECT c.id, c.risk_tier, c.cadence_days, c.enrolled_on,
           (SELECT MIN(due_on) FROM check_in p
            WHERE p.client_id = c.id AND p.status = 'open' AND p.kind = 'check_in') AS due,
           (SELECT MAX(occurred_at) FROM contact_log l
            WHERE l.client_id = c.id AND l.successful = TRUE) AS success,
           (SELECT MAX(occurred_at) FROM contact_log l
            WHERE l.client_id = c.id AND l.successful = FALSE) AS failed
    FROM client c WHERE c.status = 'active'
), sorted AS (
    SELECT *, {PLAIN_DAY} AND (failed IS NULL OR failed <= success) AS plain FROM active
)
SELECT * FROM (
    SELECT 1, id, risk_tier, NULL, NULL, due, NULL, NULL FROM sorted WHERE plain
    ORDER BY due, CASE risk_tier WHEN 'high' THEN 0 WHEN 'moderate' THEN 1 WHEN 'low' THEN 2
                  ELSE 9 END, id
    LIMIT {{limit}}
)
UNION ALL
SELECT 0, id, risk_tier, cadence_days, enrolled_on, due, success, failed
FROM sorted WHERE NOT coalesce(plain, FALSE)"""
"""The active clients that may head the default view, from what their next check-in is worked
out from (SQLite only). Each one's earliest open check-in and latest reached and unanswered
contacts are those of the full rows (each a `MAX` read backwards along the contact index).
Those with a plain scheduled day and no unanswered call since the latest reached one (1) need
nothing else, since the day wins over the cadence: only the first `limit` of them in `_key`
order come. The others (0) all come, with their contacts (a retry wins over the day)."""


def load_first_screen(*, db, today: date, count: int = FIRST_SCREEN) -> list[CaseloadRow]:
    """The rows that head the caseload's default view (active clients, open safety findings
    first, then by next check-in), exactly as the full load shows them, and in that order;
    up to `count` of them, and usually that many (fewer only when the rows after them cannot
    be known to follow without reading everyone; none when it cannot tell). A SQLite file only.

    Works out the next check-in of the active clients that may come first from a few columns,
    then builds full rows for the safety findings and the `count` earliest check-ins alone. A
    row is kept while nothing left unread could sort before it."""
    with db.raw() as conn:
        cur = conn.cursor()
        try:
            kept = _all(cur, FINDINGS_SQL)
            flagged = {client_id for client_id, _flag in kept}
            keys = _estimated_keys(cur, count + 1 + len(flagged), flagged)
        except sqlite3.Error:  # the full read that follows meets it and says what is wrong
            return []
        if keys is None:
            return []
        earliest = heapq.nsmallest(count + 1, keys)
        wanted = flagged.union(key[-1] for key in earliest[:count])
        rows = _read_rows(cur, today, kept, only=wanted) if wanted else []
    shown = view(rows, filt=CaseloadFilter(), sort_by="next_due", descending=False, today=today)
    if len(earliest) <= count:  # every active client was read
        return shown
    unread_from = earliest[count]  # every unread client sorts after this key
    first = []
    for row in shown:
        if not row.needs_safety_follow_up and _key(row) >= unread_from:
            break
        first.append(row)
    return first


def _key(row: CaseloadRow) -> tuple:
    """Where a row without a safety finding stands in the default view (ties go by id)."""
    return (row.next_due or _FAR, RISK_ORDER.get(row.risk_tier, 9), row.id)


def _estimated_keys(cur, limit: int, flagged: set[int]) -> list[tuple] | None:
    """`_key` of the active clients without a safety finding that may be among the first
    `limit` rows, worked out as their full rows do; never later than a row's own (an
    unreadable row shows no check-in, so it stands last). Every client left out sorts after
    the `limit`-th key returned. None if SQLite and Python disagree on a scheduled day."""
    keys = []
    for plain, client_id, risk, cadence, enrolled, due_at, success_at, failed_at in _all(
            cur, CANDIDATES_SQL.replace("{limit}", str(limit))):
        if client_id in flagged:
            continue
        if plain:
            due = _day(due_at)
            if due is None:  # not a day to Python after all: no certain first screen
                return None
        else:
            try:
                due = _next_due("active", _day(due_at), _every(risk, cadence),
                                *_latest(success_at, failed_at), _day(enrolled))
            except _UNREADABLE:
                due = None
        keys.append((due or _FAR, RISK_ORDER.get(risk, 9), client_id))
    return keys


def _restricted(template: str, only, column: str = "client_id") -> str:
    """`template` for every client (`only` None) or for the client ids in `only`."""
    ids = "" if only is None else f" AND {column} IN ({', '.join(map(str, sorted(only)))})"
    return template.replace("{only}", ids)


def _read_rows(cur, today, kept, only=None) -> list[CaseloadRow]:
    """The rows of every client, or of the client ids in `only`."""
    month = month_start_utc(today).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")

    def sql(template: str, column: str = "client_id") -> str:
        return _restricted(template, only, column)

    clients = _all(cur, sql(CLIENTS_SQL, "id"))
    conditions: dict[int, list[str]] = defaultdict(list)
    chronic: dict[int, int] = defaultdict(int)
    for client_id, name, is_chronic in _all(cur, sql(CONDITIONS_SQL)):
        conditions[client_id].append(name)
        chronic[client_id] += bool(is_chronic)
    contacts = {row[0]: row[1:] for row in _all(cur, sql(CONTACTS_SQL.replace("{month}", month)))}
    scheduled = dict(_all(cur, sql(CHECK_INS_SQL)))
    discharged = dict(_all(cur, sql(DISCHARGES_SQL)))
    reviews = dict(_all(cur, sql(PLAN_REVIEWS_SQL)))
    consented = {row[0] for row in _all(cur, sql(CONSENTED_SQL))}
    complex_ = {row[0] for row in _all(
        cur, sql(COMPLEX_SQL.replace("{month}", today.strftime("%Y-%m"))))}
    billing = {client_id: _billing(chronic[client_id], client_id in consented,
                                   client_id in complex_, contacts.get(client_id, (None, 0))[1])
               for client_id in {*contacts, *consented}}
    screens = _screen_flags(_all(cur, sql(SCREENS_SQL)), kept)
    return [
        _row(c, today, conditions, contacts, scheduled, discharged, consented, screens, billing,
             reviews)
        for c in clients
    ]


def _billing(chronic: int, consented: bool, complex_: bool, minutes) -> tuple[bool, tuple]:
    """Whether a client is CCM eligible, and the codes their minutes this month reach."""
    eligible = ccm_eligible(chronic, consented)
    try:
        minutes = int(minutes or 0)
        return eligible, tuple(ccm_codes(minutes, complex_)) if eligible else ()
    except _UNREADABLE:
        return eligible, ()


_UNREADABLE = (ValueError, TypeError, OverflowError)
"""What a malformed stored value raises when read: text '2026-02-30' in a date column, a cadence
of 'abc', a timestamp that lies past 9999-12-31 on this computer's clock, a name stored as bytes."""


def _row(c, today, conditions, contacts, scheduled, discharged, consented, screens, billing,
         reviews):
    """One client's row. A value this row cannot read (another program, an old version) leaves
    its cell blank and flags the row `data_problem`; it never stops the caseload opening."""
    try:
        return _client_row(c, today, conditions, contacts, scheduled, discharged, consented,
                           screens, billing.get(c[0], (False, ())), reviews.get(c[0]))
    except _UNREADABLE:
        return _unreadable_row(c, screens.get(c[0], ()))


def _client_row(c, today, conditions, contacts, scheduled, discharged, consented, screens,
                billing, review_at):
    (client_id, family, given, preferred, born, risk, status, phone, enrolled, cadence) = c
    last_success_at, minutes, failed_since, last_failed_at = contacts.get(
        client_id, (None, 0, 0, None))
    left_at, due_at = discharged.get(client_id), scheduled.get(client_id)
    success, failed = _latest(last_success_at, last_failed_at)
    last, left, planned = success and success.date(), _day(left_at), _day(due_at)
    born_on, enrolled_on, review = _day(born), _day(enrolled), _day(review_at)
    every = _every(risk, cadence)
    flags = set(screens.get(client_id, ()))
    if recently_discharged(left, today):
        flags.add("recent_discharge")
    if is_unreachable(failed_since or 0):
        flags.add("unreachable")
    if client_id not in consented:
        flags.add("no_consent")
    if (every is None or enrolled_on is None or status not in _STATUSES
            or (born_on is None and born is not None) or (last is None and last_success_at)
            or (failed is None and last_failed_at)
            or (left is None and left_at) or (planned is None and due_at)
            or (review is None and review_at)):
        flags.add("data_problem")
    due = _next_due(status, planned, every, success, failed, enrolled_on)
    conds = tuple(conditions.get(client_id, ()))
    ordered = _ordered(flags)
    return CaseloadRow(
        id=client_id, family_name=family, given_name=given, preferred_name=preferred,
        age=age_on(born_on, today), risk_tier=risk, status=status, conditions=conds,
        phone=phone, next_due=due, last_contact=last, minutes_this_month=int(minutes or 0),
        ccm_eligible=billing[0], ccm_codes=billing[1], flags=ordered, plan_review_on=review,
        search_text=search_key(
            family, given, preferred, phone, *conds, *(FLAG_LABELS.get(f, f) for f in ordered),
            REVIEW_DUE_WORDS if review is not None and review <= today else None,
        ),
    )


def _every(risk, cadence) -> int | None:
    """Days between check-ins; None when the stored tier or cadence cannot be read."""
    try:
        return cadence_days(risk, cadence)
    except _UNREADABLE:
        return None


def _next_due(status, planned, every, success, failed, enrolled_on) -> date | None:
    """An active client's next check-in, the day today's queue puts it on
    (`domain.queue.next_check_in_due`): a retry the next business day after an unanswered
    call since the latest reached one (`success`, `failed`: the latest of each, local times),
    else the check-in scheduled, else by cadence."""
    if status != "active":
        return None
    if not every or not (success or enrolled_on):
        return planned
    seen = [(at, ok) for at, ok in ((success, True), (failed, False)) if at is not None]
    follow = follow_up(seen, enrolled_on=enrolled_on or success.date(), cadence_days=every)
    return next_check_in_due(follow, planned)


def _latest(success_at, failed_at) -> tuple[datetime | None, datetime | None]:
    """The latest reached and unanswered contacts as local times. When the reached one cannot
    be read, the unanswered ones are not counted either: an old attempt must not pass for one
    after it (the row is flagged)."""
    success = _local_time(success_at)
    if success is None and success_at is not None:
        return None, None
    return success, _local_time(failed_at)


def _unreadable_row(c, screen_flags) -> CaseloadRow:
    """A client whose row could not be built: the name, any safety flags, and a warning."""
    client_id, family, given, preferred, _, risk, status, phone = (
        c[0], *(None if v is None else str(v) for v in c[1:8])
    )
    flags = _ordered({*screen_flags, "data_problem"})
    return CaseloadRow(
        id=client_id, family_name=family or "", given_name=given or "",
        preferred_name=preferred, age=None, risk_tier=risk or "", status=status or "",
        conditions=(), phone=phone, next_due=None, last_contact=None, minutes_this_month=0,
        flags=flags,
        search_text=search_key(family, given, preferred, phone,
                               *(FLAG_LABELS.get(f, f) for f in flags)),
    )


def _ordered(flags: set[str]) -> tuple[str, ...]:
    return tuple(sorted(flags, key=lambda f: _FLAG_ORDER.get(f, len(_FLAG_ORDER))))


def _all(cur, sql: str) -> list[tuple]:
    cur.execute(sql)
    return cur.fetchall()


def _day(value) -> date | None:
    """A date column as `date` (SQLite gives ISO text, a server gives `date`); None when the
    stored value is not a date (the row is then flagged)."""
    if value is None or type(value) is date:
        return value
    try:
        return value.date() if isinstance(value, datetime) else date.fromisoformat(value[:10])
    except _UNREADABLE:
        return None


def _local_day(value) -> date | None:
    """A stored UTC timestamp as the calendar day on this computer's clock; None when the
    stored value is not a timestamp, or lies past 9999-12-31 on this clock."""
    at = _local_time(value)
    return None if at is None else at.date()


def _local_time(value) -> datetime | None:
    """A stored UTC timestamp as an aware time on this computer's clock; None as for
    `_local_day`."""
    if value is None:
        return None
    try:
        if isinstance(value, datetime):
            at = value.replace(tzinfo=UTC)
        else:
            try:  # naive UTC as stored: three times faster than .replace(tzinfo=UTC)
                at = datetime.fromisoformat(value + "+00:00")
            except ValueError:
                at = datetime.fromisoformat(value).replace(tzinfo=UTC)
        zone = _zone_on(at.date(), _clock.tzname, _clock.timezone)
        return at.astimezone() if zone is None else at.astimezone(zone)
    except _UNREADABLE:
        return None


@lru_cache(maxsize=1024)
def _zone_on(day: date, *_zone) -> timezone | None:
    """This computer's offset from UTC all through the UTC day `day`, or None when it changes
    that day (a daylight-saving switch): each time is then converted on its own. (Converting
    thousands of times through one fixed offset is several times faster than asking the system
    each time.) `_zone` names the computer's time zone, so a change of zone is not answered
    from the cache."""
    start = datetime.combine(day, time.min, UTC)
    try:
        end = start + timedelta(days=1, microseconds=-1)
    except OverflowError:
        return None
    offset = start.astimezone().utcoffset()
    return timezone(offset) if end.astimezone().utcoffset() == offset else None


def _screen_flags(screened, findings) -> dict[int, set[str]]:
    """`+screen` from each client's latest completed assessment (mood, social needs), and the
    safety flags of every finding not yet followed up (DOMAIN.md)."""
    found: dict[int, set[str]] = defaultdict(set)
    for (client_id,) in screened:
        found[client_id].add("positive_screen")
    for client_id, flag in findings:
        found[client_id].add(flag)
    return found
