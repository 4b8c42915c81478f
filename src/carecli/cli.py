"""The `carecli` command: parse arguments, pick the database, then run the app or a command.

Only the standard library is imported up front; Textual and SQLAlchemy load in the command
that needs them, so `carecli --version` and `--help` stay instant. The subcommands' modules load
when the parser is built, which `carecli --version` alone does not need.
"""

import argparse
import os
import sys

from carecli import __version__

MAX_CLIENTS = 100_000
"""The largest demo caseload: ten times a big team's, built in a couple of minutes."""

COMMANDS_HELP = """Without a command, carecli opens the app.

The database is the file given by --db, else CARECLI_DATABASE_URL (a SQLAlchemy URL,
e.g. postgresql://user@host/carecli), else CARECLI_DB, else carecli.db in your user
data folder."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose refusals are one line: `carecli: <what is wrong>; see --help`."""

    def error(self, message: str):
        self.exit(2, f"carecli: {message}; see `{self.prog} --help`.\n")


def build_parser() -> argparse.ArgumentParser:
    from carecli import cli_config, cli_daily, cli_export, cli_import, cli_today

    parser = Parser(
        prog="carecli", epilog=COMMANDS_HELP,
        description="A keyboard-driven caseload app for care managers.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", metavar="PATH", help="the SQLite database file to use")
    parser.add_argument("--version", action="version", version=f"carecli {__version__}")
    parser.add_argument("--caseload", action="store_true",
                        help="open the app on the caseload (every client) instead of today's "
                             "queue")
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: `carecli --db X demo` keeps X instead of the subcommand's empty default
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="the SQLite database file to use")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    demo = sub.add_parser("demo", parents=[common], help="fill the database with a demo caseload",
                          description="Fill the database with a realistic synthetic caseload.")
    demo.add_argument("--clients", type=int, default=60, metavar="N",
                      help=f"how many clients, 1 to {MAX_CLIENTS:,} (default 60)")
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help="random seed; the same seed gives the same caseload (default 1)")
    demo.add_argument("--force", action="store_true",
                      help="replace what is in the database, after backing it up beside it")
    cli_daily.add_commands(sub, common)
    cli_today.add_parser(sub, common)
    cli_export.add_parser(sub, common)
    cli_config.add_parser(sub)
    cli_import.add_parser(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else argv) == ["--version"]:
        print(f"carecli {__version__}")  # what the parser says, without building every command
        return 0
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.caseload and args.command:
        parser.error(f"--caseload opens the app on the caseload; it does not go with "
                     f"`{args.command}`")
    os.umask(0o077)  # every file we create is private to this user
    from carecli import cli_config, cli_daily, cli_export, cli_import, cli_today
    from carecli.config import resolve_database
    from carecli.data.errors import CareDataError

    try:
        if args.command == cli_config.COMMAND:
            return cli_config.run(args)
        location = resolve_database(args.db)
        if args.command == "demo":
            return run_demo(location, clients=args.clients, seed=args.seed, force=args.force)
        if args.command in cli_daily.COMMANDS:
            return cli_daily.run(args, location)
        if args.command == "today":
            return cli_today.run(location, args)
        if args.command == cli_export.COMMAND:
            return cli_export.run(args, location)
        if args.command == cli_import.COMMAND:
            return cli_import.run(args, location)
        return run_app(location, home="caseload" if args.caseload else "queue")
    except CareDataError as exc:
        print(f"carecli: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output went to a program that stopped reading (`| head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        return 1
    except OSError as exc:  # the system refused a path or the output; say which, plainly
        print(f"carecli: {_os_failure(exc)}", file=sys.stderr)
        return 1


def _os_failure(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if exc.filename is not None:
        return f"Cannot use {exc.filename}: {reason}."
    return f"Stopped by the system: {reason}."


def run_app(location, home: str = "queue") -> int:
    from carecli.data.precheck import inspect_file

    if location.path is not None:
        # refuse a bad file before the screen opens
        inspect_file(location.path, create_folder=location.is_default)
    from carecli.app import CareApp
    from carecli.data.service import CareService

    app = CareApp(CareService(location), home=home)
    result = app.run()
    if app.return_code:
        print(f"carecli: {result}", file=sys.stderr)
    return app.return_code or 0


def run_demo(location, *, clients: int, seed: int, force: bool) -> int:
    if not 1 <= clients <= MAX_CLIENTS:
        print(f"carecli: --clients takes a number from 1 to {MAX_CLIENTS:,}, not {clients:,}.",
              file=sys.stderr)
        return 2
    from carecli.data.db import open_database
    from carecli.demo import build_demo

    db = open_database(location)
    progress = Progress(clients, sys.stderr)
    try:
        summary = build_demo(db=db, clients=clients, seed=seed, force=force, progress=progress,
                             before_replace=lambda: back_up(location))
    finally:
        progress.close()
        db.dispose()  # close every connection: the write-ahead log goes into the file
    print(f"Demo caseload: {summary.clients:,} clients written to {location.display} "
          f"in {summary.seconds:.1f} s.")
    return 0


def back_up(location) -> None:
    """Back up the database `demo --force` is about to replace, and say where the copy is; a
    failed backup raises, and then nothing is replaced. A server database gets a pointer to
    pg_dump instead (carecli never copies a server's data itself)."""
    if location.path is None:
        print(f"carecli: no backup was taken of the server database {location.display}; "
              "pg_dump makes one (pg_dump -Fc -f carecli.dump DATABASE_URL).",
              file=sys.stderr, flush=True)
        return
    from carecli.data.backup import backup_database

    target = backup_database(location.path)
    print(f"Backed up the database to {target} before replacing it.", flush=True)


class Progress:
    """"Building 5,000 clients… 40%" on `stream`: rewritten in place on a terminal; otherwise
    (a log, a pipe) a plain line at the start and at each further quarter."""

    def __init__(self, total: int, stream) -> None:
        self.total = total
        self.stream = stream
        self.in_place = stream.isatty()
        self.quarter = -1

    def __call__(self, done: int) -> None:
        percent = done * 100 // self.total
        line = f"Building {self.total:,} clients… {percent}%"
        if self.in_place:
            self.stream.write(f"\r{line}")
            self.stream.flush()
        elif percent // 25 > self.quarter:
            self.quarter = percent // 25
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        """Clear the line on a terminal, so what follows starts at its left edge."""
        if self.in_place:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
