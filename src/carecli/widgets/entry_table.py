"""A table of one kind of record entry (conditions, medications, ...), every cell plain text.

Its columns are the fields its declaration shows (`domain/entry_fields.py`)."""

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from carecli.domain.entry_fields import ENTRY_FIELDS
from carecli.domain.enums import label
from carecli.domain.fields import EntryFields, Field
from carecli.plain import cut, one_line


def cell(field: Field, entry: Any) -> str:
    """What the table shows of a shown `field` for `entry`: a date as YYYY-MM-DD, a choice by
    its label, a yes/no field by its column's word when true; blank for nothing."""
    value = getattr(entry, field.name)
    if field.kind == "bool":
        return field.column.yes if value else ""
    if value is None:
        return ""
    if field.kind == "date":
        return value.isoformat()
    if field.kind == "choice":
        return label(value)
    return str(value)


def row_cells(fields: EntryFields, entry: Any) -> list[Text]:
    """One row of the table: each shown field as plain text on one line, cut to its width, and
    dimmed when the entry is over (a revoked consent, a stopped medication)."""
    cells = [Text(cut(one_line(cell(f, entry)), f.column.width)) for f in fields.shown]
    if fields.ended_by and getattr(entry, fields.ended_by):
        for text in cells:
            text.stylize("dim")
    return cells


class EntryTable(DataTable):
    """Rows keyed by entry id; `entries` keeps the plain objects shown."""

    BINDINGS = [
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]

    def __init__(self, kind: str, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.kind = kind
        self.fields = ENTRY_FIELDS[kind]
        self.entries: list[Any] = []

    def on_mount(self) -> None:
        for field in self.fields.shown:
            self.add_column(field.title)

    def show(self, entries: list[Any]) -> None:
        keep = self.cursor_row
        self.entries = entries
        self.clear()
        for entry in entries:
            self.add_row(*row_cells(self.fields, entry), key=str(entry.id))
        if entries:
            self.move_cursor(row=min(keep, len(entries) - 1))

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=max(0, self.row_count - 1))

    @property
    def current(self) -> Any | None:
        if not self.entries or self.cursor_row < 0:
            return None
        return self.entries[min(self.cursor_row, len(self.entries) - 1)]
