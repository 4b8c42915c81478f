"""The record's Contacts tab: this month's minutes and the billing codes they reach above every
contact of the client, newest first (when, mode, outcome, with whom, minutes, the note's first
line)."""

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from carecli.actions import fill
from carecli.domain.daily import ContactEntry, MonthMinutes
from carecli.domain.enums import label
from carecli.plain import one_line, plain

NOTE_WIDTH = 60
WHO_WIDTH = 18


def month_name(month: str) -> str:
    """`2026-11` as "November"."""
    return f"{date.fromisoformat(month + '-01'):%B}"


def month_line(month: MonthMinutes) -> Text:
    """"November: 34 min — 99490 · complex: no (c toggles)"."""
    text = Text(f"{month_name(month.month)}: {month.minutes} min", "bold")
    if month.codes:
        text.append(" — " + ", ".join(month.codes))
    elif month.eligible:
        text.append(" — no code yet (99490 at 20 min)")
    else:
        text.append(" — not CCM eligible")
    text.append(f" · complex: {'yes' if month.complex else 'no'} ")
    text.append(fill("({record.complex} toggles)"), "dim")
    return text


def when(entry: ContactEntry) -> str:
    return f"{entry.occurred_at.astimezone():%Y-%m-%d %H:%M}"


def first_line(note: str | None) -> str:
    lines = [line for line in (note or "").splitlines() if line.strip()]
    return one_line(lines[0])[:NOTE_WIDTH] if lines else ""


class ContactsPane(Vertical):
    """`show()` fills it; `current` is the highlighted contact."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entries: tuple[ContactEntry, ...] = ()
        self.month: MonthMinutes | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="contacts-month")
        yield DataTable(id="contacts-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.table.add_columns("When", "Mode", "Outcome", "With", "Min", "Note")

    @property
    def table(self) -> DataTable:
        return self.query_one("#contacts-table", DataTable)

    @property
    def current(self) -> ContactEntry | None:
        row = self.table.cursor_row
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def show_month(self, month: MonthMinutes) -> None:
        self.month = month
        self.query_one("#contacts-month", Static).update(month_line(month))

    def show(self, entries: tuple[ContactEntry, ...]) -> None:
        table = self.table
        row = table.cursor_row
        self.entries = entries
        table.clear()
        for entry in entries:
            outcome = Text(label(entry.outcome), "yellow" if entry.successful is False else "")
            if entry.successful is None:
                outcome.append(" (team)", "dim")
            if entry.corrections:
                outcome.append(" ✎", "dim")
            who = one_line(entry.with_whom or label(entry.with_whom_kind))
            table.add_row(when(entry), label(entry.mode), outcome, plain(who[:WHO_WIDTH]),
                          str(entry.minutes), plain(first_line(entry.note)))
        if entries:
            table.move_cursor(row=min(max(row, 0), len(entries) - 1))
