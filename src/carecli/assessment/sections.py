"""The intake's unscored sections (health history, medications, home, caregiver, goals),
described with the same `Item` model as the scored instruments, and the wizard's steps."""

from dataclasses import dataclass

from carecli.clinical.instruments.model import Item, Option


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    sections: tuple[str, ...]
    """Instrument ids, or ids of the unscored sections below, asked in this order."""


INTAKE_STEPS = (
    Step("health_history", "Health history", ("history",)),
    Step("medications", "Medications review", ("medications",)),
    Step("function", "Function and falls", ("katz_adl", "lawton_iadl", "steadi")),
    Step("mood", "Mood", ("phq2", "phq9", "gad7")),
    Step("social_needs", "Social needs", ("ahc_hrsn",)),
    Step("home", "Home and environment", ("home",)),
    Step("caregiver", "Caregiver", ("caregiver",)),
    Step("goals", "Goals and preferences", ("goals",)),
)

FOCUSABLE = ("phq9", "gad7", "ahc_hrsn", "katz_adl", "lawton_iadl", "steadi", "phq2")
"""Instruments a focused re-assessment can choose from."""

YES_NO = (Option(True, "Yes"), Option(False, "No"))

HISTORY = (
    Item("reviewed", "Conditions and hospital stays on the record reviewed with the client",
         "bool", YES_NO),
    Item("changes", "New diagnoses, hospital or emergency visits since the last review",
         "text", required=False),
)

MEDICATION_TAKING = (
    Option("taking", "Taking as listed"),
    Option("not_taking", "Not taking"),
    Option("unsure", "Unsure / taking differently"),
)

MEDICATIONS_AFTER = (
    Item("adherence", "Problems taking medicines as prescribed (cost, side effects, "
         "forgetting, confusion) — in the client's words", "text", required=False),
    Item("reconciled", "Medication list reconciled today (record updated to match what the "
         "client takes)", "bool", YES_NO),
)

HOME_HAZARDS = (
    Option("loose_rugs", "Loose rugs or cords"),
    Option("poor_lighting", "Poor lighting"),
    Option("stairs_no_rails", "Stairs without rails"),
    Option("no_grab_bars", "No grab bars in the bathroom"),
    Option("clutter", "Clutter in walkways"),
    Option("no_smoke_detector", "No working smoke detector"),
    Option("pets_underfoot", "Pets underfoot"),
)

HOME = (
    Item("hazards", "Hazards seen or reported at home (none is an answer too)", "multi",
         HOME_HAZARDS, required=False),
    Item("supports", "Equipment and supports in place (walker, shower chair, alert pendant)",
         "text", required=False),
)

CAREGIVER = (
    Item("who", "Who helps, and with what", "text", required=False),
    Item("hours", "Hours of help in a usual week", "int", required=False, minimum=0,
         maximum=168),
    Item("strain", "How the caregiver is coping, in their own words", "text", required=False),
)

CONTACT_MODES = (
    Option("phone", "Phone"),
    Option("video", "Video"),
    Option("home_visit", "Home visit"),
    Option("message", "Text or message"),
)

GOALS = (
    Item("matters_most", "What matters most to you right now? (the client's own words)",
         "text"),
    Item("change", "One thing you would like to be different in three months", "text",
         required=False),
    Item("contact_times", "Best days and times to reach you", "text", required=False),
    Item("contact_mode", "How you prefer we keep in touch", "choice", CONTACT_MODES),
)

SECTION_TITLES = {
    "history": "Health history review",
    "medications": "Medications review",
    "home": "Home and environment",
    "caregiver": "Caregiver",
    "goals": "Goals and preferences",
}

STATIC_SECTIONS = {"history": HISTORY, "home": HOME, "caregiver": CAREGIVER, "goals": GOALS}


def medication_items(medications: list[tuple[int, str]]) -> tuple[Item, ...]:
    """One taking / not taking / unsure question per current medication, then the rest."""
    asked = tuple(
        Item(f"med_{med_id}", f"{name}: is the client taking it?", "choice", MEDICATION_TAKING)
        for med_id, name in medications
    )
    return asked + MEDICATIONS_AFTER


def focused_steps(instrument_ids: list[str]) -> tuple[Step, ...]:
    """A re-assessment of the chosen instruments, one step each (PHQ-9 asked in full)."""
    from carecli.clinical import instrument

    unknown = [i for i in instrument_ids if i not in FOCUSABLE]
    if unknown or not instrument_ids:
        raise ValueError(f"instruments: choose from {', '.join(FOCUSABLE)}")
    if {"phq2", "phq9"} <= set(instrument_ids):  # screen first, as in the intake's mood step
        rest = [i for i in instrument_ids if i not in ("phq2", "phq9")]
        return (Step("mood", "Mood", ("phq2", "phq9")),) + focused_steps(rest) if rest else (
            Step("mood", "Mood", ("phq2", "phq9")),)
    return tuple(Step(i, instrument(i).title, (i,)) for i in instrument_ids)
