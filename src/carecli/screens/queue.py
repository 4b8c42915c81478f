"""Today's queue, the app's home: everything due today or overdue across every client, most
urgent first and each item saying why; a contact is logged, a call timed, an item snoozed or a
check-in scheduled from here in a keystroke. Read from `CareService.queue` in a worker, and
read again whenever something is saved (`DataChanged`) and when the nurse comes back to it from
a record or the caseload."""

from datetime import date, timedelta
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Static

from carecli.actions import bindings_for, key_of
from carecli.domain.daily import Queue, QueueItem
from carecli.plain import one_line
from carecli.screens.base import CareScreen, DataChanged
from carecli.screens.caseload import OpenClient
from carecli.widgets import queue_panels
from carecli.widgets.queue_table import QueueTable, kind_name

READING_THE_REST = "reading the rest of today's queue…"
"""The counts line while only the head of the queue is on screen."""

NEEDS_ITEM = {"log", "timer", "snooze", "check_in", "open", "plan", "add_stay"}
"""Actions on the highlighted item: offered only while there is one."""
NEEDS_INTERVENTION = {"mark_done"}
"""Actions on a care-plan intervention (or a TCM step): offered only while one is highlighted."""
MARKED_DONE = {"intervention", "tcm_medrec", "tcm_visit", "appointment_reminder"}
"""The items `d` marks done (an appointment's reminder call: made)."""


class QueueScreen(CareScreen):
    """The queue table, the highlighted item in full, and "done today" or the week ahead."""

    HELP = (
        "Today's queue: everything due today or overdue, in this order: safety findings, "
        "transitions of care, overdue check-ins (most overdue and highest risk first), then what "
        "is due today. {queue.log} logs a contact for the highlighted item and moves on to the "
        "next; {queue.timer} starts or pauses the call timer first. {queue.snooze} puts an item "
        "off to another day (safety items cannot be put off); {queue.check_in} schedules a "
        "check-in; {queue.done} marks a care-plan intervention done today ({queue.undo} takes "
        "it back), or a TCM medication reconciliation or visit done on a day; {queue.open} opens "
        "the record, {queue.plan} the care plan, {queue.stays} the client's stays and TCM; "
        "{queue.caseload} shows every client and {caseload.queue} there comes back here. "
        "{queue.week} shows how many items fall due on each of the next 7 days."
    )
    BINDINGS = bindings_for("queue")

    def __init__(self) -> None:
        super().__init__()
        self.queue: Queue | None = None
        self.follow: tuple[str, int] | None = None
        """The item the cursor goes to at the next reading (the one after a logged contact)."""
        self.away = False
        """Left for a record or the caseload (not a form or help over it): read again on the
        way back, for what was saved meanwhile elsewhere (`carecli log`, another window)."""
        self.marked: list[tuple[QueueItem, date]] = []
        """The interventions marked done on this screen and the day, oldest first: undoing
        takes the last one back."""

    @property
    def help_data(self) -> str:
        """Added after the help text as it is, its keys filled in (a client's name with
        `{…}` in it is never taken for a key)."""
        return " " + queue_panels.at_risk_words(self.queue.ccm_at_risk) if self.queue else ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="queue-counts")
        yield QueueTable(today=self.service.today(), id="queue-table")
        yield Static("", id="queue-detail")
        with VerticalScroll(id="queue-below"):
            yield Static("", id="queue-done")
            yield Static("", id="queue-week")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "carecli"
        self.sub_title = "Today"
        self.query_one("#queue-week").display = False
        self.table.focus()
        if self.service.is_open:
            self.reload()

    def on_screen_suspend(self) -> None:
        self.away = not isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        if self.away and self.queue is not None and self.service.is_open:
            self.reload()
        self.away = False

    @property
    def table(self) -> QueueTable:
        return self.query_one(QueueTable)

    # data -----------------------------------------------------------------------------
    def reload(self, client_id: int | None = None) -> None:
        """Read the queue again; the cursor stays on its item (or its place, once done). After
        a save for one client, their part comes first (a few seeks), merged into the queue
        shown; then everyone's, for the days ahead."""
        if client_id is not None and self.queue is not None:
            self.call_service(self.service.queue, client_id=client_id,
                              done=lambda part: self._merge(part, client_id))
        self.call_service(self.service.queue, done=self.show)

    def _merge(self, part: Queue, client_id: int) -> None:
        from carecli.domain.queue import merge_client

        if self.queue is not None:
            self.show(merge_client(self.queue, part, client_id))

    def show_first(self, items: tuple[QueueItem, ...]) -> None:
        """The items that head the queue, shown while the rest is read: they are exactly the
        first items of the full queue, in its order, so the cursor stays put when it comes.
        The counts and "done today" wait for it."""
        if self.queue is not None or not items:
            return  # a full reading is on screen already, or nothing to show early
        table = self.table
        table.set_rows(list(items), keep_id=table.row_id(table.current) if table.current
                       else None)
        self.query_one("#queue-counts", Static).update(READING_THE_REST)
        self._show_detail(table.current)
        self.refresh_bindings()

    def show(self, queue: Queue) -> None:
        table = self.table
        items = list(queue.items)
        keep = self.follow or (table.row_id(table.current) if table.current else None)
        self.follow = None
        ids = [table.row_id(i) for i in items]
        if keep not in ids and items:
            keep = ids[min(table.cursor, len(items) - 1)]  # done and gone: the one after it
        self.queue = queue
        table.empty_message = "Nothing is due today."
        table.set_rows(items, keep_id=keep)
        self.query_one("#queue-counts", Static).update(queue_panels.counts(queue))
        self.query_one("#queue-done", Static).update(queue_panels.done_today(queue.done))
        self.query_one("#queue-week", Static).update(queue_panels.week(queue.week))
        self._show_detail(table.current)
        self.refresh_bindings()

    @on(QueueTable.Highlighted)
    def _highlighted(self, event: QueueTable.Highlighted) -> None:
        self._show_detail(event.row)
        self.refresh_bindings()  # marking done is offered on an intervention only

    def _show_detail(self, item: QueueItem | None) -> None:
        detail = queue_panels.detail(item, self.service.today())
        self.query_one("#queue-detail", Static).update(detail)

    @property
    def item(self) -> QueueItem | None:
        return self.table.current

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NEEDS_ITEM and self.item is None:
            return None  # shown dimmed: nothing is highlighted
        if action in NEEDS_INTERVENTION and (self.item is None
                                             or self.item.kind not in MARKED_DONE):
            return None
        return True

    # keys ---------------------------------------------------------------------------
    def action_log(self) -> None:
        """The contact logger for the item; once saved, the cursor goes to the next item."""
        from carecli.screens.contact_logger import log_contact

        item, table = self.item, self.table
        if item is None:
            return
        after = table.rows[table.cursor + 1] if table.cursor + 1 < len(table.rows) else None

        def logged(_result: Any) -> None:
            self.follow = table.row_id(after) if after is not None else None
            self.reload()

        log_contact(self.app, item.client_id, item=item, done=logged)

    def action_timer(self) -> None:
        if self.item is not None:
            self.app.toggle_timer(self.item.client_id)  # type: ignore[attr-defined]

    def action_open(self) -> None:
        if self.item is not None:
            self.post_message(OpenClient(self.item.client_id))

    def action_plan(self) -> None:
        from carecli.screens.plan_editor import open_plan

        if self.item is not None:
            open_plan(self.app, self.item.client_id)

    def action_referrals(self) -> None:
        from carecli.screens.referrals import open_referrals

        if self.item is not None:
            open_referrals(self.app, self.item.client_id)

    def action_stays(self) -> None:
        from carecli.screens.stays import open_stays

        if self.item is not None:
            open_stays(self.app, self.item.client_id)

    def action_add_stay(self) -> None:
        from carecli.screens.stays import record_stay

        if self.item is not None:
            record_stay(self.app, self.item.client_id)

    def action_mark_done(self) -> None:
        """The highlighted intervention done today (`intervention_done`): it leaves the queue,
        shows in "done today", and the cursor goes to the next item."""
        item, table = self.item, self.table
        if item is not None and item.kind == "appointment_reminder":
            from carecli.screens.appointments import reminder_made

            reminder_made(self, item)
            return
        if item is not None and item.kind in ("tcm_medrec", "tcm_visit"):
            from carecli.screens.stays import mark_step

            step = "med_rec" if item.kind == "tcm_medrec" else "visit"
            mark_step(self.app, item.client_id, int(item.key.split(":", 1)[1]), step,
                      item.client)
            return
        if item is None or item.kind != "intervention":
            return
        after = table.rows[table.cursor + 1] if table.cursor + 1 < len(table.rows) else None

        uid, today = item.key.split(":", 1)[1], self.service.today()

        def marked(next_due: Any) -> None:
            self.follow = table.row_id(after) if after is not None else None
            self.marked.append((item, today))
            then = f" Next due {next_due:%a %b} {next_due.day}." if next_due else ""
            self.notify(f"Done for {one_line(item.client)}: {_what(item)}, today.{then} "
                        f"{key_of('queue.undo')} takes it back.", markup=False)
            self.app.post_message(DataChanged(item.client_id))

        self.call_service(self.service.intervention_done, item.client_id, uid, today,
                          done=marked)

    def action_undo_done(self) -> None:
        """Take back the last intervention marked done here (`d`), newest first: a slip of
        the key costs one more key, not a trip to the plan; it is due again as before."""
        if not self.marked:
            self.notify("Nothing to undo: no intervention was marked done here.",
                        markup=False)
            return
        item, day = self.marked.pop()

        def undone(_result: Any) -> None:
            self.follow = self.table.row_id(item)
            self.notify(f"Undone for {one_line(item.client)}: {_what(item)} is no longer "
                        "marked done today.", markup=False)
            self.app.post_message(DataChanged(item.client_id))

        self.call_service(self.service.undo_intervention_done, item.client_id,
                          item.key.split(":", 1)[1], day, done=undone)

    def action_snooze(self) -> None:
        item = self.item
        if item is None:
            return
        if item.key.startswith("safety:"):  # refused before a form is filled in for nothing
            from carecli.data.contact_inputs import SAFETY_NOT_SNOOZED

            self.notify(SAFETY_NOT_SNOOZED, severity="warning", markup=False)
            return
        from carecli.forms import SNOOZE_FORM

        tomorrow = self.service.today() + timedelta(days=1)
        self._form(f"Snooze {kind_name(item.kind).lower()}: {one_line(item.client)}",
                   SNOOZE_FORM, {"until_on": tomorrow},
                   lambda v: self.service.snooze(item.client_id, item.key, v["until_on"],
                                                 v["reason"]),
                   item, lambda v: f"Snoozed {one_line(item.client)} until "
                                   f"{_day(v['until_on'])}: it comes back that day.")

    def action_check_in(self) -> None:
        item = self.item
        if item is None:
            return
        from carecli.forms import CHECK_IN_FORM

        week = self.service.today() + timedelta(days=7)
        self._form(f"Schedule a check-in with {one_line(item.client)}", CHECK_IN_FORM,
                   {"due_on": week},
                   lambda v: self.service.schedule_follow_up(item.client_id,
                                                             {"kind": "check_in", **v}),
                   item, lambda v: f"Check-in with {one_line(item.client)} set for "
                                   f"{_day(v['due_on'])}: it is now their next check-in, in "
                                   "place of the one by cadence.")

    def _form(self, title: str, fields: tuple, values: dict[str, Any], submit: Any,
              item: QueueItem, said: Any) -> None:
        """A small form; when saved, say so and let every screen read again. (The forms load
        with the first one: they are not needed before the queue's rows are on screen.)"""
        from carecli.screens.form import FormScreen

        typed: dict[str, Any] = {}

        def save(v: dict[str, Any]) -> Any:
            typed.update(v)
            return submit(v)

        def saved(result: Any) -> None:
            if result is not None:
                self.notify(said(typed), markup=False)
                self.app.post_message(DataChanged(item.client_id))

        self.app.push_screen(FormScreen(title=title, fields=fields, values=values, submit=save),
                             saved)

    def action_toggle_week(self) -> None:
        week = self.query_one("#queue-week")
        week.display = not week.display
        self.query_one("#queue-done").display = not week.display


def _what(item: QueueItem) -> str:
    """An intervention item as the messages name it: its text and terms, not "due today"."""
    return one_line(item.reason.split(": ", 1)[-1])


def _day(value: Any) -> str:
    """A day typed in a form (saved, so a real day) as the messages name it: "Mon Dec 7"."""
    from carecli.data.inputs import parse_date

    try:
        day = parse_date(value)
    except ValueError:
        day = None
    return f"{day:%a %b} {day.day}" if day is not None else str(value)
