"""Fault hunt (issue 9): the queue's "done today" list and communication with the care team
(`successful` NULL) reads as such, never as reaching the client."""

from datetime import date, datetime

import pytest

from carecli.data.clients import create_client
from carecli.data.contacts import log_contact
from carecli.data.queue import load_queue

pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 11, 24, 16, 0).astimezone()


def test_done_today_tells_a_call_with_the_care_team_from_reaching_the_client(db) -> None:
    client = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                          "enrolled_on": date(2026, 1, 5)})
    log_contact(db=db, client_id=client, now=NOW, values={
        "outcome": "reached", "mode": "phone", "with_whom": "Dr Ames",
        "with_whom_kind": "care_team", "minutes": 5, "occurred_at": "2026-11-24 11:00"})
    [done] = load_queue(db=db, today=NOW.date(), only=client).done
    assert done.summary == "with the care team about the client: Dr Ames (phone), 5 min"


def test_done_today_names_a_fax_to_the_care_team_and_still_says_a_client_reached(db) -> None:
    client = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                          "enrolled_on": date(2026, 1, 5)})
    log_contact(db=db, client_id=client, now=NOW, values={
        "outcome": "reached", "mode": "fax", "with_whom": "Dr Ames",
        "with_whom_kind": "care_team", "minutes": 3, "occurred_at": "2026-11-24 09:00"})
    log_contact(db=db, client_id=client, now=NOW, values={
        "outcome": "reached", "mode": "phone", "minutes": 10,
        "occurred_at": "2026-11-24 10:00"})
    done = sorted(load_queue(db=db, today=NOW.date(), only=client).done,
                  key=lambda item: item.occurred_at)
    assert [item.summary for item in done] == [
        "with the care team about the client: Dr Ames (fax), 3 min", "reached (phone), 10 min"]
