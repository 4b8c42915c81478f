"""The call timer: one at a time in the database, its pauses not counted, and what it shows
and logs at any moment (`TimerState`)."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from carecli.data.clients import create_client
from carecli.data.errors import NotFound
from carecli.data.models import CallTimer
from carecli.data.timer import (
    TimerBusy,
    discard_timer,
    pause_timer,
    resume_timer,
    start_timer,
    timers,
)
from carecli.domain.daily import TimerState

pytestmark = pytest.mark.both_backends

T0 = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


def _client(db, given: str = "Ada", family: str = "Okafor") -> int:
    return create_client(db=db, values={"given_name": given, "family_name": family,
                                        "enrolled_on": "2026-01-05"})


def _count(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(CallTimer))


def test_a_started_timer_is_kept_with_the_client_s_name(db) -> None:
    ada = _client(db)
    started = start_timer(db=db, client_id=ada, now=T0)
    assert (started.client_id, started.client, started.started_at) == (ada, "Ada Okafor", T0)
    assert started.running and started.paused_seconds == 0
    assert timers(db=db) == (started,)
    assert started.started_at.tzinfo is not None


def test_pauses_are_not_counted(db) -> None:
    ada = _client(db)
    timer = start_timer(db=db, client_id=ada, now=T0)
    paused = pause_timer(db=db, timer_id=timer.id, now=T0 + timedelta(minutes=5))
    assert not paused.running and paused.paused_at == T0 + timedelta(minutes=5)
    # a paused timer stands still, whenever it is looked at
    assert paused.elapsed_seconds(T0 + timedelta(hours=3)) == 300
    # pausing it again changes nothing
    assert pause_timer(db=db, timer_id=timer.id, now=T0 + timedelta(minutes=9)) == paused
    resumed = resume_timer(db=db, timer_id=timer.id, now=T0 + timedelta(minutes=15))
    assert resumed.running and resumed.paused_seconds == 600
    assert resumed.elapsed_seconds(T0 + timedelta(minutes=17)) == 7 * 60
    assert timers(db=db) == (resumed,)  # the pause is stored, so a restart knows it
    # resuming a running timer changes nothing
    assert resume_timer(db=db, timer_id=timer.id, now=T0 + timedelta(minutes=20)) == resumed


def test_one_call_at_a_time(db) -> None:
    ada, ben = _client(db), _client(db, "Ben", "Ames")
    timer = start_timer(db=db, client_id=ada, now=T0)
    with pytest.raises(TimerBusy, match="already running for Ada Okafor"):
        start_timer(db=db, client_id=ben, now=T0)
    pause_timer(db=db, timer_id=timer.id, now=T0)
    with pytest.raises(TimerBusy, match="already paused for Ada Okafor"):
        start_timer(db=db, client_id=ada, now=T0)
    assert _count(db) == 1
    discard_timer(db=db, timer_id=timer.id)
    assert timers(db=db) == () and _count(db) == 0
    assert start_timer(db=db, client_id=ben, now=T0).client == "Ben Ames"


def test_a_timer_gone_elsewhere_is_none_and_an_unknown_client_is_refused(db) -> None:
    ada = _client(db)
    timer = start_timer(db=db, client_id=ada, now=T0)
    discard_timer(db=db, timer_id=timer.id)
    assert pause_timer(db=db, timer_id=timer.id) is None
    assert resume_timer(db=db, timer_id=timer.id) is None
    discard_timer(db=db, timer_id=timer.id)  # twice: nothing happens
    with pytest.raises(NotFound, match="Client 999 no longer exists"):
        start_timer(db=db, client_id=999, now=T0)
    assert _count(db) == 0


def test_a_clock_set_back_never_makes_time_negative(db) -> None:
    ada = _client(db)
    timer = start_timer(db=db, client_id=ada, now=T0)
    paused = pause_timer(db=db, timer_id=timer.id, now=T0 - timedelta(minutes=5))
    assert paused.paused_at == T0 and paused.elapsed_seconds(T0) == 0
    resumed = resume_timer(db=db, timer_id=timer.id, now=T0 - timedelta(minutes=1))
    assert resumed.paused_seconds == 0
    assert resumed.elapsed_seconds(T0 - timedelta(hours=1)) == 0


def _state(paused_at=None, paused_seconds=0) -> TimerState:
    return TimerState(id=1, client_id=1, client="Ada Okafor", started_at=T0,
                      paused_at=paused_at, paused_seconds=paused_seconds)


@pytest.mark.parametrize(("seconds", "minutes"), [
    (0, 0), (29, 0), (30, 1), (89, 1), (90, 2), (20 * 60 + 29, 20), (20 * 60 + 30, 21),
])
def test_minutes_round_a_half_gone_minute_up(seconds: int, minutes: int) -> None:
    state = _state()
    assert state.elapsed_seconds(T0 + timedelta(seconds=seconds)) == seconds
    assert state.minutes(T0 + timedelta(seconds=seconds)) == minutes


def test_elapsed_edges() -> None:
    assert _state().elapsed_seconds(T0 - timedelta(seconds=1)) == 0  # before its start
    assert _state().elapsed_seconds(T0 + timedelta(milliseconds=999)) == 0
    paused = _state(paused_at=T0 + timedelta(minutes=10), paused_seconds=120)
    assert paused.elapsed_seconds(T0 + timedelta(days=2)) == 480
    assert paused.minutes(T0 + timedelta(days=2)) == 8
    assert _state(paused_seconds=999).elapsed_seconds(T0 + timedelta(seconds=60)) == 0
