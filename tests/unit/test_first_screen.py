"""The first screenful read before the rest is exactly the top of the full caseload: a safety
finding heads it from the first frame, and the rows the full load brings keep their places."""

import sqlite3
from contextlib import closing
from datetime import date

import pytest

from carecli.clinical import score
from carecli.data.assessments import complete_assessment, start_assessment
from carecli.data.caseload import load_caseload, load_first_screen
from carecli.data.reader import SqliteReader
from carecli.demo import build_demo
from carecli.domain.caseload import CaseloadFilter, view


def full_view(db, today):
    rows = load_caseload(db=db, today=today)
    return view(rows, filt=CaseloadFilter(), sort_by="next_due", descending=False, today=today)


def write(db_path, sql: str, *params) -> None:
    """Change the file the way another program would: plain sqlite3, no carecli checks."""
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute(sql, params)


@pytest.fixture
def caseload(db, today):
    """150 demo clients, many overdue and many due on the same day, and (beside the demo's own)
    a safety finding on a client who is otherwise due last."""
    build_demo(db=db, clients=150, seed=3, today=today)
    last = full_view(db, today)[-1].id
    answers = {str(i): 0 for i in range(1, 9)} | {"9": 2}
    assessment = start_assessment(db=db, client_id=last, kind="reassessment", steps=["phq9"])
    complete_assessment(db=db, assessment_id=assessment, answers={"phq9": answers},
                        scores={"phq9": score("phq9", answers)})
    return last


@pytest.mark.parametrize("count", [1, 7, 40])
def test_first_screen_is_the_top_of_the_full_view(db, today, caseload, count):
    full = full_view(db, today)
    first = load_first_screen(db=db, today=today, count=count)
    assert first == full[:len(first)]
    assert len(first) >= count  # safety findings come on top of `count`
    safety = [r for r in full if r.needs_safety_follow_up]
    assert first[:len(safety)] == safety and caseload in {r.id for r in safety}
    assert sum(r.overdue(today) for r in first) >= min(count, 5)


def test_clients_due_the_same_day_keep_the_full_views_order(db, today, caseload):
    first = load_first_screen(db=db, today=today, count=40)
    dues = [r.next_due for r in first if not r.needs_safety_follow_up]
    assert len(set(dues)) < len(dues)  # there were same-day ties to settle
    assert first == full_view(db, today)[:len(first)] and len(first) >= 40


def test_a_caseload_smaller_than_a_screen_comes_whole(db, today, caseload):
    full = full_view(db, today)
    assert load_first_screen(db=db, today=today, count=len(full) + 5) == full


@pytest.mark.parametrize(
    ("sql", "value"),
    [
        ("UPDATE client SET cadence_days = ? WHERE id IN (SELECT id FROM client LIMIT 9)", "abc"),
        ("UPDATE client SET cadence_days = ? WHERE id IN (SELECT id FROM client LIMIT 9)", 0),
        ("UPDATE client SET risk_tier = ? WHERE id IN (SELECT id FROM client LIMIT 9)", "odd"),
        ("UPDATE client SET enrolled_on = ? WHERE id IN (SELECT id FROM client LIMIT 9)",
         "garbage"),
        ("UPDATE check_in SET due_on = ? WHERE client_id IN (SELECT id FROM client LIMIT 9)",
         "2026-02-30"),
        ("UPDATE check_in SET due_on = ? WHERE client_id IN (SELECT id FROM client LIMIT 9)",
         "2026-11-01 garbage"),
        ("UPDATE check_in SET due_on = ? WHERE client_id IN (SELECT id FROM client LIMIT 9)",
         20261101),
        ("UPDATE contact_log SET occurred_at = ? WHERE id IN (SELECT id FROM contact_log "
         "WHERE successful ORDER BY occurred_at DESC LIMIT 30)", "9999-12-31 23:59:59.000000"),
        ("UPDATE contact_log SET occurred_at = ? WHERE id IN (SELECT id FROM contact_log "
         "WHERE successful ORDER BY occurred_at DESC LIMIT 30)", "yesterday"),
    ],
)
def test_unreadable_values_do_not_change_the_first_screen(db, db_path, today, caseload, sql,
                                                          value):
    write(db_path, sql, value)
    full = full_view(db, today)
    for count in (3, 25):
        first = load_first_screen(db=db, today=today, count=count)
        assert first == full[:len(first)] and len(first) >= count


def test_a_date_past_every_other_ends_the_first_screen_where_it_is_certain(db, db_path, today,
                                                                          caseload):
    """Clients with no check-in at all (date.max) tie with each other: the first screen still
    comes in the full view's order."""
    write(db_path, "UPDATE client SET cadence_days = 0")
    write(db_path, "DELETE FROM check_in")
    full = full_view(db, today)
    first = load_first_screen(db=db, today=today, count=10)
    assert first == full[:len(first)] and len(first) > 10
    assert first[0].needs_safety_follow_up


def test_an_empty_caseload_has_no_first_screen(db, today):
    assert load_first_screen(db=db, today=today) == []


def test_without_scheduled_check_ins_the_last_contact_sets_the_order(db, db_path, today,
                                                                    caseload):
    write(db_path, "DELETE FROM check_in")
    full = full_view(db, today)
    first = load_first_screen(db=db, today=today, count=20)
    assert first == full[:len(first)] and len(first) >= 20
    assert any(r.last_contact is not None for r in first)


def test_a_row_that_cannot_be_read_is_not_shown_early(db, db_path, today, caseload):
    """A name another program stored as bytes makes the whole row unreadable: it then shows no
    check-in and stands last, although its check-in columns alone put it near the top."""
    top = [r.id for r in full_view(db, today) if not r.needs_safety_follow_up][:3]
    for client_id in top:
        write(db_path, "UPDATE client SET family_name = CAST(family_name AS BLOB) WHERE id = ?",
              client_id)
    full = full_view(db, today)
    assert {r.id for r in full[-3:]} == set(top)
    for count in (2, 3, 6):
        first = load_first_screen(db=db, today=today, count=count)
        assert first == full[:len(first)]
        assert not set(top) & {r.id for r in first}



def test_a_file_it_cannot_read_gives_no_first_screen(tmp_path, today):
    """The full read that follows meets the same problem and says what it is."""
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE notes (line TEXT)")
    assert load_first_screen(db=SqliteReader(other), today=today) == []


def test_a_client_on_hold_with_an_open_finding_heads_the_first_screen_too(db, today, caseload):
    from carecli.data.clients import change_status

    change_status(db=db, client_id=caseload, values={"to_status": "on_hold", "reason": "Away"})
    full = full_view(db, today)
    first = load_first_screen(db=db, today=today, count=7)
    assert first == full[:len(first)] and caseload in {r.id for r in first}


def test_an_unanswered_call_puts_the_retry_day_in_the_first_screen(db, db_path, today, caseload):
    """A retry the next business day after an unanswered call wins over a check-in scheduled
    later, as in today's queue: the client moves up to it."""
    client = next(r.id for r in reversed(full_view(db, today)) if not r.needs_safety_follow_up)
    write(db_path, "DELETE FROM contact_log WHERE client_id = ?", client)
    for day, outcome, ok in (("2026-11-02", "reached", 1), ("2026-11-06", "voicemail", 0)):
        write(db_path, "INSERT INTO contact_log (client_id, occurred_at, mode, outcome, "
              "successful, minutes, version) VALUES (?, ?, 'phone', ?, ?, 5, 1)",
              client, f"{day} 16:00:00.000000", outcome, ok)
    full = full_view(db, today)
    row = next(r for r in full if r.id == client)
    assert row.next_due == date(2026, 11, 9)  # the Monday after a Friday's voicemail
    first = load_first_screen(db=db, today=today, count=40)
    assert first == full[:len(first)] and client in {r.id for r in first}
