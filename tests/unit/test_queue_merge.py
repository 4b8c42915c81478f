"""One client's part of the queue, read alone after a save and merged into the queue shown,
is exactly what reading the whole queue again gives (`load_queue(only=…)`, `merge_client`)."""

from datetime import date

import pytest
from test_queue_data import TODAY, add, contact, local, new_client

from carecli.clinical import score
from carecli.data.assessments import complete_assessment, start_assessment
from carecli.data.entries import add_entry
from carecli.data.models import CheckIn, HospitalStay, Snooze
from carecli.data.queue import load_queue
from carecli.domain.queue import merge_client

pytestmark = pytest.mark.both_backends


def _eligible(db, family: str, **kwargs) -> int:
    client = new_client(db, family, **kwargs)
    for name in ("COPD", "Heart failure"):
        add_entry(db=db, kind="condition", client_id=client, values={"name": name})
    add_entry(db=db, kind="consent", client_id=client,
              values={"kind": "care_management", "given_on": "2026-01-05", "method": "verbal"})
    return client


def _caseload(db) -> dict[str, int]:
    ids = {
        "safe": _eligible(db, "Safe", risk="high"),
        "late": _eligible(db, "Late", risk="high"),
        "retry": new_client(db, "Retry"),
        "busy": _eligible(db, "Busy"),
        "quiet": new_client(db, "Quiet", risk="low"),
    }
    answers = {str(i): 0 for i in range(1, 9)} | {"9": 2}
    assessment = start_assessment(db=db, client_id=ids["safe"], kind="reassessment",
                                  steps=["phq9"])
    complete_assessment(db=db, assessment_id=assessment, answers={"phq9": answers},
                        scores={"phq9": score("phq9", answers)})
    contact(db, ids["late"], local(date(2026, 11, 10), 10))
    contact(db, ids["retry"], local(date(2026, 11, 12), 10))
    contact(db, ids["retry"], local(date(2026, 11, 23), 10), outcome="voicemail", minutes=2)
    contact(db, ids["busy"], local(date(2026, 11, 20), 10), minutes=12)
    add(db, HospitalStay(client_id=ids["busy"], facility="General",
                         admitted_on=date(2026, 11, 17), discharged_on=date(2026, 11, 20)))
    add(db, CheckIn(client_id=ids["busy"], kind="task", due_on=TODAY, reason="review BP log"))
    add(db, Snooze(client_id=ids["quiet"], item_key="cadence", until_on=TODAY,
                   reason="away", created_at=local(date(2026, 11, 20), 9)))
    contact(db, ids["quiet"], local(date(2026, 10, 1), 10))
    return ids


def _same(merged, full) -> None:
    assert merged.items == full.items
    assert [i.rank for i in merged.items] == [i.rank for i in full.items]
    assert merged.done == full.done
    assert (merged.due, merged.overdue) == (full.due, full.overdue)
    assert merged.ccm_at_risk == full.ccm_at_risk
    assert merged.week[0] == full.week[0]


@pytest.mark.parametrize("who", ["safe", "late", "retry", "busy", "quiet"])
@pytest.mark.parametrize("outcome", ["reached", "voicemail"])
def test_one_clients_part_merged_in_is_the_whole_queue_read_again(db, who, outcome):
    ids = _caseload(db)
    shown = load_queue(db=db, today=TODAY)
    assert {i.client_id for i in shown.items} == set(ids.values())
    contact(db, ids[who], local(TODAY, 9), outcome=outcome, note="Spoke about safety plan",
            minutes=15)
    part = load_queue(db=db, today=TODAY, only=ids[who])
    assert {i.client_id for i in part.items} <= {ids[who]}
    _same(merge_client(shown, part, ids[who]), load_queue(db=db, today=TODAY))


def test_a_client_with_nothing_left_today_leaves_the_queue(db):
    ids = _caseload(db)
    shown = load_queue(db=db, today=TODAY)
    contact(db, ids["late"], local(TODAY, 9))
    part = load_queue(db=db, today=TODAY, only=ids["late"])
    assert part.items == () and [d.client_id for d in part.done] == [ids["late"]]
    merged = merge_client(shown, part, ids["late"])
    assert ids["late"] not in {i.client_id for i in merged.items}
    assert merged.done[0].client_id == ids["late"]
    _same(merged, load_queue(db=db, today=TODAY))


def test_the_items_alone_are_the_whole_queues_items(db):
    """`carecli today` reads the items alone: the same items, counts and week ahead, without
    CCM at risk and the contacts done today (which it does not print)."""
    last_day = date(2026, 11, 30)  # CCM at risk is only worked out late in the month
    ids = _caseload(db)
    contact(db, ids["retry"], local(last_day, 9), outcome="voicemail", minutes=2)
    full = load_queue(db=db, today=last_day)
    alone = load_queue(db=db, today=last_day, items_only=True)
    assert full.ccm_at_risk and full.done  # what the items alone leave out
    assert (alone.items, alone.due, alone.overdue, alone.week) == (
        full.items, full.due, full.overdue, full.week)
    assert (alone.ccm_at_risk, alone.done) == ((), ())
