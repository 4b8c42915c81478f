"""A small Open Referral HSDS directory written for tests: three organizations, seven services
(one defunct, one temporarily closed), phones linked at every level (service, service at
location, location, organization), addresses, schedules, eligibility and taxonomy, in the
HSDS 2.x shape (`physical_addresses.csv`, `taxonomy.csv`) or the 3.x one (`addresses.csv`
with `address_type`, `taxonomy_terms.csv`, `attributes.csv`), with files carecli ignores."""

import csv
import zipfile
from pathlib import Path

ORGANIZATIONS = [
    ["id", "name", "url", "email"],
    ["org-1", "Riverside Community Action", "https://riverside.example.org", ""],
    ["org-2", "County Aging Services", "", "aging@county.example.gov"],
    ["org-3", "Legal Aid of the Valley", "", ""],
]
SERVICES = [
    ["id", "organization_id", "name", "description", "url", "email", "status"],
    ["svc-food", "org-1", "Eastside Food Pantry", "Groceries once a week.\nBring an ID.", "",
     "pantry@riverside.example.org", "active"],
    ["svc-meals", "org-2", "Meals on Wheels", "Hot lunch delivered at noon.", "", "", "active"],
    ["svc-ride", "org-2", "Medical Rides", "Door to door to appointments.", "", "", "active"],
    ["svc-legal", "org-3", "Elder Law Clinic", "Free advice for people over 60.", "", "",
     "active"],
    ["svc-heat", "org-1", "Winter Heating Help", "Help paying heating bills.", "", "",
     "defunct"],
    ["svc-respite", "org-2", "Respite Day Program", "A day off for family caregivers.", "",
     "", "temporarily closed"],
    ["svc-notary", "org-1", "Notary Stamps", "", "", "", "active"],
]
LOCATIONS = [
    ["id", "organization_id", "name"],
    ["loc-1", "org-1", "Riverside Center"],
    ["loc-2", "org-2", "Aging Services Office"],
    ["loc-3", "org-3", "Courthouse Annex"],
]
SERVICES_AT_LOCATION = [
    ["id", "service_id", "location_id"],
    ["sal-1", "svc-food", "loc-1"],
    ["sal-2", "svc-meals", "loc-2"],
    ["sal-3", "svc-ride", "loc-2"],
    ["sal-4", "svc-legal", "loc-3"],
    ["sal-5", "svc-legal", "loc-1"],
]
PHONES = [
    ["id", "service_id", "service_at_location_id", "location_id", "organization_id", "number",
     "extension", "type"],
    ["ph-1", "svc-food", "", "", "", "555-100-0001", "", "voice"],
    ["ph-2", "", "sal-2", "", "", "555-100-0002", "12", "voice"],
    ["ph-3", "", "", "loc-2", "", "555-100-0003", "", "voice"],
    ["ph-4", "", "", "", "org-3", "555-100-0004", "", "voice"],
    ["ph-5", "", "", "", "org-3", "555-100-0005", "", "fax"],
    ["ph-6", "", "", "", "org-2", "555-100-0006", "", "voice"],
    ["ph-7", "", "", "", "org-1", "555-100-0007", "", "voice"],
]
EXPECTED = {
    # hsds id: (name, organisation, category, status, phone, address)
    "svc-food": ("Eastside Food Pantry", "Riverside Community Action", "food", "active",
                 "555-100-0001", "12 River St, Springfield, IL 62701"),
    "svc-meals": ("Meals on Wheels", "County Aging Services", "food", "active",
                  "555-100-0002 x12", "400 Main St, Suite 2, Springfield, IL 62702"),
    "svc-ride": ("Medical Rides", "County Aging Services", "transportation", "active",
                 "555-100-0003", "400 Main St, Suite 2, Springfield, IL 62702"),
    "svc-legal": ("Elder Law Clinic", "Legal Aid of the Valley", "legal", "active",
                  "555-100-0004", "1 Court Sq, Springfield, IL 62703"),
    "svc-heat": ("Winter Heating Help", "Riverside Community Action", "utilities", "inactive",
                 "555-100-0007", None),
    "svc-respite": ("Respite Day Program", "County Aging Services", "caregiver_support",
                    "inactive", "555-100-0006", None),
    "svc-notary": ("Notary Stamps", "Riverside Community Action", "other", "active",
                   "555-100-0007", None),
}


def files(version: int = 2) -> dict[str, list[list[str]]]:
    """Every file of the sample directory, as rows (the header first)."""
    tables = {
        "organizations.csv": ORGANIZATIONS, "services.csv": [list(r) for r in SERVICES],
        "locations.csv": LOCATIONS, "services_at_location.csv": SERVICES_AT_LOCATION,
        "phones.csv": PHONES,
        "contacts.csv": [["id", "name", "title"], ["c-1", "Pat Lee", "Director"]],
        "funding.csv": [["id", "source"], ["f-1", "County"]],
    }
    if version == 2:
        tables |= {
            "physical_addresses.csv": [
                ["id", "location_id", "address_1", "address_2", "city", "state_province",
                 "postal_code", "country"],
                ["a-1", "loc-1", "12 River St", "", "Springfield", "IL", "62701", "US"],
                ["a-2", "loc-2", "400 Main St", "Suite 2", "Springfield", "IL", "62702", "US"],
                ["a-3", "loc-3", "1 Court Sq", "", "Springfield", "IL", "62703", "US"],
            ],
            "schedules.csv": [
                ["id", "service_id", "byday", "opens_at", "closes_at"],
                ["s-1", "svc-food", "TU,TH", "10:00", "14:00"],
            ],
            "eligibility.csv": [["id", "service_id", "eligibility"],
                                ["e-1", "svc-food", "County residents"]],
            "taxonomy.csv": [["id", "name", "parent_id", "vocabulary"],
                             ["BT-4500", "Transportation", "", "AIRS"]],
            "service_taxonomy.csv": [["id", "service_id", "taxonomy_id"],
                                     ["st-1", "svc-ride", "BT-4500"]],
        }
    else:
        tables["services.csv"][0].append("eligibility_description")
        for row in tables["services.csv"][1:]:
            row.append("County residents" if row[0] == "svc-food" else "")
        tables |= {
            "addresses.csv": [
                ["id", "location_id", "attention", "address_1", "address_2", "city", "region",
                 "state_province", "postal_code", "country", "address_type"],
                ["a-1", "loc-1", "", "12 River St", "", "Springfield", "", "IL", "62701", "US",
                 "physical"],
                ["a-2p", "loc-2", "", "PO Box 9", "", "Springfield", "", "IL", "62702", "US",
                 "postal"],
                ["a-2", "loc-2", "", "400 Main St", "Suite 2", "Springfield", "", "IL",
                 "62702", "US", "physical"],
                ["a-3", "loc-3", "", "1 Court Sq", "", "Springfield", "", "IL", "62703", "US",
                 "physical"],
            ],
            "schedules.csv": [
                ["id", "service_id", "description"],
                ["s-1", "svc-food", "TU,TH 10:00-14:00"],
            ],
            "taxonomy_terms.csv": [["id", "code", "name", "taxonomy"],
                                   ["t-1", "BT-4500", "Transportation", "AIRS"]],
            "attributes.csv": [["id", "link_id", "link_type", "link_entity", "taxonomy_term_id"],
                               ["at-1", "svc-ride", "", "service", "t-1"]],
            "datapackage.json": None,
        }
    return tables


def write_directory(folder: Path, version: int = 2,
                    changes: dict[str, list[list[str]]] | None = None) -> Path:
    """Write the sample (with `changes`: whole files replaced) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (files(version) | (changes or {})).items():
        path = folder / name
        if rows is None:
            path.write_text('{"name": "sample", "profile": "tabular-data-package"}\n')
            continue
        with path.open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows(rows)
    (folder / "README.txt").write_text("A sample directory.\n")
    return folder


def zip_folder(folder: Path, target: Path, inner: str = "") -> Path:
    """`folder`'s files in a .zip, at its top or under `inner/`."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{inner}/{path.name}" if inner else path.name)
    return target
