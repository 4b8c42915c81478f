"""The one place that opens a SQLite connection to a carecli file (standard library only).

The opening checks, the fast read path and the SQLAlchemy engine all call `connect()`, so every
connection gets the same pragmas, and a SQLCipher key can later be applied here, once. Also
tells a full disk from other failures of a connection (`out_of_space`).
"""

import errno
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

BUSY_TIMEOUT_MS = 10_000
PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA synchronous = FULL",
    "PRAGMA secure_delete = ON",
)
"""Applied to every connection; a writing one also switches the file to WAL."""
NEARLY_FULL = 1024 * 1024
"""Less free space than this (bytes) makes a SQLite I/O error a full disk."""

_URI_MODES = {
    "write": "mode=rw",
    "create": "mode=rwc",
    "read": "mode=ro",
    "snapshot": "mode=ro&immutable=1",
}
"""`write` opens an existing file; `create` may create it; `read` is read-only (SQLite may
still create `-wal`/`-shm` beside a WAL file); `snapshot` reads the main file alone and creates
nothing, so it is only right when no `-wal` exists and no one writes meanwhile."""


def connect(path: Path, mode: str = "write") -> sqlite3.Connection:
    """A connection to `path` in autocommit mode (callers issue their own BEGIN), usable from
    any thread, with our pragmas applied."""
    conn = sqlite3.connect(
        f"file:{quote(str(path))}?{_URI_MODES[mode]}", uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False,
    )
    try:
        for pragma in PRAGMAS:
            conn.execute(pragma)
        if mode in ("write", "create"):
            conn.execute("PRAGMA journal_mode = WAL")
    except BaseException:
        conn.close()
        raise
    return conn


def out_of_space(error: BaseException, folder: Path) -> bool:
    """Whether `error` means the disk holding `folder` is full: SQLite says SQLITE_FULL, the
    system says ENOSPC, or an I/O error on a disk with (almost) no room left (creating `-shm`
    on a full disk is reported as a plain "disk I/O error")."""
    if isinstance(error, OSError):
        return error.errno == errno.ENOSPC
    code = getattr(error, "sqlite_errorcode", 0)
    if code & 0xFF == sqlite3.SQLITE_FULL:
        return True
    if code & 0xFF != sqlite3.SQLITE_IOERR:
        return False
    try:
        room = os.statvfs(folder)
    except OSError:
        return False
    return room.f_bavail * room.f_frsize < NEARLY_FULL


def full_disk(path: Path, doing: str = "open") -> str:
    """The sentence for a database that cannot be opened or created on a full disk."""
    return (
        f"The disk holding {path} is full: carecli cannot {doing} the database; free some "
        "space and try again."
    )
