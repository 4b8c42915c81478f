"""The entries of a client record, each declared once: consents, conditions, medications,
care-team members and personal contacts. Their input models, forms and tables come from here."""

from carecli.domain.enums import ConditionStatus, ConsentKind, ConsentMethod
from carecli.domain.fields import NAME_MAX, Column, EntryFields, Field, email, note, phone

SHOWN = Column()
"""In the table under the field's own label."""

CONSENT = EntryFields(
    noun="consent",
    ended_by="revoked_on",
    fields=(
        Field("kind", "Consent to", "choice", required=True, choices=ConsentKind,
              default=ConsentKind.CARE_MANAGEMENT, column=SHOWN),
        Field("given_on", "Given on", "date", required=True, column=Column("Given")),
        Field("method", "Method", "choice", required=True, choices=ConsentMethod, column=SHOWN),
        Field("witnessed_by", "Witnessed by", max_length=NAME_MAX, column=SHOWN),
        Field("revoked_on", "Revoked on", "date", column=Column("Revoked"),
              not_before=("given_on", "the date consent was given")),
        note(column=SHOWN),
    ),
)

CONDITION = EntryFields(
    noun="condition",
    fields=(
        Field("name", "Condition", required=True, max_length=200, column=Column(width=33)),
        Field("icd10_code", "ICD-10 code", max_length=10, check="icd10",
              placeholder="e.g. E11.9", column=Column("ICD-10")),
        Field("chronic", "Chronic (12 months or more)", "bool", default=True,
              column=Column("Chronic")),
        Field("onset_on", "Onset", "date", column=SHOWN),
        Field("status", "Status", "choice", required=True, choices=ConditionStatus,
              default=ConditionStatus.ACTIVE, column=SHOWN),
        note(),
    ),
)

MEDICATION = EntryFields(
    noun="medication",
    ended_by="stopped_on",
    fields=(
        Field("name", "Medication", required=True, max_length=200, column=SHOWN),
        Field("dose", "Dose", max_length=80, placeholder="e.g. 500 mg", column=SHOWN),
        Field("route", "Route", max_length=40, placeholder="e.g. oral", column=SHOWN),
        Field("frequency", "Frequency", max_length=80, placeholder="e.g. twice daily",
              column=SHOWN),
        Field("prescriber", "Prescriber", max_length=NAME_MAX, column=SHOWN),
        Field("started_on", "Started", "date", dates="plan", column=SHOWN),
        Field("stopped_on", "Stopped", "date", dates="plan", column=SHOWN,
              not_before=("started_on", "the start date")),
        Field("last_reconciled_on", "Last reconciled", "date", column=Column("Reconciled")),
        note(),
    ),
)

CARE_TEAM = EntryFields(
    noun="care-team member",
    fields=(
        Field("name", "Name", required=True, max_length=NAME_MAX, column=SHOWN),
        Field("role", "Role", required=True, max_length=80,
              placeholder="e.g. Primary care physician", column=SHOWN),
        Field("organisation", "Organisation", max_length=200, column=SHOWN),
        phone(column=SHOWN),
        phone("fax", "Fax", column=SHOWN),
        email(column=SHOWN),
        Field("is_primary", "Primary contact on the team", "bool", column=Column("Primary")),
    ),
)

PERSONAL_CONTACT = EntryFields(
    noun="personal contact",
    fields=(
        Field("name", "Name", required=True, max_length=NAME_MAX, column=SHOWN),
        Field("relation", "Relation", required=True, max_length=60, placeholder="e.g. daughter",
              column=SHOWN),
        phone(column=SHOWN),
        email(),
        Field("is_emergency_contact", "Emergency contact", "bool", column=Column("Emergency")),
        Field("may_receive_health_info", "May receive health information", "bool",
              column=Column("Health info", yes="may receive")),
        Field("is_caregiver", "Caregiver", "bool", column=SHOWN),
        note(column=SHOWN),
    ),
)

ENTRY_FIELDS: dict[str, EntryFields] = {
    "consent": CONSENT,
    "condition": CONDITION,
    "medication": MEDICATION,
    "care_team": CARE_TEAM,
    "personal_contact": PERSONAL_CONTACT,
}
"""Every entry kind, by the key the record's tabs, the audit log and the registry use."""
