"""A contact logged from an appointment's reminder item and the reminder marked made are one
transaction: when the reminder's write fails (a disk that fills, a write refused) the form
says "not saved" and nothing was saved, so saving again cannot log it twice, and a kill
cannot leave the reminder in the queue after a reached call. (It was two transactions: the
form said "not saved" while the contact was stored.)"""

import sqlite3
from datetime import datetime, time, timedelta

from conftest import SIZE, settle, wait_for
from sqlalchemy import select
from test_contact_logger_ui import open_logger
from test_queue_ui import highlight, queue_shown

from carecli.data.appointments import add_appointment
from carecli.data.models import ContactLog
from carecli.screens.contact_logger import ContactLogger

REFUSE_APPOINTMENT_WRITES = """
CREATE TRIGGER trial_refused BEFORE UPDATE ON appointment
BEGIN SELECT RAISE(ABORT, 'refused for the trial'); END
"""


def contacts_of(db, client_id: int) -> list[ContactLog]:
    with db.read() as session:
        return list(session.scalars(select(ContactLog).where(
            ContactLog.client_id == client_id)).all())


async def test_a_form_that_says_not_saved_saved_nothing(make_app, seeded, db, today):
    li = seeded["Li"]
    tomorrow = datetime.combine(today + timedelta(days=1), time(10, 30)).astimezone()
    add_appointment(db=db, client_id=li, now=datetime.combine(today, time(8)).astimezone(),
                    values={"with_whom": "Dr Ames", "starts_at": tomorrow})
    before = len(contacts_of(db, li))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await queue_shown(app, pilot)
        await highlight(pilot, li, "appointment_reminder")
        logger = await open_logger(app, pilot, "enter")
        conn = sqlite3.connect(db.path)  # the second write will fail
        conn.executescript(REFUSE_APPOINTMENT_WRITES)
        conn.close()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is app.queue or "not saved" in str(
            logger.query_one("#form-message").render()), "the save's answer")
        await settle(app, pilot)
        still_open = isinstance(app.screen, ContactLogger)
    assert still_open  # the form said the change was not saved ...
    assert len(contacts_of(db, li)) == before  # ... so nothing may have been saved
