"""One wizard question: its text, numbered answers (digits pick them) or a box to type in."""

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from carecli.clinical.instruments.model import Item
from carecli.plain import clean, plain

MAX_OPTIONS = 9


def options_text(item: Item, value: Any) -> Text:
    """The numbered answers, the chosen one(s) marked."""
    text = Text()
    chosen = set(value) if item.kind == "multi" and isinstance(value, list) else {value}
    for number, option in enumerate(item.options[:MAX_OPTIONS], 1):
        picked = option.code in chosen and (item.kind == "multi" or value is not None)
        mark = ("[x]" if picked else "[ ]") if item.kind == "multi" else ("●" if picked else "○")
        line = Text(f"  {number}  {mark} ", "bold" if picked else "")
        line.append(option.label, "bold reverse" if picked else "")
        text.append_text(line)
        text.append("\n")
    if item.kind == "multi":
        text.append("  digits tick and untick; enter when done (none ticked = none)", "dim")
    return text


class QuestionView(Vertical):
    """Shows `item`; for typed answers it holds an Input the wizard reads."""

    def __init__(self, item: Item, value: Any, *, heading: Text) -> None:
        super().__init__(id="question")
        self.item = item
        self.value = value
        self.heading = heading

    def compose(self) -> ComposeResult:
        yield Static(self.heading, id="question-heading")
        yield Static(plain(self.item.text, "bold"), id="question-text")
        if self.item.kind in ("int", "text"):
            shown = "" if self.value is None else clean(self.value)
            hint = "a number" if self.item.kind == "int" else "type the answer"
            if not self.item.required:
                hint += " (may be left empty)"
            yield Input(shown, placeholder=hint, id="question-input")
        else:
            yield Static(options_text(self.item, self.value), id="question-options")

    def on_mount(self) -> None:
        if self.item.kind in ("int", "text"):
            self.query_one(Input).focus()

    def show(self, value: Any) -> None:
        self.value = value
        if self.item.kind not in ("int", "text"):
            self.query_one("#question-options", Static).update(options_text(self.item, value))

    def typed(self) -> Any:
        """The typed answer as the item wants it: int for numbers, None when empty."""
        raw = self.query_one(Input).value.strip()
        if not raw:
            return None
        if self.item.kind == "int":
            try:
                return int(raw)
            except ValueError:
                raise ValueError("a whole number is needed here") from None
        return raw
