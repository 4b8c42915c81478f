"""The corrections of one logged contact, oldest first: when, why and the values each replaced
(a contact is never changed silently: billing depends on it)."""

from sqlalchemy import select

from carecli.data.contacts import FIELDS
from carecli.data.db import Database
from carecli.data.models import ContactCorrection
from carecli.domain.daily import CorrectionEntry


def corrections(*, db: Database, contact_id: int) -> tuple[CorrectionEntry, ...]:
    with db.read() as session:
        rows = session.scalars(
            select(ContactCorrection).where(ContactCorrection.contact_id == contact_id)
            .order_by(ContactCorrection.corrected_at, ContactCorrection.id)).all()
        return tuple(
            CorrectionEntry(corrected_at=row.corrected_at, reason=row.reason,
                            before=tuple((name, _plain(row.before[name])) for name in FIELDS
                                         if name in (row.before or {})))
            for row in rows)


def _plain(value: object) -> object:
    """JSON lists come back as lists: kept as tuples (the result is frozen)."""
    return tuple(value) if isinstance(value, list) else value
