"""Validated input models (the XCreate/XUpdate family): every write passes through one of these.

They strip whitespace and NUL characters, turn blank optional text into None, refuse names with
nothing visible in them, unreal or implausible dates and over-long text, and keep a phone number
exactly as typed once it looks like one.

Dates are checked against this computer's clock (`date.today()`): no date before 1900, none in
the future for what has already happened (birth, enrolment, consent, a status change), and at
most five years ahead for what may be planned (a medication's start or stop).
"""

import re
import unicodedata
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic import Field as Constraint
from pydantic_core import PydanticCustomError
from sqlmodel import Field, SQLModel

from carecli.data.errors import InvalidInput
from carecli.data.models import NAME_MAX, TEXT_MAX
from carecli.domain.enums import (
    ClientStatus,
    ConditionStatus,
    ConsentKind,
    ConsentMethod,
    RiskTier,
    Sex,
)

_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PHONE_CHARS = re.compile(r"^[0-9+()\-.\s/x#ext]*$", re.IGNORECASE)
_ICD10 = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")  # U07.1, U09.9 are real
_UNSEEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
"""Unicode categories that show nothing on their own: controls, format characters (zero-width
U+200B-U+200D, U+2060, U+FEFF), spaces, and marks that only decorate another character."""
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
"""Hangul fillers: letters by category, blank on screen."""
EARLIEST = date(1900, 1, 1)
PLAN_AHEAD_YEARS = 5


def parse_date(value: Any) -> date | None:
    """A date from `YYYY-MM-DD` or `MM/DD/YYYY`; ValueError with a readable message otherwise."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _US_DATE.match(text):
        month, day, year = (int(g) for g in match.groups())
    else:
        raise ValueError(f"{text!r} is not a date: use YYYY-MM-DD")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text} is not a real date") from None


def visible(text: str) -> bool:
    """Whether `text` shows anything: at least one character that is not a control, format,
    space or combining character (a name of NULs or zero-width spaces shows nothing)."""
    return any(
        unicodedata.category(ch) not in _UNSEEN and ch not in _BLANK_LETTERS for ch in text
    )


def _without_nul(value: Any) -> Any:
    """NUL is never stored: PostgreSQL refuses it in text and SQLite tools cut text at it."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def _empty_to_none(value: Any) -> Any:
    value = _without_nul(value)
    if isinstance(value, str) and not visible(value):
        return None
    return value


def _shows_something(value: str) -> str:
    if not visible(value):
        raise ValueError("is required")
    return value


def _phone(value: str | None) -> str | None:
    if value is None:
        return None
    digits = sum(ch.isdigit() for ch in value)
    if not _PHONE_CHARS.match(value) or digits < 7 or digits > 15:
        raise ValueError("is not a phone number (use digits, spaces and + ( ) - . ext)")
    return value


def _email(value: str | None) -> str | None:
    if value is not None and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value):
        raise ValueError("is not an email address")
    return value


def _icd10(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.upper()
    if not _ICD10.match(code):
        raise ValueError("is not an ICD-10 code (e.g. E11.9)")
    return code


def _since_1900(value: date | None) -> date | None:
    if value is not None and value < EARLIEST:
        raise ValueError("is before 1900")
    return value


def _not_future(value: date | None) -> date | None:
    if value is not None and value > date.today():
        raise ValueError("is in the future")
    return value


def _not_far_ahead(value: date | None) -> date | None:
    today = date.today()
    try:
        limit = today.replace(year=today.year + PLAN_AHEAD_YEARS)
    except ValueError:  # 29 February
        limit = date(today.year + PLAN_AHEAD_YEARS, 3, 1)
    if value is not None and value > limit:
        raise ValueError(f"is more than {PLAN_AHEAD_YEARS} years ahead")
    return value


def required_text(max_length: int) -> Any:
    """Required text: NULs removed, and something visible left once whitespace is stripped."""
    return Annotated[
        str,
        StringConstraints(min_length=1, max_length=max_length),
        BeforeValidator(_without_nul),
        AfterValidator(_shows_something),
    ]


def optional_text(max_length: int, *after: AfterValidator) -> Any:
    """Optional text: blank becomes None, longer than `max_length` is refused."""
    return Annotated[
        Annotated[str, StringConstraints(max_length=max_length), *after] | None,
        BeforeValidator(_empty_to_none),
    ]


_PAST = (BeforeValidator(parse_date), AfterValidator(_since_1900), AfterValidator(_not_future))
PastDate = Annotated[date | None, *_PAST]
"""Something that has happened (or not: blank is None): 1900 to today."""
ReqPastDate = Annotated[date, *_PAST]
PlanDate = Annotated[
    date | None, BeforeValidator(parse_date), AfterValidator(_since_1900),
    AfterValidator(_not_far_ahead),
]
"""A date that may lie ahead: 1900 to five years from today."""
Name = required_text(NAME_MAX)
OptName = optional_text(NAME_MAX)
OptText = optional_text(TEXT_MAX)
Phone = optional_text(40, AfterValidator(_phone))
Email = optional_text(254, AfterValidator(_email))
Cadence = Annotated[
    Annotated[int, Constraint(ge=1, le=365)] | None, BeforeValidator(_empty_to_none)
]


class InputModel(SQLModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")


class ClientCreate(InputModel):
    given_name: Name
    family_name: Name
    preferred_name: OptName = None
    date_of_birth: PastDate = None
    sex: Sex = Sex.UNKNOWN
    pronouns: optional_text(40) = None
    language: required_text(60) = "English"
    interpreter_needed: bool = False
    phone: Phone = None
    email: Email = None
    address: optional_text(400) = None
    enrolled_on: ReqPastDate = Field(default_factory=date.today)
    risk_tier: RiskTier = RiskTier.MODERATE
    risk_reason: optional_text(400) = None
    cadence_days: Cadence = None
    insurance_id: optional_text(40) = None
    notes: OptText = None

    @model_validator(mode="after")
    def _born_before_enrolment(self) -> "ClientCreate":
        if self.date_of_birth and self.date_of_birth > self.enrolled_on:
            raise PydanticCustomError(
                "date_order", "date_of_birth: is after the enrolment date {enrolled}",
                {"field": "date_of_birth", "enrolled": self.enrolled_on.isoformat()},
            )
        return self


class ClientUpdate(ClientCreate):
    """Editing a client: the same rules; every field is sent whole from the form."""


class StatusChangeInput(InputModel):
    """The change applies at once, so its effective date is today or earlier (and not before
    the client's enrolment: `clients.change_status` checks that against the stored client)."""

    to_status: ClientStatus
    # validate_default: a missing reason must also be refused, not only a blank one
    reason: optional_text(400) = Constraint(default=None, validate_default=True)
    effective_on: ReqPastDate = Field(
        default_factory=date.today
    )

    @field_validator("reason")
    @classmethod
    def _reason_needed(cls, value: str | None, info) -> str | None:
        if value is None and info.data.get("to_status") != ClientStatus.ACTIVE:
            raise ValueError("is required: say why")
        return value


class RiskDecision(InputModel):
    """A risk tier set after an assessment: chosen by hand it needs a reason."""

    risk_tier: RiskTier
    by_hand: bool = False
    risk_reason: optional_text(400) = Constraint(default=None, validate_default=True)

    @field_validator("risk_reason")
    @classmethod
    def _reason_for_override(cls, value: str | None, info) -> str | None:
        if value is None and info.data.get("by_hand"):
            raise ValueError("is required: say why you chose this tier")
        return value


class ConsentInput(InputModel):
    kind: ConsentKind = ConsentKind.CARE_MANAGEMENT
    given_on: ReqPastDate
    method: ConsentMethod
    witnessed_by: OptName = None
    revoked_on: PastDate = None
    note: OptText = None


    @model_validator(mode="after")
    def _revoked_after_given(self) -> "ConsentInput":
        if self.revoked_on and self.revoked_on < self.given_on:
            raise PydanticCustomError(
                "date_order", "revoked_on: is before the date consent was given {given}",
                {"field": "revoked_on", "given": self.given_on.isoformat()},
            )
        return self


class ConditionInput(InputModel):
    name: required_text(200)
    icd10_code: optional_text(10, AfterValidator(_icd10)) = None
    chronic: bool = True
    onset_on: PastDate = None
    status: ConditionStatus = ConditionStatus.ACTIVE
    note: OptText = None


class MedicationInput(InputModel):
    name: required_text(200)
    dose: optional_text(80) = None
    route: optional_text(40) = None
    frequency: optional_text(80) = None
    prescriber: OptName = None
    started_on: PlanDate = None
    stopped_on: PlanDate = None
    last_reconciled_on: PastDate = None
    note: OptText = None


    @model_validator(mode="after")
    def _stops_after_it_starts(self) -> "MedicationInput":
        if self.started_on and self.stopped_on and self.stopped_on < self.started_on:
            raise PydanticCustomError(
                "date_order", "stopped_on: is before the start date {started}",
                {"field": "stopped_on", "started": self.started_on.isoformat()},
            )
        return self


class CareTeamInput(InputModel):
    name: Name
    role: required_text(80)
    organisation: optional_text(200) = None
    phone: Phone = None
    fax: Phone = None
    email: Email = None
    is_primary: bool = False


class PersonalContactInput(InputModel):
    name: Name
    relation: required_text(60)
    phone: Phone = None
    email: Email = None
    is_emergency_contact: bool = False
    may_receive_health_info: bool = False
    is_caregiver: bool = False
    note: OptText = None


def validate(model: type[InputModel], data: dict[str, Any]) -> InputModel:
    """Build `model` from raw form values, or raise InvalidInput mapping field -> message."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(_messages(exc)) from None


def _messages(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for err in exc.errors():
        if err["type"] == "date_order":  # a check across fields names its field itself
            field, _, text = err["msg"].partition(": ")
            errors.setdefault(field, text)
            continue
        field = str(err["loc"][0]) if err["loc"] else "form"
        errors.setdefault(field, _readable(err))
    return errors


def _readable(err: dict[str, Any]) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "string_too_short":
        return "is required" if ctx.get("min_length") == 1 else err["msg"]
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "enum":
        return f"must be one of: {ctx.get('expected', '')}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind in ("int_parsing", "int_type"):
        return "must be a whole number"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    return err["msg"]
