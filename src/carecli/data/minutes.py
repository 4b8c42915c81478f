"""Care-management minutes per client per calendar month, CCM eligibility and the codes they
bill (`carecli.clinical.ccm_codes`), and marking a client's month complex.

A month is a local calendar month (`caseload.month_start_utc`), `YYYY-MM`. Every contact's
minutes count, attempts too (DOMAIN.md). A client is CCM eligible for a month with two or more
active chronic conditions and a care-management consent given by the month's end and not
revoked by then; only an eligible client's minutes reach codes.
"""

from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select

from carecli.clinical import ccm_codes
from carecli.clinical.billing import ELIGIBLE_CONDITIONS
from carecli.data.audit import record_change
from carecli.data.caseload import month_start_utc
from carecli.data.contact_inputs import parse_month
from carecli.data.db import Database
from carecli.data.follow_ups import stored_client
from carecli.data.models import Client, ClientMonth, Condition, Consent, ContactLog
from carecli.domain.daily import MonthMinutes
from carecli.domain.enums import ClientStatus, ConditionStatus, ConsentKind


def month_minutes(*, db: Database, today: date, month: str | None = None
                  ) -> tuple[MonthMinutes, ...]:
    """The month's billing list (default: `today`'s month): every client with minutes in it,
    and every active eligible client, by name."""
    month = parse_month(month, today)
    with db.read() as session:
        minutes, eligible, complex_ = _month_facts(session, month)
        clients = session.execute(select(
            Client.id, Client.given_name, Client.family_name, Client.status,
        ).order_by(Client.family_name, Client.given_name, Client.id)).all()
    return tuple(
        _month_minutes(client_id, f"{family}, {given}", month, minutes, eligible, complex_)
        for client_id, given, family, status in clients
        if minutes.get(client_id) or (client_id in eligible and status == ClientStatus.ACTIVE)
    )


def client_month(*, db: Database, client_id: int, today: date,
                 month: str | None = None) -> MonthMinutes:
    """One client's minutes, eligibility and codes in the month (default: `today`'s), for the
    record and the caseload."""
    month = parse_month(month, today)
    with db.read() as session:
        client = stored_client(session, client_id)
        facts = _month_facts(session, month, client_id)
        return _month_minutes(client_id, f"{client.family_name}, {client.given_name}", month,
                              *facts)


def mark_complex(*, db: Database, client_id: int, month: str, complex: bool,
                 today: date) -> None:
    """Mark (or unmark) a client's month as complex CCM."""
    month = parse_month(month, today)
    with db.write() as session:
        stored_client(session, client_id)
        row = session.scalar(select(ClientMonth).where(
            ClientMonth.client_id == client_id, ClientMonth.month == month))
        if row is None:
            row = ClientMonth(client_id=client_id, month=month)
            session.add(row)
        row.complex = complex
        session.flush()
        record_change(session, action="complex", entity="client_month", entity_id=row.id,
                      client_id=client_id,
                      summary=f"{month} {'complex' if complex else 'not complex'}")


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """The first instant of `month` (`YYYY-MM`, local time) and of the month after, as UTC."""
    first, after = _days(month)
    return month_start_utc(first), month_start_utc(after)


def _days(month: str) -> tuple[date, date]:
    """The first day of `month` and of the month after."""
    year, number = (int(part) for part in month.split("-"))
    return date(year, number, 1), date(year + number // 12, number % 12 + 1, 1)


def _month_facts(session, month: str, client_id: int | None = None
                 ) -> tuple[dict[int, int], set[int], set[int]]:
    """Minutes per client, the eligible clients and those marked complex in `month` (all
    clients, or `client_id`'s facts alone)."""
    start, end = month_bounds(month)
    last_day = _days(month)[1] - timedelta(days=1)

    def only(query, column):
        return query if client_id is None else query.where(column == client_id)

    minutes = dict(session.execute(only(
        select(ContactLog.client_id, func.sum(ContactLog.minutes))
        .where(ContactLog.occurred_at >= start, ContactLog.occurred_at < end),
        ContactLog.client_id).group_by(ContactLog.client_id)).all())
    chronic = set(session.scalars(only(
        select(Condition.client_id).where(Condition.status == ConditionStatus.ACTIVE,
                                          Condition.chronic.is_(True)),
        Condition.client_id).group_by(Condition.client_id)
        .having(func.count() >= ELIGIBLE_CONDITIONS)))
    consented = set(session.scalars(only(
        select(Consent.client_id).where(
            Consent.kind == ConsentKind.CARE_MANAGEMENT, Consent.given_on <= last_day,
            or_(Consent.revoked_on.is_(None), Consent.revoked_on > last_day)),
        Consent.client_id)))
    complex_ = set(session.scalars(only(
        select(ClientMonth.client_id).where(ClientMonth.month == month,
                                            ClientMonth.complex.is_(True)),
        ClientMonth.client_id)))
    return {k: int(v or 0) for k, v in minutes.items()}, chronic & consented, complex_


def _month_minutes(client_id: int, name: str, month: str, minutes: dict[int, int],
                   eligible: set[int], complex_: set[int]) -> MonthMinutes:
    total = minutes.get(client_id, 0)
    is_eligible = client_id in eligible
    is_complex = client_id in complex_
    return MonthMinutes(
        client_id=client_id, client=name, month=month, minutes=total, eligible=is_eligible,
        complex=is_complex,
        codes=tuple(ccm_codes(total, is_complex)) if is_eligible else (),
    )
