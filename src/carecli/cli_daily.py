"""The daily-work commands: `carecli log` (one contact, typed or from a phone system's call log)
and `carecli report minutes` (the month-end billing list, as text, JSON or CSV).

Only the standard library is imported up front (see `cli.py`); the data layer loads when a
command runs. Bad input is refused with one sentence naming the option at fault.
"""

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from carecli.cli_output import steady_output, utf8_output
from carecli.data.errors import CareDataError, InvalidInput
from carecli.domain.enums import ClientStatus, ContactMode, ContactOutcome

COMMANDS = frozenset({"log", "report"})
OPTIONS = {"occurred_at": "--at", "minutes": "--minutes", "outcome": "--outcome",
           "mode": "--mode", "note": "--note", "month": "--month", "with_whom": "--with"}
"""The option each validated field comes from, to name it in a refusal."""
MATCHES_SHOWN = 10
"""An ambiguous CLIENT lists at most this many of the clients it matches."""
UNREADABLE = (ValueError, TypeError, OverflowError)
"""What reading a value another program stored raises ('2026-02-30' in a date column)."""
CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to a spreadsheet: such a name gets a `'`."""


def add_commands(sub, common: argparse.ArgumentParser) -> None:
    """Add `log` and `report minutes` to the `carecli` parser's subcommands."""
    log = sub.add_parser(
        "log", parents=[common], help="log one contact with a client",
        description="Log one contact or attempt and print the client's next due date.")
    log.add_argument("client", metavar="CLIENT",
                     help="the client's id or an unambiguous part of the name")
    log.add_argument("--outcome", required=True, metavar="OUTCOME",
                     help=f"one of: {', '.join(ContactOutcome)}")
    log.add_argument("--mode", default=ContactMode.PHONE.value, metavar="MODE",
                     help=f"one of: {', '.join(ContactMode)} (default phone)")
    log.add_argument("--minutes", type=int, default=0, metavar="N",
                     help="whole minutes spent (default 0)")
    log.add_argument("--note", metavar="TEXT", help="what was said and done")
    log.add_argument("--at", metavar='"YYYY-MM-DD HH:MM"',
                     help="when it happened, local time (default now)")
    log.add_argument("--with", dest="with_whom", metavar="NAME",
                     help="who it was with (default the client); a member of the client's "
                          "care team makes it coordination: minutes, not a contact with the "
                          "client")
    report = sub.add_parser("report", help="reports for printing and billing",
                            description="Reports for printing and billing.")
    reports = report.add_subparsers(dest="report", metavar="REPORT", title="reports",
                                    required=True)
    minutes = reports.add_parser(
        "minutes", parents=[common], help="care-management minutes per client in a month",
        description="Per client: the month's care-management minutes, CCM eligibility and "
                    "the codes reached (complex when the month is marked so).")
    minutes.add_argument("--month", metavar="YYYY-MM", help="a calendar month (default: this "
                                                            "one)")
    form = minutes.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="a JSON list of objects")
    form.add_argument("--csv", action="store_true", help="CSV with a header row")


def run(args: argparse.Namespace, location) -> int:
    """Run `log` or `report` on the database at `location` (a file that is not there is not
    created: a mistyped path would otherwise leave an empty database behind)."""
    from carecli.data.db import open_database
    from carecli.data.service import CareService

    if location.path is not None and not location.path.exists():
        raise CareDataError(f"There is no database at {location.display}; nothing was done.")
    steady_output()
    service = CareService(location, db=open_database(location))
    try:
        if args.command == "log":
            return run_log(service, args)
        return run_report(service, args)
    except InvalidInput as exc:
        raise CareDataError(_refusal(exc)) from None
    finally:
        service.db.dispose()


@contextmanager
def _readable() -> Iterator[None]:
    """A value another program stored that cannot be read ('2026-02-30' in a date column)
    stops the command with one sentence, not a traceback."""
    try:
        yield
    except UNREADABLE as exc:
        raise CareDataError(f"A value stored in the database cannot be read ({exc}); it was "
                            "perhaps written by another program. Nothing was saved.") from None


def run_log(service, args: argparse.Namespace) -> int:
    with _readable():
        client_id, name = _one_client(service, args.client)
        logged = service.log_contact(client_id, {
            "outcome": args.outcome, "mode": args.mode, "minutes": args.minutes,
            "note": args.note, "occurred_at": args.at,
            **_party(service, client_id, args.with_whom),
        })
    lines = [_logged_line(service, client_id, name, logged.contact_id)]
    lines += [f"Safety finding followed up: {_safety_name(flag)}."
              for flag in logged.closed_findings]
    if logged.coordination:
        lines.append("With the care team: coordination about the client; their follow-up "
                     "is as it was.")
    lines.append(_next_due(logged) if logged.next_due else _no_next_due(service, client_id))
    try:
        print("\n".join(lines), flush=True)
    except OSError as exc:  # a full disk, a closed pipe: the contact is logged all the same
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to write
        print(f"carecli: the contact was logged, but this could not be printed: "
              f"{exc.strerror or exc}.", file=sys.stderr)
    return 0


def _party(service, client_id: int, text: str | None) -> dict[str, str]:
    """`--with NAME`: the care-team member of the client it names (their name as kept, case
    and accents aside), else someone else by that name; none: the client."""
    if text is None:
        return {}
    from carecli.domain.caseload import fold

    wanted = fold(text)
    for member in service.record(client_id).record.entries.get("care_team", ()):
        if fold(member.name) == wanted:
            return {"with_whom": member.name, "with_whom_kind": "care_team"}
    return {"with_whom": text, "with_whom_kind": "other"}


def _logged_line(service, client_id: int, name: str, contact_id: int) -> str:
    """What was logged, as stored; the saved contact is never reported as a failure because
    another of the client's contacts holds a value that cannot be read."""
    try:
        entry = next(e for e in service.contacts(client_id) if e.id == contact_id)
    except UNREADABLE:
        return f"Logged for {name} (id {client_id})."
    at = entry.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return (f"Logged: {entry.outcome.replace('_', ' ')}, {entry.mode.replace('_', ' ')}, "
            f"{entry.minutes} min, {at}, for {name} (id {client_id}).")


def _no_next_due(service, client_id: int) -> str:
    try:
        active = service.client(client_id).status == ClientStatus.ACTIVE
    except UNREADABLE:
        active = True
    if active:
        return "Next due: unknown: a value stored for this client cannot be read."
    return "No follow-up is due: the client is not active."


def _one_client(service, text: str) -> tuple[int, str]:
    matches = service.find_clients(text)
    if not matches:
        raise CareDataError(f"No client has the id or name {text!r}.")
    if len(matches) > 1:
        shown = ", ".join(f"{name} (id {client_id})"
                          for client_id, name in matches[:MATCHES_SHOWN])
        more = len(matches) - MATCHES_SHOWN
        shown += f" and {more} more" if more > 0 else ""
        raise CareDataError(f"{text!r} matches {len(matches)} clients: {shown}; give the id "
                            "or more of the name.")
    return matches[0]


def _next_due(logged) -> str:
    day = f"{logged.next_due.isoformat()} ({logged.next_due.strftime('%a')})"
    if not logged.retry:
        return f"Next due: {day}."
    attempts = logged.failed_in_a_row
    tried = f"{attempts} unsuccessful attempt{'s' if attempts > 1 else ''} in a row"
    if logged.unable_to_reach:
        return f"Next due: {day}, a retry; unable to reach: {tried}."
    return f"Next due: {day}, a retry ({tried})."


def _safety_name(flag: str) -> str:
    from carecli.clinical import SAFETY_NAMES

    return SAFETY_NAMES.get(flag, flag.replace("_", " "))


def run_report(service, args: argparse.Namespace) -> int:
    from carecli.data.contact_inputs import parse_month

    month = parse_month(args.month, service.today())
    with _readable():
        rows = service.month_minutes(month)
    if args.json:
        _print_json(rows)
    elif args.csv:
        _print_csv(rows)
    else:
        _print_table(rows, month)
    return 0


def _print_json(rows) -> None:
    import json

    print(json.dumps([{
        "client_id": r.client_id, "client": r.client, "month": r.month, "minutes": r.minutes,
        "codes": list(r.codes), "complex": r.complex, "eligible": r.eligible,
    } for r in rows], ensure_ascii=not utf8_output(), indent=2))  # \u escapes: still JSON


def _print_csv(rows) -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["client_id", "client", "month", "minutes", "codes", "complex",
                     "eligible"])
    for r in rows:
        client = f"'{r.client}" if r.client.startswith(CSV_FORMULA) else r.client
        writer.writerow([r.client_id, client, r.month, r.minutes, " ".join(r.codes),
                         "yes" if r.complex else "no", "yes" if r.eligible else "no"])


def _print_table(rows, month: str) -> None:
    if not rows:
        print(f"No client has care-management minutes or is CCM eligible in {month}.")
        return
    table = [("Id", "Client", "Minutes", "CCM", "Codes")] + [
        (str(r.client_id), r.client, str(r.minutes),
         ("eligible" if r.eligible else "no") + (", complex" if r.complex else ""),
         " ".join(r.codes)) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    print(f"Care-management minutes in {month}")
    for row in table:
        print("  ".join((row[0].rjust(widths[0]), row[1].ljust(widths[1]),
                         row[2].rjust(widths[2]), row[3].ljust(widths[3]), row[4])).rstrip())
    print(f"{len(rows)} clients, {sum(r.minutes for r in rows)} minutes; CCM eligible: two or "
          "more chronic conditions and care-management consent.")


def _refusal(exc: InvalidInput) -> str:
    """One sentence naming the option at fault: "--minutes must be at least 0."."""
    parts = [f"{OPTIONS.get(field, field)} {message}" for field, message in exc.errors.items()]
    text = "; ".join(parts)
    return text if text.endswith((".", "?", "!")) else text + "."
