"""The `carecli` command line: bad arguments get one sentence, never a traceback or a wrong file."""

import os
import pty
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from carecli.cli import main
from carecli.config import default_database_path, resolve_database

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture) -> Run:
    """Call `main` as the shell would; returns (exit code, stdout, stderr)."""

    def run_main(*argv: str) -> tuple[int, str, str]:
        umask = os.umask(0o022)
        os.umask(umask)
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse refusals exit
            code = exc.code
        finally:
            os.umask(umask)  # main() tightens the umask for the whole process
        out, err = capsys.readouterr()
        return code, out, err

    return run_main


def assert_one_sentence(err: str, expected: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("carecli: "), err
    assert expected in lines[0], err
    assert "Traceback" not in err


# --- which database: --db ----------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["demo", "--clients", "2"]], ids=["app", "demo"])
def test_an_empty_db_is_refused_not_the_default_database(run: Run, command: list[str]) -> None:
    default = default_database_path()
    code, out, err = run("--db", "", *command)
    assert code == 1
    assert_one_sentence(err, "--db was given an empty path")
    assert not default.parent.exists()  # the default database was neither made nor touched


def test_an_empty_db_after_the_subcommand_is_refused(run: Run) -> None:
    code, _, err = run("demo", "--db", "  ")
    assert code == 1
    assert_one_sentence(err, "--db was given an empty path")
    assert not default_database_path().parent.exists()


def test_an_empty_carecli_db_variable_means_unset() -> None:
    assert resolve_database(None, {"CARECLI_DB": ""}).is_default
    assert resolve_database(None, {"CARECLI_DB": "", "CARECLI_DATABASE_URL": ""}).is_default


def test_a_db_with_a_nul_byte_is_refused(run: Run, tmp_path: Path) -> None:
    code, _, err = run("--db", str(tmp_path / "a\0b.db"), "demo", "--clients", "2")
    assert code == 1
    assert_one_sentence(err, "NUL character")
    assert not list(tmp_path.glob("a*"))


@pytest.mark.parametrize("command", [[], ["demo", "--clients", "2"]], ids=["app", "demo"])
def test_a_db_naming_a_folder_is_refused(run: Run, tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    code, _, err = run("--db", str(folder), *command)
    assert code == 1
    assert_one_sentence(err, "is a folder, not a database file")
    assert list(folder.iterdir()) == []


# --- demo: how many clients, and progress while building ---------------------------------------


def _clients_in(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM client").fetchone()[0]


@pytest.mark.parametrize("clients", ["100001", "100000000", "0", "-3"])
def test_demo_client_count_out_of_range_is_refused(run: Run, tmp_path: Path,
                                                   clients: str) -> None:
    db = tmp_path / "demo.db"
    code, out, err = run("--db", str(db), "demo", "--clients", clients)
    assert code == 2
    assert_one_sentence(err, "--clients takes a number from 1 to 100,000")
    assert out == ""
    assert not db.exists()


def test_demo_progress_is_a_few_plain_lines_when_not_a_terminal(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    code, out, err = run("--db", str(db), "demo", "--clients", "150")
    assert code == 0, err
    assert err.splitlines() == [
        "Building 150 clients… 0%", "Building 150 clients… 66%", "Building 150 clients… 100%",
    ]
    assert out.startswith(f"Demo caseload: 150 clients written to {db} in ")
    assert _clients_in(db) == 150


def test_demo_progress_is_updated_in_place_on_a_terminal(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "carecli", "--db", str(db), "demo", "--clients", "150"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower,
    ) as process:
        os.close(follower)
        screen = b""
        while chunk := _read(leader):
            screen += chunk
        out, _ = process.communicate(timeout=120)
    os.close(leader)
    assert process.returncode == 0, screen
    text = screen.decode()
    assert text == (
        "\rBuilding 150 clients… 0%\rBuilding 150 clients… 66%\rBuilding 150 clients… 100%"
        "\r\x1b[K"
    )
    assert out.decode().startswith("Demo caseload: 150 clients written to")
    assert _clients_in(db) == 150


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 4096)
    except OSError:  # Linux reports the closed terminal as EIO
        return b""


# --- --caseload: the app opens on the caseload --------------------------------------------------


@pytest.mark.parametrize(("option", "title"), [([], "carecli — Today"),
                                               (["--caseload"], "carecli — Caseload")])
def test_the_app_opens_on_the_queue_or_with_caseload_on_the_caseload(
        run: Run, tmp_path: Path, option: list[str], title: str) -> None:
    db = tmp_path / "demo.db"
    assert run("--db", str(db), "demo", "--clients", "5")[0] == 0
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    with subprocess.Popen([sys.executable, "-m", "carecli", "--db", str(db), *option],
                          stdin=follower, stdout=follower, stderr=follower, env=env,
                          start_new_session=True) as process:
        os.close(follower)
        try:
            text = _screen_until(leader, title)
            os.write(leader, b"\x11")  # ctrl+q
            process.wait(timeout=60)
        finally:
            process.kill()
    os.close(leader)
    assert title in text and process.returncode == 0


def _screen_until(fd: int, words: str, timeout: float = 60) -> str:
    """What a program writes to the terminal `fd`, its colours left out, until `words` show
    (or `timeout` seconds pass)."""
    import select
    import time

    written, text, deadline = b"", "", time.monotonic() + timeout
    while words not in text and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.5)[0]:
            chunk = _read(fd)
            if not chunk:
                break
            written += chunk
            text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", written.decode(errors="replace"))
    return text


def test_caseload_with_a_command_is_refused(run: Run, tmp_path: Path) -> None:
    code, out, err = run("--db", str(tmp_path / "x.db"), "--caseload", "today")
    assert code == 2 and out == ""
    assert_one_sentence(err, "--caseload opens the app on the caseload; it does not go with "
                             "`today`")
    assert not (tmp_path / "x.db").exists()


# --- demo --force: a backup first ----------------------------------------------------------------


def _names_in(path: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT given_name, family_name FROM client ORDER BY id").fetchall()


@pytest.fixture
def caseload(run: Run, tmp_path: Path) -> Path:
    """A database holding a 3-client demo caseload (seed 1), in a folder of its own."""
    folder = tmp_path / "files"
    folder.mkdir()
    db = folder / "carecli.db"
    code, _, err = run("--db", str(db), "demo", "--clients", "3")
    assert code == 0, err
    return db


def test_force_backs_up_the_old_caseload_before_replacing_it(run: Run, caseload: Path) -> None:
    old_names = _names_in(caseload)
    code, out, err = run("--db", str(caseload), "demo", "--clients", "4", "--seed", "2", "--force")
    assert code == 0, err
    backups = list(caseload.parent.glob("carecli-backup-*.db"))
    assert len(backups) == 1
    backup = backups[0]
    assert re.fullmatch(r"carecli-backup-\d{8}-\d{6}\.db", backup.name)
    said, summary = out.splitlines()
    assert said == f"Backed up the database to {backup} before replacing it."
    assert summary.startswith("Demo caseload: 4 clients written to")
    assert backup.stat().st_mode & 0o777 == 0o600
    assert _names_in(backup) == old_names  # the backup holds the clients that were replaced
    new_names = _names_in(caseload)
    assert len(new_names) == 4 and new_names[:3] != old_names  # the database holds the new ones
    with closing(sqlite3.connect(backup)) as conn:  # one self-contained, healthy file
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert sorted(p.name for p in caseload.parent.iterdir()) == sorted(["carecli.db", backup.name])


def test_force_on_an_empty_database_takes_no_backup(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    code, out, err = run("--db", str(db), "demo", "--clients", "2", "--force")
    assert code == 0, err
    assert "Backed up" not in out
    assert not list(tmp_path.glob("*backup*"))


def test_a_backup_never_overwrites_a_file(caseload: Path) -> None:
    from carecli.data.backup import backup_database

    at = datetime(2026, 11, 30, 9, 15, 2)
    taken = caseload.parent / "carecli-backup-20261130-091502.db"
    taken.write_text("someone else's file")
    first = backup_database(caseload, now=at)
    second = backup_database(caseload, now=at)
    assert (first.name, second.name) == (
        "carecli-backup-20261130-091502-2.db", "carecli-backup-20261130-091502-3.db",
    )
    assert taken.read_text() == "someone else's file"
    assert _names_in(first) == _names_in(second) == _names_in(caseload)


def test_force_is_refused_when_the_backup_fails(caseload: Path) -> None:
    """A file-size limit below the database's size makes the copy fail part-way, as a full disk
    does: nothing is replaced, and no partial backup is left behind."""
    old_names = _names_in(caseload)
    assert caseload.stat().st_size > 100_000
    script = (
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))\n"
        "from carecli.cli import main\n"
        f"raise SystemExit(main(['--db', {str(caseload)!r}, 'demo', '--clients', '5', "
        "'--seed', '2', '--force']))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, stdin=subprocess.DEVNULL, check=False)
    assert result.returncode == 1
    assert_one_sentence(result.stderr, f"Could not back up {caseload} (")
    assert result.stderr.strip().endswith("; nothing was changed.")
    assert result.stdout == ""
    assert _names_in(caseload) == old_names
    assert [p.name for p in caseload.parent.iterdir()] == ["carecli.db"]


def test_force_on_a_server_says_no_backup_was_taken(capsys: pytest.CaptureFixture,
                                                    tmp_path: Path) -> None:
    from carecli.cli import back_up
    from carecli.config import DatabaseLocation

    back_up(DatabaseLocation("postgresql://nurse:secret@db.example/carecli"))
    out, err = capsys.readouterr()
    assert out == ""
    assert_one_sentence(err, "no backup was taken of the server database "
                             "postgresql://nurse@db.example/carecli; pg_dump makes one")
    assert "secret" not in err


# --- other bad arguments: one sentence each ------------------------------------------------------


@pytest.mark.parametrize(("argv", "expected"), [
    (["frob"], "carecli: argument COMMAND: invalid choice: 'frob'"),
    (["demo", "--clients", "abc"], "carecli: argument --clients: invalid int value: 'abc'"),
    (["demo", "--seed", "1.5"], "carecli: argument --seed: invalid int value: '1.5'"),
    (["demo", "--colour"], "carecli: unrecognized arguments: --colour"),
    (["--db"], "carecli: argument --db: expected one argument"),
], ids=["unknown-command", "clients-not-a-number", "seed-not-a-whole-number", "unknown-option",
        "db-without-path"])
def test_bad_arguments_get_one_line(run: Run, argv: list[str], expected: str) -> None:
    code, out, err = run(*argv)
    assert code == 2
    assert_one_sentence(err, expected)
    assert err.rstrip().endswith("--help`.")
    assert out == ""
    assert not default_database_path().parent.exists()


@pytest.mark.parametrize("seed", ["-5", "0", str(10**30)])
def test_any_whole_number_is_a_seed(run: Run, tmp_path: Path, seed: str) -> None:
    db = tmp_path / "demo.db"
    code, _, err = run("--db", str(db), "demo", "--clients", "2", "--seed", seed)
    assert code == 0, err
    assert _clients_in(db) == 2


def test_a_path_too_long_for_the_system_gets_one_sentence(run: Run, tmp_path: Path) -> None:
    code, _, err = run("--db", str(tmp_path / ("a" * 300 + ".db")), "demo", "--clients", "2")
    assert code == 1
    assert_one_sentence(err, "")
    assert not list(tmp_path.glob("a*"))


def test_demo_on_a_read_only_file_is_refused_and_untouched(run: Run, caseload: Path) -> None:
    before = caseload.read_bytes()
    caseload.chmod(0o400)
    immutable = os.geteuid() == 0  # root writes any file whatever its mode, unless immutable
    if immutable and subprocess.run(["chattr", "+i", str(caseload)], capture_output=True,
                                    check=False).returncode != 0:
        pytest.skip("running as root on a file system without chattr +i")
    try:
        code, out, err = run("--db", str(caseload), "demo", "--clients", "2", "--force")
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(caseload)], check=True)
    assert code == 1
    assert_one_sentence(err, str(caseload))
    assert caseload.read_bytes() == before
    assert [p.name for p in caseload.parent.iterdir()] == ["carecli.db"]


def test_output_to_a_closed_pipe_ends_quietly_after_the_work(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    with subprocess.Popen(
        [sys.executable, "-m", "carecli", "--db", str(db), "demo", "--clients", "2"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as process:
        process.stdout.close()  # like `carecli demo | head -0`
        err = process.stderr.read().decode()
    assert process.returncode == 1
    assert err.splitlines() == ["Building 2 clients… 0%", "Building 2 clients… 100%"]
    assert _clients_in(db) == 2


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_to_a_full_device_gets_one_sentence_and_replaces_nothing(caseload: Path) -> None:
    old_names = _names_in(caseload)
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "carecli", "--db", str(caseload), "demo", "--clients", "2",
             "--force"], stdin=subprocess.DEVNULL, stdout=full, stderr=subprocess.PIPE,
            text=True, timeout=120, check=False,
        )
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last == "carecli: Stopped by the system: No space left on device."
    assert "Traceback" not in result.stderr
    assert _names_in(caseload) == old_names  # the backup could not be announced: no replacing


def test_version_says_the_same_alone_and_after_an_option(capsys) -> None:
    """`carecli --version` answers before the parser is built; with another option first the
    parser answers: both say the same."""
    from carecli import __version__

    assert main(["--version"]) == 0
    alone = capsys.readouterr().out
    with pytest.raises(SystemExit) as parsed:
        main(["--db", "unused.db", "--version"])
    assert parsed.value.code == 0
    assert alone == capsys.readouterr().out == f"carecli {__version__}\n"
