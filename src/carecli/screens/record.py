"""The client record: overview, conditions, medications, care team, family and contacts,
consent, history, assessments and the contact log. Each entry tab adds, edits and removes
through the generic form; contacts are logged and corrected, never removed."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from carecli.actions import bindings_for, fill, key_of
from carecli.data.assessment_view import AssessmentListing
from carecli.data.record import ClientRecord
from carecli.domain.caseload import FLAG_LABELS, SAFETY, CaseloadRow
from carecli.domain.enums import label
from carecli.domain.history import instrument_name
from carecli.domain.transitions import ClientStays
from carecli.plain import one_line
from carecli.screens import contact_logger, editing
from carecli.screens.base import CareScreen
from carecli.screens.caseload import StartAssessment
from carecli.screens.detail import DetailScreen
from carecli.widgets.contacts_tab import ContactsPane
from carecli.widgets.entry_table import EntryTable
from carecli.widgets.record_overview import overview
from carecli.widgets.results_table import ResultsTable

TABS = (  # short titles after their number key: all nine fit on an 80-column terminal
    ("overview", "Overview"),
    ("condition", "Dx"),
    ("medication", "Meds"),
    ("care_team", "Team"),
    ("personal_contact", "Family"),
    ("consent", "Consent"),
    ("history", "History"),
    ("assessments", "Assess"),
    ("contacts", "Contacts"),
)
NOT_ENTRIES = ("overview", "history", "assessments", "contacts")
"""Tabs that are not lists of record entries (no entry form)."""


class RecordScreen(CareScreen):
    """One client's record; each tab lists one kind of entry."""

    HELP = (
        "Number keys {record.tabs} switch tabs; {record.assess} starts or resumes an assessment. "
        "On a list tab, {record.add} adds, {record.edit} or {record.open} edits the highlighted "
        "entry, {record.remove} removes it (after asking). On Overview, {record.edit} edits the "
        "client's details and {record.add} records a consent. {record.hold} puts the client on "
        "hold, {record.discharge} discharges, {record.reactivate} reactivates: each asks for a "
        "reason and keeps the full history. On Assessments, {record.open} opens a completed "
        "assessment answer by answer ({any.next_field} moves to the list of every one). On "
        "Contacts, {record.add} or {record.log_contact} logs a contact, {record.open} shows one "
        "in full, {record.edit} corrects it (with a reason; nothing is ever deleted) and "
        "{record.complex} marks the month complex CCM. {record.timer} starts or pauses a call "
        "timer for the client. {record.plan} opens the care plan (or offers to start one). "
        "Every save is one transaction; {form.cancel} in a form leaves the record untouched."
    )
    BINDINGS = bindings_for("record")

    def __init__(self, client_id: int, row: CaseloadRow | None = None) -> None:
        super().__init__()
        self.client_id = client_id
        self.row = row
        """The caseload's latest view of this client (flags, next check-in)."""
        self.record: ClientRecord | None = None
        self.completed: tuple[AssessmentListing, ...] = ()
        self.stays: ClientStays | None = None
        """The client's stays with their TCM work (the Overview's TCM block)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="record-banner")
        with TabbedContent(id="record-tabs"):
            for number, (key, title) in enumerate(TABS, 1):
                with TabPane(f"{key_of('record.tabs', number)} {title}", id=f"tab-{key}"):
                    if key == "overview":
                        with VerticalScroll():
                            yield Static("Loading…", id="record-overview")
                    elif key == "history":
                        yield DataTable(id="record-history", cursor_type="row", zebra_stripes=True)
                    elif key == "contacts":
                        yield ContactsPane(id="record-contacts")
                    elif key == "assessments":
                        yield ResultsTable(id="record-results")
                        yield Static(fill("Completed assessments ({record.open} opens one answer "
                                          "by answer)"), id="record-assessments-title")
                        yield DataTable(id="record-assessments", cursor_type="row",
                                        zebra_stripes=True)
                    else:
                        yield EntryTable(key, id=f"entries-{key}")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "carecli"
        history = self.query_one("#record-history", DataTable)
        history.add_columns("Date", "What", "Minutes", "Detail")
        self.query_one("#record-assessments", DataTable).add_columns(
            "Completed", "Kind", "Safety", "Instruments")
        self.app.data_changed.subscribe(self, self._data_changed)
        self.app.rows_shown.subscribe(self, self._rows_shown)
        self.reload()

    @property
    def active_tab(self) -> str:
        return (self.query_one(TabbedContent).active or "tab-overview").removeprefix("tab-")

    def reload(self) -> None:
        self.call_service(self.service.record, self.client_id, done=self._show)
        pane = self.query_one(ContactsPane)
        self.call_service(self.service.contacts, self.client_id, done=pane.show)
        self.call_service(self.service.client_month, self.client_id, done=pane.show_month)
        self.call_service(self.service.stays, self.client_id, done=self._show_stays)

    def _data_changed(self, client_id: int | None) -> None:
        if client_id is None or client_id == self.client_id:
            self.reload()

    def _show_stays(self, stays: ClientStays) -> None:
        self.stays = stays
        self.refresh_summary()

    def _rows_shown(self, rows: tuple[CaseloadRow, ...]) -> None:
        self.row = next((r for r in rows if r.id == self.client_id), None)
        self.refresh_summary()

    def _show(self, view) -> None:
        record, done = view.record, view.completed
        self.record = record
        self.completed = done
        c = record.client
        self.sub_title = one_line(f"{c.family_name}, {c.given_name}")
        self.refresh_summary()
        for table in self.query(EntryTable).results(EntryTable):
            table.show(record.entries[table.kind])
        self.query_one("#record-results", ResultsTable).show(record.results)
        history = self.query_one("#record-history", DataTable)
        history.clear()
        for event in record.history:
            history.add_row(
                event.on.isoformat(), Text(one_line(event.title)),
                "" if event.minutes is None else str(event.minutes),
                Text(one_line(event.detail)[:120]),
            )
        listing = self.query_one("#record-assessments", DataTable)
        listing.clear()
        for item in done:
            listing.add_row(
                item.completed_on.isoformat(), label(item.kind),
                Text(", ".join(FLAG_LABELS.get(f, f) for f in item.flags), "bold red"),
                ", ".join(instrument_name(i) for i in item.instruments),
            )
        self._focus_tab()
        self.refresh_bindings()

    def refresh_summary(self) -> None:
        """Banner and overview, with the caseload's latest view of this client."""
        if self.record is None:
            return
        self.query_one("#record-banner", Static).update(self._banner(self.record))
        self.query_one("#record-overview", Static).update(
            overview(self.record, self.service.today(), self.row, self.stays)
        )

    def _banner(self, record: ClientRecord) -> Text:
        """Safety flags right after the name, so that a narrow terminal never cuts them off."""
        c = record.client
        flags = self.row.flags if self.row is not None else ()
        text = Text(one_line(f"{c.family_name}, {c.given_name}"), "bold")
        if c.preferred_name:
            text.append(f" ({one_line(c.preferred_name)})")
        for flag in (f for f in flags if f in SAFETY):
            text.append(f"  ⚠ {FLAG_LABELS[flag]}", "bold red")
        text.append(f"   {label(c.risk_tier)} risk   {label(c.status)}")
        if c.phone:
            text.append(f"   ☎ {one_line(c.phone)}")
        others = [FLAG_LABELS.get(f, f) for f in flags if f not in SAFETY]
        if others:
            text.append("   " + "  ".join(others), "bold magenta")
        if record.draft_kind:
            text.append(f"   {label(record.draft_kind)} in progress "
                        f"({key_of('record.assess')} resumes)", "bold yellow")
        return text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that would do nothing on this tab or for this client's status."""
        tab = self.active_tab
        if action in ("add", "edit") and tab in ("history", "assessments"):
            return False
        if action == "remove" and tab in NOT_ENTRIES:
            return False
        if action == "toggle_complex":
            return tab == "contacts"
        if action == "status" and self.record is not None:
            return parameters[0] != self.record.client.status
        return True

    # tabs -----------------------------------------------------------------------------
    def action_tab_number(self, number: int) -> None:
        self.action_tab(TABS[number - 1][0])

    def action_tab(self, key: str) -> None:
        self.query_one(TabbedContent).active = f"tab-{key}"
        self._focus_tab()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self._focus_tab()
        self.refresh_bindings()

    def _focus_tab(self) -> None:
        key = self.active_tab
        if key == "overview":
            self.query_one("#tab-overview VerticalScroll").focus()
        elif key == "history":
            self.query_one("#record-history").focus()
        elif key == "assessments":
            self.query_one("#record-results").focus()
        elif key == "contacts":
            self.query_one("#contacts-table").focus()
        else:
            self.query_one(f"#entries-{key}").focus()

    # entries --------------------------------------------------------------------------
    def action_add_to(self, key: str) -> None:
        """From the palette: "Add medication" on any tab goes to Meds and adds one."""
        self.action_tab(key)
        self.action_add()

    def action_add(self) -> None:
        key = self.active_tab
        if key == "contacts":
            self.action_log_contact()
            return
        if key == "overview":
            key = "consent"
        editing.edit_entry(self.app, self.client_id, key, None)

    def action_edit(self) -> None:
        key = self.active_tab
        if key == "overview":
            editing.edit_client(self.app, self.client_id)
            return
        if key == "contacts":
            self.correct_contact()
            return
        entry = self.query_one(f"#entries-{key}", EntryTable).current
        if entry is None:
            self.notify(fill("Nothing to edit here yet: press {record.add} to add."))
            return
        editing.edit_entry(self.app, self.client_id, key, entry)

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        if isinstance(event.data_table, EntryTable):
            self.action_edit()
        elif (event.data_table.id == "record-history" and self.record is not None
              and event.cursor_row < len(self.record.history)):
            self.app.push_screen(DetailScreen.of_event(self.record.history[event.cursor_row]))
        elif event.data_table.id == "contacts-table":
            entry = self.query_one(ContactsPane).current
            if entry is not None:
                contact_logger.show_contact(self.app, entry)
        elif event.data_table.id == "record-assessments" and event.cursor_row < len(
                self.completed):
            self.open_assessment(self.completed[event.cursor_row].id)
        elif event.data_table.id == "record-results" and event.row_key.value is not None:
            latest = next((a for a in self.completed if event.row_key.value in a.instruments),
                          None)
            if latest is not None:
                self.open_assessment(latest.id)

    def open_assessment(self, assessment_id: int) -> None:
        """A completed assessment, answer by answer."""
        self.call_service(self.service.completed_assessment, assessment_id,
                          done=lambda view: self.app.push_screen(DetailScreen.of_assessment(view)))

    def action_remove(self) -> None:
        key = self.active_tab
        if key in NOT_ENTRIES:
            return
        entry = self.query_one(f"#entries-{key}", EntryTable).current
        if entry is None:
            return
        editing.remove_entry(self.app, self.client_id, key, entry)

    def action_assess(self) -> None:
        self.post_message(StartAssessment(self.client_id))

    def action_timer(self) -> None:
        self.app.toggle_timer(self.client_id)  # type: ignore[attr-defined]

    def action_plan(self) -> None:
        from carecli.screens.plan_editor import open_plan

        open_plan(self.app, self.client_id)

    def action_referrals(self) -> None:
        from carecli.screens.referrals import open_referrals

        open_referrals(self.app, self.client_id)

    def action_stays(self) -> None:
        from carecli.screens.stays import open_stays

        open_stays(self.app, self.client_id)

    def action_add_stay(self) -> None:
        from carecli.screens.stays import record_stay

        record_stay(self.app, self.client_id)

    # contacts -------------------------------------------------------------------------
    def action_log_contact(self) -> None:
        contact_logger.log_contact(self.app, self.client_id)

    def correct_contact(self) -> None:
        entry = self.query_one(ContactsPane).current
        if entry is None:
            self.notify(fill("No contact logged yet: press {record.log_contact} to log one."))
            return
        contact_logger.correct_contact(self.app, self.client_id, entry)

    def action_toggle_complex(self) -> None:
        month = self.query_one(ContactsPane).month
        if month is not None:
            contact_logger.toggle_complex(self.app, self.client_id, month)

    def action_status(self, to_status: str) -> None:
        if self.record is None:
            return
        if self.record.client.status == to_status:
            self.notify(f"The client is already {label(to_status).lower()}.")
            return
        editing.change_status(self.app, self.client_id, to_status)
