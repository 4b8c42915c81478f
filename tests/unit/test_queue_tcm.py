"""The TCM medication reconciliation and face-to-face visit in today's queue (`domain.queue`):
each with its deadline in the reason, shown as it nears and urgent (with the TCM contacts) from
the day before it, gone when done or when the TCM period ends; the visit's deadline at the
stay's complexity."""

from dataclasses import replace
from datetime import UTC, date, datetime

from carecli.domain.queue import ClientFacts, Discharge, SnoozeFact, build_queue
from carecli.domain.transitions import ContactFact

LEFT = date(2026, 11, 25)  # a Wednesday, the day before Thanksgiving


REACHED = datetime(2026, 11, 27, 10, tzinfo=UTC)


def facts(stay: Discharge, **more) -> ClientFacts:
    """A client reached two days after the discharge (the TCM contact done) on a long
    cadence."""
    reached = replace(stay, contacts=(ContactFact(REACHED, "reached", True),))
    return ClientFacts(id=1, name="Lee, Ann", status="active", risk_tier="high",
                       cadence_days=60, enrolled_on=date(2026, 1, 5), last_success=REACHED,
                       discharges=(reached,), **more)


def items(stay: Discharge, today: date, **more) -> list[tuple[str, str, date, int, str]]:
    queue = build_queue([facts(stay, **more)], today=today)
    return [(i.key, i.kind, i.due, i.rank[0], i.reason) for i in queue.items]


def test_a_high_complexity_visit_nears_then_turns_urgent_then_overdue() -> None:
    stay = Discharge(7, LEFT, high=True)  # visit by Wed Dec 2
    assert items(stay, date(2026, 11, 28)) == []
    assert items(stay, date(2026, 11, 29)) == [
        ("tcm_medrec:7", "tcm_medrec", date(2026, 12, 2), 4,
         "TCM medication reconciliation due by Dec 2 — discharged Wed (high complexity)"),
        ("tcm_visit:7", "tcm_visit", date(2026, 12, 2), 4,
         "TCM visit due by Dec 2 — discharged Wed (high complexity)"),
    ]
    urgent = items(stay, date(2026, 12, 1))
    assert [(key, tier, reason) for key, _k, _d, tier, reason in urgent] == [
        ("tcm_medrec:7", 1,
         "TCM medication reconciliation due tomorrow — discharged Wed (high complexity)"),
        ("tcm_visit:7", 1, "TCM visit due tomorrow — discharged Wed (high complexity)"),
    ]
    assert items(stay, date(2026, 12, 4))[1][3:] == (
        1, "TCM visit 2 days overdue (due by Dec 2) — discharged Nov 25 (high complexity)")


def test_a_moderate_complexity_visit_is_due_in_14_days() -> None:
    stay = Discharge(7, LEFT)
    assert items(stay, date(2026, 12, 5)) == []
    assert items(stay, date(2026, 12, 9))[1][1:4] == ("tcm_visit", date(2026, 12, 9), 1)
    assert items(stay, date(2026, 12, 9))[1][4] == (
        "TCM visit due today — discharged Nov 25 (moderate complexity)")


def test_done_steps_leave_the_queue() -> None:
    today = date(2026, 12, 1)
    stay = Discharge(7, LEFT, high=True, med_rec_on=date(2026, 11, 27))
    assert [i[0] for i in items(stay, today)] == ["tcm_visit:7"]
    done = Discharge(7, LEFT, high=True, med_rec_on=date(2026, 11, 27),
                     visit_on=date(2026, 11, 30))
    assert items(done, today) == []


def test_a_visit_done_without_the_reconciliation_leaves_it_overdue() -> None:
    stay = Discharge(7, LEFT, visit_on=date(2026, 11, 27))
    assert items(stay, date(2026, 11, 30)) == [
        ("tcm_medrec:7", "tcm_medrec", date(2026, 11, 27), 1,
         "TCM medication reconciliation 3 days overdue (due by Nov 27) — discharged Wed "
         "(moderate complexity)")]


def test_the_steps_leave_when_the_tcm_period_ends() -> None:
    stay = Discharge(7, LEFT, high=True)
    assert [i[0] for i in items(stay, date(2026, 12, 24))] == ["tcm_medrec:7", "tcm_visit:7"]
    assert items(stay, date(2026, 12, 25)) == []


def test_urgent_steps_stand_with_the_tcm_contacts_before_overdue_check_ins() -> None:
    left = date(2026, 11, 27)  # a Friday: contact by Tue Dec 1, visit by Fri Dec 4 (high)
    client = ClientFacts(id=2, name="Ng, Bo", status="active", risk_tier="high", cadence_days=7,
                         enrolled_on=date(2026, 1, 5),
                         last_success=datetime(2026, 11, 20, 10, tzinfo=UTC),
                         discharges=(Discharge(9, left, high=True),))
    queue = build_queue([client], today=date(2026, 12, 3))
    assert [(i.kind, i.rank[0]) for i in queue.items] == [
        ("tcm", 1), ("tcm_medrec", 1), ("tcm_visit", 1), ("check_in", 2)]


def test_a_snoozed_step_stays_out_until_its_day() -> None:
    stay = Discharge(7, LEFT, high=True)
    snooze = SnoozeFact("tcm_visit:7", date(2026, 12, 3), "visit booked", date(2026, 12, 1))
    today = date(2026, 12, 1)
    assert [i[0] for i in items(stay, today, snoozes=(snooze,))] == ["tcm_medrec:7"]


def test_steps_shown_ahead_of_their_day_are_not_counted_due_today() -> None:
    """The header's "due today" counts a step only from its own day (a TCM contact ahead of
    its deadline is today's work and counts)."""
    ahead = build_queue([facts(Discharge(7, LEFT, high=True))], today=date(2026, 11, 29))
    assert [i.kind for i in ahead.items] == ["tcm_medrec", "tcm_visit"]
    assert (ahead.due, ahead.overdue) == (0, 0)
    on_the_day = build_queue([facts(Discharge(7, LEFT, high=True))], today=date(2026, 12, 2))
    assert (on_the_day.due, on_the_day.overdue) == (2, 0)
