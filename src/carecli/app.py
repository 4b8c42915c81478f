"""CareApp: paints the caseload at once, opens the database in a worker, and wires the
global keys, the command palette and navigation between screens."""

import threading
from datetime import date

from textual import work
from textual.app import App
from textual.binding import Binding

from carecli.commands import AppCommands, ClientCommands
from carecli.config import DatabaseLocation
from carecli.data.reader import SqliteReader
from carecli.screens.caseload import CaseloadScreen
from carecli.screens.help import HelpScreen

GENERATION_CHECK_S = 3.0
"""How often the app looks whether another program replaced the database (one small read)."""


class CareApp(App[str]):
    """Exits with return code 1 and the reason as its result when the database fails."""

    CSS_PATH = "app.tcss"
    TITLE = "carecli"
    COMMANDS = {ClientCommands, AppCommands}  # not Textual's own (screenshot, maximize, ...)
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", id="app.help", tooltip="Keys and how-to"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(self, location: DatabaseLocation, *, today: date | None = None, db=None) -> None:
        super().__init__()
        self.location = location
        self.fixed_today = today
        self.db = db
        self.db_ready = threading.Event()
        if db is not None:
            self.db_ready.set()
        self.reader = SqliteReader(location.path) if location.path is not None else None
        self.caseload = CaseloadScreen()
        self.reopening = False
        """The database was found replaced and the caseload is being read again."""

    def today(self) -> date:
        return self.fixed_today or date.today()

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.push_screen(self.caseload)
        if self.db is None:
            self.open_database()
        self.set_interval(GENERATION_CHECK_S, self.look_for_replacement)

    def on_unmount(self) -> None:
        if self.db is not None:
            self.db.dispose()  # closing the last connection checkpoints the WAL into the file

    def rows_source(self):
        """What the caseload is read through: the file itself, or the server's pool."""
        return self.reader or self.db

    @work(thread=True, exit_on_error=False)
    def open_database(self) -> None:
        """Rows first (standard library only), then SQLAlchemy for writes, then the
        whole-file integrity check: each step starts once the one before is on screen."""
        from carecli.data.errors import CareDataError
        from carecli.data.precheck import FileState, inspect_file, verify_integrity

        path = self.location.path
        try:
            rows_shown = path is not None and inspect_file(path) is FileState.CURRENT
            if rows_shown:
                self._load_rows(self.reader)
            from carecli.data.db import open_database
            from carecli.data.versions import remember_generation  # SQLAlchemy: after the rows

            db = open_database(self.location, verify=False)
            remember_generation(db)
            self.call_from_thread(self._database_ready, db)
            if not rows_shown:
                self._load_rows(self.rows_source())
            if path is not None:
                verify_integrity(path)
        except CareDataError as exc:
            self.call_from_thread(self.exit, str(exc), 1)

    def _load_rows(self, source) -> None:
        from carecli.data.caseload import load_caseload, load_first_screen

        if source is self.reader:  # the top of the list first (a SQLite file)
            first = load_first_screen(db=source, today=self.today())
            if first:
                self.call_from_thread(self.caseload.show_rows, first, None, complete=False)
        rows = load_caseload(db=source, today=self.today())
        self.call_from_thread(self.caseload.show_rows, rows, None)

    def _database_ready(self, db) -> None:
        self.db = db
        self.db_ready.set()

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
        from carecli.data.versions import was_replaced

        if self.db is not None and was_replaced(self.db):
            self.call_from_thread(self._replaced_underneath)

    def _replaced_underneath(self) -> None:
        """Noticed without a write: leave an open form alone (its save will be refused, and
        it keeps the text meanwhile); otherwise back to the caseload, reloaded."""
        from textual.screen import ModalScreen

        if not isinstance(self.screen, ModalScreen) and not self.reopening:
            from carecli.data.versions import NOTICED

            self.database_replaced(NOTICED)

    def database_replaced(self, message: str) -> None:
        """Another program replaced the database (its ids now name other people): nothing was
        written; go back to the caseload and read it again."""
        self.notify(message, severity="warning", markup=False, timeout=10)
        self.action_show_caseload()
        self.reopening = True
        self._reopen_replaced()

    @work(thread=True, group="replaced", exit_on_error=False)
    def _reopen_replaced(self) -> None:
        from carecli.data.versions import remember_generation

        try:
            remember_generation(self.db)
            self.call_from_thread(self.refresh_caseload)
        finally:
            self.reopening = False

    # navigation -----------------------------------------------------------------------
    def caseload_rows(self):
        return self.caseload.all_rows

    def caseload_row(self, client_id: int):
        return next((r for r in self.caseload.all_rows if r.id == client_id), None)

    def caseload_changed(self) -> None:
        """Fresh caseload rows: an open record redraws its at-a-glance summary from them."""
        summary = getattr(self.screen, "refresh_summary", None)
        if summary is not None:
            summary()

    def refresh_caseload(self, select_id: int | None = None) -> None:
        self.caseload.reload(select_id)

    def open_client(self, client_id: int) -> None:
        from carecli.screens.record import RecordScreen

        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.push_screen(RecordScreen(client_id))

    def action_show_caseload(self) -> None:
        while self.screen is not self.caseload:
            self.pop_screen()

    def action_new_client(self) -> None:
        from carecli.screens import editing

        self.with_db(editing.new_client, self, self.open_client)

    def with_db(self, action, *args) -> None:
        """Run `action(*args)` now, or as soon as the database is open (a key pressed in the
        first moment after the rows appear is kept, not refused)."""
        if self.db is not None:
            action(*args)
        else:
            self._after_db_opens(action, args)

    @work(thread=True, group="waiting")
    def _after_db_opens(self, action, args) -> None:
        if self.wait_for_db():
            self.call_from_thread(action, *args)

    def wait_for_db(self) -> bool:
        """In a worker thread: wait until the database is open; False if the app is ending."""
        while not self.db_ready.wait(0.1):
            if not self.is_running:
                return False
        return True

    def action_assess_current(self) -> None:
        client_id = getattr(self.screen, "client_id", None)
        if client_id is None and self.caseload.table.current is not None:
            client_id = self.caseload.table.current.id
        if client_id is not None:
            self.start_assessment(client_id)

    def start_assessment(self, client_id: int) -> None:
        from carecli.screens import assess

        self.with_db(assess.start_or_resume, self, client_id)

    def show_assessment_summary(self, wizard_screen) -> None:
        from carecli.screens import assess

        assess.show_summary(self, wizard_screen)

    def assessment_done(self, client_id: int) -> None:
        from carecli.screens import assess

        assess.finish(self, client_id)

    async def action_quit(self) -> None:
        """Quit at once, unless text typed into an open form would be lost: then ask."""
        from carecli.screens.confirm import ConfirmScreen
        from carecli.screens.form import QUIT_QUESTION, typing_would_be_lost

        if isinstance(self.screen, ConfirmScreen) and self.screen.question == QUIT_QUESTION:
            return  # already asking
        if not typing_would_be_lost(self.screen_stack):
            self.exit()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.exit()

        self.push_screen(ConfirmScreen(QUIT_QUESTION), answered)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def show_welcome(self) -> None:
        from carecli.screens.welcome import WelcomeScreen

        if self.screen is self.caseload:
            self.push_screen(WelcomeScreen(), self._welcome_choice)

    def _welcome_choice(self, choice: str | None) -> None:
        if choice == "demo":
            self.notify("Building the demo caseload…")
            self.load_demo()
        elif choice == "new":
            self.action_new_client()
        else:
            self.exit()

    @work(thread=True, exclusive=True, group="demo", exit_on_error=False)
    def load_demo(self) -> None:
        from carecli.demo import build_demo

        if self.wait_for_db():
            build_demo(db=self.db, today=self.today())
            self.call_from_thread(self.refresh_caseload)
