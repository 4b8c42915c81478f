"""The Charlson index from ICD-10 codes (Quan 2005 coding, original weights): each condition
group, the codes outside it, and the conditions that count once as their more severe form."""

import pytest

from carecli.clinical.charlson import CONDITIONS, charlson, conditions_of

EXAMPLES = [
    # (an ICD-10-CM code, the condition, its weight)
    ("I21.4", "mi", 1), ("I25.2", "mi", 1),
    ("I50.32", "chf", 1), ("I11.0", "chf", 1), ("I42.6", "chf", 1),
    ("I70.213", "pvd", 1), ("Z95.828", "pvd", 1),
    ("I63.9", "cvd", 1), ("G45.9", "cvd", 1),
    ("F03.90", "dementia", 1), ("G30.1", "dementia", 1),
    ("J44.1", "copd", 1), ("J45.909", "copd", 1), ("I27.81", "copd", 1),
    ("M05.79", "rheumatic", 1), ("M32.14", "rheumatic", 1),
    ("K25.7", "pud", 1),
    ("K70.30", "mild_liver", 1), ("B18.2", "mild_liver", 1), ("K76.0", "mild_liver", 1),
    ("E11.9", "diabetes", 1), ("E11.65", "diabetes", 1), ("E10.10", "diabetes", 1),
    ("E11.22", "diabetes_complicated", 2), ("E11.40", "diabetes_complicated", 2),
    ("E10.319", "diabetes_complicated", 2),
    ("G81.91", "hemiplegia", 2), ("G82.20", "hemiplegia", 2),
    ("N18.4", "renal", 2), ("Z99.2", "renal", 2), ("I12.0", "renal", 2),
    ("C50.911", "malignancy", 2), ("C34.90", "malignancy", 2), ("C91.10", "malignancy", 2),
    ("K72.10", "severe_liver", 3), ("I85.00", "severe_liver", 3), ("K76.6", "severe_liver", 3),
    ("C78.00", "metastatic", 6), ("C79.51", "metastatic", 6),
    ("B20", "hiv", 6),
]


@pytest.mark.parametrize(("code", "condition", "weight"), EXAMPLES)
def test_each_condition_group_and_its_weight(code: str, condition: str, weight: int) -> None:
    assert conditions_of(code) == (condition,)
    result = charlson([code])
    assert result.index == weight
    assert [(c.id, c.codes) for c in result.conditions] == [(condition, (code,))]


def test_every_group_has_an_example() -> None:
    assert {condition for _, condition, _ in EXAMPLES} == set(CONDITIONS)


@pytest.mark.parametrize("code", ["I10", "E78.5", "C44.91", "F32.A", "M17.11", "I48.91", "", "E1",
                                  "Z79.4", "not a code"])
def test_codes_outside_the_index_count_nothing(code: str) -> None:
    assert charlson([code]).index == 0


@pytest.mark.parametrize(("code", "condition"), [
    ("K70.", "mild_liver"), ("K70", "mild_liver"), ("E11", "diabetes"), ("I50", "chf")])
def test_a_category_broader_than_the_index_counts_as_its_least_severe_condition(
        code: str, condition: str) -> None:
    """K70 (alcoholic liver disease) covers mild (K70.0-K70.3, K70.9) and severe (K70.4)."""
    assert conditions_of(code) == (condition,)


def test_mild_and_severe_liver_disease_count_once_as_the_severe() -> None:
    result = charlson(["K70.30", "K72.10"])
    assert result.index == 3
    assert [c.id for c in result.conditions] == ["severe_liver"]


def test_diabetes_with_and_without_complications_count_once_as_the_complicated() -> None:
    result = charlson(["E11.9", "E11.22", "E11.65"])
    assert result.index == 2
    assert [(c.id, c.codes) for c in result.conditions] == [("diabetes_complicated", ("E11.22",))]


def test_a_metastatic_tumour_outranks_the_primary_one() -> None:
    assert charlson(["C50.911", "C78.00"]).index == 6
    assert [c.id for c in charlson(["C50.911", "C78.00"]).conditions] == ["metastatic"]
    assert charlson(["C50.911", "C18.9"]).index == 2  # two primaries: one condition


def test_a_condition_counts_once_and_the_index_adds_the_others() -> None:
    result = charlson(["I50.9", "I50.32", "J44.9", "N18.3", "E11.22", None, "I10"])
    assert result.index == 1 + 1 + 2 + 2
    assert [c.id for c in result.conditions] == [
        "diabetes_complicated", "renal", "chf", "copd"]  # highest weight first
    assert result.conditions[2].codes == ("I50.9", "I50.32")


def test_codes_are_read_as_typed() -> None:
    assert charlson([" i50.9 ", "e1122"]).index == 3
