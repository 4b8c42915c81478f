"""Frozen plain copies of what the data layer reads, so that nothing a screen holds can lazy-load
from a closed session or be changed in place (elia's converters).

An ORM row becomes an instance of a frozen dataclass made once per table from its SQLModel
fields; lists become tuples, sets frozensets and dicts read-only mappings, all the way down.
"""

from dataclasses import fields, is_dataclass, make_dataclass
from functools import cache
from types import MappingProxyType
from typing import Any


def freeze(value: Any) -> Any:
    """`value` with every ORM row, list, set and dict in it replaced by a frozen copy."""
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(value)
    if isinstance(value, (dict, MappingProxyType)):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if is_dataclass(value) and not isinstance(value, type):
        if not type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
            raise TypeError(f"{type(value).__name__} is not a frozen dataclass")
        return type(value)(**{f.name: freeze(getattr(value, f.name))
                              for f in fields(value) if f.init})
    table = getattr(type(value), "__table__", None)
    if table is not None and hasattr(type(value), "model_fields"):
        frozen = frozen_type(type(value))
        return frozen(**{name: freeze(getattr(value, name)) for name in type(value).model_fields})
    return value  # dates, datetimes, enums and other immutable values


@cache
def frozen_type(table: type) -> type:
    """The frozen dataclass standing for rows of `table` (same name, same fields)."""
    return make_dataclass(table.__name__, [(name, Any) for name in table.model_fields],
                          frozen=True, slots=True)

