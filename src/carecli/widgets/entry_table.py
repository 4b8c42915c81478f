"""A table of one kind of record entry (conditions, medications, ...), every cell plain text."""

from collections.abc import Callable
from datetime import date
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from carecli.domain.enums import label
from carecli.plain import one_line


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def _yes(flag: bool, word: str = "yes") -> str:
    return word if flag else ""


Column = tuple[str, Callable[[Any], str]]

ENTRY_COLUMNS: dict[str, tuple[Column, ...]] = {
    "condition": (
        ("Condition", lambda c: c.name),
        ("ICD-10", lambda c: c.icd10_code or ""),
        ("Chronic", lambda c: _yes(c.chronic)),
        ("Onset", lambda c: _d(c.onset_on)),
        ("Status", lambda c: label(c.status)),
    ),
    "medication": (
        ("Medication", lambda m: m.name),
        ("Dose", lambda m: m.dose or ""),
        ("Route", lambda m: m.route or ""),
        ("Frequency", lambda m: m.frequency or ""),
        ("Prescriber", lambda m: m.prescriber or ""),
        ("Started", lambda m: _d(m.started_on)),
        ("Stopped", lambda m: _d(m.stopped_on)),
        ("Reconciled", lambda m: _d(m.last_reconciled_on)),
    ),
    "care_team": (
        ("Name", lambda t: t.name),
        ("Role", lambda t: t.role),
        ("Organisation", lambda t: t.organisation or ""),
        ("Phone", lambda t: t.phone or ""),
        ("Fax", lambda t: t.fax or ""),
        ("Email", lambda t: t.email or ""),
        ("Primary", lambda t: _yes(t.is_primary)),
    ),
    "personal_contact": (
        ("Name", lambda p: p.name),
        ("Relation", lambda p: p.relation),
        ("Phone", lambda p: p.phone or ""),
        ("Emergency", lambda p: _yes(p.is_emergency_contact)),
        ("Health info", lambda p: _yes(p.may_receive_health_info, "may receive")),
        ("Caregiver", lambda p: _yes(p.is_caregiver)),
        ("Note", lambda p: p.note or ""),
    ),
    "consent": (
        ("Consent to", lambda c: label(c.kind)),
        ("Given", lambda c: _d(c.given_on)),
        ("Method", lambda c: label(c.method)),
        ("Witnessed by", lambda c: c.witnessed_by or ""),
        ("Revoked", lambda c: _d(c.revoked_on)),
        ("Note", lambda c: c.note or ""),
    ),
}


class EntryTable(DataTable):
    """Rows keyed by entry id; `entries` keeps the plain objects shown."""

    BINDINGS = [
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]

    def __init__(self, kind: str, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.kind = kind
        self.entries: list[Any] = []

    def on_mount(self) -> None:
        for title, _ in ENTRY_COLUMNS[self.kind]:
            self.add_column(title)

    def show(self, entries: list[Any]) -> None:
        keep = self.cursor_row
        self.entries = entries
        self.clear()
        for entry in entries:
            cells = [Text(one_line(fn(entry))[:80]) for _, fn in ENTRY_COLUMNS[self.kind]]
            if getattr(entry, "revoked_on", None) or getattr(entry, "stopped_on", None):
                for cell in cells:
                    cell.stylize("dim")
            self.add_row(*cells, key=str(entry.id))
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
