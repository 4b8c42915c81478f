"""Opening the right form for each change (client, entries, status) and saving through the
data layer. Screens call these; `done` runs after a successful save.

A form opens on the row as it is now and saves against the version it opened on, so a change
made meanwhile in another window is refused (the form keeps the text) instead of undone."""

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from textual.app import App

from carecli.data import clients, entries
from carecli.data.errors import CareDataError, ChangedElsewhere, DatabaseReplaced
from carecli.domain.enums import label
from carecli.forms import CLIENT_FORM, ENTRY_FORMS, STATUS_FORM
from carecli.plain import one_line
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.form import FormScreen

STATUS_TITLES = {
    "on_hold": "Put {name} on hold",
    "discharged": "Discharge {name} from care management",
    "active": "Reactivate {name}",
}


def reported(action: Callable[..., None]) -> Callable[..., None]:
    """Show a data-layer error (say, a client removed in another window) as a message."""

    @wraps(action)
    def run(app: App, *args: Any) -> None:
        try:
            action(app, *args)
        except CareDataError as exc:
            report(app, exc)

    return run


def report(app: App, error: CareDataError) -> None:
    """A refused change in one sentence; a replaced database also takes the app back to the
    caseload, reloaded."""
    if isinstance(error, DatabaseReplaced):
        app.database_replaced(str(error))
    else:
        app.notify(str(error), severity="error", markup=False)


def _after(app: App, done: Callable[..., Any], message: str) -> Callable[[Any], None]:
    def callback(result: Any) -> None:
        if result is not None:
            app.notify(message, markup=False)
            app.refresh_caseload()
            done(result)

    return callback


def new_client(app: App, done: Callable[[int], Any]) -> None:
    defaults = {"enrolled_on": app.today(), "risk_tier": "moderate", "language": "English",
                "sex": "unknown"}
    app.push_screen(
        FormScreen(
            title="New client", fields=CLIENT_FORM, values=defaults,
            submit=lambda values: clients.create_client(db=app.db, values=values),
        ),
        _after(app, done, "Client added."),
    )


@reported
def edit_client(app: App, client_id: int, done: Callable[..., Any]) -> None:
    client = clients.get_client(db=app.db, client_id=client_id)
    app.push_screen(
        FormScreen(
            title=f"Edit {one_line(client.given_name)} {one_line(client.family_name)}",
            fields=CLIENT_FORM, values=clients.client_values(client),
            submit=lambda values: clients.update_client(
                db=app.db, client_id=client_id, version=client.version, values=values
            ),
        ),
        _after(app, done, "Client details saved."),
    )


@reported
def edit_entry(app: App, client_id: int, kind: str, entry: Any | None,
               done: Callable[..., Any]) -> None:
    noun = entries.ENTRY_KINDS[kind].noun
    if entry is None:
        title, values = f"Add {noun}", _entry_defaults(kind, app.today())
        submit = lambda v: entries.add_entry(db=app.db, kind=kind, client_id=client_id, values=v)  # noqa: E731
    else:
        entry = entries.get_entry(db=app.db, kind=kind, entry_id=entry.id)
        title, values = f"Edit {noun}", entries.entry_values(kind, entry)
        submit = lambda v: entries.update_entry(  # noqa: E731
            db=app.db, kind=kind, entry_id=entry.id, version=entry.version, values=v
        )
    app.push_screen(
        FormScreen(title=title, fields=ENTRY_FORMS[kind], values=values, submit=submit),
        _after(app, done, f"{noun.capitalize()} saved."),
    )


def _entry_defaults(kind: str, today: date) -> dict[str, Any]:
    if kind == "consent":
        return {"given_on": today, "kind": "care_management", "method": "verbal"}
    if kind == "condition":
        return {"chronic": True, "status": "active"}
    return {}


def remove_entry(app: App, kind: str, entry: Any, done: Callable[..., Any]) -> None:
    noun = entries.ENTRY_KINDS[kind].noun
    name = one_line(getattr(entry, "name", None) or label(getattr(entry, "kind", "")))

    def confirmed(yes: bool | None) -> None:
        if yes:
            try:
                entries.remove_entry(
                    db=app.db, kind=kind, entry_id=entry.id, version=entry.version
                )
            except CareDataError as exc:
                report(app, exc)
                if isinstance(exc, ChangedElsewhere):
                    done()  # show the entry as it is now
                return
            app.notify(f"{noun.capitalize()} removed.", markup=False)
            app.refresh_caseload()
            done()

    app.push_screen(ConfirmScreen(f"Remove the {noun} “{name}”? This cannot be undone."), confirmed)


@reported
def change_status(app: App, client_id: int, to_status: str, done: Callable[..., Any]) -> None:
    client = clients.get_client(db=app.db, client_id=client_id)
    name = f"{one_line(client.given_name)} {one_line(client.family_name)}"
    fields = STATUS_FORM
    if to_status == "active":
        fields = tuple(f if f.key != "reason" else _optional(f) for f in STATUS_FORM)
    app.push_screen(
        FormScreen(
            title=STATUS_TITLES[to_status].format(name=name), fields=fields,
            values={"effective_on": app.today()},
            submit=lambda v: clients.change_status(
                db=app.db, client_id=client_id, version=client.version,
                values={**v, "to_status": to_status},
            ),
        ),
        _after(app, done, f"{name} is now {label(to_status).lower()}; their history is kept."),
    )


def _optional(spec):
    from dataclasses import replace

    return replace(spec, required=False)
