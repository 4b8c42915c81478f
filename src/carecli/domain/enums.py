"""The fixed vocabularies of carecli: every coded value the database stores comes from here."""

from enum import StrEnum


class ClientStatus(StrEnum):
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    DISCHARGED = "discharged"


class RiskTier(StrEnum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class ConsentKind(StrEnum):
    CARE_MANAGEMENT = "care_management"
    INFORMATION_SHARING = "information_sharing"
    TELEHEALTH = "telehealth"


class ConsentMethod(StrEnum):
    VERBAL = "verbal"
    WRITTEN = "written"


class ConditionStatus(StrEnum):
    ACTIVE = "active"
    IN_REMISSION = "in_remission"
    RESOLVED = "resolved"


class ContactMode(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    HOME_VISIT = "home_visit"
    OFFICE = "office"
    MESSAGE = "message"
    FAX = "fax"
    LETTER = "letter"
    WITH_CAREGIVER = "with_caregiver"
    WITH_CARE_TEAM = "with_care_team"


class ContactOutcome(StrEnum):
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    VOICEMAIL = "voicemail"
    WRONG_NUMBER = "wrong_number"
    DECLINED = "declined"


class ContactParty(StrEnum):
    """Who the care manager spoke with or tried to reach."""

    CLIENT = "client"
    FAMILY = "family"
    CARE_TEAM = "care_team"
    OTHER = "other"


class CheckInKind(StrEnum):
    """A follow-up set by hand: a check-in (a contact) or a task (something to do)."""

    CHECK_IN = "check_in"
    TASK = "task"


class CheckInStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class AssessmentKind(StrEnum):
    INTAKE = "intake"
    REASSESSMENT = "reassessment"


class AssessmentStatus(StrEnum):
    DRAFT = "draft"
    COMPLETED = "completed"


class CarePlanStatus(StrEnum):
    """A plan version: the one `draft` being edited, the `active` (current finalised) one, and
    earlier finalised ones, `superseded`."""

    DRAFT = "draft"
    ACTIVE = "active"
    SUPERSEDED = "superseded"


class PlanItemKind(StrEnum):
    PROBLEM = "problem"
    GOAL = "goal"
    INTERVENTION = "intervention"


class ProblemStatus(StrEnum):
    """A problem or need: still worked on, or no longer (FHIR Condition clinicalStatus words)."""

    ACTIVE = "active"
    RESOLVED = "resolved"
    INACTIVE = "inactive"


class GoalLifecycle(StrEnum):
    """FHIR R4 Goal.lifecycleStatus: the goal's life."""

    PROPOSED = "proposed"
    PLANNED = "planned"
    ACCEPTED = "accepted"
    ACTIVE = "active"
    ON_HOLD = "on-hold"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    ENTERED_IN_ERROR = "entered-in-error"
    REJECTED = "rejected"


class GoalAchievement(StrEnum):
    """FHIR R4 Goal.achievementStatus: progress towards the goal, apart from its life."""

    IN_PROGRESS = "in-progress"
    IMPROVING = "improving"
    WORSENING = "worsening"
    NO_CHANGE = "no-change"
    ACHIEVED = "achieved"
    SUSTAINING = "sustaining"
    NOT_ACHIEVED = "not-achieved"
    NO_PROGRESS = "no-progress"
    NOT_ATTAINABLE = "not-attainable"


class InterventionStatus(StrEnum):
    """FHIR R4 CarePlan.activity.detail.status."""

    NOT_STARTED = "not-started"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in-progress"
    ON_HOLD = "on-hold"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    STOPPED = "stopped"
    UNKNOWN = "unknown"
    ENTERED_IN_ERROR = "entered-in-error"


OPEN_INTERVENTION_STATUSES = frozenset({
    InterventionStatus.NOT_STARTED, InterventionStatus.SCHEDULED, InterventionStatus.IN_PROGRESS,
})
"""Interventions still to be carried out: only these can fall due in the queue."""


class InterventionOwner(StrEnum):
    """Who carries an intervention out."""

    CARE_MANAGER = "care_manager"
    CLIENT = "client"
    FAMILY = "family"
    CARE_TEAM = "care_team"
    COMMUNITY = "community"


class InterventionFrequency(StrEnum):
    """How often an intervention is carried out; `FREQUENCY_DAYS` gives the repeating ones'
    interval."""

    ONCE = "once"
    DAILY = "daily"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    AS_NEEDED = "as_needed"


FREQUENCY_DAYS = {
    InterventionFrequency.DAILY: 1,
    InterventionFrequency.WEEKLY: 7,
    InterventionFrequency.FORTNIGHTLY: 14,
    InterventionFrequency.MONTHLY: 30,
    InterventionFrequency.QUARTERLY: 91,
}


class PlanSection(StrEnum):
    """The CCM care-plan elements that are text rather than problems, goals or interventions
    (DOMAIN.md, "Medicare care-management billing"), plus the client's priorities, strengths
    and barriers (person-centred planning). In the order a plan shows them."""

    PRIORITIES = "priorities"
    STRENGTHS = "strengths"
    BARRIERS = "barriers"
    EXPECTED_OUTCOME = "expected_outcome"
    """Expected outcome and prognosis."""
    SYMPTOM_MANAGEMENT = "symptom_management"
    MEDICATION_MANAGEMENT = "medication_management"
    FUNCTIONAL_ASSESSMENT = "functional_assessment"
    """Cognitive and functional assessment."""
    ENVIRONMENTAL_EVALUATION = "environmental_evaluation"
    CAREGIVER_ASSESSMENT = "caregiver_assessment"
    COMMUNITY_SERVICES = "community_services"
    """Community and social services ordered, and coordination with outside resources and
    practitioners."""


class CopyMethod(StrEnum):
    """How a copy of the plan reached the client or family."""

    IN_PERSON = "in_person"
    MAILED = "mailed"
    EMAILED = "emailed"
    PORTAL = "portal"
    OTHER = "other"


class ReferralStatus(StrEnum):
    """A referral's status, as FHIR Task in the Gravity SDOH Clinical Care guide (DOMAIN.md,
    "Referrals (closed loop)"); `clinical.referrals` holds the allowed transitions."""

    DRAFT = "draft"
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    IN_PROGRESS = "in-progress"
    ON_HOLD = "on-hold"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class ReferralOutcome(StrEnum):
    """What came of a closed referral."""

    GOT_HELP = "got_help"
    NOT_ELIGIBLE = "not_eligible"
    NO_CAPACITY = "no_capacity"
    COULD_NOT_CONTACT = "could_not_contact"
    NO_LONGER_INTERESTED = "no_longer_interested"
    OTHER = "other"


class ResourceCategory(StrEnum):
    """What a community resource helps with; also the need a referral answers."""

    FOOD = "food"
    HOUSING = "housing"
    TRANSPORTATION = "transportation"
    UTILITIES = "utilities"
    MENTAL_HEALTH = "mental_health"
    CAREGIVER_SUPPORT = "caregiver_support"
    LEGAL = "legal"
    FINANCIAL = "financial"
    OTHER = "other"


class ResourceStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


class StayKind(StrEnum):
    INPATIENT = "inpatient"
    EMERGENCY = "emergency"
    OBSERVATION = "observation"
    SKILLED_NURSING = "skilled_nursing"


class StayDisposition(StrEnum):
    """Where the client went when the stay ended."""

    HOME = "home"
    HOME_WITH_SERVICES = "home_with_services"
    SKILLED_NURSING = "skilled_nursing"
    REHABILITATION = "rehabilitation"
    ASSISTED_LIVING = "assisted_living"
    HOSPICE = "hospice"
    OTHER = "other"


class TcmComplexity(StrEnum):
    """The medical decision making of a transition (DOMAIN.md): high → 99496, face-to-face
    visit within 7 days; moderate → 99495, within 14."""

    MODERATE = "moderate"
    HIGH = "high"


class AppointmentStatus(StrEnum):
    SCHEDULED = "scheduled"
    ATTENDED = "attended"
    MISSED = "missed"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"


def label(value: StrEnum | str | None) -> str:
    """A coded value as a person reads it: `on_hold` -> `On hold`."""
    if value is None:
        return ""
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]
