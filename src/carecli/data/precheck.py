"""Check a SQLite file before anything touches it, with only the standard library (fast).

Refuses, with one sentence and without changing the file: an empty file, a file that is not
SQLite or is damaged, a SQLite file that is not ours, a carecli file that lost its schema
version, a schema newer than this carecli, a dangling link, and a folder or file we may not
write. Creates the folder (0700) when it is missing. The checks create nothing beside the file
and delete nothing (another program may have the file open: its `-wal` is its data).
"""

import enum
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from carecli.data.connect import connect, full_disk, out_of_space
from carecli.data.errors import DatabaseOpenError
from carecli.data.schema import APPLICATION_ID, HEAD, REVISIONS

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100
T = TypeVar("T")


class FileState(enum.Enum):
    NEW = "new"
    CURRENT = "current"
    NEEDS_UPGRADE = "needs_upgrade"


def ensure_folder(path: Path, *, create: bool) -> None:
    """Check the folder of `path`; create it (0700) only when `create` (our default place: a
    folder the user named themselves must exist, so a typo never makes folders)."""
    folder = path.parent
    if not folder.exists():
        if not create:
            raise DatabaseOpenError(
                f"The folder {folder} does not exist; create it first or choose another path."
            )
        try:
            folder.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise DatabaseOpenError(
                f"Cannot create the folder {folder}: {exc.strerror or exc}."
            ) from None
    if not folder.is_dir():
        raise DatabaseOpenError(f"{folder} is not a folder.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseOpenError(
            f"Cannot write in the folder {folder} (read-only or no permission); "
            "choose another place with --db."
        )


def inspect_file(path: Path, *, create_folder: bool = False) -> FileState:
    """What opening `path` will need, or `DatabaseOpenError` when it must not be opened."""
    ensure_folder(path, create=create_folder)
    if path.is_symlink() and not path.exists():
        raise DatabaseOpenError(
            f"{path} is a link to a file that does not exist; fix the link or choose another "
            "file with --db."
        )
    if not path.exists():
        return FileState.NEW
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder, not a database file.")
    if not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseOpenError(f"Cannot read and write {path} (no permission).")
    with path.open("rb") as fh:
        header = fh.read(HEADER_SIZE)
    if not header:
        raise DatabaseOpenError(
            f"{path} is an empty file, not a carecli database; move it aside or choose "
            "another file with --db."
        )
    if not header.startswith(SQLITE_HEADER):
        raise DatabaseOpenError(f"{path} is not a carecli database (not an SQLite file).")
    if len(header) == HEADER_SIZE and _wal_is_empty(path):
        # the header is current when the -wal is empty: refuse another program's file unopened
        if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
            raise _foreign(path)
    return _schema_state(path)


def _foreign(path: Path) -> DatabaseOpenError:
    return DatabaseOpenError(
        f"{path} is an SQLite file of another program, not a carecli database."
    )


def _schema_state(path: Path) -> FileState:
    try:
        app_id, tables, version = _read(path, _schema_facts)
    except sqlite3.DatabaseError as exc:
        if out_of_space(exc, path.parent):  # reading beside a -wal may need to create -shm
            raise DatabaseOpenError(full_disk(path)) from None
        raise DatabaseOpenError(
            f"{path} is damaged or not a carecli database (SQLite reports: {exc})."
        ) from None
    if app_id != APPLICATION_ID:
        raise _foreign(path)
    if version is None:
        if tables:
            raise DatabaseOpenError(
                f"{path} has carecli tables but no schema version (its alembic_version table "
                "is missing or empty), so carecli cannot tell how to open it; restore it from "
                "a backup."
            )
        return FileState.NEEDS_UPGRADE  # marked as ours, nothing in it yet: safe to migrate
    if version == HEAD:
        return FileState.CURRENT
    if version in REVISIONS:
        return FileState.NEEDS_UPGRADE
    raise DatabaseOpenError(
        f"{path} was written by a newer carecli (schema {version}); update carecli to open it."
    )


def _schema_facts(conn: sqlite3.Connection) -> tuple[int, set[str], str | None]:
    """The application id, the names of the tables other than Alembic's, and the version."""
    (app_id,) = conn.execute("PRAGMA application_id").fetchone()
    tables = {
        name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    version = None
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        version = row[0] if row else None
    return app_id, tables - {"alembic_version"}, version


def verify_integrity(path: Path) -> None:
    """`PRAGMA quick_check` (reads the whole file: ~70 ms at 10,000 clients, so the app runs it
    after the first rows are on screen). Raises `DatabaseOpenError` when the file is damaged."""
    try:
        check = _read(path, lambda conn: conn.execute("PRAGMA quick_check(1)").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        if out_of_space(exc, path.parent):
            raise DatabaseOpenError(full_disk(path)) from None
        check = str(exc)
    if check != "ok":
        detail = " ".join(check.replace("*** in database main ***", "").split())
        raise DatabaseOpenError(
            f"{path} is damaged (SQLite reports: {detail}); restore it from a backup."
        )


def _read(path: Path, query: Callable[[sqlite3.Connection], T]) -> T:
    """`query(conn)` on a read-only connection that changes nothing on disk.

    While the `-wal` beside the file is missing or empty (and no `-journal` is there), the main
    file alone is the database: read it as an immutable snapshot, which creates no `-wal` or
    `-shm`. If the file or its `-wal` changed meanwhile (another program is writing), or the
    `-wal` holds changes, read it the ordinary way, which may create `-shm` but leaves every
    file as it finds it.
    """
    if _wal_is_empty(path) and not _beside(path, "-journal").exists():
        before = _stamp(path)
        try:
            result = _run(path, "snapshot", query)
        except sqlite3.DatabaseError:
            if _unchanged(path, before):
                raise
        else:
            if _unchanged(path, before):
                return result
    return _run(path, "read", query)
def _run(path: Path, mode: str, query: Callable[[sqlite3.Connection], T]) -> T:
    conn = connect(path, mode)
    try:
        return query(conn)
    finally:
        conn.close()


def _stamp(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_size, st.st_mtime_ns


def _unchanged(path: Path, before: tuple[int, int, int]) -> bool:
    return _stamp(path) == before and _wal_is_empty(path)


def _wal_is_empty(path: Path) -> bool:
    try:
        return _beside(path, "-wal").stat().st_size == 0
    except FileNotFoundError:
        return True


def _beside(path: Path, suffix: str) -> Path:
    """SQLite's companion file of `path` (`-wal`, `-shm`, `-journal`)."""
    return path.with_name(path.name + suffix)
