"""Shared fixtures: every test gets its own data and config folders and a fresh database."""

from datetime import date
from pathlib import Path

import pytest

TODAY = date(2026, 11, 24)
"""The fixed day every test runs on."""


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


@pytest.fixture
def db(db_path: Path):
    """A freshly created and migrated database file."""
    from carecli.config import resolve_database
    from carecli.data.db import open_database

    database = open_database(resolve_database(str(db_path)))
    yield database
    database.dispose()


@pytest.fixture
def today() -> date:
    return TODAY
