"""The queue reads the contact log through its indexes: no select it runs scans the table
whole (SQLite's `EXPLAIN QUERY PLAN`), so it stays fast at a million contacts."""

import re
import sqlite3
from contextlib import closing, contextmanager
from datetime import UTC, datetime, time

from carecli.data.queue import load_queue
from carecli.demo import build_demo

WHOLE_TABLE = re.compile(r"^SCAN (\w+)")


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


def contact_log_names(sql: str) -> set[str]:
    """`contact_log` and every alias the statement gives it."""
    return {"contact_log"} | set(re.findall(r"\bcontact_log\s+(?:AS\s+)?([a-z]\w*)", sql)) - {
        "where", "on", "group", "order"}


def test_no_select_of_the_queue_scans_the_contact_log(db, db_path, today):
    build_demo(db=db, clients=60, seed=2, today=today)
    with closing(sqlite3.connect(db_path)) as conn, conn:  # a contact today, a snooze
        now = datetime.combine(today, time(12), tzinfo=UTC).replace(tzinfo=None)
        conn.execute("INSERT INTO contact_log (client_id, occurred_at, mode, outcome, successful,"
                     " minutes, version) VALUES (1, ?, 'phone', 'reached', 1, 10, 1)", (now,))
        conn.execute("INSERT INTO snooze (client_id, item_key, until_on, reason, created_at) "
                     "VALUES (2, 'cadence', '2026-11-27', 'away', ?)", (now,))
    reader = TracedReader(db_path)
    queue = load_queue(db=reader, today=today)
    assert queue.items and queue.done and queue.ccm_at_risk  # every select ran
    with closing(sqlite3.connect(db_path)) as conn:
        checked = 0
        for sql in reader.statements:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
            scanned = {m.group(1) for line in plan if (m := WHOLE_TABLE.match(line))}
            names = contact_log_names(sql)
            assert not scanned & names, (sql, plan)
            checked += "contact_log" in sql
        assert checked == 6  # latest contacts, attempts, findings, minutes, done, closed by
