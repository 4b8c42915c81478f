"""The call timer in the app: the one timer the screens show (`TimerBar`), read from the database
at start-up and after every save, started, paused and resumed through the data service, and
the question asked when quitting while it runs. Times are kept in the database, so the timer
goes on counting across a restart or a crash."""

from collections.abc import Callable
from datetime import UTC, datetime

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.signal import Signal
from textual.widgets import Button, Footer, Static

from carecli.actions import bindings_for, button, fill
from carecli.domain.daily import TimerState
from carecli.plain import one_line, plain
from carecli.screens.base import InOrder, run_service_call
from carecli.widgets.timer_bar import clock


class TimerControl:
    """The app's timer: `state` (None while there is none) and `changed`, published with
    each new state."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.state: TimerState | None = None
        self.changed: Signal[TimerState | None] = Signal(app, "timer-changed")
        self.in_order = InOrder()
        """Toggles run one after another, each deciding on what the one before left."""

    @property
    def service(self):
        return self.app.service  # type: ignore[attr-defined]

    def load(self) -> None:
        """Read the timer from the database (at start-up, after a save)."""
        run_service_call(self.app, self.service.timers, in_order=self.in_order,
                         done=lambda found: self._show(found[0] if found else None))

    def toggle(self, client_id: int) -> None:
        """Start the client's timer, or pause or resume it; refused (with a sentence) while
        another client's timer exists."""
        run_service_call(self.app, self._toggled, client_id, in_order=self.in_order,
                         done=self._show, refused=self._refused)

    def _toggled(self, client_id: int) -> TimerState | None:
        """In the worker: the stored timer decides, not what the screen last showed."""
        service = self.service
        mine = next((t for t in service.timers() if t.client_id == client_id), None)
        if mine is None:
            return service.start_timer(client_id)
        if mine.running:
            return service.pause_timer(mine.id)
        return service.resume_timer(mine.id)

    def toggle_running(self) -> None:
        """Pause or resume the timer there is, on any screen."""
        if self.state is None:
            self.app.notify(fill("No call timer is running: {caseload.timer} on a client "
                                 "starts one."), markup=False)
        else:
            self.toggle(self.state.client_id)

    def log_call(self) -> None:
        """The contact logger for the timed call, its minutes from the timer."""
        from carecli.screens.contact_logger import log_contact

        if self.state is None:
            self.app.notify("No call timer is running.", markup=False)
        else:
            log_contact(self.app, self.state.client_id)

    def discard(self) -> None:
        """Throw the timer away without logging (asks first)."""
        from carecli.screens.confirm import ConfirmScreen

        state = self.state
        if state is None:
            self.app.notify("No call timer is running.", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                run_service_call(self.app, self.service.discard_timer, state.id,
                                 in_order=self.in_order, done=lambda _: self._show(None))

        self.app.push_screen(ConfirmScreen(
            f"Discard the call timer of {one_line(state.client)} without logging the call?"),
            answered)

    def _refused(self, error: Exception) -> None:
        self.app.notify(str(error), severity="warning", markup=False)
        self.load()

    def _show(self, state: TimerState | None) -> None:
        self.state = state
        self.changed.publish(state)

    def asks_at_quit(self, quit_now: Callable[[], None]) -> bool:
        """While the timer runs, ask what to do with it before quitting (`quit_now` quits);
        False when there is nothing to ask."""
        state = self.state
        if isinstance(self.app.screen, QuitWithTimerScreen):
            return True
        if state is None or not state.running:
            return False

        def answered(choice: str | None) -> None:
            if choice == "keep":
                quit_now()
            elif choice == "pause":
                run_service_call(self.app, self.service.pause_timer, state.id,
                                 in_order=self.in_order, done=lambda _: quit_now())
            elif choice == "log":
                from carecli.screens.contact_logger import log_contact

                log_contact(self.app, state.client_id)

        self.app.push_screen(QuitWithTimerScreen(state), answered)
        return True


class QuitWithTimerScreen(ModalScreen[str]):
    """Quitting while a call is timed: keep it running, pause it, log it now, or stay."""

    BINDINGS = bindings_for("timer")
    CHOICES = (("keep", "timer.keep"), ("pause", "timer.pause_quit"), ("log", "timer.log_now"),
               ("cancel", "timer.cancel"))

    def __init__(self, state: TimerState) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        elapsed = clock(self.state.elapsed_seconds(datetime.now(UTC)))
        question = (f"The call timer of {one_line(self.state.client)} is running ({elapsed}). "
                    + fill("Quitting with {timer.keep} keeps it counting: it is there when "
                           "carecli opens again."))
        with Vertical(id="timer-quit-dialog"):
            yield Static(plain(question), id="timer-quit-question")
            with Vertical(id="timer-quit-buttons"):
                for choice, action_id in self.CHOICES:
                    yield Button(button(action_id), id=f"timer-quit-{choice}",
                                 variant="primary" if choice == "keep" else "default")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#timer-quit-cancel").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose((event.button.id or "").removeprefix("timer-quit-"))

    def action_choose(self, choice: str) -> None:
        self.dismiss(None if choice == "cancel" else choice)

