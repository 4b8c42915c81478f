"""A care plan's codes in the words a nurse writes (and a client reads): sections, who carries
an intervention out, how often, statuses, and dates. No screen or export shows a code."""

from datetime import date

from carecli.domain.enums import InterventionFrequency, InterventionOwner, PlanSection

SECTION_LABELS = {
    PlanSection.PRIORITIES: "What matters most to the client",
    PlanSection.STRENGTHS: "Strengths",
    PlanSection.BARRIERS: "Barriers",
    PlanSection.EXPECTED_OUTCOME: "Expected outcome and prognosis",
    PlanSection.SYMPTOM_MANAGEMENT: "Symptom management",
    PlanSection.MEDICATION_MANAGEMENT: "Medication management",
    PlanSection.FUNCTIONAL_ASSESSMENT: "Cognitive and functional assessment",
    PlanSection.ENVIRONMENTAL_EVALUATION: "Environmental evaluation",
    PlanSection.CAREGIVER_ASSESSMENT: "Caregiver assessment",
    PlanSection.COMMUNITY_SERVICES: "Community services and coordination of care",
}
OWNER_WORDS = {
    InterventionOwner.CARE_MANAGER: "care manager",
    InterventionOwner.CLIENT: "client",
    InterventionOwner.FAMILY: "family member",
    InterventionOwner.CARE_TEAM: "care team member",
    InterventionOwner.COMMUNITY: "community resource",
}
FREQUENCY_WORDS = {
    InterventionFrequency.ONCE: "once",
    InterventionFrequency.DAILY: "daily",
    InterventionFrequency.WEEKLY: "weekly",
    InterventionFrequency.FORTNIGHTLY: "every two weeks",
    InterventionFrequency.MONTHLY: "monthly",
    InterventionFrequency.QUARTERLY: "every three months",
    InterventionFrequency.AS_NEEDED: "as needed",
}


def status_words(status: str) -> str:
    """`on-hold` → "on hold", `not-started` → "not started"."""
    return status.replace("-", " ").replace("_", " ")


def day_words(day: date) -> str:
    """`Feb 1, 2027`."""
    return f"{day:%b} {day.day}, {day.year}"
