"""Date arithmetic that never raises: a day past 9999-12-31 is `date.max` (DOMAIN.md).

A stored date may be absurd (9999-12-31, typed before dates were checked, or written by another
program); adding a cadence to it must give a date to show, never an `OverflowError`.
"""

from datetime import date, timedelta


def days_after(day: date, days: int) -> date:
    """`day` plus `days` (negative: before), held within `date.min` .. `date.max`."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min
