"""The contact logger: one modal form to write down a call, visit or message with a client (or
an attempt), its minutes from the client's call timer, and the follow-up it sets. It is the
generic form (`screens/form.py`) with the fields of `contact_form.py`; the save is one
`log_contact` call in a worker, which also stops the timer it logged. Opened from the queue,
the record, the caseload, the palette and the timer's own key."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from textual.app import App

from carecli.contact_form import (
    FIELD_OF_ERROR,
    contact_values,
    logger_fields,
    people_choices,
    saved_message,
)
from carecli.domain.daily import LoggedContact, QueueItem
from carecli.plain import one_line
from carecli.screens.base import DataChanged, run_service_call
from carecli.screens.form import FormScreen


class ContactLogger(FormScreen):
    """Returns the `LoggedContact`, or None when cancelled."""

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
        record = view.record
        client = one_line(f"{record.client.given_name} {record.client.family_name}")
        timer = app.call_timer.state  # type: ignore[attr-defined]
        timer = timer if timer is not None and timer.client_id == client_id else None
        figure = timer.minutes(datetime.now(UTC)) if timer is not None else None
        people = people_choices(client, record.entries.get("personal_contact", ()),
                                record.entries.get("care_team", ()))
        title = f"Log a contact with {client}"
        if item is not None:
            title += f" — {item.reason}"
        defaults = {"outcome": "reached", "mode": "phone", "with_whom": people[0][1],
                    "minutes": "" if figure is None else str(figure)}

        def submit(form: dict[str, Any]) -> tuple[LoggedContact, dict[str, Any]]:
            values = contact_values(form, timer_id=timer and timer.id, timer_minutes=figure)
            return service.log_contact(client_id, values), values

        app.push_screen(ContactLogger(title=title, fields=logger_fields(people),
                                      values=defaults, submit=submit), saved)

    def saved(result: tuple[LoggedContact, dict[str, Any]] | None) -> None:
        if result is None:
            return
        logged, values = result
        app.notify(saved_message(values["outcome"], logged, values.get("follow_up")),
                   markup=False, timeout=8)
        app.post_message(DataChanged(client_id))
        if done is not None:
            done(logged)

    run_service_call(app, service.record, client_id, done=opened)
