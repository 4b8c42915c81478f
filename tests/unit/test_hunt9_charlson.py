"""Fault hunt (issue 9): Charlson index edge cases, each with the test that failed before its
fix."""

import pytest

from carecli.clinical.charlson import charlson


@pytest.mark.parametrize("code", ["E11", "E10", "E14"])
def test_a_diabetes_category_code_counts_as_diabetes(code: str) -> None:
    assert charlson([code]).index >= 1
