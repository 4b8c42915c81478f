"""The care plan editor's dialogs: a short list to pick from by digit (an item's status, the
suggested problems: each added with one key while the list stays open), the form of the
plan's other elements with "fill from record", and the finalise form that shows what changed
since the version before."""

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from carecli.actions import bindings_for, fill
from carecli.plain import clean, plain
from carecli.screens.form import FormScreen
from carecli.words import counted


class PickScreen(ModalScreen[Any]):
    """Lines numbered 1-9 (more by the cursor): a digit or enter picks one. Without `each`,
    the pick closes the list with its value; with it, `each(value)` runs and the line stays,
    marked done, so several are picked in a row."""

    BINDINGS = bindings_for("pick")

    def __init__(self, title: str, lines: list[tuple[Any, Text]], *,
                 each: Callable[[Any], Any] | None = None, current: Any = None,
                 done_mark: str = "added") -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.each = each
        self.current = current
        self.done_mark = done_mark
        self.picked: set[int] = set()

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-dialog"):
            yield Static(plain(self.title_text, "bold"), id="pick-title")
            yield OptionList(*(Option(self._line(n), id=str(n))
                               for n in range(len(self.lines))), id="pick-list")
            yield Static(Text(fill("{pick.choose} or {pick.select} picks · {pick.close} "
                                   "closes"), "dim"), id="pick-hint")
        yield Footer()

    def _line(self, index: int) -> Text:
        value, words = self.lines[index]
        number = f"{index + 1} " if index < 9 else "  "
        text = Text(number, "bold cyan")
        text.append_text(words)
        if value == self.current and self.each is None:
            text.append("  (now)", "dim")
        if index in self.picked:
            text.append(f"  ✓ {self.done_mark}", "green")
        return text

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        index = next((n for n, (v, _) in enumerate(self.lines) if v == self.current), 0)
        options.highlighted = index if self.lines else None

    def action_pick(self, number: int) -> None:
        if number <= len(self.lines):
            self._choose(number - 1)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(int(event.option.id or 0))

    def _choose(self, index: int) -> None:
        value = self.lines[index][0]
        if self.each is None:
            self.dismiss(value)
            return
        if index in self.picked:
            return
        self.picked.add(index)
        options = self.query_one(OptionList)
        options.replace_option_prompt(str(index), self._line(index))
        options.disable_option(str(index))
        self.each(value)
        if len(self.picked) == len(self.lines):
            self.dismiss(None)


class ElementsForm(FormScreen):
    """The plan's other elements; a key fills the empty sections from the record and the
    latest assessment (text already typed stays)."""

    BINDINGS = [*FormScreen.BINDINGS, *bindings_for("elements")]

    def __init__(self, *, suggestions: Callable[[], dict[str, str]], focus: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.suggestions = suggestions
        self.focus_key = focus

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#form-message", Static).update(Text(fill(
            "{elements.fill} fills the empty sections from the record and the latest "
            "assessment."), "dim"))
        if self.focus_key:
            field = self.query_one(f"#field-{self.focus_key}")
            field.focus()
            self.call_after_refresh(field.scroll_visible)

    def action_fill(self) -> None:
        self.call_service(self.suggestions, done=self._fill)

    def _fill(self, texts: dict[str, str]) -> None:
        filled = 0
        for key, text in texts.items():
            widget = self.query(f"#field-{key}")
            if not widget or not text:
                continue
            field = widget.first()
            if isinstance(field, TextArea) and not field.text.strip():
                field.text = clean(text)
                filled += 1
            elif isinstance(field, Input) and not field.value.strip():
                field.value = clean(text)
                filled += 1
        words = (f"Filled {counted(filled, 'empty section')} from the record"
                 if filled else "Nothing to fill: every section the record speaks to has text")
        self.query_one("#form-message", Static).update(
            Text(words + "; check the wording, then save.", "green"))


class FinaliseForm(FormScreen):
    """Finalising: by whom and a note, under what changed since the version before."""

    def __init__(self, *, changes: tuple[str, ...], first: bool, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.changes = changes
        self.first = first

    def on_mount(self) -> None:
        super().on_mount()
        if self.first:
            text = Text("The first version of this plan.", "bold")
        elif not self.changes:
            text = Text("Nothing changed since the current plan.", "bold yellow")
        else:
            text = Text("What changed since the current plan:\n", "bold")
            for sentence in self.changes:
                text.append(f"• {clean(sentence)}\n", "")
            text.rstrip()
        self.query_one("#form-body").mount(Static(text, id="finalise-changes"), before=0)
