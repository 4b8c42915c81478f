"""What each form asks for: field specs the generic form screen renders (no Textual here).

The entry kinds' forms are derived from their declarations (`domain/entry_fields.py`); the
client, status and risk forms are written out here, beside their special rules in `inputs.py`."""

from dataclasses import dataclass

from carecli.domain.entry_fields import ENTRY_FIELDS
from carecli.domain.enums import RiskTier, Sex, label
from carecli.domain.fields import EMAIL_MAX, NAME_MAX, PHONE_MAX, TEXT_MAX, EntryFields


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: str = "text"  # text | date | int | choice | bool | note | ticks (several of choices)
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""
    max_length: int | None = None


def choices(enum) -> tuple[tuple[str, str], ...]:
    return tuple((label(member), member.value) for member in enum)


DATE_HINT = "YYYY-MM-DD or MM/DD/YYYY"

CLIENT_FORM = (
    FieldSpec("given_name", "Given name", required=True, max_length=NAME_MAX),
    FieldSpec("family_name", "Family name", required=True, max_length=NAME_MAX),
    FieldSpec("preferred_name", "Preferred name", max_length=NAME_MAX),
    FieldSpec("date_of_birth", "Date of birth", "date", placeholder=DATE_HINT),
    FieldSpec("sex", "Sex", "choice", choices=choices(Sex)),
    FieldSpec("pronouns", "Pronouns", max_length=40),
    FieldSpec("language", "Language", required=True, max_length=60),
    FieldSpec("interpreter_needed", "Interpreter needed", "bool"),
    FieldSpec("phone", "Phone", placeholder="as you would dial it", max_length=PHONE_MAX),
    FieldSpec("email", "Email", max_length=EMAIL_MAX),
    FieldSpec("address", "Address", max_length=400),
    FieldSpec("enrolled_on", "Enrolled on", "date", required=True, placeholder=DATE_HINT),
    FieldSpec("risk_tier", "Risk tier", "choice", required=True, choices=choices(RiskTier)),
    FieldSpec("risk_reason", "Why this risk tier", max_length=400),
    FieldSpec("cadence_days", "Check-in every (days)", "int",
              placeholder="blank: 7 high, 14 moderate, 30 low"),
    FieldSpec("insurance_id", "Insurance / Medicare id", max_length=40),
    FieldSpec("notes", "Notes", "note", max_length=TEXT_MAX),
)

STATUS_FORM = (
    FieldSpec("reason", "Reason", required=True, max_length=400),
    FieldSpec("effective_on", "Effective on", "date", required=True, placeholder=DATE_HINT),
)

RISK_FORM = (
    FieldSpec("risk_tier", "Risk tier", "choice", required=True, choices=choices(RiskTier)),
    FieldSpec("risk_reason", "Reason", required=True, max_length=400),
)

# queue-screen ---
SNOOZE_FORM = (
    FieldSpec("until_on", "Until", "date", required=True, placeholder=DATE_HINT),
    FieldSpec("reason", "Reason", required=True, max_length=400),
)

CHECK_IN_FORM = (
    FieldSpec("due_on", "Check-in on", "date", required=True, placeholder=DATE_HINT),
    FieldSpec("reason", "Reason", required=True, max_length=200),
    FieldSpec("note", "Note", "note", max_length=TEXT_MAX),
)


def form_fields(entry: EntryFields) -> tuple[FieldSpec, ...]:
    """The form of an entry kind, from its declaration (`domain/entry_fields.py`)."""
    return tuple(
        FieldSpec(
            f.name, f.label, f.kind, f.required,
            choices=choices(f.choices) if f.choices else (),
            placeholder=f.placeholder or (DATE_HINT if f.kind == "date" else ""),
            max_length=f.max_length,
        )
        for f in entry.fields
    )


ENTRY_FORMS = {kind: form_fields(entry) for kind, entry in ENTRY_FIELDS.items()}
