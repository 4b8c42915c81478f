"""Fault hunt (issue 9): which logged contact counts as the TCM interactive contact (a real
two-way conversation with the client or, on their behalf, a caregiver: DOMAIN.md). Each
failed before its fix."""

from datetime import date, datetime, time

import pytest

from carecli.data.clients import create_client
from carecli.data.contacts import log_contact
from carecli.data.stays import add_stay, stays_of

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 30)


def _discharged(db) -> int:
    client = create_client(db=db, values={"given_name": "Ann", "family_name": "Lee",
                                          "enrolled_on": date(2025, 1, 6)})
    add_stay(db=db, client_id=client, values={
        "facility": "St Mary's", "kind": "inpatient", "admitted_on": "2026-11-20",
        "discharged_on": "2026-11-25", "complexity": "high"})
    return client


def _contact_step(db, client: int):
    [view] = stays_of(db=db, client_id=client, today=TODAY).stays
    return view.tcm.contact


def test_a_call_in_the_with_care_team_mode_is_not_the_tcm_contact(db) -> None:
    client = _discharged(db)
    log_contact(db=db, client_id=client, now=datetime.combine(TODAY, time(10)).astimezone(),
                values={"mode": "with_care_team", "outcome": "reached", "minutes": 10})
    assert _contact_step(db, client).done_on is None


def test_someone_else_reached_is_not_the_tcm_contact(db) -> None:
    client = _discharged(db)
    log_contact(db=db, client_id=client, now=datetime.combine(TODAY, time(10)).astimezone(),
                values={"mode": "phone", "outcome": "reached", "with_whom_kind": "other",
                        "with_whom": "Discharge planner", "minutes": 10})
    assert _contact_step(db, client).done_on is None
