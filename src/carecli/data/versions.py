"""Versions of rows and of the database itself, so no save silently undoes another.

A row a form edits carries the `version` it was read at; saving over a newer one is refused
(`ChangedElsewhere`). The database carries a generation, a random token in `carecli_meta` that
is replaced when its clients are replaced wholesale; `Database.write` refuses to write when the
generation is not the one this process opened (`DatabaseReplaced`). Plain SQL, so the module
stays light and runs the same on SQLite and PostgreSQL.
"""

import secrets
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from carecli.data.errors import ChangedElsewhere, DatabaseReplaced, edited_elsewhere

NEW_GENERATION = "carecli.new_generation"
"""`Session.info` key: the generation a transaction wrote, for the writer to adopt."""

REPLACED = (
    "The database was replaced by another program since this window opened it; nothing was "
    "saved, and the caseload is reloaded."
)
NOTICED = (
    "The database was replaced by another program since this window opened it; the caseload "
    "is reloaded."
)


def check_version(row: Any, version: int | None, what: str) -> None:
    """Refuse when `row` is no longer at the `version` it was read at (None: not checked)."""
    if version is not None and row.version != version:
        raise ChangedElsewhere(edited_elsewhere(what))


def read_generation(session: Any) -> str | None:
    return session.execute(text("SELECT generation FROM carecli_meta")).scalar()


def check_generation(session: Any, opened: str | None) -> None:
    """Inside a write transaction: refuse when the database is not the one opened."""
    if read_generation(session) != opened:
        raise DatabaseReplaced(REPLACED)


def remember_generation(db: Any) -> None:
    """Work on `db` (a `Database`) as it is now: on opening it, and after it was replaced.
    Without this, its first write remembers the generation."""
    with db.read() as session:
        db.generation = read_generation(session)


def was_replaced(db: Any) -> bool:
    """Whether another program replaced `db` since it was remembered (one small read, for a
    screen to notice without writing). False when it cannot tell now (the file busy or gone):
    the next write then says what is wrong."""
    try:
        with db.read() as session:
            return db.generation is not None and read_generation(session) != db.generation
    except DBAPIError:
        return False


def new_generation(session: Any) -> str:
    """Give the database a new generation (call it in the transaction that replaces the
    clients): every other window's next write is refused instead of landing on someone else."""
    token = secrets.token_hex(16)
    session.execute(text("DELETE FROM carecli_meta"))
    session.execute(
        text("INSERT INTO carecli_meta (id, generation) VALUES (1, :token)"), {"token": token}
    )
    session.info[NEW_GENERATION] = token
    return token
