"""Upgrading to schema 0006 (coordination): referrals keep their rows with FHIR Task statuses
and a first history entry, stays and resources keep theirs, and rebuilding the contact log
(its `successful` may now be empty) loses none of the rows that point at it."""

import sqlite3
from pathlib import Path

from legacy import database_at

from carecli.config import resolve_database
from carecli.data.db import open_database


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _old_coordination(path: Path) -> None:
    database_at(
        "0005", path,
        "INSERT INTO community_resource (id, name, category, phone) VALUES"
        " (1, 'Northside Food Bank', 'food', '555-0100')",
        "INSERT INTO referral (id, client_id, resource_id, to_whom, need, status, made_on,"
        " follow_up_on, last_update_on) VALUES"
        " (1, 1, 1, 'Northside Food Bank', 'food', 'sent', '2026-10-01', '2026-10-15', NULL),"
        " (2, 1, NULL, 'Legal aid', 'legal', 'declined', '2026-09-01', NULL, '2026-09-05'),"
        " (3, 1, NULL, 'Ride line', 'transportation', 'closed', '2026-08-01', NULL,"
        " '2026-08-20'),"
        " (4, 1, 1, 'Northside Food Bank', 'food', 'accepted', '2026-11-01', NULL,"
        " '2026-11-03')",
        "INSERT INTO hospital_stay (id, client_id, kind, facility, admitted_on, discharged_on)"
        " VALUES (1, 1, 'inpatient', 'Mercy General', '2026-11-10', '2026-11-14')",
        "INSERT INTO contact_log (id, client_id, occurred_at, mode, outcome, successful,"
        " minutes, version) VALUES (1, 1, '2026-11-15 14:00:00.000000', 'phone', 'reached',"
        " 1, 12, 1)",
        "INSERT INTO contact_correction (id, contact_id, client_id, corrected_at, reason,"
        " before) VALUES (1, 1, 1, '2026-11-16 09:00:00.000000', 'typo', '{}')",
        "INSERT INTO check_in (id, client_id, kind, due_on, status, contact_id, version)"
        " VALUES (1, 1, 'check_in', '2026-11-15', 'done', 1, 1)",
    )


def test_referrals_become_fhir_task_statuses_with_a_first_history_entry(
        tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_coordination(path)
    open_database(resolve_database(str(path))).dispose()

    assert _rows(path, "SELECT id, status, version FROM referral ORDER BY id") == [
        (1, "requested", 1), (2, "rejected", 1), (3, "cancelled", 1), (4, "accepted", 1)]
    assert _rows(path, "SELECT referral_id, client_id, changed_on, from_status, to_status"
                       " FROM referral_event ORDER BY referral_id") == [
        (1, 1, "2026-10-01", None, "requested"), (2, 1, "2026-09-05", None, "rejected"),
        (3, 1, "2026-08-20", None, "cancelled"), (4, 1, "2026-11-03", None, "accepted")]


def test_stays_and_resources_keep_their_rows_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_coordination(path)
    open_database(resolve_database(str(path))).dispose()

    assert _rows(path, "SELECT facility, discharged_on, complexity, version, med_rec_on"
                       " FROM hospital_stay") == [
        ("Mercy General", "2026-11-14", "moderate", 1, None)]
    assert _rows(path, "SELECT name, status, hsds_id, version FROM community_resource") == [
        ("Northside Food Bank", "active", None, 1)]


def test_rebuilding_the_contact_log_keeps_the_rows_pointing_at_it(tmp_path: Path) -> None:
    """SQLite rebuilds `contact_log` to let `successful` be empty; with foreign keys on, the
    drop of the old table would delete its corrections and clear the check-in's contact."""
    path = tmp_path / "old.db"
    _old_coordination(path)
    open_database(resolve_database(str(path))).dispose()

    assert _rows(path, "SELECT id, successful, minutes FROM contact_log") == [(1, 1, 12)]
    assert _rows(path, "SELECT id, contact_id, reason FROM contact_correction") == [
        (1, 1, "typo")]
    assert _rows(path, "SELECT id, contact_id FROM check_in") == [(1, 1)]
    assert _rows(path, "PRAGMA foreign_key_check") == []
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO contact_log (client_id, occurred_at, mode, outcome,"
                     " successful, minutes, version) VALUES (1, '2026-11-17 10:00:00.000000',"
                     " 'fax', 'reached', NULL, 5, 1)")  # a fax to the PCP
        conn.commit()
    finally:
        conn.close()
