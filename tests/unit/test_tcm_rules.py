"""TCM rules DOMAIN.md is silent on, decided by the lead from CMS's TCM rules
(`domain/transitions.py`): TCM starts only for a discharge to a community setting; an
emergency visit asks no TCM complexity and scores no LACE; a readmission ends the earlier
discharge's TCM work; one client's stays never overlap. And the risk tier weighs only a LACE
scored on a discharge within the last 30 days (the TCM period). Each test failed before."""

from datetime import date, datetime, time

import pytest

from carecli.data.clients import create_client
from carecli.data.contacts import log_contact
from carecli.data.errors import InvalidInput
from carecli.data.queue import load_queue
from carecli.data.stays import add_stay, get_stay, lace_draft, save_lace, stays_of, update_stay
from carecli.domain.transitions import ContactFact, Stay, tcm_status

pytestmark = pytest.mark.both_backends

LEFT = date(2026, 11, 25)  # a Wednesday, the day before Thanksgiving: contact by Mon Nov 30
TODAY = date(2026, 11, 30)


def _client(db) -> int:
    return create_client(db=db, values={"given_name": "Ann", "family_name": "Lee",
                                        "enrolled_on": date(2025, 1, 6)})


def _stay(**more) -> dict:
    return {"facility": "St Mary's", "kind": "inpatient", "admitted_on": "2026-11-20",
            "discharged_on": LEFT.isoformat(), "complexity": "moderate"} | more


def _errors(call, **kwargs) -> dict[str, str]:
    with pytest.raises(InvalidInput) as info:
        call(**kwargs)
    return info.value.errors


def _tcm_items(db, today: date = TODAY) -> list[tuple[str, str]]:
    return [(i.key, i.reason) for i in load_queue(db=db, today=today).items
            if i.kind.startswith("tcm")]


# a discharge to a community setting ---------------------------------------------------------
def _pure(disposition: str | None, kind: str = "inpatient") -> Stay:
    return Stay(id=1, client_id=1, kind=kind, facility="General", admitted_on=date(2026, 11, 20),
                discharged_on=LEFT, disposition=disposition)


@pytest.mark.parametrize("disposition", ["skilled_nursing", "rehabilitation", "hospice"])
def test_a_discharge_to_a_facility_or_hospice_starts_no_tcm(disposition: str) -> None:
    assert tcm_status(_pure(disposition), [], TODAY) is None


@pytest.mark.parametrize("disposition", [None, "home", "home_with_services",
                                         "assisted_living", "other"])
def test_a_discharge_to_a_community_setting_starts_tcm(disposition: str | None) -> None:
    assert tcm_status(_pure(disposition), [], TODAY) is not None


def test_a_discharge_to_skilled_nursing_puts_nothing_in_the_queue(db) -> None:
    client = _client(db)
    add_stay(db=db, client_id=client, values=_stay(disposition="skilled_nursing"))
    assert _tcm_items(db) == []
    [view] = stays_of(db=db, client_id=client, today=TODAY).stays
    assert view.tcm is None


# readmissions --------------------------------------------------------------------------------
def test_a_readmission_ends_the_earlier_discharges_tcm_work(db) -> None:
    client = _client(db)
    first = add_stay(db=db, client_id=client, values=_stay(complexity="high"))
    assert [key for key, _ in _tcm_items(db)] == [
        f"tcm:{first}", f"tcm_medrec:{first}", f"tcm_visit:{first}"]
    again = add_stay(db=db, client_id=client, values=_stay(
        facility="County General", admitted_on="2026-11-28", discharged_on=None))
    assert _tcm_items(db) == []  # back in hospital: no TCM work
    later, earlier = stays_of(db=db, client_id=client, today=TODAY).stays
    assert later.stay.id == again and later.tcm is None
    assert earlier.tcm.readmitted_on == date(2026, 11, 28)
    assert not earlier.tcm.open(TODAY)
    update_stay(db=db, stay_id=again, version=1, values=_stay(
        facility="County General", admitted_on="2026-11-28", discharged_on="2026-11-30"))
    # two discharges in a row: one TCM contact, the latest discharge's
    assert [key for key, _ in _tcm_items(db, date(2026, 12, 1))] == [f"tcm:{again}"]


def test_an_emergency_visit_after_a_discharge_is_no_readmission(db) -> None:
    client = _client(db)
    first = add_stay(db=db, client_id=client, values=_stay())
    add_stay(db=db, client_id=client, values=_stay(
        kind="emergency", admitted_on="2026-11-27",
        discharged_on="2026-11-27"))
    assert [key for key, _ in _tcm_items(db)] == [f"tcm:{first}"]


def test_two_stays_of_one_day_end_only_the_first_recorded() -> None:
    same_day = [Stay(id=n, client_id=1, kind="observation", facility="General",
                     admitted_on=LEFT, discharged_on=LEFT) for n in (1, 2)]
    assert tcm_status(same_day[0], [], TODAY, same_day).readmitted_on == LEFT
    assert tcm_status(same_day[1], [], TODAY, same_day).readmitted_on is None


# overlapping stays ---------------------------------------------------------------------------
def test_an_overlapping_stay_is_refused_with_the_other_stays_dates(db) -> None:
    client = _client(db)
    add_stay(db=db, client_id=client, values=_stay())
    assert _errors(add_stay, db=db, client_id=client, values=_stay(
        facility="County General", admitted_on="2026-11-24", discharged_on="2026-11-28")) == {
        "admitted_on": "overlaps the stay at St Mary's from 2026-11-20 to 2026-11-25: one "
                       "client's stays cannot overlap"}


def test_an_edit_that_makes_a_stay_overlap_another_is_refused(db) -> None:
    client = _client(db)
    add_stay(db=db, client_id=client, values=_stay())
    later = add_stay(db=db, client_id=client, values=_stay(
        facility="County General", admitted_on="2026-11-27", discharged_on=None))
    errors = _errors(update_stay, db=db, stay_id=later, version=1, values=_stay(
        facility="County General", admitted_on="2026-11-22", discharged_on=None))
    assert "2026-11-20 to 2026-11-25" in errors["admitted_on"]
    assert get_stay(db=db, stay_id=later).admitted_on == date(2026, 11, 27)


def test_a_stay_may_begin_the_day_another_ends(db) -> None:
    client = _client(db)
    add_stay(db=db, client_id=client, values=_stay(disposition="skilled_nursing"))
    add_stay(db=db, client_id=client, values=_stay(
        kind="skilled_nursing", facility="Oak Rehab", admitted_on=LEFT.isoformat(),
        discharged_on=None))
    assert len(stays_of(db=db, client_id=client, today=TODAY).stays) == 2


# emergency visits ----------------------------------------------------------------------------
def test_an_emergency_visit_scores_no_lace_and_asks_no_complexity(db) -> None:
    client = _client(db)
    assert _errors(add_stay, db=db, client_id=client, values=_stay(kind="emergency",
                                                                   complexity="high")) == {
        "complexity": "is not asked for an emergency visit: it starts no transitional care"}
    visit = add_stay(db=db, client_id=client, values=_stay(kind="emergency"))
    words = _errors(lace_draft, db=db, stay_id=visit)["form"]
    assert words.startswith("An emergency visit has no LACE")
    assert _errors(save_lace, db=db, stay_id=visit, version=1, values={
        "acute_admission": True, "charlson": 1, "ed_visits_6mo": 0})["form"] == words
    later = add_stay(db=db, client_id=client, values=_stay(
        admitted_on="2026-11-26", discharged_on="2026-11-28"))
    assert lace_draft(db=db, stay_id=later).ed_visits == 1  # it still counts for LACE "E"


# the TCM contact in the queue ----------------------------------------------------------------
def test_the_queues_tcm_contact_shows_its_attempts_and_only_the_client_closes_it(db) -> None:
    client = _client(db)
    stay = add_stay(db=db, client_id=client, values=_stay())
    now = datetime.combine(TODAY, time(16)).astimezone()
    log_contact(db=db, client_id=client, now=now, values={
        "outcome": "voicemail", "minutes": 1, "occurred_at": "2026-11-27 10:00"})
    log_contact(db=db, client_id=client, now=now, values={
        "outcome": "reached", "mode": "with_care_team", "minutes": 10,
        "occurred_at": "2026-11-30 09:00"})
    log_contact(db=db, client_id=client, now=now, values={
        "outcome": "reached", "with_whom_kind": "other", "with_whom": "Discharge planner",
        "minutes": 5, "occurred_at": "2026-11-30 09:30"})
    assert _tcm_items(db) == [(f"tcm:{stay}", "TCM contact due today — discharged Wed · "
                                              "1 attempt (voicemail Fri)")]
    log_contact(db=db, client_id=client, now=now, values={
        "outcome": "reached", "mode": "with_caregiver", "with_whom_kind": "family",
        "with_whom": "Ben Lee", "minutes": 12, "occurred_at": "2026-11-30 11:00"})
    assert [key for key, _ in _tcm_items(db)] == []


def test_a_tcm_contact_not_done_says_it_is_still_due_with_the_attempts() -> None:
    attempts = [ContactFact(datetime(2026, 11, 27, 10), "voicemail", False),
                ContactFact(datetime(2026, 11, 30, 10), "no_answer", False)]
    contact = tcm_status(_pure("home"), attempts, TODAY).contact
    assert contact.still_due(TODAY) == "TCM contact still due by Mon Nov 30 — 2 attempts"
    assert contact.still_due(date(2026, 12, 1)) == (
        "TCM contact still due, 1 day overdue (due by Mon Nov 30) — 2 attempts")


# the risk tier's LACE ------------------------------------------------------------------------
def test_only_a_lace_within_the_last_30_days_feeds_the_risk_tier(db) -> None:
    from carecli.data.assessments import risk_context

    client = _client(db)
    stay = add_stay(db=db, client_id=client, values=_stay(
        admitted_on="2026-10-01", discharged_on="2026-10-20"))
    save_lace(db=db, stay_id=stay, version=1,
              values={"acute_admission": True, "charlson": 5, "ed_visits_6mo": 4})
    assert risk_context(db=db, client_id=client, today=date(2026, 11, 18)).lace is not None
    assert risk_context(db=db, client_id=client, today=date(2026, 11, 19)).lace is None
