"""The base of carecli's full screens: a failing worker is reported the same way everywhere."""

from textual.screen import Screen
from textual.worker import Worker


class CareScreen(Screen):
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker messages do not bubble: pass them to the app's one handler.
        self.app.on_worker_state_changed(event)
