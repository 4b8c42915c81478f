"""Commands and queries about clients themselves: create, edit, change status, count.

Every change to an existing client names the `version` it was read at, and is refused
(`ChangedElsewhere`) when another window changed the client since."""

from typing import Any

from sqlalchemy import func, select

from carecli.data.audit import record_change
from carecli.data.db import Database
from carecli.data.errors import InvalidInput, NotFound
from carecli.data.inputs import (
    ClientCreate,
    ClientUpdate,
    RiskDecision,
    StatusChangeInput,
    validate,
)
from carecli.data.models import Client, StatusChange
from carecli.data.types import utcnow
from carecli.data.versions import check_version

THIS_CLIENT = "this client"


def create_client(*, db: Database, values: dict[str, Any]) -> int:
    data = validate(ClientCreate, values)
    with db.write() as session:
        client = Client(**data.model_dump())
        client.risk_set_by_hand = True
        session.add(client)
        session.flush()
        record_change(
            session, action="create", entity="client", entity_id=client.id, client_id=client.id
        )
        return client.id


def update_client(*, db: Database, client_id: int, version: int,
                  values: dict[str, Any]) -> None:
    data = validate(ClientUpdate, values)
    with db.write() as session:
        client = _get(session, client_id)
        check_version(client, version, THIS_CLIENT)
        changes = data.model_dump()
        if changes["risk_tier"] != client.risk_tier or changes["risk_reason"] != client.risk_reason:
            client.risk_set_by_hand = True
        for key, value in changes.items():
            setattr(client, key, value)
        client.updated_at = utcnow()
        record_change(
            session, action="update", entity="client", entity_id=client_id, client_id=client_id
        )


def change_status(*, db: Database, client_id: int, values: dict[str, Any],
                  version: int | None = None) -> None:
    """Put on hold, discharge or reactivate; the reason and date are kept in the history.
    A form passes the `version` it was opened on (refused if the client changed since)."""
    data = validate(StatusChangeInput, values)
    with db.write() as session:
        client = _get(session, client_id)
        check_version(client, version, THIS_CLIENT)
        if client.status == data.to_status:
            raise InvalidInput({"to_status": f"the client is already {data.to_status.value}"})
        if data.effective_on < client.enrolled_on:
            raise InvalidInput({"effective_on": "is before the client's enrolment on "
                                f"{client.enrolled_on.isoformat()}"})
        if client.status_changed_on is not None and data.effective_on < client.status_changed_on:
            raise InvalidInput({"effective_on": "is before the last status change, on "
                                f"{client.status_changed_on.isoformat()}"})
        session.add(
            StatusChange(
                client_id=client_id, from_status=client.status, to_status=data.to_status,
                reason=data.reason, effective_on=data.effective_on,
            )
        )
        client.status = data.to_status
        client.status_reason = data.reason
        client.status_changed_on = data.effective_on
        client.updated_at = utcnow()
        record_change(
            session, action="status", entity="client", entity_id=client_id, client_id=client_id,
            summary=f"{data.to_status.value}",
        )


def set_risk(*, db: Database, client_id: int, tier: str, reason: str | None,
             by_hand: bool, version: int | None = None) -> None:
    """Record the risk tier decided after an assessment (suggested, or chosen with a reason);
    refused when the client is no longer at `version` (when given)."""
    data = validate(RiskDecision, {"risk_tier": tier, "risk_reason": reason, "by_hand": by_hand})
    with db.write() as session:
        apply_risk(session, client_id, data, version)


def apply_risk(session, client_id: int, data: RiskDecision, version: int | None = None) -> None:
    """Set the client's risk tier inside the caller's transaction (refused when the client is
    no longer at `version`, when given)."""
    client = _get(session, client_id)
    check_version(client, version, THIS_CLIENT)
    client.risk_tier = data.risk_tier
    client.risk_reason = data.risk_reason
    client.risk_set_by_hand = data.by_hand
    client.updated_at = utcnow()
    record_change(session, action="risk", entity="client", entity_id=client_id,
                  client_id=client_id, summary=f"{data.risk_tier.value}"
                  + (" (by hand)" if data.by_hand else " (suggested)"))


def get_client(*, db: Database, client_id: int) -> Client:
    with db.read() as session:
        return _get(session, client_id)


def count_clients(*, db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Client)) or 0


def client_values(client: Client) -> dict[str, Any]:
    """A client's editable fields as form values (the inverse of `ClientUpdate`)."""
    return {
        name: getattr(client, name) for name in ClientUpdate.model_fields
    }


def _get(session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(f"Client {client_id} no longer exists.")
    return client
