"""One client's appointments: a table (those to come first, soonest first; then the past,
latest first) with the highlighted one in full below. Add one (with whom: a care-team member
of the client, picked by the digit before their name, or a name typed; when, in local time;
where; purpose; transport arranged and how), edit one (against the version read: a stale form
is refused), and say how it went (attended, missed, cancelled, rescheduled with its new time,
and a note). Opened with `m` from the record and the queue, or from the palette."""

from typing import Any

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

from carecli.actions import bindings_for, fill
from carecli.domain.appointments import Appointment, clock_words, transport_words
from carecli.domain.enums import AppointmentStatus, label
from carecli.domain.fields import NAME_MAX, TEXT_MAX
from carecli.forms import FieldSpec
from carecli.plain import cut, one_line, plain
from carecli.screens.base import CareScreen, DataChanged, run_service_call
from carecli.screens.form import FormScreen

SOMEONE_ELSE = "other"
WHEN_HINT = "YYYY-MM-DD HH:MM, local time"
# the widths fit a terminal 80 columns wide, with the cells' padding
COLUMNS = (("When", 16), ("With", 14), ("Where", 12), ("Purpose", 10), ("Ride", 4),
           ("Status", 10))
OUTCOMES = tuple((label(s), s.value) for s in AppointmentStatus
                 if s != AppointmentStatus.SCHEDULED)


def open_appointments(app: App, client_id: int) -> None:
    """Push the appointments of the client (read first, so the screen opens filled)."""
    service = app.service  # type: ignore[attr-defined]
    run_service_call(app, _read, service, client_id,
                     done=lambda view: app.push_screen(AppointmentScreen(client_id, *view)))


def client_on(screen: Any) -> int | None:
    """The client the screen is on: the record's, or the queue's highlighted item's."""
    client_id = getattr(screen, "client_id", None)
    if client_id is None and getattr(screen, "item", None) is not None:
        client_id = screen.item.client_id
    return client_id


def reminder_made(screen: Any, item: Any) -> None:
    """An appointment's reminder call (a queue item) marked made today: it leaves the queue."""
    appointment_id = int(item.key.split(":", 1)[1])

    def marked(_result: Any) -> None:
        screen.notify(f"Done for {one_line(item.client)}: reminder call made.", markup=False)
        screen.app.post_message(DataChanged(item.client_id))

    screen.call_service(screen.service.mark_appointment_reminded, appointment_id, done=marked)


def _read(service: Any, client_id: int) -> tuple[str, tuple, tuple]:
    """The client's name, their care team and their appointments, for the screen."""
    record = service.record(client_id).record
    name = f"{record.client.given_name} {record.client.family_name}"
    return name, tuple(record.entries.get("care_team", ())), service.appointments(client_id)


def people(team: tuple) -> tuple[tuple[str, str], ...]:
    """"With whom": each care-team member behind a digit (the list jumps to it), then
    someone else. Values: `member:<id>` or `other`."""
    found = [(f"{n} {m.name} ({m.role})", f"member:{m.id}") for n, m in enumerate(team, 1)]
    return (*found, ("Someone else (type the name below)", SOMEONE_ELSE))


def form_fields(team: tuple) -> tuple[FieldSpec, ...]:
    """The appointment's form; its status and outcome note too, so one that has happened can
    be written down after the fact (attended, missed, cancelled)."""
    statuses = tuple((label(s), s.value) for s in AppointmentStatus)
    return (
        FieldSpec("who", "With whom", "choice", required=True, choices=people(team)),
        FieldSpec("with_whom", "Someone else (name)", max_length=NAME_MAX),
        FieldSpec("starts_at", "When", required=True, placeholder=WHEN_HINT),
        FieldSpec("location", "Where", max_length=400),
        FieldSpec("purpose", "Purpose", max_length=400),
        FieldSpec("transport_arranged", "Transport arranged", "bool"),
        FieldSpec("transport_note", "Transport note", max_length=400,
                  placeholder="who drives, pick-up time"),
        FieldSpec("status", "Status", "choice", required=True, choices=statuses),
        FieldSpec("outcome_note", "Outcome note", "note", max_length=TEXT_MAX),
    )


OUTCOME_FIELDS = (
    FieldSpec("status", "How it went", "choice", required=True, choices=OUTCOMES),
    FieldSpec("outcome_note", "Outcome note", "note", max_length=TEXT_MAX),
    FieldSpec("new_starts_at", "New time (rescheduled)", placeholder=WHEN_HINT),
)


def form_values(appointment: Appointment | None, team: tuple) -> dict[str, Any]:
    """The form opened on an appointment (None: a new one, with the first care-team member)."""
    if appointment is None:
        return {"who": f"member:{team[0].id}" if team else SOMEONE_ELSE,
                "status": AppointmentStatus.SCHEDULED.value}
    listed = {m.id for m in team}
    member = appointment.care_team_member_id
    values = {
        "who": f"member:{member}" if member in listed else SOMEONE_ELSE,
        "with_whom": "" if member in listed else appointment.with_whom,
        "starts_at": f"{appointment.local_start:%Y-%m-%d %H:%M}",
        "status": appointment.status,
    }
    for name in ("location", "purpose", "transport_note", "outcome_note"):
        values[name] = getattr(appointment, name) or ""
    values["transport_arranged"] = appointment.transport_arranged
    return values


def service_values(form: dict[str, Any]) -> dict[str, Any]:
    """The form's answers as the service takes them: a member's id, or the name typed."""
    values = {key: value for key, value in form.items() if key != "who"}
    who = str(form.get("who") or "")
    typed = str(form.get("with_whom") or "").strip()
    values["care_team_member_id"] = None
    if who.startswith("member:") and not typed:
        values["care_team_member_id"] = int(who.removeprefix("member:"))
        values["with_whom"] = None
    return values


def row_cells(appointment: Appointment, today) -> list[Text]:
    style = "" if appointment.scheduled else "dim"
    values = (clock_words(appointment.starts_at, today), appointment.with_whom,
              appointment.location or "", appointment.purpose or "",
              "yes" if appointment.transport_arranged else "", label(appointment.status))
    return [plain(cut(one_line(v), width), style)
            for v, (_, width) in zip(values, COLUMNS, strict=True)]


def details(appointment: Appointment, today) -> Text:
    """The highlighted appointment in full."""
    text = plain(one_line(f"{appointment.with_whom}, "
                          f"{clock_words(appointment.starts_at, today)}"), "bold")
    text.append(f" · {label(appointment.status)}")
    for title, value in (("Where", appointment.location), ("Purpose", appointment.purpose),
                         ("Transport", " · ".join(filter(None, (
                             transport_words(appointment), appointment.transport_note)))),
                         ("Reminder call", appointment.reminded_on and
                          f"made {appointment.reminded_on:%a %b} {appointment.reminded_on.day}"),
                         ("Outcome", appointment.outcome_note)):
        if value:
            text.append(f"\n{title}: ", "bold")
            text.append_text(plain(one_line(value)))
    return text


class AppointmentScreen(CareScreen):
    HELP = (
        "A client's appointments: those to come first, soonest first, then the past. "
        "{appointments.add} adds one (with whom: a care-team member by the digit before their "
        "name, or someone else typed; when, in local time); {appointments.edit} edits the "
        "highlighted one; {appointments.outcome} says how it went (a rescheduled one gets its "
        "new appointment). The queue calls for a reminder the day before and asks how it went "
        "the day after. {appointments.back} goes back."
    )
    BINDINGS = bindings_for("appointments")
    DEFAULT_CSS = """
    AppointmentScreen #appointments-table { height: 1fr; }
    AppointmentScreen #appointments-detail { height: auto; max-height: 8; padding: 0 1; }
    """

    def __init__(self, client_id: int, name: str, team: tuple, appointments: tuple) -> None:
        super().__init__()
        self.client_id = client_id
        self.client_name = name
        self.team = team
        self.appointments: tuple[Appointment, ...] = appointments

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="appointments-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="appointments-detail")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "carecli"
        self.sub_title = f"Appointments of {one_line(self.client_name)}"
        for title, width in COLUMNS:
            self.table.add_column(title, width=width)
        self.show(self.appointments)
        self.table.focus()

    @property
    def table(self) -> DataTable:
        return self.query_one("#appointments-table", DataTable)

    @property
    def current(self) -> Appointment | None:
        row = self.table.cursor_row
        shown = self.appointments
        return shown[row] if shown and 0 <= row < len(shown) else None

    def show(self, appointments: tuple, keep: int | None = None) -> None:
        """The list in the service's order (`domain.appointments.in_order`)."""
        keep = keep if keep is not None else (self.current.id if self.current else None)
        self.appointments = appointments
        table, today = self.table, self.service.today()
        table.clear()
        for appointment in self.appointments:
            table.add_row(*row_cells(appointment, today), key=str(appointment.id))
        ids = [a.id for a in self.appointments]
        if ids:
            table.move_cursor(row=ids.index(keep) if keep in ids else 0)
        self._show_current()

    def _show_current(self) -> None:
        current = self.current
        shown = (details(current, self.service.today()) if current is not None else
                 Text(fill("No appointment yet: {appointments.add} adds one.")))
        self.query_one("#appointments-detail", Static).update(shown)

    @on(DataTable.RowHighlighted, "#appointments-table")
    def _highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_current()

    @on(DataTable.RowSelected, "#appointments-table")
    def _selected(self, _event: DataTable.RowSelected) -> None:
        self.action_edit()

    # keys -------------------------------------------------------------------------------
    def action_add(self) -> None:
        def submit(form: dict[str, Any]) -> int:
            return self.service.add_appointment(self.client_id, service_values(form))

        self.app.push_screen(
            FormScreen(title=f"New appointment of {self.client_name}",
                       fields=form_fields(self.team),
                       values=form_values(None, self.team), submit=submit),
            lambda new_id: self._saved(new_id, "Appointment added."))

    def action_edit(self) -> None:
        appointment = self.current
        if appointment is None:
            return

        def submit(form: dict[str, Any]) -> None:
            self.service.update_appointment(appointment.id, appointment.version,
                                            service_values(form))

        self.app.push_screen(
            FormScreen(title=f"Appointment of {self.client_name}",
                       fields=form_fields(self.team),
                       values=form_values(appointment, self.team), submit=submit),
            lambda saved: self._saved(appointment.id if saved else None, "Appointment saved."))

    def action_outcome(self) -> None:
        appointment = self.current
        if appointment is None:
            return

        def submit(form: dict[str, Any]) -> int:
            new = self.service.appointment_outcome(appointment.id, appointment.version, form)
            return new or appointment.id

        values = {"status": appointment.status if not appointment.scheduled
                  else AppointmentStatus.ATTENDED.value,
                  "outcome_note": appointment.outcome_note or ""}
        self.app.push_screen(
            FormScreen(title=f"How did it go? {appointment.with_whom}, "
                             f"{clock_words(appointment.starts_at, self.service.today())}",
                       fields=OUTCOME_FIELDS, values=values, submit=submit),
            lambda kept: self._saved(kept, "Outcome saved."))

    def _saved(self, appointment_id: int | None, message: str) -> None:
        """After a form: say so, read the list again (a form closed unsaved may have met a
        change made elsewhere: read all the same) and tell the other screens."""
        if appointment_id is None:
            self.reload()
            return
        self.app.notify(message, markup=False)
        self.app.post_message(DataChanged(self.client_id))
        self.reload(appointment_id)

    def reload(self, keep: int | None = None) -> None:
        self.call_service(self.service.appointments, self.client_id,
                          done=lambda found: self.show(found, keep))
