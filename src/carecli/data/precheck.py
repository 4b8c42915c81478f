"""Check a SQLite file before anything touches it, with only the standard library (fast).

Refuses, with one sentence and without changing the file: an empty file, a file that is not
SQLite or is damaged, a SQLite file that is not ours, a schema newer than this carecli, and a
folder or file we may not write. Creates the folder (0700) when it is missing.
"""

import enum
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from carecli.data.errors import DatabaseOpenError
from carecli.data.schema import APPLICATION_ID, HEAD, REVISIONS

SQLITE_HEADER = b"SQLite format 3\x00"


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
    if not path.exists():
        return FileState.NEW
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder, not a database file.")
    if not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseOpenError(f"Cannot read and write {path} (no permission).")
    if path.stat().st_size == 0:
        raise DatabaseOpenError(
            f"{path} is an empty file, not a carecli database; move it aside or choose "
            "another file with --db."
        )
    with path.open("rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise DatabaseOpenError(f"{path} is not a carecli database (not an SQLite file).")
    return _inspect_schema(path)


@contextmanager
def _no_trace(path: Path) -> Iterator[None]:
    """Reading a WAL-mode file creates `-wal` and `-shm` beside it; remove those we caused."""
    wal, shm = (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
    had_wal, had_shm = wal.exists(), shm.exists()
    try:
        yield
    finally:
        if not had_wal and wal.exists() and wal.stat().st_size == 0:
            wal.unlink()
        if not had_shm and not wal.exists():
            shm.unlink(missing_ok=True)


def _inspect_schema(path: Path) -> FileState:
    with _no_trace(path):
        return _read_schema_state(path)


def _read_schema_state(path: Path) -> FileState:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        raise DatabaseOpenError(f"Cannot open {path}.") from None
    try:
        (app_id,) = conn.execute("PRAGMA application_id").fetchone()
        if app_id != APPLICATION_ID:
            raise DatabaseOpenError(
                f"{path} is an SQLite file of another program, not a carecli database."
            )
        has_versions = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        version = None
        if has_versions:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            version = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseOpenError(
            f"{path} is damaged or not a carecli database (SQLite reports: {exc})."
        ) from None
    finally:
        conn.close()
    if version is None:
        return FileState.NEEDS_UPGRADE
    if version == HEAD:
        return FileState.CURRENT
    if version in REVISIONS:
        return FileState.NEEDS_UPGRADE
    raise DatabaseOpenError(
        f"{path} was written by a newer carecli (schema {version}); update carecli to open it."
    )


def verify_integrity(path: Path) -> None:
    """`PRAGMA quick_check` (reads the whole file: ~70 ms at 10,000 clients, so the app runs it
    after the first rows are on screen). Raises `DatabaseOpenError` when the file is damaged."""
    try:
        with _no_trace(path):
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                (check,) = conn.execute("PRAGMA quick_check(1)").fetchone()
            finally:
                conn.close()
    except sqlite3.DatabaseError as exc:
        check = str(exc)
    if check != "ok":
        detail = " ".join(check.replace("*** in database main ***", "").split())
        raise DatabaseOpenError(
            f"{path} is damaged (SQLite reports: {detail}); restore it from a backup."
        )


def create_file(path: Path) -> None:
    """Create an empty carecli SQLite file, mode 0600, marked with our application id."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    os.close(fd)
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.commit()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        path.unlink(missing_ok=True)
        raise DatabaseOpenError(f"Cannot create {path}: {exc}.") from None
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise DatabaseOpenError(f"Cannot create {path}: {exc.strerror or exc}.") from None
