"""Today's queue from plain facts (`domain.queue`), on a fixed day: the priority order of
DOMAIN.md, each item's reason in a nurse's words, snoozes, the week ahead, the header counts,
CCM at risk and the contacts done today."""

from datetime import UTC, date, datetime, timedelta

import pytest

from carecli.domain.daily import CcmAtRisk
from carecli.domain.queue import (
    Attempt,
    ClientFacts,
    Discharge,
    DoneContact,
    Finding,
    HandSet,
    MonthFacts,
    PlanReview,
    ReferralDue,
    SnoozeFact,
    build_queue,
    days_left_in_month,
    routine_check_in_due,
)
from carecli.domain.transitions import ContactFact

TODAY = date(2026, 11, 24)  # a Tuesday; Thanksgiving is Thursday 26 November 2026
ENROLLED = date(2026, 1, 5)


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def client(client_id: int = 1, *, risk: str = "moderate", cadence: int = 14,
           status: str = "active", last: str | None = None, **more) -> ClientFacts:
    """A client last reached on `last` (default: exactly a cadence ago, so due today)."""
    last_success = at(last) if last else at((TODAY - timedelta(days=cadence)).isoformat())
    return ClientFacts(id=client_id, name=f"Client{client_id:02d}, Pat", status=status,
                       risk_tier=risk, cadence_days=cadence, enrolled_on=ENROLLED,
                       last_success=last_success, **more)


def reasons(queue) -> list[str]:
    return [item.reason for item in queue.items]


def only(queue):
    assert len(queue.items) == 1, reasons(queue)
    return queue.items[0]


# check-ins by cadence ---------------------------------------------------------------------------
def test_an_overdue_check_in_says_how_late_and_why_the_cadence():
    item = only(build_queue([client(risk="high", cadence=7, last="2026-11-12")], today=TODAY))
    assert item.reason == "check-in 5 days overdue (high risk, every 7 days)"
    assert (item.kind, item.key, item.due, item.overdue_days) == (
        "check_in", "cadence", date(2026, 11, 19), 5)


def test_a_check_in_due_today_and_one_not_yet_due():
    queue = build_queue([client(1), client(2, last="2026-11-20")], today=TODAY)
    assert reasons(queue) == ["check-in due today (moderate risk, every 14 days)"]
    assert (queue.due, queue.overdue) == (1, 0)


def test_one_day_overdue_is_singular():
    item = only(build_queue([client(last="2026-11-09")], today=TODAY))
    assert item.reason == "check-in 1 day overdue (moderate risk, every 14 days)"


def test_no_contact_yet_counts_from_enrolment():
    facts = ClientFacts(id=1, name="New, Client", status="active", risk_tier="low",
                        cadence_days=30, enrolled_on=date(2026, 10, 20))
    assert only(build_queue([facts], today=TODAY)).due == date(2026, 11, 19)


def test_only_active_clients_get_check_ins():
    queue = build_queue([client(1, status="on_hold"), client(2, status="discharged")],
                        today=TODAY)
    assert queue.items == ()


def test_a_client_whose_cadence_cannot_be_read_gets_no_check_in():
    facts = ClientFacts(id=1, name="Odd, Row", status="active", risk_tier="odd",
                        cadence_days=None, enrolled_on=ENROLLED)
    assert build_queue([facts], today=TODAY).items == ()


# retries and unable to reach --------------------------------------------------------------------
def test_a_retry_the_business_day_after_an_unanswered_call():
    facts = client(last="2026-11-02", attempts=(Attempt(at("2026-11-23"), "no_answer"),))
    item = only(build_queue([facts], today=TODAY))
    assert item.reason == "retry: no answer yesterday (2nd attempt)"
    assert (item.kind, item.key, item.due) == ("retry", "cadence", TODAY)


def test_a_retry_after_a_voicemail_before_thanksgiving_falls_on_the_friday_after():
    facts = client(last="2026-11-20", attempts=(
        Attempt(at("2026-11-23"), "no_answer"), Attempt(at("2026-11-25"), "voicemail")))
    queue = build_queue([facts], today=date(2026, 11, 25))
    assert queue.items == ()  # tried today: nothing more due today
    assert dict(queue.week)[date(2026, 11, 27)] == 1
    item = only(build_queue([facts], today=date(2026, 11, 27)))
    assert item.reason == "retry: voicemail Wed (3rd attempt)"


def test_a_retry_wins_over_a_check_in_set_by_hand():
    facts = client(last="2026-11-02", attempts=(Attempt(at("2026-11-23"), "voicemail"),),
                   hand_set=(HandSet(5, "check_in", date(2026, 12, 10), "after surgery"),))
    assert only(build_queue([facts], today=TODAY)).kind == "retry"


def test_three_unanswered_calls_in_a_row_are_unable_to_reach():
    facts = client(last="2026-10-01", attempts=(
        Attempt(at("2026-11-12"), "no_answer"), Attempt(at("2026-11-16"), "voicemail"),
        Attempt(at("2026-11-20"), "wrong_number")))
    item = only(build_queue([facts], today=TODAY))
    assert item.reason == "unable to reach: 3 attempts since Nov 12"
    assert (item.kind, item.due, item.overdue_days) == ("unable_to_reach", date(2026, 11, 23), 1)


# check-ins and tasks set by hand --------------------------------------------------------------
def test_a_check_in_set_by_hand_before_the_cadence_comes_first():
    facts = client(last="2026-11-20", hand_set=(
        HandSet(7, "check_in", date(2026, 11, 22), "ask about the new inhaler"),
        HandSet(8, "check_in", date(2026, 11, 23), "later one waits behind it")))
    item = only(build_queue([facts], today=TODAY))
    assert item.reason == "scheduled check-in 2 days overdue: ask about the new inhaler"
    assert (item.kind, item.key) == ("scheduled", "check_in:7")


def test_a_check_in_set_by_hand_later_than_the_cadence_wins_too():
    facts = client(last="2026-11-01", hand_set=(HandSet(7, "check_in", date(2026, 11, 30), None),))
    queue = build_queue([facts], today=TODAY)
    assert queue.items == ()
    assert dict(queue.week)[date(2026, 11, 30)] == 1


def test_a_check_in_set_by_hand_on_the_cadence_day_reads_as_the_cadence():
    facts = client(hand_set=(HandSet(7, "check_in", TODAY, "Routine check-in"),))
    item = only(build_queue([facts], today=TODAY))
    assert (item.kind, item.key) == ("check_in", "cadence")


def test_a_task_is_its_own_item_after_the_check_ins():
    facts = client(last="2026-11-10", hand_set=(
        HandSet(9, "task", date(2026, 11, 23), "review BP log"),
        HandSet(10, "task", TODAY, None), HandSet(11, "task", date(2026, 11, 25), "later")))
    queue = build_queue([facts], today=TODAY)
    assert reasons(queue) == ["check-in due today (moderate risk, every 14 days)",
                              "task 1 day overdue: review BP log", "task due today"]
    assert [i.key for i in queue.items][1:] == ["check_in:9", "check_in:10"]


# TCM -------------------------------------------------------------------------------------------
def test_tcm_contact_due_today_after_a_friday_discharge():
    facts = client(last="2026-11-18", discharges=(Discharge(3, date(2026, 11, 20)),))
    item = only(build_queue([facts], today=TODAY))
    assert item.reason == "TCM contact due today — discharged Fri"
    assert (item.kind, item.key, item.due) == ("tcm", "tcm:3", TODAY)


def test_tcm_contact_approaching_shows_from_the_discharge_day():
    facts = client(last="2026-11-18", discharges=(Discharge(3, TODAY),))
    item = only(build_queue([facts], today=TODAY))
    assert item.reason == "TCM contact due by Fri — discharged today"  # Thanksgiving skipped
    assert item.due == date(2026, 11, 27)
    assert (build_queue([facts], today=TODAY).due, build_queue([facts], today=TODAY).overdue) \
        == (1, 0)  # on today's list: counted with what is due today


def test_tcm_contact_passed_says_how_late():
    facts = client(last="2026-11-10", discharges=(Discharge(3, date(2026, 11, 16)),))
    queue = build_queue([facts], today=TODAY)
    assert reasons(queue)[0] == "TCM contact 6 days overdue — discharged Nov 16"


def test_a_reached_contact_on_the_discharge_day_does_the_tcm_contact():
    reached = (ContactFact(at("2026-11-20"), "reached", True),)
    facts = client(last="2026-11-20", discharges=(Discharge(3, date(2026, 11, 20),
                                                            contacts=reached),))
    assert [i.kind for i in build_queue([facts], today=TODAY).items] == []


def test_an_attempt_does_not_do_the_tcm_contact():
    facts = client(last="2026-11-18", attempts=(Attempt(at("2026-11-23"), "voicemail"),),
                   discharges=(Discharge(3, date(2026, 11, 20)),))
    assert [i.kind for i in build_queue([facts], today=TODAY).items] == ["tcm", "retry"]


def test_a_discharge_drops_out_thirty_days_after_its_contact_deadline():
    facts = client(last="2026-10-01", risk="low", cadence=90,
                   discharges=(Discharge(3, date(2026, 10, 20)),))  # contact by Thu 22 Oct
    assert [i.kind for i in build_queue([facts], today=date(2026, 11, 21)).items] == ["tcm"]
    assert build_queue([facts], today=date(2026, 11, 22)).items == ()


# safety ----------------------------------------------------------------------------------------
def test_a_safety_finding_comes_first_for_any_client_and_cannot_be_snoozed():
    flagged = client(2, status="discharged", findings=(
        Finding(4, "suicidal_ideation", at("2026-11-22")),),
        snoozes=(SnoozeFact("safety:4", date(2026, 12, 1), "no", date(2026, 11, 23)),))
    queue = build_queue([client(1, last="2026-11-01"), flagged], today=TODAY)
    assert reasons(queue)[0] == "PHQ-9 item 9 positive 2 days ago — no follow-up yet"
    assert (queue.items[0].kind, queue.items[0].key) == ("safety", "safety:4")
    assert len(queue.items) == 2


def test_the_full_priority_order():
    clients = [
        client(1, last="2026-11-10", hand_set=(HandSet(1, "task", date(2026, 11, 20), "x"),)),
        client(2, risk="low", cadence=30, last="2026-10-20"),  # 5 days overdue, low
        client(3, risk="high", cadence=7, last="2026-11-12"),  # 5 days overdue, high
        client(4, risk="high", cadence=7, last="2026-11-16"),  # 1 day overdue
        client(5, last="2026-11-18", discharges=(Discharge(6, date(2026, 11, 20)),)),
        client(6, last="2026-11-20", findings=(Finding(9, "safety", at("2026-11-23")),)),
        client(7, risk="high", cadence=7, last="2026-11-17"),  # due today, high
        client(8, last="2026-11-20", referrals=(
            ReferralDue(2, "food bank", "requested", date(2026, 11, 14), date(2026, 11, 21)),),
            plan_reviews=(PlanReview(3, TODAY),)),
    ]
    queue = build_queue(reversed(clients), today=TODAY)
    assert [(i.client_id, i.kind) for i in queue.items] == [
        (6, "safety"), (5, "tcm"), (3, "check_in"), (2, "check_in"), (4, "check_in"),
        (7, "check_in"), (1, "check_in"), (1, "task"), (8, "referral"), (8, "plan_review"),
    ]
    assert reasons(queue)[0] == "interpersonal safety screen positive yesterday — no follow-up yet"
    assert reasons(queue)[-2:] == ["referral to food bank sent 10 days ago: follow up",
                                   "care plan review due today"]
    assert (queue.due, queue.overdue) == (4, 6)


# snoozes ---------------------------------------------------------------------------------------
def test_a_snoozed_item_stays_out_until_its_day_then_says_why():
    snooze = SnoozeFact("cadence", date(2026, 11, 26), "away at her daughter's", TODAY)
    facts = client(last="2026-11-01", snoozes=(snooze,))
    queue = build_queue([facts], today=TODAY)
    assert queue.items == () and dict(queue.week)[date(2026, 11, 26)] == 1
    item = only(build_queue([facts], today=date(2026, 11, 26)))
    assert item.reason == "snoozed from Tue: away at her daughter's"
    assert item.due == date(2026, 11, 15)  # still as late as it is
    assert "snoozed" not in only(build_queue([facts], today=date(2026, 11, 27))).reason


def test_a_snooze_of_another_item_changes_nothing():
    facts = client(last="2026-11-01", snoozes=(
        SnoozeFact("check_in:99", date(2026, 12, 1), "other", TODAY),))
    assert only(build_queue([facts], today=TODAY)).kind == "check_in"


def test_a_snoozed_tcm_deadline_stays_out():
    facts = client(last="2026-11-18", discharges=(Discharge(3, date(2026, 11, 20)),),
                   snoozes=(SnoozeFact("tcm:3", date(2026, 11, 25), "family call", TODAY),))
    assert build_queue([facts], today=TODAY).items == ()


# week, CCM at risk, done today ---------------------------------------------------------------
def test_the_week_counts_today_s_list_then_what_falls_due_each_day():
    clients = [client(i, last=(date(2026, 11, 9) + timedelta(days=i)).isoformat())
               for i in range(10)]  # due 23 Nov .. 2 Dec
    queue = build_queue(clients, today=TODAY)
    assert queue.week == tuple((TODAY + timedelta(days=i), n)
                               for i, n in enumerate([2, 1, 1, 1, 1, 1, 1]))


def test_check_ins_counted_ahead_join_the_week():
    """The data layer counts most clients due later this week by `routine_check_in_due` alone
    (a day set by hand wins; else the cadence after the latest reached contact)."""
    assert routine_check_in_due(date(2026, 11, 30), at("2026-11-20"), ENROLLED, 7) == date(
        2026, 11, 30)
    assert routine_check_in_due(None, at("2026-11-20"), ENROLLED, 7) == date(2026, 11, 27)
    assert routine_check_in_due(None, None, date(2026, 11, 20), 7) == date(2026, 11, 27)
    assert routine_check_in_due(None, None, ENROLLED, None) is None
    queue = build_queue([client(last="2026-11-15")], today=TODAY,
                        upcoming={date(2026, 11, 29): 4, date(2026, 11, 25): 1})
    assert dict(queue.week)[date(2026, 11, 29)] == 5  # 4 counted ahead, 1 built here
    assert dict(queue.week)[date(2026, 11, 25)] == 1


def test_days_left_in_the_month_count_today():
    assert days_left_in_month(date(2026, 11, 30)) == 1
    assert days_left_in_month(date(2026, 11, 21)) == 10
    assert days_left_in_month(date(2026, 12, 22)) == 10
    assert days_left_in_month(date(2028, 2, 20)) == 10  # leap year


def ccm_client(client_id: int, minutes: int, chronic: int = 2, consented: bool = True,
               status: str = "active") -> MonthFacts:
    return MonthFacts(client_id, f"Client{client_id:02d}, Pat", status, chronic, consented,
                      minutes)


@pytest.mark.parametrize(("today", "listed"), [
    (date(2026, 11, 20), False), (date(2026, 11, 21), True), (date(2026, 11, 30), True),
    (date(2026, 12, 21), False), (date(2026, 12, 22), True)])
def test_ccm_at_risk_is_listed_when_ten_days_or_fewer_are_left(today, listed):
    queue = build_queue([], today=today, month=[ccm_client(1, 5)])
    assert bool(queue.ccm_at_risk) is listed


def test_ccm_at_risk_needs_eligibility_and_fewer_than_twenty_minutes():
    clients = [ccm_client(1, 19), ccm_client(2, 20), ccm_client(3, 0, chronic=1),
               ccm_client(4, 0, consented=False), ccm_client(5, 3),
               ccm_client(6, 0, status="on_hold")]
    queue = build_queue([], today=date(2026, 11, 28), month=clients)
    assert queue.ccm_at_risk == (CcmAtRisk(5, "Client05, Pat", 3),
                                 CcmAtRisk(1, "Client01, Pat", 19))


def test_done_today_newest_first_with_what_each_did():
    facts = client(1, last="2026-11-02", attempts=(Attempt(at("2026-11-24", 9), "voicemail"),))
    done = [
        DoneContact(1, 1, "Client01, Pat", at("2026-11-24", 9), "phone", "voicemail", 2),
        DoneContact(2, 2, "Client02, Pat", at("2026-11-24", 11), "home_visit", "reached", 40,
                    closes=("suicidal_ideation",)),
    ]
    queue = build_queue([facts, client(2, last="2026-11-24")], today=TODAY, done=done)
    assert [(d.contact_id, d.summary) for d in queue.done] == [
        (2, "reached (home visit), 40 min; SI follow-up noted"),
        (1, "voicemail (phone), 2 min; retry tomorrow"),
    ]
