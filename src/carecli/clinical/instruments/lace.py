"""LACE index of the risk of readmission or death within 30 days of discharge
(van Walraven et al., CMAJ 2010): Length of stay, Acuity of admission, Comorbidity (Charlson
index), Emergency visits in the previous 6 months. Points and bands follow DOMAIN.md exactly.
"""

from collections.abc import Mapping
from typing import Any

from carecli.clinical.instruments.model import Instrument, Item, Option, Score

LACE_ITEMS = (
    Item("length_of_stay_days", "How many days was the hospital stay, admission to discharge?",
         kind="int", minimum=0, hint="0 when admitted and discharged the same day."),
    Item("acute_admission", "Was the admission unplanned (through the emergency department "
                            "or urgent)?", kind="bool",
         options=(Option(True, "Yes, unplanned"), Option(False, "No, planned"))),
    Item("charlson", "Charlson comorbidity index (from the record)", kind="int", minimum=0,
         hint="0 when none of the Charlson conditions is present."),
    Item("ed_visits_6mo", "Emergency department visits in the 6 months before this admission",
         kind="int", minimum=0),
)

ACUTE_POINTS = 3
ED_VISITS_CAP = 4
LACE_BANDS = ((10, "high"), (5, "moderate"), (0, "low"))
"""(lowest total, band), highest first."""


def length_points(days: int) -> int:
    """L: <1 day 0, 1-3 days as many, 4-6 days 4, 7-13 days 5, 14 or more 7."""
    if days < 4:
        return days
    if days < 7:
        return 4
    if days < 14:
        return 5
    return 7


def charlson_points(index: int) -> int:
    """C: 0-3 as is, 4 or more 5."""
    return index if index < 4 else 5


def score_lace(answers: Mapping[str, Any]) -> Score:
    total = (length_points(answers["length_of_stay_days"])
             + (ACUTE_POINTS if answers["acute_admission"] else 0)
             + charlson_points(answers["charlson"])
             + min(answers["ed_visits_6mo"], ED_VISITS_CAP))
    band = next(name for lowest, name in LACE_BANDS if total >= lowest)
    return Score(total=total, band=band, positive=band == "high")


LACE = Instrument(
    id="lace",
    version="lace-2010",
    title="LACE (readmission risk)",
    intro="A few facts about the recent hospital stay, mostly from the discharge papers and "
          "the record: length of stay, how the admission happened, other illnesses, and "
          "emergency visits.",
    items=LACE_ITEMS,
    scorer=score_lace,
    total_range=(0, 19),
)
