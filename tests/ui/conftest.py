"""UI fixtures: an app on a seeded database at a fixed size and day."""

import pytest
from seed import seed_caseload  # noqa: E402  (tests/ui is on sys.path via rootdir conftest)

from carecli.app import CareApp
from carecli.config import resolve_database
from carecli.data.service import CareService

SIZE = (140, 40)


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text cursors do not blink in tests: a snapshot taken more than half a second after a
    field was focused (a busy machine) would otherwise catch the cursor hidden."""
    from textual.widgets import Input, TextArea

    for widget in (Input, TextArea):
        monkeypatch.setattr(widget.__dict__["cursor_blink"], "_default", False)


@pytest.fixture
def seeded(db, today):
    return seed_caseload(db, today)


@pytest.fixture
def make_app(db, db_path, today):
    def build(service: CareService | None = None) -> CareApp:
        return CareApp(service or CareService(resolve_database(str(db_path)), db=db, today=today))

    return build


async def settle(app, pilot) -> None:
    """Wait until every data call, and what it set off (a reload after a save), has finished
    and been shown. An assessment flow waiting on its screens is not waited for."""
    for _ in range(50):
        await pilot.pause()
        busy = [w for w in app.workers if w.group != "assessment" and not w.is_finished]
        if not busy:
            return
        await app.workers.wait_for_complete(busy)
    raise AssertionError("the app never settled")


async def wait_for(pilot, condition, what: str = "the screen") -> None:
    """Let the app work (data calls run in workers) until `condition()` holds."""
    for _ in range(100):
        if condition():
            return
        await settle(pilot.app, pilot)
    raise AssertionError(f"{what} never came")
