"""The demo caseload: deterministic, refuses to mix with real data, and looks like a caseload."""

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from carecli.config import resolve_database
from carecli.data import demo_catalogue as cat
from carecli.data.caseload import load_caseload
from carecli.data.clients import client_values
from carecli.data.db import Database, open_database
from carecli.data.demo import DemoSummary, build_demo
from carecli.data.entries import ENTRY_KINDS, entry_values
from carecli.data.errors import CareDataError
from carecli.data.inputs import ClientCreate, validate
from carecli.data.models import (
    AuditLog,
    CheckIn,
    Client,
    CommunityResource,
    Condition,
    Consent,
    ContactLog,
    HospitalStay,
    Referral,
)
from carecli.domain import enums

ICD10 = re.compile(r"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
DAY = date(2026, 3, 18)
"""A Wednesday in mid-month, so this month already has minutes to count."""


@contextmanager
def fresh_db(tmp_path: Path, name: str = "t.db") -> Iterator[Database]:
    db = open_database(resolve_database(str(tmp_path / name)))
    try:
        yield db
    finally:
        db.dispose()


def _count(db: Database, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _snapshot(db: Database) -> list[tuple]:
    """What a care manager would see first: names and coded conditions, in id order."""
    with db.read() as session:
        names = session.execute(
            select(Client.id, Client.given_name, Client.family_name, Client.date_of_birth)
            .order_by(Client.id)
        ).all()
        conditions = session.execute(
            select(Condition.client_id, Condition.name, Condition.icd10_code).order_by(Condition.id)
        ).all()
        contacts = session.execute(
            select(ContactLog.client_id, ContactLog.occurred_at, ContactLog.minutes)
            .order_by(ContactLog.id)
        ).all()
    return [tuple(r) for r in (*names, *conditions, *contacts)]


def test_same_seed_and_day_give_the_same_caseload(tmp_path: Path) -> None:
    with fresh_db(tmp_path, "a.db") as a, fresh_db(tmp_path, "b.db") as b:
        build_demo(db=a, clients=40, seed=7, today=DAY)
        build_demo(db=b, clients=40, seed=7, today=DAY)
        assert _snapshot(a) == _snapshot(b)
    with fresh_db(tmp_path, "c.db") as c, fresh_db(tmp_path, "d.db") as d:
        build_demo(db=c, clients=40, seed=7, today=DAY)
        build_demo(db=d, clients=40, seed=8, today=DAY)
        assert _snapshot(c) != _snapshot(d)


def test_refuses_a_database_with_clients_unless_forced(tmp_path: Path) -> None:
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=12, seed=1, today=DAY)
        with pytest.raises(CareDataError, match=r"already has 12 clients; use --force"):
            build_demo(db=db, clients=30, seed=2, today=DAY)
        assert _count(db, Client) == 12

        summary = build_demo(db=db, clients=30, seed=2, today=DAY, force=True)

        assert summary.clients == 30
        assert _count(db, Client) == 30
        assert _count(db, CommunityResource) == len(cat.RESOURCES)
        assert _count(db, AuditLog) == 1
        with db.read() as session:
            assert session.scalar(select(AuditLog.summary)) == "demo caseload: 30 clients"
            assert session.scalar(select(func.min(Client.id))) == 1


def test_refusal_names_a_single_client_in_the_singular(tmp_path: Path) -> None:
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=1, today=DAY)
        with pytest.raises(CareDataError, match=r"already has 1 client;"):
            build_demo(db=db, clients=1, today=DAY)


def test_every_client_is_eligible_for_ccm_and_most_consented(tmp_path: Path) -> None:
    with fresh_db(tmp_path) as db:
        summary = build_demo(db=db, clients=120, seed=3, today=DAY)
        with db.read() as session:
            codes = session.execute(select(Condition.client_id, Condition.icd10_code)).all()
            consented = set(
                session.scalars(
                    select(Consent.client_id).where(
                        Consent.kind == "care_management", Consent.revoked_on.is_(None)
                    )
                )
            )
            contacts = session.scalar(select(func.count()).select_from(ContactLog))
    assert isinstance(summary, DemoSummary)
    assert summary.clients == 120 and summary.contacts == contacts
    per_client = Counter(client_id for client_id, _ in codes)
    assert len(per_client) == 120
    assert all(2 <= n <= 5 for n in per_client.values())
    assert all(code and ICD10.match(code) for _, code in codes)
    assert 0.85 * 120 <= len(consented) < 120


def test_the_caseload_shows_overdue_work_discharges_and_unreachable_clients(
    tmp_path: Path,
) -> None:
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=200, seed=1, today=DAY)
        rows = load_caseload(db=db, today=DAY)
    flags = Counter(flag for row in rows for flag in row.flags)
    assert 2 <= flags["recent_discharge"] <= 3
    assert 2 <= flags["unreachable"] <= 3
    assert flags["no_consent"] >= 1
    active = [row for row in rows if row.status == "active"]
    overdue = sum(row.overdue(DAY) for row in active) / len(active)
    assert 0.12 <= overdue <= 0.3
    assert any(row.next_due == DAY for row in active)
    assert any(row.next_due and row.next_due > DAY for row in active)
    assert any(row.minutes_this_month >= 20 for row in active)
    assert any(0 < row.minutes_this_month < 20 for row in active)
    statuses = Counter(row.status for row in rows)
    assert statuses["active"] > 0.8 * len(rows) and statuses["on_hold"] and statuses["discharged"]
    tiers = Counter(row.risk_tier for row in rows)
    assert tiers["moderate"] > tiers["low"] > 0 and tiers["high"] > 0


def test_every_active_client_has_one_open_check_in(tmp_path: Path) -> None:
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=80, seed=4, today=DAY)
        with db.read() as session:
            open_per_client = Counter(
                session.scalars(select(CheckIn.client_id).where(CheckIn.status == "open"))
            )
            active = set(session.scalars(select(Client.id).where(Client.status == "active")))
            in_hospital = session.scalar(
                select(func.count()).where(HospitalStay.discharged_on.is_(None))
            )
    assert set(open_per_client) == active
    assert set(open_per_client.values()) == {1}
    assert in_hospital == 1


def test_coded_values_come_from_the_enums(tmp_path: Path) -> None:
    columns = {
        Client.status: enums.ClientStatus, Client.risk_tier: enums.RiskTier,
        Client.sex: enums.Sex, Consent.kind: enums.ConsentKind,
        Consent.method: enums.ConsentMethod, Condition.status: enums.ConditionStatus,
        ContactLog.mode: enums.ContactMode, ContactLog.outcome: enums.ContactOutcome,
        CheckIn.status: enums.CheckInStatus, HospitalStay.kind: enums.StayKind,
        Referral.status: enums.ReferralStatus,
    }
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=150, seed=5, today=DAY)
        with db.read() as session:
            for column, enum in columns.items():
                used = set(session.scalars(select(column).distinct()))
                assert used <= {e.value for e in enum}, column


def test_rows_pass_the_apps_own_input_validation(tmp_path: Path) -> None:
    """Whatever a user could open and save again must validate: lengths, phones, emails, codes."""
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=150, seed=6, today=date.today())
        with db.read() as session:
            for client in session.scalars(select(Client)):
                validate(ClientCreate, client_values(client))
            for kind, spec in ENTRY_KINDS.items():
                for row in session.scalars(select(spec.table)):
                    validate(spec.input, entry_values(kind, row))


def test_a_moderate_build_keeps_every_foreign_key(tmp_path: Path) -> None:
    with fresh_db(tmp_path) as db:
        summary = build_demo(db=db, clients=500, seed=9, today=DAY)
        assert _count(db, Client) == 500
        assert summary.contacts > 500 * 4
        with db.read() as session:
            connection = session.connection()
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


@pytest.mark.parametrize("clients", [0, 1, 5, 19])
def test_tiny_caseloads_build(tmp_path: Path, clients: int) -> None:
    with fresh_db(tmp_path) as db:
        summary = build_demo(db=db, clients=clients, today=DAY)
        assert summary.clients == clients == _count(db, Client)
        assert len(load_caseload(db=db, today=DAY)) == clients


def test_today_defaults_to_the_real_date(tmp_path: Path) -> None:
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=10)
        with db.read() as session:
            assert session.scalar(select(func.max(Client.enrolled_on))) < date.today()


def test_negative_client_count_is_refused(tmp_path: Path) -> None:
    with fresh_db(tmp_path) as db, pytest.raises(ValueError):
        build_demo(db=db, clients=-1)


def test_catalogue_codes_look_like_icd10_cm() -> None:
    codes = [c.icd10 for c in cat.CONDITIONS]
    codes += [code for _, code, _ in cat.HYPERTENSIVE_COMBINATIONS]
    codes.append(cat.DIABETES_WITH_CKD[1])
    assert all(ICD10.match(code) for code in codes)
    assert len({c.key for c in cat.CONDITIONS}) == len(cat.CONDITIONS)
    assert all(key in cat.MEDS for c in cat.CONDITIONS for regimen in c.regimens for key in regimen)
