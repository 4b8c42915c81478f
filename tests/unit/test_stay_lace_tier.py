"""The suggested risk tier weighs the LACE scored on the latest discharge (Stays & TCM) when the
assessment gave no LACE score of its own."""

from datetime import date

from carecli.clinical import score, suggest_risk_tier
from carecli.clinical.suggestions import StayLace

HIGH = StayLace(12, "high", date(2026, 11, 14))


def tier(scores: dict, lace: StayLace | None) -> tuple[str, tuple[str, ...]]:
    return suggest_risk_tier(scores=scores, chronic_conditions=0, admissions_last_6_months=0,
                             recent_discharge=False, stay_lace=lace)


def test_a_high_lace_on_the_latest_discharge_makes_the_tier_high() -> None:
    assert tier({}, HIGH) == (
        "high", ("LACE 12 (high readmission risk) after the Nov 14 discharge",))


def test_a_lower_lace_on_the_latest_discharge_adds_nothing() -> None:
    assert tier({}, StayLace(7, "moderate", date(2026, 11, 14))) == ("low", ())
    assert tier({}, None) == ("low", ())


def test_the_assessment_lace_comes_first() -> None:
    low = score("lace", {"length_of_stay_days": 1, "acute_admission": False, "charlson": 0,
                         "ed_visits_6mo": 0})
    assert tier({"lace": low}, HIGH) == ("low", ())
    high = score("lace", {"length_of_stay_days": 14, "acute_admission": True, "charlson": 1,
                          "ed_visits_6mo": 0})
    assert tier({"lace": high}, HIGH) == ("high", ("LACE 11 (high readmission risk)",))
