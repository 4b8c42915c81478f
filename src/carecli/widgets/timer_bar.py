"""One line under the header of every screen while a call timer runs or waits, paused: its
time, the client and the keys that pause and log it. It ticks each second from the app's
`TimerState` (stored when the timer started or paused), never from the database."""

from datetime import UTC, datetime

from rich.text import Text
from textual.widgets import Static

from carecli.actions import fill
from carecli.domain.daily import TimerState
from carecli.plain import one_line


def clock(seconds: int) -> str:
    """Elapsed time as a timer shows it: 12:05, or 1:02:05 past the hour."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def timer_line(state: TimerState, now: datetime) -> Text:
    """"⏱ 12:05  Ada Okafor — ctrl+t pauses · ctrl+l logs" (⏸ and "resumes" when paused)."""
    running = state.running
    text = Text(f"{'⏱' if running else '⏸'} {clock(state.elapsed_seconds(now))}  ",
                style="bold")
    text.append(one_line(state.client))
    if not running:
        text.append(" (paused)")
    text.append(fill(" — {app.timer} " + ("pauses" if running else "resumes")
                     + " · {app.log_timed_call} logs"), style="dim")
    return text


class TimerBar(Static):
    """Hidden while no timer exists."""

    DEFAULT_CSS = """
    TimerBar {
        height: 1;
        padding: 0 2;
        background: $warning 20%;
        display: none;
    }
    TimerBar.-shown {
        display: block;
    }
    """

    def on_mount(self) -> None:
        timer = self.app.call_timer  # type: ignore[attr-defined]
        timer.changed.subscribe(self, self.show_state)
        self.show_state(timer.state)
        self.set_interval(1, self.tick)

    def show_state(self, state: TimerState | None) -> None:
        self.state = state
        self.set_class(state is not None, "-shown")
        self.tick()

    def tick(self) -> None:
        if self.state is not None:
            self.update(timer_line(self.state, datetime.now(UTC)))
