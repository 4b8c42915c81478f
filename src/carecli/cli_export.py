"""`carecli export plan CLIENT --format html|markdown|fhir [-o FILE] [--draft] [--force]`: a
client's care plan as a page to print, Markdown or a FHIR R4 Bundle, to the screen or a file;
`carecli export calendar [-o FILE] [--days N] [--details] [--force]`: upcoming appointments and
due work as an iCalendar file for the care manager's own calendar (`export/calendar.py`).

Only the standard library is imported up front (see `cli.py`). Bad input is one sentence and
a non-zero exit; a file is written 0600 and never over one carecli did not write.
"""

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from carecli.cli_daily import _one_client, _readable
from carecli.cli_output import steady_output
from carecli.data.errors import CareDataError
from carecli.export import FORMATS

if TYPE_CHECKING:  # `carecli --version` loads this module: pathlib loads when a file is named
    from pathlib import Path

COMMAND = "export"
CALENDAR_DAYS = 30
CALENDAR_DAYS_MAX = 366
EARLIER_MAX = 64 * 1024 * 1024
"""The most of an earlier calendar export read (a year at 10,000 clients is far less)."""

EPILOG = """Without -o the copy is printed. -o writes a new file, readable by you alone; an
existing file is refused, and --force replaces it only when it is a copy carecli wrote
earlier: carecli never overwrites a file it did not write."""


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    """Add `export plan` and `export calendar` to the `carecli` parser's subcommands."""
    export = sub.add_parser(COMMAND, help="a care plan to print or send; your calendar",
                            description="Copies of a client's care plan to print or send, "
                                        "and your calendar.")
    kinds = export.add_subparsers(dest="export", metavar="WHAT", title="what to export",
                                  required=True)
    plan = kinds.add_parser(
        "plan", parents=[common], epilog=EPILOG,
        help="a client's current care plan as HTML, Markdown or FHIR",
        description="A client's current (finalised) care plan, or the draft: an HTML page "
                    "to print for the client and family, Markdown, or a FHIR R4 Bundle "
                    "(JSON) for a practice's EHR.")
    plan.add_argument("client", metavar="CLIENT",
                      help="the client's id or an unambiguous part of the name")
    plan.add_argument("--format", required=True, metavar="FORMAT",
                      help=f"one of: {', '.join(FORMATS)}")
    plan.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: print)")
    plan.add_argument("--draft", action="store_true",
                      help="the draft being edited, not the finalised plan")
    plan.add_argument("--force", action="store_true",
                      help="replace FILE when it is a copy carecli wrote earlier")
    calendar = kinds.add_parser(
        "calendar", parents=[common], epilog=EPILOG,
        help="upcoming appointments and due work as an iCalendar file",
        description="Every client's appointments and the queue's work due from today to "
                    "--days ahead, as an iCalendar file for your own calendar. Without "
                    "--details a client shows only as initials and the work in plain words; "
                    "importing a newer file updates the entries of an earlier one, and "
                    "--force over an earlier export also sends what it had and is no longer "
                    "due (work done, an appointment removed) as cancelled.")
    calendar.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: "
                                                                 "print)")
    calendar.add_argument("--days", type=int, default=CALENDAR_DAYS, metavar="N",
                          help=f"days ahead, 1 to {CALENDAR_DAYS_MAX} (default "
                               f"{CALENDAR_DAYS})")
    calendar.add_argument("--details", action="store_true",
                          help="names, who with, where, purpose and reasons in full")
    calendar.add_argument("--force", action="store_true",
                          help="replace FILE when it is a calendar carecli wrote earlier")


def run(args: argparse.Namespace, location) -> int:
    """Export the plan or the calendar; the database is only read (one that is not there is
    not created)."""
    if args.export == "calendar":
        return run_calendar(args, location)
    if args.format not in FORMATS:
        *most, last = FORMATS
        raise CareDataError(f"--format takes {', '.join(most)} or {last}, "
                            f"not {args.format!r}.")
    if args.output is not None and not args.output.strip():
        raise CareDataError("-o was given an empty file name.")
    with _service(location) as service, _readable():
        text, name = _export(service, args)
    written = _write(args, text)
    if written is not None:
        print(f"Wrote the care plan of {name} to {written}.", file=sys.stderr)
    return 0


def run_calendar(args: argparse.Namespace, location) -> int:
    """Write the calendar (`export/calendar.py`) of the window asked for."""
    if not 1 <= args.days <= CALENDAR_DAYS_MAX:
        raise CareDataError(f"--days takes 1 to {CALENDAR_DAYS_MAX}, not {args.days}.")
    if args.output is not None and not args.output.strip():
        raise CareDataError("-o was given an empty file name.")
    from datetime import UTC, datetime

    from carecli.data.versions import remember_generation
    from carecli.export.calendar import MARKER, calendar_ics

    with _service(location) as service, _readable():
        remember_generation(service.db)  # the key of the entries' UIDs
        text = calendar_ics(service.calendar_appointments(args.days),
                            service.calendar_work(args.days), now=datetime.now(UTC),
                            details=args.details, key=service.db.generation or "",
                            earlier=_earlier_calendar(args, MARKER))
    written = _write(args, text, marker=MARKER)
    if written is not None:
        print(f"Wrote the calendar of the next {args.days} days to {written}.", file=sys.stderr)
    return 0


def _earlier_calendar(args: argparse.Namespace, marker: str) -> str | None:
    """The calendar file `--force` replaces, when it is one carecli wrote: what is in it and
    no longer due is sent as cancelled (`export/calendar.py`). None when there is none."""
    from carecli.export.files import is_export

    if args.output is None or not args.force:
        return None
    from pathlib import Path

    path = Path(args.output).expanduser()
    if not path.is_file() or not is_export(path, marker):
        return None
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(EARLIER_MAX)
    except OSError:
        return None


@contextmanager
def _service(location) -> Iterator[Any]:
    """The data service on the database at `location`, only read and closed after."""
    from carecli.data.db import open_database
    from carecli.data.service import CareService

    if location.path is not None and not location.path.exists():
        raise CareDataError(f"There is no database at {location.display}; nothing was done.")
    steady_output()
    service = CareService(location, db=open_database(location))
    try:
        yield service
    finally:
        service.db.dispose()


def _write(args: argparse.Namespace, text: str, **marker: str) -> "Path | None":
    """Print `text`, or write it to `-o` (None: printed)."""
    if args.output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return None
    from pathlib import Path

    from carecli.export.files import FileExists, write_export

    try:
        return write_export(Path(args.output), text, replace=args.force, **marker)
    except FileExists as exc:
        raise CareDataError(f"{str(exc).rstrip('.')} (--force replaces a copy carecli wrote "
                            "earlier).") from None


def _export(service, args: argparse.Namespace) -> tuple[str, str]:
    from carecli.export import export_plan

    client_id, name = _one_client(service, args.client)
    plan = service.current_plan(client_id, draft=args.draft)
    if plan is None:
        raise CareDataError(_no_plan(service, client_id, name, args.draft))
    record = service.record(client_id).record
    return export_plan(args.format, plan, record, service.plan_standing(client_id)), name


def _no_plan(service, client_id: int, name: str, draft: bool) -> str:
    if draft:
        return f"{name} has no draft care plan; without --draft the finalised plan is exported."
    if service.current_plan(client_id, draft=True) is not None:
        return (f"{name} has no finalised care plan yet; --draft exports the draft being "
                "edited.")
    return f"{name} has no care plan yet."
