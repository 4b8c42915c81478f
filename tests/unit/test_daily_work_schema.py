"""Upgrading to schema 0004 (daily work) keeps every contact and check-in, and names the
office mode as DOMAIN.md does."""

import sqlite3
from pathlib import Path

from legacy import database_at_0001

from carecli.config import resolve_database
from carecli.data.db import open_database


def test_contacts_and_check_ins_survive_the_upgrade_to_0004(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    database_at_0001(
        path,
        "INSERT INTO contact_log (id, client_id, occurred_at, mode, outcome, successful, minutes)"
        " VALUES (1, 1, '2026-11-02 15:00:00.000000', 'office_visit', 'reached', 1, 25),"
        " (2, 1, '2026-11-03 15:00:00.000000', 'phone', 'voicemail', 0, 2)",
        "INSERT INTO check_in (id, client_id, due_on, reason, status)"
        " VALUES (1, 1, '2026-12-01', 'BP log', 'open')",
    )
    open_database(resolve_database(str(path))).dispose()

    conn = sqlite3.connect(path)
    try:
        contacts = conn.execute(
            "SELECT id, mode, outcome, minutes, version, topics FROM contact_log ORDER BY id"
        ).fetchall()
        check_in = conn.execute("SELECT kind, status, version, reason FROM check_in").fetchall()
    finally:
        conn.close()
    assert contacts == [
        (1, "office", "reached", 25, 1, None), (2, "phone", "voicemail", 2, 1, None),
    ]
    assert check_in == [("check_in", "open", 1, "BP log")]
