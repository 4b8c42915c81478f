"""Help (`?` or F1): what the screen underneath is for, and every key it answers to."""

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

GENERAL = (
    ("ctrl+p", "Command palette: jump to any client by name, or run any command"),
    ("ctrl+q", "Quit (everything is saved as you go)"),
)
_LISTED_IN_GENERAL = {"command_palette", "app.command_palette", "quit", "app.quit"}


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under
        self.keys = self._keys(under)

    def _keys(self, under: Screen) -> list[tuple[str, str]]:
        """The screen's own keys first, then the focused widget's, then the app's."""
        seen: set[str] = set()
        rows: list[tuple[str, str]] = []
        actives = sorted(
            under.active_bindings.values(),
            key=lambda a: 3 if a.binding.action in _COMMON
            else 0 if a.node is under else 2 if a.node is self.app else 1,
        )
        for active in actives:
            binding = active.binding
            if (binding.action in seen or not binding.description or _generic(binding.action)
                    or binding.action in _LISTED_IN_GENERAL):
                continue
            seen.add(binding.action)
            text = binding.description
            if binding.tooltip:
                text += f" — {binding.tooltip}"
            rows.append((self.app.get_key_display(binding), text))
        return rows

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 3))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for key, text in [*self.keys, *GENERAL]:
            table.add_row(key, text)
        intro = getattr(self.under, "HELP", "") or ""
        with Vertical(id="help-dialog"):
            yield Static(Text("Help", "bold"), id="help-title")
            with VerticalScroll():
                if intro:
                    yield Static(Text(intro), id="help-intro")
                yield Static(table, id="help-keys")
            yield Static(Text("escape closes this help", "dim"))
        yield Footer()


_COMMON = {"app.focus_next", "app.focus_previous", "focus_next", "focus_previous", "copy_text",
           "screen.copy_text"}
"""Keys every screen has (moving focus, copying): listed last."""


def _generic(action: str) -> bool:
    """Scrolling keys every Textual widget has; listing them would bury ours."""
    return action.startswith("scroll_") or action in ("page_left", "page_right")
