"""How an instrument is described as data: items, answer options, and a scoring function.

The wizard, the record and later exports all read these definitions, so an instrument is
written once. `Instrument.check` validates a set of answers before scoring: unknown items,
missing required items and out-of-range answers raise `ValueError` naming the item.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

ItemKind = Literal["choice", "multi", "int", "bool", "text"]
TEXT_MAX = 4000


@dataclass(frozen=True)
class Option:
    """One answer: `code` is what is stored and scored, `label` what the person reads."""

    code: Any
    label: str


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    kind: ItemKind = "choice"
    options: tuple[Option, ...] = ()
    required: bool = True
    minimum: int | None = None
    maximum: int | None = None
    hint: str = ""

    def option(self, code: Any) -> Option | None:
        return next((o for o in self.options if o.code == code and type(o.code) is type(code)),
                    None)

    def check(self, value: Any) -> None:
        """Raise ValueError (naming this item) unless `value` is a valid answer."""
        if self.kind == "choice":
            if self.option(value) is None:
                codes = ", ".join(repr(o.code) for o in self.options)
                raise ValueError(f"item {self.id!r}: {value!r} is not one of {codes}")
        elif self.kind == "multi":
            if not isinstance(value, (list, tuple)) or any(self.option(v) is None for v in value):
                codes = ", ".join(repr(o.code) for o in self.options)
                raise ValueError(f"item {self.id!r}: expected a list of {codes}, got {value!r}")
            if len(set(value)) != len(value):
                raise ValueError(f"item {self.id!r}: an answer is listed twice")
        elif self.kind == "int":
            if type(value) is not int:
                raise ValueError(f"item {self.id!r}: {value!r} is not a whole number")
            if self.minimum is not None and value < self.minimum:
                raise ValueError(f"item {self.id!r}: {value} is below {self.minimum}")
            if self.maximum is not None and value > self.maximum:
                raise ValueError(f"item {self.id!r}: {value} is above {self.maximum}")
        elif self.kind == "bool":
            if type(value) is not bool:
                raise ValueError(f"item {self.id!r}: {value!r} is not true or false")
        elif self.kind == "text":
            if not isinstance(value, str) or (self.required and not value.strip()):
                raise ValueError(f"item {self.id!r}: an answer in words is needed")
            if len(value) > TEXT_MAX:
                raise ValueError(f"item {self.id!r}: longer than {TEXT_MAX} characters")


@dataclass(frozen=True)
class Score:
    total: int | None
    band: str | None
    positive: bool
    flags: frozenset[str] = frozenset()
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Instrument:
    id: str
    version: str
    title: str
    intro: str
    items: tuple[Item, ...]
    scorer: Callable[[Mapping[str, Any]], Score] = field(repr=False)
    total_range: tuple[int, int] | None = None
    """The smallest and largest possible total, when the instrument has one."""

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise ValueError(f"item {item_id!r}: not an item of {self.id}")

    def check(self, answers: Mapping[str, Any]) -> None:
        if not isinstance(answers, Mapping):
            raise ValueError(f"{self.id}: answers must be a mapping of item id to answer")
        known = {item.id for item in self.items}
        for item_id in answers:
            if item_id not in known:
                raise ValueError(f"item {item_id!r}: not an item of {self.id}")
        for item in self.items:
            if item.id not in answers or answers[item.id] is None:
                if item.required:
                    raise ValueError(f"item {item.id!r}: missing answer")
                continue
            item.check(answers[item.id])

    def score(self, answers: Mapping[str, Any]) -> Score:
        self.check(answers)
        return self.scorer(answers)
