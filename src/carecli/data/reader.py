"""Read-only DBAPI connections for the caseload query, without importing SQLAlchemy.

At startup the caseload is read straight through the standard library's `sqlite3`, so the
rows are on screen before SQLAlchemy has finished importing (it loads afterwards, for writes).
A server database is read through the open `Database` instead (`Database.raw()`).
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

READ_TIMEOUT_S = 10.0


class SqliteReader:
    """Opens a fresh read-only connection per read, so any thread may use it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def raw(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(
            f"file:{self.path}?mode=ro", uri=True, timeout=READ_TIMEOUT_S,
            check_same_thread=False,
        )
        try:
            yield conn
        finally:
            conn.close()
