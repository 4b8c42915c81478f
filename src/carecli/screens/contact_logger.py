"""The contact logger: one modal form to write down a call, visit or message with a client (or
an attempt), its minutes from the client's call timer, and the follow-up it sets. It is the
generic form (`screens/form.py`) with the fields of `contact_form.py`; the save is one
`log_contact` call in a worker, which also stops the timer it logged. Opened from the queue,
the record, the caseload, the palette and the timer's own key."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from rich.text import Text
from textual import on
from textual.app import App
from textual.widgets import Select, Static

from carecli.contact_form import (
    FIELD_OF_ERROR,
    contact_values,
    correction_fields,
    correction_values,
    entry_form,
    logger_fields,
    party_hint,
    people_choices,
    saved_message,
)
from carecli.domain.daily import (
    ContactEntry,
    CorrectionEntry,
    LoggedContact,
    MonthMinutes,
    QueueItem,
)
from carecli.domain.enums import label
from carecli.plain import one_line, plain
from carecli.screens.base import DataChanged, run_service_call
from carecli.screens.detail import DetailScreen
from carecli.screens.form import FormScreen
from carecli.widgets.contacts_tab import month_name, when


class ContactLogger(FormScreen):
    """The generic form with the logger's fields; a refusal naming a value the form does not
    show as such (the timer's figure, who-kind) goes beside the field it comes from. A line
    under "with whom" says when the contact is coordination with the care team."""

    DEFAULT_CSS = """
    ContactLogger #with-whom-hint { height: auto; margin: 0 1 0 33; color: $text-muted; }
    """

    def on_mount(self) -> None:
        super().on_mount()
        hint = Static("", id="with-whom-hint", markup=False)
        self.query_one("#error-with_whom").parent.mount(hint, after="#error-with_whom")
        self._show_party(hint, self.initial.get("with_whom"))

    @on(Select.Changed, "#field-with_whom")
    def _say_party(self, event: Select.Changed) -> None:
        for hint in self.query("#with-whom-hint").results(Static):
            self._show_party(hint, None if event.value is Select.NULL else event.value)

    @staticmethod
    def _show_party(hint: Static, with_whom: Any) -> None:
        text = party_hint(with_whom)
        hint.update(text)
        hint.display = bool(text)

    def _show_errors(self, errors: dict[str, str]) -> None:
        placed: dict[str, str] = {}
        for key, text in errors.items():
            key = FIELD_OF_ERROR.get(key, key)
            placed[key] = f"{placed[key]}; {text}" if key in placed else text
        super()._show_errors(placed)


def log_contact(app: App, client_id: int, *, item: QueueItem | None = None,
                done: Callable[[LoggedContact], Any] | None = None) -> None:
    """Push the contact logger for the client, its minutes from their timer when one runs;
    `item` is the queue item it was opened from (its reason heads the form); `done` gets the
    `LoggedContact` after the save. Every screen reads again (`DataChanged`)."""
    if any(isinstance(screen, ContactLogger) for screen in app.screen_stack):
        app.notify("A contact is being logged already: save or cancel it first.",
                   markup=False)
        return
    service = app.service  # type: ignore[attr-defined]

    def opened(view: Any) -> None:
        client, people = _people(view)
        timer = app.call_timer.state  # type: ignore[attr-defined]
        timer = timer if timer is not None and timer.client_id == client_id else None
        figure = timer.minutes(datetime.now(UTC)) if timer is not None else None
        title = f"Log a contact with {client}"
        if item is not None:
            title += f" — {item.reason}"
        defaults = {"outcome": "reached", "mode": "phone", "with_whom": people[0][1],
                    "minutes": "" if figure is None else str(figure)}

        def submit(form: dict[str, Any]) -> tuple[LoggedContact, dict[str, Any], str | None]:
            from carecli.screens.stays import tcm_contact_after

            values = contact_values(form, timer_id=timer.id if timer else None,
                                    timer_minutes=figure)
            logged = service.log_contact(client_id, values,
                                         answers=None if item is None else item.key)
            return logged, values, tcm_contact_after(service, client_id, logged)

        app.push_screen(ContactLogger(title=title, fields=logger_fields(people),
                                      values=defaults, submit=submit), saved)

    def saved(result: tuple[LoggedContact, dict[str, Any], str | None] | None) -> None:
        if result is None:
            return
        logged, values, tcm_contact = result
        app.notify(saved_message(values["outcome"], logged, values.get("follow_up"),
                                 tcm_contact), markup=False, timeout=8)
        app.post_message(DataChanged(client_id))
        if done is not None:
            done(logged)

    run_service_call(app, service.record, client_id, done=opened)


def correct_contact(app: App, client_id: int, entry: ContactEntry) -> None:
    """The logger opened on a logged contact, to correct it with a reason (what it replaces
    is kept); refused when the contact changed elsewhere since it was listed."""
    service = app.service  # type: ignore[attr-defined]

    def opened(view: Any) -> None:
        client, people = _people(view)
        initial = entry_form(entry, people)

        def submit(form: dict[str, Any]) -> None:
            service.correct_contact(entry.id, entry.version, correction_values(form, initial),
                                    form.get("reason") or "")

        app.push_screen(
            ContactLogger(title=f"Correct the contact of {when(entry)} with {client}",
                          fields=correction_fields(people), values=initial, submit=submit),
            corrected)

    def corrected(result: Any) -> None:
        if result is not None:
            app.notify("Contact corrected; what it replaced is kept with the reason.",
                       markup=False)
            app.post_message(DataChanged(client_id))

    run_service_call(app, service.record, client_id, done=opened)


def show_contact(app: App, entry: ContactEntry) -> None:
    """One contact in full: who, the whole note, topics, education, and each correction with
    its reason and the values it replaced."""
    if not entry.corrections:
        app.push_screen(DetailScreen(*contact_detail(entry, ())))
        return
    run_service_call(app, app.service.contact_corrections, entry.id,  # type: ignore[attr-defined]
                     done=lambda found: app.push_screen(DetailScreen(*contact_detail(entry,
                                                                                     found))))


def contact_detail(entry: ContactEntry, corrections: tuple[CorrectionEntry, ...]
                   ) -> tuple[Text, list[tuple[int, Text]]]:
    heading = Text(f"{when(entry)}  {label(entry.outcome)} · {label(entry.mode)}"
                   f"  ({entry.minutes} min)", "bold")
    blocks: list[tuple[int, Text]] = []
    if entry.with_whom:
        who = plain(f"With {one_line(entry.with_whom)}")
        who.append(f" ({label(entry.with_whom_kind).lower()})" if entry.with_whom_kind else "")
        blocks.append((0, who))
    if entry.timer_minutes is not None:
        blocks.append((0, Text(f"Minutes typed by hand; the call timer said "
                               f"{entry.timer_minutes}.", "dim")))
    blocks.append((0, plain(entry.note or "No note.")))
    for title, items in (("Topics discussed", entry.topics),
                         ("Education given", entry.education)):
        if items:
            blocks.append((0, Text(title, "bold")))
            blocks.append((1, plain(", ".join(items))))
    for fix in corrections:
        line = Text(f"Corrected {fix.corrected_at.astimezone():%Y-%m-%d %H:%M}: ", "bold")
        line.append_text(plain(fix.reason))
        blocks.append((0, line))
        was = "; ".join(f"{label(name).lower()} {_shown(name, value)}"
                        for name, value in fix.before)
        blocks.append((1, plain(f"It was: {was}", "dim")))
    return heading, blocks


def _shown(name: str, value: object) -> str:
    if value is None or value == ():
        return "(none)"
    if name == "occurred_at":
        return f"{datetime.fromisoformat(str(value)).astimezone():%Y-%m-%d %H:%M}"
    if isinstance(value, tuple):
        return ", ".join(one_line(v) for v in value)
    return one_line(label(value) if name in ("mode", "outcome", "with_whom_kind") else value)


def toggle_complex(app: App, client_id: int, month: MonthMinutes) -> None:
    """Mark the client's month complex CCM, or unmark it."""
    marked = not month.complex

    def done(_result: None) -> None:
        app.notify(f"{month_name(month.month)} "
                   + ("marked complex CCM." if marked else "no longer marked complex."),
                   markup=False)
        app.post_message(DataChanged(client_id))

    run_service_call(app, app.service.mark_complex, client_id,  # type: ignore[attr-defined]
                     month.month, marked, done=done)


def _people(view: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The client's name and who a contact may be with, from their record."""
    record = view.record
    client = one_line(f"{record.client.given_name} {record.client.family_name}")
    return client, people_choices(client, record.entries.get("personal_contact", ()),
                                  record.entries.get("care_team", ()))
