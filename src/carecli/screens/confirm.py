"""A yes/no question in a modal, answered by key or button."""

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from carecli.actions import bindings_for, button
from carecli.plain import plain


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = bindings_for("confirm")

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(plain(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(button("confirm.yes"), variant="error", id="confirm-yes")
                yield Button(button("confirm.no"), id="confirm-no")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#confirm-no").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
