"""The demo's assessment answers, drawn from a client's `_Health` and keyed as the wizard keys
them: every intake section in the wizard's order (`_Answers.intake`), or one instrument asked on
its own at a given level (`_Answers.instrument`)."""

import random
from datetime import date, timedelta
from typing import Any

from carecli.assessment.sections import HOME_HAZARDS, MEDICATION_TAKING
from carecli.assessment.wizard import SHARED_WITH_PHQ2
from carecli.clinical.instruments.function import KATZ_ITEMS, LAWTON_ITEMS, LAWTON_POINT_UP_TO
from carecli.clinical.instruments.gad import GAD7_ITEMS
from carecli.clinical.instruments.hrsn import HRSN_ITEMS
from carecli.clinical.instruments.model import Item
from carecli.clinical.instruments.phq import PHQ2_POSITIVE_AT
from carecli.demo import catalogue as cat
from carecli.demo.health import STEADI_IDS, _clamp, _Health
from carecli.demo.people import _Person

PHQ_ITEMS = tuple(str(n) for n in range(1, 9))
PHQ_WEIGHTS = PHQ_ITEMS + SHARED_WITH_PHQ2
"""Items 1 and 2 draw twice the points, so depressed clients mostly screen positive."""
GAD_ITEMS = tuple(item.id for item in GAD7_ITEMS)
HOUSING_PROBLEMS = tuple(option.code for option in HRSN_ITEMS[1].options)
HAZARDS = tuple(option.code for option in HOME_HAZARDS)
TAKING = tuple(option.code for option in MEDICATION_TAKING)
TAKING_WEIGHTS = {"taking": 88, "not_taking": 4, "unsure": 8}
STAY_KINDS = {
    "inpatient": "Hospital", "emergency": "Emergency department", "observation": "Observation",
    "skilled_nursing": "Rehab",
}


class _Answers:
    """Draws the answers (from the build's one random stream, so order matters)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def intake(self, p: _Person, h: _Health, day: date, meds: list[dict]) -> dict[str, dict]:
        """Every intake section, in the wizard's order and keyed as it keys them."""
        levels = h.levels
        answers = {
            "history": self._history_answers(p, day),
            "medications": self._medication_answers(meds),
            "katz_adl": self.instrument("katz_adl", levels["katz_adl"], h),
            "lawton_iadl": self.instrument("lawton_iadl", levels["lawton_iadl"], h),
            "steadi": self.instrument("steadi", levels["steadi"], h),
            **self._mood_answers(h),
            "ahc_hrsn": self.instrument("ahc_hrsn", levels["ahc_hrsn"], h),
        }
        answers["home"] = self._home_answers(p, h, answers["ahc_hrsn"]["2"])
        answers["caregiver"] = self._caregiver_answers(p, h)
        answers["goals"] = self._goal_answers(p, h)
        return answers

    def instrument(
        self, instrument_id: str, level: int, h: _Health, flagged: bool = False
    ) -> dict[str, Any]:
        """One instrument's answers at `level`, asked on its own (PHQ-9 in full)."""
        rng = self.rng
        if instrument_id == "phq9":
            items = _spread(rng, PHQ_ITEMS, level, PHQ_WEIGHTS)
            return {**items, "9": 1 if flagged else 0, **self._difficulty(level)}
        if instrument_id == "gad7":
            return _spread(rng, GAD_ITEMS, level)
        if instrument_id == "katz_adl":
            return {i.id: 0 if h.has("katz_adl", i.id, level) else 1 for i in KATZ_ITEMS}
        if instrument_id == "lawton_iadl":
            return {i.id: self._lawton_option(i, h.has("lawton_iadl", i.id, level))
                    for i in LAWTON_ITEMS}
        if instrument_id == "steadi":
            return {i: "yes" if h.has("steadi", i, level) else "no" for i in STEADI_IDS}
        if instrument_id == "ahc_hrsn":
            return _hrsn(rng, h.social[:level], harm=flagged)
        raise ValueError(f"instrument {instrument_id!r}: not drawn by the demo")

    def _lawton_option(self, item: Item, needs_help: bool) -> int:
        top = LAWTON_POINT_UP_TO[item.id]
        if needs_help:
            return self.rng.randint(top + 1, len(item.options))
        return 1 if top == 1 or self.rng.random() < 0.85 else self.rng.randint(2, top)

    def _mood_answers(self, h: _Health) -> dict[str, dict]:
        """PHQ-2, then the rest of the PHQ-9 only when the PHQ-2 is positive, then GAD-7."""
        items = _spread(self.rng, PHQ_ITEMS, h.levels["phq9"], PHQ_WEIGHTS)
        found = {"phq2": {k: items[k] for k in SHARED_WITH_PHQ2}}
        if sum(found["phq2"].values()) >= PHQ2_POSITIVE_AT:
            rest = {k: v for k, v in items.items() if k not in SHARED_WITH_PHQ2}
            found["phq9"] = {**rest, "9": 0, **self._difficulty(h.levels["phq9"])}
        found["gad7"] = _spread(self.rng, GAD_ITEMS, h.levels["gad7"])
        return found

    def _difficulty(self, total: int) -> dict[str, int]:
        """The optional PHQ-9 difficulty question, left out now and then."""
        if self.rng.random() < 0.15:
            return {}
        return {"difficulty": min(3, total // 7 + self.rng.randint(0, 1))}

    def _history_answers(self, p: _Person, day: date) -> dict[str, Any]:
        answers: dict[str, Any] = {"reviewed": True}
        recent = [s for s in p.stays if s[3] and day - timedelta(days=180) <= s[3] <= day]
        if recent:
            kind, facility, _admitted, left, reason = recent[-1]
            answers["changes"] = cat.STAY_CHANGE.format(
                kind=STAY_KINDS[kind], facility=facility, month=left.strftime("%B %Y"),
                reason=reason,
            )
        elif self.rng.random() < 0.5:
            answers["changes"] = self.rng.choice(cat.HISTORY_CHANGES)
        return answers

    def _medication_answers(self, meds: list[dict]) -> dict[str, Any]:
        """Taking / not taking / unsure for each medicine on the list; reconciled when the
        client takes them all as listed (most of the time)."""
        rng = self.rng
        answers: dict[str, Any] = {}
        trouble = None
        for med in meds:
            taking = rng.choices(TAKING, [TAKING_WEIGHTS[t] for t in TAKING])[0]
            answers[f"med_{med['id']}"] = taking
            if taking != "taking" and trouble is None:
                name = med["name"].split(" (")[0]
                phrase = rng.choice(cat.ADHERENCE_TROUBLE[taking])
                trouble = phrase.format(med=name[0].lower() + name[1:])
        if trouble is not None:
            answers["adherence"] = trouble
        elif rng.random() < 0.5:
            answers["adherence"] = rng.choice(cat.ADHERENCE_FINE)
        answers["reconciled"] = trouble is None and rng.random() < 0.9
        return answers

    def _home_answers(self, p: _Person, h: _Health, housing: list[str]) -> dict[str, Any]:
        rng = self.rng
        fell = h.has("steadi", "fallen_past_year")
        count = _clamp(round(rng.gauss(3 * h.frail + fell, 0.9)), 3)
        seen = set(rng.sample([c for c in HAZARDS if c != "no_smoke_detector"], count))
        if "no_smoke_detectors" in housing:
            seen.add("no_smoke_detector")
        supports = [
            cat.SUPPORTS[key] for key in self._supports(p, h)
            if key != "grab_bars" or "no_grab_bars" not in seen
        ]
        answers: dict[str, Any] = {"hazards": [c for c in HAZARDS if c in seen]}
        if supports:
            answers["supports"] = ", ".join(supports).capitalize()
        return answers

    def _supports(self, p: _Person, h: _Health) -> list[str]:
        rng, reason = self.rng, p.risk_reason.lower()
        keys = {c.key for c in p.conditions}
        unsteady = h.has("steadi", "unsteady")
        found = []
        if keys & {"paraplegia", "cp"}:
            found.append("wheelchair")
        elif "walker" in reason or (unsteady and h.frail > 0.3):
            found.append("walker")
        elif unsteady:
            found.append("cane")
        if h.has("katz_adl", "bathing") or (unsteady and rng.random() < 0.4):
            found.append("shower_chair")
        if h.has("katz_adl", "toileting") or h.has("katz_adl", "transferring"):
            found.append("toilet")
        if h.levels["katz_adl"] >= 4:
            found.append("bed")
        if "oxygen" in reason:
            found.append("oxygen")
        alone = "lives alone" in reason or not p.relatives
        if alone and not p.younger and rng.random() < 0.5:
            found.append("pendant")
        if rng.random() < 0.15:
            found.append("grab_bars")
        return found

    def _caregiver_answers(self, p: _Person, h: _Health) -> dict[str, Any]:
        """Who helps, from the personal contacts marked as caregivers."""
        rng, levels = self.rng, h.levels
        if not p.caregivers:
            if "nurse" in p.team and levels["katz_adl"]:
                return {"who": cat.HOME_AIDE, "hours": rng.randint(6, 12)}
            if p.relatives:
                _name, given, relation, _health = p.relatives[0]
                return {"who": cat.CHECKS_IN.format(who=f"{given} ({relation})"), "hours": 0}
            return {"who": cat.NO_CAREGIVER, "hours": 0}
        given, relation = p.caregivers[0]
        tasks = cat.CARE_TASKS_HEAVY if levels["katz_adl"] else cat.CARE_TASKS_LIGHT
        who = f"{given} ({relation}): {rng.choice(tasks)}"
        if len(p.caregivers) > 1:
            who += "; {} ({}) helps at weekends".format(*p.caregivers[1])
        hours = min(168, 3 + 2 * levels["lawton_iadl"] + 6 * levels["katz_adl"] + rng.randint(0, 6))
        strain = rng.choice(cat.STRAIN_HIGH if hours >= 20 else cat.STRAIN_LOW)
        return {"who": who, "hours": hours, "strain": strain}

    def _goal_answers(self, p: _Person, h: _Health) -> dict[str, Any]:
        rng = self.rng
        tags = {cat.GOAL_TAGS[c.key] for c in p.conditions if c.key in cat.GOAL_TAGS}
        if h.has("steadi", "fallen_past_year"):
            tags.add("falls")
        pool = [goal for tag in sorted(tags) for goal in cat.MATTERS_MOST[tag]]
        if not pool or rng.random() < 0.4:
            pool = [*cat.MATTERS_MOST[None], *cat.MATTERS_MOST["younger" if p.younger else "older"]]
        answers = {"matters_most": rng.choice(pool)}
        if rng.random() < 0.7:
            answers["change"] = rng.choice(cat.CHANGE_IN_THREE_MONTHS)
        if rng.random() < 0.6:
            times = cat.CONTACT_TIMES_WORKING if p.younger and rng.random() < 0.5 else (
                cat.CONTACT_TIMES
            )
            answers["contact_times"] = rng.choice(times)
        answers["contact_mode"] = self._contact_mode(p, h)
        return answers

    def _contact_mode(self, p: _Person, h: _Health) -> str:
        rng = self.rng
        if p.telehealth and rng.random() < 0.5:
            return "video"
        if p.younger and rng.random() < 0.3:
            return "message"
        if h.levels["katz_adl"] >= 2 and rng.random() < 0.3:
            return "home_visit"
        return "phone"


def _spread(
    rng: random.Random, keys: tuple[str, ...], total: int, weights: tuple[str, ...] = ()
) -> dict[str, int]:
    """`total` points dealt at random to items scored 0-3 (a key listed twice in `weights`
    draws twice as often)."""
    values = dict.fromkeys(keys, 0)
    pool = list(weights or keys)
    for _ in range(min(total, 3 * len(keys))):
        key = rng.choice(pool)
        values[key] += 1
        if values[key] == 3:
            pool = [k for k in pool if k != key]
    return values


def _hrsn(rng: random.Random, domains: list[str], harm: bool) -> dict[str, Any]:
    """AHC HRSN answers positive in exactly `domains` (never the safety domain: items 7-10
    stay under 11); with `harm`, item 7 is "rarely", which raises physical_harm."""
    answers: dict[str, Any] = {
        "1": "steady", "2": [], "3": "never", "4": "never", "5": "no", "6": "no",
        "7": 1, "8": 1, "9": 1, "10": 1,
    }
    if "housing" in domains:
        if rng.random() < 0.6:
            answers["1"] = rng.choice(("worried", "worried", "none"))
        if answers["1"] == "steady" or rng.random() < 0.3:
            problems = set(rng.sample(HOUSING_PROBLEMS, rng.randint(1, 2)))
            answers["2"] = [code for code in HOUSING_PROBLEMS if code in problems]
    if "food" in domains:
        answers["3"] = rng.choice(("sometimes", "often"))
        answers["4"] = rng.choice(("never", "sometimes", "often"))
    if "transportation" in domains:
        answers["5"] = "yes"
    if "utilities" in domains:
        answers["6"] = "shut_off" if rng.random() < 0.15 else "yes"
    if harm:
        answers.update({"7": 2, "8": rng.randint(2, 3), "9": rng.randint(1, 2),
                        "10": rng.randint(2, 3)})
    elif rng.random() < 0.06:
        answers[rng.choice(("8", "10"))] = 2
    return answers
