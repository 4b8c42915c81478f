"""The queue reads the contact log and the care plans through their indexes: no select it runs
scans the contact log, a plan's items or the interventions done whole, and the plans are read
only along the index of the active ones (SQLite's `EXPLAIN QUERY PLAN`), so it stays fast at a
million contacts and every client's plan versions."""

import re
import sqlite3
from contextlib import closing, contextmanager
from datetime import UTC, datetime, time

from carecli.data.queue import load_queue
from carecli.demo import build_demo

WHOLE_TABLE = re.compile(r"^SCAN (\w+)")
ACTIVE_PLANS = "USING INDEX ix_care_plan_one_active"
"""A scan of this partial index reads the active plans alone."""
PLAN_TABLES = {"care_plan_item", "intervention_done", "goal_progress", "care_plan_section"}


class TracedReader:
    """A `db` whose `raw()` connection records every statement run through it."""

    def __init__(self, path) -> None:
        self.path = path
        self.statements: list[str] = []

    @contextmanager
    def raw(self):
        with closing(sqlite3.connect(self.path)) as conn:
            conn.set_trace_callback(self.statements.append)
            yield conn


def names_of(table: str, sql: str) -> set[str]:
    """`table` and every alias the statement gives it."""
    return {table} | set(re.findall(rf"\b{table}\s+(?:AS\s+)?([a-z]\w*)", sql)) - {
        "where", "on", "group", "order", "cross", "left", "join"}


def contact_log_names(sql: str) -> set[str]:
    return names_of("contact_log", sql)


def test_no_select_of_the_queue_scans_the_contact_log(db, db_path, today):
    build_demo(db=db, clients=60, seed=2, today=today)
    with closing(sqlite3.connect(db_path)) as conn, conn:  # a contact today, a snooze
        now = datetime.combine(today, time(12), tzinfo=UTC).replace(tzinfo=None)
        conn.execute("INSERT INTO contact_log (client_id, occurred_at, mode, outcome, successful,"
                     " minutes, version) VALUES (1, ?, 'phone', 'reached', 1, 10, 1)", (now,))
        conn.execute("INSERT INTO snooze (client_id, item_key, until_on, reason, created_at) "
                     "VALUES (2, 'cadence', '2026-11-27', 'away', ?)", (now,))
        conn.execute("INSERT INTO intervention_done (client_id, intervention_uid, done_on, "
                     "created_at) SELECT p.client_id, i.uid, ?, ? FROM care_plan p JOIN "
                     "care_plan_item i ON i.care_plan_id = p.id WHERE p.status = 'active' AND "
                     "i.kind = 'intervention' LIMIT 1", (today.isoformat(), now))
    reader = TracedReader(db_path)
    queue = load_queue(db=reader, today=today)
    assert queue.items and queue.done and queue.ccm_at_risk  # every select ran
    assert {"intervention", "plan_review"} <= {i.kind for i in queue.items}
    assert any(d.outcome == "done" for d in queue.done)
    with closing(sqlite3.connect(db_path)) as conn:
        checked = planned = 0
        for sql in reader.statements:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
            scanned = {m.group(1) for line in plan if (m := WHOLE_TABLE.match(line))}
            names = contact_log_names(sql)
            assert not scanned & names, (sql, plan)
            for table in PLAN_TABLES:
                assert not scanned & names_of(table, sql), (sql, plan)
            for line in plan:
                if (m := WHOLE_TABLE.match(line)) and m.group(1) in names_of("care_plan", sql):
                    assert ACTIVE_PLANS in line, (sql, plan)
            checked += "contact_log" in sql
            planned += "care_plan" in sql or "intervention_done" in sql
        assert checked == 7  # latest contacts, attempts, findings, minutes, done, closed by,
        # the contacts since a discharge (its TCM contact)
        assert planned == 3  # plan reviews, interventions, interventions done today
