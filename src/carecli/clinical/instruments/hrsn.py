"""AHC HRSN: the CMS Accountable Health Communities health-related social needs screening
tool, its 10 core questions (living situation, food, transportation, utilities, safety).

Questions are in our own plain words carrying each item's meaning; codes and domain rules follow
DOMAIN.md exactly. `total` is the interpersonal-safety sum (items 7-10, 4-20). There is no band:
the screen is read domain by domain, so `band` is always None.
"""

from collections.abc import Mapping
from typing import Any

from carecli.clinical.instruments.model import Instrument, Item, Option, Score

OFTEN_SOMETIMES_NEVER = (
    Option("often", "Often true"),
    Option("sometimes", "Sometimes true"),
    Option("never", "Never true"),
)
YES_NO = (Option("yes", "Yes"), Option("no", "No"))
HOW_OFTEN = (
    Option(1, "Never"),
    Option(2, "Rarely"),
    Option(3, "Sometimes"),
    Option(4, "Fairly often"),
    Option(5, "Frequently"),
)

HRSN_ITEMS = (
    Item("1", "What is your housing situation today?", options=(
        Option("steady", "I have a steady place to live"),
        Option("worried", "I have a place to live today, but I am worried about losing it"),
        Option("none", "I do not have a steady place to live (staying with others, in a "
                       "shelter, a motel, a car, or outside)"),
    )),
    Item("2", "Are there problems with any of these where you live? (choose all that apply)",
         kind="multi", options=(
             Option("pests", "Pests such as bugs, ants or mice"),
             Option("mold", "Mold"),
             Option("lead_paint", "Lead paint or lead pipes"),
             Option("no_heat", "Heating missing or not working"),
             Option("broken_appliances", "Oven, stove or other appliances not working"),
             Option("no_smoke_detectors", "Smoke detectors missing or not working"),
             Option("leaks", "Water leaks"),
         ), hint="None ticked means none of these problems."),
    Item("3", "In the past 12 months, how true is this: you worried that your food would run "
              "out before you had money to buy more.", options=OFTEN_SOMETIMES_NEVER),
    Item("4", "In the past 12 months, how true is this: the food you bought ran out and you "
              "had no money to get more.", options=OFTEN_SOMETIMES_NEVER),
    Item("5", "In the past 12 months, has not having reliable transport kept you from medical "
              "appointments, meetings, work, or getting things you need day to day?",
         options=YES_NO),
    Item("6", "In the past 12 months, has the electricity, gas, oil or water company "
              "threatened to shut off the service to your home?",
         options=(*YES_NO, Option("shut_off", "Already shut off"))),
    Item("7", "How often does anyone, including family and friends, physically hurt you?",
         options=HOW_OFTEN,
         hint="Rarely or more often raises a safety flag: follow the safety steps."),
    Item("8", "How often does anyone, including family and friends, insult you or talk down "
              "to you?", options=HOW_OFTEN),
    Item("9", "How often does anyone, including family and friends, threaten you with harm?",
         options=HOW_OFTEN),
    Item("10", "How often does anyone, including family and friends, scream or curse at you?",
         options=HOW_OFTEN),
)

DOMAINS = ("housing", "food", "transportation", "utilities", "safety")
"""Every domain, in the order `Score.domains` lists the positive ones."""
SAFETY_ITEMS = ("7", "8", "9", "10")
SAFETY_POSITIVE_AT = 11
PHYSICAL_HARM_AT = 2
"""Item 7 at this answer (rarely) or above raises `physical_harm`."""


def score_ahc_hrsn(answers: Mapping[str, Any]) -> Score:
    safety_sum = sum(answers[i] for i in SAFETY_ITEMS)
    positive = {
        "housing": answers["1"] in ("worried", "none") or len(answers["2"]) > 0,
        "food": answers["3"] in ("often", "sometimes") or answers["4"] in ("often", "sometimes"),
        "transportation": answers["5"] == "yes",
        "utilities": answers["6"] in ("yes", "shut_off"),
        "safety": safety_sum >= SAFETY_POSITIVE_AT,
    }
    domains = tuple(d for d in DOMAINS if positive[d])
    flags = frozenset({"physical_harm"}) if answers["7"] >= PHYSICAL_HARM_AT else frozenset()
    # No band: DOMAIN.md gives none, and the screen is read by domain, not by a total.
    return Score(total=safety_sum, band=None, positive=bool(domains), flags=flags,
                 domains=domains)


AHC_HRSN = Instrument(
    id="ahc_hrsn",
    version="ahc-hrsn-2017",
    title="AHC HRSN (social needs)",
    intro="These questions are about things that can affect your health, such as housing, "
          "food, transport, utilities and your safety, so that we can find help that fits.",
    items=HRSN_ITEMS,
    scorer=score_ahc_hrsn,
    total_range=(4, 20),
)
