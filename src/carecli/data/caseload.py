"""The caseload query: one plain row per client, built from a handful of column selects.

Never loads ORM objects: at 10,000 clients that is ten times slower than selecting columns.
"""

from collections import defaultdict
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select

from carecli.clinical.cadence import cadence_days, is_unreachable, next_due
from carecli.clinical.people import age_on, recently_discharged
from carecli.data.db import Database
from carecli.data.models import (
    Assessment,
    AssessmentScore,
    CheckIn,
    Client,
    Condition,
    Consent,
    ContactLog,
    HospitalStay,
)
from carecli.domain.caseload import CaseloadRow, search_key

MAX_CONDITIONS_SHOWN = 3
SAFETY_FLAGS = ("suicidal_ideation", "physical_harm")


def month_start_utc(today: date) -> datetime:
    """The first instant of `today`'s calendar month, local time, as UTC."""
    local = datetime.combine(today.replace(day=1), time.min).astimezone()
    return local.astimezone(UTC)


def load_caseload(*, db: Database, today: date) -> list[CaseloadRow]:
    """Every client as a `CaseloadRow`, in no particular order."""
    with db.read() as session:
        clients = session.execute(
            select(
                Client.id, Client.family_name, Client.given_name, Client.preferred_name,
                Client.date_of_birth, Client.risk_tier, Client.status, Client.phone,
                Client.enrolled_on, Client.cadence_days,
            )
        ).all()
        conditions = _conditions(session)
        last_success, outcomes, minutes = _contacts(session, today)
        scheduled = dict(
            session.execute(
                select(CheckIn.client_id, func.min(CheckIn.due_on))
                .where(CheckIn.status == "open")
                .group_by(CheckIn.client_id)
            ).all()
        )
        discharged = dict(
            session.execute(
                select(HospitalStay.client_id, func.max(HospitalStay.discharged_on)).group_by(
                    HospitalStay.client_id
                )
            ).all()
        )
        consented = set(
            session.scalars(
                select(Consent.client_id).where(
                    Consent.kind == "care_management", Consent.revoked_on.is_(None)
                )
            ).all()
        )
        screens = _screen_flags(session)
    rows = []
    for c in clients:
        flags = list(screens.get(c.id, ()))
        if recently_discharged(discharged.get(c.id), today):
            flags.append("recent_discharge")
        if is_unreachable(outcomes.get(c.id, [])):
            flags.append("unreachable")
        if c.id not in consented:
            flags.append("no_consent")
        conds = tuple(conditions.get(c.id, ()))
        last = last_success.get(c.id)
        due = None
        if c.status == "active":
            due = next_due(
                last_success=last, enrolled_on=c.enrolled_on,
                cadence=cadence_days(c.risk_tier, c.cadence_days), scheduled=scheduled.get(c.id),
            )
        rows.append(
            CaseloadRow(
                id=c.id, family_name=c.family_name, given_name=c.given_name,
                preferred_name=c.preferred_name, age=age_on(c.date_of_birth, today),
                risk_tier=c.risk_tier, status=c.status, conditions=conds, phone=c.phone,
                next_due=due, last_contact=last, minutes_this_month=minutes.get(c.id, 0),
                flags=_ordered(flags),
                search_text=search_key(
                    c.family_name, c.given_name, c.preferred_name, c.phone, *conds
                ),
            )
        )
    return rows


def _ordered(flags: list[str]) -> tuple[str, ...]:
    from carecli.domain.caseload import FLAG_LABELS

    order = list(FLAG_LABELS)
    return tuple(sorted(set(flags), key=lambda f: order.index(f) if f in order else len(order)))


def _conditions(session) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(Condition.client_id, Condition.name)
        .where(Condition.status == "active")
        .order_by(Condition.client_id, Condition.chronic.desc(), Condition.id)
    ).all()
    for client_id, name in rows:
        found[client_id].append(name)
    return found


def _contacts(session, today: date):
    """Last successful contact date, newest-first success list, and minutes this month."""
    last_success: dict[int, date] = {}
    for client_id, at in session.execute(
        select(ContactLog.client_id, func.max(ContactLog.occurred_at))
        .where(ContactLog.successful.is_(True))
        .group_by(ContactLog.client_id)
    ).all():
        if isinstance(at, str):  # SQLite returns aggregates of typed columns as text
            at = datetime.fromisoformat(at).replace(tzinfo=UTC)
        last_success[client_id] = at.replace(tzinfo=UTC).astimezone().date()
    ranked = (
        select(
            ContactLog.client_id,
            ContactLog.successful,
            func.row_number()
            .over(partition_by=ContactLog.client_id, order_by=ContactLog.occurred_at.desc())
            .label("n"),
        )
    ).subquery()
    outcomes: dict[int, list[bool]] = defaultdict(list)
    for client_id, ok, _n in session.execute(
        select(ranked).where(ranked.c.n <= 3).order_by(ranked.c.client_id, ranked.c.n)
    ).all():
        outcomes[client_id].append(bool(ok))
    minutes = dict(
        session.execute(
            select(ContactLog.client_id, func.sum(ContactLog.minutes))
            .where(ContactLog.occurred_at >= month_start_utc(today))
            .group_by(ContactLog.client_id)
        ).all()
    )
    return last_success, outcomes, minutes


def _screen_flags(session) -> dict[int, set[str]]:
    """Flags from each client's latest completed assessment: safety flags and positive screens."""
    latest = (
        select(Assessment.client_id, func.max(Assessment.id).label("aid"))
        .where(Assessment.status == "completed")
        .group_by(Assessment.client_id)
    ).subquery()
    found: dict[int, set[str]] = defaultdict(set)
    for client_id, positive, flags in session.execute(
        select(latest.c.client_id, AssessmentScore.positive, AssessmentScore.flags).join(
            AssessmentScore, AssessmentScore.assessment_id == latest.c.aid
        )
    ).all():
        if positive:
            found[client_id].add("positive_screen")
        found[client_id].update(f for f in flags or () if f in SAFETY_FLAGS)
    return found
