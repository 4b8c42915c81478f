"""`carecli today [--date YYYY-MM-DD] [--json]`: today's queue in the shell, for printing and
scripts; one line per item (client, kind, due day, reason) in the queue's order, or a JSON list.

Only reads (a running app may hold the database open): a file at the current schema through
the standard library alone; a file of an older version is upgraded first and a server opened,
as the app does. Imports only the standard library until the command runs.
"""

import sys

from carecli.cli_output import steady_output, utf8_output

CLIENT_WIDTH = 28
"""Widest client column in the plain listing; a longer name is cut with …."""


def add_parser(sub, common) -> None:
    today = sub.add_parser(
        "today", parents=[common], help="print today's queue",
        description="Print today's queue: everything due or overdue, most urgent first, "
                    "one line per item (client, kind, due day, reason).")
    today.add_argument("--date", metavar="YYYY-MM-DD",
                       help="the queue as it stands on this day (default: today)")
    today.add_argument("--json", action="store_true",
                       help="a JSON list of objects (client_id, client, kind, due, reason, ...)")


def run(location, args, out=None) -> int:
    """The `today` command; the exit status."""
    import json
    from datetime import date

    steady_output()
    out = out or sys.stdout
    day = None
    if args.date is not None:
        try:
            day = date.fromisoformat(args.date.strip()) if len(args.date.strip()) == 10 else None
        except ValueError:
            day = None
        if day is None:
            print(f"carecli: --date takes a real day as YYYY-MM-DD (e.g. 2026-11-30), not "
                  f"{args.date!r}.", file=sys.stderr)
            return 2
    queue = _read(location, day)
    if queue is None:
        print(f"carecli: there is no database at {location.display} yet; `carecli` creates "
              "one and `carecli demo` fills one with a demo caseload.", file=sys.stderr)
        return 1
    if args.json:
        json.dump([_as_json(item) for item in queue.items], out,
                  ensure_ascii=not utf8_output(), indent=1)  # \u escapes: still JSON
        out.write("\n")
    else:
        out.write(_plain(queue))
    return 0


def _read(location, day):
    """Today's queue, or None when the database file does not exist."""
    from carecli.data.precheck import FileState, inspect_file
    from carecli.data.service import CareService

    service = CareService(location)
    if location.path is not None:
        state = inspect_file(location.path)
        if state is FileState.NEW:
            return None
        if state is FileState.NEEDS_UPGRADE:
            service.open()
    else:
        service.open()
    try:
        return service.queue(day, items_only=True)  # printed: the items alone
    finally:
        service.close()


def _as_json(item) -> dict:
    return {"client_id": item.client_id, "client": item.client, "kind": item.kind,
            "due": item.due.isoformat(), "reason": item.reason, "key": item.key,
            "risk_tier": item.risk_tier, "overdue_days": item.overdue_days}


def _plain(queue) -> str:
    """A title line, then one aligned line per item."""
    day = f"{queue.today:%a} {queue.today.day} {queue.today:%b %Y}"
    if not queue.items:
        return f"Nothing due on {day}.\n"
    lines = [f"Queue for {day}: {len(queue.items)} items ({queue.due} due, "
             f"{queue.overdue} overdue)."]
    width = min(CLIENT_WIDTH, max(len(i.client) for i in queue.items))
    kind_width = max(len(i.kind) for i in queue.items)
    for item in queue.items:
        client = item.client if len(item.client) <= width else item.client[:width - 1] + "…"
        lines.append(f"{client:<{width}}  {item.kind:<{kind_width}}  {item.due.isoformat()}  "
                     f"{item.reason}")
    return "\n".join(lines) + "\n"
