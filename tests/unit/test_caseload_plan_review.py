"""The caseload shows each client's next care-plan review (the active plan's: a draft or a
superseded version has none to show), marks one due or overdue, sorts by it and finds the
clients whose review is due by the filter."""

from datetime import date

import pytest

from carecli.data.caseload import load_caseload
from carecli.data.clients import create_client
from carecli.data.models import CarePlan
from carecli.domain.caseload import CaseloadFilter, view
from carecli.widgets.caseload_cells import plan_review_cell

pytestmark = pytest.mark.both_backends
TODAY = date(2026, 11, 24)


def client(db, family: str, *plans: tuple[str, date]) -> int:
    client_id = create_client(db=db, values={"given_name": "Pat", "family_name": family,
                                             "enrolled_on": date(2026, 1, 5)})
    with db.write() as session:
        for number, (status, review) in enumerate(plans, 1):
            session.add(CarePlan(client_id=client_id, number=number, status=status,
                                 review_due_on=review))
    return client_id


def test_the_active_plans_review_shows_and_stands_out_when_due(db):
    late = client(db, "Late", ("superseded", date(2026, 6, 1)), ("active", date(2026, 11, 20)))
    due = client(db, "Due", ("active", TODAY))
    ahead = client(db, "Ahead", ("active", date(2027, 2, 12)), ("draft", date(2026, 11, 1)))
    drafted = client(db, "Drafted", ("draft", date(2026, 11, 1)))
    rows = {r.id: r for r in load_caseload(db=db, today=TODAY)}
    assert {i: rows[i].plan_review_on for i in (late, due, ahead, drafted)} == {
        late: date(2026, 11, 20), due: TODAY, ahead: date(2027, 2, 12), drafted: None}
    cells = {i: plan_review_cell(rows[i], TODAY) for i in (late, due, ahead, drafted)}
    assert {i: (c.plain, str(c.style)) for i, c in cells.items()} == {
        late: ("Nov 20 ⚠", "bold red"), due: ("today", "bold yellow"), ahead: ("Feb 12", ""),
        drafted: ("—", "dim")}
    assert [rows[i].review_due(TODAY) for i in (late, due, ahead, drafted)] == [
        True, True, False, False]

    every = list(rows.values())
    by_review = view(every, filt=CaseloadFilter(), sort_by="plan_review", descending=False,
                     today=TODAY)
    assert [r.id for r in by_review] == [late, due, ahead, drafted]
    found = view(every, filt=CaseloadFilter(text="review"), sort_by="name", descending=False,
                 today=TODAY)
    assert sorted(r.id for r in found) == sorted([late, due])


@pytest.mark.sqlite_only
def test_an_unreadable_review_date_is_flagged_and_the_queue_still_opens(db, db_path):
    import sqlite3
    from contextlib import closing

    from carecli.data.queue import load_queue

    odd = client(db, "Odd", ("active", TODAY))
    fine = client(db, "Fine", ("active", TODAY))
    with closing(sqlite3.connect(db_path)) as conn, conn:  # as another program might write it
        conn.execute("UPDATE care_plan SET review_due_on = '2026-02-30' WHERE client_id = ?",
                     (odd,))
    rows = {r.id: r for r in load_caseload(db=db, today=TODAY)}
    assert rows[odd].plan_review_on is None and "data_problem" in rows[odd].flags
    assert rows[fine].plan_review_on == TODAY and "data_problem" not in rows[fine].flags
    reviews = [i.client_id for i in load_queue(db=db, today=TODAY).items
               if i.kind == "plan_review"]
    assert reviews == [fine]
