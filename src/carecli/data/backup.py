"""A backup of a SQLite database file, taken with SQLite's online backup API.

The copy is a consistent snapshot even while another program writes, and lands in a new private
(0600) file beside the database, named after it and the local time
(`carecli-backup-20261130-091502.db`); an existing file is never overwritten. Standard library
only.
"""

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from carecli.data.errors import DatabaseWriteError


def backup_database(path: Path, *, now: datetime | None = None) -> Path:
    """Copy the database at `path` into a new file beside it and return that file's path.

    On any failure (a full disk, a read-only folder) the partial copy is removed and
    DatabaseWriteError says why in one sentence; the database itself is only read.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    try:
        target = _new_private_file(path.parent, f"{path.stem}-backup-{stamp}", path.suffix)
    except OSError as exc:
        raise DatabaseWriteError(_failure(path, exc.strerror or str(exc))) from None
    try:
        _copy(path, target)
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        target.with_name(target.name + "-journal").unlink(missing_ok=True)
        raise DatabaseWriteError(_failure(path, str(exc))) from None
    return target


def _copy(path: Path, target: Path) -> None:
    source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal
        finally:
            copy.close()
    finally:
        source.close()


def _new_private_file(folder: Path, stem: str, suffix: str) -> Path:
    """Create an empty 0600 file named `stem + suffix`, or `stem-2 + suffix`, ... if taken."""
    for number in range(1, 1000):
        candidate = folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
        try:
            os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(f"too many backups named {stem} already")


def _failure(path: Path, reason: str) -> str:
    if "full" in reason.lower() or "no space" in reason.lower():
        reason = "the disk is full"
    return f"Could not back up {path} ({reason}); nothing was changed."
