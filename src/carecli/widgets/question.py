"""One wizard question: its text, numbered answers (digits pick them) or a box to type in."""

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from carecli.actions import fill
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
        text.append(fill("  {wizard.answer} tick and untick; {wizard.next} when done (none "
                         "ticked = none)"), "dim")
    return text


class QuestionView(Vertical):
    """Shows one item at a time; `set` swaps the item in place (no remounting, so keys typed
    quickly are never lost between questions). Typed answers go in its Input."""

    def __init__(self) -> None:
        super().__init__(id="question")
        self.item: Item | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="question-heading")
        yield Static("", id="question-text")
        yield Static("", id="question-options")
        yield Input(id="question-input")

    def set(self, item: Item, value: Any, heading: Text) -> None:
        self.item = item
        self.query_one("#question-heading", Static).update(heading)
        self.query_one("#question-text", Static).update(plain(item.text, "bold"))
        typed = item.kind in ("int", "text")
        box = self.query_one(Input)
        box.display = box.can_focus = typed
        self.query_one("#question-options", Static).display = not typed
        if typed:
            hint = "a number" if item.kind == "int" else "type the answer"
            box.placeholder = hint + ("" if item.required else " (may be left empty)")
            box.value = "" if value is None else clean(value)
            box.focus()
        else:
            self.show(value)
            self.screen.set_focus(None)  # digits answer: nothing may swallow them

    def show(self, value: Any) -> None:
        if self.item is not None and self.item.kind not in ("int", "text"):
            self.query_one("#question-options", Static).update(options_text(self.item, value))

    def typed(self) -> Any:
        """The typed answer as the item wants it: int for numbers, None when empty."""
        raw = self.query_one(Input).value.strip()
        if not raw:
            return None
        if self.item is not None and self.item.kind == "int":
            try:
                return int(raw)
            except ValueError:
                raise ValueError("a whole number is needed here") from None
        return raw
