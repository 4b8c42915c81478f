"""Sharing a care plan: one dialog to write a copy to a file (HTML to print, Markdown or FHIR;
a new private file, by default in the home folder) and/or to record that a copy was given
(on what day, how, to whom: the client, a listed family contact or a typed name). It is the
generic form with the share fields (a copy given to a family contact not cleared to receive
health information is recorded only after the care manager confirms it); the save runs in a
worker and is all or nothing: when recording the copy is refused, the file just written is
removed again."""

from pathlib import Path
from typing import Any

from textual import on
from textual.app import App
from textual.widgets import Button, Input, Select

from carecli.data.errors import InvalidInput
from carecli.domain.enums import CopyMethod
from carecli.domain.fields import NAME_MAX
from carecli.export import FORMAT_NAMES, FORMATS, export_plan
from carecli.export.files import default_path, write_export
from carecli.export.words import COPY_METHOD
from carecli.forms import DATE_HINT, FieldSpec
from carecli.plain import one_line
from carecli.screens.base import DataChanged, run_service_call
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.form import FormScreen

SOMEONE_ELSE = "\x00someone-else"
"""The "given to" choice that takes the typed name."""


def share_fields(people: tuple[tuple[str, str], ...]) -> tuple[FieldSpec, ...]:
    return (
        FieldSpec("format", "Write a copy as", "choice",
                  choices=tuple((name, key) for key, name in FORMAT_NAMES.items())),
        FieldSpec("path", "To the file", placeholder="a new file; blank: no file"),
        FieldSpec("record", "Record a copy given", "bool"),
        FieldSpec("given_on", "Given on", "date", placeholder=DATE_HINT),
        FieldSpec("method", "How", "choice",
                  choices=tuple((words, key.value) for key, words in COPY_METHOD.items())),
        FieldSpec("given_to", "Given to", "choice",
                  choices=people + (("Someone else (type the name below)", SOMEONE_ELSE),)),
        FieldSpec("other_name", "Their name", placeholder="when given to someone else",
                  max_length=NAME_MAX),
    )


class ShareForm(FormScreen):
    """The generic form; picking another format gives the file name that format's suffix, and
    recording a copy given to a family contact not cleared to receive health information asks
    first (the answer goes to the service, which keeps it in the audit)."""

    def __init__(self, *, uncleared: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        submit = kwargs.pop("submit")
        super().__init__(submit=lambda form: submit({**form, "anyway": self.anyway}), **kwargs)
        self.uncleared = uncleared
        self.anyway = False

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.prevent_default()  # not the generic form's save, which would not ask
        self.action_save()

    def action_save(self) -> None:
        values = self.values()
        name = _recipient(values)
        if self.saving or not values.get("record") or name.casefold() not in self.uncleared:
            self.anyway = False
            super().action_save()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.anyway = True
                super(ShareForm, self).action_save()

        self.app.push_screen(ConfirmScreen(
            f"{name} is not listed as allowed to receive health information. Record the copy "
            "anyway?"), answered)

    @on(Select.Changed, "#field-format")
    def _suffix_follows_format(self, event: Select.Changed) -> None:
        field = self.query_one("#field-path", Input)
        if event.value is Select.NULL or not field.value.strip():
            return
        path = Path(field.value)
        if path.suffix in FORMATS.values():
            field.value = str(path.with_suffix(FORMATS[str(event.value)]))


def share_plan(app: App, plan_id: int) -> None:
    """Open the share dialog for the plan version `plan_id`; after a save, say what was done
    and let every screen read again (`DataChanged`)."""
    service = app.service  # type: ignore[attr-defined]

    def load() -> tuple[Any, Any, Any]:
        plan = service.plan(plan_id)
        return (plan, service.record(plan.client_id).record,
                service.plan_standing(plan.client_id))

    def opened(loaded: tuple[Any, Any, Any]) -> None:
        plan, record, standing = loaded
        client = one_line(f"{record.client.given_name} {record.client.family_name}")
        contacts = record.entries.get("personal_contact", ())
        people = ((f"{client} (the client)", client),) + tuple(
            (_contact_label(p), one_line(p.name))
            for p in contacts)
        today = service.today()
        values = {"format": "html", "path": str(default_path(Path.home(), client, "html", today)),
                  "record": False, "given_on": today.isoformat(),
                  "method": CopyMethod.IN_PERSON.value, "given_to": client}

        def submit(form: dict[str, Any]) -> str:
            return _share(service, plan, record, standing, form)

        uncleared = frozenset(one_line(p.name).casefold() for p in contacts
                              if not p.may_receive_health_info)
        app.push_screen(ShareForm(title=f"Share the care plan of {client} (version "
                                        f"{plan.number})", fields=share_fields(people),
                                  values=values, submit=submit, uncleared=uncleared),
                        lambda said: _done(app, plan.client_id, said))

    run_service_call(app, load, done=opened)


def _recipient(form: dict[str, Any]) -> str:
    """Whom the copy is given to: the person picked, or the name typed for someone else."""
    given_to = form.get("given_to") or ""
    return one_line(form.get("other_name") if given_to == SOMEONE_ELSE else given_to)


def _contact_label(contact: Any) -> str:
    """A family contact as the "given to" list shows them, warning when the record does not
    say they may receive health information."""
    label = f"{contact.name} ({contact.relation})"
    if not contact.may_receive_health_info:
        label += ": not cleared to receive health information"
    return one_line(label)


def _done(app: App, client_id: int, said: str | None) -> None:
    if said:
        app.notify(said, markup=False, timeout=8)
        app.post_message(DataChanged(client_id))


def _share(service, plan, record, standing, form: dict[str, Any]) -> str:
    """Write the copy and/or record it given (in a worker); what was done, in a sentence."""
    fmt, path, recording = form.get("format"), (form.get("path") or "").strip(), form["record"]
    given_to = _recipient(form)
    errors = {}
    if not path and not recording:
        errors["path"] = "is needed, or tick Record a copy given."
    if path and not fmt:
        errors["format"] = "is needed to write the file."
    if recording and not given_to:
        errors["other_name" if form.get("given_to") == SOMEONE_ELSE else "given_to"] = \
            "is needed to record a copy."
    if errors:
        raise InvalidInput(errors)
    said = []
    written = None
    if path:
        written = write_export(Path(path), export_plan(fmt, plan, record, standing))
        said.append(f"Wrote the care plan to {written}.")
    if recording:
        try:
            service.record_copy(plan.id, {"given_on": form.get("given_on"),
                                          "method": form.get("method"), "given_to": given_to,
                                          "format": fmt if written else None,
                                          "anyway": bool(form.get("anyway"))})
        except Exception:
            if written is not None:
                written.unlink(missing_ok=True)  # all or nothing: ours, just written
            raise
        how = COPY_METHOD[CopyMethod(form.get("method"))].lower()
        said.append(f"Recorded a copy given to {given_to} on "
                    f"{str(form.get('given_on')).strip()} ({how}).")
    return " ".join(said)
