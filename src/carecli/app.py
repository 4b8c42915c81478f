"""CareApp: opens on today's queue (or the caseload, `home`), paints the other at once, opens
the database in a worker, and wires the global keys, the command palette and navigation between
screens. The queue and the caseload are two modes, each with its own stack: a record goes back
to where it was opened from. Every read and write goes through the injected `CareService`."""

import asyncio
import signal

from textual import on, work
from textual.app import App
from textual.screen import ModalScreen
from textual.signal import Signal

from carecli.actions import bindings_for
from carecli.commands import ActionCommands, ClientCommands
from carecli.data.service import CareService
from carecli.screens.base import DataChanged, run_service_call
from carecli.screens.caseload import CaseloadScreen, OpenClient, RowsShown, StartAssessment
from carecli.screens.help import HelpScreen
from carecli.screens.queue import QueueScreen
from carecli.screens.timer import TimerControl
from carecli.screens.welcome import offer_welcome

STOPPED = "Stopped by SIGTERM; what was saved before is kept."
"""The app's last word when the system or `kill` asks it to end."""
GENERATION_CHECK_S = 3.0
"""How often the app looks whether another program replaced the database (one small read)."""


class CareApp(App[str]):
    """Exits with return code 1 and the reason as its result when the database fails."""

    CSS_PATH = "app.tcss"
    TITLE = "carecli"
    COMMANDS = {ClientCommands, ActionCommands}  # not Textual's (screenshot, maximize, ...)
    BINDINGS = bindings_for("app")

    def __init__(self, service: CareService, home: str = "queue") -> None:
        super().__init__()
        self.service = service
        self.home = home
        """The screen the app opens on: "queue" (today's queue) or "caseload"."""
        self.caseload = CaseloadScreen()
        self.queue = QueueScreen()
        self.add_mode("queue", lambda: self.queue)
        self.add_mode("caseload", lambda: self.caseload)
        self.data_changed: Signal[int | None] = Signal(self, "data-changed")
        """A save: an open record of that client (every record, for None) reads itself again."""
        self.rows_shown: Signal[tuple] = Signal(self, "rows-shown")
        """Fresh caseload rows: an open record redraws its at-a-glance summary from them."""
        self.reopening = False
        """The database was found replaced and the caseload is being read again."""
        self.call_timer = TimerControl(self)
        """The call timer every screen shows (kept in the database)."""

    def today(self):
        return self.service.today()

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        # both mounted at once: the caseload's rows feed the palette and welcome
        self.switch_mode("caseload" if self.home == "queue" else "queue")
        self.switch_mode(self.home)
        if self.service.is_open:  # handed an open service: nothing waits on its import
            self.call_timer.load()
        else:
            self.open_database()
        self.set_interval(GENERATION_CHECK_S, self.look_for_replacement)
        self._on_sigterm(lambda loop: loop.add_signal_handler(
            signal.SIGTERM, self.exit, STOPPED, 128 + signal.SIGTERM))

    def on_unmount(self) -> None:
        self._on_sigterm(lambda loop: loop.remove_signal_handler(signal.SIGTERM))
        self.service.close()  # waits for saves already asked for

    @staticmethod
    def _on_sigterm(change) -> None:
        """SIGTERM (`kill`, a logout) ends the app like a quit: saves asked for finish and the
        terminal is given back. Only where the event loop can take signals (its main thread,
        not Windows); elsewhere the default, ending at once, stays."""
        try:
            change(asyncio.get_running_loop())
        except (NotImplementedError, RuntimeError, ValueError):
            pass

    @work(thread=True, exit_on_error=False)
    def open_database(self) -> None:
        """The home screen's rows first (standard library only), then SQLAlchemy for writes
        and the call timer a quit or crash left running, then the other screen's rows, then
        the whole-file integrity check: each step starts once the one before is on screen.
        (Reading the timer first would import SQLAlchemy while the rows are read, and the two
        would share one interpreter lock.)"""
        from carecli.data.errors import CareDataError

        home, other = ((self._load_caseload, self._load_queue) if self.home == "caseload"
                       else (self._load_queue, self._load_caseload))
        try:
            rows_shown = self.service.file_is_current()
            if rows_shown:
                home()
            self.service.open()
            self.call_from_thread(self.call_timer.load)
            if not rows_shown:
                home()
            other()
            self.service.verify_integrity()
        except CareDataError as exc:
            self.call_from_thread(self.exit, str(exc), 1)

    def _load_queue(self) -> None:
        def first(items: tuple) -> None:
            self.call_from_thread(self.queue.show_first, items)

        self.call_from_thread(self.queue.show, self.service.queue(first=first))

    def _load_caseload(self) -> None:
        first = self.service.first_screen()
        if first:
            self.call_from_thread(self.caseload.show_rows, first, None, complete=False)
        self.call_from_thread(self.caseload.show_rows, self.service.caseload(), None)

    def on_worker_state_changed(self, event) -> None:
        """Any worker that fails (the app's or a screen's): a data error is shown as a message;
        anything else ends the app with one sentence instead of a traceback."""
        from textual.worker import WorkerState

        if event.state is WorkerState.ERROR:
            from carecli.data.errors import CareDataError, DatabaseReplaced, describe_failure

            error = event.worker.error
            if isinstance(error, DatabaseReplaced):
                self.database_replaced(str(error))
            elif isinstance(error, CareDataError):
                self.notify(str(error), severity="error", markup=False, timeout=10)
            else:
                self.exit(describe_failure(error), 1)

    # a database replaced by another program ---------------------------------------------
    @work(thread=True, group="generation", exit_on_error=False)
    def look_for_replacement(self) -> None:
        notice = self.service.replaced()
        if notice is not None:
            self.call_from_thread(self._replaced_underneath, notice)

    def _replaced_underneath(self, notice: str) -> None:
        """Noticed without a write: leave an open form alone (its save will be refused, and
        it keeps the text meanwhile); otherwise back to the caseload, reloaded."""
        if not isinstance(self.screen, ModalScreen) and not self.reopening:
            self.database_replaced(notice)

    def database_replaced(self, message: str) -> None:
        """Another program replaced the database (its ids now name other people): nothing was
        written; go back to the caseload and read it again."""
        self.notify(message, severity="warning", markup=False, timeout=10)
        for mode in ("queue", "caseload"):  # every screen opened on the old file closes
            self.switch_mode(mode)
            while len(self.screen_stack) > 1:
                self.pop_screen()
        self.reopening = True

        def reopened(_result: object) -> None:
            self.reopening = False
            self.caseload.reload()
            self.queue.reload()

        run_service_call(self, self.service.remember_generation, done=reopened,
                         refused=reopened)

    # navigation and data changes ----------------------------------------------------------
    @on(DataChanged)
    def _data_changed(self, event: DataChanged) -> None:
        self.caseload.reload(event.client_id if event.select else None)
        self.queue.reload(event.client_id)
        self.data_changed.publish(event.client_id)
        self.call_timer.load()  # a logged call stops its timer

    @on(RowsShown)
    def _rows_shown(self, event: RowsShown) -> None:
        self.rows_shown.publish(event.rows)
        if not event.rows and any(self.screen is s for s in (self.queue, self.caseload)):
            offer_welcome(self)

    @on(OpenClient)
    def _open_client(self, event: OpenClient) -> None:
        self.open_client(event.client_id)

    @on(StartAssessment)
    def _start_assessment(self, event: StartAssessment) -> None:
        self.start_assessment(event.client_id)

    def caseload_rows(self) -> tuple:
        """The rows on the caseload now (the palette's clients)."""
        return self.caseload.all_rows

    def open_client(self, client_id: int) -> None:
        from carecli.screens.record import RecordScreen

        while len(self.screen_stack) > 1:  # back to the queue or the caseload
            self.pop_screen()
        self.push_screen(RecordScreen(client_id, self.caseload.row(client_id)))

    def action_show_caseload(self) -> None:
        self.show_mode("caseload")

    def action_show_queue(self) -> None:
        self.show_mode("queue")

    def show_mode(self, mode: str) -> None:
        """The queue or the caseload itself (records opened there close); not from an open
        dialog (from the palette), which would be left behind with what was typed in it."""
        if isinstance(self.screen, ModalScreen):
            self.notify("Save or close this form first.", markup=False)
            return
        self.switch_mode(mode)
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_open_appointments(self) -> None:
        from carecli.screens.appointments import client_on, open_appointments

        client_id = client_on(self.screen)
        if client_id is not None:
            open_appointments(self, client_id)

    def action_open_resources(self) -> None:
        from carecli.screens.resources import open_directory

        open_directory(self)

    def action_new_client(self) -> None:
        from carecli.screens import editing

        editing.new_client(self, self.open_client)

    def start_assessment(self, client_id: int) -> None:
        """Start or resume an assessment of the client (a flow whose screens were closed
        under it, say by a replaced database, is ended first)."""
        from carecli.screens.assess import AssessmentFlow

        self.run_worker(AssessmentFlow(self, client_id).run(), group="assessment",
                        exclusive=True, exit_on_error=False)

    # the call timer ---------------------------------------------------------------------
    def toggle_timer(self, client_id: int) -> None:
        """Start the client's call timer, or pause or resume it."""
        self.call_timer.toggle(client_id)

    def action_toggle_running_timer(self) -> None:
        self.call_timer.toggle_running()

    def action_log_timed_call(self) -> None:
        self.call_timer.log_call()

    def action_discard_timer(self) -> None:
        self.call_timer.discard()

    async def action_quit(self) -> None:
        """Quit at once, unless a call is being timed or text typed into an open form would
        be lost: then ask."""
        from carecli.screens.confirm import ConfirmScreen
        from carecli.screens.form import QUIT_QUESTION

        if isinstance(self.screen, ConfirmScreen) and self.screen.question == QUIT_QUESTION:
            return  # already asking
        if not self.call_timer.asks_at_quit(self.quit_unless_typing):
            self.quit_unless_typing()

    def quit_unless_typing(self) -> None:
        from carecli.screens.confirm import ConfirmScreen
        from carecli.screens.form import QUIT_QUESTION, typing_would_be_lost

        if not typing_would_be_lost(self.screen_stack):
            self.exit()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.exit()

        self.push_screen(ConfirmScreen(QUIT_QUESTION), answered)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen(self.screen))
