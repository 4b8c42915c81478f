"""Taking back an intervention marked done by mistake (the queue's `ctrl+z` after `d`): the
newest row of that intervention done on that day goes, with an audit row (ids and the day
only), so it is due again as before."""

from datetime import date

from sqlalchemy import select

from carecli.data.audit import record_change
from carecli.data.db import Database
from carecli.data.errors import NotFound
from carecli.data.models import InterventionDone


def undo_intervention_done(*, db: Database, client_id: int, uid: str, done_on: date) -> None:
    """Delete the newest `intervention_done` row of `uid` on `done_on`; refused with a
    sentence when there is none (taken back already, say in another window)."""
    with db.write() as session:
        row = session.scalars(select(InterventionDone).where(
            InterventionDone.client_id == client_id, InterventionDone.intervention_uid == uid,
            InterventionDone.done_on == done_on)
            .order_by(InterventionDone.id.desc()).limit(1)).first()
        if row is None:
            raise NotFound("That intervention is not marked done that day (any more); "
                           "nothing was undone.")
        record_change(session, action="intervention_undone", entity="intervention_done",
                      entity_id=row.id, client_id=client_id,
                      summary=f"intervention {uid} done {done_on} taken back")
        session.delete(row)
