"""`carecli config [KEY [VALUE]]`: show or set the care manager's own settings (see
`settings.py`), e.g. `carecli config care_manager_name "Jo Ames, RN"`. Only the standard
library is imported up front (see `cli.py`)."""

import argparse

COMMAND = "config"


def add_parser(sub) -> None:
    """Add `config` to the `carecli` parser's subcommands."""
    from carecli.settings import KEYS

    config = sub.add_parser(
        COMMAND, help="show or set your own settings (such as your name on care plans)",
        description="Show your settings, or set one: "
                    + "; ".join(f"{key}: {what}" for key, what in KEYS.items()) + ".")
    config.add_argument("key", nargs="?", metavar="KEY", help="the setting to show or set")
    config.add_argument("value", nargs="?", metavar="VALUE", help="its new value")


def run(args: argparse.Namespace) -> int:
    from carecli.settings import KEYS, known, read_settings, save_setting, settings_path

    if args.key is not None and args.value is not None:
        kept = save_setting(args.key, args.value)
        print(f"{args.key} is now {kept!r} (kept in {settings_path()}).")
        return 0
    settings = read_settings()
    for key in KEYS if args.key is None else (known(args.key),):
        print(f"{key} = {settings[key]!r}" if key in settings else f"{key} is not set.")
    return 0
