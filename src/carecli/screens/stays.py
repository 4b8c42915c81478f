"""Stays & TCM: one client's hospital, emergency, observation and facility stays, and for a
discharge within its 30-day TCM period the period and each step (the interactive contact, the
medication reconciliation, the face-to-face visit): done (when), due by, or overdue, with the
attempts made; or the readmission that ended it. Stays are recorded and edited in the generic
form (an emergency visit is not asked its TCM complexity); the steps are marked done on a day;
LACE is confirmed from the stay, the Charlson conditions of the record and earlier emergency
visits. Every read and write goes through the data service in a worker."""

from collections.abc import Callable
from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Select, Static

from carecli.actions import bindings_for, fill
from carecli.domain.enums import StayKind, TcmComplexity, label
from carecli.domain.transitions import (
    NO_LACE_WORDS,
    NO_TCM_WORDS,
    STAY_FIELDS,
    ClientStays,
    LaceDraft,
    Stay,
    StayView,
    day_words,
    open_contact,
)
from carecli.forms import DATE_HINT, FieldSpec, form_fields
from carecli.plain import one_line
from carecli.screens import contact_logger
from carecli.screens.base import CareScreen, DataChanged, run_service_call
from carecli.screens.form import FormScreen
from carecli.widgets.tcm_lines import (
    lace_words,
    legend,
    no_tcm_words,
    period_words,
    readmitted_words,
    step_line,
    tcm_cell,
)
from carecli.words import counted

STAY_FORM = form_fields(STAY_FIELDS)
STEP_TITLES = {"med_rec": "Medication reconciliation done", "visit": "Face-to-face visit done"}
STEP_SAVED = {"med_rec": "Medication reconciliation saved", "visit": "Face-to-face visit saved"}
STEP_FORM = (FieldSpec("done_on", "Done on", "date", placeholder=DATE_HINT + " (blank: not done)"),)
LACE_FORM = (
    FieldSpec("acute_admission", "Unplanned admission", "bool"),
    FieldSpec("charlson", "Charlson index", "int", required=True),
    FieldSpec("ed_visits_6mo", "ED visits, 6 months", "int", required=True),
)
COLUMNS = (("Admitted", 10), ("Discharged", 10), ("Kind", 15), ("Facility", 26), ("TCM", 5))


def open_stays(app: App, client_id: int) -> None:
    """Push the client's Stays & TCM screen."""
    app.push_screen(StaysScreen(client_id))


class StayForm(FormScreen):
    """The generic form with the stay's fields; the TCM complexity row is hidden while the
    kind is an emergency visit (which starts no TCM), and then saved as the default."""

    def on_mount(self) -> None:
        super().on_mount()
        self._show_complexity()

    @on(Select.Changed, "#field-kind")
    def _kind_changed(self) -> None:
        self._show_complexity()

    def _emergency(self) -> bool:
        return self.query_one("#field-kind", Select).value == StayKind.EMERGENCY

    def _show_complexity(self) -> None:
        shown = not self._emergency()
        self.query_one("#field-complexity").parent.display = shown
        self.query_one("#error-complexity").display = shown

    def values(self) -> dict[str, Any]:
        values = super().values()
        if self._emergency():
            values["complexity"] = TcmComplexity.MODERATE.value
        return values


def record_stay(app: App, client_id: int, done: Callable[[int], Any] | None = None) -> None:
    """The form to record a hospital stay for the client (from the palette, the record, the
    Stays screen); `done` gets the new stay's id."""
    service = app.service  # type: ignore[attr-defined]
    today = service.today()
    app.push_screen(
        StayForm(title="Record a hospital stay", fields=STAY_FORM,
                 values={"kind": "inpatient", "complexity": "moderate", "admitted_on": today},
                 submit=lambda v: service.add_stay(client_id, v)),
        _saved(app, client_id, "Hospital stay recorded.", done),
    )


def mark_step(app: App, client_id: int, stay_id: int, step: str, client: str) -> None:
    """The form to mark a TCM step (`med_rec`, `visit`) done on a day, opened on the stay as
    stored now and saved against its version; the message after names `client`."""
    service = app.service  # type: ignore[attr-defined]

    def opened(stay: Stay) -> None:
        done = stay.med_rec_on if step == "med_rec" else stay.visit_on
        app.push_screen(
            FormScreen(title=STEP_TITLES[step], fields=STEP_FORM,
                       values={"done_on": done or service.today()},
                       submit=lambda v: service.mark_tcm_step(stay.id, stay.version, step,
                                                              v["done_on"])),
            _saved(app, client_id, f"{STEP_SAVED[step]} for {one_line(client)}."))

    run_service_call(app, service.stay, stay_id, done=opened)


def _saved(app: App, client_id: int, message: str,
           done: Callable[[Any], Any] | None = None) -> Any:
    def callback(result: Any) -> None:
        if result is not None:
            if done is not None:
                done(result)
            app.notify(message, markup=False)
            app.post_message(DataChanged(client_id))

    return callback


def tcm_contact_after(service: Any, client_id: int, logged: Any) -> str | None:
    """After a contact that did not do the client's open TCM contact (an attempt, or someone
    else reached): that contact still due, with the attempts at it counted ("TCM contact still
    due by Tue Dec 1 — 2 attempts"); None when no TCM contact is open (or this one did it) and
    for communication with the care team. Runs in the logger's worker."""
    if logged.coordination:
        return None
    step = open_contact(service.stays(client_id), service.today())
    return None if step is None else step.still_due(service.today())


class StaysScreen(CareScreen):
    HELP = (
        "The client's hospital, emergency, observation and facility stays, latest first. For a "
        "discharge within its 30-day TCM period: the interactive contact (a reached contact; a "
        "voicemail does not count, and each attempt is listed), the medication reconciliation "
        "(no later than the visit) and the face-to-face visit (7 days at high complexity, 14 "
        "at moderate), each done, due by or overdue. {stays.add} records a stay, {stays.edit} "
        "edits the highlighted one; {stays.med_rec} and {stays.visit} mark those steps done on "
        "a day; {stays.log_contact} logs a contact; {stays.lace} confirms its LACE answers. "
        "A discharge to skilled nursing, rehabilitation or hospice starts no TCM, nor does an "
        "emergency visit; a readmission ends the earlier discharge's TCM, which restarts at "
        "the next discharge."
    )
    BINDINGS = bindings_for("stays")
    DEFAULT_CSS = """
    StaysScreen #stays-title { height: 1; padding: 0 1; text-style: bold; }
    StaysScreen #stays-table { height: auto; max-height: 7; }
    StaysScreen #stays-legend { height: 1; padding: 0 1; }
    StaysScreen #stays-scroll { height: 1fr; padding: 0 1; }
    """

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id
        self.view: ClientStays | None = None
        self.wanted: int | None = None
        """The stay to highlight once shown (one just recorded)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Stays & TCM", id="stays-title")
        yield DataTable(id="stays-table", cursor_type="row", zebra_stripes=True)
        yield Static(legend(), id="stays-legend")
        with VerticalScroll(id="stays-scroll"):
            yield Static("Loading…", id="stays-detail")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "carecli"
        table = self.query_one(DataTable)
        for title, width in COLUMNS:
            table.add_column(title, width=width)
        self.app.data_changed.subscribe(self, self._data_changed)  # type: ignore[attr-defined]
        self.reload()

    def reload(self) -> None:
        self.call_service(self.service.stays, self.client_id, done=self._show)

    def _data_changed(self, client_id: int | None) -> None:
        if client_id is None or client_id == self.client_id:
            self.reload()

    # showing ------------------------------------------------------------------------------
    def _show(self, view: ClientStays) -> None:
        self.sub_title = one_line(view.name)
        self.query_one("#stays-title", Static).update(
            Text(f"Stays & TCM — {one_line(view.name)}", style="bold"))
        table = self.query_one(DataTable)
        keep = table.cursor_row
        shown = self.current
        table.clear()
        for item in view.stays:
            stay = item.stay
            table.add_row(
                stay.admitted_on.isoformat(),
                stay.discharged_on.isoformat() if stay.discharged_on else "still in",
                label(stay.kind), Text(one_line(stay.facility)),
                tcm_cell(item, view.today), key=str(stay.id))
        self.view = view
        if view.stays:  # the stay just recorded, else the one highlighted before
            ids = [item.stay.id for item in view.stays]
            wanted = self.wanted if self.wanted in ids else shown and shown.stay.id
            table.move_cursor(row=ids.index(wanted) if wanted in ids
                              else min(keep, len(ids) - 1))
            self.wanted = None if self.wanted in ids else self.wanted
        self._show_detail()

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_edit()

    @property
    def current(self) -> StayView | None:
        if self.view is None or not self.view.stays:
            return None
        row = self.query_one(DataTable).cursor_row
        return self.view.stays[min(max(row, 0), len(self.view.stays) - 1)]

    def _show_detail(self) -> None:
        detail = self.query_one("#stays-detail", Static)
        if self.view is None:
            return
        item = self.current
        if item is None:
            detail.update(fill("No hospital stays recorded. {stays.add} records one."))
            return
        detail.update(stay_detail(item, self.view.today))

    # actions ------------------------------------------------------------------------------
    def action_add(self) -> None:
        def recorded(stay_id: Any) -> None:
            self.wanted = stay_id

        record_stay(self.app, self.client_id, done=recorded)

    def action_edit(self) -> None:
        item = self.current
        if item is None:
            return

        def opened(stay: Stay) -> None:
            values = {spec.key: getattr(stay, spec.key) for spec in STAY_FORM}
            self.app.push_screen(
                StayForm(title="Edit hospital stay", fields=STAY_FORM, values=values,
                         submit=lambda v: self.service.update_stay(stay.id, stay.version, v)),
                _saved(self.app, self.client_id, "Hospital stay saved."))

        self.call_service(self.service.stay, item.stay.id, done=opened)

    def action_step(self, step: str) -> None:
        item = self.current
        if item is None:
            return
        if item.tcm is None:
            self.notify(NO_TCM_WORDS, markup=False)
            return

        mark_step(self.app, self.client_id, item.stay.id, step, self.sub_title)

    def action_lace(self) -> None:
        item = self.current
        if item is None:
            return
        if item.stay.emergency:
            self.notify(NO_LACE_WORDS, markup=False)
            return
        if item.stay.discharged_on is None:
            self.notify("LACE needs the discharge day: record it first.", markup=False)
            return

        def opened(draft: LaceDraft) -> None:
            stay = draft.stay
            self.app.push_screen(
                FormScreen(title=lace_title(draft), fields=LACE_FORM, values=draft.values(),
                           submit=lambda v: self.service.save_lace(stay.id, stay.version, v)),
                _lace_saved(self.app, self.client_id))

        self.call_service(self.service.lace_draft, item.stay.id, done=opened)

    def action_log_contact(self) -> None:
        contact_logger.log_contact(self.app, self.client_id)


def _lace_saved(app: App, client_id: int) -> Any:
    def callback(total: Any) -> None:
        if total is not None:
            app.notify(f"LACE {total} saved.", markup=False)
            app.post_message(DataChanged(client_id))

    return callback


def lace_title(draft: LaceDraft) -> str:
    """The LACE form's title: the length of stay, and the Charlson conditions that counted."""
    named = "; ".join(f"{c.name} {c.weight}" for c in draft.charlson.conditions)
    return (f"LACE — {counted(draft.stay.length_days or 0, 'day')} in; from the record: "
            f"Charlson {draft.charlson.index} ({named or 'no Charlson condition'}), "
            f"{counted(draft.ed_visits, 'ED visit')} in 6 months. Confirm or change.")


def stay_detail(item: StayView, today: date) -> Text:
    """The highlighted stay in full, with its TCM period and steps."""
    stay = item.stay
    text = Text()
    text.append(one_line(stay.facility), style="bold")
    text.append(f" — {label(stay.kind).lower()}, admitted {day_words(stay.admitted_on)}")
    if stay.discharged_on is not None:
        text.append(f", discharged {day_words(stay.discharged_on)} "
                    f"({counted(stay.length_days or 0, 'day')})")
        if stay.disposition:
            text.append(f" to {label(stay.disposition).lower()}")
    else:
        text.append(", not discharged yet")
    text.append("\n")
    if stay.reason:
        text.append("Reason: ")
        text.append(one_line(stay.reason))
        text.append("\n")
    tcm = item.tcm
    if tcm is not None:
        if tcm.readmitted_on is not None:
            text.append(readmitted_words(tcm) + "\n", style="bold")
        elif tcm.in_period(today):
            text.append(period_words(tcm) + "\n", style="bold")
            for step in tcm.steps:
                text.append_text(step_line(step, today))
        elif today > tcm.period_ends:
            text.append(f"TCM period ended {day_words(tcm.period_ends)}\n", style="dim")
    elif (why := no_tcm_words(stay)) is not None:
        text.append(why + "\n", style="dim")
    if (lace := lace_words(stay)) is not None:
        text.append(f"{lace}: {counted(stay.length_days or 0, 'day')}, "
                    f"{'unplanned' if stay.acute_admission else 'planned'} admission, "
                    f"Charlson {stay.charlson}, {counted(stay.ed_visits_6mo or 0, 'ED visit')}\n")
    elif stay.discharged_on is not None and not stay.emergency:
        text.append(fill("LACE not scored yet ({stays.lace})\n"), style="dim")
    if stay.note:
        text.append("Note: ")
        text.append(one_line(stay.note))
    return text

