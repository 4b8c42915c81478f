"""The home screen: every client in one virtualised table, filtered as you type."""

import gc
from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Input, Static

from carecli.domain.caseload import SORT_COLUMNS, CaseloadFilter, CaseloadRow, view
from carecli.domain.enums import label
from carecli.screens.base import CareScreen
from carecli.widgets.caseload_cells import COLUMNS
from carecli.widgets.client_table import ClientTable

STATUS_CYCLE = ("active", "on_hold", "discharged", None)
RISK_CYCLE = (None, "high", "moderate", "low")
SORT_TITLES = {key: title for key, title, *_ in COLUMNS}


class CaseloadScreen(CareScreen):
    """Filters, sorting and the table; data comes from `carecli.data.caseload` in a worker."""

    HELP = (
        "The caseload lists your clients, most urgent check-in first. Type / and a few letters "
        "of a name, condition or phone number to narrow it; enter opens the highlighted "
        "client. Next check-in shows ⚠ when overdue; Min/mo counts this month's logged "
        "minutes against the 20-minute CCM mark (✓ once reached). Flags: post-hospital = left "
        "hospital in the last 30 days, unreachable = last three attempts failed, +screen = a "
        "positive screen, no consent = no care-management consent on file."
    )

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", id="caseload.filter",
                tooltip="Type to filter by name, condition or phone"),
        Binding("n", "app.new_client", "New", id="caseload.new", tooltip="Add a new client"),
        Binding("a", "assess", "Assess", id="caseload.assess",
                tooltip="Start or resume an assessment of the highlighted client"),
        Binding("s", "sort", "Sort", id="caseload.sort", tooltip="Sort by the next column"),
        Binding("S", "reverse", "Reverse", id="caseload.reverse", show=False),
        # f, t and o are named in the line above the table (and in F1 help), not the footer
        Binding("f", "cycle_status", "Status", id="caseload.status", show=False,
                tooltip="Show active / on hold / discharged / everyone"),
        Binding("t", "cycle_risk", "Risk", id="caseload.risk", show=False,
                tooltip="Filter by risk tier"),
        Binding("o", "toggle_overdue", "Overdue", id="caseload.overdue", show=False,
                tooltip="Show only clients whose check-in is overdue"),
        Binding("escape", "clear_filter", "Clear", id="caseload.clear", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.all_rows: list[CaseloadRow] = []
        self.filter = CaseloadFilter()
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="/ to filter by name, condition or phone", id="caseload-filter",
            select_on_focus=False, compact=True,
        )
        yield Static("", id="caseload-summary")
        yield ClientTable(today=self.app.today(), id="caseload-table")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "carecli"
        self.sub_title = "Caseload"
        self.query_one(ClientTable).focus()
        if self.app.db is not None:
            self.reload()

    @property
    def table(self) -> ClientTable:
        return self.query_one(ClientTable)

    # data -----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="caseload", exit_on_error=False)
    def reload(self, select_id: int | None = None) -> None:
        """Read the caseload again; the cursor stays on `select_id`, else the current client."""
        from carecli.data.caseload import load_caseload

        rows = load_caseload(db=self.app.rows_source(), today=self.app.today())
        self.app.call_from_thread(self.show_rows, rows, select_id)

    def show_rows(self, rows: list[CaseloadRow], select_id: int | None, *,
                  complete: bool = True) -> None:
        """Show freshly loaded rows, keeping the cursor on `select_id`, else where it was.
        `complete=False`: only the rows that head the list, shown while the rest are read
        (they are exactly the top of the full list, so nothing moves when it comes)."""
        if select_id is None and self.table.current is not None:
            select_id = self.table.current.id
        self.all_rows = rows
        if not complete:
            self.apply(keep_id=select_id)
            return
        gc.freeze()  # 10,000 long-lived rows: keep full collections from pausing keystrokes
        self.loaded = True
        self.table.empty_message = (
            "No clients match. Press escape to clear the filter, f for other statuses."
            if rows else "No clients yet: press n to add one."
        )
        self.apply(keep_id=select_id)
        self.app.caseload_changed()
        if not rows:
            self.app.show_welcome()

    def apply(self, keep_id: int | None = None) -> None:
        """Re-filter and re-sort; the cursor stays on `keep_id` if given, else goes to the top."""
        table = self.table
        today = self.app.today()
        shown = view(self.all_rows, filt=self.filter, sort_by=table.sort_by,
                     descending=table.descending, today=today)
        table.set_rows(shown, keep_id=keep_id)
        self._summarise(shown)

    def _summarise(self, shown: list[CaseloadRow]) -> None:
        today = self.app.today()
        overdue = sum(r.overdue(today) for r in shown)
        due_today = sum(r.next_due == today for r in shown)
        f = self.filter
        parts = [
            f"{len(shown)} of {len(self.all_rows)} clients" if self.loaded
            else "reading the rest of the caseload…",
            f"status: {label(f.status) if f.status else 'all'} (f)",
            f"risk: {label(f.risk_tier) if f.risk_tier else 'all'} (t)",
            "overdue only (o)" if f.overdue_only else "all due dates (o)",
            f"sort: {SORT_TITLES[self.table.sort_by]} (s)",
            f"shown: {overdue} overdue, {due_today} due today",
        ]
        self.query_one("#caseload-summary", Static).update("  ·  ".join(parts))

    # filters and sorting ----------------------------------------------------------------
    @on(Input.Changed, "#caseload-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter = replace(self.filter, text=event.value)
        self.apply(keep_id=None)

    @on(Input.Submitted, "#caseload-filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#caseload-filter", Input).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#caseload-filter", Input)
        if box.value:
            box.value = ""
        self.table.focus()

    def action_sort(self) -> None:
        table = self.table
        table.sort_by = SORT_COLUMNS[(SORT_COLUMNS.index(table.sort_by) + 1) % len(SORT_COLUMNS)]
        table.descending = False
        self.apply()

    def action_reverse(self) -> None:
        self.table.descending = not self.table.descending
        self.apply()

    def action_cycle_status(self) -> None:
        nxt = STATUS_CYCLE[(STATUS_CYCLE.index(self.filter.status) + 1) % len(STATUS_CYCLE)]
        self.filter = replace(self.filter, status=nxt)
        self.apply()

    def action_cycle_risk(self) -> None:
        nxt = RISK_CYCLE[(RISK_CYCLE.index(self.filter.risk_tier) + 1) % len(RISK_CYCLE)]
        self.filter = replace(self.filter, risk_tier=nxt)
        self.apply()

    def action_toggle_overdue(self) -> None:
        self.filter = replace(self.filter, overdue_only=not self.filter.overdue_only)
        self.apply()

    def action_assess(self) -> None:
        if self.table.current is not None:
            self.app.start_assessment(self.table.current.id)

    @on(ClientTable.Selected)
    def _open(self, event: ClientTable.Selected) -> None:
        self.app.open_client(event.row.id)
