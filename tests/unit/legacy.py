"""A database as an older carecli left it (schema 0001, or a later revision), with one client,
for upgrade tests."""

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import text

from carecli.data.db import make_engine
from carecli.data.migrate import alembic_config
from carecli.data.schema import APPLICATION_ID

ADA = (
    "INSERT INTO client (id, given_name, family_name, sex, language, interpreter_needed,"
    " status, enrolled_on, risk_tier, risk_set_by_hand, created_at, updated_at) VALUES"
    " (1, 'Ada', 'Okafor', 'unknown', 'English', 0, 'active', '2026-01-05', 'moderate',"
    " 0, '2026-01-05 10:00:00.000000', '2026-01-05 10:00:00.000000')"
)


def database_at_0001(path: Path, *statements: str) -> None:
    """Create `path` at schema 0001 holding client 1 (Ada Okafor), then run `statements`."""
    database_at("0001", path, *statements)


def database_at(revision: str, path: Path, *statements: str) -> None:
    """Create `path` at schema `revision` holding client 1 (Ada Okafor), then run
    `statements`."""
    marked = sqlite3.connect(path)  # an empty carecli file, as a 0001-era carecli made it
    marked.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    marked.close()
    engine = make_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    with engine.begin() as conn:
        for statement in (ADA, *statements):
            conn.execute(text(statement))
    engine.dispose()
