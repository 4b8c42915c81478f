"""The demo's picture of an assessed client's health (`_Health`), drawn once from their age, risk,
conditions, stays, referrals and family, so that every assessment answer follows from it: the
oldest and frailest need more help and those with depression score higher."""

import random
from dataclasses import dataclass

from carecli.clinical.instruments.falls import STEADI_ITEMS
from carecli.clinical.instruments.function import KATZ_ITEMS
from carecli.demo import catalogue as cat
from carecli.demo.people import _Person

TOP = {"phq9": 24, "gad7": 21, "ahc_hrsn": 4, "steadi": 3, "katz_adl": 6, "lawton_iadl": 8}
"""The highest level: PHQ-9 items 1-8 only (item 9 is 0 but for the one flagged client)."""
STEADI_IDS = tuple(item.id for item in STEADI_ITEMS)
LAWTON_LOSS = (
    "shopping", "transportation", "housekeeping", "food_preparation", "laundry", "finances",
    "medications", "telephone",
)
"""Everyday tasks in the order people usually come to need help with them."""
HRSN_NEEDS = ("housing", "food", "transportation", "utilities")
HRSN_NEED_WEIGHTS = (15, 35, 30, 20)


@dataclass(slots=True)
class _Health:
    """The client's state that every assessment answer is drawn from.

    `levels` counts problems per instrument: Katz ADL and Lawton IADL items needing help,
    STEADI yes answers, the PHQ-9 total of items 1-8, the GAD-7 total and the number of positive
    social-need domains. The orders say which items go first as a level rises."""

    frail: float
    katz: list[str]
    lawton: list[str]
    steadi: list[str]
    social: list[str]
    levels: dict[str, int]

    def has(self, instrument_id: str, item_id: str, level: int | None = None) -> bool:
        """Whether `item_id` is a problem (a yes, a need) at `level` (by default the intake's)."""
        order = {"katz_adl": self.katz, "lawton_iadl": self.lawton, "steadi": self.steadi}
        level = self.levels[instrument_id] if level is None else level
        return item_id in order[instrument_id][:level]


def _draw_health(rng: random.Random, p: _Person) -> _Health:
    reason = p.risk_reason.lower()
    keys = {c.key for c in p.conditions}
    frail = _frailty(rng, p)
    adl = _clamp(round(rng.gauss(4 * frail - 1.5, 0.9)), 6)
    iadl = _clamp(max(adl, adl + round(rng.gauss(4 * frail - 0.3, 1.0))), 8)
    memory = "memory" in reason or bool(keys & {"alzheimers", "dementia"})
    if memory:
        iadl = max(iadl, 2)
    if "independent" in reason:
        adl = iadl = 0
    steadi = _fall_facts(rng, p, keys, frail, reason)
    social = _social_needs(rng, p, reason)
    rest = [d for d in HRSN_NEEDS if d not in social]
    rng.shuffle(rest)
    levels = {
        "katz_adl": adl, "lawton_iadl": iadl, "steadi": steadi.count("yes"),
        "phq9": _mood(rng, p, keys, reason), "gad7": _anxiety(rng, p, keys),
        "ahc_hrsn": len(social),
    }
    order = sorted(STEADI_IDS, key=lambda i: steadi[STEADI_IDS.index(i)] != "yes")
    return _Health(
        frail, [item.id for item in KATZ_ITEMS], _lawton_order(rng, memory, reason),
        order, social + rest, levels,
    )


def _frailty(rng: random.Random, p: _Person) -> float:
    """About 0 for a well 65-year-old, 1 or more for a very old, high-risk client with
    dementia or a stroke."""
    age = 0.0 if p.younger else min(1.0, max(0.0, (p.age - 65) / 30))
    tier = {"high": 0.35, "moderate": 0.15}.get(p.tier, 0.0)
    burden = sum(cat.FRAILTY.get(c.key, 0.0) for c in p.conditions)  # a list: fixed order
    return 0.5 * age + tier + burden + rng.gauss(0, 0.12)


def _lawton_order(rng: random.Random, memory: bool, reason: str) -> list[str]:
    rank = {task: i + rng.gauss(0, 1.2) for i, task in enumerate(LAWTON_LOSS)}
    if memory:
        rank["medications"] -= 4
        rank["finances"] -= 3
    if "drives" in reason:
        rank["transportation"] += 6
    return sorted(LAWTON_LOSS, key=rank.__getitem__)


def _fall_facts(
    rng: random.Random, p: _Person, keys: set[str], frail: float, reason: str
) -> list[str]:
    """The STEADI answers: a fall in the risk reason or a stay means a fall this year."""
    stays = " ".join(stay[4] for stay in p.stays).lower()
    fell = "fall" in reason or "fall" in stays or rng.random() < 0.08 + 0.3 * frail
    unsteady = "walker" in reason or bool(keys & {"parkinsons", "stroke", "paraplegia"})
    unsteady = unsteady or rng.random() < 0.1 + 0.5 * frail
    worried = rng.random() < (0.7 if fell or unsteady else 0.08)
    return ["yes" if fact else "no" for fact in (fell, unsteady, worried)]


def _mood(rng: random.Random, p: _Person, keys: set[str], reason: str) -> int:
    if keys & {"mdd", "bipolar"}:
        level = rng.randint(3, 9) if "mdd" in p.remitted else rng.randint(8, 19)
    elif "depression" in reason:
        level = rng.randint(7, 15)
    else:
        level = round(rng.triangular(0, 7, 0))
        level += 1 if any(cat.GOAL_TAGS.get(key) == "pain" for key in keys) else 0
    if p.role == "suicidal_ideation":
        level = max(level, rng.randint(12, 17))
    return min(level, TOP["phq9"])


def _anxiety(rng: random.Random, p: _Person, keys: set[str]) -> int:
    if "gad" in keys:
        return rng.randint(2, 7) if "gad" in p.remitted else rng.randint(8, 16)
    if keys & {"mdd", "bipolar"}:
        return rng.randint(3, 11)
    return round(rng.triangular(0, 9, 1))


def _social_needs(rng: random.Random, p: _Person, reason: str) -> list[str]:
    """Positive AHC HRSN domains: those the client was referred for or that the risk reason
    names, and a few more at random."""
    found = {need for need in HRSN_NEEDS if need in p.needs}
    if "food" in reason:
        found.add("food")
    if "no car" in reason and rng.random() < 0.7:
        found.add("transportation")
    if rng.random() < (0.1 if p.younger else 0.03):
        found.add(rng.choices(HRSN_NEEDS, HRSN_NEED_WEIGHTS)[0])
    return [need for need in HRSN_NEEDS if need in found]


def _clamp(value: int, top: int) -> int:
    return min(top, max(0, value))
