"""Reading an Open Referral HSDS directory (pure: no database): both file shapes, linked phones
and addresses, zip input, every bad row named by file and line, and the refusals."""


import pytest
from hsds_sample import EXPECTED, SERVICES, files, write_directory, zip_folder

from carecli.hsds import HsdsInvalid, HsdsRefused, read_directory
from carecli.hsds import source as hsds_source
from carecli.hsds.categories import categorise


def shown(directory) -> dict[str, tuple]:
    return {r.hsds_id: (r.name, r.organisation, r.category, r.status, r.phone, r.address)
            for r in directory.resources}


def bad_rows(path) -> list[str]:
    with pytest.raises(HsdsInvalid) as caught:
        read_directory(path)
    return [str(b) for b in caught.value.bad]


@pytest.mark.parametrize("version", [2, 3])
def test_every_service_becomes_a_resource_with_phone_and_address_found_through_its_links(
        tmp_path, version):
    """2.x: physical_addresses.csv; 3.x: addresses.csv, where the physical address wins over
    the postal one listed before it. Phones: the service's, else its service-at-location's,
    else its location's, else its organization's first one."""
    directory = read_directory(write_directory(tmp_path / "dir", version))
    assert shown(directory) == EXPECTED
    food = directory.resources[0]
    assert food.description == "Groceries once a week.\nBring an ID."
    assert (food.hours, food.eligibility) == ("TU,TH 10:00-14:00", "County residents")
    assert food.email == "pantry@riverside.example.org"
    assert food.website == "https://riverside.example.org"  # the organization's
    assert "contacts.csv" not in directory.files and "services.csv" in directory.files


def test_a_zip_of_the_folder_reads_the_same_even_with_its_files_in_one_sub_folder(tmp_path):
    folder = write_directory(tmp_path / "dir", 3)
    assert shown(read_directory(zip_folder(folder, tmp_path / "flat.zip"))) == EXPECTED
    inner = zip_folder(folder, tmp_path / "inner.zip", inner="hsds-export-2026")
    assert shown(read_directory(inner)) == EXPECTED


def test_a_folder_whose_files_sit_in_one_sub_folder_reads_too(tmp_path):
    write_directory(tmp_path / "download" / "directory", 2)
    assert shown(read_directory(tmp_path / "download")) == EXPECTED


def test_every_bad_row_is_named_by_file_and_physical_line(tmp_path):
    """A multi-line description counts its lines: the service after it is on line 4."""
    services = [list(r) for r in SERVICES]
    services[2][2] = ""  # svc-meals, on line 4 (svc-food's description takes lines 2-3)
    services[3][1] = "org-9"  # svc-ride, line 5: an unknown organization
    services.append(["svc-food", "org-1", "Again", "", "", "", "active"])  # line 10: twice
    services.append(["svc-x", "org-1", "Closed", "", "", "", "shut"])  # line 11
    phones = files()["phones.csv"] + [["ph-8", "svc-nope", "", "", "", "555-100-0008", "", ""],
                                      ["ph-9", "", "sal-99", "", "", "", "", ""]]
    folder = write_directory(tmp_path / "dir", 2, {"services.csv": services,
                                                   "phones.csv": phones})
    assert bad_rows(folder) == [
        "services.csv:4: service svc-meals has no name",
        "services.csv:5: organization_id org-9 is not an id of organizations.csv",
        "services.csv:10: the id svc-food is used twice (first on line 2)",
        "services.csv:11: status 'shut' is not one of active, inactive, defunct, "
        "temporarily closed",
        "phones.csv:9: service_id svc-nope is not an id of services.csv",
        "phones.csv:10: a phone without a number",
        "phones.csv:10: service_at_location_id sal-99 is not an id of services_at_location.csv",
    ]


def test_a_missing_column_an_undecodable_file_and_a_missing_organizations_file(tmp_path):
    folder = write_directory(tmp_path / "dir", 3, {
        "locations.csv": [["organization_id", "name"], ["org-1", "Somewhere"]]})
    (folder / "phones.csv").write_bytes(b"id,number\np-1,555-100-0001\np-2,caf\xe9\n")
    (folder / "organizations.csv").unlink()
    bad = bad_rows(folder)
    assert bad[:2] == [
        "organizations.csv: is missing, yet every service names its organization there",
        "locations.csv:1: the header lacks the required column id",
    ]
    assert "services_at_location.csv:2: location_id loc-1 is not an id of locations.csv" in bad
    assert ("phones.csv:3: is not UTF-8 text (byte 0xe9); save the file as UTF-8 and import "
            "again") in bad


def test_the_message_lists_every_bad_row_after_one_sentence(tmp_path):
    services = [list(r) for r in SERVICES]
    services[1][2] = services[2][2] = ""
    with pytest.raises(HsdsInvalid) as caught:
        read_directory(write_directory(tmp_path / "dir", 2, {"services.csv": services}))
    assert str(caught.value).splitlines() == [
        "Nothing was imported: the directory has 2 bad rows; fix them and import the directory "
        "again.",
        "services.csv:2: service svc-food has no name",
        "services.csv:4: service svc-meals has no name",
    ]


def _write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.mark.parametrize("make, sentence", [
    (lambda p: p / "nowhere", "There is no folder or .zip file at"),
    (lambda p: _write(p / "services.csv", "id,name\n"),
     "is a single CSV file; give the folder that holds services.csv"),
    (lambda p: _write(p / "a.txt", "hello"), "is neither a folder nor"),
    (lambda p: _write(p / "other" / "clients.csv", "id\n").parent,
     "has no services.csv, so it is not an Open Referral (HSDS) directory"),
])
def test_a_path_that_is_no_directory_is_refused_in_one_sentence(tmp_path, make, sentence):
    with pytest.raises(HsdsRefused) as caught:
        read_directory(make(tmp_path))
    assert sentence in str(caught.value) and "\n" not in str(caught.value)


def test_a_zip_bomb_is_refused_as_it_unpacks_whatever_its_header_says(tmp_path, monkeypatch):
    monkeypatch.setattr(hsds_source, "MAX_BYTES", 1024 * 1024)
    folder = write_directory(tmp_path / "dir", 2)
    (folder / "phones.csv").write_bytes(b"number\n" + b"0" * (3 * 1024 * 1024))
    target = zip_folder(folder, tmp_path / "bomb.zip")
    assert target.stat().st_size < 100_000
    with pytest.raises(HsdsRefused, match="larger than 1 MB once unpacked"):
        read_directory(target)


def test_a_file_over_the_limit_in_a_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(hsds_source, "MAX_BYTES", 2000)
    folder = write_directory(tmp_path / "dir", 2)
    (folder / "services.csv").write_text("id,organization_id,name\n" + "x,y,z\n" * 1000)
    with pytest.raises(HsdsRefused, match="services.csv is larger than"):
        read_directory(folder)


def test_a_damaged_zip_is_refused(tmp_path):
    target = zip_folder(write_directory(tmp_path / "dir", 2), tmp_path / "d.zip")
    data = bytearray(target.read_bytes())
    start = data.index(b"services.csv") + len("services.csv")  # its local header's name
    data[start:start + 40] = b"\xff" * 40  # then its compressed bytes
    target.write_bytes(bytes(data))
    with pytest.raises(HsdsRefused, match="the zip file is damaged"):
        read_directory(target)


@pytest.mark.parametrize("terms, name, description, expected", [
    ([("BD-1800.2000", "Emergency Food")], "Help Line", None, "food"),
    ([("uuid-1", "Rent Payment Assistance")], "Help Line", None, "housing"),
    ([("PH-7000", "Respite Care")], "Day Center", None, "caregiver_support"),
    ([("YZ-1", "Holiday Programs"), ("RP-1400", "Counseling")], "Day Center", None,
     "mental_health"),
    ([], "Legal Aid Hotline", "Food for thought", "legal"),  # the name before the description
    ([], "Community Center", "Hot meals and a food pantry; rides to it", "food"),
    ([], "Community Center", "A place to meet", "other"),
    ([], "Crisis Line", "", "mental_health"),
    ([], "LIHEAP", "Help with the electric bill", "utilities"),
])
def test_the_category_comes_from_the_taxonomy_then_the_name_then_the_description(
        terms, name, description, expected):
    assert categorise(terms, name, description) == expected


def test_the_reader_is_pure_no_database_or_ui():
    from test_import_hygiene import HEAVY, _loaded_after

    loaded = _loaded_after("import carecli.hsds, carecli.domain.resources")
    assert loaded == {name: False for name in HEAVY}


def test_windows_line_ends_a_byte_order_mark_and_capitals_in_the_header_are_read(tmp_path):
    folder = write_directory(tmp_path / "dir", 2)
    text = (folder / "services.csv").read_text().replace("\r\n", "\n").splitlines()
    text[0] = text[0].upper()
    services = "\ufeff" + "\r\n".join(text) + "\r\n"
    (folder / "services.csv").write_bytes(services.encode("utf-8"))
    assert shown(read_directory(folder)) == EXPECTED
    (folder / "services.csv").write_bytes(
        (services + 'svc-z,org-1,"Quoted\r\nover lines",d,,,active\r\n'
         'svc-y,org-1,,d,,,active\r\nsvc-w,org-1,Extra,d,,,active,one too many\r\n')
        .encode("utf-8"))
    assert bad_rows(folder) == [
        "services.csv:12: service svc-y has no name",
        "services.csv:13: has 8 fields but the header names 7 columns",
    ]


def test_a_row_that_is_not_well_formed_csv_names_its_line(tmp_path):
    folder = write_directory(tmp_path / "dir", 2)
    with (folder / "locations.csv").open("a") as out:
        out.write('loc-9,org-1,"Annex"x\n')
    assert bad_rows(folder)[0].startswith("locations.csv:5: is not well-formed CSV")
