"""A virtualised caseload table: renders only the rows on screen, so 10,000 clients filter and
sort as fast as 60. Rows are plain `CaseloadRow`s; every cell is plain `Text`."""

from datetime import date

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from carecli.actions import bindings_for
from carecli.domain.caseload import CaseloadRow
from carecli.widgets.caseload_cells import layout

CURSOR_KEYS = [
    Binding("up,k", "move(-1)", "Up", show=False),
    Binding("down,j", "move(1)", "Down", show=False),
    Binding("pageup", "page(-1)", "Page up", show=False),
    Binding("pagedown", "page(1)", "Page down", show=False),
    Binding("home", "jump(0)", "First", show=False),
    Binding("end", "jump(-1)", "Last", show=False),
]
"""The keys that move the cursor (shared with tables built on this one)."""


class ClientTable(ScrollView, can_focus=True):
    """Keys move a row cursor; `enter` posts `Selected`. The header row stays on top."""

    COMPONENT_CLASSES = {
        "client-table--header",
        "client-table--cursor",
        "client-table--empty",
    }
    BINDINGS = [*bindings_for("table"), *CURSOR_KEYS]

    cursor = reactive(0)

    class Selected(Message):
        def __init__(self, row: CaseloadRow) -> None:
            self.row = row
            super().__init__()

    class Highlighted(Message):
        def __init__(self, row: CaseloadRow | None) -> None:
            self.row = row
            super().__init__()

    def __init__(self, *, today: date, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[CaseloadRow] = []
        self.today = today
        self.sort_by = "next_due"
        self.descending = False
        self.empty_message = "Loading caseload…"

    # data -----------------------------------------------------------------------------
    def set_rows(self, rows: list[CaseloadRow], *, keep_id: object = None) -> None:
        """Show `rows`; keep the cursor on the row named `keep_id` when it is still shown."""
        self.rows = rows
        self._fit()
        index = 0
        if keep_id is not None:
            index = next((i for i, r in enumerate(rows) if self.row_id(r) == keep_id), 0)
        self.cursor = index
        self._scroll_to_cursor()
        self._post_highlight()
        self.refresh()

    @staticmethod
    def row_id(row: CaseloadRow) -> object:
        """What names a row across reloads (`keep_id` of `set_rows`)."""
        return row.id

    def layout(self, width: int) -> list[tuple[tuple, int]]:
        """The columns shown at `width`, each `((key, title, ..., cell), width)`."""
        return layout(width)

    @property
    def current(self) -> CaseloadRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # keys -----------------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()

    def action_move(self, delta: int) -> None:
        self.cursor += delta
        self._post_highlight()

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 2)
        self._post_highlight()

    def action_jump(self, where: int) -> None:
        self.cursor = where if where >= 0 else len(self.rows) - 1
        self._post_highlight()

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current))

    def _post_highlight(self) -> None:
        self.post_message(self.Highlighted(self.current))

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)  # not under a scroll bar
        top = round(self.scroll_y)
        if self.cursor == 0:
            self.scroll_to(y=0, animate=False, immediate=True)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self._fit()
        self._scroll_to_cursor()  # a shorter table (the queue's detail grew) keeps it in view

    def _fit(self) -> None:
        """As wide as the rows are drawn (beside the scroll bar's gutter, so no horizontal
        scroll bar comes with the vertical one), a line a row under the header."""
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + 1)

    def on_click(self, event) -> None:
        index = round(self.scroll_y) + event.y - 1
        if event.y >= 1 and 0 <= index < len(self.rows):
            if index == self.cursor and event.chain > 1:
                self.action_select()
            self.cursor = index
            self._post_highlight()

    # rendering ------------------------------------------------------------------------
    def _line(self, cells: list[Text], widths: list[int]) -> Text:
        line = Text(" ")
        for cell, width in zip(cells, widths, strict=True):
            cell = cell.copy()
            cell.no_wrap = True
            cell.truncate(width, overflow="ellipsis", pad=True)
            line.append_text(cell)
            line.append(" ")
        return line

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        columns = self.layout(width)
        widths = [w for _, w in columns]
        base = self.rich_style
        if y == 0:
            headers = []
            for (key, title, *_), _w in columns:
                arrow = ("▼" if self.descending else "▲") if key == self.sort_by else ""
                headers.append(Text(f"{title}{arrow}"))
            text = self._line(headers, widths)
            style = self.get_component_rich_style("client-table--header")
            return self._strip(text, width, base + style)
        index = round(self.scroll_y) + y - 1
        if not self.rows:
            if y == 2:
                text = Text(f"  {self.empty_message}")
                return self._strip(text, width, base + self.get_component_rich_style(
                    "client-table--empty"))
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        text = self._line([cell(row, self.today) for (*_, cell), _w in columns], widths)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("client-table--cursor")
            if not self.has_focus:
                style = base + Style(reverse=False, bgcolor="grey23")
        return self._strip(text, width, style)

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        segments = [
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in text.render(self.app.console)
            if seg.text != "\n"
        ]
        return Strip(segments).crop_extend(0, width, style)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
