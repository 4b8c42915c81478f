"""Help (F1): what the screen underneath is for, and every key it answers to, in the words
and keys of the action registry (`carecli.actions`)."""

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from carecli.actions import ACTIONS, Action, bindings_for, fill, in_context

GENERAL = ("app.palette", "app.quit")
"""Listed last, on every screen's help."""


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings_for("help")

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under
        self.keys = self._keys(under)

    def _keys(self, under: Screen) -> list[tuple[str, str]]:
        """The screen's own keys first, then the focused widget's, then the app's; the
        palette and quitting last."""
        seen: set[str] = set()
        rows: list[tuple[str, str]] = []
        actives = sorted(
            under.active_bindings.values(),
            key=lambda a: 3 if a.binding.action in _COMMON
            else 0 if a.node is under else 2 if a.node is self.app else 1,
        )
        contexts = {ACTIONS[a.binding.id].context for a in actives if a.binding.id in ACTIONS}
        # keys the screen's widgets answer to themselves, declared with the screen's actions
        unbound = [a for a in in_context(*contexts - {"app"}) if not a.bound]
        told = {key for a in unbound for key in a.key_list()}
        for active in actives:
            binding = active.binding
            if binding.id in ACTIONS:
                if binding.id not in seen and binding.id not in GENERAL:
                    seen.add(binding.id)
                    rows.append(_row(ACTIONS[binding.id]))
                continue
            if (binding.action in seen or not binding.description or _generic(binding.action)
                    or binding.key in told):
                continue
            seen.add(binding.action)
            text = binding.description
            if binding.tooltip:
                text += f" — {binding.tooltip}"
            rows.append((self.app.get_key_display(binding), text))
        return rows + [_row(a) for a in unbound] + [_row(ACTIONS[i]) for i in GENERAL]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 3))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for key, text in self.keys:
            table.add_row(key, text)
        intro = fill(getattr(self.under, "HELP", "") or "") + getattr(self.under, "help_data",
                                                                        "")
        with Vertical(id="help-dialog"):
            yield Static(Text("Help", "bold"), id="help-title")
            with VerticalScroll():
                if intro:
                    yield Static(Text(intro), id="help-intro")
                yield Static(table, id="help-keys")
            yield Static(Text(fill("{help.close} closes this help"), "dim"))
        yield Footer()


_COMMON = {"app.focus_next", "app.focus_previous", "focus_next", "focus_previous", "copy_text",
           "screen.copy_text"}
"""Keys every screen has (moving focus, copying): listed last."""


def _row(action: Action) -> tuple[str, str]:
    return action.all_shown(), f"{action.label} — {action.help}" if action.help else action.label


def _generic(action: str) -> bool:
    """Scrolling keys every Textual widget has; listing them would bury ours."""
    return action.startswith("scroll_") or action in ("page_left", "page_right")
