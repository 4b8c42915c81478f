"""GAD-7 (Generalized Anxiety Disorder 7-item scale, Spitzer et al. 2006; public domain).

Questions are worded exactly as published (free to reproduce); codes, bands and the positive
mark follow DOMAIN.md.
"""

from collections.abc import Mapping
from typing import Any

from carecli.clinical.instruments.model import Instrument, Item, Score
from carecli.clinical.instruments.phq import FREQUENCY

GAD7_ITEMS = (
    Item("1", "Feeling nervous, anxious or on edge", options=FREQUENCY),
    Item("2", "Not being able to stop or control worrying", options=FREQUENCY),
    Item("3", "Worrying too much about different things", options=FREQUENCY),
    Item("4", "Trouble relaxing", options=FREQUENCY),
    Item("5", "Being so restless that it is hard to sit still", options=FREQUENCY),
    Item("6", "Becoming easily annoyed or irritable", options=FREQUENCY),
    Item("7", "Feeling afraid as if something awful might happen", options=FREQUENCY),
)

GAD7_POSITIVE_AT = 10
GAD7_BANDS = ((15, "severe"), (10, "moderate"), (5, "mild"), (0, "minimal"))
"""(lowest total, band), highest first."""


def score_gad7(answers: Mapping[str, Any]) -> Score:
    total = sum(answers[item.id] for item in GAD7_ITEMS)
    band = next(name for lowest, name in GAD7_BANDS if total >= lowest)
    return Score(total=total, band=band, positive=total >= GAD7_POSITIVE_AT)


GAD7 = Instrument(
    id="gad7",
    version="gad7-2006",
    title="GAD-7 (anxiety)",
    intro="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=GAD7_ITEMS,
    scorer=score_gad7,
    total_range=(0, 21),
)
