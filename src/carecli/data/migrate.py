"""Run Alembic programmatically against an engine (imported only when a migration is due)."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from carecli.data.errors import DatabaseOpenError

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def alembic_head() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade_to_head(engine: Engine) -> None:
    """Upgrade the database in one transaction. On SQLite, foreign keys are off meanwhile (and
    checked before it commits): a migration that rebuilds a table drops it, and with them on
    the drop would delete every row of other tables that points at it."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    with engine.connect() as conn:
        from alembic.runtime.migration import MigrationContext

        current = MigrationContext.configure(conn).get_current_revision()
        if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
            raise DatabaseOpenError(
                f"The database was written by a newer carecli (schema {current}); "
                "update carecli to open it."
            )
    with engine.connect() as conn:
        raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
        if raw is not None:  # outside a transaction, where this pragma takes effect
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                if raw is not None and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise DatabaseOpenError(
                        "Upgrading the database would leave rows pointing at rows that do not "
                        "exist; nothing was changed.")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")
