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
    DRAFT = "draft"
    ACTIVE = "active"
    SUPERSEDED = "superseded"


class GoalStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    ACHIEVED = "achieved"
    CANCELLED = "cancelled"


class ReferralStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ACCEPTED = "accepted"
    COMPLETED = "completed"
    DECLINED = "declined"
    CLOSED = "closed"


class StayKind(StrEnum):
    INPATIENT = "inpatient"
    EMERGENCY = "emergency"
    OBSERVATION = "observation"
    SKILLED_NURSING = "skilled_nursing"


def label(value: StrEnum | str | None) -> str:
    """A coded value as a person reads it: `on_hold` -> `On hold`."""
    if value is None:
        return ""
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]
