"""Rows read so that a value another program stored and carecli cannot read (a date that is no
date, JSON that does not parse) comes back as None, named in the row's `unreadable`, instead of
stopping the read. Each column is read raw and converted by its own type's result processor,
so a readable value reads exactly as the ORM would read it."""

from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select, type_coerce
from sqlalchemy.types import NullType


def lenient_rows(session, model: Any, *where: Any,
                 order_by: Iterable[Any] = ()) -> list[SimpleNamespace]:
    """The rows of `model`'s table matching `where`, each a namespace of its columns plus
    `unreadable`: the names of the columns whose stored value could not be read (now None)."""
    session.flush()  # what this unit of work changed, read back as stored
    columns = list(model.__table__.columns)
    dialect = session.get_bind().dialect
    processors = [c.type.dialect_impl(dialect).result_processor(dialect, None)
                  for c in columns]
    statement = select(*(type_coerce(c, NullType()).label(c.name) for c in columns)).where(
        *where).order_by(*order_by)
    rows = []
    for raw in session.execute(statement):
        values: dict[str, Any] = {}
        unreadable = []
        for column, process, value in zip(columns, processors, raw, strict=True):
            try:
                values[column.name] = process(value) if process and value is not None else value
            except (ValueError, TypeError, OverflowError):
                values[column.name] = None
                unreadable.append(column.name)
        rows.append(SimpleNamespace(**values, unreadable=tuple(unreadable)))
    return rows
