"""`follow_up` exactly as DOMAIN.md fixes it: cadence after the latest success, retries the next
business day after failed attempts, unable to reach after three in a row, edges included."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carecli.clinical import FollowUp, follow_up

ENROLLED = date(2026, 1, 5)


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day) + timedelta(hours=hour)


def test_no_contact_yet_is_due_a_cadence_after_enrolment():
    assert follow_up([], enrolled_on=ENROLLED, cadence_days=14) == FollowUp(
        date(2026, 1, 19), False, 0, False)


def test_the_latest_success_sets_the_clock_in_any_order():
    contacts = [(at("2026-11-20"), True), (at("2026-11-02"), True), (at("2026-11-10"), False)]
    result = follow_up(reversed(contacts), enrolled_on=ENROLLED, cadence_days=7)
    assert result == FollowUp(date(2026, 11, 27), False, 0, False)


def test_an_attempt_after_the_last_success_is_retried_the_next_business_day():
    friday = at("2026-11-20")  # a Friday: Monday is the next business day
    result = follow_up([(at("2026-11-02"), True), (friday, False)], enrolled_on=ENROLLED,
                       cadence_days=30)
    assert result == FollowUp(date(2026, 11, 23), True, 1, False)


def test_a_retry_skips_a_federal_holiday():
    wednesday = at("2026-11-25")  # Thanksgiving is Thursday 26 November 2026
    assert follow_up([(wednesday, False)], enrolled_on=ENROLLED,
                     cadence_days=7).due_on == date(2026, 11, 27)


def test_three_failed_attempts_in_a_row_are_unable_to_reach():
    failures = [(at("2026-11-16"), False), (at("2026-11-17"), False)]
    two = follow_up(failures, enrolled_on=ENROLLED, cadence_days=7)
    assert (two.failed_in_a_row, two.unable_to_reach) == (2, False)
    three = follow_up([*failures, (at("2026-11-18"), False)], enrolled_on=ENROLLED,
                      cadence_days=7)
    assert three == FollowUp(date(2026, 11, 19), True, 3, True)


def test_attempts_before_the_last_success_do_not_count():
    contacts = [(at("2026-11-16"), False), (at("2026-11-17"), False), (at("2026-11-18"), False),
                (at("2026-11-18", 15), True)]
    assert follow_up(contacts, enrolled_on=ENROLLED, cadence_days=7) == FollowUp(
        date(2026, 11, 25), False, 0, False)


def test_an_attempt_at_the_same_moment_as_the_success_does_not_count():
    moment = at("2026-11-18")
    result = follow_up([(moment, False), (moment, True)], enrolled_on=ENROLLED, cadence_days=7)
    assert result == FollowUp(date(2026, 11, 25), False, 0, False)


@pytest.mark.parametrize("cadence", [0, -1, 1.5, "7", None, True])
def test_a_cadence_below_one_day_is_refused(cadence):
    with pytest.raises(ValueError, match="cadence_days"):
        follow_up([], enrolled_on=ENROLLED, cadence_days=cadence)


def test_a_due_date_past_the_calendar_is_its_last_day():
    assert follow_up([], enrolled_on=date(9999, 12, 30), cadence_days=30).due_on == date.max
    last = datetime(9999, 12, 31, 12)
    assert follow_up([(last, False)], enrolled_on=ENROLLED, cadence_days=7).due_on == date.max


@given(st.dates(), st.integers(min_value=1, max_value=10**6),
       st.lists(st.tuples(st.datetimes(), st.booleans()), max_size=6))
def test_never_raises_and_stays_on_the_calendar(enrolled, cadence, contacts):
    result = follow_up(contacts, enrolled_on=enrolled, cadence_days=cadence)
    assert date.min <= result.due_on <= date.max
    assert result.unable_to_reach == (result.failed_in_a_row >= 3)
    assert result.retry == (result.failed_in_a_row > 0)
