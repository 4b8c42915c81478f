"""One history event in full (the timeline cuts long notes to one line)."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from carecli.domain.history import HistoryEvent
from carecli.plain import one_line, plain


class DetailScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,q", "dismiss", "Close", id="detail.close")]

    def __init__(self, event: HistoryEvent) -> None:
        super().__init__()
        self.event = event

    def compose(self) -> ComposeResult:
        event = self.event
        heading = Text(f"{event.on.isoformat()}  ", "bold")
        heading.append_text(plain(one_line(event.title), "bold"))
        if event.minutes is not None:
            heading.append(f"  ({event.minutes} min)")
        with Vertical(id="detail-dialog"):
            yield Static(heading, id="detail-title")
            with VerticalScroll():
                yield Static(plain(event.detail or "No note."), id="detail-text")
        yield Footer()
