"""Opening the right form for each change (client, entries, status) and saving through the
data service. Each form opens on the row as read in a worker, saves in a worker, and then
announces the change (`DataChanged`): the caseload and the open record read again.

A form opens on the row as it is now and saves against the version it opened on, so a change
made meanwhile in another window is refused (the form keeps the text) instead of undone."""

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.app import App

from carecli.data.entries import ENTRY_KINDS
from carecli.data.errors import ChangedElsewhere
from carecli.domain.enums import label
from carecli.forms import CLIENT_FORM, ENTRY_FORMS, STATUS_FORM
from carecli.plain import one_line
from carecli.screens.base import DataChanged, run_service_call
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.form import FormScreen

STATUS_TITLES = {
    "on_hold": "Put {name} on hold",
    "discharged": "Discharge {name} from care management",
    "active": "Reactivate {name}",
}


def _after(app: App, client_id: int | None, message: str,
           then: Callable[[Any], Any] | None = None) -> Callable[[Any], None]:
    """When the form was saved: say so, and let the caseload and the record read again."""

    def callback(result: Any) -> None:
        if result is not None:
            app.notify(message, markup=False)
            app.post_message(DataChanged(client_id))
            if then is not None:
                then(result)

    return callback


def new_client(app: App, done: Callable[[int], Any]) -> None:
    """The new-client form; `done` gets the new client's id."""
    defaults = {"enrolled_on": app.service.today(), "risk_tier": "moderate",
                "language": "English", "sex": "unknown"}
    app.push_screen(
        FormScreen(title="New client", fields=CLIENT_FORM, values=defaults,
                   submit=app.service.create_client),
        _after(app, None, "Client added.", done),
    )


def edit_client(app: App, client_id: int) -> None:
    def opened(found: tuple[Any, Any]) -> None:
        client, values = found
        app.push_screen(
            FormScreen(
                title=f"Edit {one_line(client.given_name)} {one_line(client.family_name)}",
                fields=CLIENT_FORM, values=values,
                submit=lambda v: app.service.update_client(client_id, client.version, v),
            ),
            _after(app, client_id, "Client details saved."),
        )

    run_service_call(app, app.service.client_values, client_id, done=opened)


def edit_entry(app: App, client_id: int, kind: str, entry: Any | None) -> None:
    """The form to add an entry (`entry` None) or edit one, opened on the entry as stored now."""
    noun = ENTRY_KINDS[kind].noun

    def open_form(title: str, values: Any, submit: Callable[[dict[str, Any]], Any]) -> None:
        app.push_screen(
            FormScreen(title=title, fields=ENTRY_FORMS[kind], values=values, submit=submit),
            _after(app, client_id, f"{noun.capitalize()} saved."),
        )

    if entry is None:
        open_form(f"Add {noun}", _entry_defaults(kind, app.service.today()),
                  lambda v: app.service.add_entry(kind, client_id, v))
        return

    def opened(found: tuple[Any, Any]) -> None:
        row, values = found
        open_form(f"Edit {noun}", values,
                  lambda v: app.service.update_entry(kind, row.id, row.version, v))

    run_service_call(app, app.service.entry_values, kind, entry.id, done=opened)


def _entry_defaults(kind: str, today: date) -> dict[str, Any]:
    if kind == "consent":
        return {"given_on": today, "kind": "care_management", "method": "verbal"}
    if kind == "condition":
        return {"chronic": True, "status": "active"}
    return {}


def remove_entry(app: App, client_id: int, kind: str, entry: Any) -> None:
    noun = ENTRY_KINDS[kind].noun
    name = one_line(getattr(entry, "name", None) or label(getattr(entry, "kind", "")))

    def removed(_result: None) -> None:
        app.notify(f"{noun.capitalize()} removed.", markup=False)
        app.post_message(DataChanged(client_id))

    def refused(error: Exception) -> None:
        app.notify(str(error), severity="error", markup=False)
        if isinstance(error, ChangedElsewhere):
            app.post_message(DataChanged(client_id))  # show the entry as it is now

    def confirmed(yes: bool | None) -> None:
        if yes:
            run_service_call(app, app.service.remove_entry, kind, entry.id, entry.version,
                             done=removed, refused=refused)

    app.push_screen(ConfirmScreen(f"Remove the {noun} “{name}”? This cannot be undone."), confirmed)


def change_status(app: App, client_id: int, to_status: str) -> None:
    def opened(client: Any) -> None:
        name = f"{one_line(client.given_name)} {one_line(client.family_name)}"
        fields = STATUS_FORM
        if to_status == "active":
            fields = tuple(f if f.key != "reason" else _optional(f) for f in STATUS_FORM)
        app.push_screen(
            FormScreen(
                title=STATUS_TITLES[to_status].format(name=name), fields=fields,
                values={"effective_on": app.service.today()},
                submit=lambda v: app.service.change_status(
                    client_id, client.version, {**v, "to_status": to_status}),
            ),
            _after(app, client_id,
                   f"{name} is now {label(to_status).lower()}; their history is kept."),
        )

    run_service_call(app, app.service.client, client_id, done=opened)


def _optional(spec):
    from dataclasses import replace

    return replace(spec, required=False)
