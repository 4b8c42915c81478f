"""Writing an HSDS directory read by `carecli.hsds` into the resource directory, in one
transaction: a service new to carecli is added, one imported before from the same directory
(same `hsds_source` and `hsds_id`) is updated when anything changed, and a resource typed by
hand (no `hsds_id`) is never touched, nor the note a care manager added to an imported one.
A resource imported before carecli kept its directory's name (`hsds_source` None) is claimed
by the first directory that lists its id. Resources of this directory imported earlier that it
no longer lists are left as they are (and counted); other directories' are not looked at.

Each imported resource keeps what the latest import wrote (`hsds_imported`): a field the care
manager changed since (a phone, an "inactive" mark) keeps their value, even when the
directory's changed too (counted as kept as edited by hand); the others take the directory's.
Each added or changed resource gets an audit row (its id and the names of the fields changed).

New rows and audit rows go in as multi-row INSERTs (a 211 directory has thousands of
services: building an ORM object for each would take most of the time)."""

from dataclasses import dataclass

from sqlalchemy import insert, or_, select

from carecli.data.db import Database
from carecli.data.models import AuditLog, CommunityResource
from carecli.data.resources import ENTITY
from carecli.data.types import utcnow
from carecli.hsds import HsdsDirectory

IMPORTED = ("name", "organisation", "category", "status", "phone", "address", "hours",
            "eligibility", "website", "email", "description")
"""The fields an import sets; the others (the note) are the care manager's."""
RESOURCE = CommunityResource.__table__
AUDIT = AuditLog.__table__


@dataclass(frozen=True)
class ImportCounts:
    added: int
    updated: int
    unchanged: int
    marked_inactive: int
    """Resources imported before as active that the directory now says are inactive, defunct
    or temporarily closed."""
    not_listed: int
    """Resources imported before from this directory that it does not list (left as they
    were)."""
    source: str = ""
    """The directory's name the resources were matched within."""
    added_inactive: int = 0
    """Of those added, the ones the directory lists as inactive (kept, marked inactive)."""
    kept_edited: int = 0
    """Resources where the directory changed a field the care manager had changed by hand:
    their value was kept."""
    new_source: bool = False
    """Nothing was imported from this directory before."""
    other_sources: tuple[str, ...] = ()
    """The names of the other directories imported before."""


def import_directory(*, db: Database, directory: HsdsDirectory) -> ImportCounts:
    updated = unchanged = marked_inactive = kept_edited = 0
    now = utcnow()
    new: list[dict] = []
    audits: list[dict] = []
    source = directory.source
    with db.write() as session:
        rows = session.scalars(select(CommunityResource).where(
            CommunityResource.hsds_id.is_not(None),
            or_(CommunityResource.hsds_source == source,
                CommunityResource.hsds_source.is_(None)))).all()
        earlier = {row.hsds_id.lower(): row for row in rows if row.hsds_source is None}
        earlier |= {row.hsds_id.lower(): row for row in rows if row.hsds_source == source}
        new_source = not any(row.hsds_source == source for row in rows)
        others = tuple(sorted(session.scalars(
            select(CommunityResource.hsds_source).distinct()
            .where(CommunityResource.hsds_source.is_not(None),
                   CommunityResource.hsds_source != source)).all()))
        for resource in directory.resources:
            values = {name: getattr(resource, name) for name in IMPORTED}
            row = earlier.get(resource.hsds_id)
            if row is None:
                new.append({**values, "hsds_id": resource.hsds_id, "hsds_source": source,
                            "hsds_imported": values, "note": None, "updated_at": now})
                continue
            before = row.hsds_imported or {name: getattr(row, name) for name in IMPORTED}
            changed, kept = [], False
            for name, value in values.items():
                mine = getattr(row, name)
                if mine != before.get(name):  # changed by hand since: theirs stays
                    kept = kept or (value != before.get(name) and value != mine)
                elif mine != value:
                    changed.append(name)
            kept_edited += kept
            if row.status == "active" and "status" in changed:
                marked_inactive += 1
            elif changed:
                updated += 1
            else:
                unchanged += 1
            if (row.hsds_source, row.hsds_id, row.hsds_imported) != (
                    source, resource.hsds_id, values):
                row.hsds_source, row.hsds_id, row.hsds_imported = (
                    source, resource.hsds_id, values)
            if changed:
                for name in changed:
                    setattr(row, name, values[name])
                row.updated_at = now
                audits.append(_audit(now, "update", row.id,
                                     "hsds import: " + ", ".join(changed)))
        session.flush()
        if new:
            ids = session.execute(insert(RESOURCE).returning(RESOURCE.c.id), new).scalars()
            audits += [_audit(now, "create", row_id, "hsds import") for row_id in ids]
        if audits:
            session.execute(insert(AUDIT), audits)
        listed = {r.hsds_id for r in directory.resources}
        not_listed = sum(1 for key, row in earlier.items()
                         if key not in listed and row.hsds_source == source)
    return ImportCounts(
        len(new), updated, unchanged, marked_inactive, not_listed=not_listed, source=source,
        added_inactive=sum(1 for row in new if row["status"] == "inactive"),
        kept_edited=kept_edited, new_source=new_source, other_sources=others)


def _audit(at, action: str, resource_id: int, summary: str) -> dict:
    return {"at": at, "action": action, "entity": ENTITY, "entity_id": resource_id,
            "client_id": None, "summary": summary}
