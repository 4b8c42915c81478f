"""Shown on an empty database: load the demo caseload, or add the first client."""

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Center, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from carecli.actions import bindings_for, button
from carecli.screens.base import DataChanged, run_service_call

WELCOME = (
    "Your caseload is empty. Try the app on a realistic demo caseload of 60 made-up clients, "
    "or start with your first real client. Everything is stored on this computer only."
)


class WelcomeScreen(ModalScreen[str]):
    """Returns "demo", "new" or "quit"."""

    BINDINGS = bindings_for("welcome")

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="welcome-dialog"):
            yield Static(Text("Welcome to carecli", "bold"), id="welcome-title")
            yield Static(Text(WELCOME), id="welcome-text")
            yield Button(button("welcome.demo"), variant="primary", id="welcome-demo")
            yield Button(button("welcome.new"), id="welcome-new")
            yield Button(button("welcome.quit"), id="welcome-quit")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#welcome-demo").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("welcome-"))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


def offer_welcome(app: App) -> None:
    """An empty database: offer the demo caseload (then every screen reads it) or a first
    client; or quit."""

    def chosen(choice: str | None) -> None:
        if choice == "demo":
            app.notify("Building the demo caseload…")
            run_service_call(app, app.service.load_demo,  # type: ignore[attr-defined]
                             done=lambda _: app.post_message(DataChanged()))
        elif choice == "new":
            app.call_later(app.run_action, "app.new_client")
        else:
            app.exit()

    app.push_screen(WelcomeScreen(), chosen)
