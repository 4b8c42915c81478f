"""Suggestions drawn from an assessment: care-plan problems and a risk tier.

Both are suggestions only: the care manager accepts, edits or overrides them.

Problems (`suggest_problems`), in this order, each at most once:
depression (PHQ-9 positive, or PHQ-2 positive when no PHQ-9 was scored), anxiety (GAD-7
positive), suicide risk (flag `suicidal_ideation`), interpersonal safety (flag `physical_harm` or
the AHC HRSN `safety` domain), one problem per other positive AHC HRSN domain (housing, food,
transportation, utilities), ADL dependence (Katz positive), IADL support needs (Lawton positive),
fall risk (STEADI positive), high readmission risk (LACE positive). Medication non-adherence
comes from the medication review: `medication_problem`.

Risk tier (`suggest_risk_tier`). No national standard fixes a care-management risk tier; this
rule is ours, kept simple so that it can be explained, and the care manager may override it:

- **high** when any of: a safety finding (PHQ-9 `suicidal_ideation`, AHC HRSN `physical_harm`,
  or the AHC HRSN `safety` domain); 2 or more hospital admissions in the last 6 months; a recent
  discharge (within the transitional-care period); LACE high (the assessment's, else the one
  scored on the latest discharge when that fell within the last 30 days, the TCM period:
  `stay_lace`; an older one no longer says much, and DOMAIN.md is silent); PHQ-9 total 15 or
  more.
- **moderate** when none of those but any of: another positive screen (depression by PHQ-9 or
  PHQ-2, anxiety by GAD-7, any other AHC HRSN domain, falls by STEADI, ADL needs by Katz, IADL
  needs by Lawton); 3 or more chronic conditions; 1 admission in the last 6 months.
- **low** otherwise.

The reasons name every trigger found, high ones first, in plain words.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from carecli.clinical.instruments.model import Score
from carecli.clinical.safety import SAFETY_NAMES
from carecli.words import counted

HIGH_ADMISSIONS = 2
MODERATE_CHRONIC_CONDITIONS = 3
PHQ9_HIGH_AT = 15


@dataclass(frozen=True)
class StayLace:
    """The LACE scored on a client's latest discharge within the last 30 days (Stays & TCM)."""

    total: int
    band: str
    discharged_on: date


@dataclass(frozen=True)
class SuggestedProblem:
    code: str
    """Our own stable code for the problem (not a diagnosis code)."""
    description: str
    """Care-plan-ready wording."""
    source: str
    """The instrument id the problem comes from, or "record"."""


_HRSN_PROBLEMS = (
    ("housing", "housing_instability",
     "Housing instability or poor housing: no steady place to live, worried about losing it, "
     "or problems in the home (AHC HRSN)"),
    ("food", "food_insecurity",
     "Food insecurity: worried food will run out, or food ran out with no money for more "
     "(AHC HRSN)"),
    ("transportation", "transportation_barrier",
     "Transportation barrier: lack of transport kept the client from appointments, work or "
     "daily needs (AHC HRSN)"),
    ("utilities", "utility_shutoff_risk",
     "Utility shut-off risk: a utility company threatened to shut off service, or already "
     "did (AHC HRSN)"),
)
_HRSN_WORDS = {
    "housing": "housing instability",
    "food": "food insecurity",
    "transportation": "transportation barrier",
    "utilities": "utility shut-off risk",
}


def _words(band: str | None) -> str:
    return (band or "").replace("_", " ")


def _safety_problem(hrsn: Score) -> SuggestedProblem | None:
    hurt = "physical_harm" in hrsn.flags
    threatened = "safety" in hrsn.domains
    if not (hurt or threatened):
        return None
    found = []
    if hurt:
        found.append("reports being physically hurt")
    if threatened:
        found.append(f"safety score {hrsn.total} of 20")
    return SuggestedProblem(
        "interpersonal_safety",
        f"Interpersonal safety: {' and '.join(found)}; safety plan needed (AHC HRSN)",
        "ahc_hrsn",
    )


def suggest_problems(scores: Mapping[str, Score]) -> list[SuggestedProblem]:
    """Care-plan problems suggested by these scores (keyed by instrument id), in a fixed order."""
    found: list[SuggestedProblem] = []
    phq9, phq2, gad7 = scores.get("phq9"), scores.get("phq2"), scores.get("gad7")
    hrsn = scores.get("ahc_hrsn")
    if phq9 is not None and phq9.positive:
        found.append(SuggestedProblem(
            "depression",
            f"Depression symptoms: PHQ-9 score {phq9.total}, {_words(phq9.band)} (PHQ-9)", "phq9"))
    elif phq9 is None and phq2 is not None and phq2.positive:
        found.append(SuggestedProblem(
            "depression",
            f"Possible depression: positive PHQ-2 screen, score {phq2.total}; complete a PHQ-9 "
            "(PHQ-2)", "phq2"))
    if gad7 is not None and gad7.positive:
        found.append(SuggestedProblem(
            "anxiety",
            f"Anxiety symptoms: GAD-7 score {gad7.total}, {_words(gad7.band)} (GAD-7)", "gad7"))
    if phq9 is not None and "suicidal_ideation" in phq9.flags:
        found.append(SuggestedProblem(
            "suicide_risk",
            "Suicide risk: thoughts of being better off dead or of self-harm; safety plan "
            "needed (PHQ-9 item 9)", "phq9"))
    if hrsn is not None:
        if (safety := _safety_problem(hrsn)) is not None:
            found.append(safety)
        for domain, code, description in _HRSN_PROBLEMS:
            if domain in hrsn.domains:
                found.append(SuggestedProblem(code, description, "ahc_hrsn"))
    if (katz := scores.get("katz_adl")) is not None and katz.positive:
        needs = 6 - (katz.total or 0)
        found.append(SuggestedProblem(
            "adl_dependence",
            f"ADL dependence: needs help with {needs} of 6 self-care activities, "
            f"{_words(katz.band)} (Katz ADL)", "katz_adl"))
    if (lawton := scores.get("lawton_iadl")) is not None and lawton.positive:
        needs = 8 - (lawton.total or 0)
        found.append(SuggestedProblem(
            "iadl_support",
            f"IADL support needs: needs help with {needs} of 8 everyday tasks such as shopping, "
            "meals, medicines or money (Lawton IADL)", "lawton_iadl"))
    if (steadi := scores.get("steadi")) is not None and steadi.positive:
        found.append(SuggestedProblem(
            "fall_risk",
            f"Fall risk: yes to {steadi.total} of 3 key fall questions; needs a fall-risk "
            "assessment (STEADI)", "steadi"))
    if (lace := scores.get("lace")) is not None and lace.positive:
        found.append(SuggestedProblem(
            "readmission_risk",
            f"High readmission risk: LACE score {lace.total} (LACE index)", "lace"))
    return found


def medication_problem(nonadherent_names: Sequence[str]) -> SuggestedProblem | None:
    """Non-adherence to the named medicines (from the medication review), or None if none."""
    if isinstance(nonadherent_names, str):
        raise ValueError("nonadherent_names: expected a list of medication names, not one string")
    if not nonadherent_names:
        return None
    names = list(dict.fromkeys(n.strip() for n in nonadherent_names if n and n.strip()))
    shown = ", ".join(names) if names else "one or more medicines"
    return SuggestedProblem(
        "medication_nonadherence",
        f"Medication non-adherence: not taking, or unsure about, {shown} (medication review)",
        "record",
    )


def suggest_risk_tier(
    *,
    scores: Mapping[str, Score],
    chronic_conditions: int,
    admissions_last_6_months: int,
    recent_discharge: bool,
    safety_findings: Iterable[str] = (),
    stay_lace: StayLace | None = None,
) -> tuple[str, tuple[str, ...]]:
    """("low" | "moderate" | "high", reasons in plain words); the rule is in the module doc.
    `safety_findings`: flags raised during this assessment, which count even when a later
    answer no longer shows them (a disclosure once made is a finding). `stay_lace`: the LACE of
    the latest discharge within the last 30 days, weighed only when the scores hold no LACE of
    their own."""
    for name, value in (("chronic_conditions", chronic_conditions),
                        ("admissions_last_6_months", admissions_last_6_months)):
        if type(value) is not int or value < 0:
            raise ValueError(f"{name}: must be a whole number of at least 0, got {value!r}")
    high: list[str] = []
    moderate: list[str] = []
    phq9, phq2 = scores.get("phq9"), scores.get("phq2")
    hrsn = scores.get("ahc_hrsn")

    # safety findings
    if phq9 is not None and "suicidal_ideation" in phq9.flags:
        high.append("thoughts of death or self-harm (PHQ-9 item 9)")
    if hrsn is not None and "physical_harm" in hrsn.flags:
        high.append("reports being physically hurt (AHC HRSN)")
    if hrsn is not None and "safety" in hrsn.domains:
        high.append(f"interpersonal safety score {hrsn.total} (AHC HRSN)")
    shown = (phq9 is not None and "suicidal_ideation" in phq9.flags,
             hrsn is not None and "physical_harm" in hrsn.flags,
             hrsn is not None and "safety" in hrsn.domains)
    for flag, seen in zip(("suicidal_ideation", "physical_harm", "safety"), shown, strict=True):
        if flag in safety_findings and not seen:
            high.append(f"{SAFETY_NAMES[flag]} disclosed during this assessment")
    # use of hospital
    if admissions_last_6_months >= HIGH_ADMISSIONS:
        high.append(f"{admissions_last_6_months} admissions in 6 months")
    elif admissions_last_6_months == 1:
        moderate.append("1 admission in 6 months")
    if recent_discharge:
        high.append("recent hospital discharge")
    if (lace := scores.get("lace")) is not None and lace.positive:
        high.append(f"LACE {lace.total} (high readmission risk)")
    elif lace is None and stay_lace is not None and stay_lace.band == "high":
        left = stay_lace.discharged_on
        high.append(f"LACE {stay_lace.total} (high readmission risk) after the "
                    f"{left:%b} {left.day} discharge")
    # mood
    if phq9 is not None and phq9.total is not None and phq9.total >= PHQ9_HIGH_AT:
        high.append(f"PHQ-9 {phq9.total} ({_words(phq9.band)})")
    elif phq9 is not None and phq9.positive:
        moderate.append(f"PHQ-9 {phq9.total} ({_words(phq9.band)})")
    elif phq9 is None and phq2 is not None and phq2.positive:
        moderate.append(f"PHQ-2 {phq2.total} (positive screen)")
    if (gad7 := scores.get("gad7")) is not None and gad7.positive:
        moderate.append(f"GAD-7 {gad7.total} ({_words(gad7.band)})")
    # social needs, function, falls
    if hrsn is not None:
        moderate += [_HRSN_WORDS[d] for d in hrsn.domains if d in _HRSN_WORDS]
    if (katz := scores.get("katz_adl")) is not None and katz.positive:
        moderate.append(f"needs help with {6 - (katz.total or 0)} of 6 self-care activities "
                        "(Katz ADL)")
    if (lawton := scores.get("lawton_iadl")) is not None and lawton.positive:
        moderate.append(f"needs help with {8 - (lawton.total or 0)} of 8 everyday tasks "
                        "(Lawton IADL)")
    if (steadi := scores.get("steadi")) is not None and steadi.positive:
        moderate.append("fall risk (STEADI)")
    if chronic_conditions >= MODERATE_CHRONIC_CONDITIONS:
        moderate.append(counted(chronic_conditions, "chronic condition"))

    tier = "high" if high else "moderate" if moderate else "low"
    return tier, (*high, *moderate)
