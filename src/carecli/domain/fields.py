"""One declaration per field: its label, kind, limits, date rule and table column.

The input model (`data/inputs.py`), the form (`forms.py`) and the record's tables
(`widgets/entry_table.py`) are derived from these declarations, and a test checks the database
columns against them, so a limit is written once. Plain data: no Textual, no database.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

NAME_MAX = 120
"""A person's or an organisation's name."""
TEXT_MAX = 20_000
"""A free-text note."""
PHONE_MAX = 40
EMAIL_MAX = 254

KINDS = frozenset({"text", "date", "choice", "bool", "note"})
CHECKS = frozenset({"phone", "email", "icd10"})
DATE_RULES = frozenset({"past", "plan"})


@dataclass(frozen=True)
class Column:
    """How a field shows as a column of its entry kind's table."""

    title: str | None = None
    """The column's heading; None: the field's label."""
    width: int = 80
    """At most this many characters of a cell are shown."""
    yes: str = "yes"
    """What a yes/no field shows when true (false shows nothing)."""


@dataclass(frozen=True)
class Field:
    """One field of an entry: what the form asks, what the input model accepts, what the table
    shows."""

    name: str
    label: str
    kind: str = "text"
    """text | date | choice | bool | note (a note is long text in a text area)."""
    required: bool = False
    """Cannot be left blank (a choice: one must be picked; `default` is what the form offers)."""
    max_length: int | None = None
    """The longest text accepted (text and notes must have one)."""
    check: str | None = None
    """A format the text must have: phone, email or icd10."""
    choices: type[StrEnum] | None = None
    dates: str = "past"
    """past: 1900 to today (something that happened); plan: 1900 to five years ahead."""
    not_before: tuple[str, str] | None = None
    """(another date field, how a message names it): this date may not be earlier than it."""
    default: Any = None
    """The value when none is given (a yes/no field without one is no)."""
    placeholder: str = ""
    column: Column | None = None
    """How the field shows in the table; None: not shown there."""

    def __post_init__(self) -> None:
        problems = [
            self.kind not in KINDS and f"kind {self.kind!r} is not one of {sorted(KINDS)}",
            self.kind in ("text", "note") and not self.max_length and "text needs a max_length",
            self.check is not None and self.check not in CHECKS and f"no check {self.check!r}",
            (self.kind == "choice") != (self.choices is not None) and "choices go with a choice",
            self.dates not in DATE_RULES and f"no date rule {self.dates!r}",
            self.not_before is not None and self.kind != "date" and "not_before is for dates",
        ]
        if wrong := [p for p in problems if p]:
            raise ValueError(f"field {self.name!r}: " + "; ".join(wrong))

    @property
    def title(self) -> str:
        """The field's column heading."""
        return (self.column.title if self.column else None) or self.label


@dataclass(frozen=True)
class EntryFields:
    """What one kind of record entry holds (a condition, a medication, ...)."""

    noun: str
    """How a message names one entry: "care-team member"."""
    fields: tuple[Field, ...]
    ended_by: str | None = None
    """A date field that, once set, marks the entry as over (shown dimmed): `stopped_on`."""

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        after = {f.not_before[0] for f in self.fields if f.not_before}
        wrong = (len(set(names)) != len(names) or not after <= set(names)
                 or (self.ended_by is not None and self.ended_by not in names))
        if wrong:
            raise ValueError(f"the fields of {self.noun!r} name a field twice or one not there")

    @property
    def shown(self) -> tuple[Field, ...]:
        """The fields shown in the table, in order."""
        return tuple(f for f in self.fields if f.column is not None)


def phone(name: str = "phone", label: str = "Phone", **more: Any) -> Field:
    """A phone number, kept as typed once it looks like one."""
    return Field(name, label, max_length=PHONE_MAX, check="phone", **more)


def email(name: str = "email", label: str = "Email", **more: Any) -> Field:
    return Field(name, label, max_length=EMAIL_MAX, check="email", **more)


def note(name: str = "note", label: str = "Note", **more: Any) -> Field:
    return Field(name, label, "note", max_length=TEXT_MAX, **more)
