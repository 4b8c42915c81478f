"""What a newcomer reads on the queue on a Tuesday morning: the header counts add up to the rows
shown, a TCM deadline still ahead is not called "today", and "done today" names the minutes
once."""

from datetime import UTC, date, datetime

from carecli.domain.queue import ClientFacts, Discharge, DoneContact, build_queue
from carecli.widgets.queue_panels import counts, detail, done_today
from carecli.widgets.queue_table import due_cell

TODAY = date(2026, 11, 24)  # a Tuesday


def client(client_id: int, last: str, **more) -> ClientFacts:
    return ClientFacts(id=client_id, name=f"Client{client_id:02d}, Pat", status="active",
                       risk_tier="high", cadence_days=7, enrolled_on=date(2026, 1, 5),
                       last_success=datetime.fromisoformat(last).replace(hour=10, tzinfo=UTC),
                       **more)


def morning():
    """One check-in 3 days overdue, one due today, and a TCM contact due by Fri (discharged
    today: its deadline is ahead but it is on today's list)."""
    return build_queue([client(1, "2026-11-14"), client(2, "2026-11-17"),
                        client(3, "2026-11-20", discharges=(Discharge(9, TODAY),))],
                       today=TODAY)


def test_the_header_counts_add_up_to_the_rows_shown():
    queue = morning()
    assert len(queue.items) == 3
    assert counts(queue).plain.startswith("2 due today · 1 overdue · ")


def test_a_tcm_deadline_ahead_says_by_which_day_not_today():
    tcm = next(i for i in morning().items if i.kind == "tcm")
    assert due_cell(tcm, TODAY).plain == "by Fri"
    assert "due by Fri" in detail(tcm, TODAY).plain
    today = next(i for i in morning().items if i.overdue_days == 0 and i.kind != "tcm")
    assert due_cell(today, TODAY).plain == "today"


def test_done_today_names_the_minutes_once():
    done = (DoneContact(1, 1, "Client01, Pat", datetime(2026, 11, 24, 9, tzinfo=UTC), "phone",
                        "reached", 12),)
    queue = build_queue([client(1, "2026-11-24")], today=TODAY, done=done)
    assert done_today(queue.done).plain.count("12 min") == 1
