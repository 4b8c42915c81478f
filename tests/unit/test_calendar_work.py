"""The calendar export's work, read in one pass (`data.queue.load_calendar_work`): the same as
the queue of each day ahead read one by one, plus an item snoozed until a day in the window,
which shows on that day."""

from datetime import date, datetime, timedelta

import pytest

from carecli.data.follow_ups import snooze
from carecli.data.queue import load_calendar_work, load_queue
from carecli.demo import build_demo

TODAY = date(2026, 11, 24)

pytestmark = pytest.mark.both_backends


def _day_by_day(db, today: date, days: int) -> list[tuple]:
    """The work as the export used to read it: today's queue, then each day's queue ahead,
    keeping what falls due that day."""
    found = [(today, item) for item in load_queue(db=db, today=today, items_only=True).items]
    for ahead in range(1, days + 1):
        day = today + timedelta(days=ahead)
        found += [(day, item) for item in load_queue(db=db, today=day, items_only=True).items
                  if item.due == day]
    return found


def test_one_pass_finds_what_each_day_s_queue_would_show(db):
    build_demo(db=db, clients=60, seed=3, today=TODAY)
    expected = _day_by_day(db, TODAY, 30)
    assert len({day for day, _ in expected}) > 20  # work on most days of the window
    assert load_calendar_work(db=db, today=TODAY, days=30) == expected


def test_an_item_snoozed_into_the_window_shows_on_the_day_it_comes_back(db):
    build_demo(db=db, clients=60, seed=3, today=TODAY)
    day, item = next((d, i) for d, i in _day_by_day(db, TODAY, 30)
                     if d == TODAY and i.kind == "check_in")
    back = TODAY + timedelta(days=5)
    snooze(db=db, client_id=item.client_id, item_key=item.key, until_on=back,
           reason="in hospital", now=datetime(2026, 11, 24, 9, 0))
    work = load_calendar_work(db=db, today=TODAY, days=30)
    mine = [(d, i.key) for d, i in work if i.client_id == item.client_id and i.key == item.key]
    assert mine == [(back, item.key)]
