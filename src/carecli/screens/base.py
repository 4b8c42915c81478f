"""The base of carecli's screens: one helper runs a data-service call in a worker and hands
the result back on the UI thread, so no database work ever blocks the screen; a failing
worker is reported the same way everywhere (the app's one handler, a sentence for a
`CareDataError`). Changes to the data are announced with a `DataChanged` message."""

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.worker import Worker

from carecli.data.errors import CareDataError, DatabaseReplaced

if TYPE_CHECKING:
    from carecli.data.service import CareService


class DataChanged(Message):
    """Something was saved: the caseload reads again, and an open record of `client_id`
    (every record, when None) reads itself again."""

    def __init__(self, client_id: int | None = None, select: bool = False) -> None:
        super().__init__()
        self.client_id = client_id
        self.select = select
        """Move the caseload's cursor to `client_id`."""


class InOrder:
    """Service calls that run one after another, in the order they were asked for: each waits
    for the one asked before it, so a draft save never overtakes an earlier one."""

    def __init__(self) -> None:
        self._last = threading.Event()
        self._last.set()

    def turn(self) -> tuple[threading.Event, threading.Event]:
        """On the UI thread: (the event to wait for, the event to set when done)."""
        before, mine = self._last, threading.Event()
        self._last = mine
        return before, mine


def run_service_call(app: App, call: Callable[..., Any], *args: Any,
                     done: Callable[[Any], Any] | None = None,
                     refused: Callable[[CareDataError], Any] | None = None,
                     in_order: InOrder | None = None,
                     alive: Callable[[], bool] = lambda: True, **kwargs: Any) -> Worker:
    """Run `call(*args, **kwargs)` in a thread worker of the app. Its result goes to `done`
    on the UI thread (while `alive()`); a refusal goes to `refused` when given (a form shows
    it beside its fields), else to the app's one worker-error handler. A replaced database
    always goes to that handler. The app waits for the call at quit."""
    service: CareService = app.service  # type: ignore[attr-defined]
    turn = in_order.turn() if in_order is not None else None
    service.expect()

    def deliver(callback: Callable[[Any], Any], value: Any) -> None:
        if app.is_running and alive():
            app.call_from_thread(callback, value)

    def work() -> Any:
        try:
            if turn is not None:
                turn[0].wait()
            try:
                result = call(*args, **kwargs)
            finally:
                if turn is not None:
                    turn[1].set()
                service.settled()
        except CareDataError as exc:
            if refused is None or isinstance(exc, DatabaseReplaced):
                raise
            deliver(refused, exc)
            return None
        if done is not None:
            deliver(done, result)
        return result

    return app.run_worker(work, thread=True, group="data", exit_on_error=False)


class DataCalls:
    """For full and modal screens alike: `self.service` and `self.call_service(...)`."""

    app: App

    @property
    def service(self) -> "CareService":
        return self.app.service  # type: ignore[attr-defined]

    def call_service(self, call: Callable[..., Any], *args: Any,
                     done: Callable[[Any], Any] | None = None,
                     refused: Callable[[CareDataError], Any] | None = None,
                     in_order: InOrder | None = None, **kwargs: Any) -> Worker:
        """Run a service call in a worker; `done` gets its result while this screen is open."""
        return run_service_call(self.app, call, *args, done=done, refused=refused,
                                in_order=in_order, alive=lambda: self.is_attached, **kwargs)


class CareScreen(DataCalls, Screen):
    def on_mount(self) -> None:
        """A running call timer shows on every screen, in a line under the header."""
        from textual.widgets import Header

        from carecli.widgets.timer_bar import TimerBar

        headers = self.query(Header)
        if headers:
            self.mount(TimerBar(), after=headers.first())
        else:
            self.mount(TimerBar(), before=0)


class CareModal(DataCalls, ModalScreen):
    pass
