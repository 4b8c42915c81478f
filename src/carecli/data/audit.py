"""The audit log: one row per change, written in the same transaction as the change."""

from sqlmodel import Session

from carecli.data.models import AuditLog


def record_change(
    session: Session,
    *,
    action: str,
    entity: str,
    entity_id: int | None,
    client_id: int | None,
    summary: str | None = None,
) -> None:
    session.add(
        AuditLog(
            action=action, entity=entity, entity_id=entity_id, client_id=client_id,
            summary=summary,
        )
    )
