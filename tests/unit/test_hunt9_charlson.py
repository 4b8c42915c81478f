"""Fault hunt (issue 9): Charlson index edge cases, proven by a test that fails today (marked
xfail strict until fixed)."""

import pytest

from carecli.clinical.charlson import charlson


@pytest.mark.xfail(strict=True, reason="clinical/charlson.py matches only the 4-character "
                   "prefixes of diabetes (E10.0 ... E14.9): the 3-character category E11, which "
                   "the condition form accepts, counts as no Charlson condition at all")
@pytest.mark.parametrize("code", ["E11", "E10", "E14"])
def test_a_diabetes_category_code_counts_as_diabetes(code: str) -> None:
    assert charlson([code]).index >= 1
