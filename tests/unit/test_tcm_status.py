"""The TCM work after a discharge (domain/transitions.py): each step's deadline, the day it was
done, the attempts against the contact and the words the screen and the queue show, across
weekends and federal holidays."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from carecli.domain.transitions import ContactFact, Stay, tcm_status

THANKSGIVING_EVE = date(2026, 11, 25)
"""A Wednesday: Thursday Nov 26 is Thanksgiving; Friday a business day."""
BEFORE_NEW_YEAR = date(2027, 12, 29)
"""A Wednesday: Friday Dec 31, 2027 is the observed New Year's Day (Jan 1, 2028 a Saturday)."""


def stay(discharged: date | None = THANKSGIVING_EVE, **more) -> Stay:
    return Stay(id=7, client_id=1, kind=more.pop("kind", "inpatient"), facility="General",
                admitted_on=date(2026, 11, 20), discharged_on=discharged, **more)


def call(day: date, outcome: str, hour: int = 10) -> ContactFact:
    return ContactFact(datetime(day.year, day.month, day.day, hour), outcome,
                       outcome == "reached")


def test_discharged_the_day_before_thanksgiving() -> None:
    status = tcm_status(stay(complexity="high"), [], date(2026, 11, 25))
    assert status.contact.due_by == date(2026, 11, 30)  # Fri 27 day 1, Mon 30 day 2
    assert status.visit.due_by == date(2026, 12, 2)
    assert status.med_rec.due_by == date(2026, 12, 2)
    assert status.period_ends == date(2026, 12, 24)
    moderate = tcm_status(stay(), [], date(2026, 11, 25))
    assert moderate.visit.due_by == date(2026, 12, 9)
    assert moderate.contact.due_by == date(2026, 11, 30)


def test_discharged_before_the_observed_new_year() -> None:
    status = tcm_status(stay(BEFORE_NEW_YEAR), [], BEFORE_NEW_YEAR)
    assert status.contact.due_by == date(2028, 1, 3)  # Thu 30, then Mon Jan 3
    assert status.visit.due_by == date(2028, 1, 12)
    assert status.period_ends == date(2028, 1, 27)
    words = status.contact.words(date(2027, 12, 31))
    assert words == "contact due by Mon Jan 3"


def test_a_voicemail_does_not_count_and_is_listed_against_the_contact() -> None:
    contacts = [call(date(2026, 11, 27), "voicemail")]
    status = tcm_status(stay(), contacts, date(2026, 11, 30))
    assert status.contact.done_on is None
    assert status.contact.state(date(2026, 11, 30)) == "due"
    assert status.contact.words(date(2026, 11, 30)) == (
        "contact due today (Mon Nov 30) — 1 attempt (voicemail Fri)")
    assert status.contact.words(date(2026, 11, 29)) == (
        "contact due tomorrow (Mon Nov 30) — 1 attempt (voicemail Fri)")
    assert status.contact.words(date(2026, 11, 27)) == (
        "contact due by Mon Nov 30 — 1 attempt (voicemail today)")


def test_the_reached_contact_closes_the_step_with_every_attempt_before_it() -> None:
    contacts = [
        call(date(2026, 11, 20), "no_answer"),  # before the discharge: not against it
        call(date(2026, 11, 24), "reached"),  # during the stay: not the TCM contact
        call(date(2026, 11, 25), "no_answer", hour=16),
        call(date(2026, 11, 27), "voicemail"),
        call(date(2026, 11, 30), "reached"),
        call(date(2026, 12, 1), "no_answer"),  # after: a check-in retry, not TCM
    ]
    status = tcm_status(stay(), list(reversed(contacts)), date(2026, 12, 3))
    assert status.contact.done_on == date(2026, 11, 30)
    assert [a.outcome for a in status.contact.attempts] == ["no_answer", "voicemail"]
    assert status.contact.state(date(2026, 12, 3)) == "done"
    assert not status.contact.late
    assert status.contact.words(date(2026, 12, 3)) == (
        "contact done Mon Nov 30 — 2 attempts (no answer Nov 25, voicemail Fri)")


def test_a_contact_reached_the_discharge_day_counts() -> None:
    status = tcm_status(stay(), [call(THANKSGIVING_EVE, "reached", hour=18)], THANKSGIVING_EVE)
    assert status.contact.done_on == THANKSGIVING_EVE


def test_a_contact_past_its_deadline_is_overdue_and_then_late() -> None:
    today = date(2026, 12, 2)
    status = tcm_status(stay(), [], today)
    assert status.contact.state(today) == "overdue"
    assert status.contact.words(today) == "contact 2 days overdue (due by Mon Nov 30)"
    late = tcm_status(stay(), [call(date(2026, 12, 1), "reached")], today)
    assert late.contact.late
    assert late.contact.words(today) == (
        "contact done Tue Dec 1, after its deadline Mon Nov 30")


def test_medication_reconciliation_is_due_no_later_than_the_visit() -> None:
    today = date(2026, 11, 27)
    status = tcm_status(stay(), [], today)
    assert status.med_rec.due_by == status.visit.due_by == date(2026, 12, 9)
    visited = tcm_status(stay(visit_on=date(2026, 11, 27)), [], today)
    assert visited.med_rec.due_by == date(2026, 11, 27)
    assert visited.visit.words(today) == "face-to-face visit done Fri Nov 27"
    assert visited.med_rec.words(today) == (
        "medication reconciliation due today (Fri Nov 27)")
    done = tcm_status(stay(med_rec_on=date(2026, 11, 26), visit_on=date(2026, 11, 27)), [], today)
    assert done.med_rec.state(today) == "done"
    assert done.complete is False  # the contact is still open
    assert tcm_status(stay(med_rec_on=date(2026, 11, 26), visit_on=date(2026, 11, 27)),
                      [call(date(2026, 11, 27), "reached")], today).complete


def test_the_visit_turns_overdue_after_its_day() -> None:
    status = tcm_status(stay(complexity="high"), [], date(2026, 12, 3))
    assert status.visit.state(date(2026, 12, 2)) == "due"
    assert status.visit.state(date(2026, 12, 3)) == "overdue"
    assert status.visit.words(date(2026, 12, 3)) == (
        "face-to-face visit 1 day overdue (due by Wed Dec 2)")


def test_the_period_is_the_discharge_day_and_the_next_29() -> None:
    status = tcm_status(stay(), [], THANKSGIVING_EVE)
    assert status.in_period(date(2026, 12, 24))
    assert not status.in_period(date(2026, 12, 25))
    assert not status.in_period(date(2026, 11, 24))


@pytest.mark.parametrize("changes", [{"discharged": None}, {"kind": "emergency"}])
def test_no_tcm_without_a_discharge_nor_after_an_emergency_visit(changes: dict) -> None:
    discharged = changes.pop("discharged", THANKSGIVING_EVE)
    assert tcm_status(stay(discharged, **changes), [], date(2026, 12, 1)) is None


def test_attempts_after_today_are_not_counted() -> None:
    """A contact logged ahead of the day asked about (the queue for an earlier date)."""
    status = tcm_status(stay(), [call(date(2026, 11, 30), "voicemail")], date(2026, 11, 27))
    assert status.contact.attempts == ()


def test_the_length_of_stay_counts_whole_days() -> None:
    assert stay().length_days == 5
    assert replace(stay(), discharged_on=date(2026, 11, 20)).length_days == 0
    assert stay(None).length_days is None
