"""Today's queue as a table: client, kind, due and reason, one item a row. It is the caseload's
virtualised table with other columns: the client's name is never cut, the reason gives way
(ending in …) so a row fits an 80-column terminal."""

from datetime import date

from rich.text import Text

from carecli.domain.daily import QueueItem
from carecli.plain import one_line
from carecli.widgets.client_table import CURSOR_KEYS, ClientTable

KINDS = {
    "safety": ("Safety", "bold red"),
    "tcm": ("TCM", "bold yellow"),
    "tcm_medrec": ("TCM med rec", "bold yellow"),
    "tcm_visit": ("TCM visit", "bold yellow"),
    "retry": ("Retry", ""),
    "unable_to_reach": ("Unreachable", "magenta"),
    "check_in": ("Check-in", ""),
    "scheduled": ("Scheduled", ""),
    "task": ("Task", ""),
    "referral": ("Referral", ""),
    "plan_review": ("Plan review", ""),
    "intervention": ("Intervention", ""),
    "appointment_reminder": ("Reminder", ""),
    "appointment_outcome": ("Appointment", ""),
}
"""How each kind of item is named in the table, and its colour."""

KIND_WIDTH = max(len(name) for name, _ in KINDS.values())
DUE_MIN = 7
"""The due column's narrowest ("3d late"); it widens for "186d late", never cut."""
REASON_MIN = 16
CLIENT_MIN = 8


def kind_name(kind: str) -> str:
    return KINDS.get(kind, (kind.replace("_", " ").capitalize(), ""))[0]


def due_words(item: QueueItem, today: date) -> str:
    """ "today", "3d late", or "by Tue" for a deadline still ahead (a TCM contact)."""
    if item.due > today:
        return f"by {item.due:%a}" if (item.due - today).days < 7 else f"by {item.due:%b %d}"
    return f"{item.overdue_days}d late" if item.overdue_days > 0 else "today"


def client_cell(item: QueueItem, _today: date) -> Text:
    return Text(one_line(item.client))


def kind_cell(item: QueueItem, _today: date) -> Text:
    name, style = KINDS.get(item.kind, (kind_name(item.kind), ""))
    if item.kind.startswith("tcm_") and item.rank[:1] != (1,):
        style = ""  # a TCM step is urgent (coloured) from the day before its deadline
    return Text(name, style)


def due_cell(item: QueueItem, today: date) -> Text:
    return Text(due_words(item, today), "bold red" if item.overdue_days > 0 else "bold yellow")


def reason_cell(item: QueueItem, _today: date) -> Text:
    return Text(one_line(item.reason))


def layout(total: int, items: list[QueueItem], today: date) -> list[tuple[tuple, int]]:
    """The four columns at `total` cells: the client as wide as the longest name and the due
    column as its longest (neither is cut), the reason takes the rest."""
    longest = max((len(one_line(i.client)) for i in items), default=CLIENT_MIN)
    due = max([DUE_MIN, *(len(due_words(i, today)) for i in items)])
    fixed = KIND_WIDTH + due + 5  # four columns: a space before each and one after
    client = max(CLIENT_MIN, min(longest, total - fixed - REASON_MIN))
    reason = max(REASON_MIN, total - fixed - client)
    return [(("client", "Client", client_cell), client),
            (("kind", "Kind", kind_cell), KIND_WIDTH),
            (("due", "Due", due_cell), due),
            (("reason", "Why", reason_cell), reason)]


class QueueTable(ClientTable, inherit_bindings=False):
    """Rows are `QueueItem`s in queue order; the screen answers `enter` (log a contact)."""

    BINDINGS = CURSOR_KEYS

    def __init__(self, *, today: date, id: str | None = None) -> None:
        super().__init__(today=today, id=id)
        self.sort_by = ""  # queue order, which no key changes
        self.empty_message = "Reading today's queue…"
        self._columns: tuple[int, list[tuple[tuple, int]]] | None = None

    @staticmethod
    def row_id(row: QueueItem) -> object:
        return row.key, row.client_id

    def set_rows(self, rows: list[QueueItem], *, keep_id: object = None) -> None:
        self._columns = None
        super().set_rows(rows, keep_id=keep_id)

    def layout(self, width: int) -> list[tuple[tuple, int]]:
        """Worked out once per reading and width (every line drawn asks for it)."""
        width = min(width, self.scrollable_content_region.width)
        if self._columns is None or self._columns[0] != width:
            self._columns = (width, layout(width, self.rows, self.today))
        return self._columns[1]
