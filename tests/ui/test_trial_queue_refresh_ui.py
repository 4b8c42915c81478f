"""A contact logged outside this window (`carecli log` from a phone system, another window)
shows in the queue when the nurse comes back to it from the caseload or a record; nothing is
read again for a form or help closing over it."""

from conftest import settle, wait_for

from carecli.config import resolve_database
from carecli.data.service import CareService
from carecli.screens.record import RecordScreen

NARROW = (80, 24)


def log_elsewhere(db, db_path, client_id: int, today) -> None:
    """What `carecli log` does: a service of its own on the same file."""
    other = CareService(resolve_database(str(db_path)), db=db, today=today)
    other.log_contact(client_id, {"outcome": "reached", "minutes": 7, "note": "called back",
                                  "occurred_at": f"{today} 09:30"})


async def test_back_from_the_caseload_the_queue_shows_a_contact_logged_elsewhere(
        make_app, seeded, db, db_path, today):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await wait_for(pilot, lambda: app.queue.queue is not None, "the queue")
        await settle(app, pilot)
        assert app.queue.queue.done == ()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is app.caseload
        log_elsewhere(db, db_path, seeded["Walter"], today)
        await pilot.press("q")
        await wait_for(pilot, lambda: len(app.queue.queue.done) == 1, "the contact logged")
        assert app.queue.queue.done[0].client_id == seeded["Walter"]


async def test_back_from_a_record_the_queue_shows_a_contact_logged_elsewhere(
        make_app, seeded, db, db_path, today):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await wait_for(pilot, lambda: app.queue.queue is not None, "the queue")
        await settle(app, pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordScreen), "the record")
        log_elsewhere(db, db_path, seeded["Walter"], today)
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(app.queue.queue.done) == 1, "the contact logged")
