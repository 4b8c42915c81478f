"""`carecli export plan CLIENT --format html|markdown|fhir [-o FILE] [--draft] [--force]`: a
client's care plan as a page to print, Markdown or a FHIR R4 Bundle, to the screen or a file.

Only the standard library is imported up front (see `cli.py`). Bad input is one sentence and
a non-zero exit; a file is written 0600 and never over one carecli did not write.
"""

import argparse
import sys
from pathlib import Path

from carecli.cli_daily import _one_client, _readable
from carecli.cli_output import steady_output
from carecli.data.errors import CareDataError
from carecli.export import FORMATS

COMMAND = "export"

EPILOG = """Without -o the copy is printed. -o writes a new file, readable by you alone; an
existing file is refused, and --force replaces it only when it is a copy carecli wrote
earlier: carecli never overwrites a file it did not write."""


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    """Add `export plan` to the `carecli` parser's subcommands."""
    export = sub.add_parser(COMMAND, help="copies of a client's care plan to print or send",
                            description="Copies of a client's care plan to print or send.")
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


def run(args: argparse.Namespace, location) -> int:
    """Export the plan; the database is only read (one that is not there is not created)."""
    if args.format not in FORMATS:
        *most, last = FORMATS
        raise CareDataError(f"--format takes {', '.join(most)} or {last}, "
                            f"not {args.format!r}.")
    if args.output is not None and not args.output.strip():
        raise CareDataError("-o was given an empty file name.")
    from carecli.data.db import open_database
    from carecli.data.service import CareService

    if location.path is not None and not location.path.exists():
        raise CareDataError(f"There is no database at {location.display}; nothing was done.")
    steady_output()
    service = CareService(location, db=open_database(location))
    try:
        with _readable():
            text, name = _export(service, args)
    finally:
        service.db.dispose()
    if args.output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    from carecli.export.files import FileExists, write_export

    try:
        written = write_export(Path(args.output), text, replace=args.force)
    except FileExists as exc:
        raise CareDataError(f"{str(exc).rstrip('.')} (--force replaces a copy carecli wrote "
                            "earlier).") from None
    print(f"Wrote the care plan of {name} to {written}.", file=sys.stderr)
    return 0


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
