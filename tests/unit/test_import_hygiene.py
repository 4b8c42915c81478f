"""The pure layers and the command-line entry stay light: no Textual, SQLModel or SQLAlchemy."""

import json
import subprocess
import sys

import pytest

HEAVY = ("textual", "sqlmodel", "sqlalchemy")


def _loaded_after(code: str, names: tuple[str, ...] = HEAVY) -> dict[str, bool]:
    script = (
        "import json, sys\n"
        f"{code}\n"
        f"print(json.dumps({{name: name in sys.modules for name in {names!r}}}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pure_modules_import_no_ui_or_database() -> None:
    loaded = _loaded_after(
        "import carecli.clinical, carecli.domain.caseload, carecli.domain.history, "
        "carecli.domain.enums, carecli.domain.fields, carecli.domain.entry_fields, carecli.forms"
    )
    assert loaded == {name: False for name in HEAVY}


@pytest.mark.parametrize(
    "module",
    ["carecli.clinical", "carecli.domain.caseload", "carecli.domain.history",
     "carecli.domain.enums", "carecli.domain.fields", "carecli.domain.entry_fields",
     "carecli.forms", "carecli.config"],
)
def test_each_pure_module_alone(module: str) -> None:
    assert _loaded_after(f"import {module}") == {name: False for name in HEAVY}


def test_cli_module_is_light() -> None:
    assert _loaded_after("import carecli.cli") == {name: False for name in HEAVY}


def test_version_flag_is_light() -> None:
    loaded = _loaded_after(
        "from carecli.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code"
    )
    assert loaded == {name: False for name in HEAVY}


def test_version_flag_builds_no_command() -> None:
    """`carecli --version` answers before the subcommands' modules (and what they import:
    the domain's enums, the settings) are loaded."""
    names = ("carecli.cli_daily", "carecli.cli_export", "carecli.cli_today",
             "carecli.cli_import", "carecli.cli_config", "carecli.domain.enums",
             "carecli.settings")
    loaded = _loaded_after(
        "from carecli.cli import main\n"
        "assert main(['--version']) == 0", names)
    assert loaded == {name: False for name in names}


def test_help_reads_no_settings_file_machinery() -> None:
    """The `config` command's help names the settings (`settings.KEYS`); building the parser
    does not load TOML, the file locations or the field limits for it."""
    names = ("tomllib", "carecli.config", "carecli.domain.fields", "pathlib")
    loaded = _loaded_after("from carecli.cli import build_parser\nbuild_parser()", names)
    assert loaded == {name: False for name in names}


def test_the_app_loads_no_form_or_data_layer_before_its_first_screen() -> None:
    """What the queue's first frame does not need loads later: the forms (and Textual's text
    area) with the first form opened, SQLAlchemy, the holiday calendar and iCalendar in the
    worker that reads the rows or the command that needs them."""
    names = ("carecli.screens.form", "carecli.forms", "textual.widgets._text_area",
             "sqlalchemy", "holidays", "icalendar")
    assert _loaded_after("import carecli.app", names) == {name: False for name in names}


def test_the_check_detects_a_heavy_import() -> None:
    """The helper itself must be able to see a heavy import (guards the tests above)."""
    assert _loaded_after("import sqlalchemy")["sqlalchemy"] is True
