"""Read-only DBAPI connections for the caseload query, without importing SQLAlchemy.

At startup the caseload is read straight through the standard library's `sqlite3`, so the
rows are on screen before SQLAlchemy has finished importing (it loads afterwards, for writes).
A server database is read through the open `Database` instead (`Database.raw()`).
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from carecli.data.connect import connect, full_disk, out_of_space
from carecli.data.errors import DatabaseOpenError


class SqliteReader:
    """Opens a fresh read-only connection per read, so any thread may use it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def raw(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = connect(self.path, "read")
            try:
                yield conn
            finally:
                conn.close()
        except sqlite3.OperationalError as exc:
            if out_of_space(exc, self.path.parent):  # a read may need to create -shm
                raise DatabaseOpenError(full_disk(self.path)) from None
            raise
