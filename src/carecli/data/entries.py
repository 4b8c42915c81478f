"""Add, edit and remove the entries of a client record: consents, conditions, medications,
care-team members and personal contacts. One registry describes each kind: its declaration
(`domain/entry_fields.py`), table, input model and order.

Editing or removing an entry names the `version` it was read at, and is refused
(`ChangedElsewhere`) when another window changed it since."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import SQLModel

from carecli.data.audit import record_change
from carecli.data.db import Database
from carecli.data.errors import ChangedElsewhere, NotFound
from carecli.data.inputs import (
    CareTeamInput,
    ConditionInput,
    ConsentInput,
    InputModel,
    MedicationInput,
    PersonalContactInput,
    validate,
)
from carecli.data.models import (
    CareTeamMember,
    Client,
    Condition,
    Consent,
    Medication,
    PersonalContact,
)
from carecli.data.versions import check_version
from carecli.domain.entry_fields import (
    CARE_TEAM,
    CONDITION,
    CONSENT,
    MEDICATION,
    PERSONAL_CONTACT,
)
from carecli.domain.fields import EntryFields


@dataclass(frozen=True)
class EntryKind:
    fields: EntryFields
    """Its declaration: the fields, their limits and rules (`domain/entry_fields.py`)."""
    table: type[SQLModel]
    input: type[InputModel]
    """Built from `fields` (`inputs.entry_input`)."""
    order_by: tuple

    @property
    def noun(self) -> str:
        return self.fields.noun


ENTRY_KINDS: dict[str, EntryKind] = {
    "consent": EntryKind(CONSENT, Consent, ConsentInput, (Consent.given_on.desc(),)),
    "condition": EntryKind(
        CONDITION, Condition, ConditionInput, (Condition.chronic.desc(), Condition.name)
    ),
    "medication": EntryKind(
        MEDICATION, Medication, MedicationInput,
        (Medication.stopped_on.is_not(None), Medication.name),
    ),
    "care_team": EntryKind(
        CARE_TEAM, CareTeamMember, CareTeamInput,
        (CareTeamMember.is_primary.desc(), CareTeamMember.name),
    ),
    "personal_contact": EntryKind(
        PERSONAL_CONTACT, PersonalContact, PersonalContactInput,
        (PersonalContact.is_emergency_contact.desc(), PersonalContact.name),
    ),
}


def list_entries(*, db: Database, kind: str, client_id: int) -> list[Any]:
    spec = ENTRY_KINDS[kind]
    with db.read() as session:
        query = select(spec.table).where(spec.table.client_id == client_id).order_by(*spec.order_by)
        return list(session.scalars(query).all())


def add_entry(*, db: Database, kind: str, client_id: int, values: dict[str, Any]) -> int:
    spec = ENTRY_KINDS[kind]
    data = validate(spec.input, values)
    with db.write() as session:
        if session.get(Client, client_id) is None:
            raise NotFound(f"Client {client_id} no longer exists.")
        row = spec.table(client_id=client_id, **data.model_dump())
        session.add(row)
        session.flush()
        record_change(session, action="create", entity=kind, entity_id=row.id, client_id=client_id)
        return row.id


def get_entry(*, db: Database, kind: str, entry_id: int) -> Any:
    """One entry as it is now (a form opens on this, not on a row shown a while ago)."""
    spec = ENTRY_KINDS[kind]
    with db.read() as session:
        return _get(session, spec, entry_id)


def update_entry(*, db: Database, kind: str, entry_id: int, version: int,
                 values: dict[str, Any]) -> None:
    spec = ENTRY_KINDS[kind]
    data = validate(spec.input, values)
    with db.write() as session:
        row = _get(session, spec, entry_id)
        check_version(row, version, f"this {spec.noun}")
        for key, value in data.model_dump().items():
            setattr(row, key, value)
        record_change(
            session, action="update", entity=kind, entity_id=entry_id, client_id=row.client_id
        )


def remove_entry(*, db: Database, kind: str, entry_id: int, version: int) -> None:
    """Remove the entry as it was shown (at `version`); if it changed since, nothing is removed."""
    spec = ENTRY_KINDS[kind]
    with db.write() as session:
        row = _get(session, spec, entry_id)
        if row.version != version:
            raise ChangedElsewhere(
                f"This {spec.noun} was changed in another window since it was shown, so it was "
                "not removed; the record now shows it as it is."
            )
        session.delete(row)
        record_change(
            session, action="delete", entity=kind, entity_id=entry_id, client_id=row.client_id
        )


def entry_values(kind: str, row: Any) -> dict[str, Any]:
    """An entry's editable fields as form values."""
    return {name: getattr(row, name) for name in ENTRY_KINDS[kind].input.model_fields}


def _get(session, spec: EntryKind, entry_id: int):
    row = session.get(spec.table, entry_id)
    if row is None:
        raise NotFound(f"That {spec.noun} no longer exists.")
    return row
