"""Medicare chronic care management (CCM) codes from one client's minutes in one calendar month."""

CCM_FIRST_MARK = 20
"""Minutes in a month from which non-complex CCM (99490) becomes billable."""

COMPLEX_FIRST_CODE = "99487"
"""Complex CCM's first code (the first 60 minutes)."""

ELIGIBLE_CONDITIONS = 2
"""Chronic conditions (expected to last 12 months or more) that CCM needs."""

_EXTRA_UNIT = 20
_MAX_EXTRA_UNITS = 2
_COMPLEX_FIRST = 60
_COMPLEX_UNIT = 30


def ccm_codes(minutes: int, complex: bool = False) -> list[str]:
    """CPT codes billable for `minutes` of clinical-staff time, one entry per unit."""
    if minutes < 0:
        raise ValueError("minutes: must not be negative")
    if complex and minutes >= _COMPLEX_FIRST:
        extra = (minutes - _COMPLEX_FIRST) // _COMPLEX_UNIT
        return [COMPLEX_FIRST_CODE] + ["99489"] * extra
    if minutes < CCM_FIRST_MARK:
        return []
    extra = min((minutes - CCM_FIRST_MARK) // _EXTRA_UNIT, _MAX_EXTRA_UNITS)
    return ["99490"] + ["99439"] * extra


def ccm_eligible(chronic_conditions: int, consented: bool) -> bool:
    """CCM eligibility (DOMAIN.md): two or more chronic conditions and documented consent."""
    return consented and chronic_conditions >= ELIGIBLE_CONDITIONS
