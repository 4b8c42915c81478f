"""A contact log of the size the issue names, for the benchmarks that need one.

The 10,000-client demo writes about 86,000 contacts (three to four months of history);
`pad_contacts` copies that history further back in time, a copy at a time, until the log holds
about the number of rows asked for (a million: some years of a big team's work). Used by
`today_queue.py` (building today's queue) and `startup.py` (the queue and the caseload on screen).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SHIFT_DAYS = 131
"""How far back each copy of the demo's history goes (a little more than the history itself)."""


def pad_contacts(path: Path, target: int) -> int:
    """Copy the contact log's history further back, a copy at a time, until it holds about
    `target` rows; returns how many it holds."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT COUNT(*) FROM contact_log").fetchone()[0]
        base = rows
        shift = 0
        columns = ("client_id, mode, outcome, successful, minutes, with_whom, note, version, "
                   "timer_minutes, with_whom_kind, topics, education")
        while rows + base <= target * 1.05:
            shift += SHIFT_DAYS
            with conn:
                conn.execute(
                    f"INSERT INTO contact_log (occurred_at, logged_at, {columns}) "
                    f"SELECT strftime('%Y-%m-%d %H:%M:%f000', occurred_at, '-{shift} days'), "
                    f"strftime('%Y-%m-%d %H:%M:%f000', occurred_at, '-{shift} days'), {columns} "
                    f"FROM contact_log WHERE id <= {base}")
            rows += base
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return conn.execute("SELECT COUNT(*) FROM contact_log").fetchone()[0]
    finally:
        conn.close()
