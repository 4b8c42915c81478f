"""Referral follow-ups in today's queue (Tuesday 2026-11-24): every referral not closed (a
draft not sent yet, sent, accepted, in progress, on hold) whose follow-up day has come, saying
how long it has been quiet since its latest change; a closed one and one not due yet are not
there; moving it on (a status change, a new follow-up day) takes it out."""

from datetime import date

import pytest
from test_queue_data import add, by_client, contact, local, new_client

from carecli.data.models import Referral
from carecli.data.queue import load_queue
from carecli.data.referrals import change_status, create_referral, set_follow_up

pytestmark = pytest.mark.both_backends
TODAY = date(2026, 11, 24)
MADE, CHANGED, DUE = date(2026, 11, 2), date(2026, 11, 14), date(2026, 11, 21)


def _referral(status: str, client: int, to_whom: str, follow_up_on: date = DUE) -> Referral:
    return Referral(client_id=client, to_whom=to_whom, status=status, made_on=MADE,
                    last_update_on=CHANGED, follow_up_on=follow_up_on)


def test_every_open_status_sent_is_followed_up_saying_how_long_it_was_quiet(db):
    client = new_client(db, "Quiet")
    contact(db, client, local(date(2026, 11, 20), 10))
    for status in ("requested", "accepted", "in-progress", "on-hold", "draft", "completed",
                   "rejected", "cancelled", "failed"):
        add(db, _referral(status, client, f"{status} bank"))
    add(db, Referral(client_id=client, to_whom="old row", status="requested", made_on=MADE,
                     follow_up_on=DUE))  # from before 0006: no latest change kept
    add(db, _referral("accepted", client, "later bank", follow_up_on=date(2026, 12, 1)))
    assert sorted(by_client(load_queue(db=db, today=TODAY), client)) == [
        ("referral", "referral to accepted bank accepted 10 days ago: follow up"),
        ("referral", "referral to draft bank drafted 10 days ago: not sent yet"),
        ("referral", "referral to in-progress bank started 10 days ago: follow up"),
        ("referral", "referral to old row sent 22 days ago: follow up"),
        ("referral", "referral to on-hold bank put on hold 10 days ago: follow up"),
        ("referral", "referral to requested bank sent 10 days ago: follow up"),
    ]


def test_a_referral_leaves_the_queue_when_moved_on_and_comes_back_when_quiet(db):
    client = new_client(db, "Loop")
    contact(db, client, local(date(2026, 11, 20), 10))
    ref = create_referral(db=db, client_id=client, today=TODAY, values={
        "need": "food", "to_whom": "Food bank", "made_on": "2026-11-10",
        "follow_up_on": "2026-11-25"})
    assert by_client(load_queue(db=db, today=TODAY), client) == []  # a draft, not due yet
    assert by_client(load_queue(db=db, today=date(2026, 11, 25)), client) == [
        ("referral", "referral to Food bank drafted 15 days ago: not sent yet")]
    ref = change_status(db=db, referral_id=ref.id, version=ref.version, today=TODAY,
                        values={"to_status": "requested", "changed_on": "2026-11-12"})
    assert by_client(load_queue(db=db, today=TODAY), client) == [
        ("referral", "referral to Food bank sent 12 days ago: follow up")]
    ref = change_status(db=db, referral_id=ref.id, version=ref.version, today=TODAY,
                        values={"to_status": "accepted"})
    assert by_client(load_queue(db=db, today=TODAY), client) == []
    assert by_client(load_queue(db=db, today=date(2026, 12, 1)), client) == [
        ("referral", "referral to Food bank accepted 7 days ago: follow up")]
    set_follow_up(db=db, referral_id=ref.id, version=ref.version, follow_up_on="2026-12-10",
                  today=TODAY)
    assert by_client(load_queue(db=db, today=date(2026, 12, 1)), client) == []
