"""Suggested care-plan problems and the suggested risk tier (carecli.clinical.suggestions)."""

from typing import Any

import pytest

from carecli.clinical import Score, SuggestedProblem, score, suggest_problems, suggest_risk_tier
from carecli.clinical.suggestions import medication_problem

HRSN_NEGATIVE: dict[str, Any] = {
    "1": "steady", "2": [], "3": "never", "4": "never", "5": "no", "6": "no",
    "7": 1, "8": 1, "9": 1, "10": 1,
}
LACE_ZERO = {"length_of_stay_days": 0, "acute_admission": False, "charlson": 0,
             "ed_visits_6mo": 0}
KATZ_ALL = {k: 1 for k in ("bathing", "dressing", "toileting", "transferring", "continence",
                            "feeding")}
LAWTON_ALL = {k: 1 for k in ("telephone", "shopping", "food_preparation", "housekeeping",
                             "laundry", "transportation", "medications", "finances")}
STEADI_NO = {"fallen_past_year": "no", "unsteady": "no", "worries_about_falling": "no"}


def phq9(*values: int) -> Score:
    """PHQ-9 from items 1..9 (missing ones 0)."""
    padded = [*values, *([0] * (9 - len(values)))]
    return score("phq9", {str(i): v for i, v in enumerate(padded, 1)})


def gad7(total: int) -> Score:
    answers = {}
    for i in range(1, 8):
        answers[str(i)] = min(3, total)
        total -= answers[str(i)]
    return score("gad7", answers)


def hrsn(**changes: Any) -> Score:
    return score("ahc_hrsn", {**HRSN_NEGATIVE, **{k.lstrip("_"): v for k, v in changes.items()}})


NEGATIVE: dict[str, Score] = {
    "phq2": score("phq2", {"1": 1, "2": 1}),
    "phq9": phq9(1, 1, 1, 1),
    "gad7": gad7(4),
    "ahc_hrsn": hrsn(),
    "katz_adl": score("katz_adl", KATZ_ALL),
    "lawton_iadl": score("lawton_iadl", LAWTON_ALL),
    "steadi": score("steadi", STEADI_NO),
    "lace": score("lace", {**LACE_ZERO, "length_of_stay_days": 4}),
}


def codes(scores: dict[str, Score]) -> list[str]:
    return [p.code for p in suggest_problems(scores)]


# --- problems ------------------------------------------------------------------------------


def test_no_problem_for_all_negative_scores() -> None:
    assert suggest_problems(NEGATIVE) == []
    assert suggest_problems({}) == []


@pytest.mark.parametrize(
    ("instrument_id", "result", "code"),
    [
        ("phq9", phq9(3, 3, 3, 1), "depression"),
        ("gad7", gad7(10), "anxiety"),
        ("phq9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 1), "suicide_risk"),
        ("ahc_hrsn", hrsn(_7=2), "interpersonal_safety"),
        ("ahc_hrsn", hrsn(_8=4, _9=3, _10=3), "interpersonal_safety"),
        ("ahc_hrsn", hrsn(_1="worried"), "housing_instability"),
        ("ahc_hrsn", hrsn(_2=["leaks"]), "housing_instability"),
        ("ahc_hrsn", hrsn(_3="sometimes"), "food_insecurity"),
        ("ahc_hrsn", hrsn(_5="yes"), "transportation_barrier"),
        ("ahc_hrsn", hrsn(_6="shut_off"), "utility_shutoff_risk"),
        ("katz_adl", score("katz_adl", {**KATZ_ALL, "bathing": 0}), "adl_dependence"),
        ("lawton_iadl", score("lawton_iadl", {**LAWTON_ALL, "finances": 3}), "iadl_support"),
        ("steadi", score("steadi", {**STEADI_NO, "unsteady": "yes"}), "fall_risk"),
        ("lace", score("lace", {**LACE_ZERO, "length_of_stay_days": 7, "acute_admission": True,
                                "ed_visits_6mo": 2}), "readmission_risk"),
    ],
)
def test_each_problem_trigger(instrument_id: str, result: Score, code: str) -> None:
    problems = suggest_problems({**NEGATIVE, instrument_id: result})
    assert [p.code for p in problems] == [code]
    assert problems[0].source == instrument_id
    assert problems[0].description.strip()


def test_depression_from_phq2_only_without_phq9() -> None:
    phq2 = score("phq2", {"1": 2, "2": 1})
    without_phq9 = {k: v for k, v in NEGATIVE.items() if k != "phq9"}
    problems = suggest_problems({**without_phq9, "phq2": phq2})
    assert [(p.code, p.source) for p in problems] == [("depression", "phq2")]
    assert "PHQ-9" in problems[0].description  # asks for the full questionnaire
    # a negative PHQ-9 overrides a positive PHQ-2
    assert suggest_problems({**NEGATIVE, "phq2": phq2}) == []


def test_descriptions_are_care_plan_ready() -> None:
    problems = {p.code: p for p in suggest_problems({
        "phq9": phq9(3, 3, 3, 3, 3, 1),
        "ahc_hrsn": hrsn(_3="often"),
        "katz_adl": score("katz_adl", {**KATZ_ALL, "bathing": 0, "dressing": 0}),
    })}
    assert problems["depression"].description == (
        "Depression symptoms: PHQ-9 score 16, moderately severe (PHQ-9)")
    assert problems["food_insecurity"].description.startswith("Food insecurity: worried food")
    assert problems["food_insecurity"].description.endswith("(AHC HRSN)")
    assert "2 of 6" in problems["adl_dependence"].description


def test_interpersonal_safety_once_for_flag_and_domain() -> None:
    problems = suggest_problems({"ahc_hrsn": hrsn(_7=3, _8=3, _9=3, _10=3)})
    assert [p.code for p in problems] == ["interpersonal_safety"]
    assert "physically hurt" in problems[0].description
    assert "12 of 20" in problems[0].description


def test_order_is_stable() -> None:
    everything = {
        "lace": score("lace", {**LACE_ZERO, "length_of_stay_days": 14, "acute_admission": True}),
        "steadi": score("steadi", {**STEADI_NO, "fallen_past_year": "yes"}),
        "lawton_iadl": score("lawton_iadl", {**LAWTON_ALL, "shopping": 2}),
        "katz_adl": score("katz_adl", {**KATZ_ALL, "feeding": 0}),
        "ahc_hrsn": score("ahc_hrsn", {"1": "none", "2": ["mold"], "3": "often", "4": "often",
                                       "5": "yes", "6": "yes", "7": 2, "8": 3, "9": 3,
                                       "10": 3}),
        "gad7": gad7(15),
        "phq9": phq9(3, 3, 3, 1, 0, 0, 0, 0, 2),
        "phq2": score("phq2", {"1": 3, "2": 3}),
    }
    expected = ["depression", "anxiety", "suicide_risk", "interpersonal_safety",
                "housing_instability", "food_insecurity", "transportation_barrier",
                "utility_shutoff_risk", "adl_dependence", "iadl_support", "fall_risk",
                "readmission_risk"]
    assert codes(everything) == expected
    assert codes(dict(reversed(everything.items()))) == expected
    problems = suggest_problems(everything)
    assert len({p.code for p in problems}) == len(problems)


def test_suggested_problem_is_frozen() -> None:
    problem = SuggestedProblem("fall_risk", "Fall risk", "steadi")
    with pytest.raises(AttributeError):
        problem.code = "x"  # type: ignore[misc]


def test_medication_problem() -> None:
    assert medication_problem([]) is None
    assert medication_problem(()) is None
    problem = medication_problem(["Metformin", "Lisinopril", "Metformin"])
    assert problem is not None
    assert (problem.code, problem.source) == ("medication_nonadherence", "record")
    assert "Metformin, Lisinopril" in problem.description
    assert problem.description.count("Metformin") == 1
    with pytest.raises(ValueError, match="nonadherent_names"):
        medication_problem("Metformin")


# --- risk tier -----------------------------------------------------------------------------


def tier(scores: dict[str, Score] | None = None, *, chronic: int = 0, admissions: int = 0,
         discharge: bool = False) -> tuple[str, tuple[str, ...]]:
    return suggest_risk_tier(scores=NEGATIVE if scores is None else scores,
                             chronic_conditions=chronic, admissions_last_6_months=admissions,
                             recent_discharge=discharge)


def test_low_when_nothing_found() -> None:
    assert tier() == ("low", ())
    assert tier({}) == ("low", ())
    assert tier(chronic=2) == ("low", ())


@pytest.mark.parametrize(
    ("changes", "kwargs", "reason"),
    [
        ({"phq9": phq9(0, 0, 0, 0, 0, 0, 0, 0, 1)}, {},
         "thoughts of death or self-harm (PHQ-9 item 9)"),
        ({"ahc_hrsn": hrsn(_7=2)}, {}, "reports being physically hurt (AHC HRSN)"),
        ({"ahc_hrsn": hrsn(_8=4, _9=3, _10=3)}, {}, "interpersonal safety score 11 (AHC HRSN)"),
        ({}, {"admissions": 2}, "2 admissions in 6 months"),
        ({}, {"admissions": 5}, "5 admissions in 6 months"),
        ({}, {"discharge": True}, "recent hospital discharge"),
        ({"lace": score("lace", {**LACE_ZERO, "length_of_stay_days": 14,
                                 "acute_admission": True})}, {},
         "LACE 10 (high readmission risk)"),
        ({"phq9": phq9(3, 3, 3, 3, 3, 1)}, {}, "PHQ-9 16 (moderately severe)"),
        ({"phq9": phq9(3, 3, 3, 3, 3)}, {}, "PHQ-9 15 (moderately severe)"),
        ({"phq9": phq9(3, 3, 3, 3, 3, 3, 3)}, {}, "PHQ-9 21 (severe)"),
    ],
)
def test_each_high_trigger(changes: dict[str, Score], kwargs: dict[str, Any], reason: str
                           ) -> None:
    assert tier({**NEGATIVE, **changes}, **kwargs) == ("high", (reason,))


@pytest.mark.parametrize(
    ("changes", "kwargs", "reason"),
    [
        ({"phq9": phq9(3, 3, 3, 3, 2)}, {}, "PHQ-9 14 (moderate)"),
        ({"phq9": phq9(3, 3, 3, 1)}, {}, "PHQ-9 10 (moderate)"),
        ({"gad7": gad7(10)}, {}, "GAD-7 10 (moderate)"),
        ({"gad7": gad7(18)}, {}, "GAD-7 18 (severe)"),
        ({"ahc_hrsn": hrsn(_1="none")}, {}, "housing instability"),
        ({"ahc_hrsn": hrsn(_4="sometimes")}, {}, "food insecurity"),
        ({"ahc_hrsn": hrsn(_5="yes")}, {}, "transportation barrier"),
        ({"ahc_hrsn": hrsn(_6="yes")}, {}, "utility shut-off risk"),
        ({"steadi": score("steadi", {**STEADI_NO, "worries_about_falling": "yes"})}, {},
         "fall risk (STEADI)"),
        ({"katz_adl": score("katz_adl", {**KATZ_ALL, "continence": 0})}, {},
         "needs help with 1 of 6 self-care activities (Katz ADL)"),
        ({"lawton_iadl": score("lawton_iadl", {**LAWTON_ALL, "laundry": 3,
                                               "medications": 2})}, {},
         "needs help with 2 of 8 everyday tasks (Lawton IADL)"),
        ({}, {"chronic": 3}, "3 chronic conditions"),
        ({}, {"chronic": 7}, "7 chronic conditions"),
        ({}, {"admissions": 1}, "1 admission in 6 months"),
    ],
)
def test_each_moderate_trigger(changes: dict[str, Score], kwargs: dict[str, Any], reason: str
                               ) -> None:
    assert tier({**NEGATIVE, **changes}, **kwargs) == ("moderate", (reason,))


def test_phq2_positive_counts_only_without_phq9() -> None:
    phq2 = score("phq2", {"1": 2, "2": 2})
    assert tier({"phq2": phq2}) == ("moderate", ("PHQ-2 4 (positive screen)",))
    assert tier({"phq2": phq2, "phq9": NEGATIVE["phq9"]}) == ("low", ())


def test_lace_moderate_alone_is_not_a_trigger() -> None:
    lace = score("lace", {**LACE_ZERO, "length_of_stay_days": 7})
    assert lace.band == "moderate"
    assert tier({**NEGATIVE, "lace": lace}) == ("low", ())


def test_reasons_list_every_trigger_high_first() -> None:
    scores = {**NEGATIVE, "phq9": phq9(3, 3, 3, 3, 3, 1, 0, 0, 1),
              "ahc_hrsn": hrsn(_3="often", _6="shut_off"), "gad7": gad7(12)}
    assert tier(scores, chronic=4, admissions=2, discharge=True) == ("high", (
        "thoughts of death or self-harm (PHQ-9 item 9)",
        "2 admissions in 6 months",
        "recent hospital discharge",
        "PHQ-9 17 (moderately severe)",
        "GAD-7 12 (moderate)",
        "food insecurity",
        "utility shut-off risk",
        "4 chronic conditions",
    ))


@pytest.mark.parametrize(
    ("chronic", "admissions"), [(-1, 0), (0, -1), (1.5, 0), (0, True), (None, 0)])
def test_counts_must_be_whole_numbers(chronic: Any, admissions: Any) -> None:
    with pytest.raises(ValueError):
        tier(chronic=chronic, admissions=admissions)
