"""Safety findings: the answers that call for action at once, whatever the rest of the
assessment says (DOMAIN.md).

- `suicidal_ideation`: PHQ-9 item 9 answered above 0 ("not at all").
- `physical_harm`: AHC HRSN item 7 (physically hurt) answered 2 ("rarely") or more.
- `safety`: AHC HRSN items 7-10 summed to 11 or more. Each item is at least 1, so the finding
  exists as soon as the items answered so far, with 1 for each item not yet answered, reach 11:
  the published sum can then only be positive.

A finding exists from the moment its answer is given, in a draft or not; it is the app's job to
keep it until a follow-up is noted.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from carecli.clinical.instruments.hrsn import PHYSICAL_HARM_AT, SAFETY_ITEMS, SAFETY_POSITIVE_AT

SAFETY_FLAGS = ("suicidal_ideation", "physical_harm", "safety")
"""Every safety flag, most urgent first."""

SAFETY_NAMES = {
    "suicidal_ideation": "suicidal ideation",
    "physical_harm": "physical harm",
    "safety": "interpersonal safety risk",
}
"""Each flag in words, for sentences."""

SAFETY_INSTRUMENT = {
    "suicidal_ideation": "phq9",
    "physical_harm": "ahc_hrsn",
    "safety": "ahc_hrsn",
}
"""The instrument whose answers raise each flag."""

SI_ITEM = "9"
HRSN_LOWEST = 1


@dataclass(frozen=True)
class SafetyTrigger:
    """One safety finding and the answers that raised it (item id -> answer code)."""

    flag: str
    instrument_id: str
    answers: tuple[tuple[str, int], ...]


def _answer(answers: Mapping[str, Any], item: str, lowest: int, highest: int) -> int | None:
    value = answers.get(item)
    if type(value) is int and lowest <= value <= highest:
        return value
    return None


def safety_triggers(answers: Mapping[str, Mapping[str, Any]]) -> list[SafetyTrigger]:
    """The safety findings in an assessment's answers so far (by instrument id), in the order
    of `SAFETY_FLAGS`. Answers that are not valid codes raise nothing."""
    found: list[SafetyTrigger] = []
    phq9 = answers.get("phq9") or {}
    si = _answer(phq9, SI_ITEM, 0, 3)
    if si is not None and si >= 1:
        found.append(SafetyTrigger("suicidal_ideation", "phq9", ((SI_ITEM, si),)))
    hrsn = answers.get("ahc_hrsn") or {}
    given = {item: _answer(hrsn, item, 1, 5) for item in SAFETY_ITEMS}
    hurt = given[SAFETY_ITEMS[0]]
    if hurt is not None and hurt >= PHYSICAL_HARM_AT:
        found.append(SafetyTrigger("physical_harm", "ahc_hrsn", ((SAFETY_ITEMS[0], hurt),)))
    answered = {item: value for item, value in given.items() if value is not None}
    lowest_sum = sum(answered.values()) + HRSN_LOWEST * (len(SAFETY_ITEMS) - len(answered))
    if answered and lowest_sum >= SAFETY_POSITIVE_AT:
        found.append(SafetyTrigger("safety", "ahc_hrsn", tuple(answered.items())))
    return found


def safety_flags(answers: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Just the flags of `safety_triggers`."""
    return [trigger.flag for trigger in safety_triggers(answers)]
