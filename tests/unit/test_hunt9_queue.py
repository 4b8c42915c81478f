"""Fault hunt (issue 9): the queue's "done today" list and communication with the care team
(`successful` NULL). Fails today (xfail strict until fixed)."""

from datetime import date, datetime

import pytest

from carecli.data.clients import create_client
from carecli.data.contacts import log_contact
from carecli.data.queue import load_queue

pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 11, 24, 16, 0).astimezone()


@pytest.mark.xfail(strict=True, reason="data/queue.py DONE_SQL reads no with_whom_kind: a call "
                   "with the PCP about the client reads 'reached (phone), 5 min' in done today, "
                   "the same words as reaching the client")
def test_done_today_tells_a_call_with_the_care_team_from_reaching_the_client(db) -> None:
    client = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                          "enrolled_on": date(2026, 1, 5)})
    log_contact(db=db, client_id=client, now=NOW, values={
        "outcome": "reached", "mode": "phone", "with_whom": "Dr Ames",
        "with_whom_kind": "care_team", "minutes": 5, "occurred_at": "2026-11-24 11:00"})
    [done] = load_queue(db=db, today=NOW.date(), only=client).done
    assert "care team" in done.summary
