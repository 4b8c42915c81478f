"""The safety rule (carecli.clinical.safety): which answers raise a finding, edges included,
and that it agrees exactly with the published scoring once every item is answered."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carecli.clinical import SAFETY_NAMES, safety_flags, safety_triggers, score


@pytest.mark.parametrize(("item9", "flags"), [
    (0, []), (1, ["suicidal_ideation"]), (2, ["suicidal_ideation"]), (3, ["suicidal_ideation"]),
])
def test_phq9_item_9_above_not_at_all_is_suicidal_ideation(item9, flags):
    assert safety_flags({"phq9": {"9": item9}}) == flags


def test_the_finding_names_the_answer_that_raised_it():
    (trigger,) = safety_triggers({"phq9": {"1": 0, "9": 2}})
    assert trigger.flag == "suicidal_ideation"
    assert trigger.instrument_id == "phq9" and trigger.answers == (("9", 2),)


@pytest.mark.parametrize("value", [True, "1", 1.0, 4, -1, None, [1]])
def test_phq9_answers_that_are_not_valid_codes_raise_nothing(value):
    assert safety_flags({"phq9": {"9": value}}) == []


@pytest.mark.parametrize("value", [True, "2", 2.0, 6, 0, None, [5]])
def test_hrsn_answers_that_are_not_valid_codes_raise_nothing(value):
    assert safety_flags({"ahc_hrsn": {"7": value, "8": value, "9": value, "10": value}}) == []


@pytest.mark.parametrize(("item7", "flags"), [
    (1, []), (2, ["physical_harm"]), (5, ["physical_harm"]),
])
def test_hrsn_item_7_rarely_or_more_is_physical_harm(item7, flags):
    assert safety_flags({"ahc_hrsn": {"7": item7, "8": 1, "9": 1, "10": 1}}) == flags


@pytest.mark.parametrize(("answers", "positive"), [
    ({"7": 1, "8": 4, "9": 4, "10": 1}, False),  # 10: just below
    ({"7": 1, "8": 4, "9": 4, "10": 2}, True),  # 11: the edge
    ({"7": 1, "8": 5, "9": 4}, True),  # 1+5+4 and item 10 at least 1: already 11
    ({"7": 1, "8": 4, "9": 4}, False),  # 1+4+4+1 = 10: not yet decided
    ({"8": 5, "9": 5}, True),  # 5+5 and two items at least 1 each
])
def test_interpersonal_safety_sum_of_11_or_more(answers, positive):
    assert ("safety" in safety_flags({"ahc_hrsn": answers})) is positive


def test_every_flag_has_words():
    assert set(SAFETY_NAMES) == {"suicidal_ideation", "physical_harm", "safety"}


HRSN_BASE = {"1": "steady", "2": [], "3": "never", "4": "never", "5": "no", "6": "no"}
how_often = st.integers(min_value=1, max_value=5)


@given(st.tuples(how_often, how_often, how_often, how_often))
def test_complete_hrsn_findings_match_the_published_scoring(items):
    answers = HRSN_BASE | dict(zip(("7", "8", "9", "10"), items, strict=True))
    published = score("ahc_hrsn", answers)
    flags = safety_flags({"ahc_hrsn": answers})
    assert ("safety" in flags) == ("safety" in published.domains)
    assert ("physical_harm" in flags) == ("physical_harm" in published.flags)


@given(st.tuples(how_often, how_often, how_often, how_often), st.integers(0, 3))
def test_a_finding_raised_early_never_turns_out_negative(items, unanswered):
    """Raised before the last safety items are answered, the published sum is positive for
    every answer still to come."""
    partial = dict(zip(("7", "8", "9", "10"), items, strict=True))
    partial.pop(("7", "8", "9", "10")[unanswered])
    if "safety" in safety_flags({"ahc_hrsn": partial}):
        for rest in range(1, 6):
            answers = HRSN_BASE | partial | {("7", "8", "9", "10")[unanswered]: rest}
            assert "safety" in score("ahc_hrsn", answers).domains


@given(st.dictionaries(st.sampled_from([str(i) for i in range(1, 10)]), st.integers(0, 3)))
def test_phq9_finding_matches_the_published_flag(answers):
    full = {str(i): 0 for i in range(1, 10)} | answers
    assert ("suicidal_ideation" in safety_flags({"phq9": full})) == (
        "suicidal_ideation" in score("phq9", full).flags)
