"""The action registry: every key named on screen comes from it, and every screen's bindings
are the registry's."""

import ast
import re
from dataclasses import replace
from pathlib import Path

import pytest

from carecli import actions
from carecli.actions import ACTIONS, REGISTRY, bindings_for, button, fill, key_of

SRC = Path(actions.__file__).parent
SCREEN_TEXT = [*sorted((SRC / "screens").glob("*.py")), *sorted((SRC / "widgets").glob("*.py"))]

KEY_IN_PROSE = re.compile(
    r"\bctrl\+|\bshift\+|\besc(ape)?\b|\bbackspace\b|\bf1\b|\benter\b|\bspace\b|↑↓"
    r"|\b(press|tab) +[^\s{]|\btype +[^\s{a-z]"  # "press a to add", "tab 6", "Type / and"
    r"|\([a-zA-Z/]\)"  # "status: all (f)"
    r"|^[a-zA-Z/]  |\S  [a-zA-Z/]$"  # "i  full intake", "Yes  y"
    r"|^/ |\bnumber keys \d|\b\d-\d (switch|pick)"  # "/ to filter", "Number keys 1-8"
    r"|\b[a-zA-Z] (adds|edits|removes|keeps|sets|starts|opens|puts|discharges|reactivates"
    r"|lets|saves|accepts|resumes|leaves|goes|closes)\b",  # "k keeps the current tier"
    re.IGNORECASE,
)
"""The shapes in which a key used to be typed into help text, hints, buttons and messages."""


def strings_shown(path: Path) -> list[str]:
    """The string constants of a module, without docstrings (those are for developers)."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


@pytest.mark.parametrize("path", SCREEN_TEXT, ids=lambda p: p.name)
def test_no_key_is_typed_into_screen_text(path):
    typed = [text for text in strings_shown(path) if KEY_IN_PROSE.search(text)]
    assert not typed, f"name these keys through carecli.actions: {typed}"


def test_the_check_finds_keys_typed_by_hand():
    for text in ("status: all (f)", "Save  ctrl+s", "No  n", "/ to filter by name",
                 "No clients yet: press n to add one.", "i  full intake", "(tab 6 to add)",
                 "k keeps the current tier", "escape goes back", "Number keys 1-8 switch tabs"):
        assert KEY_IN_PROSE.search(text), text
    for text in ("Filter by risk tier", "{record.hold} puts the client on hold", "Assess",
                 "press {record.add} to add", "a consent on Overview"):
        assert not KEY_IN_PROSE.search(text), text


def test_prose_follows_a_key_changed_in_the_registry(monkeypatch):
    from carecli.screens.record import RecordScreen
    from carecli.screens.summary import SummaryScreen

    assert "h puts the client on hold" in fill(RecordScreen.HELP)
    monkeypatch.setitem(ACTIONS, "record.hold", replace(ACTIONS["record.hold"], keys="j"))
    monkeypatch.setitem(ACTIONS, "summary.keep", replace(ACTIONS["summary.keep"], keys="K"))
    monkeypatch.setitem(ACTIONS, "form.save", replace(ACTIONS["form.save"], keys="f2"))
    assert "j puts the client on hold" in fill(RecordScreen.HELP)
    assert "h puts" not in fill(RecordScreen.HELP)
    assert "K keeps the current tier" in fill(SummaryScreen.HELP)
    assert button("form.save") == "Save  f2"


def test_keys_are_named_as_the_keyboard_shows_them():
    assert key_of("caseload.filter") == "/"
    assert key_of("record.remove") == "d" and ACTIONS["record.remove"].all_shown() == "d or del"
    assert key_of("record.tabs") == "1-9" and key_of("record.tabs", 6) == "6"
    assert fill("{wizard.next:all}, {wizard.back:2}") == "enter or tab, backspace"
    assert button("confirm.no") == "No  n"


def contexts():
    """Each context of the registry and the class whose bindings it declares."""
    from carecli.app import CareApp
    from carecli.screens.appointments import AppointmentScreen
    from carecli.screens.assess import StartScreen
    from carecli.screens.caseload import CaseloadScreen
    from carecli.screens.confirm import ConfirmScreen
    from carecli.screens.detail import DetailScreen
    from carecli.screens.form import FormScreen
    from carecli.screens.help import HelpScreen
    from carecli.screens.plan_dialogs import ElementsForm, PickScreen
    from carecli.screens.plan_editor import PlanScreen
    from carecli.screens.plan_versions import PlanDiffScreen, VersionsScreen
    from carecli.screens.queue import QueueScreen
    from carecli.screens.record import RecordScreen
    from carecli.screens.referrals import ReferralsScreen
    from carecli.screens.resources import ResourceScreen
    from carecli.screens.safety import SafetyScreen
    from carecli.screens.stays import StaysScreen
    from carecli.screens.summary import SummaryScreen
    from carecli.screens.timer import QuitWithTimerScreen
    from carecli.screens.welcome import WelcomeScreen
    from carecli.screens.wizard import AssessmentScreen
    from carecli.widgets.client_table import ClientTable

    return {"app": CareApp, "caseload": CaseloadScreen, "table": ClientTable,
            "record": RecordScreen, "start": StartScreen, "wizard": AssessmentScreen,
            "summary": SummaryScreen, "form": FormScreen, "safety": SafetyScreen,
            "confirm": ConfirmScreen, "welcome": WelcomeScreen, "detail": DetailScreen,
            "help": HelpScreen, "queue": QueueScreen, "timer": QuitWithTimerScreen,
            "plan": PlanScreen, "pick": PickScreen, "versions": VersionsScreen,
            "diff": PlanDiffScreen, "elements": ElementsForm,
            "referrals": ReferralsScreen, "resources": ResourceScreen, "stays": StaysScreen,
            "appointments": AppointmentScreen}


def test_every_action_is_bound_on_its_screen_as_declared():
    owners = contexts()
    assert {a.context for a in REGISTRY} - {"any"} == set(owners)
    for action in REGISTRY:
        if action.context == "any" or not action.bound or not action.key_list():
            continue
        declared = [b for b in owners[action.context].BINDINGS if b.id == action.id]
        keys = [k for b in declared for k in b.key.split(",")]
        assert keys == action.key_list()[:1 if action.numbered else None], action.id
        binding = declared[0]
        assert (binding.action, binding.description, binding.show) == (
            action.action.format(n=1), action.label, action.footer)
    for context, owner in owners.items():  # and nothing bound there by hand
        if context == "table":
            continue  # the table's own cursor keys (up, pagedown, home…) are not actions
        described = [b.id for b in owner.BINDINGS if b.description]
        assert set(described) <= set(ACTIONS), context


def test_numbered_keys_run_their_own_digit():
    keys = {b.key: b.action for b in bindings_for("wizard")}
    assert keys["1"] == "pick(1)" and keys["9"] == "pick(9)"


def test_each_action_is_declared_once():
    assert len(ACTIONS) == len(REGISTRY)


def test_palette_entries_say_what_they_do():
    for action in REGISTRY:
        if action.palette:
            assert action.help, action.id
            assert action.action, action.id


README = Path(__file__).parents[2] / "README.md"
README_PLACES = {"everywhere": ("app",), "queue": ("queue",),
                 "caseload": ("caseload", "table"), "record": ("record",),
                 "forms": ("form", "any")}
README_NAMES = {"?": "question_mark", "/": "slash", "F1": "f1"}


def test_the_readme_names_the_keys_of_the_registry():
    rows = [line.split("|")[1:3] for line in README.read_text().splitlines()
            if line.startswith("| ") and line.split("|")[1].strip() in README_PLACES]
    assert rows
    for place, cell in rows:
        known = {k for a in actions.in_context(*README_PLACES[place.strip()])
                 for k in a.key_list()}
        for key in re.findall(r"`([^`]+)`", cell):
            if " " in key:
                continue  # the table's own cursor keys (↑ ↓ PgUp …)
            assert README_NAMES.get(key, key) in known, (place.strip(), key)
