"""Where the database lives: `--db PATH`, `CARECLI_DATABASE_URL`, `CARECLI_DB`, or the default
file in the platform's user data folder. Cheap to import: no Textual, no SQLAlchemy."""

import os
from dataclasses import dataclass
from pathlib import Path

from carecli.data.errors import DatabaseOpenError

APP_NAME = "carecli"
DB_FILENAME = "carecli.db"
ENV_DB = "CARECLI_DB"
ENV_URL = "CARECLI_DATABASE_URL"


@dataclass(frozen=True)
class DatabaseLocation:
    """A database to open: a SQLAlchemy URL and, for a SQLite file, its path."""

    url: str
    path: Path | None = None
    is_default: bool = False

    @property
    def display(self) -> str:
        """The location as shown to the user (a URL's password is never shown)."""
        if self.path is not None:
            return str(self.path)
        head, sep, tail = self.url.partition("@")
        if not sep:
            return self.url
        scheme, _, user = head.partition("://")
        return f"{scheme}://{user.split(':')[0]}@{tail}"


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def resolve_database(db_arg: str | None, environ: dict[str, str] | None = None) -> DatabaseLocation:
    """Pick the database: the command-line flag wins, then the URL, then the path variable."""
    env = os.environ if environ is None else environ
    if db_arg is not None:
        path = Path(_checked_db_arg(db_arg)).expanduser().absolute()
        return DatabaseLocation(sqlite_url(path), path)
    if env.get(ENV_URL):
        url = env[ENV_URL]
        if url.startswith("sqlite:///") and len(url) > len("sqlite:///"):
            path = Path(url.removeprefix("sqlite:///")).expanduser().absolute()
            return DatabaseLocation(sqlite_url(path), path)
        return DatabaseLocation(url)
    if env.get(ENV_DB):
        path = Path(env[ENV_DB]).expanduser().absolute()
        return DatabaseLocation(sqlite_url(path), path)
    path = default_database_path()
    return DatabaseLocation(sqlite_url(path), path, is_default=True)


def _checked_db_arg(db_arg: str) -> str:
    """An explicit `--db` must name a file: an empty one would silently open the default database
    (an empty CARECLI_DB, by contrast, means unset, as usual for environment variables)."""
    if not db_arg.strip():
        raise DatabaseOpenError(
            "--db was given an empty path; name a database file, or leave --db out to use the "
            "default database."
        )
    if "\0" in db_arg:
        raise DatabaseOpenError("--db was given a path with a NUL character; no file can have it.")
    return db_arg
