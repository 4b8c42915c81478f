"""The safety screen: raised the moment an answer shows risk of harm, and not dismissed
without a note of what the care manager did."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static, TextArea

from carecli.actions import bindings_for, button
from carecli.plain import plain

GUIDANCE = {
    "suicidal_ideation": (
        "Thoughts of death or self-harm (PHQ-9 item 9)",
        "Stay with the client. Ask directly about thoughts, plan, means and timing. If there is "
        "a plan or immediate danger, call 911 or your local emergency number and stay on the "
        "line. Otherwise connect them with the 988 Suicide & Crisis Lifeline (call or text "
        "988), tell their primary care provider today, and follow your agency's protocol.",
    ),
    "physical_harm": (
        "Someone is physically hurting the client (social needs item 7)",
        "Ask if they are safe right now and whether the person is nearby. If in danger, call "
        "911. Offer the National Domestic Violence Hotline (1-800-799-7233, text START to "
        "88788) or Adult Protective Services, and follow your mandated-reporting duties.",
    ),
    "safety": (
        "Interpersonal safety screen positive (social needs items 7-10 total 11 or more)",
        "Ask privately about safety at home and whether they have somewhere safe to go. Offer "
        "the National Domestic Violence Hotline (1-800-799-7233) or Adult Protective Services, "
        "and follow your mandated-reporting duties.",
    ),
}


class SafetyScreen(ModalScreen[str]):
    """Returns the note of the action taken (required)."""

    BINDINGS = bindings_for("safety")

    def __init__(self, flag: str) -> None:
        super().__init__()
        self.flag = flag

    def compose(self) -> ComposeResult:
        title, guidance = GUIDANCE[self.flag]
        with Vertical(id="safety-dialog"):
            yield Static(Text(f"⚠  Safety: {title}", "bold"), id="safety-title")
            yield Static(Text(guidance), id="safety-guidance")
            yield Static("What did you do? (required; saved with the assessment)",
                         id="safety-prompt")
            yield TextArea(id="safety-note")
            yield Static("", id="safety-error")
            yield Button(button("safety.record"), variant="error", id="safety-ok")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#safety-ok")
    def action_record(self) -> None:
        note = self.query_one(TextArea).text.strip()
        if not note:
            self.query_one("#safety-error", Static).update(
                plain("Write what you did before going on: this cannot be skipped.", "bold")
            )
            return
        self.dismiss(note)
