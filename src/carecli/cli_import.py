"""`carecli import resources PATH`: an Open Referral HSDS directory (a folder of CSV files, or a
.zip of one) into the community resource directory, all or nothing.

Only the standard library is imported up front (see `cli.py`). A path that is not a directory
is one sentence; bad rows are listed every one as `file:line: sentence` and nothing is
imported; both exit 1.
"""

import argparse
import sys
from pathlib import Path

from carecli.data.errors import CareDataError

COMMAND = "import"

EPILOG = """Every service becomes a resource, with its organization's name, a phone (the
service's own, else its location's, else its organization's), an address and a category.
Inactive, defunct and temporarily closed services are kept, marked inactive. Importing the
same directory again updates what changed (matched by the service's id) and never adds a
resource twice; a resource typed by hand is never touched. One bad row imports nothing: every
bad row is listed by file and line (the header is line 1)."""


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    """Add `import resources` to the `carecli` parser's subcommands."""
    imports = sub.add_parser(COMMAND, help="community resources from an Open Referral directory",
                             description="Bring data from elsewhere into carecli.")
    kinds = imports.add_subparsers(dest="import_kind", metavar="WHAT", title="what to import",
                                   required=True)
    resources = kinds.add_parser(
        "resources", parents=[common], epilog=EPILOG,
        help="an Open Referral (HSDS) directory of community resources",
        description="An Open Referral Human Services Data Specification (HSDS 1.x to 3.x) "
                    "directory, as a folder of CSV files (services.csv, organizations.csv, "
                    "locations.csv, phones.csv, ...) or a .zip of it.")
    resources.add_argument("path", metavar="PATH", help="the folder or .zip file")


def run(args: argparse.Namespace, location) -> int:
    from carecli.hsds import HsdsInvalid, read_directory

    if location.path is not None and not location.path.exists():
        raise CareDataError(f"There is no database at {location.display}; open carecli once "
                            "(or run `carecli demo`) first. Nothing was imported.")
    try:
        directory = read_directory(Path(args.path).expanduser())
    except HsdsInvalid as exc:
        print(f"carecli: {exc}", file=sys.stderr)
        return 1
    from carecli.data.db import open_database
    from carecli.data.resource_import import import_directory

    db = open_database(location)
    try:
        counts = import_directory(db=db, directory=directory)
    finally:
        db.dispose()
    print(summary(len(directory.resources), counts))
    return 0


def summary(services: int, counts) -> str:
    """What the import did, in one line (and one more for resources it no longer lists)."""
    noun = "service" if services == 1 else "services"
    line = (f"Imported {services:,} {noun}: {counts.added:,} added, {counts.updated:,} updated, "
            f"{counts.unchanged:,} unchanged, {counts.marked_inactive:,} marked inactive.")
    if counts.not_listed:
        line += (f"\n{counts.not_listed:,} resources imported earlier are not in this directory; "
                 "they were left as they were.")
    return line
