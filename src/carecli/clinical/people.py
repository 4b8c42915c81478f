"""Small facts about people that several screens show: age, and the caseload's flags."""

from datetime import date

RECENT_DISCHARGE_DAYS = 30
"""A discharge this recent is flagged: the transitional-care period is the day plus 29 more."""


def age_on(born: date | None, today: date) -> int | None:
    """Age in whole years on `today` (a 29 February birthday counts from 1 March); None without
    a birth date or for one after `today` (no one has a negative age)."""
    if born is None or born > today:
        return None
    before_birthday = (today.month, today.day) < (born.month, born.day)
    return today.year - born.year - int(before_birthday)


def recently_discharged(discharged_on: date | None, today: date) -> bool:
    """Whether a discharge falls within the transitional-care period ending today."""
    if discharged_on is None:
        return False
    return 0 <= (today - discharged_on).days < RECENT_DISCHARGE_DAYS
