"""Writing an HSDS directory into the resource directory: added once, updated by HSDS id on a
re-import (never duplicated), a resource typed by hand and a care manager's note never
touched, and the resource form's rules (versioned edits, inactive kept)."""

import pytest
from hsds_sample import EXPECTED, PHONES, SERVICES, write_directory
from sqlalchemy import func, select

from carecli.data.errors import ChangedElsewhere, InvalidInput
from carecli.data.models import AuditLog, CommunityResource
from carecli.data.resource_import import import_directory
from carecli.data.resources import (
    add_resource,
    get_resource,
    list_resources,
    resource_values,
    set_resource_status,
    update_resource,
)
from carecli.hsds import read_directory

pytestmark = pytest.mark.both_backends


def stored(db) -> dict[str, tuple]:
    with db.read() as session:
        rows = session.scalars(select(CommunityResource)
                               .where(CommunityResource.hsds_id.is_not(None))).all()
        return {r.hsds_id: (r.name, r.organisation, r.category, r.status, r.phone, r.address)
                for r in rows}


def count(db, table=CommunityResource) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_an_import_adds_every_service_and_a_second_one_changes_nothing(db, tmp_path):
    hand = add_resource(db=db, values={"name": "Eastside Food Pantry", "category": "food",
                                       "phone": "555-999-0000"})
    directory = read_directory(write_directory(tmp_path / "dir", 2))
    counts = import_directory(db=db, directory=directory)
    assert (counts.added, counts.updated, counts.unchanged, counts.marked_inactive) == (
        7, 0, 0, 0)
    assert stored(db) == EXPECTED
    food = next(r for r in list_resources(db=db) if r.hsds_id == "svc-food")
    assert (food.hours, food.eligibility) == ("TU,TH 10:00-14:00", "County residents")
    with db.read() as session:
        created = session.scalars(select(AuditLog.entity_id)
                                  .where(AuditLog.summary == "hsds import")).all()
    assert sorted(created) == sorted(r.id for r in list_resources(db=db) if r.hsds_id)
    assert {r.version for r in list_resources(db=db)} == {1}
    again = import_directory(db=db, directory=directory)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 7)
    assert count(db) == 8
    assert get_resource(db=db, resource_id=hand).phone == "555-999-0000"  # typed by hand


def test_a_re_import_updates_by_hsds_id_keeps_the_note_and_counts_what_closed(db, tmp_path):
    first = write_directory(tmp_path / "one" / "county", 2)  # the same directory, twice
    import_directory(db=db, directory=read_directory(first))
    food = next(r for r in list_resources(db=db) if r.hsds_id == "svc-food")
    update_resource(db=db, resource_id=food.id, version=food.version,
                    values={**resource_values(food), "note": "Ask for Maria at the desk"})
    phones = [list(r) for r in PHONES]
    phones[1][5] = "555-100-0101"  # the pantry's own phone changed
    services = [list(r) for r in SERVICES]
    services[2][6] = "inactive"  # Meals on Wheels closed
    services[6][6] = "active"  # Respite reopened
    services.append(["svc-new", "org-3", "Tenant Rights Line", "", "", "", "active"])
    changed = write_directory(tmp_path / "two" / "county", 2, {"phones.csv": phones,
                                                    "services.csv": services})
    counts = import_directory(db=db, directory=read_directory(changed))
    assert (counts.added, counts.updated, counts.unchanged, counts.marked_inactive) == (
        1, 2, 4, 1)  # the pantry and Respite updated, Meals on Wheels marked inactive
    now = stored(db)
    assert now["svc-food"][4] == "555-100-0101"
    assert now["svc-meals"][3] == "inactive" and now["svc-respite"][3] == "active"
    assert now["svc-new"][2] == "housing"
    assert count(db) == 8  # seven updated in place, one added
    food_now = get_resource(db=db, resource_id=food.id)
    assert food_now.note == "Ask for Maria at the desk"
    assert food_now.version == food.version + 2  # the note, then the phone
    with db.read() as session:
        audits = session.scalars(select(AuditLog.summary)
                                 .where(AuditLog.entity_id == food.id)).all()
    assert "hsds import: phone" in audits and not any("Maria" in (a or "") for a in audits)


def test_a_directory_with_a_bad_row_writes_nothing(db, tmp_path):
    services = [list(r) for r in SERVICES]
    services[4][2] = ""
    folder = write_directory(tmp_path / "dir", 2, {"services.csv": services})
    with pytest.raises(Exception, match="services.csv:6: service svc-legal has no name"):
        import_directory(db=db, directory=read_directory(folder))
    assert count(db) == 0


def test_not_listed_any_more_is_counted_and_left_alone(db, tmp_path):
    first = write_directory(tmp_path / "one" / "county", 2)  # the same directory, twice
    import_directory(db=db, directory=read_directory(first))
    services = [r for r in SERVICES if r[0] != "svc-notary"]
    smaller = write_directory(tmp_path / "two" / "county", 2, {"services.csv": services})
    counts = import_directory(db=db, directory=read_directory(smaller))
    assert counts.not_listed == 1 and stored(db)["svc-notary"][3] == "active"


def test_the_form_rules_stale_edits_and_status(db):
    rid = add_resource(db=db, values={"name": "  Ride Line ", "category": "transportation",
                                      "website": "rides.example.org"})
    ride = get_resource(db=db, resource_id=rid)
    assert (ride.name, ride.status, ride.version) == ("Ride Line", "active", 1)
    with pytest.raises(InvalidInput) as caught:
        add_resource(db=db, values={"name": " ", "category": "food", "phone": "call us",
                                    "website": "two words"})
    assert set(caught.value.errors) == {"name", "phone", "website"}
    crisis = add_resource(db=db, values={"name": "Lifeline", "category": "mental_health",
                                         "phone": "988"})  # a three-digit line is a number
    assert get_resource(db=db, resource_id=crisis).phone == "988"
    with pytest.raises(InvalidInput):
        add_resource(db=db, values={"name": "X", "category": "groceries"})
    set_resource_status(db=db, resource_id=rid, version=1, status="inactive")
    with pytest.raises(ChangedElsewhere):
        update_resource(db=db, resource_id=rid, version=1,
                        values={"name": "Ride Line", "category": "transportation"})
    with pytest.raises(ChangedElsewhere):
        set_resource_status(db=db, resource_id=rid, version=1, status="active")
    assert get_resource(db=db, resource_id=rid).status == "inactive"
