"""No save silently undoes another: row versions (two windows editing one client) and the
database generation (a database replaced under an open app)."""

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from legacy import database_at_0001
from sqlalchemy import func, select, text

from carecli.config import resolve_database
from carecli.data.clients import (
    change_status,
    client_values,
    create_client,
    get_client,
    set_risk,
    update_client,
)
from carecli.data.db import Database, open_database
from carecli.data.entries import ENTRY_KINDS, add_entry, get_entry, remove_entry, update_entry
from carecli.data.errors import ChangedElsewhere, DatabaseReplaced
from carecli.data.models import AuditLog, Client, Condition
from carecli.data.versions import new_generation, remember_generation, was_replaced
from carecli.demo import build_demo

ENTRY_VALUES = {
    "consent": ({"given_on": "2026-11-01", "method": "verbal"},
                {"given_on": "2026-11-01", "method": "written"}, "method"),
    "condition": ({"name": "COPD"}, {"name": "COPD", "note": "on oxygen"}, "note"),
    "medication": ({"name": "Metformin", "dose": "500 mg"},
                   {"name": "Metformin", "dose": "1000 mg"}, "dose"),
    "care_team": ({"name": "Dr Ada Obi", "role": "PCP"},
                  {"name": "Dr Ada Obi", "role": "Cardiologist"}, "role"),
    "personal_contact": ({"name": "Sam Lee", "relation": "son"},
                         {"name": "Sam Lee", "relation": "nephew"}, "relation"),
}


def _client(db: Database) -> int:
    return create_client(db=db, values={
        "given_name": "Ada", "family_name": "Okafor", "enrolled_on": "2026-01-05",
    })


def _audit_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditLog))


# --- row versions --------------------------------------------------------------------------------


def test_every_update_bumps_the_version(db: Database) -> None:
    client_id = _client(db)
    assert get_client(db=db, client_id=client_id).version == 1
    values = client_values(get_client(db=db, client_id=client_id))
    update_client(db=db, client_id=client_id, version=1, values=values)
    change_status(db=db, client_id=client_id, version=2,
                  values={"to_status": "on_hold", "reason": "Away"})
    set_risk(db=db, client_id=client_id, tier="high", reason=None, by_hand=False, version=3)
    assert get_client(db=db, client_id=client_id).version == 4


def test_second_of_two_windows_is_refused_and_the_first_kept(db: Database) -> None:
    client_id = _client(db)
    first = get_client(db=db, client_id=client_id)  # two windows open the same client
    second = get_client(db=db, client_id=client_id)
    update_client(db=db, client_id=client_id, version=first.version,
                  values={**client_values(first), "phone": "555-111-2222"})
    audit = _audit_count(db)

    with pytest.raises(ChangedElsewhere, match="changed in another window since you opened it"):
        update_client(db=db, client_id=client_id, version=second.version,
                      values={**client_values(second), "family_name": "Okafor-Lee"})

    stored = get_client(db=db, client_id=client_id)
    assert (stored.phone, stored.family_name, stored.version) == ("555-111-2222", "Okafor", 2)
    assert _audit_count(db) == audit


def test_status_and_risk_from_a_stale_screen_are_refused(db: Database) -> None:
    client_id = _client(db)
    seen = get_client(db=db, client_id=client_id)
    change_status(db=db, client_id=client_id, version=seen.version,
                  values={"to_status": "discharged", "reason": "Moved"})
    with pytest.raises(ChangedElsewhere):
        change_status(db=db, client_id=client_id, version=seen.version,
                      values={"to_status": "on_hold", "reason": "Away"})
    with pytest.raises(ChangedElsewhere):
        set_risk(db=db, client_id=client_id, tier="low", reason="better", by_hand=True,
                 version=seen.version)
    stored = get_client(db=db, client_id=client_id)
    assert (stored.status, stored.risk_tier) == ("discharged", "moderate")


def test_every_entry_kind_covered() -> None:
    assert set(ENTRY_VALUES) == set(ENTRY_KINDS)


@pytest.mark.parametrize("kind", list(ENTRY_VALUES))
def test_stale_entry_edit_and_removal_are_refused(db: Database, kind: str) -> None:
    created, edited, field = ENTRY_VALUES[kind]
    client_id = _client(db)
    entry_id = add_entry(db=db, kind=kind, client_id=client_id, values=created)
    first = get_entry(db=db, kind=kind, entry_id=entry_id)
    second = get_entry(db=db, kind=kind, entry_id=entry_id)
    update_entry(db=db, kind=kind, entry_id=entry_id, version=first.version, values=edited)

    with pytest.raises(ChangedElsewhere, match="changed in another window"):
        update_entry(db=db, kind=kind, entry_id=entry_id, version=second.version, values=created)
    with pytest.raises(ChangedElsewhere, match="since it was shown, so it was not removed"):
        remove_entry(db=db, kind=kind, entry_id=entry_id, version=second.version)

    stored = get_entry(db=db, kind=kind, entry_id=entry_id)
    assert stored.version == 2
    value = getattr(stored, field)
    assert getattr(value, "value", value) == edited[field]  # the first window's edit is kept
    remove_entry(db=db, kind=kind, entry_id=entry_id, version=stored.version)


def test_a_row_changed_within_the_transaction_is_not_overwritten(db: Database) -> None:
    """The UPDATE itself names the version (what guards PostgreSQL between read and write)."""
    client_id = _client(db)
    with pytest.raises(ChangedElsewhere):
        with db.write() as session:
            client = session.get(Client, client_id)
            session.execute(text("UPDATE client SET version = 7, phone = 'x' WHERE id = :id"),
                            {"id": client_id})
            client.family_name = "Overwritten"
    stored = get_client(db=db, client_id=client_id)
    assert (stored.family_name, stored.version) == ("Okafor", 1)


# --- the database generation ---------------------------------------------------------------------


def _generation(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT generation FROM carecli_meta").fetchone()[0]
    finally:
        conn.close()


def test_a_new_database_has_a_random_generation(db: Database, db_path: Path,
                                                tmp_path: Path) -> None:
    other = open_database(resolve_database(str(tmp_path / "other.db")))
    other.dispose()
    assert re.fullmatch(r"[0-9a-f]{32}", _generation(db_path))
    assert _generation(db_path) != _generation(tmp_path / "other.db")


def test_a_write_into_a_replaced_database_is_refused(db: Database, db_path: Path,
                                                     today: date) -> None:
    client_id = _client(db)  # this window works on the database as it opened it
    seen = get_client(db=db, client_id=client_id)
    assert not was_replaced(db)

    other = open_database(resolve_database(str(db_path)))  # another program, `demo --force`
    build_demo(db=other, clients=5, seed=2, today=today, force=True)
    other.dispose()
    assert was_replaced(db)
    replaced = get_client(db=db, client_id=client_id)  # someone else now has that id
    audit = _audit_count(db)

    with pytest.raises(DatabaseReplaced, match="replaced by another program"):
        update_client(db=db, client_id=client_id, version=replaced.version,
                      values={**client_values(seen), "notes": "Ada's fall risk"})
    with pytest.raises(DatabaseReplaced):
        add_entry(db=db, kind="condition", client_id=client_id, values={"name": "COPD"})

    assert client_values(get_client(db=db, client_id=client_id)) == client_values(replaced)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Condition).where(
            Condition.name == "COPD", Condition.client_id == client_id)) == 0
    assert _audit_count(db) == audit

    remember_generation(db)  # the app reloads the caseload, then works on the new database
    assert not was_replaced(db)
    add_entry(db=db, kind="condition", client_id=client_id, values={"name": "COPD"})


def test_the_program_that_replaces_keeps_writing(db: Database, today: date) -> None:
    _client(db)
    build_demo(db=db, clients=3, seed=2, today=today, force=True)
    _client(db)  # not refused: this process made the new generation


def test_new_generation_in_a_rolled_back_transaction_changes_nothing(db: Database,
                                                                     db_path: Path) -> None:
    _client(db)
    before = _generation(db_path)
    with pytest.raises(RuntimeError), db.write() as session:
        new_generation(session)
        raise RuntimeError("interrupted")
    assert _generation(db_path) == before
    _client(db)


# --- upgrading a database made by the previous carecli -------------------------------------------


def test_a_0001_database_upgrades_with_versions_and_a_generation(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    database_at_0001(path, "INSERT INTO condition (client_id, name, chronic, status)"
                           " VALUES (1, 'COPD', 1, 'active')")

    db = open_database(resolve_database(str(path)))
    try:
        client = get_client(db=db, client_id=1)
        assert (client.given_name, client.version) == ("Ada", 1)
        assert get_entry(db=db, kind="condition", entry_id=1).version == 1
        assert re.fullmatch(r"[0-9a-f]{32}", _generation(path))
        update_client(db=db, client_id=1, version=1,
                      values={**client_values(client), "phone": "555-111-2222"})
        assert get_client(db=db, client_id=1).version == 2
    finally:
        db.dispose()
