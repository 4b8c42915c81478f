"""The database file is never lost, clobbered or left unopenable: opening checks create and
delete nothing, a first run killed at any moment leaves no file or one that opens, a full disk
is named as such and does not stay full, and a read-only spell ends without a restart."""

import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from carecli.config import resolve_database
from carecli.data import precheck
from carecli.data.clients import create_client
from carecli.data.db import Database, open_database
from carecli.data.errors import DatabaseOpenError, DatabaseWriteError
from carecli.data.models import Client
from carecli.data.reader import SqliteReader


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _count(database: Database, table: str) -> int:
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        return conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()


# --- another program opens the file while carecli checks it ------------------------------------

OTHER_PROGRAM = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
conn.execute("SELECT count(*) FROM probe").fetchone()  # a first read opens -wal and -shm
print("open", flush=True)
sys.stdin.readline()  # carecli's check ends meanwhile
for n in range(1, 41):
    conn.execute("INSERT INTO probe (n) VALUES (?)", (n,))
    print(n, flush=True)  # acknowledged
os._exit(0)  # ends as a crash or a closed terminal would: no close, no checkpoint
"""


@pytest.mark.parametrize("check", ["inspect_file", "verify_integrity"])
def test_a_check_keeps_the_wal_of_a_program_that_opened_the_file_meanwhile(
    check: str, db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db.dispose()
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE probe (n INTEGER)")
    conn.close()
    assert not _companion(db_path, "-wal").exists()
    real_connect = sqlite3.connect
    others: list[subprocess.Popen] = []

    def connect_and_let_the_other_program_in(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        if not others:  # between the check's open and its close
            other = subprocess.Popen(
                [sys.executable, "-c", OTHER_PROGRAM, str(db_path)], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )
            others.append(other)
            assert other.stdout.readline().strip() == "open", other.stderr.read()
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect_and_let_the_other_program_in)
    getattr(precheck, check)(db_path)
    monkeypatch.undo()
    assert others, "the check opened no connection"
    out, err = others[0].communicate("go\n", timeout=60)
    assert others[0].returncode == 0, err
    assert [int(n) for n in out.split()] == list(range(1, 41))

    database = open_database(resolve_database(str(db_path)))
    try:
        assert _count(database, "probe") == 40  # every acknowledged row is still there
    finally:
        database.dispose()


def test_checks_of_a_closed_file_create_nothing_beside_it(db: Database, db_path: Path) -> None:
    db.dispose()
    assert precheck.inspect_file(db_path) is precheck.FileState.CURRENT
    precheck.verify_integrity(db_path)
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


# --- a first run killed at any moment ----------------------------------------------------------

KILL_AFTER_S = [i * 0.005 for i in range(12)] + [0.06 + 0.11 * i for i in range(13)]
"""When to kill `carecli demo` on a new path: densely in the first milliseconds (where the old
creation left an empty file or a hot journal), then spread over the whole run."""


def _demo(path: str) -> None:
    from carecli.cli import main

    os._exit(main(["demo", "--db", path]))


def _killed_run(folder: Path, delay: float) -> str:
    """Run `carecli demo` on a new file in `folder` in a forked process, SIGKILL it after
    `delay` seconds, and say what it left: "none", "opens", or why the file was refused."""
    folder.mkdir()
    path = folder / "carecli.db"
    run = multiprocessing.get_context("fork").Process(target=_demo, args=(str(path),))
    run.start()
    run.join(timeout=delay)
    run.kill()
    run.join()
    if not path.exists():
        return "none"
    try:
        database = open_database(resolve_database(str(path)))
    except DatabaseOpenError as exc:
        return f"refused after {delay:.3f} s: {exc}"
    try:
        _count(database, "client")
    finally:
        database.dispose()
    return "opens"


def test_a_first_run_killed_at_any_moment_leaves_no_file_or_one_that_opens(
    tmp_path: Path,
) -> None:
    """Each run is a forked process killed with SIGKILL; one whole run first loads every
    module in this process, so that the forks reach the file at once."""
    from carecli.cli import main

    old_umask = os.umask(0o022)
    try:
        assert main(["demo", "--clients", "1", "--db", str(tmp_path / "warm-up.db")]) == 0
    finally:
        os.umask(old_umask)  # main() tightens the umask for the whole process
    outcomes = [_killed_run(tmp_path / f"run{i}", delay) for i, delay in enumerate(KILL_AFTER_S)]
    delay = KILL_AFTER_S[-1]
    while "opens" not in outcomes and delay < 60:  # a loaded machine: wait longer, then kill
        delay *= 2
        outcomes.append(_killed_run(tmp_path / f"late{delay}", delay))
    assert [o for o in outcomes if o not in ("none", "opens")] == []
    assert "opens" in outcomes  # the later kills did find a database


def test_a_file_that_appears_while_creating_is_never_replaced(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another carecli created the file first: its file is opened, not overwritten."""
    from carecli.data import db as db_module

    real_migrate = db_module.migrate

    def migrate_while_another_creates(engine) -> None:
        if not db_path.exists():
            monkeypatch.setattr(db_module, "migrate", real_migrate)
            other = open_database(resolve_database(str(db_path)))
            create_client(db=other, values={"given_name": "First", "family_name": "Here"})
            other.dispose()
        real_migrate(engine)

    monkeypatch.setattr(db_module, "migrate", migrate_while_another_creates)
    database = open_database(resolve_database(str(db_path)))
    try:
        assert _count(database, "client") == 1
    finally:
        database.dispose()
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]  # no temp left


def test_a_file_system_without_hard_links_still_gets_a_database(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_args, **_kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    database = open_database(resolve_database(str(db_path)))
    try:
        create_client(db=database, values={"given_name": "Ann", "family_name": "Lee"})
        assert _count(database, "client") == 1
    finally:
        database.dispose()
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_a_failed_creation_removes_its_own_temp_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from carecli.data import db as db_module

    def migration_fails(_engine) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(db_module, "migrate", migration_fails)
    with pytest.raises(DatabaseOpenError, match=f"Cannot create {db_path}"):
        open_database(resolve_database(str(db_path)))
    assert list(db_path.parent.iterdir()) == []


# --- files and settings refused with a sentence ------------------------------------------------


def test_a_dangling_link_is_refused_with_a_sentence(tmp_path: Path) -> None:
    link = tmp_path / "carecli.db"
    link.symlink_to(tmp_path / "moved-away.db")
    with pytest.raises(DatabaseOpenError, match="is a link to a file that does not exist"):
        open_database(resolve_database(str(link)))
    assert link.is_symlink() and not (tmp_path / "moved-away.db").exists()


def test_a_link_to_a_database_opens_it(db: Database, db_path: Path, tmp_path: Path) -> None:
    db.dispose()
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    open_database(resolve_database(str(link))).dispose()


@pytest.mark.parametrize(
    "url", ["garbage://x", "garbage://me:secret@host/db", "not a url",
            "postgresql://me:secret@host:port/db", "sqlite://"],
)
def test_an_unusable_database_url_is_one_sentence(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from carecli.cli import main

    monkeypatch.setenv("CARECLI_DATABASE_URL", url)
    old_umask = os.umask(0o022)
    os.umask(old_umask)
    try:
        assert main(["demo", "--clients", "1"]) == 1
    finally:
        os.umask(old_umask)  # main() tightens the umask for the whole process
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("carecli: CARECLI_DATABASE_URL")
    assert captured.err.count("\n") == 1
    assert "secret" not in captured.err
    assert url.replace(":secret", "") in captured.err


# --- a full disk -------------------------------------------------------------------------------


def _limit_pages(database: Database, extra_pages: int) -> None:
    """What a full disk does to SQLite, on the pooled connection: no more than a few pages."""
    with database.raw() as conn:
        cursor = conn.cursor()
        (pages,) = cursor.execute("PRAGMA page_count").fetchone()
        cursor.execute(f"PRAGMA max_page_count = {pages + extra_pages}")


def test_a_write_that_fills_the_disk_leaves_no_wal_behind(db: Database, db_path: Path) -> None:
    for i in range(20):  # committed changes waiting in the WAL
        create_client(db=db, values={"given_name": f"Kept{i}", "family_name": "Lee"})
    wal = _companion(db_path, "-wal")
    assert wal.stat().st_size > 0
    _limit_pages(db, 2)
    with pytest.raises(DatabaseWriteError, match="The disk is full"):
        with db.write() as session:
            for i in range(200):
                session.add(Client(given_name=f"Lost{i}", family_name="x" * 2000,
                                   enrolled_on=date(2026, 1, 1)))
    assert not wal.exists() or wal.stat().st_size == 0  # the WAL no longer holds the space
    create_client(db=db, values={"given_name": "After", "family_name": "Lee"})  # works again
    assert _count(db, "client") == 21


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB file system of its own (root only: mount)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(folder)],
        capture_output=True, check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        while True:
            os.write(fd, bytes(4096))
    except OSError:
        pass
    finally:
        os.close(fd)


def test_a_healthy_file_on_a_full_disk_is_reported_as_a_full_disk(small_disk: Path) -> None:
    path = small_disk / "carecli.db"
    database = open_database(resolve_database(str(path)))
    create_client(db=database, values={"given_name": "Ann", "family_name": "Lee"})
    database.dispose()
    before = path.read_bytes()
    _fill(small_disk)
    with pytest.raises(DatabaseOpenError) as info:
        open_database(resolve_database(str(path)))
    assert str(info.value).startswith(f"The disk holding {path} is full")
    with pytest.raises(DatabaseOpenError, match="is full"):  # the app's fast read path
        with SqliteReader(path).raw() as conn:
            conn.execute("SELECT count(*) FROM client").fetchone()
    assert path.read_bytes() == before
    (small_disk / "filler").unlink()
    database = open_database(resolve_database(str(path)))  # room again: it opens
    try:
        assert _count(database, "client") == 1
    finally:
        database.dispose()


def test_creating_on_a_full_disk_says_so_and_leaves_nothing(small_disk: Path) -> None:
    _fill(small_disk)
    path = small_disk / "carecli.db"
    with pytest.raises(DatabaseOpenError) as info:
        open_database(resolve_database(str(path)))
    assert str(info.value).startswith(f"The disk holding {path} is full")
    assert [p.name for p in small_disk.iterdir()] == ["filler"]


def test_a_demo_that_fills_the_disk_leaves_the_room_it_found(small_disk: Path) -> None:
    path = small_disk / "carecli.db"
    result = subprocess.run(
        [sys.executable, "-m", "carecli", "demo", "--db", str(path), "--clients", "3000"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("carecli: The disk is full")
    assert not _companion(path, "-wal").exists()  # old: a WAL of 2 MB kept the disk full
    database = open_database(resolve_database(str(path)))  # what was saved before opens
    database.dispose()


# --- a read-only spell -------------------------------------------------------------------------


def _write_protect(paths: list[Path]) -> None:
    """Make `paths` unwritable even for root (`chattr +i`), else by their mode."""
    for path in paths:
        if os.geteuid() != 0:
            path.chmod(0o500 if path.is_dir() else 0o400)
            continue
        protected = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if protected.returncode != 0:
            _unprotect(paths)
            pytest.skip(f"root cannot write-protect a file here: {protected.stderr.decode()}")


def _unprotect(paths: list[Path]) -> None:
    for path in paths:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=False)
        path.chmod(0o700 if path.is_dir() else 0o600)


def test_a_read_only_folder_is_refused_even_for_root(tmp_path: Path) -> None:
    """The same refusal as `test_read_only_folder_refused`, which root cannot run (chmod)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    _write_protect([folder])
    try:
        with pytest.raises(DatabaseOpenError, match="Cannot write in the folder"):
            open_database(resolve_database(str(folder / "carecli.db")))
        assert list(folder.iterdir()) == []
    finally:
        _unprotect([folder])


def test_saving_works_again_after_a_read_only_spell(db: Database, db_path: Path) -> None:
    """The file and its WAL were write-protected for a while (a `chmod -R a-w`, a remount).
    A connection opened meanwhile opens them read-only and stays so; the first save after the
    spell must not reuse it."""
    create_client(db=db, values={"given_name": "Before", "family_name": "Lee"})
    keeper = sqlite3.connect(db_path)  # another window keeps -wal and -shm open meanwhile
    keeper.execute("SELECT count(*) FROM client").fetchone()
    db.dispose()  # the next save opens a new connection, as a fresh app does
    protected = [db_path, _companion(db_path, "-wal")]
    _write_protect(protected)
    try:
        with pytest.raises(DatabaseWriteError, match="read-only"):
            create_client(db=db, values={"given_name": "During", "family_name": "Lee"})
    finally:
        _unprotect(protected)
    create_client(db=db, values={"given_name": "After", "family_name": "Lee"})
    keeper.close()
    assert _count(db, "client") == 2


# --- one connection factory --------------------------------------------------------------------


def test_every_connection_comes_from_the_connection_factory(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_connect = sqlite3.connect
    callers: set[str] = set()

    def recording_connect(*args, **kwargs):
        callers.add(Path(sys._getframe(1).f_code.co_filename).name)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", recording_connect)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", recording_connect)  # what SQLAlchemy calls
    database = open_database(resolve_database(str(db_path)))  # creates and migrates
    create_client(db=database, values={"given_name": "Ann", "family_name": "Lee"})
    database.dispose()
    database = open_database(resolve_database(str(db_path)))  # checks an existing file
    with SqliteReader(db_path).raw() as conn:
        conn.execute("SELECT count(*) FROM client").fetchone()
    create_client(db=database, values={"given_name": "Bo", "family_name": "Lee"})
    database.dispose()
    assert callers == {"connect.py"}


def test_the_connection_factory_is_cheap_to_import() -> None:
    script = (
        "import sys\n"
        "import carecli.data.connect, carecli.data.precheck, carecli.data.reader\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
