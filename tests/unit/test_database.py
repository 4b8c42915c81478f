"""The database: migrations, pragmas, file marker and permissions, transactions and cascades."""

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import StatementError
from sqlmodel import SQLModel

import carecli.data.models as m
from carecli.config import resolve_database
from carecli.data import schema
from carecli.data.clients import change_status, count_clients, create_client, get_client
from carecli.data.db import Database, open_database
from carecli.data.migrate import alembic_head
from carecli.data.precheck import FileState, inspect_file

pytestmark = pytest.mark.both_backends

def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {
            name for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        }
    finally:
        conn.close()


def _scalar(db: Database, sql: str):
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(sql).scalar()


# --- schema and migrations ---------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_migrations_from_empty_create_every_table(db: Database, db_path: Path) -> None:
    expected = set(SQLModel.metadata.tables)
    assert "client" in expected and "audit_log" in expected
    assert _tables(db_path) == expected | {"alembic_version"}


@pytest.mark.sqlite_only
def test_migrated_columns_match_the_models(db: Database, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    try:
        for name, table in SQLModel.metadata.tables.items():
            columns = {row[1] for row in conn.execute(f"PRAGMA table_info('{name}')")}
            assert columns == set(table.columns.keys()), name
    finally:
        conn.close()


def test_new_database_is_at_head(db: Database) -> None:
    assert _scalar(db, "SELECT version_num FROM alembic_version") == schema.HEAD


def test_schema_head_matches_alembic_head() -> None:
    assert schema.HEAD == alembic_head()
    assert schema.REVISIONS[-1] == schema.HEAD


@pytest.mark.sqlite_only
def test_inspect_reports_current_after_creation(db: Database, db_path: Path) -> None:
    assert inspect_file(db_path) is FileState.CURRENT


def test_inspect_new_file(tmp_path: Path) -> None:
    assert inspect_file(tmp_path / "fresh.db") is FileState.NEW


# --- pragmas and file marker -------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_connection_pragmas(db: Database) -> None:
    with db.engine.connect() as conn:
        def pragma(name: str):
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("journal_mode").lower() == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("secure_delete") == 1
        assert pragma("busy_timeout") > 0


@pytest.mark.sqlite_only
def test_application_id(db: Database, db_path: Path) -> None:
    assert _scalar(db, "PRAGMA application_id") == schema.APPLICATION_ID
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    finally:
        conn.close()


def test_new_file_and_folder_are_private(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "outer"))
    location = resolve_database(None)  # the default place is the one carecli creates
    path = location.path
    assert path == tmp_path / "outer" / "carecli" / "carecli.db"
    database = open_database(location)
    try:
        create_client(db=database, values={"given_name": "Ann", "family_name": "Lee"})
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    finally:
        database.dispose()
    reopened = open_database(location)
    try:
        for suffix in ("", "-wal", "-shm"):
            candidate = path.with_name(path.name + suffix)
            if candidate.exists():
                assert stat.S_IMODE(candidate.stat().st_mode) == 0o600, suffix
    finally:
        reopened.dispose()


def test_reopen_keeps_data(db_path: Path) -> None:
    first = open_database(resolve_database(str(db_path)))
    client_id = create_client(db=first, values={"given_name": "Ann", "family_name": "Lee"})
    first.dispose()
    second = open_database(resolve_database(str(db_path)))
    try:
        assert get_client(db=second, client_id=client_id).family_name == "Lee"
    finally:
        second.dispose()


@pytest.mark.sqlite_only
def test_reopening_a_current_database_does_not_import_alembic(db: Database, db_path: Path) -> None:
    db.dispose()
    script = (
        "import sys\n"
        "from carecli.config import resolve_database\n"
        "from carecli.data.db import open_database\n"
        "database = open_database(resolve_database(sys.argv[1]))\n"
        "database.dispose()\n"
        "print('alembic' in sys.modules, 'sqlalchemy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(db_path)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_opening_a_new_database_does_run_alembic(tmp_path: Path) -> None:
    """The guard above can fail: creating a database does import Alembic."""
    script = (
        "import sys\n"
        "from carecli.config import resolve_database\n"
        "from carecli.data.db import open_database\n"
        "open_database(resolve_database(sys.argv[1])).dispose()\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "carecli.db")],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


# --- transactions ------------------------------------------------------------------------------


class Boom(Exception):
    pass


def test_write_rolls_back_on_exception(db: Database) -> None:
    with pytest.raises(Boom), db.write() as session:
        session.add(m.Client(given_name="Ann", family_name="Lee", enrolled_on=date(2026, 1, 1)))
        session.flush()
        raise Boom
    assert count_clients(db=db) == 0
    assert _scalar(db, "SELECT count(*) FROM audit_log") == 0


def test_write_commits_on_success(db: Database) -> None:
    with db.write() as session:
        session.add(m.Client(given_name="Ann", family_name="Lee", enrolled_on=date(2026, 1, 1)))
    assert count_clients(db=db) == 1


@pytest.mark.sqlite_only
def test_write_starts_an_immediate_transaction(db: Database, db_path: Path) -> None:
    """A write holds the write lock from its start, so another writer cannot sneak in."""
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with db.write() as session:
            session.execute(select(m.Client.id)).all()  # only a read so far
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the write is over
        other.execute("ROLLBACK")
    finally:
        other.close()


# --- timestamps --------------------------------------------------------------------------------


def test_timestamps_come_back_aware_utc(db: Database) -> None:
    client_id = create_client(db=db, values={"given_name": "Ann", "family_name": "Lee"})
    at = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    with db.write() as session:
        session.add(m.ContactLog(client_id=client_id, occurred_at=at, mode="phone",
                                 outcome="reached", successful=True, minutes=5))
    with db.read() as session:
        client = session.get(m.Client, client_id)
        contact = session.scalars(select(m.ContactLog)).one()
    for value in (client.created_at, client.updated_at, contact.occurred_at):
        assert value.tzinfo is not None
        assert value.utcoffset() == timedelta(0)
    assert contact.occurred_at == at


def test_other_timezone_is_stored_as_utc(db: Database) -> None:
    from datetime import timezone

    client_id = create_client(db=db, values={"given_name": "Ann", "family_name": "Lee"})
    at = datetime(2026, 11, 24, 9, 30, tzinfo=timezone(timedelta(hours=-5)))
    with db.write() as session:
        session.add(m.ContactLog(client_id=client_id, occurred_at=at, mode="phone",
                                 outcome="reached"))
    stored = _scalar(db, "SELECT occurred_at FROM contact_log")
    assert str(stored).startswith("2026-11-24 14:30:00")


def test_naive_timestamp_refused(db: Database) -> None:
    client_id = create_client(db=db, values={"given_name": "Ann", "family_name": "Lee"})
    with pytest.raises(StatementError, match="timezone-aware"), db.write() as session:
        session.add(m.ContactLog(client_id=client_id, occurred_at=datetime(2026, 11, 24, 9, 30),
                                 mode="phone", outcome="reached"))
    assert _scalar(db, "SELECT count(*) FROM contact_log") == 0


# --- cascades ----------------------------------------------------------------------------------

CHILD_TABLES = (
    "consent", "condition", "medication", "care_team_member", "personal_contact", "contact_log",
    "check_in", "hospital_stay", "referral", "status_change", "assessment", "assessment_answer",
    "assessment_score", "care_plan", "care_plan_item", "care_plan_section", "care_plan_copy",
    "goal_progress", "intervention_done", "safety_finding", "contact_correction", "snooze",
    "call_timer", "client_month", "referral_event", "appointment",
)

GRANDCHILD_TABLES = {
    "assessment_answer", "assessment_score", "care_plan_item", "care_plan_section",
    "care_plan_copy",
}


def _full_client(db: Database, given: str, today: date) -> int:
    client_id = create_client(db=db, values={"given_name": given, "family_name": "Cascade"})
    now = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    with db.write() as session:
        session.add_all([
            m.Consent(client_id=client_id, kind="care_management", given_on=today, method="verbal"),
            m.Condition(client_id=client_id, name="COPD", icd10_code="J44.9"),
            m.Medication(client_id=client_id, name="Tiotropium"),
            m.CareTeamMember(client_id=client_id, name="Dr Who", role="PCP"),
            m.PersonalContact(client_id=client_id, name="Sam", relation="son"),
            m.HospitalStay(client_id=client_id, facility="General", admitted_on=today),
            m.StatusChange(client_id=client_id, from_status="active", to_status="on_hold",
                           reason="Travel"),
        ])
        contact = m.ContactLog(client_id=client_id, occurred_at=now, mode="phone",
                               outcome="reached", successful=True, minutes=10)
        resource = m.CommunityResource(name="Meals on Wheels", category="food")
        session.add_all([contact, resource])
        session.flush()
        session.add(m.CheckIn(client_id=client_id, due_on=today, contact_id=contact.id))
        session.add(m.ContactCorrection(contact_id=contact.id, client_id=client_id,
                                        reason="Wrong day", before={"minutes": 5}))
        session.add(m.Snooze(client_id=client_id, item_key="cadence", until_on=today,
                             reason="Away"))
        session.add(m.CallTimer(client_id=client_id, started_at=now))
        session.add(m.ClientMonth(client_id=client_id, month="2026-11", complex=True))
        referral = m.Referral(client_id=client_id, resource_id=resource.id,
                              to_whom="Meals on Wheels", made_on=today)
        session.add(referral)
        session.add(m.Appointment(client_id=client_id, with_whom="Dr Who", starts_at=now))
        assessment = m.Assessment(client_id=client_id, kind="intake", status="completed",
                                  completed_at=now)
        plan = m.CarePlan(client_id=client_id, summary="Plan")
        session.add_all([assessment, plan])
        session.flush()
        session.add(m.ReferralEvent(referral_id=referral.id, client_id=client_id,
                                    changed_on=today, to_status="requested"))
        session.add(m.AssessmentAnswer(assessment_id=assessment.id, instrument_id="phq9",
                                       item_id="q1", value=2))
        session.add(m.AssessmentScore(assessment_id=assessment.id, instrument_id="phq9",
                                      instrument_version="1", total=12, flags=["x"]))
        session.add(m.SafetyFinding(client_id=client_id, assessment_id=assessment.id,
                                    flag="suicidal_ideation", instrument_id="phq9",
                                    answers={"9": 1}))
        session.add_all([
            m.CarePlanItem(care_plan_id=plan.id, uid="p1", kind="problem", text="Breathless",
                           status="active"),
            m.CarePlanSection(care_plan_id=plan.id, key="strengths", body="Walks daily"),
            m.CarePlanCopy(care_plan_id=plan.id, given_on=today, method="mailed",
                           given_to="Client"),
            m.GoalProgress(client_id=client_id, goal_uid="g1", noted_on=today, note="Walked"),
            m.InterventionDone(client_id=client_id, intervention_uid="i1", done_on=today),
        ])
    return client_id


def _dangling_rows(conn) -> list:
    """Rows whose foreign key points nowhere (PostgreSQL never lets one exist)."""
    if conn.dialect.name != "sqlite":
        return []
    return conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()


def _counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in CHILD_TABLES}


def test_deleting_a_client_cascades_to_every_child_table(db: Database, today: date) -> None:
    not_children = {"client", "audit_log", "community_resource", "carecli_meta"}
    assert set(CHILD_TABLES) | not_children == set(
        SQLModel.metadata.tables
    ), "a new table must be added to the cascade test"
    doomed = _full_client(db, "Doomed", today)
    kept = _full_client(db, "Kept", today)
    change_status(db=db, client_id=doomed, values={"to_status": "discharged", "reason": "Moved"})
    assert all(n == 2 for t, n in _counts(db).items() if t != "status_change")
    audit_before = _scalar(db, "SELECT count(*) FROM audit_log")
    assert audit_before > 0

    with db.write() as session:
        session.execute(text("DELETE FROM client WHERE id = :id"), {"id": doomed})

    counts = _counts(db)
    assert _scalar(db, "SELECT id FROM client") == kept
    assert counts["status_change"] == 1
    assert all(n == 1 for t, n in counts.items() if t != "status_change"), counts
    with db.engine.connect() as conn:
        for table in set(CHILD_TABLES) - GRANDCHILD_TABLES:
            remaining = conn.execute(
                text(f"SELECT count(*) FROM {table} WHERE client_id = :id"), {"id": doomed}
            ).scalar()
            assert remaining == 0, table
        assert _dangling_rows(conn) == []
        assert conn.exec_driver_sql("SELECT count(*) FROM community_resource").scalar() == 2
    assert _scalar(db, "SELECT count(*) FROM audit_log") == audit_before
    with db.read() as session:
        audited = session.scalar(
            select(func.count()).select_from(m.AuditLog).where(m.AuditLog.client_id == doomed)
        )
    assert audited >= 2  # create + status change


def test_deleting_the_only_client_empties_every_child_table(db: Database, today: date) -> None:
    client_id = _full_client(db, "Only", today)
    with db.write() as session:
        session.execute(text("DELETE FROM client WHERE id = :id"), {"id": client_id})
    assert _counts(db) == {t: 0 for t in CHILD_TABLES}
    assert _scalar(db, "SELECT count(*) FROM audit_log") >= 1
    with db.engine.connect() as conn:
        assert _dangling_rows(conn) == []


def test_foreign_keys_are_enforced(db: Database) -> None:
    from carecli.data.errors import DatabaseWriteError

    with pytest.raises(DatabaseWriteError, match="conflicts with data already stored"):
        with db.write() as session:
            session.add(m.Condition(client_id=9999, name="Orphan"))
    assert _scalar(db, "SELECT count(*) FROM condition") == 0


@pytest.mark.sqlite_only
def test_permissions_of_existing_file_are_tightened(db: Database, db_path: Path) -> None:
    db.dispose()
    os.chmod(db_path, 0o644)
    reopened = open_database(resolve_database(str(db_path)))
    try:
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    finally:
        reopened.dispose()


def test_missing_server_driver_is_one_clear_sentence() -> None:
    from carecli.data.db import make_engine
    from carecli.data.errors import DatabaseOpenError

    with pytest.raises(DatabaseOpenError, match="driver for this URL is not installed"):
        make_engine("mysql://care@127.0.0.1/carecli")


def test_migrations_match_the_models(db: Database) -> None:
    """Alembic's autogenerate finds nothing to add: the tables and the migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
