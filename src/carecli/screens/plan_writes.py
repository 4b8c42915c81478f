"""Changes to a care plan draft from the editor, one after another: each runs in a worker at
the version the change before it returned (so keys pressed quickly never refuse each other),
and the plan as it was before each is kept for undo (restored through `restore_draft`). A
change refused because the draft changed in another window says so and stops the changes
still waiting; the editor then reads the draft again."""

from collections import deque
from collections.abc import Callable
from typing import Any

from carecli.data.errors import (
    CareDataError,
    ChangedElsewhere,
    InvalidInput,
    NotFound,
    edited_elsewhere,
)
from carecli.domain.care_plan import Plan

UNDO_DEPTH = 100
"""How many changes back undo reaches."""

Change = Callable[[Plan], Plan]
"""A service call on the draft, run in a worker: takes the plan as last known, returns the
plan as saved."""


class DraftWriter:
    def __init__(self, screen: Any, shown: Callable[[Plan, Plan | None], None],
                 reread: Callable[[], None]) -> None:
        self.screen = screen
        self.shown = shown
        """Called with the saved plan and the plan before it (None: an undo)."""
        self.reread = reread
        self.plan: Plan | None = None
        self.undo: list[tuple[Plan, str]] = []
        self.waiting: deque[tuple[Change, str, bool]] = deque()
        self.busy = False

    def write(self, change: Change, said: str, *, undoable: bool = True) -> None:
        """Queue a change; `said` names it ("added goal “Walk daily”") for undo."""
        self.waiting.append((change, said, undoable))
        if not self.busy:
            self._next()

    def _next(self) -> None:
        if not self.waiting or self.plan is None:
            self.busy = False
            return
        change, said, undoable = self.waiting.popleft()
        before = self.plan
        self.busy = True
        self.screen.call_service(change, before,
                                 done=lambda after: self._done(before, after, said, undoable),
                                 refused=self._refused)

    def _done(self, before: Plan, after: Plan, said: str, undoable: bool) -> None:
        self.applied(before, after, said, undoable=undoable)
        self._next()

    def applied(self, before: Plan, after: Plan, said: str, *, undoable: bool = True) -> None:
        """A change saved (here or by a form): show it and remember the plan before it."""
        if undoable:
            self.undo.append((before, said))
            del self.undo[:-UNDO_DEPTH]
        self.plan = after
        self.shown(after, before if undoable else None)

    def form_submit(self, change: Callable[[Plan, dict[str, Any]], Plan | None]
                    ) -> Callable[[dict[str, Any]], tuple[Plan, Plan] | None]:
        """A form's submit: runs `change` on the plan as last known, in the form's worker;
        returns (before, after), or None when nothing changed."""
        def submit(values: dict[str, Any]) -> tuple[Plan, Plan] | None:
            before = self.plan
            assert before is not None
            after = change(before, values)
            return None if after is None else (before, after)

        return submit

    def undo_last(self, service: Any) -> str | None:
        """Restore the plan before the last change; returns what is undone (None: nothing)."""
        if not self.undo:
            return None
        snapshot, said = self.undo.pop()
        self.write(lambda plan: service.restore_draft(plan.id, plan.version, snapshot), said,
                   undoable=False)
        return said

    def forget(self) -> None:
        """The draft changed elsewhere, or was finalised: undo no longer reaches back."""
        self.undo.clear()
        self.waiting.clear()

    def _refused(self, error: CareDataError) -> None:
        self.busy = False
        self.waiting.clear()
        if isinstance(error, InvalidInput):
            self.screen.notify(" ".join(_sentence(t) for t in error.errors.values()),
                               severity="warning", markup=False)
            return
        self.screen.notify(str(error), severity="error", markup=False, timeout=10)
        if isinstance(error, (ChangedElsewhere, NotFound)):
            self.forget()
        self.reread()


def unchanged_since_opened(unchanged: bool) -> None:
    """In a form's save: refused when what the form showed changed in another window. Its
    first save is refused by the draft's version; saved again, the editor behind it has read
    the newer draft meanwhile, and the form's old values must still not go over it."""
    if not unchanged:
        raise ChangedElsewhere(edited_elsewhere("this care plan"))


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")) if text else ""
