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
    assert out == ("Imported 7 services: 7 added, 0 updated, 0 unchanged, 0 marked "
                   "inactive.\n")
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
        "carecli: Nothing was imported: the directory has 2 bad rows; fix them and import it "
        "again.",
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
