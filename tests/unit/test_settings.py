"""The care manager's own settings: `carecli config` shows and sets `care_manager_name` in a
private settings file carecli writes; a file carecli did not write is left alone, and bad
input gets one sentence."""

import stat

import pytest

from carecli.cli import main
from carecli.settings import (
    SettingsError,
    care_manager_name,
    remember_first_name,
    save_setting,
    settings_path,
)


def test_the_name_is_set_shown_and_kept_private(capsys) -> None:
    assert care_manager_name() is None
    assert main(["config"]) == 0
    assert capsys.readouterr().out == "care_manager_name is not set.\n"
    assert main(["config", "care_manager_name", ' Jo "JJ" Ames,\tRN ']) == 0
    assert care_manager_name() == 'Jo "JJ" Ames, RN'
    path = settings_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    capsys.readouterr()
    assert main(["config", "care_manager_name"]) == 0
    assert capsys.readouterr().out == "care_manager_name = 'Jo \"JJ\" Ames, RN'\n"


def test_bad_input_is_one_sentence(capsys) -> None:
    assert main(["config", "colour", "blue"]) == 1
    assert capsys.readouterr().err == ("carecli: There is no setting 'colour'; the settings "
                                       "are: care_manager_name.\n")
    assert main(["config", "care_manager_name", "  "]) == 1
    assert "takes a name of 1 to 120 characters" in capsys.readouterr().err
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("care_manager_name = [oops\n")
    assert main(["config"]) == 1
    assert "are not valid TOML" in capsys.readouterr().err


def test_a_file_carecli_did_not_write_is_left_alone(tmp_path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('care_manager_name = "Sam"\n# mine\n')
    assert care_manager_name(path) == "Sam"
    with pytest.raises(SettingsError, match="was not written by carecli"):
        save_setting("care_manager_name", "Jo", path)
    assert path.read_text() == 'care_manager_name = "Sam"\n# mine\n'


def test_only_the_first_name_is_remembered() -> None:
    remember_first_name("Dana Reyes RN")
    remember_first_name("Someone Else")
    assert care_manager_name() == "Dana Reyes RN"
