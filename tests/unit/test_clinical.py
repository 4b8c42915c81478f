"""The pure clinical rules: CCM billing codes, check-in cadence, ages and discharge windows."""

from datetime import date, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from carecli.clinical import CCM_FIRST_MARK, ccm_codes, ccm_eligible
from carecli.clinical.cadence import (
    DEFAULT_CADENCE_DAYS,
    UNREACHABLE_AFTER,
    cadence_days,
    is_unreachable,
    next_due,
)
from carecli.clinical.dates import days_after
from carecli.clinical.people import RECENT_DISCHARGE_DAYS, age_on, recently_discharged
from carecli.clinical.transitions import tcm_deadlines

TODAY = date(2026, 11, 24)

# --- CCM billing (DOMAIN.md "Medicare care-management billing") -------------------------------


@pytest.mark.parametrize(
    ("minutes", "codes"),
    [
        (0, []),
        (19, []),
        (20, ["99490"]),
        (39, ["99490"]),
        (40, ["99490", "99439"]),
        (59, ["99490", "99439"]),
        (60, ["99490", "99439", "99439"]),
        (80, ["99490", "99439", "99439"]),
        (500, ["99490", "99439", "99439"]),
    ],
)
def test_non_complex_ccm_codes(minutes: int, codes: list[str]) -> None:
    assert ccm_codes(minutes) == codes
    assert ccm_codes(minutes, complex=False) == codes


@pytest.mark.parametrize(
    ("minutes", "codes"),
    [
        (0, []),
        (19, []),
        (20, ["99490"]),
        (45, ["99490", "99439"]),
        (59, ["99490", "99439"]),
        (60, ["99487"]),
        (89, ["99487"]),
        (90, ["99487", "99489"]),
        (119, ["99487", "99489"]),
        (120, ["99487", "99489", "99489"]),
    ],
)
def test_complex_ccm_codes(minutes: int, codes: list[str]) -> None:
    assert ccm_codes(minutes, complex=True) == codes


@pytest.mark.parametrize(
    ("chronic", "consented", "eligible"),
    [(2, True, True), (5, True, True), (1, True, False), (0, True, False), (2, False, False)],
)
def test_ccm_eligibility_needs_two_chronic_conditions_and_consent(
        chronic: int, consented: bool, eligible: bool) -> None:
    assert ccm_eligible(chronic, consented) is eligible


def test_complex_below_sixty_minutes_is_the_non_complex_result() -> None:
    for minutes in range(60):
        assert ccm_codes(minutes, complex=True) == ccm_codes(minutes)


@pytest.mark.parametrize("complex_", [False, True])
def test_negative_minutes_raise(complex_: bool) -> None:
    with pytest.raises(ValueError):
        ccm_codes(-1, complex=complex_)


def test_first_mark_is_twenty() -> None:
    assert CCM_FIRST_MARK == 20
    assert ccm_codes(CCM_FIRST_MARK - 1) == []
    assert ccm_codes(CCM_FIRST_MARK) == ["99490"]


@given(st.integers(min_value=0, max_value=100_000))
def test_non_complex_never_more_than_three_units(minutes: int) -> None:
    codes = ccm_codes(minutes)
    assert len(codes) <= 3
    assert codes.count("99490") <= 1
    assert set(codes) <= {"99490", "99439"}
    if codes:
        assert codes[0] == "99490"


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=500),
       st.booleans())
def test_codes_monotonic_in_minutes(minutes: int, more: int, complex_: bool) -> None:
    fewer = ccm_codes(minutes, complex=complex_)
    larger = ccm_codes(minutes + more, complex=complex_)
    if complex_ and minutes < 60 <= minutes + more:
        # Crossing into complex CCM replaces the codes, but never yields fewer units.
        assert larger[0] == "99487"
        assert len(larger) >= 1
    else:
        assert len(larger) >= len(fewer)


@given(st.integers(min_value=60, max_value=10_000))
def test_complex_units_follow_thirty_minute_steps(minutes: int) -> None:
    codes = ccm_codes(minutes, complex=True)
    assert codes[0] == "99487"
    assert codes[1:] == ["99489"] * ((minutes - 60) // 30)


# --- cadence ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("tier", "days"), [("high", 7), ("moderate", 14), ("low", 30)])
def test_default_cadence_by_tier(tier: str, days: int) -> None:
    assert cadence_days(tier) == days
    assert DEFAULT_CADENCE_DAYS[tier] == days


def test_cadence_override_wins() -> None:
    assert cadence_days("high", 21) == 21
    assert cadence_days("low", 1) == 1


@pytest.mark.parametrize("override", [0, -5])
def test_cadence_override_below_one_refused(override: int) -> None:
    with pytest.raises(ValueError, match="cadence_days"):
        cadence_days("moderate", override)


@pytest.mark.parametrize("tier", ["urgent", "", "HIGH"])
def test_unknown_tier_refused(tier: str) -> None:
    with pytest.raises(ValueError, match="risk_tier"):
        cadence_days(tier)


def test_next_due_after_last_success() -> None:
    assert next_due(
        last_success=date(2026, 11, 20), enrolled_on=date(2026, 1, 1), cadence=7
    ) == date(2026, 11, 27)


def test_next_due_after_enrolment_without_contact() -> None:
    assert next_due(last_success=None, enrolled_on=date(2026, 11, 1), cadence=14) == date(
        2026, 11, 15
    )


def test_scheduled_check_in_wins_earlier_or_later() -> None:
    for scheduled in (date(2026, 11, 21), date(2027, 1, 5)):
        assert next_due(
            last_success=date(2026, 11, 20), enrolled_on=date(2026, 1, 1), cadence=7,
            scheduled=scheduled,
        ) == scheduled


def test_next_due_crosses_month_and_year() -> None:
    assert next_due(last_success=date(2026, 12, 20), enrolled_on=date(2026, 1, 1), cadence=30) == (
        date(2027, 1, 19)
    )


def _failures_since_success(outcomes_newest_first: list[bool]) -> int:
    count = 0
    for ok in outcomes_newest_first:
        if ok:
            break
        count += 1
    return count


def test_unreachable_after_three_failures_in_a_row() -> None:
    assert UNREACHABLE_AFTER == 3
    assert is_unreachable(3)
    assert is_unreachable(7)


@pytest.mark.parametrize("failures", [0, 1, 2])
def test_not_unreachable(failures: int) -> None:
    assert not is_unreachable(failures)


@given(st.lists(st.booleans(), max_size=10))
def test_counting_failures_since_success_means_the_latest_three_failed(outcomes) -> None:
    """The database counts failures after the last success; that is the same rule as
    "the last three attempts failed" (DOMAIN.md)."""
    latest_three_failed = len(outcomes) >= 3 and not any(outcomes[:3])
    assert is_unreachable(_failures_since_success(outcomes)) == latest_three_failed


# --- age --------------------------------------------------------------------------------------


def test_age_none_without_birth_date() -> None:
    assert age_on(None, TODAY) is None


def test_age_on_birthday_and_day_before() -> None:
    born = date(1950, 11, 24)
    assert age_on(born, date(2026, 11, 24)) == 76
    assert age_on(born, date(2026, 11, 23)) == 75
    assert age_on(born, date(2026, 11, 25)) == 76


def test_age_on_birth_day_is_zero() -> None:
    assert age_on(TODAY, TODAY) == 0


def test_age_birthday_early_january_and_late_december() -> None:
    assert age_on(date(1960, 1, 1), date(2026, 12, 31)) == 66
    assert age_on(date(1960, 12, 31), date(2026, 1, 1)) == 65


def test_leap_day_birthday_counts_from_first_of_march_in_common_years() -> None:
    born = date(2000, 2, 29)
    assert age_on(born, date(2001, 2, 28)) == 0
    assert age_on(born, date(2001, 3, 1)) == 1
    assert age_on(born, date(2003, 2, 28)) == 2
    assert age_on(born, date(2003, 3, 1)) == 3


def test_leap_day_birthday_in_a_leap_year() -> None:
    born = date(2000, 2, 29)
    assert age_on(born, date(2004, 2, 28)) == 3
    assert age_on(born, date(2004, 2, 29)) == 4


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 24)),
       st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_age_matches_calendar_reference(born: date, today: date) -> None:
    if today < born:
        return
    years = today.year - born.year
    try:
        birthday = born.replace(year=today.year)
    except ValueError:  # 29 February in a common year: birthday is 1 March
        birthday = date(today.year, 3, 1)
    if today < birthday:
        years -= 1
    assert age_on(born, today) == years


# --- recent discharge window -------------------------------------------------------------------


def test_discharge_window_is_thirty_days() -> None:
    assert RECENT_DISCHARGE_DAYS == 30


@pytest.mark.parametrize(
    ("days_ago", "recent"),
    [(0, True), (1, True), (29, True), (30, False), (31, False), (365, False), (-1, False)],
)
def test_recently_discharged_edges(days_ago: int, recent: bool) -> None:
    assert recently_discharged(TODAY - timedelta(days=days_ago), TODAY) is recent


def test_never_discharged_is_not_recent() -> None:
    assert recently_discharged(None, TODAY) is False


# --- dates at the ends of the calendar (a stored 9999-12-31 must not stop the caseload) -------

ANY_DAY = st.dates(min_value=date.min, max_value=date.max)


def test_next_due_after_the_last_day_is_the_last_day() -> None:
    due = next_due(last_success=None, enrolled_on=date(9999, 12, 31), cadence=14)
    assert due == date.max


@given(ANY_DAY, st.integers(min_value=1, max_value=10**6), st.none() | ANY_DAY)
def test_next_due_never_raises(enrolled: date, cadence: int, last: date | None) -> None:
    due = next_due(last_success=last, enrolled_on=enrolled, cadence=cadence)
    start = last or enrolled
    assert start < due <= date.max or start == due == date.max
    assert due == date.max or (due - start).days == cadence


@given(ANY_DAY, st.integers(min_value=-(10**9), max_value=10**9))
def test_days_after_stays_in_the_calendar(day: date, days: int) -> None:
    moved = days_after(day, days)
    assert date.min <= moved <= date.max
    if date.min < moved < date.max:
        assert (moved - day).days == days


@given(ANY_DAY, ANY_DAY)
def test_age_and_discharge_window_never_raise(born: date, today: date) -> None:
    age = age_on(born, today)
    assert age is None if born > today else 0 <= age <= 9998
    recent = recently_discharged(born, today)
    assert recent is (0 <= (today - born).days < RECENT_DISCHARGE_DAYS)


def test_age_of_a_birth_date_after_today_is_unknown() -> None:
    assert age_on(date(9999, 12, 31), TODAY) is None


@settings(max_examples=40, deadline=None)  # each new year loads its holidays
@given(ANY_DAY, st.booleans())
@example(date.max, True)
def test_tcm_deadlines_never_raise(discharge: date, high: bool) -> None:
    deadlines = tcm_deadlines(discharge, high)
    assert discharge < deadlines.contact_by or deadlines.contact_by == date.max
    assert deadlines.contact_by <= date.max and deadlines.period_ends <= date.max


def test_recently_discharged_on_the_first_day_of_the_calendar() -> None:
    assert recently_discharged(date.min, date.min) is True
