"""Files carecli must refuse: one clear sentence, and the file left exactly as it was."""

import os
import random
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from carecli.config import resolve_database
from carecli.data import precheck
from carecli.data.clients import create_client
from carecli.data.db import open_database
from carecli.data.errors import DatabaseOpenError
from carecli.data.schema import APPLICATION_ID

PAGE = 4096


def make_empty(path: Path) -> None:
    path.write_bytes(b"")


def make_text(path: Path) -> None:
    path.write_text("Name,Phone\nAnn Lee,555-123-4567\n")


def make_foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO recipes (title) VALUES ('Soup')")
    conn.commit()
    conn.close()


def _real_database(path: Path, clients: int = 60) -> None:
    database = open_database(resolve_database(str(path)))
    for i in range(clients):
        create_client(db=database, values={
            "given_name": f"Given{i}", "family_name": f"Family{i}", "notes": "n" * 300,
        })
    database.dispose()
    assert not path.with_name(path.name + "-wal").exists()  # checkpointed on close


def make_corrupt(path: Path) -> None:
    """A real carecli file whose middle pages are overwritten, as a failing disk would."""
    _real_database(path)
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    assert pages > 20
    noise = random.Random(7)
    for page in range(pages // 3, pages // 3 + 4):
        data[page * PAGE:(page + 1) * PAGE] = bytes(noise.randrange(256) for _ in range(PAGE))
    path.write_bytes(bytes(data))


def make_bad_page_headers(path: Path) -> None:
    """A real carecli file with some middle pages' b-tree headers smashed (quick_check sees it)."""
    _real_database(path)
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    for page in range(pages // 2, pages // 2 + 2):
        data[page * PAGE:page * PAGE + 16] = b"\xa5" * 16
    path.write_bytes(bytes(data))


def make_newer(path: Path) -> None:
    _real_database(path, clients=2)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


def make_without_version(path: Path) -> None:
    """A carecli file whose alembic_version table was dropped (by a tool or a bad restore)."""
    _real_database(path, clients=2)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE alembic_version")
    conn.commit()
    conn.close()


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "empty": (make_empty, "empty file"),
    "text": (make_text, "not an SQLite file"),
    "foreign": (make_foreign_sqlite, "of another program"),
    "corrupt": (make_corrupt, "damaged"),
    "bad_page_headers": (make_bad_page_headers, "damaged"),
    "newer": (make_newer, "newer carecli"),
    "no_version": (make_without_version, "no schema version"),
}


def _snapshot(path: Path) -> tuple[bytes, int, int]:
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, st.st_size


def _assert_one_sentence(message: str, path: Path) -> None:
    assert "\n" not in message
    assert message.endswith(".")
    assert str(path) in message
    assert "Traceback" not in message


@pytest.fixture
def bad_path(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    return folder / "carecli.db"


@pytest.mark.parametrize("case", list(CASES))
def test_bad_file_refused_and_untouched(case: str, bad_path: Path) -> None:
    make, expected = CASES[case]
    make(bad_path)
    before = _snapshot(bad_path)
    with pytest.raises(DatabaseOpenError) as info:
        open_database(resolve_database(str(bad_path)))
    message = str(info.value)
    _assert_one_sentence(message, bad_path)
    assert expected in message
    assert _snapshot(bad_path) == before


@pytest.mark.parametrize("case", list(CASES))
def test_inspect_file_refuses_before_anything_opens(case: str, bad_path: Path) -> None:
    make, expected = CASES[case]
    make(bad_path)
    before = _snapshot(bad_path)
    with pytest.raises(DatabaseOpenError, match=expected):
        precheck.inspect_file(bad_path)  # the cheap checks, before the screen opens
        precheck.verify_integrity(bad_path)  # the whole-file check, after first paint
    assert _snapshot(bad_path) == before
    assert sorted(p.name for p in bad_path.parent.iterdir()) == ["carecli.db"]  # no -wal/-shm


def test_corruption_is_caught_by_quick_check(bad_path: Path) -> None:
    """Damaged pages are found by precheck's quick_check, reported on one line."""
    make_bad_page_headers(bad_path)
    with pytest.raises(DatabaseOpenError) as info:
        precheck.verify_integrity(bad_path)
    message = str(info.value)
    assert "is damaged (SQLite reports: Page " in message
    assert message.endswith("; restore it from a backup.")
    _assert_one_sentence(message, bad_path)


def _marked_empty_file(path: Path) -> None:
    """What an older carecli left when its first run was killed: our mark, no tables yet."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def test_older_database_without_version_table_is_upgraded(bad_path: Path) -> None:
    """A carecli-marked file with no tables yet (e.g. creation interrupted) is migrated."""
    _marked_empty_file(bad_path)
    assert precheck.inspect_file(bad_path) is precheck.FileState.NEEDS_UPGRADE
    database = open_database(resolve_database(str(bad_path)))
    database.dispose()
    assert precheck.inspect_file(bad_path) is precheck.FileState.CURRENT


def test_folder_given_as_database(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    with pytest.raises(DatabaseOpenError, match="is a folder"):
        open_database(resolve_database(str(folder)))


# --- read-only places ----------------------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DatabaseOpenError, match="Cannot write in the folder"):
            open_database(resolve_database(str(folder / "carecli.db")))
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def _deny_access_to(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    real_access = os.access

    def fake_access(path, mode, *args, **kwargs):
        if Path(path) == denied:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(precheck.os, "access", fake_access)


def test_ensure_folder_refuses_unwritable_folder(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    _deny_access_to(monkeypatch, folder)
    with pytest.raises(DatabaseOpenError) as info:
        precheck.ensure_folder(folder / "carecli.db", create=False)
    message = str(info.value)
    assert message.startswith(f"Cannot write in the folder {folder}")
    assert "--db" in message
    _assert_one_sentence(message, folder)


def test_unwritable_folder_refused_before_creating_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    _deny_access_to(monkeypatch, folder)
    with pytest.raises(DatabaseOpenError, match="Cannot write in the folder"):
        open_database(resolve_database(str(folder / "carecli.db")))
    assert list(folder.iterdir()) == []


def test_unwritable_file_refused_and_untouched(db, db_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    db.dispose()
    before = _snapshot(db_path)
    _deny_access_to(monkeypatch, db_path)
    with pytest.raises(DatabaseOpenError, match="no permission"):
        open_database(resolve_database(str(db_path)))
    assert _snapshot(db_path) == before


def test_default_folder_that_cannot_be_created(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker / "sub"))
    with pytest.raises(DatabaseOpenError) as info:
        open_database(resolve_database(None))
    assert str(info.value).startswith("Cannot create the folder")
    assert blocker.read_text() == "a file where a folder should be"


def test_a_named_folder_is_never_created(tmp_path: Path) -> None:
    """`--db` with a mistyped folder refuses instead of making folders."""
    path = tmp_path / "typo" / "carecli.db"
    with pytest.raises(DatabaseOpenError, match="does not exist; create it first"):
        open_database(resolve_database(str(path)))
    assert not path.parent.exists()


# --- the same through the command line -----------------------------------------------------------


def _run_cli(*args: str, prelude: str = "") -> subprocess.CompletedProcess:
    code = (
        f"{prelude}\n"
        "import sys\n"
        "from carecli.cli import main\n"
        "raise SystemExit(main(sys.argv[1:]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120,
        stdin=subprocess.DEVNULL, check=False,
    )


def _assert_cli_refusal(
    result: subprocess.CompletedProcess, expected: str, *, after_screen: bool = False
) -> None:
    """Exit 1 with one "carecli: ..." sentence. With `after_screen`, the app had opened (the
    whole-file check runs after first paint), so the sentence follows its screen output."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    text = result.stderr.strip()
    if after_screen:
        text = re.sub(r"\x1b(\[[0-9;?<>=$]*[A-Za-z~]|\][^\x07\x1b]*(\x07|\x1b\\)?|.)", "", text)
        text = text.strip().splitlines()[-1]
        text = text[text.index("carecli:"):]
    lines = text.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("carecli:")
    assert expected in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", [[], ["demo", "--clients", "2"]], ids=["app", "demo"])
def test_cli_refuses_bad_file(case: str, command: list[str], bad_path: Path) -> None:
    make, expected = CASES[case]
    make(bad_path)
    before = _snapshot(bad_path)
    result = _run_cli("--db", str(bad_path), *command)
    damaged_only = case in ("corrupt", "bad_page_headers")
    _assert_cli_refusal(result, expected, after_screen=damaged_only and not command)
    assert _snapshot(bad_path) == before


def test_cli_module_entry_refuses_bad_file(bad_path: Path) -> None:
    make_text(bad_path)
    before = _snapshot(bad_path)
    result = subprocess.run(
        [sys.executable, "-m", "carecli", "--db", str(bad_path), "demo"], capture_output=True,
        text=True, timeout=120, stdin=subprocess.DEVNULL, check=False,
    )
    _assert_cli_refusal(result, "not an SQLite file")
    assert _snapshot(bad_path) == before


def test_cli_db_after_subcommand(bad_path: Path) -> None:
    make_empty(bad_path)
    result = _run_cli("demo", "--db", str(bad_path))
    _assert_cli_refusal(result, "empty file")


@pytest.mark.parametrize("command", [[], ["demo"]], ids=["app", "demo"])
def test_cli_refuses_unwritable_folder(command: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    prelude = (
        "import os\n"
        f"_denied = {str(folder)!r}\n"
        "_real = os.access\n"
        "os.access = lambda p, m, *a, **k: False if str(p) == _denied else _real(p, m, *a, **k)\n"
    )
    result = _run_cli("--db", str(folder / "carecli.db"), *command, prelude=prelude)
    _assert_cli_refusal(result, "Cannot write in the folder")
    assert list(folder.iterdir()) == []


def test_main_in_process_refuses_before_ui(bad_path: Path, capsys: pytest.CaptureFixture) -> None:
    from carecli.cli import main

    make_foreign_sqlite(bad_path)
    before = _snapshot(bad_path)
    old_umask = os.umask(0o022)
    os.umask(old_umask)
    try:
        assert main(["--db", str(bad_path)]) == 1
    finally:
        os.umask(old_umask)  # main() tightens the umask for the whole process
    err = capsys.readouterr().err
    assert err.startswith("carecli:") and "another program" in err
    assert err.count("\n") == 1
    assert _snapshot(bad_path) == before
