"""What each form asks for: field specs the generic form screen renders (no Textual here)."""

from dataclasses import dataclass

from carecli.domain.enums import (
    ConditionStatus,
    ConsentKind,
    ConsentMethod,
    RiskTier,
    Sex,
    label,
)


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: str = "text"  # text | date | int | choice | bool | note
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""
    max_length: int | None = None


def _choices(enum) -> tuple[tuple[str, str], ...]:
    return tuple((label(member), member.value) for member in enum)


DATE_HINT = "YYYY-MM-DD or MM/DD/YYYY"

CLIENT_FORM = (
    FieldSpec("given_name", "Given name", required=True, max_length=120),
    FieldSpec("family_name", "Family name", required=True, max_length=120),
    FieldSpec("preferred_name", "Preferred name", max_length=120),
    FieldSpec("date_of_birth", "Date of birth", "date", placeholder=DATE_HINT),
    FieldSpec("sex", "Sex", "choice", choices=_choices(Sex)),
    FieldSpec("pronouns", "Pronouns", max_length=40),
    FieldSpec("language", "Language", required=True, max_length=60),
    FieldSpec("interpreter_needed", "Interpreter needed", "bool"),
    FieldSpec("phone", "Phone", placeholder="as you would dial it", max_length=40),
    FieldSpec("email", "Email", max_length=254),
    FieldSpec("address", "Address", max_length=400),
    FieldSpec("enrolled_on", "Enrolled on", "date", required=True, placeholder=DATE_HINT),
    FieldSpec("risk_tier", "Risk tier", "choice", required=True, choices=_choices(RiskTier)),
    FieldSpec("risk_reason", "Why this risk tier", max_length=400),
    FieldSpec("cadence_days", "Check-in every (days)", "int",
              placeholder="blank: 7 high, 14 moderate, 30 low"),
    FieldSpec("insurance_id", "Insurance / Medicare id", max_length=40),
    FieldSpec("notes", "Notes", "note"),
)

CONSENT_FORM = (
    FieldSpec("kind", "Consent to", "choice", required=True, choices=_choices(ConsentKind)),
    FieldSpec("given_on", "Given on", "date", required=True, placeholder=DATE_HINT),
    FieldSpec("method", "Method", "choice", required=True, choices=_choices(ConsentMethod)),
    FieldSpec("witnessed_by", "Witnessed by", max_length=120),
    FieldSpec("revoked_on", "Revoked on", "date", placeholder=DATE_HINT),
    FieldSpec("note", "Note", "note"),
)

CONDITION_FORM = (
    FieldSpec("name", "Condition", required=True, max_length=200),
    FieldSpec("icd10_code", "ICD-10 code", placeholder="e.g. E11.9", max_length=10),
    FieldSpec("chronic", "Chronic (12 months or more)", "bool"),
    FieldSpec("onset_on", "Onset", "date", placeholder=DATE_HINT),
    FieldSpec("status", "Status", "choice", required=True, choices=_choices(ConditionStatus)),
    FieldSpec("note", "Note", "note"),
)

MEDICATION_FORM = (
    FieldSpec("name", "Medication", required=True, max_length=200),
    FieldSpec("dose", "Dose", placeholder="e.g. 500 mg", max_length=80),
    FieldSpec("route", "Route", placeholder="e.g. oral", max_length=40),
    FieldSpec("frequency", "Frequency", placeholder="e.g. twice daily", max_length=80),
    FieldSpec("prescriber", "Prescriber", max_length=120),
    FieldSpec("started_on", "Started", "date", placeholder=DATE_HINT),
    FieldSpec("stopped_on", "Stopped", "date", placeholder=DATE_HINT),
    FieldSpec("last_reconciled_on", "Last reconciled", "date", placeholder=DATE_HINT),
    FieldSpec("note", "Note", "note"),
)

CARE_TEAM_FORM = (
    FieldSpec("name", "Name", required=True, max_length=120),
    FieldSpec("role", "Role", required=True, placeholder="e.g. Primary care physician",
              max_length=80),
    FieldSpec("organisation", "Organisation", max_length=200),
    FieldSpec("phone", "Phone", max_length=40),
    FieldSpec("fax", "Fax", max_length=40),
    FieldSpec("email", "Email", max_length=254),
    FieldSpec("is_primary", "Primary contact on the team", "bool"),
)

PERSONAL_CONTACT_FORM = (
    FieldSpec("name", "Name", required=True, max_length=120),
    FieldSpec("relation", "Relation", required=True, placeholder="e.g. daughter", max_length=60),
    FieldSpec("phone", "Phone", max_length=40),
    FieldSpec("email", "Email", max_length=254),
    FieldSpec("is_emergency_contact", "Emergency contact", "bool"),
    FieldSpec("may_receive_health_info", "May receive health information", "bool"),
    FieldSpec("is_caregiver", "Caregiver", "bool"),
    FieldSpec("note", "Note", "note"),
)

STATUS_FORM = (
    FieldSpec("reason", "Reason", required=True, max_length=400),
    FieldSpec("effective_on", "Effective on", "date", required=True, placeholder=DATE_HINT),
)

RISK_FORM = (
    FieldSpec("risk_tier", "Risk tier", "choice", required=True, choices=_choices(RiskTier)),
    FieldSpec("risk_reason", "Reason", required=True, max_length=400),
)

ENTRY_FORMS = {
    "consent": CONSENT_FORM,
    "condition": CONDITION_FORM,
    "medication": MEDICATION_FORM,
    "care_team": CARE_TEAM_FORM,
    "personal_contact": PERSONAL_CONTACT_FORM,
}

