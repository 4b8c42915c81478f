"""The engine, sessions and opening a database (check, create, migrate).

SQLite is opened with WAL, foreign keys, a busy timeout, `synchronous=FULL` and `secure_delete`.
Writes go through `Database.write()`, whose transaction starts with `BEGIN IMMEDIATE` so two app
instances writing at once wait for each other instead of failing with "database is locked".
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from carecli.config import DatabaseLocation
from carecli.data.errors import ChangedElsewhere, DatabaseOpenError, DatabaseWriteError
from carecli.data.precheck import FileState, create_file, inspect_file, verify_integrity
from carecli.data.versions import (
    NEW_GENERATION,
    check_generation,
    edited_elsewhere,
    read_generation,
)

BUSY_TIMEOUT_MS = 10_000
_SQLITE_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA secure_delete = ON",
)


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite connections get our pragmas and explicit BEGINs."""
    if not url.startswith("sqlite"):
        if url.startswith(("postgresql://", "postgres://")):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]  # psycopg 3, our extra
        try:
            return create_engine(url, pool_pre_ping=True)
        except ImportError as exc:
            raise DatabaseOpenError(
                f"The database driver for this URL is not installed ({exc.name}); for "
                "PostgreSQL install carecli with its extra: pip install 'carecli[postgres]'."
            ) from None
    kwargs: dict = {"connect_args": {"check_same_thread": False}}
    if url in ("sqlite://", "sqlite:///:memory:"):
        from sqlalchemy.pool import StaticPool

        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        for pragma in _SQLITE_PRAGMAS:
            dbapi_conn.execute(pragma)

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


class Database:
    """One engine per app; a Session per unit of work, opened by `read()` or `write()`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        is_sqlite = engine.dialect.name == "sqlite"
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE") if is_sqlite else engine
        self.generation: str | None = None
        """The database generation this process works on (see `data/versions.py`)."""

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

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
            raise DatabaseWriteError(_write_failure(exc)) from exc
        except StaleDataError:
            raise ChangedElsewhere(edited_elsewhere("it")) from None

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


def _write_failure(exc: DBAPIError) -> str:
    text = str(exc.orig).lower()
    if "full" in text:
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
    if location.path is not None:
        state = inspect_file(location.path, create_folder=location.is_default)
        if state is FileState.NEW:
            create_file(location.path)
        elif verify:
            verify_integrity(location.path)
        engine = make_engine(location.url)
        if state is not FileState.CURRENT:
            migrate(engine)
        _tighten_permissions(location.path)
        return Database(engine)
    engine = make_engine(location.url)
    try:
        migrate(engine)
    except OperationalError as exc:
        raise DatabaseOpenError(f"Cannot connect to {location.display}: {exc.orig}.") from None
    return Database(engine)


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest revision (refusing a schema newer than ours)."""
    from carecli.data.migrate import upgrade_to_head

    upgrade_to_head(engine)


def _tighten_permissions(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if candidate.exists():
            candidate.chmod(0o600)
