"""Shared fixtures: every test gets its own data and config folders and a fresh database.

A module marked `both_backends` runs each of its tests that use `db` twice: on a fresh SQLite
file and on the PostgreSQL server named by CARECLI_TEST_POSTGRES_URL (`make test` starts one,
see `scripts/with-postgres`); a test in it about SQLite files themselves is marked
`sqlite_only`. Without a server the PostgreSQL runs skip. The suite runs in parallel
(pytest-xdist): each worker creates and uses a database of its own on that server."""

import os
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

TODAY = date(2026, 11, 24)
"""The fixed day every test runs on."""

BACKENDS = ("sqlite", "postgresql")


def _worker_database(url: str, worker: str) -> str:
    """The URL of a fresh database for one parallel worker, created beside the one in `url`."""
    from sqlalchemy import create_engine, make_url, text

    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base.set(drivername="postgresql+psycopg"),
                           isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


POSTGRES_URL = os.environ.get("CARECLI_TEST_POSTGRES_URL")
if POSTGRES_URL and os.environ.get("PYTEST_XDIST_WORKER"):
    POSTGRES_URL = _worker_database(POSTGRES_URL, os.environ["PYTEST_XDIST_WORKER"])
    os.environ["CARECLI_TEST_POSTGRES_URL"] = POSTGRES_URL


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_backends: tests using `db` run on SQLite and on PostgreSQL")
    config.addinivalue_line(
        "markers", "sqlite_only: about SQLite files, so not run on PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    node = metafunc.definition
    if ("db" in metafunc.fixturenames and node.get_closest_marker("both_backends")
            and not node.get_closest_marker("sqlite_only")):
        metafunc.parametrize("db", BACKENDS, indirect=True)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user folders or database settings."""
    for name in ("CARECLI_DB", "CARECLI_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    folder = tmp_path / "db"
    folder.mkdir(mode=0o700)
    return folder / "carecli.db"


@pytest.fixture(scope="session")
def new_database_file(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a freshly created and migrated SQLite database, made once per test process:
    creating one runs every migration (about a quarter of a second), a copy takes
    milliseconds. Tests of creating a file itself call carecli on a path of their own."""
    from carecli.config import resolve_database
    from carecli.data.db import open_database

    path = tmp_path_factory.mktemp("new-database") / "carecli.db"
    open_database(resolve_database(str(path))).dispose()
    assert not path.with_name(path.name + "-wal").exists()  # all of it is in the file
    return path.read_bytes()


@pytest.fixture
def db(request: pytest.FixtureRequest, db_path: Path):
    """A freshly created and migrated database: a SQLite file (a copy of `new_database_file`,
    0600 as carecli makes it), or the emptied PostgreSQL one."""
    if getattr(request, "param", "sqlite") == "postgresql":
        yield request.getfixturevalue("postgres_db")
        return
    from carecli.config import resolve_database
    from carecli.data.db import open_database

    fd = os.open(db_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(request.getfixturevalue("new_database_file"))
    database = open_database(resolve_database(str(db_path)))
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def postgres_server():
    """The test server's database, emptied and migrated once per session."""
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server: `make test` starts one where PostgreSQL is "
                    "installed, or set CARECLI_TEST_POSTGRES_URL to an empty database")
    from sqlalchemy import text

    from carecli.config import DatabaseLocation
    from carecli.data.db import make_engine, open_database

    engine = make_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    database = open_database(DatabaseLocation(POSTGRES_URL))
    yield database
    database.dispose()


@pytest.fixture
def postgres_db(postgres_server):
    """The PostgreSQL test database with every table emptied and every id counter reset."""
    from sqlalchemy import text
    from sqlmodel import SQLModel

    import carecli.data.models  # noqa: F401  (registers every table)

    tables = ", ".join(f'"{name}"' for name in SQLModel.metadata.tables
                       if name != "carecli_meta")  # the database's own generation stays
    with postgres_server.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    postgres_server.generation = None  # a test before may have replaced it: read it afresh
    return postgres_server


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set this computer's clock to a time zone for the test (`local_zone("Asia/Tokyo")`);
    the zone the suite runs in comes back afterwards."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()
