"""How fast today's queue is built, compared with a floor measured in the same run.

Run:  .venv/bin/python benchmarks/today_queue.py [--repeat N] [--quick] [--check]
                                                 [--contacts N]

The script builds two demo caseloads (60 and 10,000 clients, `carecli demo`) in a temporary
folder. The 10,000-client demo writes about 86,000 contacts (three to four months of history);
the script then copies that history further back in time until the contact log holds about
`--contacts` rows (default 1,000,000: some years of a big team's work; `history.py`), so the
queue is timed against a contact log of the size the issue names. Then it measures:

(a) building today's queue at 10,000 clients, in-process: `data.queue.load_queue()` through a
    fresh read-only connection (as `CareService.queue()` reads a file), against FLOOR_SQL run
    through a fresh plain `sqlite3` connection: one statement that reads the same rows and
    returns the same items in priority order (safety, TCM, overdue and due check-ins with
    retries, TCM medication reconciliations and visits from 3 days before their deadline,
    tasks, referrals, plan reviews, appointments' reminder calls and outcome
    follow-ups, the active plans' interventions by their next due
    day; snoozes left out), the interventions done today, the week's counts and CCM at
    risk, with the local-time conversion and date arithmetic done by SQLite (holidays aside:
    plain SQL has no holiday calendar). Runs are interleaved; medians.
(b) `carecli today --db PATH` wall time at 10,000 clients against the same at 60 clients
    (both print the whole queue to a pipe). Runs are interleaved; medians.
(c) logging a contact at 10,000 clients, save to queue updated: `CareService.log_contact` (one
    transaction, the next follow-up worked out) then that client's part of the queue read
    (`queue(client_id=…)`) and merged into the queue on screen (`merge_client`), as the queue
    screen does after a save. Its budget is absolute (under 50 ms); the floor beside it is
    one plain `sqlite3` INSERT of a contact row and its commit, the least a save can cost.

RATIO = ours / floor; the target column is the budget, `ok` / `MISS` says whether it is met;
`--check` makes the exit status 1 when one is missed. Needs nothing beyond carecli itself.
Nothing is left behind: the temporary folder is removed (`--keep DIR` builds the caseloads in
DIR instead, and a later run on the same day reuses them).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

from history import SHIFT_DAYS, pad_contacts
from startup import BenchError, build_demo, carecli_command, child_env, fmt_time, line, median

SIZES = (60, 10_000)
TARGETS = {"a": 1.5, "b": 3.0}
LOG_BUDGET_S = 0.050
"""(c): logging a contact, save to queue updated, at 10,000 clients."""

FLOOR_SQL = """
WITH active AS (
    SELECT c.id, c.risk_tier, c.enrolled_on,
           COALESCE(c.cadence_days, CASE c.risk_tier WHEN 'high' THEN 7 WHEN 'moderate' THEN 14
                                    ELSE 30 END) AS every,
           (SELECT MAX(l.occurred_at) FROM contact_log l
            WHERE l.client_id = c.id AND l.successful = 1 AND l.occurred_at < :end) AS success,
           (SELECT MAX(l.occurred_at) FROM contact_log l
            WHERE l.client_id = c.id AND l.successful = 0 AND l.occurred_at < :end) AS failed,
           (SELECT MIN(p.due_on) FROM check_in p
            WHERE p.client_id = c.id AND p.status = 'open' AND p.kind = 'check_in') AS planned
    FROM client c WHERE c.status = 'active'
), check_ins AS (
    SELECT id AS client_id, CASE
             WHEN failed > COALESCE(success, '') THEN date(failed, 'localtime', '+1 day')
             WHEN planned IS NOT NULL THEN planned
             ELSE date(COALESCE(date(success, 'localtime'), enrolled_on), '+' || every || ' days')
           END AS day,
           CASE WHEN failed > COALESCE(success, '') THEN 'retry' ELSE 'check_in' END AS kind
    FROM active
), items AS (
    SELECT 0 AS tier, f.client_id, 'safety' AS kind, date(f.found_at, 'localtime') AS day
    FROM safety_finding f WHERE NOT EXISTS (
        SELECT 1 FROM contact_log c WHERE c.client_id = f.client_id AND c.successful = 1
          AND c.note IS NOT NULL AND c.note <> '' AND c.occurred_at > f.found_at)
    UNION ALL
    SELECT 1, s.client_id, 'tcm', date(s.discharged_on, '+2 days') FROM hospital_stay s
    JOIN active a ON a.id = s.client_id
    WHERE s.discharged_on >= :since AND s.discharged_on <= :today AND s.kind <> 'emergency'
      AND COALESCE(a.success, '') < s.discharged_on
    UNION ALL
    SELECT 1, s.client_id, step.kind, date(s.discharged_on, '+' || CASE s.complexity
             WHEN 'high' THEN 7 ELSE 14 END || ' days') AS deadline
    FROM hospital_stay s JOIN active a ON a.id = s.client_id
    JOIN (SELECT 'tcm_medrec' AS kind UNION ALL SELECT 'tcm_visit') step
    WHERE s.discharged_on >= :since AND s.discharged_on <= :today AND s.kind <> 'emergency'
      AND CASE step.kind WHEN 'tcm_medrec' THEN s.med_rec_on ELSE s.visit_on END IS NULL
      AND date(s.discharged_on, '+' || CASE s.complexity WHEN 'high' THEN 4 ELSE 11 END
               || ' days') <= :today
    UNION ALL
    SELECT CASE WHEN day < :today THEN 2 ELSE 3 END, client_id, kind, day FROM check_ins
    WHERE day <= :horizon AND NOT EXISTS (
        SELECT 1 FROM snooze z WHERE z.client_id = check_ins.client_id
          AND z.item_key = 'cadence' AND z.until_on > :today)
    UNION ALL
    SELECT 4, h.client_id, 'task', h.due_on FROM check_in h JOIN active a ON a.id = h.client_id
    WHERE h.status = 'open' AND h.kind = 'task' AND h.due_on <= :horizon
    UNION ALL
    SELECT 4, r.client_id, 'referral', r.follow_up_on FROM referral r
    JOIN active a ON a.id = r.client_id
    WHERE r.status IN ('draft', 'requested', 'accepted', 'in-progress', 'on-hold')
    AND r.follow_up_on <= :horizon
    UNION ALL
    SELECT 4, p.client_id, 'plan_review', p.review_due_on FROM care_plan p
    JOIN active a ON a.id = p.client_id
    WHERE p.status = 'active' AND p.review_due_on <= :horizon
    UNION ALL
    SELECT 4, client_id, 'intervention', day FROM intervention_days
    WHERE day <= :horizon AND active
    UNION ALL
    SELECT 4, p.client_id, 'appointment_reminder', date(p.starts_at, 'localtime', '-1 day')
    FROM appointment p JOIN active a ON a.id = p.client_id
    WHERE p.status = 'scheduled' AND p.reminded_on IS NULL AND p.starts_at >= :start
      AND p.starts_at < :appointments_end
    UNION ALL
    SELECT 4, p.client_id, 'appointment_outcome', date(p.starts_at, 'localtime', '+1 day')
    FROM appointment p JOIN active a ON a.id = p.client_id
    WHERE p.status = 'scheduled' AND p.starts_at >= :appointments_since
      AND p.starts_at < :appointments_end
), interventions AS (
    SELECT p.client_id, i.frequency, i.due_on,
           EXISTS (SELECT 1 FROM active a WHERE a.id = p.client_id) AS active,
           (SELECT MAX(d.done_on) FROM intervention_done d
            WHERE d.client_id = p.client_id AND d.intervention_uid = i.uid
              AND d.done_on <= :today) AS last
    FROM care_plan p CROSS JOIN care_plan_item i
    WHERE p.status = 'active' AND i.care_plan_id = p.id AND i.kind = 'intervention'
      AND i.status IN ('not-started', 'scheduled', 'in-progress')
      AND (i.owner_kind = 'care_manager' OR i.frequency IS NULL OR i.frequency = 'once')
), intervention_days AS (
    SELECT client_id, active, last, CASE
             WHEN last IS NULL THEN due_on
             WHEN frequency IN ('daily', 'weekly', 'fortnightly', 'monthly', 'quarterly')
             THEN max(COALESCE(due_on, ''), date(last, '+' || CASE frequency
                  WHEN 'daily' THEN 1 WHEN 'weekly' THEN 7 WHEN 'fortnightly' THEN 14
                  WHEN 'monthly' THEN 30 ELSE 91 END || ' days'))
           END AS day
    FROM interventions
), eligible AS (
    SELECT c.id FROM client c
    WHERE c.status = 'active'
      AND (SELECT COUNT(*) FROM condition d
           WHERE d.client_id = c.id AND d.status = 'active' AND d.chronic = 1) >= 2
      AND EXISTS (SELECT 1 FROM consent k WHERE k.client_id = c.id
                  AND k.kind = 'care_management' AND k.revoked_on IS NULL)
), minutes AS (
    SELECT e.id, (SELECT COALESCE(SUM(l.minutes), 0) FROM contact_log l
                  WHERE l.client_id = e.id AND l.occurred_at >= :month
                    AND l.occurred_at < :end) AS total
    FROM eligible e
)
SELECT 'item', i.tier, i.client_id, c.family_name || ', ' || c.given_name, i.kind, i.day
FROM items i JOIN client c ON c.id = i.client_id
WHERE i.day <= :today OR i.tier = 1
UNION ALL
SELECT 'week', NULL, COUNT(*), NULL, NULL, day FROM items
WHERE day > :today AND tier <> 1 GROUP BY day
UNION ALL
SELECT 'ccm', m.total, m.id, c.family_name || ', ' || c.given_name, NULL, NULL
FROM minutes m JOIN client c ON c.id = m.id WHERE m.total < 20
UNION ALL
SELECT 'done', l.minutes, l.client_id, l.outcome, l.mode, l.occurred_at FROM contact_log l
WHERE l.occurred_at >= :start AND l.occurred_at < :end
UNION ALL
SELECT 'done', 0, client_id, 'done', NULL, last FROM intervention_days WHERE last = :today
ORDER BY 1, 2, 6, 3
"""
"""The floor: today's queue as one SQLite statement (see the module docstring)."""


def floor_queue(path: Path, today: date) -> list[tuple]:
    from carecli.data.caseload import day_start_utc, month_start_utc

    def ts(at) -> str:
        return at.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")

    params = {"today": today.isoformat(), "horizon": (today + timedelta(days=6)).isoformat(),
              "since": (today - timedelta(days=45)).isoformat(),
              "start": ts(day_start_utc(today)), "end": ts(day_start_utc(today + timedelta(1))),
              "month": ts(month_start_utc(today)),
              "appointments_since": ts(day_start_utc(today - timedelta(days=30))),
              "appointments_end": ts(day_start_utc(today + timedelta(days=8)))}
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(FLOOR_SQL, params).fetchall()
    finally:
        conn.close()


def time_queue(path: Path, today: date) -> tuple[float, int]:
    from carecli.data.queue import load_queue
    from carecli.data.reader import SqliteReader

    start = time.perf_counter()
    queue = load_queue(db=SqliteReader(path), today=today)
    return time.perf_counter() - start, len(queue.items)


def time_floor(path: Path, today: date) -> tuple[float, int]:
    start = time.perf_counter()
    rows = floor_queue(path, today)
    return time.perf_counter() - start, sum(row[0] == "item" for row in rows)


def time_logging(path: Path, today: date, repeat: int) -> tuple[list[float], list[float]]:
    """(c): `repeat` contacts logged through the service, each followed by the client's part
    of the queue merged into the queue shown; and as many plain INSERTs (the floor)."""
    from carecli.config import resolve_database
    from carecli.data.service import CareService
    from carecli.domain.queue import merge_client

    service = CareService(resolve_database(str(path)))
    service.open()
    try:
        shown = service.queue()
        clients = [item.client_id for item in shown.items if item.kind != "safety"]
        ours, floor = [], []
        for i in range(repeat + 1):  # the first one warms SQLAlchemy up
            client_id = clients[i % len(clients)]
            start = time.perf_counter()
            service.log_contact(client_id, {"outcome": "voicemail", "minutes": 2})
            shown = merge_client(shown, service.queue(client_id=client_id), client_id)
            took = time.perf_counter() - start
            if i:
                ours.append(took)
                floor.append(_plain_insert(path, client_id))
        return ours, floor
    finally:
        service.close()


def _plain_insert(path: Path, client_id: int) -> float:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA busy_timeout = 5000")
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO contact_log (client_id, occurred_at, mode, outcome, successful,"
                     " minutes, version) VALUES (?, datetime('now'), 'phone', 'voicemail', 0, 2,"
                     " 1)", (client_id,))
        conn.execute("COMMIT")
        return time.perf_counter() - start


def pairs(ours: list[float], floor: list[float]) -> str:
    """Each interleaved run pair's ratio (no target): on a loaded machine the spread says how
    far to trust the ratio of the medians."""
    ratios = (o / f for o, f in zip(ours, floor, strict=True))
    return "    each run pair's ratio: " + " ".join(f"{r:.2f}" for r in ratios)


def wall_today(db: Path, env: dict[str, str]) -> float:
    import subprocess

    cmd = carecli_command() + ["--db", str(db), "today"]
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=env["HOME"], capture_output=True, timeout=120)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise BenchError(f"{' '.join(cmd)} failed ({done.returncode}): "
                         f"{done.stderr.decode(errors='replace').strip()}")
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=None, metavar="N",
                        help="runs per measure, medians reported (default 9, --quick 3)")
    parser.add_argument("--quick", action="store_true", help="3 runs per measure")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build the demo caseloads in DIR, or reuse today's ones there")
    parser.add_argument("--contacts", type=int, default=1_000_000, metavar="N",
                        help="pad the 10,000-client contact log to about N rows (0: do not)")
    args = parser.parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 9)
    if repeat < 1:
        parser.error("--repeat must be at least 1")
    tmp = Path(tempfile.mkdtemp(prefix="carecli-bench-queue-"))
    try:
        return bench(tmp, repeat, args)
    except BenchError as exc:
        print(f"\nbenchmark failed: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def bench(tmp: Path, repeat: int, args) -> int:
    import os

    home = tmp / "home"
    home.mkdir()
    env = child_env(home)
    say = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    load_before = os.getloadavg()[0]
    today = date.today()
    dbs: dict[int, Path] = {}
    for n in SIZES:
        dbs[n] = (args.keep or tmp) / f"caseload-{n}-{today}.db"
        if not dbs[n].exists():
            say(f"building the {n:,}-client demo caseload …")
            say(f"  done in {build_demo(dbs[n], n, env):.1f} s")
    big = dbs[SIZES[-1]]
    with closing(sqlite3.connect(big)) as conn:
        contacts = conn.execute("SELECT COUNT(*) FROM contact_log").fetchone()[0]
        demo_contacts = conn.execute(
            "SELECT COUNT(*) FROM contact_log WHERE occurred_at >= ?",
            ((today - timedelta(days=SHIFT_DAYS)).isoformat(),)).fetchone()[0]
    if args.contacts > contacts:
        say(f"copying the contact history back to about {args.contacts:,} rows …")
        contacts = pad_contacts(big, args.contacts)

    say("(a) today's queue vs one SQL statement, 10,000 clients …")
    time_queue(big, today), time_floor(big, today)  # warm-up: caches and imports
    ours_a, floor_a = [], []
    for _ in range(repeat):
        took, items = time_queue(big, today)
        ours_a.append(took)
        took, floor_items = time_floor(big, today)
        floor_a.append(took)

    say("(b) carecli today at 10,000 vs 60 clients …")
    for n in SIZES:
        wall_today(dbs[n], env)  # warm-up
    small_b, big_b = [], []
    for _ in range(repeat):
        small_b.append(wall_today(dbs[SIZES[0]], env))
        big_b.append(wall_today(big, env))

    say("(c) logging a contact, save to queue updated, 10,000 clients …")
    ours_c, floor_c = time_logging(big, today, repeat)

    misses = []

    def ratio_row(name: str, ours_s: float, floor_s: float, target: float) -> str:
        ratio = ours_s / floor_s
        if ratio > target:
            misses.append(name)
        return line(name, fmt_time(ours_s), fmt_time(floor_s), f"{ratio:.2f}x",
                    f"<= {target:g}x", "ok" if ratio <= target else "MISS")

    def budget_row(name: str, ours_s: float, floor_s: float, budget_s: float) -> str:
        if ours_s > budget_s:
            misses.append(name)
        return line(name, fmt_time(ours_s), fmt_time(floor_s), f"{ours_s / floor_s:.2f}x",
                    f"< {budget_s * 1000:g} ms", "ok" if ours_s <= budget_s else "MISS")

    out = [
        "",
        f"carecli queue benchmark (medians of {repeat} runs; floor measured in this run)",
        f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} CPUs, load average {load_before:.2f} at start",
        f"10,000 clients: {contacts:,} contacts ({demo_contacts:,} written by the demo), "
        f"{items:,} items in today's queue ({floor_items:,} in the floor's)",
        "",
        line("measure", "carecli", "floor", "ratio", "target", ""),
        ratio_row("(a) today's queue vs one SQL statement", median(ours_a), median(floor_a),
                  TARGETS["a"]),
        pairs(ours_a, floor_a),
        ratio_row("(b) carecli today, 10,000 vs 60 clients", median(big_b), median(small_b),
                  TARGETS["b"]),
        pairs(big_b, small_b),
        budget_row("(c) log a contact, save to queue updated", median(ours_c), median(floor_c),
                   LOG_BUDGET_S),
    ]
    if misses:
        out.append(f"\nmissed: {'; '.join(misses)}")
    print("\n".join(out))
    return 1 if (args.check and misses) else 0


if __name__ == "__main__":
    sys.exit(main())
