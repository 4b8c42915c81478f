"""PHQ-2 and PHQ-9 (Patient Health Questionnaire, Kroenke, Spitzer & Williams; public domain).

Questions are worded exactly as published (the instrument is free to reproduce); codes, bands
and the positive mark follow DOMAIN.md exactly. PHQ-2 shares items "1" and "2" with PHQ-9, so a
positive PHQ-2 can continue into the rest of the PHQ-9 without asking them again.
"""

from collections.abc import Mapping
from typing import Any

from carecli.clinical.instruments.model import Instrument, Item, Option, Score

FREQUENCY = (
    Option(0, "Not at all"),
    Option(1, "Several days"),
    Option(2, "More than half the days"),
    Option(3, "Nearly every day"),
)
"""The answer scale of every PHQ and GAD-7 item."""

PHQ_INTRO = ("Over the last 2 weeks, how often have you been bothered by any of the "
             "following problems?")

PHQ9_ITEMS = (
    Item("1", "Little interest or pleasure in doing things", options=FREQUENCY),
    Item("2", "Feeling down, depressed, or hopeless", options=FREQUENCY),
    Item("3", "Trouble falling or staying asleep, or sleeping too much", options=FREQUENCY),
    Item("4", "Feeling tired or having little energy", options=FREQUENCY),
    Item("5", "Poor appetite or overeating", options=FREQUENCY),
    Item("6", "Feeling bad about yourself — or that you are a failure or have let yourself or "
              "your family down", options=FREQUENCY),
    Item("7", "Trouble concentrating on things, such as reading the newspaper or watching "
              "television", options=FREQUENCY),
    Item("8", "Moving or speaking so slowly that other people could have noticed? Or the "
              "opposite — being so fidgety or restless that you have been moving around a lot "
              "more than usual", options=FREQUENCY),
    Item("9", "Thoughts that you would be better off dead or of hurting yourself in some way",
         options=FREQUENCY,
         hint="Any answer other than 'Not at all' raises a safety flag: follow the safety steps "
              "before going on."),
)

DIFFICULTY = Item(
    "difficulty",
    "If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?",
    options=(
        Option(0, "Not difficult at all"),
        Option(1, "Somewhat difficult"),
        Option(2, "Very difficult"),
        Option(3, "Extremely difficult"),
    ),
    required=False,
    hint="Recorded, not scored; may be left out.",
)

PHQ2_POSITIVE_AT = 3
PHQ9_POSITIVE_AT = 10
PHQ9_BANDS = ((20, "severe"), (15, "moderately_severe"), (10, "moderate"), (5, "mild"),
              (0, "minimal"))
"""(lowest total, band), highest first."""


def score_phq2(answers: Mapping[str, Any]) -> Score:
    total = answers["1"] + answers["2"]
    return Score(total=total, band=None, positive=total >= PHQ2_POSITIVE_AT)


def score_phq9(answers: Mapping[str, Any]) -> Score:
    total = sum(answers[item.id] for item in PHQ9_ITEMS)
    band = next(name for lowest, name in PHQ9_BANDS if total >= lowest)
    flags = frozenset({"suicidal_ideation"}) if answers["9"] >= 1 else frozenset()
    return Score(total=total, band=band, positive=total >= PHQ9_POSITIVE_AT, flags=flags)


PHQ2 = Instrument(
    id="phq2",
    version="phq2-2003",
    title="PHQ-2 (depression screen)",
    intro=PHQ_INTRO,
    items=PHQ9_ITEMS[:2],
    scorer=score_phq2,
    total_range=(0, 6),
)

PHQ9 = Instrument(
    id="phq9",
    version="phq9-2001",
    title="PHQ-9 (depression)",
    intro=PHQ_INTRO,
    items=(*PHQ9_ITEMS, DIFFICULTY),
    scorer=score_phq9,
    total_range=(0, 27),
)
