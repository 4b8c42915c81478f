"""Shown on an empty database: load the demo caseload, or add the first client."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

WELCOME = (
    "Your caseload is empty. Try the app on a realistic demo caseload of 60 made-up clients, "
    "or start with your first real client. Everything is stored on this computer only."
)


class WelcomeScreen(ModalScreen[str]):
    """Returns "demo", "new" or "quit"."""

    BINDINGS = [
        Binding("d", "choose('demo')", "Load demo caseload", id="welcome.demo"),
        Binding("n", "choose('new')", "Add first client", id="welcome.new"),
        Binding("q", "choose('quit')", "Quit", id="welcome.quit"),
    ]

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="welcome-dialog"):
            yield Static(Text("Welcome to carecli", "bold"), id="welcome-title")
            yield Static(Text(WELCOME), id="welcome-text")
            yield Button("Load the demo caseload  d", variant="primary", id="welcome-demo")
            yield Button("Add my first client  n", id="welcome-new")
            yield Button("Quit  q", id="welcome-quit")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#welcome-demo").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("welcome-"))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
