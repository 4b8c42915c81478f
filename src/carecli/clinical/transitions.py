"""Transitions of care after a hospital or facility discharge: the TCM deadlines (DOMAIN.md).

- `contact_by`: the interactive contact is due within 2 business days after the discharge day,
  so this is the 2nd business day after it. Business days are Monday to Friday except US federal
  holidays as observed (the `holidays` package, country "US", no state: federal holidays only).
- `visit_by`: the face-to-face visit, discharge + 7 days (high complexity, 99496) or + 14 days
  (moderate complexity, 99495).
- `period_ends`: the TCM period is the discharge day plus the next 29 days.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from carecli.clinical.dates import days_after

CONTACT_BUSINESS_DAYS = 2
VISIT_DAYS_HIGH = 7
VISIT_DAYS_MODERATE = 14
PERIOD_EXTRA_DAYS = 29


@dataclass(frozen=True)
class TcmDeadlines:
    contact_by: date
    """The last day of the 2-business-day window for the interactive contact."""
    visit_by: date
    """The last day for the face-to-face visit."""
    period_ends: date
    """The last day of the 30-day TCM period (discharge day included)."""


@lru_cache(maxsize=64)
def _federal_holidays(year: int) -> frozenset[date]:
    import holidays  # imported when first needed: it is not on the app's startup path

    return frozenset(holidays.country_holidays("US", years=year))


def _check_date(name: str, value: object) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{name}: expected a date, got {value!r}")
    return value


def is_business_day(day: date) -> bool:
    """Monday to Friday and not a US federal holiday (observed date)."""
    day = _check_date("day", day)
    return day.weekday() < 5 and day not in _federal_holidays(day.year)


def business_days_after(day: date, n: int) -> date:
    """The `n`th business day after `day` (`day` itself never counts; n ≥ 1); `date.max` when
    the calendar ends first."""
    day = _check_date("day", day)
    if type(n) is not int or n < 1:
        raise ValueError(f"n: must be a whole number of at least 1, got {n!r}")
    found = 0
    while found < n:
        if day == date.max:
            return day
        day += timedelta(days=1)
        if is_business_day(day):
            found += 1
    return day


def tcm_deadlines(discharge: date, high_complexity: bool) -> TcmDeadlines:
    """The contact, visit and period-end deadlines for a discharge on `discharge`."""
    discharge = _check_date("discharge", discharge)
    visit_days = VISIT_DAYS_HIGH if high_complexity else VISIT_DAYS_MODERATE
    return TcmDeadlines(
        contact_by=business_days_after(discharge, CONTACT_BUSINESS_DAYS),
        visit_by=days_after(discharge, visit_days),
        period_ends=days_after(discharge, PERIOD_EXTRA_DAYS),
    )
