"""CDC STEADI (Stopping Elderly Accidents, Deaths and Injuries): the three key fall-risk
questions, worded as CDC publishes them (a US government work); scoring follows DOMAIN.md.

DOMAIN.md gives no band, and neither does STEADI for these questions (a yes to any leads to a
fuller fall-risk assessment), so `band` is always None.
"""

from collections.abc import Mapping
from typing import Any

from carecli.clinical.instruments.model import Instrument, Item, Option, Score

YES_NO = (Option("yes", "Yes"), Option("no", "No"))

STEADI_ITEMS = (
    Item("fallen_past_year", "Have you fallen in the past year?", options=YES_NO),
    Item("unsteady", "Do you feel unsteady when standing or walking?", options=YES_NO),
    Item("worries_about_falling", "Do you worry about falling?", options=YES_NO),
)


def score_steadi(answers: Mapping[str, Any]) -> Score:
    total = sum(1 for item in STEADI_ITEMS if answers[item.id] == "yes")
    return Score(total=total, band=None, positive=total > 0)


STEADI = Instrument(
    id="steadi",
    version="steadi-2019",
    title="STEADI (fall risk)",
    intro="Three quick questions about falls and balance.",
    items=STEADI_ITEMS,
    scorer=score_steadi,
    total_range=(0, 3),
)
