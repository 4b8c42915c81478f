"""Function: the Katz Index of Independence in Activities of Daily Living (self-care) and the
Lawton Instrumental Activities of Daily Living scale (household and community tasks).

Descriptions are in our own plain words carrying the meaning of the published forms; codes,
scoring and bands follow DOMAIN.md exactly.
"""

from collections.abc import Mapping
from typing import Any

from carecli.clinical.instruments.model import Instrument, Item, Option, Score

# --- Katz ADL ------------------------------------------------------------------------------

INDEPENDENT_OR_HELP = (Option(1, "Independent"), Option(0, "Needs help"))

KATZ_ITEMS = (
    Item("bathing", "Bathing: washes on their own, or needs help with only one part of the "
                    "body such as the back?", options=INDEPENDENT_OR_HELP,
         hint="Needs help = help with more than one part, getting in or out, or full bathing."),
    Item("dressing", "Dressing: gets clothes out and puts them on, fastenings included, "
                     "without help?", options=INDEPENDENT_OR_HELP,
         hint="Help only with tying shoes still counts as independent."),
    Item("toileting", "Toileting: gets to the toilet, on and off it, sorts clothing and "
                      "cleans themselves without help?", options=INDEPENDENT_OR_HELP),
    Item("transferring", "Transferring: moves in and out of bed or a chair without help?",
         options=INDEPENDENT_OR_HELP,
         hint="Using a device such as a grab rail or walker still counts as independent."),
    Item("continence", "Continence: fully controls bladder and bowels?",
         options=INDEPENDENT_OR_HELP),
    Item("feeding", "Feeding: gets food from the plate to the mouth without help?",
         options=INDEPENDENT_OR_HELP,
         hint="Someone else preparing the food still counts as independent."),
)

KATZ_POSITIVE_AT_MOST = 5
KATZ_BANDS = ((6, "independent"), (3, "moderate_impairment"), (0, "severe_impairment"))
"""(lowest total, band), highest first."""


def score_katz_adl(answers: Mapping[str, Any]) -> Score:
    total = sum(answers[item.id] for item in KATZ_ITEMS)
    band = next(name for lowest, name in KATZ_BANDS if total >= lowest)
    return Score(total=total, band=band, positive=total <= KATZ_POSITIVE_AT_MOST)


KATZ_ADL = Instrument(
    id="katz_adl",
    version="katz-adl-1963",
    title="Katz ADL (self-care)",
    intro="Now some questions about everyday self-care: for each one, tell me whether you do "
          "it on your own or need someone's help or supervision.",
    items=KATZ_ITEMS,
    scorer=score_katz_adl,
    total_range=(0, 6),
)

# --- Lawton IADL ---------------------------------------------------------------------------


def _options(*labels: str) -> tuple[Option, ...]:
    return tuple(Option(number, text) for number, text in enumerate(labels, 1))


LAWTON_ITEMS = (
    Item("telephone", "Using the telephone", options=_options(
        "Uses the phone on their own: looks up and dials numbers",
        "Dials a few well-known numbers",
        "Answers the phone but does not dial out",
        "Does not use the phone at all",
    )),
    Item("shopping", "Shopping", options=_options(
        "Does all the shopping on their own",
        "Shops on their own for small purchases only",
        "Needs someone with them for any shopping trip",
        "Cannot shop at all",
    )),
    Item("food_preparation", "Preparing food", options=_options(
        "Plans, prepares and serves proper meals on their own",
        "Prepares proper meals if the ingredients are provided",
        "Heats and serves ready meals, or cooks but does not keep a proper diet",
        "Needs meals prepared and served",
    )),
    Item("housekeeping", "Housekeeping", options=_options(
        "Keeps house alone, or with occasional help for heavy work",
        "Does light daily tasks such as washing dishes or making the bed",
        "Does light daily tasks but cannot keep the home acceptably clean",
        "Needs help with all household tasks",
        "Takes no part in any household task",
    )),
    Item("laundry", "Laundry", options=_options(
        "Does all of their own laundry",
        "Washes small items only, such as socks",
        "All laundry must be done by someone else",
    )),
    Item("transportation", "Getting around (transport)", options=_options(
        "Travels on their own by public transport or drives their own car",
        "Arranges their own taxi, but does not otherwise use public transport",
        "Travels on public transport when someone goes with them",
        "Travels only by taxi or car, with someone's help",
        "Does not travel at all",
    )),
    Item("medications", "Taking their own medicines", options=_options(
        "Takes the right dose at the right time on their own",
        "Takes medicines if they are prepared in separate doses ahead of time",
        "Cannot manage their own medicines",
    )),
    Item("finances", "Handling money", options=_options(
        "Manages money on their own: budgets, pays bills, goes to the bank",
        "Manages day-to-day purchases but needs help with banking and large purchases",
        "Cannot handle money",
    )),
)

LAWTON_POINT_UP_TO = {
    "telephone": 3,
    "shopping": 1,
    "food_preparation": 1,
    "housekeeping": 4,
    "laundry": 2,
    "transportation": 3,
    "medications": 1,
    "finances": 2,
}
"""An item scores 1 when its option number is at most this, else 0 (DOMAIN.md)."""


def score_lawton_iadl(answers: Mapping[str, Any]) -> Score:
    total = sum(1 for item in LAWTON_ITEMS if answers[item.id] <= LAWTON_POINT_UP_TO[item.id])
    return Score(total=total, band="independent" if total == 8 else "needs_help",
                 positive=total < 8)


LAWTON_IADL = Instrument(
    id="lawton_iadl",
    version="lawton-iadl-1969",
    title="Lawton IADL (everyday tasks)",
    intro="Now some questions about everyday tasks at home and out and about: for each one, "
          "pick the answer that best describes what you do now.",
    items=LAWTON_ITEMS,
    scorer=score_lawton_iadl,
    total_range=(0, 8),
)
