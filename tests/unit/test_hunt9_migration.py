"""Fault hunt (issue 9): migration 0006's downgrade with communication with the care team on
file (`successful` NULL): it runs, and the care team's contacts go back to what the app before
0006 stored for them (reached or not by their outcome: the loss the downgrade documents)."""

from alembic import command
from legacy import database_at
from sqlalchemy import text

from carecli.data.db import make_engine
from carecli.data.migrate import alembic_config

CARE_TEAM_FAX = (
    "INSERT INTO contact_log (client_id, occurred_at, mode, outcome, successful, minutes,"
    " with_whom_kind) VALUES (1, '2026-11-24 10:00:00.000000', 'fax', 'reached', NULL, 5,"
    " 'care_team'), (1, '2026-11-24 11:00:00.000000', 'phone', 'no_answer', NULL, 2,"
    " 'care_team'), (1, '2026-11-24 12:00:00.000000', 'phone', 'voicemail', FALSE, 1, NULL)"
)


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
            assert conn.execute(text(
                "SELECT minutes, successful FROM contact_log ORDER BY occurred_at")).all() == [
                (5, True), (2, False), (1, False)]
    finally:
        engine.dispose()
