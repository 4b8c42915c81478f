"""`carecli import resources PATH`: counts on success; every bad row as file:line and nothing
imported; one sentence for a path that is no directory; exit 1 for both."""

from pathlib import Path

import pytest
from hsds_sample import SERVICES, write_directory, zip_folder
from sqlalchemy import func, select
from test_cli import Run, assert_one_sentence
from test_cli import run as run  # noqa: F401  (the fixture `run`, used by name)

from carecli.config import resolve_database
from carecli.data.db import open_database
from carecli.data.models import CommunityResource


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "carecli.db"
    open_database(resolve_database(str(path))).dispose()
    return path


def resources(path: Path) -> int:
    db = open_database(resolve_database(str(path)))
    try:
        with db.read() as session:
            return session.scalar(select(func.count()).select_from(CommunityResource))
    finally:
        db.dispose()


def test_an_import_prints_its_counts_and_a_second_one_adds_nothing(run: Run, database,
                                                                   tmp_path):
    folder = write_directory(tmp_path / "dir", 2)
    code, out, err = run("import", "resources", str(folder), "--db", str(database))
    assert (code, err) == (0, "")
    assert out == ('Imported 7 services from "dir": 7 added (2 inactive), 0 updated, '
                   "0 unchanged, 0 now inactive.\n")
    archive = zip_folder(folder, tmp_path / "dir.zip", inner="export")
    code, out, _ = run("--db", str(database), "import", "resources", str(archive))
    assert code == 0 and "0 added, 0 updated, 7 unchanged" in out
    assert resources(database) == 7


def test_bad_rows_are_all_listed_and_nothing_is_imported(run: Run, database, tmp_path):
    services = [list(r) for r in SERVICES]
    services[2][2] = ""
    services[3][1] = "org-404"
    folder = write_directory(tmp_path / "dir", 3, {"services.csv": services})
    code, out, err = run("import", "resources", str(folder), "--db", str(database))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "carecli: Nothing was imported: the directory has 2 bad rows; fix them and import the "
        "directory again.",
        "services.csv:4: service svc-meals has no name",
        "services.csv:5: organization_id org-404 is not an id of organizations.csv",
    ]
    assert resources(database) == 0


@pytest.mark.parametrize("name, sentence", [
    ("missing", "There is no folder or .zip file at"),
    ("empty", "has no services.csv, so it is not an Open Referral (HSDS) directory"),
    ("clients.csv", "is a single CSV file"),
])
def test_a_path_that_is_no_directory_is_one_sentence(run: Run, database, tmp_path, name,
                                                     sentence):
    (tmp_path / "empty").mkdir()
    (tmp_path / "clients.csv").write_text("id,name\n1,Ann\n")
    code, out, err = run("import", "resources", str(tmp_path / name), "--db", str(database))
    assert code == 1 and out == ""
    assert_one_sentence(err, sentence)


def test_no_database_is_created_by_an_import(run: Run, tmp_path):
    folder = write_directory(tmp_path / "dir", 2)
    code, _, err = run("import", "resources", str(folder), "--db", str(tmp_path / "new.db"))
    assert code == 1 and not (tmp_path / "new.db").exists()
    assert_one_sentence(err, "There is no database at")


def test_import_needs_what_and_a_path(run: Run, database):
    code, _, err = run("import", "--db", str(database))
    assert code == 2 and "carecli:" in err
    code, _, err = run("import", "resources", "--db", str(database))
    assert code == 2 and "PATH" in err


def test_source_names_the_directory_and_the_report_says_what_to_know(run: Run, database,
                                                                      tmp_path):
    services = [list(r) for r in SERVICES]
    services[1][4] = "not a web address"
    run("import", "resources", str(write_directory(tmp_path / "county-a")), "--db",
        str(database))
    code, out, err = run("import", "resources", str(write_directory(
        tmp_path / "county-a-december", 2, {"services.csv": services})), "--db",
        str(database))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        'Imported 7 services from "county-a-december": 7 added (2 inactive), 0 updated, '
        "0 unchanged, 0 now inactive.",
        'This is a new directory beside "county-a", whose resources were not touched; to '
        "update one of those instead, import again with --source and its name.",
        "1 website was left out: not a web address (http or https, with a site name).",
    ]
    code, out, _ = run("import", "resources", str(tmp_path / "county-a-december"),
                       "--source", "county-a", "--db", str(database))
    assert code == 0 and out.splitlines()[0] == (
        'Imported 7 services from "county-a": 0 added, 1 updated, 6 unchanged, 0 now '
        "inactive.")
    assert resources(database) == 14


def test_one_bad_row_is_one_to_fix_and_an_empty_source_is_refused(run: Run, database,
                                                                   tmp_path):
    services = [list(r) for r in SERVICES]
    services[2][2] = ""
    folder = write_directory(tmp_path / "dir", 2, {"services.csv": services})
    code, _, err = run("import", "resources", str(folder), "--db", str(database))
    assert code == 1 and err.splitlines()[0] == (
        "carecli: Nothing was imported: the directory has 1 bad row; fix it and import the "
        "directory again.")
    code, _, err = run("import", "resources", str(write_directory(tmp_path / "ok")),
                       "--source", "  ", "--db", str(database))
    assert code == 1
    assert_one_sentence(err, "The directory's name (--source) is empty")
    assert resources(database) == 0
