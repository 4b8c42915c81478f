"""`carecli.words.counted`: the number and a noun that agrees with it."""

import pytest

from carecli.words import counted


@pytest.mark.parametrize(("number", "one", "many", "expected"), [
    (1, "day", None, "1 day"),
    (0, "ED visit", None, "0 ED visits"),
    (2, "day", None, "2 days"),
    (1204, "service", None, "1,204 services"),
    (1, "intervention has no one responsible", "interventions have no one responsible",
     "1 intervention has no one responsible"),
    (3, "intervention has no one responsible", "interventions have no one responsible",
     "3 interventions have no one responsible"),
])
def test_the_noun_agrees_with_the_number(number, one, many, expected):
    assert counted(number, one, many) == expected
