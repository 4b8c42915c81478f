"""The engine, sessions and opening a database (check, create, migrate).

SQLite connections come from `connect.connect()` (WAL, foreign keys, a busy timeout,
`synchronous=FULL`, `secure_delete`). A new file is built beside its place and moved there
whole, so a first run killed at any moment leaves no file or one that opens.
Writes go through `Database.write()`, whose transaction starts with `BEGIN IMMEDIATE` so two app
instances writing at once wait for each other instead of failing with "database is locked".
"""

import errno
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from carecli.config import DatabaseLocation, sqlite_url
from carecli.data.connect import connect, full_disk, out_of_space
from carecli.data.errors import ChangedElsewhere, DatabaseOpenError, DatabaseWriteError
from carecli.data.precheck import FileState, inspect_file, verify_integrity
from carecli.data.schema import APPLICATION_ID
from carecli.data.versions import (
    NEW_GENERATION,
    check_generation,
    edited_elsewhere,
    read_generation,
)


def make_engine(url: str, path: Path | None = None) -> Engine:
    """An engine for `url`. A SQLite file (`path`) gets its connections from `connect()`, with
    explicit BEGINs; a server URL gets a checked pool."""
    if path is not None:
        engine = create_engine(url, creator=lambda: connect(path))
    elif url.startswith("sqlite"):  # in memory: `alembic revision --autogenerate`, tests
        from sqlalchemy.pool import StaticPool

        engine = create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
        event.listen(engine, "connect", _autocommit)
    else:
        return _server_engine(url)

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _autocommit(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves


def _server_engine(url: str) -> Engine:
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]  # psycopg 3, our extra
    try:
        return create_engine(url, pool_pre_ping=True)
    except ImportError as exc:
        raise DatabaseOpenError(
            f"The database driver for this URL is not installed ({exc.name}); for "
            "PostgreSQL install carecli with its extra: pip install 'carecli[postgres]'."
        ) from None


class Database:
    """One engine per app; a Session per unit of work, opened by `read()` or `write()`."""

    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        self.engine = engine
        self.path = path
        is_sqlite = engine.dialect.name == "sqlite"
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE") if is_sqlite else engine
        self._snapshot = threading.local()
        self.generation: str | None = None
        """The database generation this process works on (see `data/versions.py`)."""

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; inside `snapshot()` (same thread) the snapshot's own."""
        shared = getattr(self._snapshot, "session", None)
        if shared is not None:
            yield shared
            return
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction for every `read()` inside it, on this thread: what a screen
        needs together is read as of one moment, not in several sessions."""
        if getattr(self._snapshot, "session", None) is not None:
            yield
            return
        with Session(self.engine, expire_on_commit=False) as session:
            self._snapshot.session = session
            try:
                yield
            finally:
                self._snapshot.session = None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back on any error; refused when
        the database was replaced since this process opened it, or a row changed meanwhile."""
        try:
            with Session(self._writer, expire_on_commit=False) as session, session.begin():
                if self.generation is None:
                    self.generation = read_generation(session)
                check_generation(session, self.generation)
                yield session
            self.generation = session.info.get(NEW_GENERATION, self.generation)
        except (OperationalError, IntegrityError) as exc:
            message = _write_failure(exc, self.path)
            if self.path is not None and isinstance(exc, OperationalError):
                self._recover(exc.orig)
            raise DatabaseWriteError(message) from exc
        except StaleDataError:
            raise ChangedElsewhere(edited_elsewhere("it")) from None

    def _recover(self, error: BaseException) -> None:
        """After a write failed on the file itself, let the next one start afresh. A connection
        opened while the file was write-protected stays read-only for good, so the pool is
        emptied; after a full disk the WAL is checkpointed and truncated, so that the failed
        write does not keep the disk full."""
        assert self.path is not None
        if getattr(error, "sqlite_errorcode", 0) & 0xFF not in _FILE_FAILURES:
            return
        self.engine.dispose()
        if out_of_space(error, self.path.parent):
            _truncate_wal(self.path)

    @contextmanager
    def raw(self) -> Iterator:
        """A DBAPI connection from the pool, for plain-SQL reads (see `data/caseload.py`)."""
        conn = self.engine.raw_connection()
        try:
            yield conn
        finally:
            conn.close()

    def dispose(self) -> None:
        self.engine.dispose()


_FILE_FAILURES = {
    sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_FULL,
}


def _truncate_wal(path: Path) -> None:
    """Copy what the WAL holds into the file and cut the WAL to nothing, if it can be done at
    once (another program reading holds it: then it stays until the last connection closes)."""
    try:
        conn = connect(path)
        try:
            conn.execute("PRAGMA busy_timeout = 100")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # the write has already failed with its own sentence; this was only tidying


def _write_failure(exc: DBAPIError, path: Path | None) -> str:
    text = str(exc.orig).lower()
    if "full" in text or (path is not None and out_of_space(exc.orig, path.parent)):
        return "The disk is full: the change was not saved. Free some space and try again."
    if "readonly" in text or "read-only" in text:
        return "The database is read-only: the change was not saved."
    if "locked" in text or "busy" in text:
        return "The database is busy in another window: the change was not saved; try again."
    if isinstance(exc, IntegrityError):
        return "The change was not saved: it conflicts with data already stored."
    return f"The change was not saved: {exc.orig}."


def open_database(location: DatabaseLocation, *, verify: bool = True) -> Database:
    """Check, create if new, migrate if older, and return the open database. `verify=False`
    skips the whole-file integrity check (the app runs it separately, after first paint)."""
    path = location.path
    if path is None:
        return _open_server(location)
    state = inspect_file(path, create_folder=location.is_default)
    if state is FileState.NEW:
        state = FileState.CURRENT if create_database(path) else inspect_file(path)
    elif verify:
        verify_integrity(path)
    engine = make_engine(location.url, path)
    try:
        with engine.connect():  # the first connection creates -wal and -shm: it may fail here
            pass
        if state is not FileState.CURRENT:
            migrate(engine)
    except (DBAPIError, OSError) as exc:
        engine.dispose()
        raise DatabaseOpenError(_open_failure(path, exc)) from None
    _tighten_permissions(path)
    return Database(engine, path)


def _open_server(location: DatabaseLocation) -> Database:
    if location.url.startswith("sqlite"):
        raise DatabaseOpenError(
            f"CARECLI_DATABASE_URL ({location.display}) names no database file, so nothing "
            "would be kept; name a file with --db or CARECLI_DB."
        )
    try:
        engine = make_engine(location.url)
    except (ArgumentError, ValueError):
        raise DatabaseOpenError(
            f"CARECLI_DATABASE_URL is not a database URL carecli can use ({location.display}); "
            "give one such as postgresql://user@host/carecli, or a file with --db."
        ) from None
    try:
        migrate(engine)
    except OperationalError as exc:
        raise DatabaseOpenError(f"Cannot connect to {location.display}: {exc.orig}.") from None
    return Database(engine)


def create_database(path: Path) -> bool:
    """Build a new, migrated database beside `path` and move it into place whole, so that a
    kill at any moment leaves either no file at `path` or one carecli opens. Returns False,
    creating nothing, when a file appeared at `path` meanwhile (it is never replaced)."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.new")
    try:
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600))
        conn = connect(temp)
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        finally:
            conn.close()
        engine = make_engine(sqlite_url(temp), temp)
        try:
            migrate(engine)
        finally:
            engine.dispose()  # the last connection checkpoints the WAL into the file
        if _companion(temp, "-wal").exists():
            raise OSError(errno.EIO, "the new database could not be completed")
        return _move_into_place(temp, path)
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        raise DatabaseOpenError(_open_failure(path, exc, creating=True)) from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            _companion(temp, suffix).unlink(missing_ok=True)  # ours: made above


def _move_into_place(temp: Path, path: Path) -> bool:
    """Give `temp` the name `path` unless something is there; the caller removes `temp`."""
    try:
        os.link(temp, path)  # refuses (EEXIST) whatever appeared at `path`, even a dangling link
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK):
            raise
        # a file system without hard links (FAT, some network shares): check, then rename
        if path.exists() or path.is_symlink():
            return False
        os.rename(temp, path)
    _sync_folder(path.parent)
    return True


def _sync_folder(folder: Path) -> None:
    """Make the new name durable (a power cut after this keeps the file under its name)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _open_failure(path: Path, exc: BaseException, *, creating: bool = False) -> str:
    error = getattr(exc, "orig", None) or exc
    if out_of_space(error, path.parent):
        return full_disk(path, "create" if creating else "open")
    reason = getattr(error, "strerror", None) or error
    if creating:
        return f"Cannot create {path}: {reason}."
    return f"Cannot open {path} for writing: {reason}."


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest revision (refusing a schema newer than ours)."""
    from carecli.data.migrate import upgrade_to_head

    upgrade_to_head(engine)


def _tighten_permissions(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        candidate = _companion(path, suffix)
        if candidate.exists():
            candidate.chmod(0o600)


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
