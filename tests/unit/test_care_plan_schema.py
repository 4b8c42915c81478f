"""Upgrading to schema 0005 (care plans) keeps every plan, problem, goal and intervention stored
before: plans are numbered per client, items get a uid each, and a plan's "shared with client"
date becomes a copy given."""

import sqlite3
from pathlib import Path

import pytest
from legacy import database_at_0001

from carecli.config import resolve_database
from carecli.data.db import open_database


def _old_plans(path: Path) -> None:
    database_at_0001(
        path,
        "INSERT INTO care_plan (id, client_id, version, status, created_at, review_due_on,"
        " shared_with_client_on, summary) VALUES"
        " (1, 1, 1, 'superseded', '2026-02-01 10:00:00.000000', NULL, '2026-02-03', 'First'),"
        " (2, 1, 1, 'active', '2026-05-01 10:00:00.000000', '2026-08-01', NULL, 'Second')",
        "INSERT INTO care_plan_problem (id, care_plan_id, description, source, priority)"
        " VALUES (1, 2, 'Breathless on stairs', 'record', 1),"
        " (2, 2, 'Lonely since moving', NULL, 2)",
        "INSERT INTO goal (id, problem_id, description, measure, target_on, status)"
        " VALUES (1, 1, 'Climb one flight', 'flights without stopping', '2026-09-01', 'achieved')",
        "INSERT INTO intervention (id, goal_id, description, responsible, frequency, status)"
        " VALUES (1, 1, 'Pulmonary rehab', 'Dr Lee', 'twice a week', 'active')",
    )


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_plans_and_their_items_survive_the_upgrade_to_0005(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_plans(path)
    open_database(resolve_database(str(path))).dispose()

    assert _rows(path, "SELECT id, number, status, summary, review_due_on FROM care_plan"
                       " ORDER BY id") == [
        (1, 1, "superseded", "First", None), (2, 2, "active", "Second", "2026-08-01"),
    ]
    items = _rows(path, "SELECT care_plan_id, kind, text, status, measure, target_on,"
                        " owner_kind, owner_name, uid, parent_uid FROM care_plan_item"
                        " ORDER BY id")
    assert [i[:8] for i in items] == [
        (2, "problem", "Breathless on stairs", "active", None, None, None, None),
        (2, "problem", "Lonely since moving", "active", None, None, None, None),
        (2, "goal", "Climb one flight", "completed", "flights without stopping", "2026-09-01",
         None, None),
        (2, "intervention", "Pulmonary rehab (twice a week)", "in-progress", None, None,
         "care_team", "Dr Lee"),
    ]
    uids = [i[8] for i in items]
    assert len(set(uids)) == 4
    assert items[2][9] == uids[0] and items[3][9] == uids[2]
    assert _rows(path, "SELECT care_plan_id, given_on, method, given_to FROM care_plan_copy") == [
        (1, "2026-02-03", "other", "client"),
    ]


def test_a_second_draft_for_one_client_is_refused_by_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_plans(path)
    open_database(resolve_database(str(path))).dispose()
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO care_plan (client_id, number, status, created_at, updated_at,"
                     " version) VALUES (1, 3, 'draft', '2026-06-01', '2026-06-01', 1)")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO care_plan (client_id, number, status, created_at,"
                         " updated_at, version) VALUES (1, 4, 'draft', '2026-06-01',"
                         " '2026-06-01', 1)")
    finally:
        conn.close()
