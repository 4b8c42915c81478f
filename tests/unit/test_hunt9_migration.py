"""Fault hunt (issue 9): migration 0006's downgrade with communication with the care team on
file (`successful` NULL). Fails today (xfail strict until fixed)."""

import pytest
from alembic import command
from legacy import database_at
from sqlalchemy import text

from carecli.data.db import make_engine
from carecli.data.migrate import alembic_config

CARE_TEAM_FAX = (
    "INSERT INTO contact_log (client_id, occurred_at, mode, outcome, successful, minutes,"
    " with_whom_kind) VALUES (1, '2026-11-24 10:00:00.000000', 'fax', 'reached', NULL, 5,"
    " 'care_team')"
)


@pytest.mark.xfail(strict=True, reason="0006_coordination.py downgrade makes "
                   "contact_log.successful NOT NULL again without first giving the care team's "
                   "contacts (NULL) a value: IntegrityError, the downgrade cannot run")
def test_the_downgrade_runs_with_a_care_team_contact_on_file(tmp_path) -> None:
    path = tmp_path / "carecli.db"
    database_at("0006", path, CARE_TEAM_FAX)
    engine = make_engine(f"sqlite:///{path}")
    config = alembic_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0005")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT minutes FROM contact_log")).scalars().all() == [5]
    finally:
        engine.dispose()
