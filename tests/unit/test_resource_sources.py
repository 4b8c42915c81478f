"""An imported resource knows its directory and what the import wrote (schema 0007): two
directories never overwrite each other, a re-import keeps the care manager's own edits and
inactive marks, the report counts new inactive services and left-out websites; the upgrade
keeps resources imported before (the next import claims them) and the downgrade runs."""

import sqlite3

import pytest
from alembic import command
from hsds_sample import SERVICES, write_directory
from legacy import database_at
from sqlalchemy import select, text

from carecli.config import resolve_database
from carecli.data.db import make_engine, open_database
from carecli.data.migrate import alembic_config
from carecli.data.models import CommunityResource
from carecli.data.resource_import import import_directory
from carecli.data.resources import (
    get_resource,
    resource_values,
    set_resource_status,
    update_resource,
)
from carecli.hsds import read_directory


def _by_hsds_id(db, hsds_id: str) -> CommunityResource:
    with db.read() as session:
        return session.scalars(select(CommunityResource)
                               .where(CommunityResource.hsds_id == hsds_id)).one()


@pytest.mark.both_backends
def test_a_re_import_keeps_what_the_nurse_edited_and_her_inactive_mark(db, tmp_path):
    first = import_directory(db=db, directory=read_directory(
        write_directory(tmp_path / "one" / "county", 2)))
    assert (first.added, first.added_inactive) == (7, 2)  # heating help and respite
    food = get_resource(db=db, resource_id=_by_hsds_id(db, "svc-food").id)
    update_resource(db=db, resource_id=food.id, version=food.version,
                    values={**resource_values(food), "phone": "555-777-0000",
                            "hours": "Tue 10-2 only"})
    rides = _by_hsds_id(db, "svc-ride")
    set_resource_status(db=db, resource_id=rides.id, version=rides.version, status="inactive")

    services = [list(r) for r in SERVICES]
    services[1][2] = "Eastside Food Pantry & Closet"  # the name changed: not edited, taken
    services[1][3] = "Groceries twice a week."
    phones_changed = write_directory(tmp_path / "two" / "county", 2, {
        "services.csv": services,
        "phones.csv": [["id", "service_id", "number"], ["ph-1", "svc-food", "555-100-9999"]],
        "schedules.csv": [["id", "service_id", "byday", "opens_at", "closes_at"],
                          ["s-1", "svc-food", "TU,TH", "10:00", "14:00"]]})
    counts = import_directory(db=db, directory=read_directory(phones_changed))

    food_now = _by_hsds_id(db, "svc-food")
    assert food_now.phone == "555-777-0000"  # the directory's changed too: hers kept
    assert food_now.hours == "Tue 10-2 only"  # the directory's did not change: hers kept
    assert food_now.name == "Eastside Food Pantry & Closet"
    assert food_now.description == "Groceries twice a week."
    assert _by_hsds_id(db, "svc-ride").status == "inactive"
    assert counts.kept_edited == 1  # the pantry's phone
    assert counts.source == "county" and not counts.new_source

    again = import_directory(db=db, directory=read_directory(phones_changed))
    assert (again.updated, again.kept_edited, again.unchanged) == (0, 0, 7)
    assert _by_hsds_id(db, "svc-food").phone == "555-777-0000"


@pytest.mark.both_backends
def test_an_inactive_mark_the_directory_agrees_with_then_lifts_follows_the_directory(db,
                                                                                    tmp_path):
    import_directory(db=db, directory=read_directory(write_directory(tmp_path / "a" / "dir")))
    services = [list(r) for r in SERVICES]
    services[2][6] = "inactive"  # Meals on Wheels closes
    closed = import_directory(db=db, directory=read_directory(
        write_directory(tmp_path / "b" / "dir", 2, {"services.csv": services})))
    assert (closed.marked_inactive, closed.updated) == (1, 0)
    reopened = import_directory(db=db, directory=read_directory(
        write_directory(tmp_path / "c" / "dir")))
    assert _by_hsds_id(db, "svc-meals").status == "active" and reopened.updated == 1


def test_websites_get_a_scheme_and_unusable_ones_are_left_out_and_counted(db, tmp_path):
    services = [list(r) for r in SERVICES]
    services[1][4] = "foodbank.example.org/pantry"
    services[2][4] = "call the front desk"
    services[3][4] = "ftp://rides.example.org"
    directory = read_directory(write_directory(tmp_path / "dir", 2, {"services.csv": services}))
    assert directory.websites_dropped == 2
    websites = {r.hsds_id: r.website for r in directory.resources}
    assert websites["svc-food"] == "https://foodbank.example.org/pantry"
    assert websites["svc-meals"] is None and websites["svc-ride"] is None
    assert websites["svc-heat"] == "https://riverside.example.org"  # its organization's
    import_directory(db=db, directory=directory)
    assert _by_hsds_id(db, "svc-food").website == "https://foodbank.example.org/pantry"


def test_the_directory_is_named_by_its_datapackage_else_its_folder_else_source(tmp_path):
    assert read_directory(write_directory(tmp_path / "v3", 3)).source == "sample"
    assert read_directory(write_directory(tmp_path / "County 211", 2)).source == "County 211"
    assert read_directory(tmp_path / "County 211", "  Valley\n211 ").source == "Valley 211"


# schema 0007 ---------------------------------------------------------------------------------
IMPORTED_BEFORE = (
    "INSERT INTO community_resource (id, name, category, status, hsds_id, version) VALUES"
    " (1, 'Eastside Food Pantry', 'food', 'active', 'SVC-FOOD', 1),"
    " (2, 'Typed by hand', 'other', 'active', NULL, 1)"
)


def test_the_upgrade_keeps_imported_resources_and_the_next_import_claims_them(tmp_path):
    path = tmp_path / "old.db"
    database_at("0006", path, IMPORTED_BEFORE)
    db = open_database(resolve_database(str(path)))
    try:
        with db.read() as session:
            assert session.execute(text(
                "SELECT id, hsds_source, hsds_id, hsds_imported FROM community_resource"
                " ORDER BY id")).all() == [(1, None, "SVC-FOOD", None), (2, None, None, None)]
        counts = import_directory(db=db, directory=read_directory(
            write_directory(tmp_path / "county")))
        assert (counts.added, counts.unchanged + counts.updated) == (6, 1)
        food = _by_hsds_id(db, "svc-food")
        assert (food.id, food.hsds_source, food.phone) == (1, "county", "555-100-0001")
    finally:
        db.dispose()


def test_the_downgrade_runs_with_two_directories_sharing_an_id(tmp_path):
    path = tmp_path / "carecli.db"
    database_at(
        "0007", path,
        "INSERT INTO community_resource (id, name, category, status, hsds_source, hsds_id,"
        " version) VALUES (1, 'Eastside Food Pantry', 'food', 'active', 'county-a', '1', 1),"
        " (2, 'Elder Law Clinic', 'legal', 'active', 'county-b', '1', 1)")
    engine = make_engine(f"sqlite:///{path}")
    config = alembic_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0006")
    finally:
        engine.dispose()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT id, name, hsds_id FROM community_resource ORDER BY id"
                            ).fetchall() == [(1, "Eastside Food Pantry", "1"),
                                             (2, "Elder Law Clinic", None)]
    finally:
        conn.close()



def test_the_form_takes_a_website_as_an_http_address_and_refuses_others(db):
    from carecli.data.errors import InvalidInput
    from carecli.data.resources import add_resource

    rid = add_resource(db=db, values={"name": "Food Bank", "website": "foodbank.org"})
    assert get_resource(db=db, resource_id=rid).website == "https://foodbank.org"
    for bad in ("ftp://foodbank.org", "foodbank", "mailto:help@foodbank.org", "http://"):
        with pytest.raises(InvalidInput) as caught:
            add_resource(db=db, values={"name": "Food Bank", "website": bad})
        assert caught.value.errors["website"].startswith("is not a web address"), bad
