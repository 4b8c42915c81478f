"""Check-in cadence by risk tier, and when the next check-in falls due (DOMAIN.md defaults)."""

from datetime import date

from carecli.clinical.dates import days_after

DEFAULT_CADENCE_DAYS = {"high": 7, "moderate": 14, "low": 30}
"""Our defaults; no national standard fixes contact cadence by risk."""

UNREACHABLE_AFTER = 3
"""Unsuccessful attempts in a row that raise the `unable_to_reach` flag."""


def cadence_days(risk_tier: str, override: int | None = None) -> int:
    """Days between check-ins: the client's own override, else the default for the tier."""
    if override is not None:
        if override < 1:
            raise ValueError("cadence_days: must be at least 1")
        return override
    try:
        return DEFAULT_CADENCE_DAYS[risk_tier]
    except KeyError:
        raise ValueError(f"risk_tier: unknown tier {risk_tier!r}") from None


def next_due(
    *, last_success: date | None, enrolled_on: date, cadence: int, scheduled: date | None = None
) -> date:
    """The next check-in date: an explicitly scheduled one wins, else cadence after the last
    successful contact (or after enrolment when there has been none). A date past 9999-12-31
    is 9999-12-31 (`date.max`)."""
    if scheduled is not None:
        return scheduled
    return days_after(last_success or enrolled_on, cadence)


def is_unreachable(failed_attempts_since_last_success: int) -> bool:
    """True when the latest `UNREACHABLE_AFTER` attempts all failed, i.e. at least that many
    unsuccessful attempts came after the last successful contact."""
    return failed_attempts_since_last_success >= UNREACHABLE_AFTER


PLAN_REVIEW_DAYS = {"high": 30, "moderate": 90, "low": 180}
"""Days from finalising a care plan (or starting the first) to its next review, by risk tier.
DOMAIN.md is silent; these are ours."""


def plan_review_days(risk_tier: str) -> int:
    """Days to a care plan's next review for a client of `risk_tier` (unknown: moderate's)."""
    return PLAN_REVIEW_DAYS.get(risk_tier, PLAN_REVIEW_DAYS["moderate"])
