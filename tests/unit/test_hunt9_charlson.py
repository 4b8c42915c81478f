"""Fault hunt (issue 9): Charlson index edge cases, proven by a test that fails today (marked
xfail strict until fixed)."""

import pytest

from carecli.clinical.charlson import charlson


@pytest.mark.parametrize("code", ["E11", "E10", "E14"])
def test_a_diabetes_category_code_counts_as_diabetes(code: str) -> None:
    assert charlson([code]).index >= 1
