"""The demo's appointments and care-team communication: past ones with how they went,
upcoming ones (tomorrow's among them, so the queue calls for reminders), each with a
care-team member of the client; faxes and calls with the care team in the contact history,
which move no client's check-in."""

from datetime import date, timedelta

from sqlalchemy import select
from test_demo import fresh_db

from carecli.data.caseload import load_caseload
from carecli.data.models import Appointment, CareTeamMember, ContactLog
from carecli.data.queue import load_queue
from carecli.demo import build_demo

DAY = date(2026, 3, 18)


def test_the_demo_has_appointments_and_care_team_communication(tmp_path) -> None:
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=80, seed=5, today=DAY)
        with db.read() as session:
            rows = session.scalars(select(Appointment)).all()
            team = {(m.id, m.client_id, m.name) for m in session.scalars(select(CareTeamMember))}
            faxes = session.scalars(select(ContactLog).where(
                ContactLog.with_whom_kind == "care_team")).all()
        assert all((a.care_team_member_id, a.client_id, a.with_whom) in team for a in rows)
        days = {a.starts_at.astimezone().date() for a in rows if a.status == "scheduled"}
        assert DAY + timedelta(days=1) in days and any(d > DAY + timedelta(days=1) for d in days)
        past = [a for a in rows if a.status != "scheduled"]
        assert past and all(a.outcome_note for a in past)
        assert all(a.starts_at.astimezone().date() < DAY for a in past)
        assert faxes and all(f.successful is None and f.minutes > 0 for f in faxes)
        assert {f.mode for f in faxes} >= {"fax", "phone"}
        kinds = {i.kind for i in load_queue(db=db, today=DAY).items}
        assert "appointment_reminder" in kinds
        last = {r.id: r.last_contact for r in load_caseload(db=db, today=DAY)}
        assert all(last[f.client_id] is None or last[f.client_id] != f.occurred_at.astimezone(
            ).date() or _reached_that_day(db, f) for f in faxes)


def _reached_that_day(db, fax) -> bool:
    """The client was reached on the fax's day too (so the day is theirs, not the fax's)."""
    with db.read() as session:
        return any(c.occurred_at.astimezone().date() == fax.occurred_at.astimezone().date()
                   for c in session.scalars(select(ContactLog).where(
                       ContactLog.client_id == fax.client_id, ContactLog.successful.is_(True))))
