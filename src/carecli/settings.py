"""The care manager's own settings, kept per login (a team shares one database, not one name):
a small TOML file, `settings.toml`, in the user's config folder, written by carecli alone.
Today it holds `care_manager_name`, the name a finalised plan is signed with. Cheap to import:
every command loads it for `KEYS` (the `config` command's help in the parser), so TOML, the
paths and the field limits load in the function that needs them."""

import os
from typing import TYPE_CHECKING

from carecli.data.errors import CareDataError

if TYPE_CHECKING:
    from pathlib import Path

FILENAME = "settings.toml"
MARKER = "# carecli settings: written by carecli (`carecli config`)."
KEYS = {"care_manager_name": "the name your finalised care plans are signed with"}


class SettingsError(CareDataError):
    """The settings file cannot be read or written, or a setting is not valid."""


def settings_path() -> "Path":
    from platformdirs import user_config_path

    from carecli.config import APP_NAME

    return user_config_path(APP_NAME, appauthor=False) / FILENAME


def read_settings(path: "Path | None" = None) -> dict[str, str]:
    """Every setting kept (none when there is no file yet)."""
    import tomllib

    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"Cannot read the settings in {path}: {exc}.") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"The settings in {path} are not valid TOML ({exc}); fix or "
                            "remove the file.") from exc
    return {key: _one_line(value) for key, value in data.items()
            if key in KEYS and isinstance(value, str) and _one_line(value)}


def known(key: str) -> str:
    """`key`, when it names a setting."""
    if key not in KEYS:
        raise SettingsError(f"There is no setting {key!r}; the settings are: {', '.join(KEYS)}.")
    return key


def care_manager_name(path: "Path | None" = None) -> str | None:
    return read_settings(path).get("care_manager_name")


def save_setting(key: str, value: str, path: "Path | None" = None) -> str:
    """Keep one setting (0600 file, 0700 folder) and return the value as kept. The file is
    replaced whole, so only a file carecli wrote (it starts with `MARKER`) is replaced."""
    import json

    from carecli.domain.fields import NAME_MAX

    known(key)
    value = _one_line(value)
    if not value or len(value) > NAME_MAX:
        raise SettingsError(f"{key} takes a name of 1 to {NAME_MAX} characters.")
    path = path or settings_path()
    settings = read_settings(path)
    if path.exists() and not path.read_text(encoding="utf-8").startswith(MARKER):
        raise SettingsError(f"{path} was not written by carecli, so it is left alone; move it "
                            "away to keep settings there.")
    settings[key] = value
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    lines = [MARKER] + [f"{k} = {json.dumps(v, ensure_ascii=False)}"
                        for k, v in sorted(settings.items())]
    new = path.with_name(f".{FILENAME}.new")
    fd = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    os.replace(new, path)
    return value


def _one_line(value: str) -> str:
    from carecli.plain import one_line  # Rich: not for `carecli --help`

    return one_line(value)


def remember_first_name(name: str | None) -> None:
    """Keep `name` as `care_manager_name` when none is kept yet (the first plan finalised
    teaches carecli who signs). A settings file that cannot be written only means the name is
    asked again next time, so that is not an error here."""
    if not name:
        return
    try:
        if care_manager_name() is None:
            save_setting("care_manager_name", name)
    except (SettingsError, OSError):
        return
