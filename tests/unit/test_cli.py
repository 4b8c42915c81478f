"""The `carecli` command line: bad arguments get one sentence, never a traceback or a wrong file."""

import os
from collections.abc import Callable
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
