"""The top of the caseload, read in a thread while the interface is still loading.

`carecli` starts this read before it imports Textual (the longest part of starting), so the first
rows are usually ready by the time the screen is. Standard library only until the thread runs.
"""

import threading
from datetime import date
from pathlib import Path


class EarlyRows:
    """`load_first_screen` of the file at `path` for `today`, started at once."""

    def __init__(self, path: Path, today: date) -> None:
        self.path = path
        self.today = today
        self._rows: list | None = None
        self._thread = threading.Thread(target=self._read, name="carecli-early-rows", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        from carecli.data.caseload import load_first_screen
        from carecli.data.reader import SqliteReader

        try:
            self._rows = load_first_screen(db=SqliteReader(self.path), today=self.today)
        except Exception:  # noqa: BLE001 - the full read that follows meets it and says so
            self._rows = None

    def rows(self, today: date) -> list | None:
        """The rows once read (waiting for them); None when the read failed or was for
        another day."""
        self._thread.join()
        return self._rows if today == self.today else None
