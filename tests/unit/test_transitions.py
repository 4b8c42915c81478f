"""Transitions of care (DOMAIN.md): the 2-business-day contact window, visit and period ends."""

from datetime import date, datetime, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carecli.clinical import TcmDeadlines, tcm_deadlines
from carecli.clinical.transitions import business_days_after, is_business_day


@pytest.mark.parametrize(
    ("discharge", "contact_by"),
    [
        (date(2026, 11, 20), date(2026, 11, 24)),  # Friday -> Monday day 1, Tuesday day 2
        (date(2026, 11, 18), date(2026, 11, 20)),  # Wednesday -> Friday
        (date(2026, 11, 16), date(2026, 11, 18)),  # Monday -> Wednesday
        (date(2026, 11, 19), date(2026, 11, 23)),  # Thursday -> Monday
        (date(2026, 11, 21), date(2026, 11, 24)),  # Saturday -> Tuesday
        (date(2026, 11, 22), date(2026, 11, 24)),  # Sunday -> Tuesday
        (date(2026, 12, 24), date(2026, 12, 29)),  # Christmas Friday 25 excluded
        (date(2026, 5, 22), date(2026, 5, 27)),  # Friday before Memorial Day (Mon 25 May)
        (date(2026, 5, 25), date(2026, 5, 27)),  # discharged on Memorial Day itself
        (date(2026, 5, 21), date(2026, 5, 26)),  # Thursday: Friday day 1, Memorial Day skipped
        (date(2026, 1, 16), date(2026, 1, 21)),  # Friday before Martin Luther King Jr. Day
        (date(2026, 9, 4), date(2026, 9, 9)),  # Friday before Labor Day
        (date(2026, 11, 25), date(2026, 11, 30)),  # Wednesday before Thanksgiving
        (date(2026, 6, 18), date(2026, 6, 23)),  # Thursday before Juneteenth (Friday)
        (date(2026, 7, 2), date(2026, 7, 7)),  # 4 July is a Saturday: observed Friday 3 July
        (date(2027, 12, 30), date(2028, 1, 4)),  # New Year 2028 observed Friday 31 Dec 2027
        (date(2026, 12, 31), date(2027, 1, 5)),  # New Year's Day (Friday) across the year
    ],
)
def test_contact_by(discharge: date, contact_by: date) -> None:
    assert tcm_deadlines(discharge, high_complexity=True).contact_by == contact_by
    assert tcm_deadlines(discharge, high_complexity=False).contact_by == contact_by


def test_visit_and_period() -> None:
    discharge = date(2026, 12, 24)
    assert tcm_deadlines(discharge, True) == TcmDeadlines(
        contact_by=date(2026, 12, 29), visit_by=date(2026, 12, 31), period_ends=date(2027, 1, 22))
    assert tcm_deadlines(discharge, False) == TcmDeadlines(
        contact_by=date(2026, 12, 29), visit_by=date(2027, 1, 7), period_ends=date(2027, 1, 22))


def test_visit_by_is_calendar_days_even_over_holidays() -> None:
    discharge = date(2026, 11, 20)
    assert tcm_deadlines(discharge, True).visit_by == date(2026, 11, 27)
    assert tcm_deadlines(discharge, False).visit_by == date(2026, 12, 4)
    assert tcm_deadlines(discharge, True).period_ends == date(2026, 12, 19)


def test_deadlines_are_frozen() -> None:
    deadlines = tcm_deadlines(date(2026, 11, 20), True)
    with pytest.raises(AttributeError):
        deadlines.contact_by = date(2026, 11, 30)  # type: ignore[misc]


def test_every_federal_holiday_is_not_a_business_day() -> None:
    for year in (2025, 2026, 2027):
        for day in holidays.country_holidays("US", years=year):
            assert not is_business_day(day), day
    assert is_business_day(date(2026, 11, 24))
    assert not is_business_day(date(2026, 11, 21))
    assert not is_business_day(date(2026, 11, 22))
    assert is_business_day(date(2026, 12, 24))  # Christmas Eve is not a federal holiday


def test_business_days_after() -> None:
    assert business_days_after(date(2026, 11, 20), 1) == date(2026, 11, 23)
    assert business_days_after(date(2026, 11, 20), 5) == date(2026, 11, 30)  # Thanksgiving
    assert business_days_after(date(2026, 11, 23), 1) == date(2026, 11, 24)


@pytest.mark.parametrize("n", [0, -1, 1.5, True])
def test_business_days_after_needs_a_positive_count(n: object) -> None:
    with pytest.raises(ValueError, match="n:"):
        business_days_after(date(2026, 11, 20), n)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [datetime(2026, 11, 20, 9, 0), "2026-11-20", None])
def test_discharge_must_be_a_date(bad: object) -> None:
    with pytest.raises(ValueError, match="discharge"):
        tcm_deadlines(bad, True)  # type: ignore[arg-type]


@given(st.dates(date(2020, 1, 1), date(2035, 12, 31)), st.booleans())
def test_deadline_properties(discharge: date, high: bool) -> None:
    deadlines = tcm_deadlines(discharge, high)
    between = [discharge + timedelta(days=d)
               for d in range(1, (deadlines.contact_by - discharge).days + 1)]
    assert sum(is_business_day(d) for d in between) == 2
    assert is_business_day(deadlines.contact_by)
    assert 2 <= (deadlines.contact_by - discharge).days <= 6
    assert deadlines.visit_by - discharge == timedelta(days=7 if high else 14)
    assert deadlines.period_ends - discharge == timedelta(days=29)
