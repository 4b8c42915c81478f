"""Writing an HSDS directory read by `carecli.hsds` into the resource directory, in one
transaction: a service new to carecli is added, one imported before (same `hsds_id`) is
updated when anything changed, and a resource typed by hand (no `hsds_id`) is never touched,
nor the note a care manager added to an imported one. Resources imported earlier that the
directory no longer lists are left as they are (and counted). Each added or changed resource
gets an audit row (its id and the names of the fields changed).

New rows and audit rows go in as multi-row INSERTs (a 211 directory has thousands of
services: building an ORM object for each would take most of the time)."""

from dataclasses import dataclass

from sqlalchemy import insert, select

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
    """Resources imported before as active, now inactive, defunct or temporarily closed."""
    not_listed: int
    """Resources imported before that this directory does not list (left as they were)."""


def import_directory(*, db: Database, directory: HsdsDirectory) -> ImportCounts:
    updated = unchanged = marked_inactive = 0
    now = utcnow()
    new: list[dict] = []
    audits: list[dict] = []
    with db.write() as session:
        earlier = {row.hsds_id: row for row in session.scalars(
            select(CommunityResource).where(CommunityResource.hsds_id.is_not(None)))}
        for resource in directory.resources:
            values = {name: getattr(resource, name) for name in IMPORTED}
            row = earlier.get(resource.hsds_id)
            if row is None:
                new.append({**values, "hsds_id": resource.hsds_id, "note": None,
                            "updated_at": now})
                continue
            changed = [name for name, value in values.items() if getattr(row, name) != value]
            if not changed:
                unchanged += 1
                continue
            if row.status == "active" and resource.status == "inactive":
                marked_inactive += 1
            else:
                updated += 1
            for name in changed:
                setattr(row, name, values[name])
            row.updated_at = now
            audits.append(_audit(now, "update", row.id, "hsds import: " + ", ".join(changed)))
        session.flush()
        if new:
            ids = session.execute(insert(RESOURCE).returning(RESOURCE.c.id), new).scalars()
            audits += [_audit(now, "create", row_id, "hsds import") for row_id in ids]
        if audits:
            session.execute(insert(AUDIT), audits)
    listed = {r.hsds_id for r in directory.resources}
    return ImportCounts(len(new), updated, unchanged, marked_inactive,
                        not_listed=len(set(earlier) - listed))


def _audit(at, action: str, resource_id: int, summary: str) -> dict:
    return {"at": at, "action": action, "entity": ENTITY, "entity_id": resource_id,
            "client_id": None, "summary": summary}
