"""A generic modal form built from `FieldSpec`s: validates through the data service, shows each
error beside its field, and saves in one transaction or not at all, in a worker (the screen
never waits on the database). A refused save (say, the row changed in another window) leaves
the form open with everything typed."""

from collections.abc import Callable
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from carecli.actions import bindings_for, button
from carecli.data.errors import CareDataError, ChangedElsewhere, InvalidInput, NotFound
from carecli.forms import FieldSpec
from carecli.plain import clean, one_line, plain
from carecli.screens.base import CareModal, DataChanged
from carecli.screens.confirm import ConfirmScreen


class FormScreen(CareModal):
    """Returns whatever `submit` returned (True for None), or None when cancelled. `submit`
    (a data-service call) runs in a worker."""

    BINDINGS = bindings_for("form")

    def __init__(
        self,
        *,
        title: str,
        fields: tuple[FieldSpec, ...],
        values: dict[str, Any] | None = None,
        submit: Callable[[dict[str, Any]], Any],
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = fields
        self.initial = values or {}
        self.submit = submit
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog"):
            yield Static(plain(one_line(self.form_title), "bold"), id="form-title")
            with VerticalScroll(id="form-body"):
                for spec in self.fields:
                    yield from self._field(spec)
            yield Static("", id="form-message")
            with Horizontal(id="form-buttons"):
                yield Button(button("form.save"), variant="primary", id="form-save")
                yield Button(button("form.cancel"), id="form-cancel")
        yield Footer()

    def _field(self, spec: FieldSpec) -> ComposeResult:
        value = self.initial.get(spec.key)
        wid = f"field-{spec.key}"
        with Horizontal(classes="form-row"):
            yield Label(spec.label + (" *" if spec.required else ""), classes="form-label")
            if spec.kind == "bool":
                yield Checkbox(_yes_no(bool(value)), bool(value), id=wid, compact=True)
            elif spec.kind == "choice":
                yield Select(
                    spec.choices, value=_choice_value(value, spec), id=wid, prompt="(none)",
                    allow_blank=not spec.required, compact=True,
                )
            elif spec.kind == "ticks":
                yield SelectionList(*((name, v, v in (value or ())) for name, v in spec.choices),
                                    id=wid, classes="form-ticks", compact=True)
            elif spec.kind == "note":
                yield TextArea(clean(value), id=wid, classes="form-note", compact=True)
            else:
                hint = spec.placeholder or ("required" if spec.required else "optional")
                yield Input(_as_text(value), placeholder=hint, id=wid, compact=True)
        yield Static("", id=f"error-{spec.key}", classes="form-error")

    def on_mount(self) -> None:
        self.query_one(f"#field-{self.fields[0].key}").focus()
        self.untouched = self.values()

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.key}")
            if isinstance(widget, Checkbox):
                result[spec.key] = widget.value
            elif isinstance(widget, Select):
                result[spec.key] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, TextArea):
                result[spec.key] = widget.text
            elif isinstance(widget, SelectionList):
                result[spec.key] = list(widget.selected)
            else:
                result[spec.key] = widget.value
        return result

    @on(Checkbox.Changed)
    def _say_yes_or_no(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = _yes_no(event.value)

    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        if self.saving:
            return  # one save at a time
        for error in self.query(".form-error").results(Static):
            error.update("")
            error.remove_class("-shown")
        self.query_one("#form-message", Static).update("")
        self.saving = True
        self.call_service(self.submit, self.values(), done=self._saved, refused=self._refused)

    def _saved(self, result: Any) -> None:
        """Saved: close the form. A dialog opened over it while the save was under way (the
        quit or discard question, help) is closed first, unanswered: what it asked about is
        saved. (`dismiss` closes the screen on top, whichever it is.)"""
        self.saving = False
        while self.app.screen is not self and self in self.app.screen_stack:
            self.app.screen.dismiss(None)
        self.dismiss(result if result is not None else True)

    def _refused(self, error: CareDataError) -> None:
        """Nothing was saved: the form stays open with everything typed. When the row was
        changed or removed in another window, the screens behind read it again meanwhile."""
        self.saving = False
        if isinstance(error, InvalidInput):
            self._show_errors(error.errors)
            return
        self.query_one("#form-message", Static).update(plain(str(error), "bold red"))
        if isinstance(error, (ChangedElsewhere, NotFound)):
            self.app.post_message(DataChanged())

    def _show_errors(self, errors: dict[str, str]) -> None:
        first: Widget | None = None
        known = {spec.key: spec for spec in self.fields}
        unplaced = []
        for key, text in errors.items():
            if key in known:
                error = self.query_one(f"#error-{key}", Static)
                error.update(plain(f"{known[key].label} {text}", "red"))
                error.add_class("-shown")
                first = first or self.query_one(f"#field-{key}")
            else:
                unplaced.append(text)
        count = len(errors)
        summary = f"Please fix {count} field{'s' if count > 1 else ''} marked in red."
        if unplaced:
            summary += " " + " ".join(unplaced)
        self.query_one("#form-message", Static).update(plain(summary, "bold red"))
        if first is not None:
            first.focus()
            first.scroll_visible()

    def holds_typing(self) -> bool:
        """True when a field differs from what the form opened with."""
        return self.is_mounted and self.values() != self.untouched

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        """Close; when something was typed, ask first so a stray escape loses nothing. Not
        while a save is under way: the form closes when it is done, or shows why it was not."""
        if self.saving:
            self.notify("Saving… the form closes when it is saved.", markup=False)
            return
        if not self.holds_typing():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard what you typed in this form?"), answered)


QUIT_QUESTION = "Discard what you typed and quit?"


def typing_would_be_lost(screens: list[Screen]) -> bool:
    """True when quitting now would throw away text typed into an open form or into the
    safety screen's note (neither is stored until it is submitted)."""
    from carecli.screens.safety import SafetyScreen

    for screen in screens:
        if isinstance(screen, FormScreen) and screen.holds_typing():
            return True
        if isinstance(screen, SafetyScreen) and screen.query_one(TextArea).text.strip():
            return True
    return False


def _yes_no(value: bool) -> str:
    """A checkbox's label says its state in words, not only in colour."""
    return "yes" if value else "no"


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return clean(value)


def _choice_value(value: Any, spec: FieldSpec) -> Any:
    allowed = {v for _, v in spec.choices}
    value = getattr(value, "value", value)
    if value in allowed:
        return value
    return spec.choices[0][1] if spec.required and spec.choices else Select.NULL
