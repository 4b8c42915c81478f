"""The home screen: every client in one virtualised table, filtered as you type."""

import gc
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, Input, Static

from carecli.actions import bindings_for, fill, key_of
from carecli.domain.caseload import SORT_COLUMNS, CaseloadFilter, CaseloadRow, view
from carecli.domain.enums import label
from carecli.screens.base import CareScreen
from carecli.widgets.caseload_cells import COLUMNS
from carecli.widgets.client_table import ClientTable

STATUS_CYCLE = ("active", "on_hold", "discharged", None)
RISK_CYCLE = (None, "high", "moderate", "low")
SORT_TITLES = {key: title for key, title, *_ in COLUMNS}


class RowsShown(Message):
    """The caseload shows freshly read rows (none: the database is empty)."""

    def __init__(self, rows: tuple[CaseloadRow, ...]) -> None:
        super().__init__()
        self.rows = rows


class OpenClient(Message):
    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id


class StartAssessment(Message):
    """Start or resume an assessment of `client_id`."""

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id


class CaseloadScreen(CareScreen):
    """Filters, sorting and the table; data comes from `carecli.data.caseload` in a worker."""

    HELP = (
        "The caseload lists your clients, most urgent check-in first. Type {caseload.filter} and "
        "a few letters of a name, condition or phone number to narrow it; {table.open} opens "
        "the highlighted client, {caseload.plan} their care plan. Next check-in shows ⚠ when "
        "overdue; Min/mo counts this month's logged minutes against the 20-minute CCM mark (✓ "
        "once reached). Flags: post-hospital "
        "= left hospital in the last 30 days, unreachable = last three attempts failed, +screen "
        "= a positive screen, no consent = no care-management consent on file."
    )

    BINDINGS = bindings_for("caseload")

    def __init__(self) -> None:
        super().__init__()
        self.all_rows: tuple[CaseloadRow, ...] = ()
        self.filter = CaseloadFilter()
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder=fill("{caseload.filter} to filter by name, condition or phone"),
            id="caseload-filter",
            select_on_focus=False, compact=True,
        )
        yield Static("", id="caseload-summary")
        yield ClientTable(today=self.service.today(), id="caseload-table")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "carecli"
        self.sub_title = "Caseload"
        self.query_one(ClientTable).focus()
        if self.service.is_open:
            self.reload()

    @property
    def table(self) -> ClientTable:
        return self.query_one(ClientTable)

    # data -----------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        """Read the caseload again; the cursor stays on `select_id`, else the current client."""
        self.call_service(self.service.caseload, done=lambda rows: self.show_rows(rows, select_id))

    def row(self, client_id: int) -> CaseloadRow | None:
        return next((r for r in self.all_rows if r.id == client_id), None)

    def show_rows(self, rows: tuple[CaseloadRow, ...], select_id: int | None, *,
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
            fill("No clients match. Press {caseload.clear} to clear the filter, {caseload.status} "
                 "for other statuses.")
            if rows else fill("No clients yet: press {caseload.new} to add one.")
        )
        self.apply(keep_id=select_id)
        self.post_message(RowsShown(rows))

    def apply(self, keep_id: int | None = None) -> None:
        """Re-filter and re-sort; the cursor stays on `keep_id` if given, else goes to the top."""
        table = self.table
        today = self.service.today()
        shown = view(self.all_rows, filt=self.filter, sort_by=table.sort_by,
                     descending=table.descending, today=today)
        table.set_rows(shown, keep_id=keep_id)
        self._summarise(shown)

    def _summarise(self, shown: list[CaseloadRow]) -> None:
        today = self.service.today()
        overdue = sum(r.overdue(today) for r in shown)
        due_today = sum(r.next_due == today for r in shown)
        f = self.filter
        parts = [
            f"{len(shown)} of {len(self.all_rows)} clients" if self.loaded
            else "reading the rest of the caseload…",
            f"status: {label(f.status) if f.status else 'all'} ({key_of('caseload.status')})",
            f"risk: {label(f.risk_tier) if f.risk_tier else 'all'} ({key_of('caseload.risk')})",
            ("overdue only" if f.overdue_only else "all due dates")
            + f" ({key_of('caseload.overdue')})",
            f"sort: {SORT_TITLES[self.table.sort_by]} ({key_of('caseload.sort')})",
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
            self.post_message(StartAssessment(self.table.current.id))

    def action_timer(self) -> None:
        if self.table.current is not None:
            self.app.toggle_timer(self.table.current.id)  # type: ignore[attr-defined]

    def action_plan(self) -> None:
        from carecli.screens.plan_editor import open_plan

        if self.table.current is not None:
            open_plan(self.app, self.table.current.id)

    def action_log_contact(self) -> None:
        from carecli.screens.contact_logger import log_contact

        if self.table.current is not None:
            log_contact(self.app, self.table.current.id)

    @on(ClientTable.Selected)
    def _open(self, event: ClientTable.Selected) -> None:
        self.post_message(OpenClient(event.row.id))
