"""The community resource directory: read it, add a resource by hand, edit one (naming the
version it was read at: a stale form is refused) and mark one inactive or active again.
Each write records an audit row with the id only."""

import re
from typing import Any

from pydantic import AfterValidator, field_validator
from sqlalchemy import select

from carecli.data.audit import record_change
from carecli.data.db import Database
from carecli.data.errors import NotFound
from carecli.data.inputs import (
    Email,
    InputModel,
    _phone,
    optional_text,
    required_text,
    validate,
)
from carecli.data.models import CommunityResource
from carecli.data.types import utcnow
from carecli.data.versions import check_version
from carecli.domain.enums import ResourceCategory, ResourceStatus
from carecli.domain.fields import PHONE_MAX, TEXT_MAX
from carecli.domain.resources import Resource, web_address

ENTITY = "community_resource"
_SHORT_CODE = re.compile(r"^[2-9]\d\d$")
"""A three-digit line (211, 311, 988): a phone number for a resource, not for a person."""


def _resource_phone(value: str | None) -> str | None:
    return value if value is not None and _SHORT_CODE.match(value) else _phone(value)


class ResourceInput(InputModel):
    """A resource as typed in the directory's form (the columns' own limits)."""

    name: required_text(200)
    organisation: optional_text(200) = None
    category: ResourceCategory = ResourceCategory.OTHER
    phone: optional_text(PHONE_MAX, AfterValidator(_resource_phone)) = None
    address: optional_text(400) = None
    hours: optional_text(400) = None
    eligibility: optional_text(1000) = None
    website: optional_text(400) = None
    email: Email = None
    description: optional_text(TEXT_MAX) = None
    note: optional_text(TEXT_MAX) = None

    @field_validator("website")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        """An http(s) address with a host; "https://" is added when no scheme is typed."""
        return None if value is None else web_address(value)


FIELDS = tuple(ResourceInput.model_fields)
"""The fields a form edits, in its order."""


def as_resource(row: CommunityResource) -> Resource:
    return Resource(
        id=row.id, name=row.name, organisation=row.organisation, category=row.category,
        status=row.status, phone=row.phone, address=row.address, hours=row.hours,
        eligibility=row.eligibility, website=row.website, email=row.email,
        description=row.description, note=row.note, hsds_id=row.hsds_id, version=row.version,
    )


def list_resources(*, db: Database) -> list[Resource]:
    """Every resource of the directory, active or not."""
    with db.read() as session:
        return [as_resource(r) for r in session.scalars(select(CommunityResource)).all()]


def get_resource(*, db: Database, resource_id: int) -> Resource:
    with db.read() as session:
        return as_resource(_get(session, resource_id))


def resource_values(resource: Resource) -> dict[str, Any]:
    """A resource's editable fields as form values."""
    return {name: getattr(resource, name) for name in FIELDS}


def add_resource(*, db: Database, values: dict[str, Any]) -> int:
    data = validate(ResourceInput, values)
    with db.write() as session:
        row = CommunityResource(**data.model_dump(), status=ResourceStatus.ACTIVE.value)
        session.add(row)
        session.flush()
        record_change(session, action="create", entity=ENTITY, entity_id=row.id, client_id=None)
        return row.id


def update_resource(*, db: Database, resource_id: int, version: int,
                    values: dict[str, Any]) -> None:
    """Save a form over the resource as it was read (`version`); refused when it changed since."""
    data = validate(ResourceInput, values)
    with db.write() as session:
        row = _get(session, resource_id)
        check_version(row, version, "this resource")
        for key, value in data.model_dump().items():
            setattr(row, key, value)
        row.updated_at = utcnow()
        record_change(session, action="update", entity=ENTITY, entity_id=row.id, client_id=None)


def set_resource_status(*, db: Database, resource_id: int, version: int, status: str) -> None:
    """Mark a resource inactive (kept, no longer offered) or active again."""
    status = ResourceStatus(status).value
    with db.write() as session:
        row = _get(session, resource_id)
        check_version(row, version, "this resource")
        if row.status != status:
            row.status = status
            row.updated_at = utcnow()
            record_change(session, action="update", entity=ENTITY, entity_id=row.id,
                          client_id=None, summary=f"status {status}")


def _get(session, resource_id: int) -> CommunityResource:
    row = session.get(CommunityResource, resource_id)
    if row is None:
        raise NotFound("That resource no longer exists.")
    return row
