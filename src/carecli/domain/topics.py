"""What a contact covered: the short lists the contact logger offers to tick for topics
discussed and education given (anything else is typed). Ours: DOMAIN.md fixes no list."""

TOPICS = (
    "medications",
    "symptoms",
    "vital signs",
    "diet",
    "activity",
    "sleep",
    "mood",
    "falls",
    "appointments",
    "transport",
    "housing",
    "food",
    "money",
    "caregiver support",
    "advance care planning",
)

EDUCATION = (
    "medication adherence",
    "inhaler technique",
    "daily weights",
    "low-salt diet",
    "blood sugar checks",
    "low blood sugar signs",
    "blood pressure checks",
    "fall prevention at home",
    "when to call the doctor",
    "crisis line (988)",
)
