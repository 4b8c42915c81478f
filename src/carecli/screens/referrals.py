"""One client's referrals to community resources, closed loop: a table of them (to whom, the
need, the status and since when, the follow-up day), the highlighted one below; a new one from
a need of the latest screen or the care plan, a status change (only the moves the rules allow),
a follow-up day, and the history in full. Every read and write goes through the data service
in a worker (`referral_flows`)."""

from datetime import date

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

from carecli.actions import bindings_for, fill
from carecli.clinical.referrals import CLOSED
from carecli.domain.referrals import (
    ClientReferrals,
    Referral,
    category_words,
    outcome_words,
    status_words,
)
from carecli.plain import cut, one_line, plain
from carecli.screens import referral_flows
from carecli.screens.base import CareScreen
from carecli.words import counted

COLUMNS = (("To whom", 21), ("Need", 17), ("Status", 11), ("Since", 10), ("Follow-up", 10))
NEEDS_REFERRAL = {"status", "follow_up"}


def open_referrals(app: App, client_id: int) -> None:
    app.push_screen(ReferralsScreen(client_id))


class ReferralsScreen(CareScreen):
    HELP = (
        "One client's referrals to community resources, newest first. {referrals.new} refers "
        "the client: pick the need (from the latest screen or the care plan, one key each, or "
        "type one), then the resource from the directory (closing it without a pick types a "
        "name instead); it is saved as a draft, followed up 7 days later unless you give a day. "
        "{referrals.status} moves the highlighted referral on (sent, accepted, in progress, "
        "completed…): only the moves allowed are offered, closing asks for the outcome and "
        "reopening for a note. {referrals.follow_up} sets the follow-up day; a referral that "
        "goes quiet past it shows in today's queue. {referrals.history} shows every dated "
        "change."
    )
    BINDINGS = bindings_for("referrals")
    CSS_PATH = ["referrals.tcss", "plan.tcss"]  # plan.tcss: the pick list's dialog

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id
        self.view: ClientReferrals | None = None
        self.follow: int | None = None
        """The referral the cursor goes to at the next reading (one just saved)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="referrals-banner")
        yield DataTable(id="referrals-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="referrals-detail")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "carecli"
        table = self.table
        for title, width in COLUMNS:
            table.add_column(title, width=width)
        table.focus()
        self.app.data_changed.subscribe(self, self._data_changed)  # type: ignore[attr-defined]
        self.reload()

    @property
    def table(self) -> DataTable:
        return self.query_one("#referrals-table", DataTable)

    def reload(self) -> None:
        self.call_service(self.service.referrals, self.client_id, done=self.show)

    def _data_changed(self, client_id: int | None) -> None:
        if client_id is None or client_id == self.client_id:
            self.reload()

    def show(self, view: ClientReferrals) -> None:
        current = self.current
        keep = self.follow if self.follow is not None else (current.id if current else None)
        self.follow = None
        self.view = view
        self.sub_title = f"{one_line(view.name)}: referrals"
        today = self.service.today()
        table = self.table
        table.clear()
        for referral in view.referrals:
            table.add_row(*cells(referral, today), key=str(referral.id))
        rows = [r.id for r in view.referrals]
        if keep in rows:
            table.move_cursor(row=rows.index(keep))
        open_count = sum(r.status not in CLOSED for r in view.referrals)
        banner = Text(f"{counted(len(rows), 'referral')}, {open_count} "
                      "open. ", "bold")
        banner.append(fill("{referrals.new} refers the client to a resource.") if not rows
                      else fill("{referrals.status} changes the status, {referrals.history} "
                                "shows the history."), "dim")
        self.query_one("#referrals-banner", Static).update(banner)
        self._show_detail()

    @property
    def current(self) -> Referral | None:
        if self.view is None or not self.view.referrals or not self.is_mounted:
            return None
        row = self.table.cursor_row
        return self.view.referrals[row] if 0 <= row < len(self.view.referrals) else None

    @on(DataTable.RowHighlighted, "#referrals-table")
    def _show_detail(self) -> None:
        self.query_one("#referrals-detail", Static).update(detail(self.current))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NEEDS_REFERRAL and self.current is None:
            return None
        if action == "follow_up" and self.current and self.current.status in CLOSED:
            return None  # closed: reopen it first
        return True

    # keys -------------------------------------------------------------------------------
    def action_new(self) -> None:
        if self.view is not None:
            referral_flows.new(self, self.view)

    def action_status(self) -> None:
        if self.current is not None:
            referral_flows.change_status(self, self.current)

    def action_follow_up(self) -> None:
        if self.current is not None:
            referral_flows.follow_up(self, self.current)

    @on(DataTable.RowSelected, "#referrals-table")
    def _history(self) -> None:
        if self.current is not None:
            referral_flows.history(self, self.current)


def cells(referral: Referral, today: date) -> list[Text]:
    """One row of the table, plain text; a follow-up day that has come in bold."""
    follow = referral.follow_up_on
    values = (one_line(referral.to_whom), category_words(referral.need) or "—",
              status_words(referral.status), referral.since.isoformat(),
              follow.isoformat() if follow else "—")
    row = [plain(cut(v, width)) for v, (_, width) in zip(values, COLUMNS, strict=True)]
    if follow is not None and follow <= today:
        row[-1].stylize("bold yellow")
    return row


def detail(referral: Referral | None) -> Text:
    """The highlighted referral under the table: the need, why, and how it ended."""
    if referral is None:
        return Text("No referral yet.", "dim")
    text = plain(one_line(referral.to_whom), "bold")
    text.append(f" · {status_words(referral.status)} since {referral.since.isoformat()}")
    if referral.outcome:
        text.append(f" · outcome: {outcome_words(referral.outcome)}", "bold")
    if referral.need_text or referral.need:
        text.append("\nNeed: ", "bold")
        text.append_text(plain(one_line(referral.need_text or category_words(referral.need))))
    if referral.reason:
        text.append("\nWhy: ", "bold")
        text.append_text(plain(one_line(referral.reason)))
    return text

