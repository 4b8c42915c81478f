"""The same data layer on a PostgreSQL server. Opt-in: set CARECLI_TEST_POSTGRES_URL to an
empty database you may fill (e.g. postgresql://care:care@127.0.0.1/carecli_test)."""

import os
from datetime import date

import pytest
from sqlalchemy import text

URL = os.environ.get("CARECLI_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="set CARECLI_TEST_POSTGRES_URL to run")
TODAY = date(2026, 11, 24)


@pytest.fixture
def pg():
    from carecli.config import DatabaseLocation
    from carecli.data.db import open_database

    db = open_database(DatabaseLocation(URL))
    with db.write() as session:
        session.execute(text("DROP SCHEMA public CASCADE"))
        session.execute(text("CREATE SCHEMA public"))
    db.dispose()
    db = open_database(DatabaseLocation(URL))
    yield db
    db.dispose()


def test_demo_caseload_and_hand_edits_on_postgres(pg) -> None:
    from carecli.data.caseload import load_caseload
    from carecli.data.clients import change_status, create_client
    from carecli.data.entries import add_entry, remove_entry
    from carecli.data.record import load_record
    from carecli.demo import build_demo

    build_demo(db=pg, clients=40, seed=3, today=TODAY)
    rows = load_caseload(db=pg, today=TODAY)
    assert len(rows) == 40
    assert any(r.overdue(TODAY) for r in rows)
    assert any("recent_discharge" in r.flags for r in rows)
    client_id = create_client(db=pg, values={"given_name": "Ann", "family_name": "[/] Smith"})
    entry = add_entry(db=pg, kind="condition", client_id=client_id, values={"name": "COPD"})
    remove_entry(db=pg, kind="condition", entry_id=entry, version=1)
    change_status(db=pg, client_id=client_id, values={"to_status": "on_hold", "reason": "away"})
    record = load_record(db=pg, client_id=client_id)
    assert record.client.family_name == "[/] Smith" and record.client.status == "on_hold"
    assert len(load_caseload(db=pg, today=TODAY)) == 41
