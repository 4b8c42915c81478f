"""The same data layer on SQLite and on a PostgreSQL server (`make test` starts one; see
`tests/conftest.py`): the demo, hand edits and assessments, and the demo read back alike."""

from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest

from carecli.clinical import score
from carecli.config import resolve_database
from carecli.data.assessments import (
    complete_assessment,
    discard_draft,
    find_draft,
    latest_results,
    save_draft,
    score_history,
    start_assessment,
)
from carecli.data.caseload import load_caseload
from carecli.data.clients import change_status, count_clients, create_client
from carecli.data.db import Database, open_database
from carecli.data.entries import add_entry, remove_entry
from carecli.data.errors import CareDataError
from carecli.data.record import ClientRecord, load_record
from carecli.demo import build_demo

pytestmark = pytest.mark.both_backends
TODAY = date(2026, 11, 24)


def test_demo_caseload_and_hand_edits(db: Database) -> None:
    build_demo(db=db, clients=40, seed=3, today=TODAY)
    rows = load_caseload(db=db, today=TODAY)
    assert len(rows) == 40
    assert any(r.overdue(TODAY) for r in rows)
    assert any("recent_discharge" in r.flags for r in rows)
    client_id = create_client(db=db, values={"given_name": "Ann", "family_name": "[/] Smith"})
    entry = add_entry(db=db, kind="condition", client_id=client_id, values={"name": "COPD"})
    remove_entry(db=db, kind="condition", entry_id=entry, version=1)
    change_status(db=db, client_id=client_id, values={"to_status": "on_hold", "reason": "away"})
    record = load_record(db=db, client_id=client_id)
    assert record.client.family_name == "[/] Smith" and record.client.status == "on_hold"
    assert len(load_caseload(db=db, today=TODAY)) == 41


def test_demo_refuses_existing_clients_unless_forced(db: Database) -> None:
    build_demo(db=db, clients=12, seed=1, today=TODAY)
    with pytest.raises(CareDataError, match=r"already has 12 clients; use --force"):
        build_demo(db=db, clients=30, seed=2, today=TODAY)
    assert count_clients(db=db) == 12
    build_demo(db=db, clients=30, seed=2, today=TODAY, force=True)
    assert count_clients(db=db) == 30
    assert create_client(db=db, values={"given_name": "Ann", "family_name": "Lee"}) == 31


def test_every_test_starts_from_an_empty_database(db: Database) -> None:
    """Ids count from 1 again, so no test sees what another one wrote."""
    assert load_caseload(db=db, today=TODAY) == []
    assert create_client(db=db, values={"given_name": "Ann", "family_name": "Lee"}) == 1


def _record_view(record: ClientRecord) -> tuple:
    """What the record screen shows, without the times the rows were written."""
    def values(row) -> dict:
        return {k: v for k, v in asdict(row).items() if k not in ("created_at", "updated_at")}

    entries = {kind: [values(e) for e in rows] for kind, rows in record.entries.items()}
    return (values(record.client), entries, [values(s) for s in record.stays], record.history,
            record.results, record.draft_kind)


def test_the_same_demo_reads_back_alike_on_both_backends(postgres_db: Database,
                                                          tmp_path: Path) -> None:
    sqlite_db = open_database(resolve_database(str(tmp_path / "demo.db")))
    try:
        for database in (sqlite_db, postgres_db):
            build_demo(db=database, clients=40, seed=5, today=TODAY)
        on_sqlite = load_caseload(db=sqlite_db, today=TODAY)
        on_postgres = load_caseload(db=postgres_db, today=TODAY)
        assert on_postgres == on_sqlite
        for row in on_sqlite[::5]:
            assert (_record_view(load_record(db=postgres_db, client_id=row.id))
                    == _record_view(load_record(db=sqlite_db, client_id=row.id)))
    finally:
        sqlite_db.dispose()


def test_an_assessment_from_draft_to_results(db: Database) -> None:
    """Drafts keep typed answers (numbers, text, lists); completed scores come back in order."""
    client_id = create_client(db=db, values={"given_name": "Ann", "family_name": "Lee"})
    first = start_assessment(db=db, client_id=client_id, kind="intake", steps=["phq9"])
    answers = {"phq9": {str(i): 1 for i in range(1, 10)},
               "goals": {"matters_most": "Zoë ✓ [/]"}, "home": {"hazards": ["clutter"]}}
    save_draft(db=db, assessment_id=first, answers=answers, position=3)
    draft = find_draft(db=db, client_id=client_id)
    assert (draft.id, draft.steps, draft.position, draft.answers) == (first, ("phq9",), 3, answers)

    phq9 = answers["phq9"]
    complete_assessment(db=db, assessment_id=first, answers={"phq9": phq9},
                        scores={"phq9": score("phq9", phq9)})
    second = start_assessment(db=db, client_id=client_id, kind="reassessment", steps=["phq9"])
    better = {str(i): 0 for i in range(1, 10)}
    complete_assessment(db=db, assessment_id=second, answers={"phq9": better},
                        scores={"phq9": score("phq9", better)})
    assert find_draft(db=db, client_id=client_id) is None
    assert [r.score.total for r in score_history(db=db, client_id=client_id)["phq9"]] == [9, 0]
    assert latest_results(db=db, client_id=client_id, before=second)["phq9"].score.total == 9

    third = start_assessment(db=db, client_id=client_id, kind="reassessment", steps=["phq9"])
    discard_draft(db=db, assessment_id=third)
    assert find_draft(db=db, client_id=client_id) is None
