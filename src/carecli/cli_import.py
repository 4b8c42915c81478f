"""`carecli import resources PATH`: an Open Referral HSDS directory (a folder of CSV files, or a
.zip of one) into the community resource directory, all or nothing.

Only the standard library is imported up front (see `cli.py`). A path that is not a directory
is one sentence; bad rows are listed every one as `file:line: sentence` and nothing is
imported; both exit 1.
"""

import argparse
import sys

from carecli.data.errors import CareDataError
from carecli.words import counted

COMMAND = "import"

EPILOG = """Every service becomes a resource, with its organization's name, a phone (the
service's own, else its location's, else its organization's), an address and a category.
Inactive, defunct and temporarily closed services are kept, marked inactive. A website that is
not a web address is left out (and counted). The directory is known by a name: the title in
its datapackage.json, else the folder's or .zip file's name, or --source NAME. Importing the
same directory again updates what changed (matched by the service's id within that name) and
never adds a resource twice; another directory's resources are never touched, nor a resource
typed by hand, nor a field you changed by hand since the last import (an inactive mark too).
One bad row imports nothing: every bad row is listed by file and line (the header is line
1)."""


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
    resources.add_argument("--source", metavar="NAME",
                           help="the directory's name (default: the title in its "
                                "datapackage.json, else the folder's or .zip file's name); "
                                "give the same name to update an earlier import")


def run(args: argparse.Namespace, location) -> int:
    from pathlib import Path

    from carecli.hsds import HsdsInvalid, read_directory

    if location.path is not None and not location.path.exists():
        raise CareDataError(f"There is no database at {location.display}; open carecli once "
                            "(or run `carecli demo`) first. Nothing was imported.")
    try:
        directory = read_directory(Path(args.path).expanduser(), args.source)
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
    print(summary(len(directory.resources), counts, directory.websites_dropped))
    return 0


def summary(services: int, counts, websites_dropped: int = 0) -> str:
    """What the import did, in one line, then a line for each thing to know: the directory
    is new beside others, fields kept as edited by hand, websites left out, resources it no
    longer lists."""
    added = f"{counts.added:,} added"
    if counts.added_inactive:
        added += f" ({counts.added_inactive:,} inactive)"
    lines = [f"Imported {counted(services, 'service')} from \"{counts.source}\": {added}, "
             f"{counts.updated:,} updated, {counts.unchanged:,} unchanged, "
             f"{counts.marked_inactive:,} now inactive."]
    if counts.new_source and counts.other_sources:
        earlier = ", ".join(f'"{name}"' for name in counts.other_sources)
        lines.append(f"This is a new directory beside {earlier}, whose resources were not "
                     "touched; to update one of those instead, import again with --source "
                     "and its name.")
    if kept := counts.kept_edited:
        lines.append(f"{counted(kept, 'resource')} kept what you edited by "
                     "hand where the directory changed it too.")
    if dropped := websites_dropped:
        lines.append(f"{dropped:,} website{'s were' if dropped != 1 else ' was'} left out: not "
                     "a web address (http or https, with a site name).")
    if gone := counts.not_listed:
        lines.append(f"{counted(gone, 'resource')} imported earlier from this "
                     f"directory {'are' if gone != 1 else 'is'} not in it now; left as "
                     f"{'they were' if gone != 1 else 'it was'}.")
    return "\n".join(lines)
