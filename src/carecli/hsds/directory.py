"""An Open Referral HSDS directory (1.x to 3.x) read whole into `ImportedResource`s, one per
service, or refused with every bad row listed (`HsdsInvalid`): nothing half-read ever leaves.

A service gets its organisation's name; its phone is its own, else its service-at-location's,
else its location's, else its organisation's (the first of each by file order, an extension
as " x123"); its address comes from its first location (by services_at_location's order): a
physical address (`physical_addresses.csv`, or `addresses.csv` of `address_type` physical)
before a postal one; hours from its schedules, eligibility from its own field (3.x) or
`eligibility.csv` (2.x); the category from `categories.categorise`. Inactive, defunct and
temporarily closed services are kept, as inactive. Files carecli does not use are ignored.

Ids are compared case aside (HSDS ids are UUIDs, which RFC 4122 makes case-insensitive: an
export in capitals names the same services), and a service's id is kept lower-cased. A website
that is not an http(s) address with a host is left out and counted (not a bad row: the
service is still worth having); one without a scheme gets "https://".

The directory is named by the `title` (else `name`) of its `datapackage.json`, else by its
folder or .zip file; an import matches the services it imported before within that name.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from carecli.domain.resources import web_address
from carecli.hsds.categories import categorise
from carecli.hsds.errors import BadRow, HsdsInvalid, HsdsRefused
from carecli.hsds.source import Source
from carecli.hsds.tables import Row, Table, parse_table

FILES: dict[str, tuple[str, ...]] = {
    "services.csv": ("id", "organization_id", "name"),
    "organizations.csv": ("id", "name"),
    "locations.csv": ("id",),
    "services_at_location.csv": ("service_id", "location_id"),
    "phones.csv": ("number",),
    "physical_addresses.csv": ("location_id",),
    "postal_address.csv": ("location_id",),
    "addresses.csv": ("location_id",),
    "schedules.csv": (),
    "regular_schedule.csv": ("service_id",),
    "eligibility.csv": ("service_id", "eligibility"),
    "taxonomy.csv": ("id",),
    "service_taxonomy.csv": ("service_id", "taxonomy_id"),
    "taxonomy_terms.csv": ("id",),
    "attributes.csv": ("link_id", "taxonomy_term_id"),
}
"""The files read, each with the columns it must have; every other file is ignored."""

ACTIVE = {"active"}
INACTIVE = {"inactive", "defunct", "temporarily closed", "temporarily_closed"}
LIMITS = {"name": 200, "organisation": 200, "address": 400, "hours": 400,
          "eligibility": 1000, "website": 400, "description": 20_000, "source": 200}
"""Text longer than its column is cut (ending in …); an id, phone or email is not: refused (a
website is left out)."""
ID_MAX, PHONE_MAX, EMAIL_MAX = 100, 40, 254
PHONE_LINKS = (("service_id", "services.csv"),
               ("service_at_location_id", "services_at_location.csv"),
               ("location_id", "locations.csv"), ("organization_id", "organizations.csv"))


@dataclass(frozen=True)
class ImportedResource:
    """A service of the directory as a resource of ours."""

    hsds_id: str
    name: str
    organisation: str
    category: str
    status: str
    phone: str | None
    address: str | None
    hours: str | None
    eligibility: str | None
    website: str | None
    email: str | None
    description: str | None
    line: int
    """Its line in services.csv."""


@dataclass(frozen=True)
class HsdsDirectory:
    resources: tuple[ImportedResource, ...]
    files: tuple[str, ...]
    """The files read, in the order of `FILES`."""
    source: str = ""
    """The directory's name: what an import matches its services within."""
    websites_dropped: int = 0
    """Websites left out because they are not a usable web address."""


def read_directory(path: Path, source_name: str | None = None) -> HsdsDirectory:
    """Read the directory at `path` (a folder or a .zip), named `source_name` when given;
    `HsdsRefused` when it is not one, `HsdsInvalid` listing every bad row when any row is
    bad."""
    source = Source(path)
    try:
        bad: list[BadRow] = []
        tables = {}
        for name, required in FILES.items():
            data = source.read(name)
            if data is not None and (table := parse_table(name, data, required, bad)):
                tables[name] = table
        named = source_name if source_name is not None else _package_name(source)
    finally:
        source.close()
    if "organizations.csv" not in source.names():
        bad.append(BadRow("organizations.csv", None, "is missing, yet every service names its "
                                                     "organization there"))
    linker = _Linker(tables, bad) if "services.csv" in tables else None
    resources = linker.resources() if linker is not None else ()
    if bad:
        order = list(FILES)
        raise HsdsInvalid(tuple(sorted(bad, key=lambda b: (order.index(b.file), b.line or 0,
                                                           b.sentence))))
    return HsdsDirectory(tuple(resources), tuple(n for n in FILES if n in tables),
                         source_label(named if named is not None else _path_name(path)),
                         linker.websites_dropped if linker is not None else 0)


def source_label(name: str) -> str:
    """A directory's name as stored: on one line, cut to its column; refused
    (one sentence) when nothing is left."""
    label = _cut(" ".join(name.split()), "source")
    if not label:
        raise HsdsRefused("The directory's name (--source) is empty; give a name such as "
                          "\"County 211\". Nothing was imported.")
    return label


def _package_name(source: Source) -> str | None:
    """The `title`, else the `name`, of the directory's datapackage.json (None without one,
    or when it cannot be read: the folder's name serves)."""
    data = source.read("datapackage.json")
    try:
        package = json.loads(data) if data is not None else None
    except ValueError:
        return None
    if not isinstance(package, dict):
        return None
    for key in ("title", "name"):
        if isinstance(package.get(key), str) and package[key].strip():
            return package[key]
    return None


def _path_name(path: Path) -> str:
    """The folder's name, or the .zip file's without its suffix."""
    resolved = path.resolve()
    return resolved.name if resolved.is_dir() else resolved.stem


class _Linker:
    """Checks every id and link of the tables read, then builds the resources."""

    def __init__(self, tables: dict[str, Table], bad: list[BadRow]) -> None:
        self.tables = tables
        self.bad = bad
        self.websites_dropped = 0
        empty = Table("", (), ())
        self.services = self._by_id(tables["services.csv"], "service")
        self.organisations = self._by_id(tables.get("organizations.csv", empty), "organization")
        self.locations = self._by_id(tables.get("locations.csv", empty), "location")
        self.at_location = self._by_id(tables.get("services_at_location.csv", empty),
                                       "service-at-location", required=False)
        self.known = {"services.csv": self.services, "organizations.csv": self.organisations,
                      "locations.csv": self.locations,
                      "services_at_location.csv": self.at_location}

    def table(self, name: str) -> Iterable[Row]:
        table = self.tables.get(name)
        return table.rows if table is not None else ()

    # ids and links --------------------------------------------------------------------------
    def _by_id(self, table: Table, noun: str, required: bool = True) -> dict[str, Row]:
        rows: dict[str, Row] = {}
        for row in table.rows:
            key = _id(row.get("id"))
            if key is None:
                if required:
                    self.bad.append(table.bad(row, f"a {noun} without an id"))
                continue
            if len(key) > ID_MAX:
                self.bad.append(table.bad(row, f"the id {key[:20]}… is longer than {ID_MAX} "
                                               "characters"))
            elif key in rows:
                self.bad.append(table.bad(row, f"the id {key} is used twice (first on line "
                                               f"{rows[key].line})"))
            else:
                rows[key] = row
        return rows

    def _link(self, file: str, row: Row, column: str, target: str) -> str | None:
        """`row`'s `column`, when it names a row of `target` (else a bad row, and None)."""
        value = _id(row.get(column))
        if value is not None and value not in self.known[target]:
            self.bad.append(BadRow(file, row.line, f"{column} {value} is not an id of {target}"))
            return None
        return value

    # the resources --------------------------------------------------------------------------
    def resources(self) -> list[ImportedResource]:
        services = self.tables["services.csv"]
        self._check_organisations()
        located = self._locations_of_services()
        phones = self._phones()
        addresses = self._addresses()
        hours = self._hours()
        eligibility = self._grouped("eligibility.csv", "service_id", "eligibility")
        terms = self._terms()
        made = []
        for key, row in self.services.items():
            resource = self._resource(services, key, row, located.get(key, []), phones,
                                      addresses, hours, eligibility, terms.get(key, []))
            if resource is not None:
                made.append(resource)
        return made

    def _resource(self, services: Table, key: str, row: Row, locations: list[tuple[str, str]],
                  phones: dict, addresses: dict, hours: dict, eligibility: dict,
                  terms: list) -> ImportedResource | None:
        name = row.get("name")
        if name is None:
            self.bad.append(services.bad(row, f"service {key} has no name"))
        organisation_id = _id(row.get("organization_id"))
        organisation = self.organisations.get(organisation_id or "")
        if organisation_id is None:
            self.bad.append(services.bad(row, f"service {key} has no organization_id"))
        elif organisation is None and "organizations.csv" in self.tables:
            self.bad.append(services.bad(row, f"organization_id {organisation_id} is not an id "
                                              "of organizations.csv"))
        status = (row.get("status") or "active").lower()
        if status not in ACTIVE | INACTIVE:
            self.bad.append(services.bad(row, f"status {row.get('status')!r} is not one of "
                                              "active, inactive, defunct, temporarily closed"))
        email = row.get("email") or (organisation.get("email") if organisation else None)
        if email is not None and len(email) > EMAIL_MAX:
            self.bad.append(services.bad(row, f"the email is longer than {EMAIL_MAX} characters"))
        if name is None or organisation is None or self.bad:
            return None  # nothing is imported: only the bad rows matter now
        sal_ids = [sal for sal, _ in locations]
        location_ids = [loc for _, loc in locations]
        phone = (_first(phones, "service_id", [key])
                 or _first(phones, "service_at_location_id", sal_ids)
                 or _first(phones, "location_id", location_ids)
                 or _first(phones, "organization_id", [organisation_id]))
        address = addresses.get(location_ids[0]) if location_ids else None
        description = row.get("description")
        return ImportedResource(
            hsds_id=key, name=_cut(name, "name"),
            organisation=_cut(organisation.get("name") or "", "organisation"),
            category=categorise(terms, name, description),
            status="inactive" if status in INACTIVE else "active",
            phone=phone, address=_cut(address, "address"),
            hours=_cut("; ".join(hours.get(key, [])) or None, "hours"),
            eligibility=_cut(row.get("eligibility_description")
                             or "; ".join(eligibility.get(key, [])) or None, "eligibility"),
            website=self._website(row.get("url") or organisation.get("url")),
            email=email, description=_cut(description, "description"), line=row.line)

    def _website(self, url: str | None) -> str | None:
        """`url` as a web address (`web_address`), or None, counted, when it is not one."""
        if url is None:
            return None
        try:
            address = web_address(url)
        except ValueError:
            address = None
        if address is None or len(address) > LIMITS["website"]:
            self.websites_dropped += 1
            return None
        return address

    def _check_organisations(self) -> None:
        table = self.tables.get("organizations.csv")
        for row in self.organisations.values():
            if row.get("name") is None:
                self.bad.append(table.bad(row, f"organization {row.get('id')} has no name"))
        for row in self.table("locations.csv"):
            self._link("locations.csv", row, "organization_id", "organizations.csv")

    def _locations_of_services(self) -> dict[str, list[tuple[str, str]]]:
        """Each service's (service-at-location id, location id), in file order."""
        located: dict[str, list[tuple[str, str]]] = {}
        for row in self.table("services_at_location.csv"):
            service = self._link("services_at_location.csv", row, "service_id", "services.csv")
            location = self._link("services_at_location.csv", row, "location_id",
                                  "locations.csv")
            if service and location:
                located.setdefault(service, []).append((row.get("id") or "", location))
        return located

    def _phones(self) -> dict[tuple[str, str], str]:
        """The first phone linked to each (column, id), as dialled: "555-0100 x12"."""
        phones: dict[tuple[str, str], str] = {}
        for row in self.table("phones.csv"):
            links = [(column, self._link("phones.csv", row, column, target))
                     for column, target in PHONE_LINKS]
            number = row.get("number")
            if number is None:
                self.bad.append(BadRow("phones.csv", row.line, "a phone without a number"))
                continue
            if extension := row.get("extension"):
                number = f"{number} x{extension.removeprefix('x').strip()}"
            if len(number) > PHONE_MAX:
                self.bad.append(BadRow("phones.csv", row.line, f"the phone number is longer "
                                                               f"than {PHONE_MAX} characters"))
                continue
            for column, value in links:
                if value is not None:
                    phones.setdefault((column, value), number)
        return phones

    def _addresses(self) -> dict[str, str]:
        """Each location's address: the first physical one, else the first postal one, else
        the first of another type."""
        found: dict[tuple[str, int], str] = {}
        for file in ("physical_addresses.csv", "postal_address.csv", "addresses.csv"):
            for row in self.table(file):
                location = self._link(file, row, "location_id", "locations.csv")
                kind = "postal" if file == "postal_address.csv" else (
                    row.get("address_type") or "physical").lower()
                rank = {"physical": 0, "postal": 1}.get(kind, 2)
                if location is not None and (text := _address(row)):
                    found.setdefault((location, rank), text)
        addresses: dict[str, str] = {}
        for (location, _rank), text in sorted(found.items(), key=lambda item: item[0][1]):
            addresses.setdefault(location, text)
        return addresses

    def _hours(self) -> dict[str, list[str]]:
        """Each service's opening hours in words, from schedules.csv (2.x, 3.x) or
        regular_schedule.csv (1.x)."""
        hours: dict[str, list[str]] = {}
        for file in ("schedules.csv", "regular_schedule.csv"):
            for row in self.table(file):
                service = self._link(file, row, "service_id", "services.csv")
                days = row.get("byday") or row.get("weekday")
                times = "-".join(filter(None, (row.get("opens_at"), row.get("closes_at"))))
                text = row.get("description") or " ".join(filter(None, (days, times)))
                if service is not None and text:
                    hours.setdefault(service, []).append(text)
        return hours

    def _grouped(self, file: str, column: str, value: str) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for row in self.table(file):
            key = self._link(file, row, column, "services.csv")
            if key is not None and row.get(value):
                grouped.setdefault(key, []).append(row.get(value))
        return grouped

    def _terms(self) -> dict[str, list[tuple[str | None, str | None]]]:
        """Each service's taxonomy terms as (code, name), in file order (2.x, then 3.x)."""
        taxonomy = {_id(r.get("id")): r for r in self.table("taxonomy.csv")}
        terms: dict[str, list[tuple[str | None, str | None]]] = {}
        for row in self.table("service_taxonomy.csv"):
            service = self._link("service_taxonomy.csv", row, "service_id", "services.csv")
            term_id = row.get("taxonomy_id")
            term = taxonomy.get(_id(term_id))
            code = term.get("code") if term else None
            name = term.get("name") if term else row.get("taxonomy_detail")
            if service is not None:
                terms.setdefault(service, []).append((code or term_id, name))
        three = {_id(r.get("id")): r for r in self.table("taxonomy_terms.csv")}
        for row in self.table("attributes.csv"):
            entity = (row.get("link_entity") or "service").lower()
            term = three.get(_id(row.get("taxonomy_term_id")))
            service = _id(row.get("link_id"))
            if service in self.services and entity == "service" and term:
                terms.setdefault(service, []).append((term.get("code"), term.get("name")))
        return terms


def _id(value: str | None) -> str | None:
    """An id as compared and kept: lower-cased (UUIDs are case-insensitive)."""
    return None if value is None else value.lower()


def _first(phones: dict[tuple[str, str], str], column: str, ids: list[str]) -> str | None:
    return next((phones[(column, i)] for i in ids if (column, i) in phones), None)


def _address(row: Row) -> str | None:
    street = [row.get(c) for c in ("address_1", "address_2", "address_3", "address_4")]
    region = " ".join(filter(None, (row.get("state_province"), row.get("postal_code"))))
    parts = [*street, row.get("city"), region]
    return ", ".join(p for p in parts if p) or None


def _cut(text: str | None, field: str) -> str | None:
    limit = LIMITS[field]
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"
