"""Fault hunt (issue 9): HSDS import defects, each with the test that failed before
its fix."""

import zipfile
from pathlib import Path

import pytest
from hsds_sample import write_directory, zip_folder
from sqlalchemy import select
from test_cli import Run, assert_one_sentence
from test_cli import run as run  # noqa: F401  (the fixture `run`, used by name)

from carecli.config import resolve_database
from carecli.data.db import open_database
from carecli.data.models import CommunityResource
from carecli.data.resource_import import import_directory
from carecli.hsds import HsdsRefused, read_directory


def _encrypted(archive: Path) -> Path:
    """`archive` with every entry flagged as encrypted (what a password-protected zip made by
    a desktop zip tool looks like to `zipfile`)."""
    data = bytearray(archive.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = 0
        while (at := data.find(signature, at)) != -1:
            data[at + flags_at] |= 0x01
            at += 4
    archive.write_bytes(bytes(data))
    assert zipfile.ZipFile(archive).infolist()[0].flag_bits & 0x01
    return archive


def test_a_password_protected_zip_is_refused_in_one_sentence(tmp_path):
    archive = _encrypted(zip_folder(write_directory(tmp_path / "dir"), tmp_path / "dir.zip"))
    with pytest.raises(HsdsRefused):
        read_directory(archive)


def test_the_command_on_a_password_protected_zip_says_one_sentence(run: Run, tmp_path):
    database = tmp_path / "carecli.db"
    open_database(resolve_database(str(database))).dispose()
    archive = _encrypted(zip_folder(write_directory(tmp_path / "dir"), tmp_path / "dir.zip"))
    try:
        code, _out, err = run("--db", str(database), "import", "resources", str(archive))
    except RuntimeError as exc:  # what happens today: it escapes main()
        pytest.fail(f"traceback: {exc}")
    assert code == 1
    assert_one_sentence(err, "dir.zip")


def _directory(folder: Path, service: str, organisation: str) -> Path:
    """A one-service HSDS 1.x/2.x directory whose ids are small integers (as many 211
    exports have)."""
    folder.mkdir()
    (folder / "organizations.csv").write_text(f"id,name\n1,{organisation}\n")
    (folder / "services.csv").write_text(f"id,organization_id,name\n1,1,{service}\n")
    return folder


@pytest.mark.both_backends
def test_a_second_directory_with_the_same_ids_does_not_overwrite_the_first(db, tmp_path):
    import_directory(db=db, directory=read_directory(
        _directory(tmp_path / "county-a", "Eastside Food Pantry", "County A Action")))
    import_directory(db=db, directory=read_directory(
        _directory(tmp_path / "county-b", "Elder Law Clinic", "County B Legal Aid")))
    with db.read() as session:
        names = sorted(session.scalars(select(CommunityResource.name)).all())
    assert names == ["Eastside Food Pantry", "Elder Law Clinic"]


@pytest.mark.both_backends
def test_the_same_uuid_in_capitals_updates_rather_than_duplicates(db, tmp_path):
    uuid = "3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b"
    for name, key in (("lower", uuid), ("upper", uuid.upper())):
        folder = tmp_path / name / "county-211"  # the same directory, exported twice
        folder.mkdir(parents=True)
        (folder / "organizations.csv").write_text("id,name\norg-1,County A Action\n")
        (folder / "services.csv").write_text(
            f"id,organization_id,name\n{key},org-1,Eastside Food Pantry\n")
        import_directory(db=db, directory=read_directory(folder))
    with db.read() as session:
        assert len(session.scalars(select(CommunityResource.id)).all()) == 1
