"""The call timer, kept in the database so it survives quitting, a restart or a crash: when it
started and how long it has been paused. One call at a time: at most one timer exists, running
or paused, for any client. Each change is one transaction; every time is UTC.

A timer ends when the contact it timed is logged (`contacts.log_contact` deletes its row in the
same transaction) or when it is thrown away here."""

from datetime import datetime

from sqlalchemy import select

from carecli.data.db import Database
from carecli.data.errors import CareDataError, NotFound
from carecli.data.models import CallTimer, Client
from carecli.data.types import utcnow
from carecli.domain.daily import TimerState


class TimerBusy(CareDataError):
    """A timer already runs (or waits, paused) for a call: one call at a time."""


def timers(*, db: Database) -> tuple[TimerState, ...]:
    """Every timer that is running or paused (none or one), oldest first."""
    with db.read() as session:
        rows = session.execute(
            select(CallTimer, Client.given_name, Client.family_name)
            .join(Client, Client.id == CallTimer.client_id)
            .order_by(CallTimer.started_at, CallTimer.id)
        ).all()
        return tuple(_state(timer, f"{given} {family}") for timer, given, family in rows)


def start_timer(*, db: Database, client_id: int, now: datetime | None = None) -> TimerState:
    """Start timing a call with the client; refused, naming the client, while another timer is
    running or paused (log or throw that one away first)."""
    with db.write() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound(f"Client {client_id} no longer exists.")
        busy = session.execute(
            select(CallTimer, Client.given_name, Client.family_name)
            .join(Client, Client.id == CallTimer.client_id).limit(1)
        ).first()
        if busy is not None:
            timer, given, family = busy
            state = "running" if timer.paused_at is None else "paused"
            raise TimerBusy(f"A call timer is already {state} for {given} {family}: log that "
                            "call or discard its timer first (one call at a time).")
        timer = CallTimer(client_id=client_id, started_at=now or utcnow())
        session.add(timer)
        session.flush()
        return _state(timer, f"{client.given_name} {client.family_name}")


def pause_timer(*, db: Database, timer_id: int, now: datetime | None = None
                ) -> TimerState | None:
    """Pause a running timer (a paused one stays as it is); None when it is gone (logged or
    discarded meanwhile, say in another window)."""
    with db.write() as session:
        found = _get(session, timer_id)
        if found is None:
            return None
        timer, name = found
        if timer.paused_at is None:
            timer.paused_at = max(now or utcnow(), timer.started_at)
        return _state(timer, name)


def resume_timer(*, db: Database, timer_id: int, now: datetime | None = None
                 ) -> TimerState | None:
    """Let a paused timer run again (the pause is not counted); None when it is gone."""
    with db.write() as session:
        found = _get(session, timer_id)
        if found is None:
            return None
        timer, name = found
        if timer.paused_at is not None:
            paused = (now or utcnow()) - timer.paused_at
            timer.paused_seconds += max(0, int(paused.total_seconds()))
            timer.paused_at = None
        return _state(timer, name)


def discard_timer(*, db: Database, timer_id: int) -> None:
    """Throw a timer away without logging anything (nothing happens when it is gone)."""
    with db.write() as session:
        timer = session.get(CallTimer, timer_id)
        if timer is not None:
            session.delete(timer)


def _get(session, timer_id: int) -> tuple[CallTimer, str] | None:
    row = session.execute(
        select(CallTimer, Client.given_name, Client.family_name)
        .join(Client, Client.id == CallTimer.client_id).where(CallTimer.id == timer_id)
    ).first()
    if row is None:
        return None
    timer, given, family = row
    return timer, f"{given} {family}"


def _state(timer: CallTimer, client: str) -> TimerState:
    return TimerState(id=timer.id, client_id=timer.client_id, client=client,
                      started_at=timer.started_at, paused_at=timer.paused_at,
                      paused_seconds=timer.paused_seconds)
