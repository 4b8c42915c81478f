"""Validated input models (the XCreate/XUpdate family): every write passes through one of these.

They strip whitespace and NUL characters, turn blank optional text into None, refuse names with
nothing visible in them, unreal or implausible dates and over-long text, and keep a phone number
exactly as typed once it looks like one.

Dates are checked against this computer's clock (`date.today()`): no date before 1900, none in
the future for what has already happened (birth, enrolment, consent, a status change), and at
most five years ahead for what may be planned (a medication's start or stop).

The entry kinds' models are built by `entry_input` from their declarations
(`domain/entry_fields.py`), so their limits and rules are written once.
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
    create_model,
    field_validator,
    model_validator,
)
from pydantic import Field as Constraint
from pydantic_core import PydanticCustomError
from sqlmodel import Field, SQLModel

from carecli.data.errors import InvalidInput
from carecli.domain.entry_fields import (
    CARE_TEAM,
    CONDITION,
    CONSENT,
    MEDICATION,
    PERSONAL_CONTACT,
)
from carecli.domain.enums import ClientStatus, RiskTier, Sex
from carecli.domain.fields import EMAIL_MAX, NAME_MAX, PHONE_MAX, TEXT_MAX, EntryFields
from carecli.domain.fields import Field as DeclaredField

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
        raise ValueError(f"{text!r} is not a date: use YYYY-MM-DD or MM/DD/YYYY")
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


_CONTROLS = {c: None for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20),
                               *range(0x7F, 0xA0))}
"""C0 and C1 control characters other than tab and line breaks."""


def _without_nul(value: Any) -> Any:
    """Control characters are never stored: NUL is refused by PostgreSQL and cuts text short in
    SQLite tools, and an escape sequence pasted into a name would only ever show as noise."""
    return value.translate(_CONTROLS) if isinstance(value, str) else value


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


def required_text(max_length: int, *after: AfterValidator) -> Any:
    """Required text: NULs removed, and something visible left once whitespace is stripped."""
    return Annotated[
        str,
        StringConstraints(min_length=1, max_length=max_length),
        BeforeValidator(_without_nul),
        AfterValidator(_shows_something),
        *after,
    ]


def optional_text(max_length: int, *after: AfterValidator) -> Any:
    """Optional text: blank becomes None, longer than `max_length` is refused."""
    return Annotated[
        Annotated[str, StringConstraints(max_length=max_length), *after] | None,
        BeforeValidator(_empty_to_none),
    ]


def date_input(rule: Any, *, required: bool) -> Any:
    """A date typed as `YYYY-MM-DD` or `MM/DD/YYYY`, from 1900 on and within `rule`; blank is
    None unless `required`."""
    return Annotated[
        date if required else date | None, BeforeValidator(parse_date),
        AfterValidator(_since_1900), AfterValidator(rule),
    ]


PastDate = date_input(_not_future, required=False)
"""Something that has happened (or not: blank is None): 1900 to today."""
ReqPastDate = date_input(_not_future, required=True)
Name = required_text(NAME_MAX)
OptName = optional_text(NAME_MAX)
OptText = optional_text(TEXT_MAX)
Phone = optional_text(PHONE_MAX, AfterValidator(_phone))
Email = optional_text(EMAIL_MAX, AfterValidator(_email))
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


_TEXT_CHECKS = {"phone": _phone, "email": _email, "icd10": _icd10}
_DATE_RULES = {"past": _not_future, "plan": _not_far_ahead}


def entry_input(name: str, entry: EntryFields) -> type[InputModel]:
    """The input model of an entry kind, built from its declaration (`domain/entry_fields.py`)."""
    fields = {f.name: (_annotation(f), _default(f)) for f in entry.fields}
    validators = {}
    if order := [(f.name, *f.not_before) for f in entry.fields if f.not_before]:
        validators["_dates_in_order"] = model_validator(mode="after")(_date_order(order))
    return create_model(
        name, __base__=InputModel, __module__=__name__, __validators__=validators, **fields
    )


def _annotation(field: DeclaredField) -> Any:
    if field.kind in ("text", "note"):
        checks = [AfterValidator(_TEXT_CHECKS[field.check])] if field.check else []
        if field.required:
            return required_text(field.max_length, *checks)
        return optional_text(field.max_length, *checks)
    if field.kind == "date":
        return date_input(_DATE_RULES[field.dates], required=field.required)
    if field.kind == "choice":
        return field.choices if field.required else field.choices | None
    return bool


def _default(field: DeclaredField) -> Any:
    if field.kind == "bool":
        return bool(field.default)
    if field.required and field.default is None:
        return ...
    return field.default


def _date_order(order: list[tuple[str, str, str]]) -> Any:
    """A check that each date is not before the one it follows, naming the field it faults."""

    def dates_in_order(model: InputModel) -> InputModel:
        for name, after, words in order:
            value, earliest = getattr(model, name), getattr(model, after)
            if value and earliest and value < earliest:
                raise PydanticCustomError(
                    "date_order", f"{name}: is before {words} {{earliest}}",
                    {"field": name, "earliest": earliest.isoformat()},
                )
        return model

    return dates_in_order


ConsentInput = entry_input("ConsentInput", CONSENT)
ConditionInput = entry_input("ConditionInput", CONDITION)
MedicationInput = entry_input("MedicationInput", MEDICATION)
CareTeamInput = entry_input("CareTeamInput", CARE_TEAM)
PersonalContactInput = entry_input("PersonalContactInput", PERSONAL_CONTACT)


def validate(model: type[InputModel], data: dict[str, Any],
             context: dict[str, Any] | None = None) -> InputModel:
    """Build `model` from raw form values, or raise InvalidInput mapping field -> message.
    `context` reaches validators that need it (the clock daily work is checked against)."""
    try:
        return model.model_validate(data, context=context)
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
